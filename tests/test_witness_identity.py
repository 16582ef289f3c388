"""No witness identity in any output: a witness source is shown by its pseudonym only.

A marker is planted in the id, title, author, note, locator and provenance (``url``, ``archived_url``,
``collected_by``) of a witness source; no output of any
command, in any format, may hold one — results, traces, memos (with their annex), batch results and
summaries, warnings, error messages. To cover a new output (a memo format, an importer, an API), add
it to ``OUTPUTS``: its arguments, with ``{file}``, ``{jsonl}`` and ``{out}`` (a folder whose files are
read too; a Word file is read back with python-docx, and every XML part of it as well) filled in.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from typer.testing import CliRunner

from engine import witnesses
from engine.load import parse_text
from engine.cli import app

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests/bad_input/base.yaml").read_text(encoding="utf-8")

WITNESS_ID = "WitZQXid"  # the markers: none may appear in any output
MARKERS = [WITNESS_ID, WITNESS_ID.lower(), "ＷｉｔＺＱＸｉｄ", "ZQXtitle", "ZQXauthor", "ZQXnote", "ZQXlocator", "ZQXcollector", "zqxurl", "zqxarchive",
           "zqxconfidential"]  # the last: the address of a confidential source that is not a witness
PSEUDONYM = "Witness A"

OUTPUTS = {
    "validate": ["validate", "{file}"],
    "validate-json": ["validate", "{file}", "--format", "json"],
    "assess": ["assess", "{file}"],
    "assess-json": ["assess", "{file}", "--format", "json"],
    "assess-account": ["assess", "{file}", "--account", "attacker"],
    "trace": ["trace", "{file}"],
    "trace-json": ["trace", "{file}", "--format", "json"],
    "memo": ["memo", "{file}"],
    "memo-file": ["memo", "{file}", "-o", "{out}/memo.md"],
    "memo-html": ["memo", "{file}", "--format", "html"],
    "memo-html-file": ["memo", "{file}", "--format", "html", "-o", "{out}/memo.html"],
    "memo-docx": ["memo", "{file}", "--format", "docx", "-o", "{out}/memo.docx"],
    "trace-html": ["trace", "{file}", "--format", "html", "-o", "{out}/trace.html"],
    "what-if": ["what-if", "{file}", "--set", "civilians.present=false"],
    "what-if-json": ["what-if", "{file}", "--set", "civilians.present=false", "--format", "json"],
    "what-if-bad-value": ["what-if", "{file}", "--set", "civilians.present=maybe"],
    # a typo in a citation: the did-you-mean names the witness by pseudonym
    "what-if-cited-with-typo": ["what-if", "{file}", "--set", "civilians.present.sources=[WitZQXix]"],
    "batch": ["batch", "{file}"],
    "batch-files": ["batch", "{file}", "-o", "{out}/results.jsonl", "--memo-dir", "{out}/memos"],
    "batch-jsonl": ["batch", "{jsonl}"],
    "batch-summary": ["batch", "{file}", "-o", "{out}/results.jsonl", "--summary", "{out}/summary.md"],
    "triage": ["triage", "{file}"],
    "triage-json": ["triage", "{file}", "--format", "json"],
}


def _incident(edit: str = "") -> str:
    """The corpus base file with its witness W1 renamed and marked, cited from the incident, an account
    and another source's ``derived_from``; then ``edit`` applied (``old=>new``, several joined by ``" && "``)."""
    text = re.sub(r"\bW1\b", WITNESS_ID, BASE)
    text = text.replace(f"pseudonym: {WITNESS_ID}", f"pseudonym: {PSEUDONYM}")
    text = text.replace("    title: Interview with a shopkeeper who survived",
                        "    title: Interview with ZQXtitle\n    author: ZQXauthor\n    note: Lives by ZQXnote\n"
                        "    locator: Notebook ZQXlocator, p. 3\n"
                        "    provenance:\n      url: https://zqxurl.example/interview\n"
                        "      archived_url: https://zqxarchive.example/copy\n      collected_by: ZQXcollector\n"
                        "      collected_at: 2020-01-02T03:04:05Z")
    text = text.replace("        sources: [S4]\n        attacker_knowledge: could_not_have_known",
                        f"        sources: [S4, {WITNESS_ID}]\n        attacker_knowledge: could_not_have_known")
    text = text.replace("    title: Fictional report on the conflict",
                        f"    title: Fictional report on the conflict\n    derived_from: [{WITNESS_ID}]")
    for change in filter(None, edit.split(" && ")):
        old, new = change.split("=>")
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


