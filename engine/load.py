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
no YAML tags beyond the plain JSON types (``!!binary``, ``!!set``, ``!!python/…`` are refused), a nesting
limit (:data:`MAX_DEPTH`), no NaN or infinite numbers, and duplicate keys, which PyYAML and ``json``
would silently resolve by keeping the last one.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import BaseModel, ValidationError

from engine import accounts
from engine.facts import catalogue
from engine.model import Incident, IncidentFile

MAX_BYTES = 2_000_000  # an incident file is a few kilobytes; 2 MB leaves room for long notes
MAX_DEPTH = 40  # nesting levels below the top-level mapping; the format itself needs 6


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
    """A validated incident file, where it came from, and any warnings."""

    file: IncidentFile
    path: str
    warnings: list[Problem] = field(default_factory=list)


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


class _Loader(yaml.SafeLoader):
    """SafeLoader reading only the scalars YAML 1.1 and 1.2 agree on; refuses anchors, aliases, deep nesting."""

    yaml_implicit_resolvers: dict = {}  # replaced below: what YAML 1.1 and 1.2 both resolve
    _depth = 0

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
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


for _tag, _pattern, _first in (
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?(0|[1-9][0-9]*)", "-+0123456789"),
    ("float", r"[-+]?[0-9]+\.[0-9]*([eE][-+][0-9]+)?|\.[0-9]+([eE][-+][0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
     "-+0123456789."),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
):
    _Loader.add_implicit_resolver(_TAG + _tag, re.compile(f"^(?:{_pattern})$"), list(_first))
_Loader.add_constructor(_TAG + "int", lambda loader, node: int(loader.construct_scalar(node), 10))


def _build(node: yaml.Node, loader: _Loader, path: Loc, lines: Lines, found: list[Found],
           key: Pos | None = None) -> Any:
    """Plain data from a composed node, recording each path's position and each refused value.

    A path's position is its value's, except for a block mapping or list below its key (``key``): there
    the key's line is the one to point at."""
    pos = _pos(node.start_mark)
    block = isinstance(node, yaml.CollectionNode) and not node.flow_style
    lines[path] = key if block and key else pos
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace(_TAG, "!!")
        found.append((path, pos, f"the YAML tag {tag} is not allowed; use plain text, numbers, true/false, "
                                 "lists and mappings"))
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
    except (ValueError, yaml.YAMLError) as exc:
        found.append((path, pos, f"cannot read {node.value!r} as {node.tag.replace(_TAG, '!!')}"))
        return None


_NO_DOCUMENT = object()


