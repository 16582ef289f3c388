"""Reading incident files: YAML or JSON text → a validated :class:`~engine.model.IncidentFile`.

Every problem is reported at once, each with the file, the field path, and the line and column where
the file has one; nothing is half-read. :class:`InputError` carries the list. Warnings (such as a source
that no fact cites) do not stop the load and are returned beside the model. Each message says what was
expected and what was found: ``expected true or false, found "yes"``.

A YAML scalar is a boolean, number or null only where YAML 1.1 (PyYAML) and YAML 1.2 (JSON-like) agree
on it; anything else is text. So ``yes``, ``no``, ``on``, ``off`` and ``NO`` are text, not booleans;
``19:30`` is text, not 1170; ``012`` is text, not 10 or 12; and dates are text that the model checks
(so ``2017-02-30`` is a located error). A file written by PyYAML's dumper reads back as written.

Guards against hostile or broken input: a size limit (:data:`MAX_BYTES`), strict UTF-8, no YAML
anchors or aliases (they allow "billion laughs" expansion and are never needed in an incident file),
no explicit YAML tags (``!!bool yes``, ``!!null true``, ``!!binary``, ``!!set``, ``!!python/…``, ``! 12``;
only ``!!str`` written on a single value, which makes it text) and no ``%TAG`` directives, a nesting
limit (:data:`MAX_DEPTH`), no NaN, infinite or overlong numbers, and duplicate keys, which PyYAML and
``json`` would silently resolve by keeping the last one. The model refuses control characters and
bidirectional overrides in text, blank text, and dates that are not written ``YYYY-MM-DD``.

Cross-field checks (cited sources declared, facts that contradict each other, dates in the future) run
even when the file has schema errors, on every part of the file that is valid: a check is left out only
when a field it reads is itself in error. :func:`incident_problems` runs the incident checks on one
:class:`~engine.model.Incident` (for tools that change facts after loading).
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import difflib
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Iterator, Sequence

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from engine import accounts, escape, law, names, witnesses
from engine.facts import catalogue
from engine.output import shown
from engine.model import (NEWER_FIELD, Account, Incident, IncidentFile, Precision, Sensitivity, Source,
                          SourceType, WeaponCategory, newer_fields)

MAX_BYTES = 2_000_000  # an incident file is a few kilobytes; 2 MB leaves room for long notes
MAX_DEPTH = 40  # nesting levels below the top-level mapping; the format itself needs 6
MAX_DIGITS = 4000  # Python refuses to read integers of more than 4300 digits; no number needs this many
# Bounds on what a file may hold and on what is reported, so that any file under MAX_BYTES is read in
# time and memory linear in its size (docs/incident-format.md, section 8).
MAX_ACCOUNTS = 20  # each account is a full assessment (and a memo section); real files have 2 or 3
MAX_SOURCES = 1000  # each is a row of the memo's annex; real files have tens
MAX_PROBLEMS = 200  # errors and warnings listed per file; one more line says how many were left out
MAX_SUGGESTIONS = 50  # "did you mean …?" hints per file (each a fuzzy comparison with every choice)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file.

    ``path`` is the dotted field path (``incident.civilians.present.value``), empty for the whole
    file; ``line`` and ``column`` are 1-based, ``None`` where unknown.
    """

    file: str
    line: int | None
    column: int | None
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "") + (f":{self.column}" if self.column else "")
        field_ = f" {self.path}:" if self.path else ""
        return f"{where}: {self.severity}:{field_} {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "path": self.path,
                "severity": self.severity, "message": self.message}


class InputError(Exception):
    """An input file cannot be used. ``problems`` lists every error found (and any warnings)."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.path, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Loaded:
    """A validated incident file, where it came from, and any warnings.

    ``text`` is the file as read (for :meth:`line`); ``lines`` maps field paths to (line, column),
    parsed only when first asked for a JSON file (batch reads thousands, few need a line).
    """

    file: IncidentFile
    path: str
    warnings: list[Problem] = field(default_factory=list)
    text: str = field(default="", repr=False)
    lines: dict[Any, tuple[int, int]] | None = field(default=None, repr=False)

    def line(self, *loc: str | int) -> int | None:
        """The 1-based line where the field at ``loc`` (e.g. ``"incident", "civilians", "present"``) is
        written, or of the nearest enclosing field written; None when the text is not kept."""
        if self.lines is None and self.text:
            self.lines = _json_positions(self.text)[0]
        pos = _position(self.lines or {}, loc)
        return pos[0] if pos else None


# --------------------------------------------------------------------------- parsing with positions

Loc = tuple[str | int, ...]
Pos = tuple[int, int]
Lines = dict[Loc, Pos]
Found = tuple[Loc, Pos | None, str]  # a problem met while parsing: path, position, message

_KEY = -1  # lines[(*path, _KEY)] is where the key of ``path`` is written (list indexes are never negative)

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}


class _Refused(Exception):
    """The whole file is refused (syntax, alias, nesting); ``pos`` is (line, column) where known."""

    def __init__(self, message: str, pos: Pos | None = None):
        super().__init__(message)
        self.pos = pos


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


class _Huge(str):
    """A number written with more than :data:`MAX_DIGITS` digits, kept as its text so it can be reported."""


def _written_tag(mark: Any) -> str:
    """The tag as written at ``mark`` (the start of a tagged node): ``!!bool``, ``!<tag:…>``, ``!``."""
    text = mark.buffer[mark.pointer:mark.pointer + 200] if mark.buffer else ""
    match = re.match(r"!<[^>]*>|![^\s,\[\]{}\x00]*", text)
    return match.group() if match else "!"


class _Composer(yaml.composer.Composer):
    """PyYAML's composer refusing anchors, aliases, deep nesting and ``%TAG`` directives, and marking
    every explicitly tagged node (``node.explicit_tag``) but ``!!str`` text."""

    _depth = 0

    def compose_document(self) -> Any:  # PyYAML Composer.compose_document
        event = self.peek_event()
        if getattr(event, "tags", None):  # a %TAG directive can make !!str or !e!bool mean anything
            raise _Refused("YAML %TAG directives are not allowed in incident files", _pos(event.start_mark))
        return super().compose_document()

    def compose_node(self, parent: Any, index: Any) -> Any:  # PyYAML Composer.compose_node
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("YAML aliases (*name) are not allowed in incident files", _pos(event.start_mark))
        if getattr(event, "anchor", None):
            raise _Refused("YAML anchors (&name) are not allowed in incident files", _pos(event.start_mark))
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                raise _Refused(f"nesting deeper than {MAX_DEPTH} levels", _pos(event.start_mark))
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if getattr(event, "tag", None) is not None:  # written explicitly: only "!!str value" is allowed
            written = _written_tag(event.start_mark)
            if not (isinstance(node, yaml.ScalarNode) and written == "!!str" and node.tag == _TAG + "str"):
                node.explicit_tag = written
        return node


class _Loader(_Composer, yaml.SafeLoader):
    """SafeLoader reading only the scalars YAML 1.1 and 1.2 agree on, with :class:`_Composer`'s guards:
    the reference parser, which every refusal and every located problem comes from."""

    yaml_implicit_resolvers: dict = {}  # replaced below: what YAML 1.1 and 1.2 both resolve


for _tag, _pattern, _first in (
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?(0|[1-9][0-9]*)", "-+0123456789"),
    ("float", r"[-+]?[0-9]+\.[0-9]*([eE][-+][0-9]+)?|\.[0-9]+([eE][-+][0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
     "-+0123456789."),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
):
    _Loader.add_implicit_resolver(_TAG + _tag, re.compile(f"^(?:{_pattern})$"), list(_first))


def _int(text: str) -> int | _Huge:
    return _Huge(text) if len(text.lstrip("+-")) > MAX_DIGITS else int(text, 10)


_Loader.add_constructor(_TAG + "int", lambda loader, node: _int(loader.construct_scalar(node)))


if yaml.__with_libyaml__:  # PyYAML built with libyaml (the wheels on PyPI are)
    class _FastLoader(_Composer, yaml.cyaml.CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's C parser for the events, with :class:`_Loader`'s composer guards, resolvers and
        constructors: ~5x faster on valid files. Used only for files in which it meets no problem at all
        (see :func:`_parse_yaml`)."""

        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
        yaml_constructors = _Loader.yaml_constructors

        def __init__(self, text: str):
            yaml.cyaml.CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