INCIDENTS = {
    "valid": "",
    # a second witness that nothing cites: a warning about it
    "uncited-witness": f"  - id: S4\n=>  - id: {WITNESS_ID}2\n    type: witness_interview\n    pseudonym: Witness B\n"
                       "    title: Second interview ZQXtitle\n  - id: S4\n",
    # the witness's id written into free text (the summary, a fact's note): every output shows the pseudonym
    "id-in-text": f"  summary: A fictional incident=>  summary: As {WITNESS_ID} told us, a fictional incident"
                  f" && note: Not established.=>note: Not established; {WITNESS_ID} did not know.",
    # a typo in a citation: a did-you-mean that must not name the witness's id
    "cited-with-typo": f"      value: {{min: 10, max: 20}}\n      sources: [{WITNESS_ID}]=>"
                       "      value: {min: 10, max: 20}\n      sources: [WitZQXix]",
    # the witness's pseudonym taken by another source
    "pseudonym-taken": "    title: Statement of Party A=>    title: Statement of Party A\n    pseudonym: Witness A",
    # another source's pseudonym is the witness's id
    "pseudonym-is-witness-id": f"    title: Statement of Party A=>    title: Statement of Party A\n    pseudonym: {WITNESS_ID}",
    # the witness declared twice
    "witness-declared-twice": f"  - id: S4\n=>  - id: {WITNESS_ID}\n    type: witness_interview\n    pseudonym: W2\n"
                              "    title: Second interview ZQXtitle\n  - id: S4\n",
    # the id in the incident's title, place and attacker (shown by every output, triage and batch lines too)
    "id-in-fields": f"  title: Fictional air strike=>  title: {WITNESS_ID} case, fictional air strike"
                    f" && name: Market building on the main road=>name: Market building of {WITNESS_ID}"
                    f" && party: Party A=>party: Party A with {WITNESS_ID}",
    # the id written in another case or in full-width letters: the same id to a reader
    "id-varied": f"note: Not established.=>note: Not established; {WITNESS_ID.lower()} and ＷｉｔＺＱＸｉｄ did not know.",
    # a value of the witness source refused (a control character): the error must not repeat it
    "witness-title-refused": '    title: Interview with ZQXtitle=>    title: "Interview with ZQXtitle \\e"',
    # the witness's title written as a value of the wrong type: the error must not quote it, even cut short
    "title-as-wrong-value": "    attribution:\n      value: true=>    attribution:\n      value: Interview with ZQXtitle"
                            ", the sole survivor of the strike, who owned the building with his family",
    # attribution recorded false on the witness's word: every finding against the attacker cites it
    "not-attributed": f"    attribution:\n      value: true\n      sources: [S2]=>"
                      f"    attribution:\n      value: false\n      sources: [{WITNESS_ID}]",
    # the witness's addresses refused (not web addresses), and a confidential source's: no error repeats them
    "witness-address-refused": "url: https://zqxurl.example/interview=>url: ftp://zqxurl.example/interview"
                               " && archived_url: https://zqxarchive.example/copy=>archived_url: zqxarchive.example/copy"
                               " && title: Statement of Party A=>title: Statement of Party A\n    provenance:\n"
                               "      url: ftp://zqxconfidential.example/leak\n      sensitivity: confidential",
    # an error inside the witness source
    "bad-witness-field": "    title: Interview with ZQXtitle=>    title: Interview with ZQXtitle\n    reliability: very",
}


