"""The draft legal memo as a Word document (.docx), built with python-docx on a Word template.

The content is the Markdown memo's (:mod:`engine.outputs.markdown`: the same words, sections and
tables), read by markdown-it-py and written as Word headings, paragraphs, bullet lists, tables and
quotes, in the styles of ``templates/memo.docx``. A lawyer restyles the memo by editing that template
in Word (the styles ``Heading 1``-``4``, ``Normal``, ``List Bullet`` (``2``, ``3`` nested), ``Table Grid``, ``Quote``, and the
page header, which says "DRAFT — not a legal determination"). Each citation of a source is followed by
a superscript endnote number; the endnotes, at the end, give each source's type, reliability, date,
title and locator (a witness: pseudonym only).

Same context, same bytes: the package's zip entries get a fixed date, and the document properties are
the template's.
"""

from __future__ import annotations

import io
import zipfile
from importlib import resources
from typing import Any

import docx
from docx.document import Document
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt
from markdown_it.token import Token

from engine.outputs import markdown

STYLES = {"heading": "Heading {level}", "bullet": "List Bullet", "table": "Table Grid", "quote": "Quote"}


def _inline(paragraph: Paragraph, token: Token) -> None:
    """Write an inline token's children as runs: bold, italic, code; a link to a source (``#source-N``)
    as its label followed by the endnote number N in superscript."""
    bold = italic = False
    endnote = None
    for child in token.children or []:
        if child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            endnote = href.removeprefix("#source-") if href.startswith("#source-") else None
        elif child.type == "link_close":
            if endnote:
                paragraph.add_run(endnote).font.superscript = True
            endnote = None
        elif child.type in ("softbreak", "hardbreak"):
            paragraph.add_run(" ")
        elif child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold, run.italic = bold or None, italic or None
            if child.type == "code_inline":
                run.font.name = "Consolas"


def _table(document: Document, tokens: list[Token], start: int) -> int:
    """Write the table whose ``table_open`` is at ``start``; return the index after ``table_close``."""
    rows: list[list[Token]] = []
    i = start
    while tokens[i].type != "table_close":
        if tokens[i].type == "tr_open":
            rows.append([])
        elif tokens[i].type == "inline":
            rows[-1].append(tokens[i])
        i += 1
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = document.styles[STYLES["table"]]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            _inline(paragraph, cell)
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True
    return i + 1


def _document(text: str, sources: list[dict[str, Any]]) -> Document:
    with resources.files("engine.outputs").joinpath("templates/memo.docx").open("rb") as handle:
        document = docx.Document(handle)
    tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(text)
    styles: list[str] = []  # the paragraph styles of the blocks being read, innermost last (lists nest)
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.type == "heading_open":
            styles.append(STYLES["heading"].format(level=int(t.tag[1])))
        elif t.type == "bullet_list_open":  # a nested list: "List Bullet 2", "List Bullet 3"
            depth = min(sum(s.startswith(STYLES["bullet"]) for s in styles), 2)
            styles.append(STYLES["bullet"] + (f" {depth + 1}" if depth else ""))
        elif t.type == "blockquote_open":
            styles.append(STYLES["quote"])
        elif t.type in ("bullet_list_close", "blockquote_close", "heading_close"):
            styles.pop()
        elif t.type == "table_open":
            i = _table(document, tokens, i)
            continue
        elif t.type == "inline":
            _inline(document.add_paragraph(style=document.styles[styles[-1] if styles else "Normal"]), t)
        i += 1
    document.add_heading("Endnotes: sources", level=2)
    for s in sources:
        where = "identity withheld" if s["witness"] else "; ".join(
            x for x in (s["title"], s["author"], s["locator"] and f"locator: {s['locator']}") if x)
        line = (f"{s['n']}. {s['cite']}: {s['type'].replace('_', ' ')}, reliability {s['reliability']}"
                f"{', ' + s['date'] if s['date'] else ''}; {where}.")
        document.add_paragraph(line, style=document.styles["Normal"])
    return document


def _fixed_dates(data: bytes) -> bytes:
    """The package re-zipped with every entry dated 1980-01-01, so the bytes do not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def memo(context: dict[str, Any]) -> bytes:
    """The memo for ``context`` (from :func:`engine.outputs.context.build`) as .docx bytes."""
    document = _document(markdown.memo(context), context["sources"])
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_dates(buffer.getvalue())