def _build(node: yaml.Node, loader: _Loader, path: Loc, lines: Lines, found: list[Found],
           key: Pos | None = None) -> Any:
    """Plain data from a composed node, recording each path's position and each refused value.

    A path's position is its value's, except for a block mapping or list below its key (``key``): there
    the key's line is the one to point at."""
    pos = _pos(node.start_mark)
    block = isinstance(node, yaml.CollectionNode) and not node.flow_style
    lines[path] = key if block and key else pos
    explicit = getattr(node, "explicit_tag", None)
    if explicit is not None or node.tag not in _PLAIN_TAGS:
        tag = explicit or node.tag.replace(_TAG, "!!")
        found.append((path, pos, f"the YAML tag {escape.terminal(tag)} is not allowed; use plain text, numbers, "
                                 "true/false, lists and mappings"))
        return None
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        first: dict[str, Pos] = {}
        for key_node, value_node in node.value:
            key_pos = _pos(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                found.append((path, key_pos, "a key must be a plain name, not a list or mapping"))
                continue
            key = str(key_node.value)
            if key in first:
                found.append((path + (key,), key_pos, f"duplicate key {key!r} (first given at line {first[key][0]}); "
                                                      "only one value is allowed"))
            first.setdefault(key, key_pos)
            lines[path + (key, _KEY)] = key_pos
            out[key] = _build(value_node, loader, path + (key,), lines, found, key_pos)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(n, loader, path + (i,), lines, found) for i, n in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, KeyError, TypeError, OverflowError, yaml.YAMLError):  # never reached for plain values
        found.append((path, pos, f"cannot read {_shown(node.value)} as {node.tag.replace(_TAG, '!!')}"))
        return None


_NO_DOCUMENT = object()


def _parse_yaml(text: str) -> tuple[Any, Lines, list[Found]]:
    """Data, each path's position and the problems met, for a YAML text (raises :class:`_Refused` or
    PyYAML's errors for a file refused whole).

    libyaml reads the file first; where it meets anything at all (a syntax error, an alias, an anchor, a
    tag, a duplicate key, too deep a nesting), the file is read again by PyYAML's own parser, so that
    every refusal and problem is worded and located by the reference parser. The two give the same data
    and positions on valid files (checked in tests/test_yaml_parsers.py).
    """
    if yaml.__with_libyaml__:
        try:
            data, lines, found = _compose_and_build(_FastLoader, text)  # noqa: F821 (defined with libyaml)
            if not found:
                return data, lines, found
        except Exception:  # noqa: BLE001 — any doubt goes to the reference parser, which reports it
            pass
    return _compose_and_build(_Loader, text)


