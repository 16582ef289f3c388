"""What a run may change without touching the law: parameters and interpretive positions.

* **Parameters** (``rules/parameters/<name>.yaml``, one per file, in the manner of OpenFisca's
  parameters): a number a rule compares a fact with — a margin of error in metres, a distance, a
  count — with its unit, its references and the date each value was set. The latest value applies
  unless a run overrides it (``--param NAME=VALUE``).
* **Positions** (``rules/positions/<name>.yaml``): where states and the ICRC read the law
  differently, a position names the reading taken on each contested point. Every position gives a
  reading for every point; rules cite a point with ``{reading: POINT, is: VALUE}``. The ICRC's reading
  is the default (``--position NAME`` switches).
* **Forums** (``rules/forums/<name>.yaml``): the court before which the elements of war crimes are
  set out (the ICC; an ICTY-style tribunal), with its readings of the mental element and of
  jurisdiction, cited like a position's (``{reading: POINT, is: VALUE}``), and the standard of proof it
  applies. A forum is opt-in (``--forum NAME``): without one the elements of war crimes are not
  assessed at all (the memo says nothing of individual criminal responsibility unless asked), and every
  output says so in one line (:data:`NOT_ASSESSED`). A forum changes only the war-crime elements, never
  an IHL finding.

:func:`resolve` turns a :class:`Settings` (what the user asked for) into the values a rulebook is
built with. Errors: :class:`SettingsError` names the file, the parameter or the position.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal, Sequence

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from engine import datafiles

DEFAULT_POSITION = "icrc"
Engine = Literal["durable_rules", "compiled"]
# Said, in every output, of a run without a forum (the one line; the HTTP API's parameter is ?forum=).
NOT_ASSESSED = ("The elements of war crimes were not assessed: no forum was selected (add --forum icc or "
                "--forum icty; on the HTTP API, ?forum=icc or ?forum=icty).")
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class SettingsError(Exception):
    """A parameter or position file is malformed, or a run asked for one that does not exist."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class DatedValue(_Strict):
    """One value of a parameter and the date (UTC) it was set."""

    value: float = Field(allow_inf_nan=False)


class Parameter(_Strict):
    """A threshold a rule uses: ``unit`` (``metres``, ``kilograms``, ``count``), ``reference`` (where the
    number comes from), ``values`` keyed by the ISO date each was set (the latest applies)."""

    description: str
    unit: str
    reference: list[str] = Field(min_length=1)
    values: dict[dt.date, DatedValue] = Field(min_length=1)
    documentation: str | None = None

    def current(self) -> tuple[float, dt.date]:
        """The latest value and the date it was set."""
        date = max(self.values)
        return self.values[date].value, date


class Reading(_Strict):
    """A position's reading of one contested point: the ``value`` taken, the sources it rests on, and
    ``verified`` (False where the source text could not be checked)."""

    value: Name
    summary: str
    sources: list[str] = Field(min_length=1)
    verified: bool


class Position(_Strict):
    """An interpretive position: its readings of every contested point, and any parameter it sets."""

    title: str
    summary: str
    readings: dict[Name, Reading]
    parameters: dict[Name, float] = {}  # copied for each instance (a builtin factory costs a signature parse)


class Forum(_Strict):
    """A forum for the war-crime elements: its readings (mental element, jurisdiction) and the
    ``standard_of_proof`` it applies, in words, with the provision that sets it. ``charge`` is how the
    forum reaches a crime, with ``{statute}`` for the Rome Statute provision whose elements are set out
    (``"{statute}"`` before the ICC; the ICTY Statute's art. 3 before an ICTY-style tribunal);
    ``other_kind`` why a crime is not applicable in the other kind of conflict, with ``{kind}`` (the
    crime's, ``"an international"``), ``{other}`` (the conflict's, in the same words) and
    ``{classification}`` (``IAC``/``NIAC``)."""

    title: str
    summary: str
    standard_of_proof: str
    charge: str
    other_kind: str
    readings: dict[Name, Reading]


