"""What every importer shares: the record's result, building skeleton facts, checking the skeleton
against the incident format, and writing the files out.

A skeleton is a plain dict shaped like an incident file (``docs/incident-format.md``), validated by the
same loader as any file (:func:`engine.load.parse_text`): what ``ihl import`` writes, ``ihl validate``
accepts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from engine.load import InputError, Problem, parse_text
from engine.model import SCHEMA_VERSION
from engine.output import OutputError, check, write_atomic

Json = dict[str, Any]


@dataclass(frozen=True)
class Unmapped:
    """A field of the record that the importer did not carry over, and why."""

    field: str
    reason: str


@dataclass
class Imported:
    """One record and what became of it.

    ``record`` names it (``file.json``, ``file.csv:7``); ``data`` is the skeleton incident file (None
    when the record could not be used); ``mapped`` maps each filled incident path to the record field it
    came from; ``unmapped`` lists fields not carried over; ``problems`` the errors that made the record
    unusable (located: file, row as ``line``, column, field path).
    """

    record: str
    data: Json | None = None
    mapped: dict[str, str] = field(default_factory=dict)
    unmapped: list[Unmapped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def incident_id(self) -> str | None:
        return self.data["incident"]["id"] if self.data else None


def fact(value: Any, sources: list[str], note: str | None = None) -> Json:
    """A fact as written in an incident file; ``value`` None leaves it unknown."""
    out: Json = {"value": value, "sources": sources}
    if note:
        out["note"] = note
    return out


def count(low: Any, high: Any) -> Json | None:
    """A ``{min, max}`` count from two bounds (either may be missing); None when both are missing or
    either is not a whole number of at least 0."""
    bounds = [_whole(low), _whole(high)]
    if bounds == [None, None] or any(b is False for b in bounds):
        return None
    return {"min": bounds[0], "max": bounds[1]}


def _whole(value: Any) -> int | None | bool:
    """A whole number ≥ 0 from an int or a digit string; None when empty; False when unusable."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value if value >= 0 else False
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return False


def slug(text: str) -> str:
    """Lower-case letters, digits, ``.``, ``_`` and ``-`` only, as incident ids must be."""
    return re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower()).strip("-._")[:80]


def origins(fmt: str, record_id: str, mapped: dict[str, str]) -> str:
    """The summary a skeleton carries: where it came from and which record field filled each field."""
    shown = "; ".join(f"{path} from {source}" for path, source in mapped.items())
    return (f"Skeleton imported by ihl import from {fmt} record {record_id}: observations and sources "
            f"only; every other fact is unknown. Fields filled: {shown}.")


def finish(result: Imported, data: Json, fmt: str, record_id: str) -> Imported:
    """Complete ``data`` (schema version, summary of origins) and check it against the format; a
    skeleton the loader refuses is not written, its problems are reported instead."""
    incident = data["incident"]
    head = {k: incident.pop(k) for k in ("id", "title") if k in incident}
    data = {"schema_version": SCHEMA_VERSION, **data,
            "incident": {**head, "summary": origins(fmt, record_id, result.mapped), **incident}}
    try:
        parse_text(json.dumps(data, ensure_ascii=False), result.record, ".json")
    except InputError as exc:
        result.problems.extend(p for p in exc.problems if p.severity == "error")
        return result
    result.data = data
    return result


class _Dumper(yaml.SafeDumper):
    """Writes a repeated list out again instead of as a YAML alias (``&id001``), for readers."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Json) -> str:
    """The skeleton as YAML (keys in the format's order, UTF-8 text kept as written, no aliases)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def write(results: Iterable[Imported], out: str | Path, *, overwrite: bool = False,
          protect: tuple[str | Path, ...] = ()) -> list[str]:
    """Write every usable skeleton: into the folder ``out`` as ``<incident id>.yaml`` (a repeated id
    gets ``--2``, ``--3`` in record order), or, when ``out`` ends in ``.jsonl``, as one JSON line per
    incident in one file. Each file is written atomically (``engine.output``). Existing files are not
    overwritten unless ``overwrite``: a skeleton already edited by an investigator is work that must not
    be lost. Returns the paths written. Raises :class:`OutputError` before writing anything when a
    target exists (listing them) or the folder cannot be made.
    """
    usable = [r for r in results if r.data is not None]
    target = Path(out)
    if target.suffix.lower() == ".jsonl":
        if target.exists() and not overwrite:
            raise OutputError(f"refusing to overwrite {out}: it exists (use --overwrite)")
        target.parent.mkdir(parents=True, exist_ok=True)
        check(target, protect=protect)
        text = "".join(json.dumps(r.data, ensure_ascii=False) + "\n" for r in usable)
        write_atomic(target, text, protect=protect)
        return [str(target)]
    if target.exists() and not target.is_dir():
        raise OutputError(f"cannot write into {out}: it is not a folder")
    names, used = [], set()
    for r in usable:
        name, n = f"{r.incident_id}.yaml", 1
        while name in used:
            n += 1
            name = f"{r.incident_id}--{n}.yaml"
        used.add(name)
        names.append(target / name)
    existing = [str(p) for p in names if p.exists()]
    if existing and not overwrite:
        shown = ", ".join(existing[:5]) + (f" and {len(existing) - 5} more" if len(existing) > 5 else "")
        raise OutputError(f"refusing to overwrite existing files (use --overwrite): {shown}")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder {out}: {exc.strerror or exc}") from None
    for path in names:  # every target checked before the first is written
        check(path, protect=protect)
    for r, path in zip(usable, names):
        write_atomic(path, dump(r.data), protect=protect)
    return [str(p) for p in names]


def report(results: list[Imported]) -> Json:
    """The import report as plain data (JSON-able, stable order): per record its incident id, the
    fields filled, what could not be mapped and why, and its problems; and the unmapped fields counted
    over all records."""
    tally: dict[tuple[str, str], int] = {}
    for r in results:
        for u in r.unmapped:
            tally[(u.field, u.reason)] = tally.get((u.field, u.reason), 0) + 1
    return {
        "records": [
            {"record": r.record, "incident": r.incident_id, "mapped": r.mapped,
             "unmapped": [{"field": u.field, "reason": u.reason} for u in r.unmapped],
             "problems": [p.as_dict() for p in r.problems]}
            for r in results
        ],
        "unmapped": [{"field": f, "reason": why, "records": n} for (f, why), n in sorted(tally.items())],
    }
