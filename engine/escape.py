"""Escaping text written by people (titles, notes, pseudonyms, file names) for each output format.

One function per format, used by every template and printer:

* :func:`markdown` — Markdown (the memo). Safe in running text, table cells, list items and headings.
  :func:`markdown_environment` makes it the Jinja2 ``finalize`` of the Markdown templates, so every
  ``{{ value }}`` is escaped and no template can forget it.
* :func:`terminal` — the terminal (CLI messages and printers): characters a terminal acts on or does
  not show are written as ``\\uXXXX`` escapes.
* HTML is escaped by Jinja2's autoescape (MarkupSafe); JSON by the ``json`` encoder.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from engine.model import _FORBIDDEN, _INVISIBLE

if TYPE_CHECKING:  # Jinja2 is imported only where a template is rendered: `ihl assess` never loads it
    from jinja2 import BaseLoader, Environment

# Characters Markdown (CommonMark and GitHub's extensions) gives a meaning wherever they stand:
# backslash escapes, code spans, emphasis and strikethrough, links and images, raw HTML, comments and
# autolinks, table columns, headings, math, and the ``&`` of a character reference (``&lt;``). An
# underscore between two letters or digits cannot start emphasis, so ``time_of_day`` stays as it is.
_MD_ANYWHERE = re.compile(r"[\\`*\[\]<>|#~$]|&(?=#?[A-Za-z0-9]+;)|(?<![^\W_])_|_(?![^\W_])")
# At the start of a line: a list item (``-``, ``+``, ``1.``, ``1)``), a setext underline or thematic
# break (``=``, ``---``). A value may be placed at the start of a line, so its start is escaped.
_MD_LINE_START = re.compile(r"^( ?)([-+=](?![0-9])|[0-9]{1,9}(?=[.)](?: |$)))")
_WHITE = re.compile(r"\s+")
# Characters no field value may hold (controls, bidirectional overrides; see engine.model) and
# unpaired surrogates (an undecodable byte of a file name): shown as a visible ``\uXXXX``.
_UNSHOWABLE = re.compile(f"{_FORBIDDEN.pattern}|[\ud800-\udfff]")
# What a template's ``x.name`` finds as an attribute on a dict (its methods), not as an item.
_DICT_ATTRIBUTES = frozenset(dir(dict))


def markdown(text: Any) -> str:
    """``text`` (anything; ``str()`` is taken) as Markdown that renders as exactly that text.

    Each run of white space, line breaks included (and U+2028, U+2029, U+0085), becomes one space, so a
    value can never start a new line, heading, list item or table row, nor be indented into a code
    block; every character Markdown could read as syntax is backslash-escaped; control characters,
    bidirectional overrides and unpaired surrogates (possible in a file name, never in a field value)
    are written as a visible ``\\uXXXX``. Safe in inline text, table cells, list items and headings;
    not inside code spans, where no escape works (templates do not put values in code spans).
    """
    return _markdown(str(text))


def _markdown(text: str) -> str:
    """:func:`markdown` of a string."""
    flat = _UNSHOWABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", _WHITE.sub(" ", text))
    escaped = _MD_ANYWHERE.sub(lambda m: "\\" + m.group(), flat)
    return _MD_LINE_START.sub(lambda m: m[1] + (m[2] + "\\" if m[2][0].isdigit() else "\\" + m[2]), escaped)


def _finalize(value: Any) -> Markup:
    """Jinja2 ``finalize`` of the Markdown environment: a template's own output (a macro's result, or a
    value marked ``| safe``) passes as written; every other value is escaped with :func:`markdown`."""
    return value if isinstance(value, Markup) else _escaped(str(value))


@lru_cache(maxsize=8192)
def _escaped(text: str) -> Markup:
    """:func:`markdown` of a string, marked as the template's own; labels, fact ids and statuses recur in
    every memo (a batch of memos escapes the same few thousand strings again and again)."""
    return Markup(_markdown(text))


def markdown_environment(loader: BaseLoader) -> Environment:
    """A Jinja2 environment for Markdown templates from ``loader``: every ``{{ value }}`` is escaped by
    :func:`markdown` (through ``finalize``; autoescape is on only so that macro results are marked as
    the template's own and pass unescaped), ``StrictUndefined`` (a missing variable raises
    ``jinja2.UndefinedError``), trailing newline kept, block tags trimmed. ``x.name`` of a plain dict
    reads its item directly (the same value as Jinja2's attribute-then-item lookup, without the failed
    attribute lookup)."""
    from jinja2 import Environment, StrictUndefined

    class _Environment(Environment):
        def getattr(self, obj: Any, attribute: str) -> Any:
            # ``row.label`` of one of the context's plain dicts is the item: Jinja2 tries the attribute
            # first and reads the item only once that has failed, an exception raised and caught for
            # most values of a memo. A name a dict has as an attribute (``n.values``) still gives it.
            if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
                try:
                    return obj[attribute]
                except KeyError:
                    return self.undefined(obj=obj, name=attribute)
            return super().getattr(obj, attribute)

    return _Environment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the package: no file's date checked at each memo
    )


# Unicode categories a terminal acts on or shows as nothing: controls, format characters (bidirectional
# overrides, zero-width spaces), surrogates, private-use and unassigned code points, line and paragraph
# separators, and spaces other than U+0020.
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"}


def terminal(text: Any) -> str:
    """``text`` (anything; ``str()`` is taken) with every character a terminal would act on or not show
    (ESC and other controls, bidirectional overrides, zero-width and other invisible characters, line
    and paragraph separators, spaces other than U+0020) written as ``\\uXXXX`` (``\\UXXXXXXXX`` above
    U+FFFF), so that no message, file name or field value can carry an escape sequence or hide text."""
    return "".join(c if c == " " or (unicodedata.category(c) not in _HIDDEN and not _INVISIBLE.fullmatch(c)) else
                   (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") for c in str(text))