def _word(path: Path) -> str:
    """A Word file's text as python-docx reads it (paragraphs, tables, page headers and footers), then
    the raw XML of every part (endnotes, properties: whatever python-docx does not expose)."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts += [p.text for section in document.sections for part in (section.header, section.footer)
              for p in part.paragraphs]
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as package:
        texts += [package.read(n).decode("utf-8") for n in sorted(package.namelist()) if n.endswith((".xml", ".rels"))]
    return "\n".join(texts)


def _run(args: list[str], tmp_path: Path) -> str:
    """Everything the command shows or writes: stdout, stderr, and every file it wrote under ``out``."""
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 2), result.stdout + result.stderr  # done, or bad input: never a crash
    written = sorted(p for p in (tmp_path / "out").rglob("*") if p.is_file())
    return "\n".join([result.stdout, result.stderr,
                      *(_word(p) if p.suffix == ".docx" else p.read_text(encoding="utf-8") for p in written)])


@pytest.mark.parametrize("incident", INCIDENTS)
@pytest.mark.parametrize("output", OUTPUTS)
def test_no_output_shows_a_witness_identity(output, incident, tmp_path):
    text = _incident(INCIDENTS[incident])
    file = tmp_path / "incident.yaml"
    file.write_text(text, encoding="utf-8")
    jsonl = tmp_path / "incidents.jsonl"
    jsonl.write_text(json.dumps(yaml.safe_load(text), default=str) + "\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    args = [a.format(file=file, jsonl=jsonl, out=tmp_path / "out") for a in OUTPUTS[output]]
    shown = _run(args, tmp_path)
    assert shown.strip()
    assert [line for line in shown.splitlines() if any(m in line for m in MARKERS)] == []


def test_witness_cited_by_pseudonym_in_json_and_memo(tmp_path):
    file = tmp_path / "incident.yaml"
    file.write_text(_incident(), encoding="utf-8")
    runner = CliRunner()
    assessment = json.loads(runner.invoke(app, ["assess", str(file), "--format", "json"]).stdout)[0]
    cited = {s for f in assessment["findings"] for s in f["sources"]}
    assert PSEUDONYM in cited
    memo = runner.invoke(app, ["memo", str(file)]).stdout
    assert f"| {PSEUDONYM} | witness interview |" in memo


@pytest.mark.parametrize("written, what", [
    ("interview with zqxtitle", "title"), ("ZQXauthor", "author"), ("Notebook ZQXlocator, p. 3", "locator"),
])
def test_a_witness_identity_written_into_other_text_is_a_located_warning(written, what, tmp_path):
    text = _incident(f"      note: Not established.=>      note: As {written} told us.")
    file = tmp_path / "incident.yaml"
    file.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"      note: As {written} told us.") + 1
    result = CliRunner().invoke(app, ["validate", str(file), "--format", "json"])
    assert result.exit_code == 0, result.stdout + result.stderr
    (problem,) = json.loads(result.stdout)[0]["problems"]
    assert (problem["line"], problem["path"], problem["severity"]) == (
        line, "incident.target.effective_contribution.note", "warning")
    assert problem["message"] == (f"this note contains the identity of witness '{PSEUDONYM}' (sources.4) (its {what}): "
                                  "outputs replace it by the pseudonym as written here, but not another spelling or "
                                  "part of it; remove it and name the witness by its pseudonym only")
    assert [m for m in MARKERS if m in result.stdout + result.stderr] == []


@pytest.mark.parametrize("written", ["interview with zqxtitle", "ZQXAUTHOR", "notebook zqxlocator, p. 3"])
def test_a_witness_identity_the_loader_recognises_is_printed_as_the_pseudonym(written, tmp_path):
    """What the warning recognises (a witness's title, author or locator, in any case) is not printed
    either: every output shows the pseudonym in its place."""
    file = tmp_path / "incident.yaml"
    file.write_text(_incident(f"  summary: A fictional incident=>  summary: As {written} told us, a fictional incident"),
                    encoding="utf-8")
    for args in (["memo", str(file)], ["memo", str(file), "--format", "html"], ["assess", str(file), "--format", "json"]):
        shown = CliRunner().invoke(app, args).stdout
        assert [m for m in MARKERS if m.casefold() in shown.casefold()] == [], args
        assert args[0] != "memo" or f"As {PSEUDONYM} told us, a fictional incident" in shown, args


def test_a_witness_name_inside_a_longer_word_or_in_its_own_fields_is_no_warning(tmp_path):
    file = tmp_path / "incident.yaml"
    file.write_text(_incident(f"      note: Not established.=>      note: See {WITNESS_ID}9 and X{WITNESS_ID}."),
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(file), "--format", "json"])
    assert json.loads(result.stdout)[0]["problems"] == []


def test_a_witness_id_written_into_other_text_is_no_warning_and_every_output_shows_the_pseudonym(tmp_path):
    file = tmp_path / "incident.yaml"
    file.write_text(_incident(INCIDENTS["id-in-text"]), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(file), "--format", "json"])
    assert json.loads(result.stdout)[0]["problems"] == []
    memo = CliRunner().invoke(app, ["memo", str(file)]).stdout
    assert f"As {PSEUDONYM} told us, a fictional incident" in memo
    assert WITNESS_ID not in memo


@pytest.mark.parametrize("name, where", [
    ("AIR", "air_strike"),  # inside a controlled term: its underscore joins words, as in an identifier
    ("Artillery", "artillery"),  # a whole controlled term: printed from the engine's labels, not as written
])
def test_a_witness_name_in_a_controlled_term_is_no_mention(name, where):
    data = {"incident": {"attack": {"type": where, "note": f"Seen by {name.lower()} from the roof."}},
            "sources": [{"id": "W9", "type": "witness_interview", "title": name, "pseudonym": "W-1"}]}
    assert witnesses.mentions(data) == [(("incident", "attack", "note"), "W9", "title")]


@pytest.mark.parametrize("written, seen", [
    ("Met ı at the site.", "Met W-1 at the site."),  # a dotless ı matches the id i ignoring case (found by fuzzing)
    ("Met I at the site.", "Met W-1 at the site."),
    ("Ｉ said so.", "W-1 said so."),  # full-width
])
def test_a_witness_id_matched_ignoring_case_is_replaced_however_case_folding_spells_it(written, seen):
    from engine.model import Source, SourceType

    sources = [Source(id="i", type=SourceType.witness_interview, title="Interview", pseudonym="W-1")]
    assert witnesses.text(written, sources) == seen


# The HTTP API (`ihl serve`) and its review page: every route that reads an incident, every format.
API_TOKEN = "witness-test-token-0123"
API_OUTPUTS = {
    "validate": ("/validate", {}), "assess": ("/assess", {}), "assess-account": ("/assess", {"account": "attacker"}),
    "trace": ("/trace", {}), "trace-html": ("/trace", {"format": "html"}),
    "what-if": ("/what-if", {"set": "civilians.present=false"}), "what-if-bad-value": ("/what-if", {"set": "civilians.present=maybe"}),
    "memo": ("/memo", {}), "memo-html": ("/memo", {"format": "html"}), "memo-docx": ("/memo", {"format": "docx"}),
    "page": ("/", {}), "page-what-if": ("/", {"set": "civilians.present=false"}), "download-docx": ("/download", {"format": "docx"}),
}


@pytest.fixture(scope="module")
def api_client():
    from fastapi.testclient import TestClient

    from engine.serve import Limits, create_app

    with TestClient(create_app(API_TOKEN, Limits(workers=2, timeout=120))) as client:
        client.cookies.set("ihl_token", API_TOKEN)  # the review page's cookie
        yield client


@pytest.mark.parametrize("incident", INCIDENTS)
@pytest.mark.parametrize("output", API_OUTPUTS)
def test_no_api_answer_or_log_shows_a_witness_identity(api_client, output, incident, tmp_path, caplog):
    caplog.set_level("DEBUG")
    route, params = API_OUTPUTS[output]
    text = _incident(INCIDENTS[incident])
    if route in ("/", "/download"):  # the review page's form, as a browser sends it
        form = {"incident": text}
        if "set" in params:
            form["set"] = params["set"]
        response = api_client.post(route, data=form, params={k: v for k, v in params.items() if k != "set"})
    else:
        response = api_client.post(route, content=text.encode("utf-8"), params=params,
                                   headers={"Authorization": f"Bearer {API_TOKEN}", "Content-Type": "application/yaml"})
    assert response.status_code in (200, 422), response.text  # done, or bad input: never a crash
    if response.headers["content-type"].startswith("application/vnd.openxmlformats"):
        (tmp_path / "answer.docx").write_bytes(response.content)
        shown = _word(tmp_path / "answer.docx")
    else:
        shown = response.text
    shown += "\n" + caplog.text
    assert shown.strip()
    assert [line for line in shown.splitlines() if any(m in line for m in MARKERS)] == []


def test_the_controlled_terms_are_exactly_what_the_format_schema_lists():
    # read from the field types; the JSON schema (`ihl schema`) is the reference
    from engine.model import IncidentFile

    listed: set[str] = set()
    stack: list = [IncidentFile.model_json_schema()]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            listed.update(v for v in node.get("enum", ()) if isinstance(v, str))
            listed.update([node["const"]] if isinstance(node.get("const"), str) else [])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert witnesses._vocabulary() == listed
    assert {"air_strike", "artillery", "witness_interview", "should_have_known"} <= listed


def test_a_witness_id_is_replaced_in_free_text_but_not_in_a_controlled_term():
    loaded = parse_text(_incident(), "incident.yaml")
    sources = [s.model_copy(update={"id": "AIR"}) if s.id == WITNESS_ID else s for s in loaded.file.sources]
    incident = loaded.file.incident.model_copy(update={"summary": "AIR saw it; AIRS and AIR-2 did not."})
    shown = witnesses.shown(incident, sources)
    assert shown.summary == f"{PSEUDONYM} saw it; AIRS and AIR-2 did not."
    assert shown.attack.type.value == "air_strike" and shown.id == incident.id


def test_the_witness_patterns_kept_are_bounded():
    # one pattern per distinct set of ids or names: a batch of many files must not keep one for each
    for i in range(witnesses._pattern.cache_info().maxsize + 10):
        witnesses._pattern((f"W{i}",))
        witnesses._name_pattern((f"Witness number {i}",))
    assert witnesses._pattern.cache_info().currsize == witnesses._name_pattern.cache_info().currsize == 512