def _compose_and_build(kind: type, text: str) -> tuple[Any, Lines, list[Found]]:
    loader = kind(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return _NO_DOCUMENT, {}, []
        lines: Lines = {}
        found: list[Found] = []
        return _build(node, loader, (), lines, found), lines, found
    finally:
        loader.dispose()


def _json_refusal(exc: json.JSONDecodeError) -> _Refused:
    """The refusal for a JSON syntax error, worded and located alike on every supported Python.

    Python 3.13's json names a trailing comma and points at it; 3.11 and 3.12 point at the bracket
    after it ("Expecting value"): that case is reported as 3.13 does.
    """
    doc, pos = exc.doc, exc.pos
    before = doc[:pos].rstrip(" \t\r\n")
    if before.endswith(",") and doc[pos:pos + 1] in ("]", "}"):
        comma = len(before) - 1
        kind = "array" if doc[pos] == "]" else "object"
        line, column = doc.count("\n", 0, comma) + 1, comma - doc.rfind("\n", 0, comma)
        return _Refused(f"invalid JSON: Illegal trailing comma before end of {kind}", (line, column))
    return _Refused(f"invalid JSON: {exc.msg.removesuffix(' at')}", (exc.lineno, exc.colno))


def _parse_json(text: str) -> tuple[Any, Lines | None, list[Found]]:
    """JSON data; positions (``None`` here: see :func:`_json_positions`) only where duplicates need them."""
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                duplicates.append(key)
            out[key] = value
        return out

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise _json_refusal(exc) from None
    except RecursionError:  # far too deep for the json module itself
        raise _Refused(f"nesting deeper than {MAX_DEPTH} levels") from None
    except ValueError as exc:  # not expected (numbers are guarded): refuse rather than fail
        raise _Refused(f"invalid JSON: {exc}") from None
    if _depth(data) > MAX_DEPTH:
        raise _Refused(f"nesting deeper than {MAX_DEPTH} levels")
    if not duplicates:
        return data, None, []
    lines, found = _json_positions(text)
    found = [f for f in found if f[2].startswith("duplicate key")]
    return data, lines, found or [((), None, f"duplicate key {k!r}; only one value is allowed") for k in duplicates]


def _json_positions(text: str) -> tuple[Lines, list[Found]]:
    """Where each path of a JSON text is, read as the YAML it is once tabs between tokens are spaces
    (JSON strings hold no raw tabs); empty if that fails. Only needed when there is a problem to locate."""
    try:
        _, lines, found = _parse_yaml(text.replace("\t", " "))
    except (yaml.YAMLError, _Refused, ValueError, RecursionError):
        return {}, []
    return lines, found


def _depth(data: Any) -> int:
    """How many levels of lists and mappings lie below the top-level value (iteratively: no recursion)."""
    deepest, stack = 0, [(0, data)]
    while stack:
        depth, value = stack.pop()
        deepest = max(deepest, depth)
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((depth + 1, v) for v in children)
    return deepest


_SURROGATE = re.compile("[\ud800-\udfff]")


_LARGEST = int(1.7976931348623157e308)  # the largest finite float: an integer beyond it reads as inf


def _scan(data: Any) -> Iterator[Found]:
    """Values no incident file may hold, wherever they are: NaN and infinities, integers too large to be a
    finite number, and text with unpaired UTF-16 surrogates (a JSON ``"\\ud800"`` escape), which no output
    could encode."""
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            yield loc, None, f"expected a finite number, found {value}"
        elif isinstance(value, _Huge) or (type(value) is int and abs(value) > _LARGEST):
            yield loc, None, f"expected a finite number, found a number of {len(str(value).lstrip('+-'))} digits"
        elif isinstance(value, str) and _SURROGATE.search(value):
            code = ord(_SURROGATE.search(value).group())
            yield loc, None, f"text holds an unpaired surrogate \\u{code:04x}, which is not a character"
        elif isinstance(value, dict):  # a key with a surrogate is reported as if it were the value
            stack.extend((loc + (k,), k if _SURROGATE.search(k) else v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((loc + (i,), v) for i, v in reversed(list(enumerate(value))))


def _replace_surrogates(value: Any) -> Any:
    """``value`` with every unpaired surrogate replaced by U+FFFD (after :func:`_scan` reported them)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_replace_surrogates(k): _replace_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_surrogates(v) for v in value]
    return value


def _yaml_error(exc: yaml.MarkedYAMLError) -> tuple[str, Pos | None]:
    """Message and position for a YAML syntax error. An unclosed quote, bracket or key points at where
    it was opened (PyYAML's "context"), not at where the parser gave up, often the end of the file."""
    problem, context = exc.problem_mark, exc.context_mark
    opened = bool(context and exc.context and exc.context.startswith(("while scanning", "while parsing a flow")))
    if opened and problem and context and problem.line != context.line:
        return (f"invalid YAML: {exc.problem} at line {problem.line + 1} ({exc.context} that starts here)",
                _pos(context))
    mark = problem or context
    if exc.context and str(exc.problem).startswith("but "):  # "expected a single document …, but found another"
        return f"invalid YAML: {exc.context}, {exc.problem}", _pos(mark) if mark else None
    return f"invalid YAML: {exc.problem}" + (f" ({exc.context})" if exc.context else ""), _pos(mark) if mark else None


# Characters PyYAML reads as a line break that line-based tools (editors, grep, diff, the line numbers
# of messages) do not: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. After one inside a comment, PyYAML
# reads the rest of the line as data while every other tool sees one comment line.
_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")


def _yaml_only_breaks(text: str) -> list[tuple[Pos, str]]:
    """Where ``text`` holds a character of :data:`_YAML_ONLY_BREAK` (anywhere: comment, value or key),
    each with a message; positions count lines by line feeds only, as line-based tools do."""
    out = []
    for match in _YAML_ONLY_BREAK.finditer(text):
        start = match.start()
        line, column = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
        out.append(((line, column), f"character U+{ord(match.group()):04X} ({unicodedata.name(match.group(), 'NEXT LINE')}) "
                                    "is not allowed in a YAML incident file: YAML reads it as a line break where other "
                                    "tools do not, so text after it in a comment would be read as data; use a plain "
                                    "line break"))
    return out


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_COMMENT = re.compile(r"(?:^|\s)#")  # where a YAML comment starts (a `#` in a quoted value is rare and refused anyway)


def _bidi_in_comments(text: str) -> list[tuple[Pos, str]]:
    """Where a YAML comment of ``text`` holds a bidirectional control (U+202A-U+202E, U+2066-U+2069),
    each with a message. A value holding one is refused (:mod:`engine.model`); in a comment it is read as
    nothing, yet an editor may show the text around it in another order than it is read ("Trojan
    Source"), so a reviewer could read a fact that is not the one assessed."""
    out: list[tuple[Pos, str]] = []
    if not _BIDI.search(text):  # nearly every file: one scan instead of one per line
        return out
    for number, line in enumerate(text.split("\n"), start=1):
        comment = _COMMENT.search(line)
        for match in _BIDI.finditer(line, comment.end() if comment else len(line)):
            out.append(((number, match.start() + 1), f"a comment holds character U+{ord(match.group()):04X} "
                                                     f"({unicodedata.name(match.group())}): an editor may show the "
                                                     "lines around it in another order than they are read; remove it"))
    return out


# --------------------------------------------------------------------------- messages

def _dotted(loc: Loc) -> str:
    return ".".join(escape.terminal(str(p)) for p in loc)


def _position(lines: Lines, loc: Loc) -> Pos | None:
    for n in range(len(loc), -1, -1):
        if tuple(loc[:n]) in lines:
            return lines[tuple(loc[:n])]
    return None


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the last element of ``loc`` (for spelling suggestions)."""
    return _model_of(tuple(loc[:-1]))


@lru_cache(maxsize=1024)  # thousands of unknown keys under one mapping share one answer
def _model_of(parent: Loc) -> type[BaseModel] | None:
    model: Any = IncidentFile
    skip = False
    for part in parent:
        if isinstance(part, int) or skip:  # a list index, or the key of a dict field
            skip = False
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        annotation = model.model_fields[part].annotation
        skip = getattr(annotation, "__origin__", None) is dict
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            inner = getattr(candidate, "__args__", (candidate,))
            found = next((c for c in (candidate, *inner) if isinstance(c, type) and issubclass(c, BaseModel)), None)
            if found is not None:
                model = found
                break
        else:
            return None
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _plain_type(text: str) -> str:
    """What ``text`` would be if written without quotes: ``"str"``, ``"int"``, ``"float"``, ``"bool"``…"""
    return _Loader.resolve(_Loader, yaml.ScalarNode, text, (True, False)).removeprefix(_TAG)  # type: ignore[arg-type]


def _shown(value: Any) -> str:
    """A found value as the user would recognise it: JSON-like, short."""
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping {}"
    if isinstance(value, list):
        return "a list" if value else "an empty list []"
    if isinstance(value, _Huge):
        return f"a number of {len(value.lstrip('+-'))} digits"
    text = escape.terminal(json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 60 else text[:57] + "…"


_suggested = 0  # did-you-mean suggestions made for the file being read (see MAX_SUGGESTIONS)


def _suggest(word: Any, choices: list[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``choices``, or ``""``; at most
    :data:`MAX_SUGGESTIONS` per file (each costs a fuzzy comparison with every choice)."""
    global _suggested
    if _suggested >= MAX_SUGGESTIONS:
        return ""
    _suggested += 1
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=0.6)
    return f"; did you mean {lowered[close[0]]!r}?" if close else ""


_EXPECTED = {
    "bool_type": "true or false",
    "int_type": "a whole number",
    "float_type": "a number",
    "string_type": "text",
    "list_type": "a list such as [A, B]",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
}
_PATTERNS = {  # the model's patterns, in words
    r"^[A-Za-z][A-Za-z0-9_.-]{0,39}$": "a source id: a letter, then up to 39 letters, digits, '_', '.' or '-'",
    r"^([01][0-9]|2[0-3]):[0-5][0-9]$": 'a 24-hour time written "HH:MM"',
    r"^[a-z0-9][a-z0-9._-]{0,79}$": "an id of lower-case letters, digits, '.', '_' or '-' (at most 80)",
    r"^[a-z0-9][a-z0-9_-]{0,39}$": "a name of lower-case letters, digits, '_' or '-' (at most 40)",
    r"^[0-9a-f]{64}$": "a SHA-256 digest: 64 lower-case hexadecimal digits",
    r"^https?://[^\s]+$": "a web address starting http:// or https://, without spaces",
}
_SHAPES = {"Fact": "a fact written as {value: …, sources: […]}", "Count": "a count written as {min: …, max: …}"}


def describe(err: dict[str, Any]) -> str:
    """Say what was expected and what was found for one pydantic error."""
    loc, kind, found, ctx = tuple(err["loc"]), err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "extra_forbidden":
        model = _model_at(loc)
        names = list(model.model_fields) if model else []
        hint = (_suggest(loc[-1], names) or f"; expected one of: {', '.join(names)}") if names else ""
        return f"unknown field {loc[-1]!r}{hint}"
    if kind == "missing":
        return f"required field {loc[-1]!r} is missing"
    if kind == "value_error":  # the model's own checks say it in full
        return str(ctx.get("error", err["msg"]))
    shown, hint = _shown(found), ""
    if kind in ("enum", "literal_error"):
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        expected = f"one of {ctx['expected']}" if " or " in ctx.get("expected", "") else ctx.get("expected", "")
        hint = _suggest(found, choices)
    elif kind == "model_type":
        expected = _SHAPES.get(str(ctx.get("class_name", "")).split("[")[0], _EXPECTED[kind])
    elif kind.startswith("date"):
        expected = "a real date written YYYY-MM-DD"
        hint = f" ({ctx['error']})" if "error" in ctx else ""
    elif kind == "string_too_long":
        expected, shown = f"text of at most {ctx['max_length']} characters", f"{len(found)} characters"
    elif kind == "string_too_short":
        expected = "text that is not empty"
    elif kind == "text_blank":
        expected = "text that is not blank (not only spaces or invisible characters)"
    elif kind == "text_control":
        expected = "text without control characters (other than tab and line breaks) or bidirectional overrides"
        hint = f" ({ctx['char']} at character {ctx['index']})"
    elif kind == "finite_number":
        expected = "a finite number"
    elif kind == "string_pattern_mismatch":
        expected = _PATTERNS.get(ctx["pattern"], f"text matching {ctx['pattern']}")
    elif kind == "too_short":
        expected = f"at least {ctx['min_length']} item" + ("s" if ctx["min_length"] != 1 else "")
    elif kind in _EXPECTED:
        expected = _EXPECTED[kind]
        if isinstance(found, str) and kind != "string_type" and _plain_type(found) != "str":
            hint = "; write it without quotes"
    elif err["msg"].startswith("Input should be "):
        rest = err["msg"][len("Input should be "):]
        numeric = isinstance(found, (int, float)) and not rest.startswith(("a ", "an "))
        expected = "a number " + rest if numeric else rest
    else:
        return f"{err['msg']}; found {shown}"
    return f"expected {expected}, found {shown}{hint}"


def _pydantic_problems(exc: ValidationError) -> list[tuple[Loc, str, bool]]:
    """``(path, message, point at the key)`` for each pydantic error."""
    problems = []
    for err in exc.errors():
        if err["type"] == NEWER_FIELD:  # reported field by field, from the raw data (see parse_text)
            continue
        # Tagged generic names (e.g. "Fact[bool]") and function-after validators add loc parts that are
        # not fields; drop them so the path is the one the user wrote.
        # The unknown key of an extra_forbidden error is the user's own, whatever it holds ("a[").
        parts = err["loc"][:-1] if err["type"] == "extra_forbidden" else err["loc"]
        loc = tuple(p for p in parts if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
        loc += tuple(err["loc"][-1:]) if err["type"] == "extra_forbidden" else ()
        problems.append((loc, describe({**err, "loc": loc}), err["type"] == "extra_forbidden"))
    return problems


# --------------------------------------------------------------------------- cross-field checks

def _witness_names(data: Any) -> dict[str, str]:
    """Witness source id → how a message names it (``witness 'W-A' (sources.4)``), from the raw data:
    a message never shows a witness's id, which may identify the witness (see :mod:`engine.witnesses`)."""
    entries = data.get("sources") if isinstance(data, dict) else None
    out = {}
    for i, e in enumerate(entries if isinstance(entries, list) else ()):
        if isinstance(e, dict) and e.get("type") == "witness_interview" and isinstance(e.get("id"), str):
            pseudonym = e.get("pseudonym")
            named = f"witness '{escape.terminal(pseudonym)}' " if isinstance(pseudonym, str) and pseudonym.strip() else "witness "
            out.setdefault(e["id"], named + f"(sources.{i})")
    return out




def _unquoted(message: str, loc: Loc, data: Any) -> str:
    """``message`` without the value it quotes (``found "…"``) where the value may identify a witness or
    is withheld material: a value anywhere that holds a witness's title or name, any field of a witness
    source but its pseudonym (its address, dates and digest as much as its title), and any such field of a source whose
    ``provenance.sensitivity`` is ``confidential`` (its address is never shown). The place and the
    reason are enough."""
    if _names_a_witness(_at(data, loc), data) or _withheld_source(loc, data):
        return re.sub(r",? found .*", " (the value is not repeated: it may identify a witness or is withheld)",
                      message, flags=re.S)
    return message


def _withheld_source(loc: Loc, data: Any) -> bool:
    if len(loc) < 3 or loc[0] != "sources" or not isinstance(loc[1], int) or loc[2] == "pseudonym":
        return False  # the pseudonym is what every output shows in the witness's place
    entries = data.get("sources") if isinstance(data, dict) else None
    entry = entries[loc[1]] if isinstance(entries, list) and loc[1] < len(entries) else None
    if not isinstance(entry, dict):
        return False
    provenance = entry.get("provenance")
    return entry.get("type") == "witness_interview" or (
        isinstance(provenance, dict) and provenance.get("sensitivity") == "confidential")


def _at(data: Any, loc: Loc) -> Any:
    """The value at ``loc`` in the parsed ``data``, None where the path does not lead to one."""
    for key in loc:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def _names_a_witness(value: Any, data: Any) -> bool:
    """Whether ``value`` is text holding a witness source's title, author or locator (ignoring case;
    three characters or more), so an error must not quote it, even cut short."""
    if not isinstance(value, str) or not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        return False
    folded = value.casefold()
    return any(isinstance(name := entry.get(what), str) and len(name.strip()) >= 3 and name.strip().casefold() in folded
               for entry in data["sources"] if isinstance(entry, dict) and entry.get("type") == "witness_interview"
               for what in witnesses.IDENTITY)


def _unnamed(message: str, witnesses: dict[str, str]) -> str:
    """``message`` with each witness source id (quoted or not) replaced by how the witness is named."""
    for sid in sorted(witnesses, key=len, reverse=True):
        if sid in message:
            message = re.sub(rf"'{re.escape(sid)}'|(?<![\w.-]){re.escape(sid)}(?![\w.-])",
                             lambda _, n=witnesses[sid]: n, message)
    return message


_CITATIONS = ("sources", "claimed_sources", "damage_sources")

Check = tuple[Loc, str, tuple[Loc, ...], str]  # where, what, every field the check read (as ``Loc``), severity


# Facts recorded under a former name: (former path, current path) under ``incident``.
FORMER_NAMES = {
    ("precautions", "verification", "doubt_unresolved"): ("target", "doubt_remained"),
}


def _former_names(data: dict[str, Any], add: Any) -> None:
    """Read facts recorded under a former name (:data:`FORMER_NAMES`) under the current one, in place,
    with a warning saying what to write instead, so that no older file loses what it records. A file
    that records both names with different values is refused (error at the former name): they are one
    fact (``precautions.verification.doubt_unresolved`` and ``target.doubt_remained`` were two records
    of the attacker's one doubt, and accepting both let findings disagree)."""
    def fact_value(fact: Any) -> Any:
        return fact.get("value") if isinstance(fact, dict) else fact

    def moved(holder: dict[str, Any], old_key: Any, new_key: Any, new_parent: dict[str, Any], loc: Loc,
              old_name: str, new_name: str) -> None:
        fact = holder.pop(old_key)
        if new_key in new_parent:
            if fact_value(new_parent[new_key]) != fact_value(fact):
                add(loc, f"{old_name} is the former name of {new_name}, which this file also records with a "
                         f"different value: they are one fact; keep one value, under {new_name}", key=True)
                return
            add(loc, f"{old_name} is the former name of {new_name}, which this file also records with the same "
                     f"value; remove {old_name}", "warning", key=True)
            return
        new_parent[new_key] = fact
        add(loc, f"{old_name} is the former name of {new_name}; its value is read as {new_name} (write it there)",
            "warning", key=True)

    for old, new in FORMER_NAMES.items():
        old_name, new_name = ".".join(old), ".".join(new)
        node: Any = data.get("incident")
        for part in old[:-1]:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict) and old[-1] in node:
            parent: Any = data["incident"]
            for part in new[:-1]:
                parent = parent.setdefault(part, {}) if isinstance(parent, dict) else None
            if isinstance(parent, dict):
                moved(node, old[-1], new[-1], parent, ("incident", *old), old_name, new_name)
        for i, account in enumerate(data.get("accounts") or []):
            facts = account.get("facts") if isinstance(account, dict) else None
            if isinstance(facts, dict) and old_name in facts:
                moved(facts, old_name, new_name, facts, ("accounts", i, "facts", old_name), old_name, new_name)


def _source_problems(data: dict[str, Any], add: Any) -> None:
    """Cited source ids must be declared under ``sources``, in facts and in ``derived_from`` (error);
    pseudonyms must not be mistaken for another source (error); declared sources should be cited (warning);
    a witness's identity should not be written into other text (warning, :func:`engine.witnesses.mentions`).

    Read from the raw data, so that these are reported with any schema errors, not after them. Skipped
    when the declarations themselves are broken (the schema error says why)."""
    declared: list[str] = []
    entries = data.get("sources")
    if not entries or not isinstance(entries, list) or \
            not all(isinstance(s, dict) and isinstance(s.get("id"), str) for s in entries):
        return
    known: set[str] = set()
    for i, entry in enumerate(entries):
        if entry["id"] in known:
            add(("sources", i, "id"), f"source id {entry['id']!r} is declared twice")
        declared.append(entry["id"])
        known.add(entry["id"])
    for i, entry in enumerate(entries):
        derived = entry.get("derived_from")
        for j, sid in enumerate(derived if isinstance(derived, list) else ()):
            if isinstance(sid, str) and sid not in known:
                add(("sources", i, "derived_from", j), f"derived from source {sid!r}, which is not declared under "
                                                       "'sources'" + _suggest(sid, declared))
    _derivation_cycles(entries, add)
    _pseudonym_problems(entries, add)
    for loc, sid, what in witnesses.mentions(data):
        field = loc[-1] if isinstance(loc[-1], str) else "text"
        add(loc, f"this {field} contains the identity of {sid!r} (its {what}): outputs replace it by the "
                 "pseudonym as written here, but not another spelling or part of it; remove it "
                 "and name the witness by its pseudonym only", "warning")
    cited = _citation_problems([(("incident",), data.get("incident")), (("accounts",), data.get("accounts"))],
                               declared, add)
    warned: set[str] = set()
    for i, sid in enumerate(declared):
        if sid not in cited and sid not in warned:
            warned.add(sid)
            add(("sources", i, "id"), f"source {sid!r} is not cited by any fact", "warning")


def _citation_problems(roots: list[tuple[Loc, Any]], declared: list[str], add: Any) -> set[str]:
    """A source id cited (under any of :data:`_CITATIONS`) anywhere in ``roots`` — ``(location, raw data)``
    pairs — that is not in ``declared`` is an error, reported where it is cited. Returns every id cited."""
    known = set(declared)
    cited: set[str] = set()
    stack = list(roots)
    while stack:
        loc, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in reversed(list(items)):
            if key in _CITATIONS and isinstance(value, list):
                for i, sid in enumerate(value):
                    if isinstance(sid, str):
                        cited.add(sid)
                        if sid not in known:
                            add(loc + (key, i), f"cites source {sid!r}, which is not declared under 'sources'"
                                                + _suggest(sid, declared))
            else:
                stack.append((loc + (key,), value))
    return cited


def _derivation_cycles(entries: list[dict[str, Any]], add: Any) -> None:
    """A source derived from itself, or through others (``derived_from`` in a cycle), is an error: no
    source can rest on what rests on it. Each cycle is reported once, at the ``derived_from`` entry that
    closes it. Linear in the number of sources and links (an iterative depth-first search)."""
    index = {e["id"]: i for i, e in reversed(list(enumerate(entries)))}
    links = [[(j, index[s]) for j, s in enumerate(e.get("derived_from") or ()) if isinstance(s, str) and s in index]
             if isinstance(e.get("derived_from"), list) else [] for e in entries]
    state = [0] * len(entries)  # 0 not seen, 1 on the current path, 2 done
    for root in range(len(entries)):
        if state[root]:
            continue
        path, stack = [root], [iter(links[root])]
        state[root] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            j, nxt = step
            here = path[-1]
            if state[nxt] == 1:
                loop = path[path.index(nxt):] + [nxt]
                shown = " → ".join(repr(entries[k]["id"]) for k in loop)
                add(("sources", here, "derived_from", j), f"source {entries[here]['id']!r} is derived from itself"
                    if nxt == here else f"derived_from makes a cycle: {shown}; no source can rest on what rests on it")
            elif state[nxt] == 0:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(links[nxt]))


def _pseudonym_problems(entries: list[dict[str, Any]], add: Any) -> None:
    """A pseudonym must not read as another source's id, nor as another source's pseudonym; two source
    ids must not read as one another. Names are compared by :func:`engine.names.skeleton` (case,
    spacing, invisible characters, width, Unicode normal form, look-alike letters): a reader could not
    tell which source is meant."""
    def why(a: str, b: str) -> str:
        return f" (they {names.confusion(a, b)})" if a != b else ""

    ids: dict[str, int] = {}
    for i, entry in enumerate(entries):
        first = ids.setdefault(names.skeleton(entry["id"]), i)
        other = entries[first]["id"]
        if first != i and other != entry["id"]:  # (the same id twice is reported as declared twice)
            add(("sources", i, "id"), f"source id {entry['id']!r} reads as source id {other!r}"
                                      f"{why(entry['id'], other)}; each source needs an id of its own")
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        pseudonym = entry.get("pseudonym")
        if not isinstance(pseudonym, str) or not pseudonym.strip():
            continue
        key = names.skeleton(pseudonym)
        other = ids.get(key)
        if other is not None and names.skeleton(entries[other]["id"]) != names.skeleton(entry["id"]):
            add(("sources", i, "pseudonym"), f"this pseudonym reads as the id of source {entries[other]['id']!r}"
                                             f"{why(pseudonym, entries[other]['id'])}; citations and outputs "
                                             "would be ambiguous")
        elif other is None and key in seen:  # (a pseudonym that is an id is reported above)
            first = entries[seen[key]]
            add(("sources", i, "pseudonym"), f"this pseudonym reads as the pseudonym of source {first['id']!r}"
                                             f"{why(pseudonym, first['pseudonym'])}; each witness needs a "
                                             "pseudonym of its own")
        seen.setdefault(key, i)


def _restated(incident: Incident, facts: dict[str, Any], at: Loc, what: str, add: Any) -> Incident | None:
    """``incident`` with ``facts`` (an account's, or a release's ``known_before``, found at ``at``) in
    place, or None after reporting each key that is not a restatable fact and each ill-typed value."""
    keys = list(facts)
    bad = [k for k in keys if not accounts.overridable(k)]
    for key in bad:
        choices = [k for k in catalogue() if accounts.overridable(k)]
        add((*at, key), f"{key!r} is not an element fact {what} can restate"
                        + _suggest(key.removesuffix("@time"), choices), key=True)
    if bad:
        return None
    try:
        return accounts.restate(incident, facts)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
            key = next((k for k in keys if tuple(k.split(".")) == loc[: len(k.split("."))]), None)
            rest = loc[len(key.split(".")):] if key else loc
            full = (*at, key, *rest) if key else (*at[:-1], *loc)
            add(full, describe({**err, "loc": full}))
    return None


def _account_problems(model: IncidentFile, add: Any) -> list[tuple[int, Incident]]:
    """Each account must restate known element facts with values the model accepts; returns the
    accounts that resolve, as ``(index, incident as the account states it)``."""
    resolved = []
    names: set[Any] = set()
    for a, account in enumerate(model.accounts):
        if account.name in names:
            add(("accounts", a, "name"), f"account name {account.name!r} is used twice")
        names.add(account.name)
        if not isinstance(account.name, str):  # an account that could not be read
            continue
        incident = _restated(model.incident, account.facts, ("accounts", a, "facts"), "an account", add)
        if incident is not None:
            resolved.append((a, incident))
    return resolved


def _release_problems(model: IncidentFile, add: Any) -> None:
    """What a release of the attack says was known before it must restate known element facts with
    values the model accepts (as an account's facts must)."""
    for r, release in enumerate(model.incident.attack.sequence):
        _restated(model.incident, release.known_before, ("incident", "attack", "sequence", r, "known_before"),
                  "a release", add)


# Parts of the day (local time), as minutes since midnight: [start, end). Night wraps past midnight.
DAY_PARTS = {"night": (21 * 60, 6 * 60), "morning": (6 * 60, 11 * 60 + 30), "midday": (11 * 60 + 30, 14 * 60),
             "afternoon": (14 * 60, 18 * 60), "evening": (18 * 60, 21 * 60)}


def _part_of_day(time: str) -> str:
    minutes = int(time[:2]) * 60 + int(time[3:5])
    return next(part for part, (start, end) in DAY_PARTS.items()
                if (start <= minutes < end if start < end else minutes >= start or minutes < end))


def _hours(part: str) -> str:
    start, end = DAY_PARTS[part]
    end -= 1
    return f"{start // 60:02d}:{start % 60:02d}–{end // 60:02d}:{end % 60:02d}"


_GUIDED = {WeaponCategory.guided_bomb, WeaponCategory.guided_missile}


def _checks(inc: Incident, today: dt.date) -> list[Check]:
    """Facts that contradict each other or the calendar: ``(path in the incident, message, paths read)``.

    Tolerates ``None`` where a required field could not be read (see :func:`_salvage`); such fields are
    never reported on, since every check whose fields are in error is dropped."""
    out: list[Check] = []

    def check(loc: Loc, message: str, *read: Loc, severity: str = "error") -> None:
        out.append((loc, message, (loc, *read), severity))

    when = inc.when
    if when.date is not None and when.date > today:
        check(("when", "date"), f"date {when.date.isoformat()} is in the future")
    if when.time and when.time_of_day and _part_of_day(when.time) != when.time_of_day:
        part = _part_of_day(when.time)
        check(("when", "time_of_day"), f"time_of_day is {when.time_of_day!r} ({_hours(when.time_of_day)}), but the "
                                       f"time {when.time} is in the {part} ({_hours(part)})", ("when", "time"))
    for i, ack in enumerate(inc.acknowledgements):
        if ack.date and ack.date > today:
            check(("acknowledgements", i, "date"), f"date {ack.date.isoformat()} is in the future")

    civilians, outcome = inc.civilians, inc.outcome
    present, count = civilians.present.value, civilians.count_present.value
    killed, injured = outcome.civilians_killed.value, outcome.civilians_injured.value
    PRESENT, COUNT = ("civilians", "present", "value"), ("civilians", "count_present", "value")
    if count and killed and count.max is not None and killed.min is not None and killed.min > count.max:
        check(("outcome", "civilians_killed", "value", "min"),
              f"more civilians killed (at least {killed.min}) than the recorded upper bound present "
              f"({count.max}, civilians.count_present)", COUNT + ("max",))
    elif count and killed and injured and count.max is not None and killed.min is not None and injured.min is not None \
            and killed.min + injured.min > count.max:
        check(("outcome", "civilians_injured", "value", "min"),
              f"more civilians killed and injured (at least {killed.min} + {injured.min}) than the recorded upper "
              f"bound present ({count.max}, civilians.count_present)", COUNT + ("max",),
              ("outcome", "civilians_killed", "value", "min"))
    if present is False:  # one problem, naming every fact that says otherwise
        against: list[tuple[str, Loc]] = []
        if killed and (killed.min or 0) > 0:
            against.append((f"at least {killed.min} civilians were killed",
                            ("outcome", "civilians_killed", "value", "min")))
        if injured and (injured.min or 0) > 0:
            against.append((f"at least {injured.min} civilians were injured" if not against else
                            f"at least {injured.min} were injured", ("outcome", "civilians_injured", "value", "min")))
        if count and (count.min or 0) > 0:
            against.append((f"at least {count.min} civilians are counted as present (civilians.count_present)",
                            COUNT + ("min",)))
        if civilians.presence_observable.value is True:
            against.append(("their presence is recorded as observable (civilians.presence_observable)",
                            ("civilians", "presence_observable", "value")))
        if against:
            said = [text for text, _ in against]
            listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
            check(PRESENT, f"civilians recorded as not present, yet {listed}", *(loc for _, loc in against))
    if present is True and count and count.max == 0:
        check(COUNT + ("max",), "no civilians counted as present (max 0), yet civilians are recorded as present "
                                "(civilians.present)", PRESENT)

    warning = inc.precautions.warning
    GIVEN, TIME = ("precautions", "warning", "given", "value"), ("precautions", "warning", "time")
    if warning.given.value is True and not warning.time:
        check(TIME, "a warning recorded as given needs the time it was given", GIVEN)
    if warning.given.value is False and warning.time:
        check(GIVEN, f"a warning recorded as not given, yet the time it was given is recorded "
                     f"(precautions.warning.time: {_shown(warning.time)})", TIME)
    if warning.given.value is False and warning.effective.value is True:
        check(("precautions", "warning", "effective", "value"), "a warning cannot be effective when it was not given",
              GIVEN)
    if warning.effective.value is True and warning.circumstances_did_not_permit.value is True:
        check(("precautions", "warning", "circumstances_did_not_permit", "value"),
              "circumstances are recorded as not permitting a warning, yet an effective warning is recorded "
              "(precautions.warning.effective)", ("precautions", "warning", "effective", "value"))
    if warning.time:
        at = warning_time(warning.time)
        if at is None:
            check(TIME, f"the warning's time {_shown(warning.time)} is not one this tool can read: write HH:MM (on the "
                        "day of the attack), YYYY-MM-DD, YYYY-MM-DDTHH:MM, or how long before the attack "
                        "(\"two hours before the attack\")", severity="warning")
        elif when.date is not None and isinstance(at, tuple) and _after_the_attack(at, when):
            check(TIME, f"the warning is recorded as given at {warning.time}, after the attack "
                        f"({when.date.isoformat()}{' ' + when.time if when.time else ''})",
                  ("when", "date"), ("when", "time"))

    attack = inc.attack
    if attack.directed_at_specific_objective.value is True and \
            attack.cannot_be_directed_at_specific_objective.value is True:
        check(("attack", "cannot_be_directed_at_specific_objective", "value"),
              "the attack is recorded as one that cannot be directed at a specific military objective, yet as "
              "directed at one (attack.directed_at_specific_objective)",
              ("attack", "directed_at_specific_objective", "value"))

    for kind, presence in inc.military_presence:  # "none found" is an observation: someone looked
        if presence.seen.value is False and not presence.observed_by:
            check(("military_presence", kind, "observed_by"),
                  f"{kind.replace('_', ' ')} recorded as not seen (looked for and none found), but not who looked: "
                  "say who in observed_by (a site visit, witnesses asked), or leave seen unknown",
                  ("military_presence", kind, "seen", "value"))

    weapon = inc.attack.weapon
    GUIDED, CATEGORY = ("attack", "weapon", "guided", "value"), ("attack", "weapon", "category")
    if weapon.category in _GUIDED and weapon.guided.value is False:
        check(GUIDED, f"the weapon is recorded as not guided, yet its category is {weapon.category.value!r} "
                      "(attack.weapon.category)", CATEGORY)
    if weapon.category is WeaponCategory.unguided_bomb and weapon.guided.value is True:
        check(GUIDED, "the weapon is recorded as guided, yet its category is 'unguided_bomb' (attack.weapon.category)",
              CATEGORY)
    return out


_RELATIVE = re.compile(r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several) "
                       r"(?:minute|hour|day|week|month)s? before the attack", re.IGNORECASE)
_CLOCK = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


def warning_time(text: str) -> tuple[dt.date | None, str | None] | str | None:
    """Read a warning's ``time`` as written in an incident file: ``"HH:MM"`` (on the day of the attack)
    → ``(None, "HH:MM")``; ``"YYYY-MM-DD"`` → ``(date, None)``; ``"YYYY-MM-DDTHH:MM"`` (or with a space)
    → ``(date, "HH:MM")``; a span before the attack (``"two hours before the attack"``) → the text as
    written. ``None`` for anything else (the loader warns)."""
    text = text.strip()
    if _CLOCK.fullmatch(text):
        return None, text
    if _RELATIVE.fullmatch(text):
        return text
    day, _, clock = text.replace(" ", "T", 1).partition("T")
    try:
        date = dt.date.fromisoformat(day) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None
    except ValueError:
        return None
    if date is None or (clock and not _CLOCK.fullmatch(clock)):
        return None
    return date, clock or None


def _after_the_attack(at: tuple[dt.date | None, str | None], when: Any) -> bool:
    """Whether a warning given at ``at`` (see :func:`warning_time`) is after the attack (``when``); a
    comparison that needs a time not recorded says no."""
    date, clock = at
    date = date or when.date
    if date != when.date:
        return date > when.date
    return bool(clock and when.time and clock > when.time)


def incident_problems(incident: Incident, today: dt.date | None = None,
                      sources: Sequence[Source] | None = None) -> list[tuple[str, str]]:
    """The cross-field checks of one incident: facts that contradict each other or the calendar, and,
    given the file's ``sources``, a cited source id that is not declared among them.

    Returns ``(dotted field path relative to the incident, message)`` pairs, such as
    ``("civilians.present.value", "civilians recorded as not present, yet …")``, in a fixed order; empty
    when the incident is consistent. These are the checks :func:`parse_text` applies to the base incident
    and to each account's version of it (where they are reported under ``incident.`` and
    ``accounts.N.facts``). ``today`` (default: the UTC date) bounds dates.
    """
    today = today or dt.datetime.now(dt.timezone.utc).date()
    found = [(_dotted(loc), message) for loc, message, _, severity in _checks(incident, today) if severity == "error"]
    if sources is not None:
        _citation_problems([((), incident.model_dump(mode="json"))], [s.id for s in sources],
                           lambda loc, message: found.append((_dotted(loc), message)))
        # a did-you-mean may name a witness source: by its pseudonym, as the loader's messages do
        named = _witness_names({"sources": [s.model_dump(mode="json") for s in sources]})
        found = [(path, _unnamed(message, named)) for path, message in found]
    return found


_ON_THE_SPOT = (SourceType.witness_interview, SourceType.site_visit)  # made after the attack, by their nature


def _date_of(source: Source) -> str:
    """A source's date as a message may show it: not for a witness interview or a confidential source,
    whose details are never repeated (see :func:`_unquoted`)."""
    provenance = source.provenance
    if source.type is SourceType.witness_interview or (
            provenance is not None and provenance.sensitivity is Sensitivity.confidential):
        return "(not repeated: a witness's or a confidential source's)"
    return source.date.isoformat() if source.date else "(no date)"


def _source_dates(model: IncidentFile, add: Any, today: dt.date) -> None:
    """A witness interview or site visit dated before the attack (before its first possible day, when
    only the month is known), and a source dated before a source it is derived from: errors. (An attack
    dated in the future is an error of its own: sources are not compared with it.)"""
    when = model.incident.when
    start = None if when is None or when.date is None or when.date > today else \
        when.date.replace(day=1) if when.precision is Precision.month else when.date
    dated = {s.id: s for s in model.sources if s.date}
    for i, source in enumerate(model.sources):
        if source.date is None:
            continue
        if start is not None and source.type in _ON_THE_SPOT and source.date < start:
            add(("sources", i, "date"), f"a {source.type.value.replace('_', ' ')} dated {_date_of(source)}, "
                                        f"before the attack ({when.date.isoformat()}, incident.when.date)",
                reads=(("incident", "when", "date"), ("incident", "when", "precision")))
        for j, sid in enumerate(source.derived_from):
            if sid in dated and source.date < dated[sid].date:
                add(("sources", i, "date"), f"dated {_date_of(source)}, before source {sid!r} "
                                            f"({_date_of(dated[sid])}), which it is derived from",
                    reads=(("sources", i, "derived_from", j),))


def _state_problems(inc: Incident, add: Any) -> None:
    """State names the treaty-status data does not know (warning: every treaty question about them is
    undetermined, see :mod:`engine.law`), with the closest known name; a striking state
    (``attacker.conducted_by``) that is not one of the attacking states (error)."""
    known = law.known_states()

    def unknown(loc: Loc, name: str) -> None:
        close = difflib.get_close_matches(name.casefold(), list(known), n=1, cutoff=0.6)
        hint = f"; did you mean {known[close[0]]!r}?" if close else ""
        add(loc, f"state {name!r} is not in the treaty-status data (rules/treaties/status.yaml), so every "
                 f"treaty question about it is undetermined{hint}", "warning")

    attacker = inc.attacker
    for i, name in enumerate(attacker.states):
        if name.casefold() not in known:
            unknown(("incident", "attacker", "states", i), name)
    if attacker.conducted_by is not None:
        if attacker.conducted_by not in attacker.states:
            add(("incident", "attacker", "conducted_by"), f"{attacker.conducted_by!r} carried out the strike but is "
                "not one of the attacking states (attacker.states)", reads=(("incident", "attacker", "states"),))
    territorial = inc.conflict.territorial_state
    if territorial is not None and territorial.casefold() not in known:
        unknown(("incident", "conflict", "territorial_state"), territorial)


def _unsourced_problems(model: IncidentFile, add: Any) -> None:
    """A warning recorded as not given needs a source like any other statement (docs/incident-format.md,
    §1, rule 1, and the ``warning.given`` field): without one it is only an assertion (warning)."""
    facts = [(("incident", "precautions", "warning", "given"), model.incident.precautions.warning.given)]
    facts += [(("accounts", a, "facts", "precautions.warning.given"), account.facts["precautions.warning.given"])
              for a, account in enumerate(model.accounts) if "precautions.warning.given" in account.facts]
    for loc, fact in facts:
        if fact.value is False and not fact.sources:
            add(loc, "a warning recorded as not given (false) cites no source: false is a statement and needs "
                     "a source like any other; cite the source that says no warning was given, or leave the value null (unknown)", "warning")


def _consistency(model: IncidentFile, add: Any, today: dt.date, with_accounts: bool = True) -> None:
    """Cross-field checks: accounts, dates, and facts that contradict each other, in the base facts and
    in each account's version of them. ``add`` takes ``reads=`` (every field a problem rests on)."""
    for i, source in enumerate(model.sources):
        if source.date and source.date > today:
            add(("sources", i, "date"), f"date {_date_of(source)} is in the future")
    _source_dates(model, add, today)
    for loc, message, read, severity in _checks(model.incident, today):
        add(("incident", *loc), message, severity, reads=tuple(("incident", *r) for r in read))
    _state_problems(model.incident, add)
    _unsourced_problems(model, add)
    if not with_accounts:
        return
    _release_problems(model, add)
    for a, incident in _account_problems(model, add):
        keys = [(k, tuple(k.split("."))) for k in model.accounts[a].facts]
        for loc, message, read, severity in _checks(incident, today):
            if ("precautions", "warning", "time") in read:  # the time of a warning is not an account's to state
                continue
            # Point at the first fact read that the account restates; if it restates none, the problem is
            # the base's (reported above).
            stated = next(((r, k, parts) for r in read for k, parts in keys if r[: len(parts)] == parts), None)
            if stated is None:
                continue
            r, k, parts = stated
            add(("accounts", a, "facts", k, *r[len(parts):]), f"in account {model.accounts[a].name!r}: {message}",
                severity, reads=(*(("incident", *x) for x in read), ("accounts", a, "facts", k)))


# ----- checking what is valid in a file with schema errors

def _slot(loc: Loc) -> str | None:
    """What the last part of ``loc`` (a path in the file) is: ``"optional"`` (a field with a default),
    ``"required"``, ``"key"`` (of a mapping field such as an account's ``facts``), ``"item"`` (of a
    list); ``None`` when it is not a field of the format."""
    if isinstance(loc[-1], int):
        return "item"
    if len(loc) > 1 and isinstance(loc[-2], str):
        parent = _model_at(loc[:-1])
        info = parent.model_fields.get(loc[-2]) if parent else None
        if info is not None and getattr(info.annotation, "__origin__", None) is dict:
            return "key"
    model = _model_at(loc)
    info = model.model_fields.get(loc[-1]) if model else None
    return None if info is None else "required" if info.is_required() else "optional"


def _without(value: Any, where: Loc, changed: set[Loc], validate: Any) -> Any:
    """``validate(value)`` after removing, one by one, each value in error whose field can be left out
    (an optional field, an unknown field, a key of a mapping): the first field with a default at or
    above the error. Positions are paths in the file, starting with ``where``. Each removal is added to
    ``changed``. Returns ``None`` when a required field is in error."""
    value = copy.deepcopy(value)
    for _ in range(10):  # each round removes at least one value; a file needs few
        try:
            return validate(value)
        except ValidationError as exc:
            cuts = []
            for err in exc.errors():
                loc = where + tuple(p for p in err["loc"]
                                    if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
                cut = loc if err["type"] == "extra_forbidden" else next(
                    (loc[:n] for n in range(len(loc), len(where), -1) if _slot(loc[:n]) in ("optional", "key")), None)
                if cut is None:
                    return None
                cuts.append(cut)
            for cut in sorted(cuts, key=len):
                if any(cut[:n] in changed for n in range(1, len(cut) + 1)):  # already removed with what holds it
                    continue
                node = value
                for part in cut[len(where):-1]:
                    if isinstance(node, dict):
                        node = node.get(part)
                    elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                        node = node[part]
                    else:
                        node = None
                if isinstance(node, dict):
                    node.pop(cut[-1], None)
                changed.add(cut)
    return None


@cache
def _adapter(cls: type[BaseModel], name: str) -> TypeAdapter:
    return TypeAdapter(cls.model_fields[name].rebuild_annotation())


def _neutral(cls: type[BaseModel]) -> BaseModel:
    """An unvalidated stand-in for a model that could not be read: every required field ``None``."""
    return cls.model_construct(**{n: None for n, f in cls.model_fields.items() if f.is_required()})


def _readable(cls: type[BaseModel], raw: Any, where: Loc, changed: set[Loc]) -> tuple[BaseModel, bool]:
    """``raw`` as a ``cls`` for the cross-field checks, and whether it validated whole (after leaving out
    optional values in error). Otherwise it is built field by field: each field that validates (again
    leaving out what it can) is kept; any other is its default, or, if required, a stand-in: a neutral
    model, or the raw text (so that an account is still found by its name), or ``None``. Every value
    left out or stood in for is added to ``changed``."""
    def strict(value: Any) -> Any:
        return cls.model_validate_json(json.dumps(value), strict=True)

    if not isinstance(raw, dict):
        changed.add(where)
        return _neutral(cls), False
    whole = _without(raw, where, changed, strict)
    if whole is not None:
        return whole, True
    parts: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        here = where + (name,)
        if name in raw:
            part = _without(raw[name], here, changed,
                            lambda value, n=name: _adapter(cls, n).validate_json(json.dumps(value), strict=True))
            if part is not None:
                parts[name] = part
                continue
        changed.add(here)
        kind = info.annotation
        if not info.is_required():
            parts[name] = info.get_default(call_default_factory=True)
        elif isinstance(kind, type) and issubclass(kind, BaseModel):
            parts[name] = _neutral(kind)
        else:
            parts[name] = raw.get(name) if isinstance(raw.get(name), str) else None
    return cls.model_construct(**parts), False


def _salvage(data: dict[str, Any], changed: set[Loc]) -> tuple[IncidentFile | None, bool]:
    """The valid parts of a file that failed validation, for the cross-field checks (see :func:`_readable`):
    the checks then drop every problem that reads a path in ``changed``. Returns the model (``None``
    without an incident mapping) and whether the incident validated whole (only then are accounts
    resolved against it)."""
    if not isinstance(data.get("incident"), dict):
        return None, False
    incident, whole = _readable(Incident, data["incident"], ("incident",), changed)

    def each(key: str, cls: type[BaseModel]) -> list[Any]:
        items = data.get(key, [])
        if not isinstance(items, list):
            changed.add((key,))
            return []
        return [_readable(cls, item, (key, i), changed)[0] for i, item in enumerate(items)]

    model = IncidentFile.model_construct(schema_version=1, incident=incident, accounts=each("accounts", Account),
                                         sources=each("sources", Source))
    return model, whole


def _overlapping(changed: set[Loc]) -> Any:
    """A test of whether a path lies at, below or above any path in ``changed`` (the values the cross-
    field checks must not rely on): a set lookup per prefix, so linear in the number of checks."""
    above = {c[:n] for c in changed for n in range(len(c) + 1)}
    return lambda loc: loc in above or any(loc[:n] in changed for n in range(len(loc)))


# --------------------------------------------------------------------------- entry points

def parse_text(text: str, name: str, suffix: str = ".yaml", today: dt.date | None = None) -> Loaded:
    """Validate incident-file ``text`` (named ``name`` in messages; ``suffix`` ``.json`` reads JSON,
    anything else YAML). Returns :class:`Loaded` with any warnings; raises :class:`InputError` listing
    every problem. ``today`` (default: the UTC date) bounds dates."""

    breaks = [] if suffix == ".json" else _yaml_only_breaks(text)
    global _suggested
    _suggested = 0

    def whole(message: str, pos: Pos | None = None) -> InputError:
        return InputError([Problem(name, pos[0] if pos else None, pos[1] if pos else None, "", message),
                           *(Problem(name, *at, "", m) for at, m in breaks)])

    if not text.strip():
        raise whole("the file is empty")
    if breaks:  # read on as every line-based tool does, so that later lines keep their numbers
        text = _YAML_ONLY_BREAK.sub(" ", text)
    try:
        data, lines, found = (_parse_json if suffix == ".json" else _parse_yaml)(text)
    except _Refused as exc:
        raise whole(str(exc), exc.pos) from None
    except yaml.MarkedYAMLError as exc:
        raise whole(*_yaml_error(exc)) from None
    except yaml.reader.ReaderError as exc:  # a control character
        before = text[: exc.position]
        raise whole(f"invalid YAML: character U+{exc.character:04X} is not allowed in a text file",
                    (before.count("\n") + 1, len(before) - before.rfind("\n"))) from None
    except yaml.YAMLError as exc:
        raise whole(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise whole(f"nesting deeper than {MAX_DEPTH} levels") from None
    if data is _NO_DOCUMENT:
        raise whole("the file is empty (it holds only comments or document markers)")
    pending: list[tuple[Loc, str, str, Pos | None, bool]] = []  # located at the end, if there are any

    def add(loc: Loc, message: str, severity: str = "error", pos: Pos | None = None, key: bool = False) -> None:
        pending.append((loc, message, severity, pos, key))

    def located() -> list[Problem]:
        nonlocal lines
        if lines is None:
            lines = _json_positions(text)[0]
        found = []
        witnesses = _witness_names(data)
        for loc, message, severity, pos, key in pending:
            pos = pos or (lines.get(loc + (_KEY,)) if key else None) or _position(lines, loc)
            found.append((pos or (None, None), loc, message, severity))
        # Only the first MAX_PROBLEMS, errors before warnings, each in file order, are listed.
        found.sort(key=lambda f: (f[3] != "error", f[0][0] or 0, f[0][1] or 0))
        out = [Problem(name, line, column, _dotted(loc), _unnamed(_unquoted(message, loc, data), witnesses), severity)
               for (line, column), loc, message, severity in found[:MAX_PROBLEMS]]
        rest = found[MAX_PROBLEMS:]
        if rest:
            severity = "error" if any(f[3] == "error" for f in rest) else "warning"
            out.append(Problem(name, None, None, "", f"{len(rest):,} more problems not listed (the first "
                                                      f"{MAX_PROBLEMS:,} are); fix these and validate again", severity))
        return out

    scanned = list(_scan(data))
    for loc, pos, message in [*found, *scanned]:
        add(loc, message, pos=pos)
    if any("surrogate" in message for _, _, message in scanned):
        data = _replace_surrogates(data)
    if not isinstance(data, dict):
        kind = {type(None): "null", list: "a list", str: "text", bool: "true/false"}.get(type(data), "a number")
        add((), f"expected a mapping of fields at the top level (schema_version, incident, sources), found {kind}",
            pos=(1, 1) if data is None or not lines else lines[()])
        raise InputError(located() + [Problem(name, *at, "", m) for at, m in breaks])
    over = [(key, limit) for key, limit in (("accounts", MAX_ACCOUNTS), ("sources", MAX_SOURCES))
            if isinstance(data.get(key), list) and len(data[key]) > limit]
    for key, limit in over:
        add((key, limit), f"{len(data[key]):,} {key}; the limit is {limit:,} per file (the first one over it is here)")
    if over:  # refused as it stands, before any entry is checked: in the time a normal file is read
        raise InputError(located() + [Problem(name, *at, "", m) for at, m in breaks])
    refused = {loc for loc, message, *_ in pending if not message.startswith("duplicate key")}
    _former_names(data, add)
    for pos, message in breaks:  # (after ``refused``: they refuse no field)
        add((), message, pos=pos)
    for pos, message in [] if suffix == ".json" else _bidi_in_comments(text):
        add((), message, "warning", pos=pos)
    _source_problems(data, add)
    for loc in newer_fields(data, data.get("schema_version")):
        add(loc, f"{loc[-1]!r} is new in schema_version 2; this file declares schema_version "
                 f"{data['schema_version']} (write schema_version: 2, or run 'ihl migrate')", key=True)
    changed = set(refused)  # values the cross-field checks must not rely on
    today = today or dt.datetime.now(dt.timezone.utc).date()

    overlaps: Any = None  # made once the salvage has found every value in error

    def checked(loc: Loc, message: str, severity: str = "error", pos: Pos | None = None, key: bool = False,
                reads: tuple[Loc, ...] = ()) -> None:
        nonlocal overlaps
        overlaps = overlaps or _overlapping(changed)
        if not any(overlaps(r) for r in (loc, *reads)):
            add(loc, message, severity, pos, key)

    try:
        # Through JSON, strictly: JSON-native values only (ISO date strings, enum strings), so "12" is
        # not 12, "yes" is not true, and 0 is not 1970-01-01.
        model = IncidentFile.model_validate_json(json.dumps(data), strict=True)
    except ValidationError as exc:
        for loc, message, key in _pydantic_problems(exc):
            if not any(loc[: len(r)] == r for r in refused):  # already reported as a refused value
                add(loc, message, key=key)
        try:  # the cross-field checks still run on what is valid
            salvaged, whole = _salvage(data, changed)
            if salvaged is not None:
                _consistency(salvaged, checked, today, with_accounts=whole)
        except Exception:  # noqa: BLE001 - a safety net: the schema errors above are reported in any case
            pass
    else:
        _consistency(model, checked, today)
    problems = located() if pending else []
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return Loaded(model, name, sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.path)), text, lines)


def read_scalar(text: str) -> Any:
    """Read ``text`` the way a value in an incident file is read: ``true``, ``12``, ``4.5``, ``null`` or text
    (``yes`` and ``2017-06-28`` are text). Raises ``ValueError`` for what a file may not hold there."""
    try:
        data, _, found = _parse_yaml(text)
    except (yaml.YAMLError, _Refused) as exc:
        raise ValueError(f"cannot read {_shown(text)} as a value: {exc}") from None
    problems = [message for _, _, message in [*found, *_scan(data)]]
    if problems:
        raise ValueError(f"cannot read {_shown(text)} as a value: {problems[0]}")
    return None if data is _NO_DOCUMENT else data


def load_file(path: str | Path) -> Loaded:
    """Read and validate the incident file at ``path`` (``.yaml``, ``.yml`` or ``.json``).

    Raises :class:`InputError` for a missing path, a directory or other non-regular file, an unsupported
    extension, a file over :data:`MAX_BYTES`, bytes that are not UTF-8 text, or any parse or validation
    problem (see :func:`parse_text`).
    """
    return parse_text(*read_file(path))


def read_file(path: str | Path) -> tuple[str, str, str]:
    """The text of the incident file at ``path``, with the name and suffix :func:`parse_text` takes
    (``.json`` or ``.yaml``), after the checks :func:`load_file` makes before parsing (line endings
    are kept as written). Raises :class:`InputError` as :func:`load_file` does."""
    p = Path(path)
    name = shown(path)

    def whole(message: str, line: int | None = None) -> InputError:
        return InputError([Problem(name, line, None, "", message)])

    if not p.exists():
        raise whole("no such file")
    if p.is_dir():
        raise whole("is a directory, not an incident file")
    if not p.is_file():
        raise whole("is not a regular file")
    suffix = p.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise whole(f"unsupported file type {suffix or '(none)'!r}; use .yaml, .yml or .json")
    try:
        with p.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise whole(f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise whole(f"file is {p.stat().st_size:,} bytes; the limit is {MAX_BYTES:,}")
    text = decode(raw, name)
    return text, name, ".json" if suffix == ".json" else ".yaml"


def decode(raw: bytes, name: str) -> str:
    """The text of incident-file bytes ``raw`` (named ``name`` in messages), as :func:`load_file` reads
    a file: UTF-8 with or without a byte-order mark, line endings kept. Raises :class:`InputError` for
    more than :data:`MAX_BYTES`, UTF-16 or UTF-32 text, NUL bytes (a binary file) or bytes that are not
    UTF-8."""

    def whole(message: str, line: int | None = None) -> InputError:
        return InputError([Problem(name, line, None, "", message)])

    if len(raw) > MAX_BYTES:
        raise whole(f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                          (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(bom):
            raise whole(f"the file is {encoding} text; save it as UTF-8")
    if b"\x00" in raw:
        raise whole("binary file (contains NUL bytes), not a UTF-8 text incident file",
                    raw[: raw.index(b"\x00")].count(b"\n") + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise whole(f"not valid UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
                    line) from None
    return text

