"""ihl batch: many incidents, JSONL results in input order, a summary of patterns, bad files and crashed
workers reported by name and skipped."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine import accounts, api, assessment, batch, rulebook, settings
from engine.cli import app
from engine.findings import STATUSES
from engine.isolation import CRASH_ENV

ALPHA = """\
schema_version: 1
incident:
  id: test-alpha-1
  title: Test strike one, little is known
  when: {date: 2020-01-15}
  place: {name: A village, country: Nowhere}
  conflict: {classification: {value: NIAC, sources: [S1]}}
  attacker: {party: Alpha}
  attack:
    type: air_strike
    weapon: {category: guided_bomb}
  object_struck: {description: A house}
  civilians:
    present: {value: true, sources: [S1], attacker_knowledge: knew}
sources:
  - {id: S1, type: ngo_report, title: A report}
"""

BETA = {
    "schema_version": 1,
    "incident": {
        "id": "test-beta-2",
        "title": "Test strike two, on an object that made no military contribution",
        "when": {"date": "2020-02-03"},
        "place": {"name": "A town", "country": "Nowhere"},
        "conflict": {"classification": {"value": "IAC", "sources": ["S1"]}},
        "attacker": {"party": "Beta"},
        "attack": {"type": "artillery", "weapon": {"category": "artillery_shell"},
                   "directed_at_specific_objective": {"value": True, "sources": ["S1"]}},
        "target": {
            "kind": {"value": "object", "sources": ["S1"]},
            "effective_contribution": {"value": False, "sources": ["S1"], "attacker_knowledge": "knew"},
            "definite_military_advantage": {"value": False, "sources": ["S1"], "attacker_knowledge": "knew"},
        },
        "object_struck": {"description": "A school", "is_claimed_target": {"value": True, "sources": ["S1"]}},
        "civilians": {"present": {"value": True, "sources": ["S1"], "attacker_knowledge": "knew"}},
        "precautions": {"verification": {"feasible_steps_taken": {"value": False, "sources": ["S1"],
                                                                  "attacker_knowledge": "knew"}}},
    },
    "sources": [{"id": "S1", "type": "ngo_report", "title": "A report"}],
}

BAD = "schema_version: 1\nincident:\n  id: Not Valid\n  title: [unclosed\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "incidents"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "1-alpha.yaml").write_text(ALPHA, encoding="utf-8")
    (root / "2-beta.json").write_text(json.dumps(BETA), encoding="utf-8")
    (root / "3-bad.yaml").write_text(BAD, encoding="utf-8")
    (root / "notes.txt").write_text("not an incident file", encoding="utf-8")  # not picked up
    (root / ".hidden.yaml").write_text(BAD, encoding="utf-8")  # hidden: not picked up
    return root


def _expected_tables(files: list[Path]) -> dict[str, dict[str, dict[str, int]]]:
    """The summary tables tallied independently, from in-process assessments of ``files``."""
    principle_of = {r.id: p.principle for p in rulebook.load().principles for r in p.rules}
    tables: dict[str, dict[str, Counter]] = {g: {} for g in batch.GROUPS}
    for f in files:
        loaded = api.load(f)
        inc = loaded.file.incident
        for a in api.assess(loaded):
            for finding in a.findings:
                keys = {"principle": principle_of[finding.id], "finding": finding.id, "attacker": inc.attacker.party,
                        "weapon_category": inc.attack.weapon.category.value, "month": inc.when.date.strftime("%Y-%m")}
                if finding.against == "defender":  # "by attacker" and "by weapon" count the attacker's findings
                    del keys["attacker"], keys["weapon_category"]
                for g, k in keys.items():
                    tables[g].setdefault(k, Counter())[finding.status] += 1
    return {g: {k: {s: c[s] for s in STATUSES} for k, c in sorted(t.items())} for g, t in tables.items()}


def test_batch_on_a_folder_counts_exactly_and_skips_the_bad_file(folder: Path):
    summary = api.batch([folder])
    bad = str(folder / "3-bad.yaml")
    assert (summary.inputs, summary.incidents, summary.assessments) == (3, 2, 2)
    assert summary.bad == [bad] and summary.failed == [] and summary.exit_code == 2

    data = summary.as_dict()
    good = [folder / "sub" / "1-alpha.yaml", folder / "2-beta.json"]
    assert data["tables"] == _expected_tables(good)
    # Counts that follow from the test data alone.
    findings_per_principle = Counter(p.principle for p in rulebook.load().principles for r in p.rules if r.finding)
    for principle, n in findings_per_principle.items():
        assert sum(data["tables"]["principle"][principle].values()) == 2 * n
    assert data["tables"]["finding"]["distinction.target_was_military_objective"] == {
        "violation_indicated": 1, "no_violation_indicated": 0, "inconclusive": 1, "not_applicable": 0}
    n_findings = sum(findings_per_principle.values())
    assert data["incident_counts"] == {
        "principle": {p: 2 for p in findings_per_principle},
        "finding": {f: 2 for f in data["tables"]["finding"]},
        "attacker": {"Alpha": 1, "Beta": 1},
        "weapon_category": {"artillery_shell": 1, "guided_bomb": 1},
        "month": {"2020-01": 1, "2020-02": 1},
    }
    assert len(data["tables"]["finding"]) == n_findings
    # Incidents are counted once per status: one incident with many inconclusive findings is one incident.
    for group in ("attacker", "weapon_category", "month"):  # one incident per key here
        for key, counts in data["incident_tables"][group].items():
            assert counts == {s: min(1, n) for s, n in data["tables"][group][key].items()}
    expected = Counter((f, st) for r in summary.records for f, st in r["findings"].items())  # one assessment each
    for f, counts in data["incident_tables"]["finding"].items():
        assert counts == {st: expected[(f, st)] for st in STATUSES}
    assert data["incident_tables"]["finding"]["distinction.target_was_military_objective"] == {
        "violation_indicated": 1, "no_violation_indicated": 0, "inconclusive": 1, "not_applicable": 0}

    # One record per input, in path order (2-beta.json < 3-bad.yaml < sub/1-alpha.yaml).
    recs = summary.records
    assert [(r["file"], r["incident"]) for r in recs] == [
        (str(folder / "2-beta.json"), "test-beta-2"), (bad, None), (str(folder / "sub" / "1-alpha.yaml"), "test-alpha-1")]
    beta, bad_rec, alpha = recs
    assert beta["findings"]["distinction.target_was_military_objective"] == "violation_indicated"
    assert (beta["attacker"], beta["weapon_category"], beta["month"]) == ("Beta", "artillery_shell", "2020-02")
    assert alpha["errors"] == [] and set(alpha["findings"]) == set(beta["findings"])
    assert bad_rec["findings"] == {}
    # What pattern analysis needs, on each line: date, place, struck, casualties, patterns, basis, standard.
    assert beta["date"].startswith("2020-02-") and beta["place"] and beta["struck"]
    assert beta["struck_category"] is None  # not recorded in the fixture
    assert set(beta["patterns"]) == {p["id"] for p in batch.patterns()}
    decided = {f for f, st in beta["findings"].items() if st != "inconclusive"}
    assert set(beta["basis"]) == decided
    assert set(beta["standard"]) == {f for f in decided if beta["findings"][f] != "not_applicable"}
    assert bad_rec["errors"] and all(e["kind"] == "input" and e["file"] == bad for e in bad_rec["errors"])
    assert any(e["line"] is not None for e in bad_rec["errors"])  # located


def test_cli_writes_jsonl_prints_the_summary_and_reports_the_bad_file(folder: Path, tmp_path: Path):
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(app, ["batch", str(folder), "--output", str(out)])
    assert result.exit_code == 2, result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["incident"] for r in lines] == ["test-beta-2", None, "test-alpha-1"]
    # The bad file is reported with its location; the summary goes to stdout when JSONL goes to a file.
    assert re.search(r"3-bad\.yaml:\d+:\d+: error:", result.stderr)
    assert batch.COUNTING in " ".join(result.stdout.split())  # how the status columns count, said once
    assert all(finding in result.stdout for finding in lines[0]["findings"])  # ids whole, never folded
    rows = {m.group(1): [int(n) for n in re.findall(r"\d+", m.group(2))]
            for m in re.finditer(r"^\s+(Alpha|Beta|2020-01|2020-02)\s+([\d ()]+?)\s*$", result.stdout, re.M)}
    tables = _expected_tables([folder / "sub" / "1-alpha.yaml", folder / "2-beta.json"])
    def cells(findings: dict[str, int]) -> list[int]:  # incidents, then per status: incidents (findings)
        return [1] + [x for n in findings.values() for x in (min(n, 1), n)]

    assert rows["Alpha"] == cells(tables["attacker"]["Alpha"])
    assert rows["2020-02"] == cells(tables["month"]["2020-02"])
    assert "3 input(s): 2 incident(s) assessed" in result.stdout


def test_without_a_forum_the_summary_and_memos_say_the_war_crimes_were_not_assessed(folder: Path, tmp_path: Path):
    memos = tmp_path / "memos"
    plain = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "r.jsonl"), "--memo-dir", str(memos)])
    assert " ".join(plain.stdout.split()).count(settings.NOT_ASSESSED) == 1
    assert all(m.read_text(encoding="utf-8").count(settings.NOT_ASSESSED) == 1 for m in memos.glob("*.md"))
    assert settings.NOT_ASSESSED in batch.summary_text(api.batch([folder]), "md")
    icc = tmp_path / "icc"
    before = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "s.jsonl"), "--memo-dir", str(icc), "--forum", "icc"])
    assert settings.NOT_ASSESSED not in " ".join(before.stdout.split())
    assert sorted(icc.glob("*.md")) and all("## Elements of war crimes" in m.read_text(encoding="utf-8") for m in icc.glob("*.md"))
    # the JSONL carries each crime's status before the forum; without one, null (not assessed), never {}
    plain_lines = [json.loads(l) for l in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    icc_lines = [json.loads(l) for l in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(line["crimes"] is None for line in plain_lines)
    alpha = next(line for line in icc_lines if line["file"].endswith("1-alpha.yaml"))
    expected = {c.id: c.status for c in api.assess(api.load(folder / "sub" / "1-alpha.yaml"), run=api.Settings(forum="icc"))[0].crimes}
    assert alpha["crimes"] == expected and "crimes.attacking_civilians_iac" in expected
    unknown = CliRunner().invoke(app, ["batch", str(folder), "--forum", "nuremberg"])
    assert unknown.exit_code == 2 and "unknown forum 'nuremberg'" in unknown.output


def test_jsonl_goes_to_stdout_and_the_summary_to_stderr_without_output(folder: Path):
    result = CliRunner().invoke(app, ["batch", str(folder / "2-beta.json")])
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["incident"] == "test-beta-2"
    assert "Incidents by principle" in result.stderr


def test_a_simulated_worker_crash_is_reported_by_name_and_the_rest_is_assessed(folder: Path, tmp_path: Path,
                                                                                 monkeypatch):
    monkeypatch.setenv(CRASH_ENV, "test-beta-2")  # test-only hook: the worker aborts on this incident
    summary = api.batch([folder], jobs=2)
    assert summary.exit_code == 1
    (failed,) = summary.failed
    assert "test-beta-2" in failed and "2-beta.json" in failed and "SIGABRT" in failed
    assert (summary.incidents, summary.bad) == (1, [str(folder / "3-bad.yaml")])
    crashed = summary.records[0]
    assert crashed["incident"] == "test-beta-2" and crashed["errors"][0]["kind"] == "crash"
    assert summary.records[2]["incident"] == "test-alpha-1" and summary.records[2]["findings"]
    assert summary.as_dict()["incident_counts"]["attacker"] == {"Alpha": 1}

    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(out)], env={CRASH_ENV: "test-beta-2"})
    assert result.exit_code == 1
    assert "engine crash: incident test-beta-2" in result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3  # everything else still written


def _jsonl(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "many.jsonl"
    lines = []
    for i in range(n):
        rec = json.loads(json.dumps(BETA))
        rec["incident"]["id"] = f"test-many-{i}"
        rec["incident"]["when"]["date"] = f"2021-{1 + i % 12:02d}-01"
        lines.append(json.dumps(rec))
    lines.insert(3, "")  # blank lines are skipped, line numbers kept
    lines.insert(5, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_lines_are_named_file_colon_line_and_a_bad_line_is_skipped(tmp_path: Path):
    path = _jsonl(tmp_path, 5)
    summary = api.batch([path])
    assert summary.incidents == 5 and summary.bad == [f"{path}:6"]
    assert [r["file"] for r in summary.records] == [f"{path}:{n}" for n in (1, 2, 3, 5, 6, 7)]
    assert summary.records[4]["errors"][0]["line"] == 1


def test_output_is_identical_for_one_and_two_jobs(folder: Path, tmp_path: Path):
    inputs = [folder, _jsonl(tmp_path, 12)]
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    s1 = api.batch(inputs, jobs=1, output=one)
    s2 = api.batch(inputs, jobs=2, output=two)
    assert one.read_bytes() == two.read_bytes()
    assert s1.as_dict() == s2.as_dict()
    assert len(one.read_text(encoding="utf-8").splitlines()) == 3 + 13


def test_missing_paths_and_empty_folders_are_bad_inputs_not_aborts(tmp_path: Path, folder: Path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    summary = api.batch([tmp_path / "nope.yaml", tmp_path / "empty", tmp_path / "empty.jsonl", folder / "2-beta.json"])
    assert summary.bad == [str(tmp_path / "nope.yaml"), str(tmp_path / "empty"), str(tmp_path / "empty.jsonl")]
    assert summary.incidents == 1 and summary.exit_code == 2


def test_memo_dir_gets_one_memo_per_incident(folder: Path, tmp_path: Path):
    beta = folder / "2-beta.json"
    expected = api.memo(api.load(beta))
    memos = tmp_path / "memos"
    again = tmp_path / "same-incident-again.json"  # a second file with the same incident id
    again.write_text(beta.read_text(encoding="utf-8"), encoding="utf-8")
    summary = api.batch([beta, folder / "sub", again], memo_dir=memos, jobs=2)
    assert summary.exit_code == 0, summary.failed
    assert sorted(p.name for p in memos.iterdir()) == ["test-alpha-1.md", "test-beta-2--2.md", "test-beta-2.md"]
    assert (memos / "test-beta-2.md").read_text(encoding="utf-8") == expected


def test_a_link_planted_in_the_memo_dir_is_not_written_through(folder: Path, tmp_path: Path, capsys):
    # The run names the memos itself: a link under an incident's name was planted, not chosen.
    memos, outside = tmp_path / "memos", tmp_path / "outside.txt"
    memos.mkdir()
    outside.write_text("keep me", encoding="utf-8")
    (memos / "test-beta-2.md").symlink_to(outside)
    summary = api.batch([folder / "2-beta.json"], memo_dir=memos)
    assert outside.read_text(encoding="utf-8") == "keep me" and summary.memos == []
    assert "test-beta-2.md: it is a symbolic link where this run names its files itself" in capsys.readouterr().err
    assert (memos / "test-beta-2.md").is_symlink()


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="no examples/ folder")
def test_batch_on_the_examples(tmp_path: Path):
    out = tmp_path / "examples.jsonl"
    summary = api.batch([EXAMPLES], jobs=2, output=out)
    files = [p for p in EXAMPLES.rglob("*") if p.suffix in batch.SUFFIXES and not any(
        part.startswith(".") for part in p.relative_to(EXAMPLES).parts)]
    assert summary.inputs == len(files) and summary.incidents == len(files)
    assert summary.exit_code == 0, (summary.bad, summary.failed)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == summary.assessments and all(line["findings"] for line in lines)


def test_summary_file_csv_and_markdown(folder: Path, tmp_path: Path):
    for suffix in ("csv", "md"):
        target = tmp_path / f"summary.{suffix}"
        result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "r.jsonl"), "--summary", str(target)])
        assert result.exit_code == 2
        text = target.read_text(encoding="utf-8")
        summary = api.batch([folder])
        assert text == batch.summary_text(summary, suffix)  # same input, same bytes
    lines = (tmp_path / "summary.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("table,key,incidents,violation incidents,violation findings")
    assert "attacker,Alpha,1," in "\n".join(lines)
    assert "| Alpha | 1 |" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    bad = CliRunner().invoke(app, ["batch", str(folder), "--summary", str(tmp_path / "s.txt")])
    assert bad.exit_code == 2 and "must end in .csv or .md" in bad.output
    same = tmp_path / "same.md"
    clash = CliRunner().invoke(app, ["batch", str(folder), "-o", str(same), "--summary", str(tmp_path / "." / "same.md")])
    assert clash.exit_code == 2 and "is also the --output file" in clash.output and not same.exists()


def test_a_batch_memo_reuses_the_assessment_of_every_account(monkeypatch):
    path = EXAMPLES / "calibration" / "kunduz-msf-hospital.yaml"
    expected = api.memo(api.load(path))
    names = accounts.names(api.load(path).file)
    assert len(names) >= 2
    calls = []
    real = assessment.assess_incident
    monkeypatch.setattr(assessment, "assess_incident", lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    result = batch.assess_task((str(path), "file", None), memo=True)
    assert result["memo"] == expected
    assert calls == names  # each account assessed once, for the findings and the memo alike


def test_the_printed_summary_never_cuts_a_column_when_not_a_terminal(folder: Path):
    # the finding ids are long: at a fixed 120 columns the "not applicable" column was cut to "a"
    out = io.StringIO()
    batch.print_summary(api.batch([folder]), out)
    text = out.getvalue()
    for finding in rulebook.load().rules.values():
        if finding.finding and not finding.id.startswith("crimes."):
            (row,) = [line for line in text.splitlines() if line.strip().startswith(finding.id + " ")]
            assert re.search(r"(\d+ \(\d+\)\s+){4}$", row.strip() + " "), row  # the four status columns whole


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="no examples/ folder")
def test_the_compiled_engine_writes_the_same_bytes_as_durable_rules(tmp_path: Path):
    # README: `--engine compiled` is offered because every output is the same, byte for byte (with a
    # forum: the war crimes' elements too; the oracle of conftest.py checks every run of the suite besides)
    written = {}
    for engine in ("durable_rules", "compiled"):
        out, memos = tmp_path / f"{engine}.jsonl", tmp_path / f"memos-{engine}"
        summary = api.batch([EXAMPLES], output=out, memo_dir=memos, forum="icc", engine=engine)
        assert summary.exit_code == 0 and len(summary.memos) == summary.incidents > 20
        written[engine] = (out.read_bytes(), {p.name: p.read_bytes() for p in memos.iterdir()})
    assert written["compiled"] == written["durable_rules"]


def test_the_cli_passes_the_engine_and_refuses_an_unknown_one(folder: Path, tmp_path: Path):
    out = tmp_path / "compiled.jsonl"
    result = CliRunner().invoke(app, ["batch", str(folder / "2-beta.json"), "-o", str(out), "--engine", "compiled"])
    assert result.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))["findings"]
    result = CliRunner().invoke(app, ["batch", str(folder), "--engine", "drools"])
    assert result.exit_code == 2 and "'drools' is not one of 'durable_rules', 'compiled'" in result.output


def test_a_summary_file_inside_the_memo_folder_is_refused_before_anything_is_assessed(folder: Path, tmp_path: Path):
    # an incident with id "summary" would have its memo replaced by the summary, silently
    memos = tmp_path / "memos"
    result = CliRunner().invoke(app, ["batch", str(folder / "2-beta.json"), "-o", str(tmp_path / "r.jsonl"),
                                      "--memo-dir", str(memos), "--summary", str(memos / "summary.md")])
    assert result.exit_code == 2
    assert "summary.md: it is inside" in result.output and "choose a path outside it" in result.output
    assert not (tmp_path / "r.jsonl").exists() and not memos.exists()


@pytest.mark.parametrize("suffix", [".md", ".csv"])
def test_a_summary_file_that_links_to_an_input_inside_a_folder_is_refused_and_the_input_kept(folder: Path, tmp_path: Path, suffix: str):
    # the inputs are named by their folder; the link's target is one of the files found in it
    victim = folder / "2-beta.json"
    before = victim.read_bytes()
    link = tmp_path / f"summary{suffix}"
    link.symlink_to(victim)
    result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "r.jsonl"), "--summary", str(link)])
    assert result.exit_code == 2
    assert f"refusing to overwrite {link}: it is an input of this run" in result.output
    assert victim.read_bytes() == before and not (tmp_path / "r.jsonl").exists()


def test_a_file_in_the_memo_folder_that_is_not_a_memo_is_kept_and_the_memo_is_that_incidents_error(folder: Path, tmp_path: Path):
    memos = tmp_path / "memos"
    memos.mkdir()
    (memos / "test-alpha-1.md").write_text("my own notes\n", encoding="utf-8")
    args = ["batch", str(folder / "sub" / "1-alpha.yaml"), str(folder / "2-beta.json"), "-o", str(tmp_path / "r.jsonl"),
            "--memo-dir", str(memos)]
    first = CliRunner().invoke(app, args)
    assert (memos / "test-alpha-1.md").read_text(encoding="utf-8") == "my own notes\n"
    assert f"memo not written: refusing to replace {memos / 'test-alpha-1.md'}: it is not a memo of an earlier run" in first.output
    assert first.exit_code == 1
    # a memo of an earlier run is replaced
    earlier = (memos / "test-beta-2.md").read_text(encoding="utf-8")
    (memos / "test-beta-2.md").write_text(earlier + "an earlier line\n", encoding="utf-8")
    again = CliRunner().invoke(app, args)
    assert (memos / "test-beta-2.md").read_text(encoding="utf-8") == earlier and again.exit_code == 1
