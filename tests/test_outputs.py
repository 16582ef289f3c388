"""The memo in Word and HTML, the HTML trace explorer, and the skeleton of `ihl init`: the same content
as the Markdown memo, self-contained pages, hostile text shown as text, no witness identity."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml

from engine import api
from engine.outputs import context
from engine.facts import fact_paths
from engine.model import SCHEMA_VERSION, Incident
from engine.cli import app
from engine.load import parse_text
from typer.testing import CliRunner

from test_memo import BASE, WITNESS_NAME, _with_accounts

EXAMPLES = sorted(Path(__file__).resolve().parent.parent.joinpath("examples").glob("**/*.yaml"))
HOSTILE = '<script>alert(1)</script></table><!-- {{ 7*7 }} {% raw %} | # x [l](javascript:alert(1))'


class _Tags(HTMLParser):
    """Counts start tags, and collects text, so a test sees the page's structure as a browser would."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)

    def handle_data(self, data):
        self.text.append(data)


def _parsed(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def _hostile_file(hostile: str = HOSTILE) -> str:
    """The test incident with ``hostile`` text in every free-text field a memo shows."""
    text = _with_accounts(BASE)
    text = text.replace("title: Strike on a house in a test town", f"title: 'Strike {HOSTILE}'")
    text = text.replace("case: Test case", f"case: 'Case {HOSTILE}'\n  summary: 'Summary {HOSTILE}'")
    text = text.replace("place: {name: A family house,", f"place: {{name: 'House {HOSTILE}',")
    text = text.replace("description: A privately owned house", f"description: 'House {HOSTILE}'")
    text = text.replace("populated_area: {value: true, sources: [S1]}",
                        f"populated_area: {{value: true, sources: [S1], note: 'Note {HOSTILE}'}}")
    text = text.replace("title: NGO report on the test strike", f"title: 'Report {HOSTILE}'")
    text = text.replace("pseudonym: Witness A", "pseudonym: 'Witness <b>A</b>'" if hostile == HOSTILE else "pseudonym: Witness A")
    return text.replace(HOSTILE, hostile)


@pytest.fixture(scope="module")
def loaded():
    return parse_text(_with_accounts(BASE), "test.yaml")


def test_word_memo_has_the_markdown_memos_headings_tables_and_citations(loaded):
    data = api.memo(loaded, fmt="docx")
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    markdown = api.memo(loaded)
    expected = [re.sub(r"^#+ ", "", line).replace("`", "") for line in markdown.splitlines() if line.startswith("#")]
    assert headings[: len(expected)] == expected
    assert headings[-1] == "Endnotes: sources"
    assert document.sections[0].header.paragraphs[0].text == "DRAFT — not a legal determination"
    # the findings table: one row per finding the memo shows (special regimes not in play are left out)
    # and a header, the two accounts as columns
    glance = document.tables[0]
    assert [c.text for c in glance.rows[0].cells] == ["Finding", "attacker", "survivors"]
    assert len(glance.rows) == len(context.build(loaded, api.assess(loaded))["findings"]) + 1
    assert glance.style.name == "Table Grid"
    # a citation is its label and a superscript endnote number; the endnote names the source
    body = "\n".join(p.text for p in document.paragraphs)
    assert "CIHL Rule 19" in body
    cell = next(c for t in document.tables for row in t.rows for c in row.cells if c.text.startswith("yes (Witness A2"))
    assert any(r.font.superscript and r.text == "2" for p in cell.paragraphs for r in p.runs)
    endnotes = [p.text for p in document.paragraphs][-2:]
    assert endnotes == ["1. S1: ngo report, reliability high, 2018-06-05; NGO report on the test strike; locator: p. 17.",
                        "2. Witness A: witness interview, reliability medium, 2018-02-07; identity withheld."]
    assert WITNESS_NAME not in body and all(WITNESS_NAME not in c.text for t in document.tables for r in t.rows for c in r.cells)


def test_word_memo_keeps_a_nested_list_nested():
    """The either-or's findings under a hypothesis are a list within a list: "List Bullet 2" in Word."""
    text = BASE.replace("  precautions:\n    warning:\n      given: {value: false, sources: [W1]}\n", "")
    document = docx.Document(io.BytesIO(api.memo(parse_text(text, "test.yaml"), fmt="docx")))
    styles = {p.text.split(",")[0]: p.style.name for p in document.paragraphs}
    assert styles["effective advance warning"] == "List Bullet 2"
    assert styles["Q1. Was the attack directed at an object or at persons? (field target.kind; needed for 5 findings)"] == "List Bullet"


def test_word_memo_same_input_same_bytes(loaded):
    assert api.memo(loaded, fmt="docx") == api.memo(parse_text(_with_accounts(BASE), "test.yaml"), fmt="docx")


def test_html_memo_is_the_markdown_memo_self_contained(loaded):
    page = api.memo(loaded, fmt="html")
    tags = _parsed(page)
    assert tags.tags.get("script", 0) == 0 and tags.tags.get("link", 0) == 0 and tags.tags.get("img", 0) == 0
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing from the network
    assert "DRAFT — not a legal determination" in page
    assert '<h2>Conclusion</h2>' in page and '<tr id="source-2">' in page
    assert '<a href="#source-2">Witness A</a>' in page
    assert WITNESS_NAME not in page


def test_trace_explorer_has_a_collapsible_tree_per_finding_and_sources(loaded):
    page = api.trace_html(loaded)
    tags = _parsed(page)
    assessments = api.assess(loaded)
    # one per finding shown on each account (special regimes not in play are left out)
    shown = context.build(loaded, assessments, what_if=True)["derivations"]
    assert page.count('<details class="finding"') == sum(len(d["findings"]) for d in shown) > len(assessments) * 10
    assert tags.tags.get("script", 0) == 0 and tags.tags.get("link", 0) == 0
    assert '<li id="source-2" class="source"><strong>Witness A</strong> — witness interview, reliability medium' in page
    assert 'incident file line 15' in page  # civilians.present is written on line 15 of the test file
    assert 'class="fact driver"' in page  # the fact that drives the accounts apart is highlighted
    assert "<h2>Decisive missing facts</h2>" in page
    assert WITNESS_NAME not in page


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_format_renders_for_every_example(path):
    loaded = api.load(path)
    assert docx.Document(io.BytesIO(api.memo(loaded, fmt="docx"))).paragraphs
    assert "<h2>Conclusion</h2>" in api.memo(loaded, fmt="html")
    assert "<details" in api.trace_html(loaded)


def test_hostile_text_renders_as_text_in_every_format():
    hostile = parse_text(_hostile_file(), "test.yaml")
    clean = parse_text(_hostile_file("plain words"), "test.yaml")
    # The trace explorer: Jinja2 autoescape; not one element more or less than with plain text.
    page, reference = api.trace_html(hostile), api.trace_html(clean)
    assert _parsed(page).tags == _parsed(reference).tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/table&gt;&lt;!-- {{ 7*7 }} {% raw %}" in page
    # The HTML memo: raw HTML in the Markdown is text and javascript: links are refused (the _Tags
    # parser asserts it), whatever Markdown the text holds.
    memo = api.memo(hostile, fmt="html")
    tags = _parsed(memo)
    assert tags.tags.get("script", 0) == 0 and tags.tags.get("table") == _parsed(api.memo(clean, fmt="html")).tags["table"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in memo
    assert "{{ 7*7 }}" in "".join(tags.text)  # template syntax in the file is never evaluated
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(api.memo(hostile, fmt="docx"))).paragraphs)
    assert "<script>alert(1)</script>" in body