def _parse_yaml(text: str) -> tuple[Any, Lines, list[Found]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return _NO_DOCUMENT, {}, []
        lines: Lines = {}
        found: list[Found] = []
        return _build(node, loader, (), lines, found), lines, found
    finally:
        loader.dispose()


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
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise _Refused(f"invalid JSON: {exc.msg.removesuffix(' at')}", (exc.lineno, exc.colno)) from None
    except RecursionError:  # far too deep for the json module itself
        raise _Refused(f"nesting deeper than {MAX_DEPTH} levels") from None
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


def _scan(data: Any) -> Iterator[Found]:
    """Values no incident file may hold, wherever they are: NaN and infinities, and text with unpaired
    UTF-16 surrogates (a JSON ``"\\ud800"`` escape), which no output could encode."""
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            yield loc, None, f"expected a finite number, found {value}"
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


# --------------------------------------------------------------------------- messages

def _dotted(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)


def _position(lines: Lines, loc: Loc) -> Pos | None:
    for n in range(len(loc), -1, -1):
        if tuple(loc[:n]) in lines:
            return lines[tuple(loc[:n])]
    return None


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the last element of ``loc`` (for spelling suggestions)."""
    model: Any = IncidentFile
    skip = False
    for part in loc[:-1]:
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
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _suggest(word: Any, choices: list[str]) -> str:
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
    r"^([01]\d|2[0-3]):[0-5]\d$": 'a 24-hour time written "HH:MM"',
    r"^[a-z0-9][a-z0-9._-]{0,79}$": "an id of lower-case letters, digits, '.', '_' or '-' (at most 80)",
    r"^[a-z0-9][a-z0-9_-]{0,39}$": "a name of lower-case letters, digits, '_' or '-' (at most 40)",
}
_SHAPES = {"Fact": "a fact written as {value: …, sources: […]}", "Count": "a count written as {min: …, max: …}"}


def describe(err: dict[str, Any]) -> str:
    """Say what was expected and what was found for one pydantic error."""
    loc, kind, found, ctx = tuple(err["loc"]), err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "extra_forbidden":
        model = _model_at(loc)
        names = list(model.model_fields) if model else []
        close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else (f"; expected one of: {', '.join(names)}" if names else "")
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
        # Tagged generic names (e.g. "Fact[bool]") and function-after validators add loc parts that are
        # not fields; drop them so the path is the one the user wrote.
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
        problems.append((loc, describe({**err, "loc": loc}), err["type"] == "extra_forbidden"))
    return problems


# --------------------------------------------------------------------------- cross-field checks

_CITATIONS = ("sources", "claimed_sources", "damage_sources")


def _source_problems(data: dict[str, Any], add: Any) -> None:
    """Cited source ids must be declared under ``sources`` (error); declared ones should be cited (warning).

    Read from the raw data, so that these are reported with any schema errors, not after them. Skipped
    when the declarations themselves are broken (the schema error says why)."""
    declared: list[str] = []
    entries = data.get("sources")
    if not entries or not isinstance(entries, list) or \
            not all(isinstance(s, dict) and isinstance(s.get("id"), str) for s in entries):
        return
    for i, entry in enumerate(entries):
        if entry["id"] in declared:
            add(("sources", i, "id"), f"source id {entry['id']!r} is declared twice")
        declared.append(entry["id"])
    cited: set[str] = set()
    stack: list[tuple[Loc, Any]] = [(("incident",), data.get("incident")), (("accounts",), data.get("accounts"))]
    while stack:
        loc, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in reversed(list(items)):
            if key in _CITATIONS and isinstance(value, list):
                for i, sid in enumerate(value):
                    if isinstance(sid, str):
                        cited.add(sid)
                        if sid not in declared:
                            add(loc + (key, i), f"cites source {sid!r}, which is not declared under 'sources'"
                                                + _suggest(sid, declared))
            else:
                stack.append((loc + (key,), value))
    for i, sid in enumerate(declared):
        if sid not in cited and sid not in declared[:i]:
            add(("sources", i, "id"), f"source {sid!r} is not cited by any fact", "warning")


def _account_problems(model: IncidentFile, add: Any) -> list[tuple[int, Incident]]:
    """Each account must restate known element facts with values the model accepts; returns the
    accounts that resolve, as ``(index, incident as the account states it)``."""
    resolved = []
    choices = [k for k in catalogue() if accounts.overridable(k)]
    for a, account in enumerate(model.accounts):
        if account.name in [x.name for x in model.accounts[:a]]:
            add(("accounts", a, "name"), f"account name {account.name!r} is used twice")
        keys = list(account.facts)
        bad = [k for k in keys if not accounts.overridable(k)]
        for key in bad:
            add(("accounts", a, "facts", key), f"{key!r} is not an element fact an account can restate"
                                               + _suggest(key.removesuffix("@time"), choices), key=True)
        if bad:
            continue
        try:
            resolved.append((a, accounts.resolve(model, account.name)))
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
                key = next((k for k in keys if tuple(k.split(".")) == loc[: len(k.split("."))]), None)
                rest = loc[len(key.split(".")):] if key else loc
                full = ("accounts", a, "facts", key, *rest) if key else ("accounts", a, *loc)
                add(full, describe({**err, "loc": full}))
    return resolved


def _incident_checks(inc: Incident, today: dt.date) -> list[tuple[Loc, str]]:
    """Facts that contradict each other or the calendar, as ``(path in the incident, message)``."""
    out: list[tuple[Loc, str]] = []
    if inc.when.date > today:
        out.append((("when", "date"), f"date {inc.when.date.isoformat()} is in the future"))
    for i, ack in enumerate(inc.acknowledgements):
        if ack.date and ack.date > today:
            out.append((("acknowledgements", i, "date"), f"date {ack.date.isoformat()} is in the future"))
    present = inc.civilians.count_present.value
    killed = inc.outcome.civilians_killed.value
    if present and killed and present.max is not None and killed.min is not None and killed.min > present.max:
        out.append((("outcome", "civilians_killed", "value", "min"),
                    f"more civilians killed (at least {killed.min}) than the recorded upper bound present "
                    f"({present.max}, civilians.count_present)"))
    warning = inc.precautions.warning
    if warning.given.value is True and not warning.time:
        out.append((("precautions", "warning", "time"), "a warning recorded as given needs the time it was given"))
    if warning.given.value is False and warning.effective.value is True:
        out.append((("precautions", "warning", "effective", "value"),
                    "a warning cannot be effective when it was not given"))
    if inc.civilians.present.value is False and killed and (killed.min or 0) > 0:
        out.append((("civilians", "present", "value"),
                    f"civilians recorded as not present, yet at least {killed.min} civilians were killed"))
    return out


def _consistency(model: IncidentFile, add: Any, today: dt.date) -> None:
    """Cross-field checks on a valid file: accounts, dates, and facts that contradict each other, in the
    base facts and in each account's version of them."""
    for i, source in enumerate(model.sources):
        if source.date and source.date > today:
            add(("sources", i, "date"), f"date {source.date.isoformat()} is in the future")
    base = _incident_checks(model.incident, today)
    for loc, message in base:
        add(("incident", *loc), message)
    for a, incident in _account_problems(model, add):
        keys = list(model.accounts[a].facts)
        for loc, message in _incident_checks(incident, today):
            if (loc, message) in base or loc[-1] == "time":  # already reported / not an account's to state
                continue
            key = next((k for k in keys if tuple(k.split(".")) == loc[: len(k.split("."))]), None)
            where = ("accounts", a, "facts", key, *loc[len(key.split(".")):]) if key else ("accounts", a, "facts")
            add(where, f"in account {model.accounts[a].name!r}: {message}")


# --------------------------------------------------------------------------- entry points

def parse_text(text: str, name: str, suffix: str = ".yaml", today: dt.date | None = None) -> Loaded:
    """Validate incident-file ``text`` (named ``name`` in messages; ``suffix`` ``.json`` reads JSON,
    anything else YAML). Returns :class:`Loaded` with any warnings; raises :class:`InputError` listing
    every problem. ``today`` (default: the UTC date) bounds dates."""

    def whole(message: str, pos: Pos | None = None) -> InputError:
        return InputError([Problem(name, pos[0] if pos else None, pos[1] if pos else None, "", message)])

    if not text.strip():
        raise whole("the file is empty")
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
        out = []
        for loc, message, severity, pos, key in pending:
            pos = pos or (lines.get(loc + (_KEY,)) if key else None) or _position(lines, loc)
            line, column = pos or (None, None)
            out.append(Problem(name, line, column, _dotted(loc), message, severity))
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
        raise InputError(located())
    refused = {loc for loc, message, *_ in pending if not message.startswith("duplicate key")}
    _source_problems(data, add)
    try:
        # Through JSON, strictly: JSON-native values only (ISO date strings, enum strings), so "12" is
        # not 12, "yes" is not true, and 0 is not 1970-01-01.
        model = IncidentFile.model_validate_json(json.dumps(data), strict=True)
    except ValidationError as exc:
        for loc, message, key in _pydantic_problems(exc):
            if not any(loc[: len(r)] == r for r in refused):  # already reported as a refused value
                add(loc, message, key=key)
    else:
        _consistency(model, add, today or dt.datetime.now(dt.timezone.utc).date())
    problems = located() if pending else []
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return Loaded(model, name, sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.path)))


def read_scalar(text: str) -> Any:
    """Read ``text`` the way a value in an incident file is read: ``true``, ``12``, ``4.5``, ``null`` or text
    (``yes`` and ``2017-06-28`` are text). Raises ``ValueError`` for what a file may not hold there."""
    try:
        data, _, found = _parse_yaml(text)
    except (yaml.YAMLError, _Refused) as exc:
        raise ValueError(f"cannot read {text!r} as a value: {exc}") from None
    problems = [message for _, _, message in [*found, *_scan(data)]]
    if problems:
        raise ValueError(f"cannot read {text!r} as a value: {problems[0]}")
    return None if data is _NO_DOCUMENT else data


def load_file(path: str | Path) -> Loaded:
    """Read and validate the incident file at ``path`` (``.yaml``, ``.yml`` or ``.json``).

    Raises :class:`InputError` for a missing path, a directory or other non-regular file, an unsupported
    extension, a file over :data:`MAX_BYTES`, bytes that are not UTF-8 text, or any parse or validation
    problem (see :func:`parse_text`).
    """
    p = Path(path)
    name = str(path)

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
    return parse_text(text, name, ".json" if suffix == ".json" else ".yaml")