@dataclass(frozen=True)
class Settings:
    """What a run asked for: a ``position`` name, parameter ``overrides`` as ``(name, value)`` pairs,
    the ``forum`` whose elements of war crimes are set out (None: they are not assessed), and the
    ``engine`` that matches the record's facts against the rules: ``"durable_rules"`` (the default) or
    ``"compiled"``, the plain-Python evaluator of the same compiled clauses (:mod:`engine.evaluator`),
    which gives the same firings — the test suite checks both on every run — so the same output bytes,
    for a fraction of the cost (``ihl batch --engine compiled``)."""

    position: str = DEFAULT_POSITION
    overrides: tuple[tuple[str, float], ...] = ()
    forum: str | None = None
    engine: Engine = "durable_rules"


@dataclass(frozen=True)
class ParameterValue:
    """A parameter as a run uses it: ``value`` in ``unit``; ``set_by`` is ``"file"`` (the dated value),
    ``"position"`` or ``"run"`` (overridden for this run)."""

    name: str
    value: float
    unit: str
    description: str
    reference: tuple[str, ...]
    date: str
    set_by: str


@dataclass(frozen=True)
class Resolved:
    """The values a rulebook is built with: ``readings`` (point → value) and ``parameters``; the
    ``forum`` (None: the elements of war crimes are not assessed) with its title, standard of proof
    and readings."""

    position: str
    position_title: str
    readings: tuple[tuple[str, str], ...]
    parameters: tuple[ParameterValue, ...]
    forum: str | None = None
    forum_title: str = ""
    forum_standard: str = ""
    forum_readings: tuple[tuple[str, str], ...] = ()
    forum_charge: str = "{statute}"
    forum_other_kind: str = ""

    def reading(self, point: str) -> str | None:
        """The value the position, or else the forum, reads ``point`` as (None: no such point)."""
        return dict(self.readings).get(point, dict(self.forum_readings).get(point))

    def parameter(self, name: str) -> ParameterValue | None:
        return next((p for p in self.parameters if p.name == name), None)


def _files(folder: str) -> dict[str, str]:
    root = resources.files("rules").joinpath(folder)
    return {f.name.removesuffix(".yaml"): f.read_text(encoding="utf-8")
            for f in root.iterdir() if f.name.endswith(".yaml")}


def _parse(model: type[_Strict], folder: str, name: str, text: str) -> _Strict:
    try:
        return model.model_validate(datafiles.parse(text))
    except (ValidationError, ValueError) as exc:
        raise SettingsError(f"rules/{folder}/{name}.yaml: {exc}") from exc


@cache
def parameters() -> dict[str, Parameter]:
    """Every parameter shipped in ``rules/parameters/``, by name (the file name), sorted."""
    return {name: _parse(Parameter, "parameters", name, text) for name, text in sorted(_files("parameters").items())}


def _readers(model: Any, folder: str, default: str | None) -> dict[str, Any]:
    """Every file of ``rules/<folder>/`` read as ``model``, by name; the ``default`` one must be there and
    each must read exactly the points it reads (with no default, the points the first one reads).
    Raises :class:`SettingsError`."""
    out = {name: _parse(model, folder, name, text) for name, text in sorted(_files(folder).items())}
    if default is not None and default not in out:
        raise SettingsError(f"rules/{folder}/{default}.yaml: the default is missing")
    if not out:
        raise SettingsError(f"rules/{folder}/: no file")
    points = set(out[default or next(iter(out))].readings)
    for name, reader in out.items():
        if set(reader.readings) != points:
            raise SettingsError(f"rules/{folder}/{name}.yaml: must read exactly the points {sorted(points)}")
    return out


@cache
def positions() -> dict[str, Position]:
    """Every position shipped in ``rules/positions/``, by name; each must read every point the
    default position reads, and set only known parameters. Raises :class:`SettingsError`."""
    out = _readers(Position, "positions", DEFAULT_POSITION)
    for name, position in out.items():
        unknown = sorted(set(position.parameters) - set(parameters()))
        if unknown:
            raise SettingsError(f"rules/positions/{name}.yaml: unknown parameters {unknown}")
    return out