def test_cli_writes_each_format_through_the_output_policy(tmp_path):
    runner = CliRunner()
    src = tmp_path / "incident.yaml"
    src.write_text(BASE, encoding="utf-8")
    for args, name in ((["memo", "-f", "docx", "-o"], "memo.docx"), (["memo", "-f", "html", "-o"], "memo.html"),
                       (["trace", "-f", "html", "-o"], "trace.html")):
        result = runner.invoke(app, [args[0], str(src), *args[1:], str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 1000
    refused = runner.invoke(app, ["memo", str(src), "-f", "docx", "-o", str(src)])
    assert refused.exit_code == 2 and src.read_text(encoding="utf-8") == BASE
    assert runner.invoke(app, ["memo", str(src), "-f", "docx"]).exit_code == 2  # binary: needs --output


def test_init_writes_a_skeleton_that_validates_and_never_overwrites(tmp_path):
    runner = CliRunner()
    target = tmp_path / "new.yaml"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    text = target.read_text(encoding="utf-8")
    loaded = api.load(target)  # raises InputError if the skeleton does not validate
    assert [w.message for w in loaded.warnings] == ["source 'S1' is not cited by any fact"]
    data = yaml.safe_load(text)
    # the current format: every section of the incident and every fact the rules read, each unknown
    assert data["schema_version"] == SCHEMA_VERSION == loaded.file.schema_version
    assert set(data["incident"]) == set(Incident.model_fields)
    for path in fact_paths():
        node = data["incident"]
        for part in path.split("."):
            node = node[part]
        assert node["value"] is None and node["sources"] == [], path
    assert data["incident"]["civilians"]["present"] == {"value": None, "sources": [], "attacker_knowledge": None}
    assert data["incident"]["military_presence"]["fighters"]["observed_by"] == []
    assert all(a.findings and all(f.status in ("inconclusive", "not_applicable") for f in a.findings)
               for a in api.assess(loaded))
    assert text.count("#") > 40  # commented
    target.write_text("mine", encoding="utf-8")
    assert runner.invoke(app, ["init", str(target)]).exit_code == 2
    assert target.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("command", [["init"], ["template"]])
def test_a_command_that_makes_a_new_file_replaces_nothing(command, tmp_path):
    # ihl init and ihl template write a new file: never over a file, through a link, or onto a dangling link.
    kept = tmp_path / "incident.yaml"
    kept.write_text("keep me", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(kept)
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    for target in (kept, tmp_path / "link.csv", tmp_path / "dangling.yaml"):
        result = CliRunner().invoke(app, [*command, str(target)])
        assert result.exit_code == 2 and "it already exists (this command never replaces a file" in result.stderr
    assert kept.read_text(encoding="utf-8") == "keep me" and not (tmp_path / "elsewhere.yaml").exists()
