"""The HTML outputs: the memo as one self-contained page, and the trace explorer.

* :func:`memo` — the Markdown memo (:mod:`engine.outputs.markdown`, the same words) parsed by
  markdown-it-py with raw HTML off, so any markup in the incident file's text shows as text; each
  source of the annex gets an anchor that the memo's citations link to.
* :func:`trace` — the derivation of every finding as a collapsible tree (``<details>``, no script
  needed), each fact with its value, the line of the incident file it comes from and links to its
  sources; accounts side by side with the facts that drive a difference highlighted; the unknown facts
  that alone would decide each open finding.

Both pages are self-contained (styles inline; no script, font or image from the network) and go
through Jinja2 with autoescape on for every template, whatever its file name.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markdown_it import MarkdownIt
from markupsafe import Markup

from engine.outputs import markdown


@cache
def environment() -> Environment:
    """The Jinja2 environment for the HTML templates: autoescape always on (not chosen by file
    extension), ``StrictUndefined`` (a missing variable raises ``jinja2.UndefinedError``)."""
    return Environment(
        loader=PackageLoader("engine.outputs", "templates"),
        undefined=StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _parser() -> MarkdownIt:
    # CommonMark with tables; raw HTML off: "<script>" in a note is text. Links with a javascript:,
    # vbscript: or data: scheme are refused by markdown-it's own link validation.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _body(text: str, sources: int) -> str:
    """The memo's Markdown as HTML; the rows of the annex's table (the first table after the heading
    "Annex: sources") get ids ``source-N``, the targets of the citations' links."""
    md = _parser()
    tokens = md.parse(text)
    heading = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == "Annex: sources")
    annex = next(i for i in range(heading, len(tokens)) if tokens[i].type == "table_open")
    rows = [t for t in tokens[annex:] if t.type == "tr_open"][1 : sources + 1]  # after the header row
    for n, row in enumerate(rows, 1):
        row.attrSet("id", f"source-{n}")
    return md.renderer.render(tokens, md.options, {})


def memo(context: dict[str, Any]) -> str:
    """The memo for ``context`` (from :func:`engine.outputs.context.build`) as one HTML page."""
    body = _body(markdown.memo(context), len(context["sources"]))
    return environment().get_template("memo.html.j2").render(
        title=context["incident"]["title"], body=Markup(body))  # noqa: S704 - markdown-it output, raw HTML off


def trace(context: dict[str, Any]) -> str:
    """The trace explorer for ``context`` as one HTML page."""
    return environment().get_template("trace.html.j2").render(**context).lstrip()
