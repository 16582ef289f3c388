"""Reading incident files: YAML or JSON text → a validated :class:`~engine.model.IncidentFile`.

Every problem is reported at once, each with the file, the field path, and the line and column where
the file has one; nothing is half-read. :class:`InputError` carries the list. Warnings (such as a source
that no fact cites) do not stop the load and are returned beside the model.

Guards against hostile or broken input: a size limit (:data:`MAX_BYTES`), strict UTF-8, no YAML
anchors or aliases (they allow "billion laughs" expansion and are never needed in an incident file),
a nesting limit (:data:`MAX_DEPTH`), and duplicate keys, which PyYAML and ``json`` would silently
resolve by keeping the last one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import BaseModel, ValidationError

from engine import accounts
from engine.facts import catalogue
from engine.model import IncidentFile

MAX_BYTES = 2_000_000  # an incident file is a few kilobytes; 2 MB leaves room for long notes
MAX_DEPTH = 40


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

Pos = tuple[int, int]
Lines = dict[tuple[str | int, ...], Pos]


class _Refused(Exception):
    def __init__(self, message: str, pos: Pos | None = None):
        super().__init__(message)
        self.pos = pos


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases (alias bombs)."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # PyYAML Composer.compose_node
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise _Refused("YAML aliases (*name) are not allowed in incident files", (mark.line + 1, mark.column + 1))
        event = self.peek_event()
        if getattr(event, "anchor", None):
            mark = event.start_mark
            raise _Refused("YAML anchors (&name) are not allowed in incident files", (mark.line + 1, mark.column + 1))
        return super().compose_node(parent, index)


def _node_value(node: yaml.Node, loader: _Loader, path: tuple, lines: Lines, dups: list, depth: int) -> Any:
    """Construct plain data from a composed node, recording each path's position and duplicate keys."""
    if depth > MAX_DEPTH:
        raise _Refused(f"nesting deeper than {MAX_DEPTH} levels", (node.start_mark.line + 1, node.start_mark.column + 1))
    lines[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                dups.append((path + (key,), (key_node.start_mark.line + 1, key_node.start_mark.column + 1)))
            out[key] = _node_value(value_node, loader, path + (key,), lines, dups, depth + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_node_value(n, loader, path + (i,), lines, dups, depth + 1) for i, n in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _parse_yaml(text: str) -> tuple[Any, Lines, list]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        lines: Lines = {}
        dups: list = []
        return _node_value(node, loader, (), lines, dups, 0), lines, dups
    finally:
        loader.dispose()


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"duplicate key {key!r}")
        out[key] = value
    return out


def _parse(text: str, suffix: str) -> tuple[Any, Lines, list]:
    if suffix == ".json":
        try:
            data = json.loads(text, object_pairs_hook=_json_pairs)
        except json.JSONDecodeError as exc:
            raise _Refused(f"invalid JSON: {exc.msg}", (exc.lineno, exc.colno)) from exc
        try:  # positions only: JSON is (almost always) valid YAML
            _, lines, _ = _parse_yaml(text)
        except Exception:
            lines = {}
        return data, lines, []
    return _parse_yaml(text)


# --------------------------------------------------------------------------- validation

def _json_default(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot represent {type(value).__name__} in an incident file")


def _dotted(loc: tuple) -> str:
    return ".".join(str(p) for p in loc)


def _position(lines: Lines, loc: tuple) -> Pos | None:
    for n in range(len(loc), -1, -1):
        if tuple(loc[:n]) in lines:
            return lines[tuple(loc[:n])]
    return None


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the last element of ``loc`` (for spelling suggestions)."""
    model: Any = IncidentFile
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        annotation = model.model_fields[part].annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            inner = getattr(candidate, "__args__", (candidate,))
            found = next((c for c in (candidate, *inner) if isinstance(c, type) and issubclass(c, BaseModel)), None)
            if found is not None:
                model = found
                break
        else:
            return None
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _message(err: dict[str, Any]) -> str:
    loc = tuple(err["loc"])
    kind = err["type"]
    found = err.get("input")
    if kind == "extra_forbidden":
        model = _model_at(loc)
        names = list(model.model_fields) if model else []
        close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else (f"; expected one of: {', '.join(names)}" if names else "")
        return f"unknown field {loc[-1]!r}{hint}"
    if kind == "missing":
        return "required field is missing"
    shown = json.dumps(found, default=str)[:80] if found is not None else "null"
    return f"{err['msg']} (found {shown})"


def _pydantic_problems(exc: ValidationError, file: str, lines: Lines) -> list[Problem]:
    problems = []
    for err in exc.errors():
        # Tagged generic names (e.g. "Fact[bool]") and function-after validators add loc parts that are
        # not fields; drop them so the path is the one the user wrote.
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
        pos = _position(lines, loc)
        problems.append(Problem(file, pos[0] if pos else None, pos[1] if pos else None, _dotted(loc), _message(err)))
    return problems


def _walk_facts(node: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
    """Every model node with its path, depth first."""
    yield path, node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk_facts(getattr(node, name), path + (name,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _walk_facts(item, path + (i,))


def _account_problems(model: IncidentFile, file: str, lines: Lines) -> list[Problem]:
    """Each account must restate known element facts with values the model accepts."""
    problems: list[Problem] = []
    for a, account in enumerate(model.accounts):
        keys = list(account.facts)
        bad = [k for k in keys if not accounts.overridable(k)]
        for key in bad:
            loc = ("accounts", a, "facts", key)
            pos = _position(lines, loc)
            choices = [k for k in catalogue() if accounts.overridable(k)]
            close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(Problem(file, pos[0] if pos else None, pos[1] if pos else None, _dotted(loc),
                                    f"{key!r} is not an element fact an account can restate{hint}"))
        if bad:
            continue
        try:
            accounts.resolve(model, account.name)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                key = next((k for k in keys if tuple(k.split(".")) == loc[: len(k.split("."))]), None)
                rest = loc[len(key.split(".")):] if key else loc
                full = ("accounts", a, "facts", key, *rest) if key else ("accounts", a, *loc)
                pos = _position(lines, full)
                problems.append(Problem(file, pos[0] if pos else None, pos[1] if pos else None, _dotted(full), _message(err)))
    return problems


def _consistency(model: IncidentFile, file: str, lines: Lines, today: dt.date) -> list[Problem]:
    """Cross-field checks: source references, count bounds, dates, and facts that contradict each other."""
    problems: list[Problem] = []

    def add(loc: tuple, message: str, severity: str = "error") -> None:
        pos = _position(lines, loc)
        problems.append(Problem(file, pos[0] if pos else None, pos[1] if pos else None, _dotted(loc), message, severity))

    declared = [s.id for s in model.sources]
    for i, sid in enumerate(declared):
        if sid in declared[:i]:
            add(("sources", i, "id"), f"source id {sid!r} is declared twice")
    cited: set[str] = set()
    for loc, node in _walk_facts(model.incident, ("incident",)):
        if loc and loc[-1] in ("sources", "claimed_sources", "damage_sources") and isinstance(node, list):
            for i, sid in enumerate(node):
                cited.add(sid)
                if sid not in declared:
                    close = difflib.get_close_matches(sid, declared, n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    add(loc + (i,), f"cites source {sid!r}, which is not declared under 'sources'{hint}")
    for a, account in enumerate(model.accounts):
        if account.name in [x.name for x in model.accounts[:a]]:
            add(("accounts", a, "name"), f"account name {account.name!r} is used twice")
        for key, fact in account.facts.items():
            for i, sid in enumerate(fact.sources):
                cited.add(sid)
                if sid not in declared:
                    add(("accounts", a, "facts", key, "sources", i), f"cites source {sid!r}, which is not declared under 'sources'")
    for i, sid in enumerate(declared):
        if sid not in cited:
            add(("sources", i, "id"), f"source {sid!r} is not cited by any fact", "warning")
    problems.extend(_account_problems(model, file, lines))

    inc = model.incident
    if inc.when.date > today:
        add(("incident", "when", "date"), f"date {inc.when.date.isoformat()} is in the future")
    present = inc.civilians.count_present.value
    killed = inc.outcome.civilians_killed.value
    if present and killed and present.max is not None and killed.min is not None and killed.min > present.max:
        add(("incident", "outcome", "civilians_killed", "value", "min"),
            f"more civilians killed (at least {killed.min}) than the recorded upper bound present ({present.max})")
    warning = inc.precautions.warning
    if warning.given.value is True and not warning.time:
        add(("incident", "precautions", "warning", "time"), "a warning recorded as given needs the time it was given")
    if warning.given.value is False and warning.effective.value is True:
        add(("incident", "precautions", "warning", "effective", "value"),
            "a warning cannot be effective when it was not given")
    if inc.civilians.present.value is False and killed and (killed.min or 0) > 0:
        add(("incident", "civilians", "present", "value"),
            f"civilians recorded as not present, yet at least {killed.min} civilians were killed")
    return problems


# --------------------------------------------------------------------------- entry points

def parse_text(text: str, name: str, suffix: str = ".yaml", today: dt.date | None = None) -> Loaded:
    """Validate incident-file ``text`` (named ``name`` in messages). Raises :class:`InputError`."""
    try:
        data, lines, dups = _parse(text, suffix)
    except _Refused as exc:
        line, col = exc.pos or (None, None)
        raise InputError([Problem(name, line, col, "", str(exc))]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        msg = f"invalid YAML: {exc.problem}" + (f" ({exc.context})" if exc.context else "")
        raise InputError([Problem(name, mark.line + 1 if mark else None, mark.column + 1 if mark else None, "", msg)]) from None
    except (yaml.YAMLError, ValueError) as exc:  # e.g. an impossible date such as 2017-02-30
        raise InputError([Problem(name, None, None, "", f"invalid YAML value: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(name, None, None, "", f"nesting too deep (limit {MAX_DEPTH} levels)")]) from None
    problems = [Problem(name, pos[0], pos[1], _dotted(loc), f"duplicate key {loc[-1]!r} (only one value is allowed)")
                for loc, pos in dups]
    if data is None:
        raise InputError([Problem(name, None, None, "", "the file is empty")])
    if not isinstance(data, dict):
        raise InputError([Problem(name, 1, 1, "", f"expected a mapping of fields at the top level, found {type(data).__name__}")])
    try:
        # Through JSON: strict validation then takes JSON-native values (ISO dates, enum strings)
        # and still refuses "12" for 12 or "yes" for true.
        model = IncidentFile.model_validate_json(json.dumps(data, default=_json_default))
    except TypeError as exc:  # e.g. a YAML !!set or !!binary value
        raise InputError(problems + [Problem(name, None, None, "", f"unsupported YAML value: {exc}")]) from None
    except ValidationError as exc:
        raise InputError(problems + _pydantic_problems(exc, name, lines)) from None
    problems += _consistency(model, name, lines, today or dt.datetime.now(dt.timezone.utc).date())
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(problems)
    return Loaded(model, name, [p for p in problems if p.severity == "warning"])


def load_file(path: str | Path) -> Loaded:
    """Read and validate the incident file at ``path`` (``.yaml``, ``.yml`` or ``.json``).

    Raises :class:`InputError` for a missing path, a directory, an unsupported extension, a file over
    :data:`MAX_BYTES`, bytes that are not UTF-8, or any parse or validation problem.
    """
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError([Problem(name, None, None, "", "no such file")])
    if p.is_dir():
        raise InputError([Problem(name, None, None, "", "is a directory, not an incident file")])
    suffix = p.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise InputError([Problem(name, None, None, "", f"unsupported file type {suffix or '(none)'!r}; use .yaml, .yml or .json")])
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError([Problem(name, None, None, "", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")])
    raw = p.read_bytes()
    if b"\x00" in raw:
        raise InputError([Problem(name, None, None, "", "binary file (contains NUL bytes), not a text incident file")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(name, line, None, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})")]) from None
    if not text.strip():
        raise InputError([Problem(name, None, None, "", "the file is empty")])
    return parse_text(text, name, ".json" if suffix == ".json" else ".yaml")
