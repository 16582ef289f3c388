"""Escaping text written by people for each output format (engine/escape.py), and the memo's Markdown
structure under hostile text in every free-text field, checked with a real Markdown parser."""

from __future__ import annotations

import copy
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import docx
import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from engine import api, escape
from engine.load import InputError, parse_text

ROOT = Path(__file__).resolve().parent.parent
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])

# Text that Markdown would read as syntax if it were not escaped: a comment hiding the rest, a line
# break starting a heading, table columns, raw HTML, links, emphasis, code, lists, quotes, entities.
HOSTILE = [
    "<!-- hidden",
    "Title\n# Injected heading",
    "a | b | c",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "- a list item",
    "1. an ordered item",
    "> a quote",
    "*emphasis* and _emphasis_ and **strong** ~~struck~~",
    "`code` and ```fence",
    "back\\slash\\",
    "&amp; &#x3C;",
    "![image](x.png)",
    "---",
    "    indented code",
    "line one\r\n\r\nnew paragraph",
    "<div>\n\nblock html</div>",
    "[ref]: javascript:alert(1)",
    "trailing hashes ##",
    "=====",
    "$x$ math",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escape_renders_as_the_text_itself(text):
    flat = " ".join(text.split())
    tokens = PARSER.parse(escape.markdown(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert [c.type for c in tokens[1].children] == ["text"]
    assert tokens[1].children[0].content == flat
    assert PARSER.render(escape.markdown(text)) == f"<p>{escapeHtml(flat)}</p>\n"


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escape_keeps_a_table_cell_and_a_heading_whole(text):
    cell = PARSER.parse(f"| A | B |\n|---|---|\n| {escape.markdown(text)} | x |\n")
    cells = [t for t in cell if t.type == "inline"]
    assert len(cells) == 4 and [c.type for c in cells[2].children] == ["text"]
    assert [cells[2].children[0].content, cells[3].content] == [" ".join(text.split()), "x"]
    heading = PARSER.parse(f"# Memo — {escape.markdown(text)}\n")
    assert [t.type for t in heading] == ["heading_open", "inline", "heading_close"]
    assert [c.type for c in heading[1].children] == ["text"]
    assert heading[1].children[0].content == "Memo — " + re.sub(r"\s+", " ", text).rstrip()


def test_markdown_escape_leaves_ordinary_text_readable():
    assert escape.markdown("Civilians present: 12 (time_of_day) — 1.5 km, -3") == \
        "Civilians present: 12 (time_of_day) — 1.5 km, -3"
    assert escape.markdown(" → ") == " → "  # separators keep their spaces
    assert escape.markdown("a\x1b[31mb\u202ec") == "a\\\\u001b\\[31mb\\\\u202ec"


def test_terminal_escape_shows_escape_sequences_and_invisible_characters():
    assert escape.terminal("memo\x1b[2J\x07.md") == "memo\\u001b[2J\\u0007.md"
    assert escape.terminal("a\u202eb\u200bc\u2028d\x85e\udcff") == "a\\u202eb\\u200bc\\u2028d\\u0085e\\udcff"
    assert escape.terminal("Raqqa, 28 June 2017 — Ḥasakah") == "Raqqa, 28 June 2017 — Ḥasakah"


# --------------------------------------------------------------------------- the memo under hostile text

def _leaves(data: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, path + (i,))
    elif isinstance(data, str):
        yield path


def _with(data: Any, values: dict[tuple, str]) -> Any:
    """``data`` with the string at each path of ``values`` replaced."""
    out = copy.deepcopy(data)
    for path, value in values.items():
        node = out
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = value
    return out


def _free_text(data: dict) -> list[tuple]:
    """Every string field of ``data`` that accepts any text (titles, notes, names, pseudonyms…): those
    where hostile text still loads. Ids, dates, times and enumerations refuse it and are left out."""
    fields = list(_leaves(data))
    for _ in range(5):
        try:
            parse_text(_dump(_with(data, {p: f"<b>|x\n# y {n}" for n, p in enumerate(fields)})), "t.yaml")
            return fields
        except InputError as exc:
            bad = {p.path for p in exc.problems if p.severity == "error"}
        dotted = {f: ".".join(map(str, f)) for f in fields}
        fields = [f for f in fields if not any(dotted[f] == b or dotted[f].startswith(b + ".") or
                                               b.startswith(dotted[f] + ".") for b in bad)]
    raise AssertionError(f"hostile text is refused where it should not be: {sorted(bad)}")


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True)


def _structure(markdown: str) -> list[tuple]:
    """The Markdown's block and inline structure, text left out (consecutive text tokens as one)."""
    out: list[tuple] = []
    for token in PARSER.parse(markdown):
        out.append((token.type, token.tag, token.level))
        kinds = [c.type for c in token.children or []]
        out.append(tuple(k for i, k in enumerate(kinds) if not (k == "text" and i and kinds[i - 1] == "text")))
    return out


@pytest.mark.parametrize("example", ["examples/calibration/nato-rts-belgrade.yaml",
                                     "examples/raqqa-2017/a1-aswad-2017-06-28.yaml"])
def test_memo_structure_is_the_same_whatever_the_free_text(example):
    data = yaml.safe_load((ROOT / example).read_text(encoding="utf-8"))
    fields = _free_text(data)
    assert len(fields) > 30  # titles, notes, summary, place, parties, pseudonyms, accounts' holders …
    plain = _with(data, {p: f"text {n}" for n, p in enumerate(fields)})
    hostile = _with(data, {p: f"{HOSTILE[n % len(HOSTILE)]} {n}" for n, p in enumerate(fields)})
    memos = [api.memo(parse_text(_dump(d), "t.yaml")) for d in (plain, hostile)]
    assert _structure(memos[1]) == _structure(memos[0])
    html = PARSER.render(memos[1])
    assert "<script>" not in html and "<!--" not in html and "javascript:" not in html.replace("javascript:alert(1)", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not dropped


def _html_structure(page: str) -> list[tuple[str, str]]:
    """The HTML page's elements in order, with their attributes other than ids (text left out)."""
    out: list[tuple[str, str]] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            out.append((tag, " ".join(f"{k}={v}" for k, v in attrs if k not in ("id", "href"))))

    Parser().feed(page)
    return out


def _word_structure(data: bytes) -> list[tuple]:
    """The Word document's paragraph styles in order, its tables' shapes and its page header (text left out)."""
    document = docx.Document(io.BytesIO(data))
    return ([p.style.name for p in document.paragraphs]
            + [(len(t.rows), len(t.columns)) for t in document.tables]
            + [p.text for s in document.sections for p in s.header.paragraphs])


def _word_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])


def test_word_and_html_outputs_are_intact_whatever_the_free_text():
    """Hostile text (Markdown, HTML and Jinja syntax) in every free-text field of a file: the HTML memo,
    the trace explorer and the Word memo have exactly the elements, styles and tables they have with
    plain text, and show the hostile text as text (issue 13)."""
    data = yaml.safe_load((ROOT / "examples/raqqa-2017/a1-aswad-2017-06-28.yaml").read_text(encoding="utf-8"))
    fields = _free_text(data)
    jinja = '{{ "jinja" ~ "evaluated" }} {% if true %}x{% endif %} {# c #}'
    texts = HOSTILE + [jinja]
    plain = parse_text(_dump(_with(data, {p: f"text {n}" for n, p in enumerate(fields)})), "t.yaml")
    hostile = parse_text(_dump(_with(data, {p: f"{texts[n % len(texts)]} {n}" for n, p in enumerate(fields)})), "t.yaml")
    pages = [(api.memo(x, fmt="html"), api.trace_html(x), api.memo(x, fmt="docx")) for x in (plain, hostile)]
    (memo, trace, word), (memo_h, trace_h, word_h) = pages
    assert _html_structure(memo_h) == _html_structure(memo)
    assert _html_structure(trace_h) == _html_structure(trace)
    assert _word_structure(word_h) == _word_structure(word)
    for page in (memo_h, trace_h):
        assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "jinjaevaluated" not in page and "{% if true %}x{% endif %}" in page  # never evaluated
    shown = _word_text(word_h)
    assert "<script>alert(1)</script>" in shown and jinja in shown


def test_file_name_with_an_escape_sequence_is_shown_escaped_in_the_memo():
    text = (ROOT / "examples/raqqa-2017/a1-aswad-2017-06-28.yaml").read_text(encoding="utf-8")
    memo = api.memo(parse_text(text, "case\x1b]0;owned\x07 |#1.yaml"))
    assert "\x1b" not in memo and "\x07" not in memo
    assert "case\\\\u001b\\]0;owned\\\\u0007 \\|\\#1.yaml" in memo


def test_file_names_with_escape_sequences_are_shown_escaped_on_the_terminal(tmp_path):
    """A file name is printed like a field value: ESC, BEL and bidirectional overrides as escapes."""
    from typer.testing import CliRunner

    from engine.cli import app

    base = (ROOT / "tests/bad_input/base.yaml").read_text(encoding="utf-8")
    good = tmp_path / "ok\x1b]0;owned\x07.yaml"
    good.write_text(base, encoding="utf-8")
    bad = tmp_path / "bad\x1b[2J\u202e.yaml"
    bad.write_text(base.replace('time: "19:30"', 'time: "19:3"'), encoding="utf-8")
    runner = CliRunner()
    shown = []
    for args in (["validate", str(good), str(bad)], ["memo", str(good), "-o", str(tmp_path / "m\x1b[1m.md")],
                 ["batch", str(tmp_path)], ["assess", str(bad)]):
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 2), result.stdout + result.stderr
        shown.append(result.stdout + result.stderr)
    text = "\n".join(shown)
    assert not re.search("[\x1b\x07\u202e]", text)
    assert "ok\\u001b]0;owned\\u0007.yaml" in text and "bad\\u001b[2J\\u202e.yaml" in text
    assert "m\\u001b[1m.md" in text