@cache
def forums() -> dict[str, Forum]:
    """Every forum shipped in ``rules/forums/``, by name; each must read the same points, and none a
    point a position reads. There is no default forum (see :data:`NOT_ASSESSED`). Raises
    :class:`SettingsError`."""
    out = _readers(Forum, "forums", None)
    first = next(iter(out))
    clash = sorted(set(out[first].readings) & set(positions()[DEFAULT_POSITION].readings))
    if clash:  # every forum reads the same points (above)
        raise SettingsError(f"rules/forums/{first}.yaml: {clash} are points of the positions")
    return out


@cache
def resolve(settings: Settings = Settings()) -> Resolved:
    """The readings, parameter values and forum for ``settings``. Raises :class:`SettingsError` for an
    unknown position, parameter or forum."""
    known = positions()
    if settings.position not in known:
        raise SettingsError(f"unknown position {settings.position!r}; known: {', '.join(known)}")
    position = known[settings.position]
    overrides = dict(settings.overrides)
    unknown = sorted(set(overrides) - set(parameters()))
    if unknown:
        raise SettingsError(f"unknown parameter {unknown[0]!r}; known: {', '.join(parameters())}")
    values = []
    for name, p in parameters().items():
        value, date = p.current()
        set_by = "file"
        if name in position.parameters:
            value, set_by = position.parameters[name], "position"
        if name in overrides:
            value, set_by = float(overrides[name]), "run"
            if p.unit == "count" and not value.is_integer():
                raise SettingsError(f"--param {name}: the value is a count, so a whole number; got {value!r}")
        values.append(ParameterValue(name, float(value), p.unit, " ".join(p.description.split()),
                                     tuple(p.reference), date.isoformat(), set_by))
    resolved = Resolved(
        position=settings.position,
        position_title=position.title,
        readings=tuple(sorted((k, r.value) for k, r in position.readings.items())),
        parameters=tuple(values),
    )
    if settings.forum is None:
        return resolved
    if settings.forum not in forums():
        raise SettingsError(f"unknown forum {settings.forum!r}; known: {', '.join(forums())}")
    forum = forums()[settings.forum]
    return dataclasses.replace(
        resolved,
        forum=settings.forum,
        forum_title=forum.title,
        forum_standard=" ".join(forum.standard_of_proof.split()),
        forum_readings=tuple(sorted((k, r.value) for k, r in forum.readings.items())),
        forum_charge=" ".join(forum.charge.split()),
        forum_other_kind=" ".join(forum.other_kind.split()),
    )


def parse_override(text: str) -> tuple[str, float]:
    """``"wide_area_cep_m=50"`` → ``("wide_area_cep_m", 50.0)``. Raises ``ValueError``."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise ValueError(f"expected NAME=VALUE, got {text[:200]!r}")
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}: {raw.strip()[:50]!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{name}: the value must be a finite number")
    if value < 0:  # every parameter is a distance, a weight or a count
        raise ValueError(f"{name}: the value must not be negative")
    return name, value


def from_options(position: str = DEFAULT_POSITION, params: Sequence[str] = (), forum: str | None = None) -> Settings:
    """The run's settings from a position name, ``NAME=VALUE`` parameter overrides and the forum of the
    war-crime elements (None: not assessed), as the command line and the HTTP API take them. Raises :class:`SettingsError`
    for a malformed or repeated override (an unknown position, parameter or forum is refused when the
    settings are resolved)."""
    try:
        overrides = [parse_override(p) for p in params]
    except ValueError as exc:
        raise SettingsError(f"--param: {exc}") from None
    names = [n for n, _ in overrides]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise SettingsError(f"--param: each parameter may be set once; set more than once: {', '.join(repeated)}")
    return Settings(position, tuple(sorted(overrides)), forum)
