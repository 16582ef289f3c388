"""From a validated incident to the element facts the rules are matched against.

Every :class:`~engine.model.Fact` in the incident model becomes one *element fact*, named by its
path in the incident (``civilians.present``, ``precautions.warning.given``). Yes/no facts get a status
``T`` / ``F`` / ``U``; value facts (numbers, categories) get ``K`` with their value, or ``U``.

A count (a range of people) gives two number facts besides, ``<path>.min`` and ``<path>.max``, so that
rules can compare either bound. The lists of the format (the releases of ``attack.sequence``, the
``precautions.alternatives``) give *aggregate* facts, described at :data:`AGGREGATES`: a rule matches
fixed facts, never a list.

Each fact other than a count also gets an *ex ante* twin, ``<id>@time``: the fact as the attacker knew
or should have known it before the attack. Proportionality and precautions are judged on that view (AP I arts
51(5)(b), 57(2); CIHL Rules 14–21; ICTY, *Galić*, trial judgment): a fact the attacker could
not have known is excluded (a yes/no fact reads false, a value unknown), and one whose knowledge is not
recorded stays unknown. Nothing here applies the law; it only states the facts in the shape the engine
matches.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache
from operator import attrgetter
from typing import Any, Callable, Collection, Literal

from pydantic import BaseModel

from engine import law
from engine.model import AlternativeKind, Count, Fact, Incident, Knowledge

AT_TIME = "@time"

Kind = Literal["bool", "number", "category", "count"]


@dataclass(frozen=True)
class Element:
    """One element fact as asserted into the engine and shown in the trace.

    ``status`` is ``T``/``F``/``U`` (yes/no facts) or ``K``/``U`` (values); ``value`` is the typed value
    (``None`` when unknown); ``path`` is the field path in the incident file (for ``@time`` twins, the
    path of the underlying fact); ``excluded`` explains why an ex ante twin differs from the fact;
    ``inferred`` says when a fact found afterwards is treated as foreseeable at the time.
    """

    id: str
    kind: Kind
    status: str
    value: Any
    path: str
    sources: tuple[str, ...] = ()
    attacker_knowledge: str | None = None
    found_afterwards: bool = False
    note: str | None = None
    excluded: str | None = None
    inferred: str | None = None
    assessed_by: str | None = None  # a body's legal conclusion recorded as evidence, not an observation

    def engine_fact(self) -> dict[str, Any]:
        """The JSON-able fact asserted into durable_rules: ``{id, s}`` plus ``n`` or ``e``."""
        fact: dict[str, Any] = {"id": self.id, "s": self.status}
        if self.status == "K" and self.kind == "number":
            fact["n"] = float(self.value)
        elif self.status == "K" and self.kind == "category":
            fact["e"] = str(self.value)
        return fact


def _fact_kind(fact_type: type) -> Kind:
    arg = _value_type(fact_type)
    if arg is bool:
        return "bool"
    if arg in (int, float):
        return "number"
    if arg is Count:
        return "count"
    if typing.get_origin(arg) is Literal or (isinstance(arg, type) and issubclass(arg, Enum)):
        return "category"
    raise TypeError(f"no element kind for Fact[{arg!r}]")


def _value_type(fact_type: type) -> Any:
    (arg,) = fact_type.__pydantic_generic_metadata__["args"]
    return typing.get_args(arg)[0] if typing.get_origin(arg) is typing.Annotated else arg


def _walk(model: type[BaseModel], prefix: str) -> typing.Iterator[tuple[str, Kind]]:
    for name, info in model.model_fields.items():
        annotation = info.annotation
        path = f"{prefix}{name}"
        if isinstance(annotation, type) and issubclass(annotation, Fact):
            yield path, _fact_kind(annotation)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _walk(annotation, f"{path}.")


@cache
def catalogue() -> dict[str, Kind]:
    """Every element fact id the rules may cite, with its kind (``@time`` twins included).

    Shape: ``{"civilians.present": "bool", "civilians.present@time": "bool", ...}``, sorted by id.
    """
    kinds: dict[str, Kind] = {}
    for path, kind in fact_paths().items():
        kinds[path] = kind
        if kind == "count":
            kinds[path + ".min"] = kinds[path + ".max"] = "number"
    kinds.update({fact_id: kind for fact_id, (kind, _) in AGGREGATES.items()})
    kinds.update({fact_id + AT_TIME: kind for fact_id, kind in kinds.items() if kind != "count"})
    return dict(sorted(kinds.items()))


@cache
def fact_paths() -> dict[str, Kind]:
    """The facts written in an incident file, by path relative to ``incident`` (what an account or a
    release may restate), with their kind: the catalogue without twins, count bounds and aggregates."""
    return dict(_walk(Incident, ""))


@cache
def choices(fact_id: str) -> tuple[str, ...]:
    """The values a category fact can take (``target.kind`` → ``("object", "persons")``)."""
    node: Any = Incident
    for part in fact_id.removesuffix(AT_TIME).split("."):
        node = node.model_fields[part].annotation
    arg = _value_type(node)
    if isinstance(arg, type) and issubclass(arg, Enum):
        return tuple(m.value for m in arg)
    return tuple(typing.get_args(arg))


@cache
def _plan(fact_id: str) -> tuple[Callable[[Incident], Fact], str | None, str]:
    """How :func:`_recorded` reads ``fact_id`` (not an aggregate), worked out once: the fact's getter,
    the bound (``min`` / ``max``) where the id names one of a count, and the element's path."""
    path, bound = fact_id, None
    if fact_id.endswith((".min", ".max")) and fact_id not in fact_paths():  # a bound of a count
        path, bound = fact_id[:-4], fact_id[-3:]
    return attrgetter(path), bound, f"incident.{path}" + (f".value.{bound}" if bound else "")


def _status(kind: Kind, value: Any) -> str:
    if value is None:
        return "U"
    if kind == "bool":
        return "T" if value else "F"
    return "K"


def _at_time(base: Element) -> Element:
    """The ex ante twin of a fact (see module docstring). A yes/no fact recorded false stays false; a
    true one, or a value, counts ex ante only where the attacker knew or should have known it."""
    knowledge = base.attacker_knowledge
    status, excluded, inferred = base.status, None, None
    if base.status in ("T", "K"):
        if knowledge in (Knowledge.knew.value, Knowledge.should_have_known.value):
            if base.found_afterwards:
                inferred = (f"found afterwards; treated as foreseeable at the time because the record says "
                            f"the attacker {knowledge.replace('_', ' ')} it")
        elif knowledge == Knowledge.could_not_have_known.value:
            status = "F" if base.status == "T" else "U"
            excluded = "excluded from the ex ante view: the attacker could not have known it before the attack"
        else:
            status = "U"
            excluded = "unknown ex ante: whether the attacker knew or should have known it is not recorded"
    return Element(
        id=base.id + AT_TIME,
        kind=base.kind,
        status=status,
        value=base.value,
        path=base.path,
        sources=base.sources,
        attacker_knowledge=knowledge,
        found_afterwards=base.found_afterwards,
        note=base.note,
        excluded=excluded,
        inferred=inferred,
        assessed_by=base.assessed_by,
    )


def _recorded(incident: Incident, fact_id: str, kind: Kind, release: int | None = None) -> Element:
    """The element ``fact_id`` as recorded (not an ex ante twin); ``release`` as for :func:`elements`."""
    if fact_id in AGGREGATES:
        return AGGREGATES[fact_id][1](incident, fact_id, release)
    getter, bound, path = _plan(fact_id)
    fact = getter(incident)
    value = fact.value.value if isinstance(fact.value, Enum) else fact.value
    if bound is not None:
        value = getattr(fact.value, bound) if fact.value is not None else None
    elif kind == "count" and value is not None:
        value = fact.value.model_dump()
    return Element(
        id=fact_id,
        kind=kind,
        status=_status(kind, value),
        value=value,
        path=path,
        sources=tuple(fact.sources),
        attacker_knowledge=fact.attacker_knowledge.value if fact.attacker_knowledge else None,
        found_afterwards=fact.found_afterwards,
        note=fact.note,
        assessed_by=fact.assessed_by,
    )


def elements(incident: Incident, wanted: Collection[str] | None = None, release: int | None = None,
             twins: bool = True) -> dict[str, Element]:
    """The element facts of ``incident`` keyed by id, in id order (``@time`` twins included unless
    ``twins`` is False: the memo's table of recorded facts shows the facts as recorded).

    ``wanted`` limits them to those ids (and the recorded fact each wanted twin is read from); all of
    them when None.
    ``release`` (0-based index in ``attack.sequence``) reads the facts of the later releases from that
    release alone, where it is judged on what was known before it (:mod:`engine.passes`); raises
    ``IndexError`` for an index past the sequence.
    """
    out: dict[str, Element] = {}
    kinds = catalogue()
    # Only the facts wanted are visited (often a handful of the catalogue's hundreds); a twin wants its base.
    ids = kinds if wanted is None else {i.removesuffix(AT_TIME) for i in wanted} & kinds.keys()
    for fact_id in ids:
        if fact_id.endswith(AT_TIME):
            continue
        kind = kinds[fact_id]
        base = out[fact_id] = _recorded(incident, fact_id, kind, release)
        if twins and kind != "count" and (wanted is None or fact_id + AT_TIME in wanted):  # a twin only where wanted
            out[fact_id + AT_TIME] = _at_time(base)
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------- facts read from lists

_KNEW = (Knowledge.knew.value, Knowledge.should_have_known.value)


def _aggregate(fact_id: str, kind: Kind, value: Any, path: str, parts: list[Fact], note: str) -> Element:
    """An aggregate element: its sources are those of the facts it was read from. Its knowledge is
    ``knew`` when the attacker knew or should have known what decides it: for a true yes/no, one part
    that is true; otherwise every part that is recorded. For a true yes/no whose every true part the
    attacker could not have known, it is ``could_not_have_known`` (excluded from the ex ante view)."""
    known = [f for f in parts if f.value is not None]
    deciding = [f for f in known if f.value is True] if value is True else known
    knowledge = [f.attacker_knowledge.value if f.attacker_knowledge else None for f in deciding]
    knows = [k in _KNEW for k in knowledge]
    knew = bool(knows) and (any(knows) if value is True else all(knows))
    unknowable = value is True and bool(knowledge) and all(k == Knowledge.could_not_have_known.value for k in knowledge)
    return Element(
        id=fact_id, kind=kind, status=_status(kind, value), value=value, path=path,
        sources=tuple(dict.fromkeys(s for f in parts for s in f.sources)),
        attacker_knowledge=(next((k for k in (Knowledge.knew.value, Knowledge.should_have_known.value) if k in knowledge))
                            if knew else Knowledge.could_not_have_known.value if unknowable else None),
        found_afterwards=any(f.found_afterwards for f in known), note=note,
        assessed_by=next((f.assessed_by for f in known if f.assessed_by), None),
    )


def _kleene_any(values: list[bool | None]) -> bool | None:
    """True if one is true, false if all are false, else unknown."""
    if any(v is True for v in values):
        return True
    return False if all(v is False for v in values) else None


def _releases(incident: Incident, fact_id: str, release: int | None) -> Element:
    sequence = incident.attack.sequence
    return _aggregate(fact_id, "number", float(len(sequence)) if sequence else None, "incident.attack.sequence",
                      [], "the number of releases or passes listed in attack.sequence")


def release_name(incident: Incident, index: int) -> str:
    """How the trace names release ``index`` (0-based): its number, label, and interval after the previous."""
    release = incident.attack.sequence[index]
    parts = [f"release {index + 1}"] + ([f"'{release.label}'"] if release.label else [])
    if release.minutes_after_previous.value is not None:
        parts.append(f"{_plain_number(release.minutes_after_previous.value)} minutes after the previous")
    return ", ".join(parts)


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _later_releases(incident: Incident, release: int | None) -> list[int]:
    """Indexes (0-based) of the later releases the facts read from the sequence are read from: every
    release after the first, or, where one release is judged on what was known before it
    (:mod:`engine.passes`), that release alone (none for the first)."""
    later = range(1, len(incident.attack.sequence))
    return list(later) if release is None else [i for i in later if i == release]


def _later(field: str) -> Callable[[Incident, str, int | None], Element]:
    """Whether ``field`` holds for any later release (a yes/no fact of each release; see
    :func:`_later_releases`). The note names the releases that decide it, with what the attacker knew
    of it before each, so a finding built on it says which pass it concerns."""
    def read(incident: Incident, fact_id: str, release: int | None) -> Element:
        sequence = incident.attack.sequence
        indexes = _later_releases(incident, release)
        parts = [getattr(sequence[i], field) for i in indexes]
        value = None if not sequence else False if not parts else _kleene_any([f.value for f in parts])
        note = (f"{field.replace('_', ' ')}, for any release after the first (false: none; a sequence of one "
                "release has no later one)" if release is None else
                f"{field.replace('_', ' ')}, for {release_name(incident, release)} alone"
                + (" (false: the first release follows none)" if release == 0 else ""))
        if value is True:
            named = [f"{release_name(incident, i)} (attacker's knowledge before it: "
                     f"{f.attacker_knowledge.value.replace('_', ' ') if f.attacker_knowledge else 'not recorded'})"
                     for i, f in zip(indexes, parts) if f.value is True]
            note += "; true for " + "; ".join(named)
        return _aggregate(fact_id, "bool", value, "incident.attack.sequence", parts, note)
    return read


def _shortest_interval(incident: Incident, fact_id: str, release: int | None) -> Element:
    parts = [incident.attack.sequence[i].minutes_after_previous for i in _later_releases(incident, release)]
    known = all(f.value is not None for f in parts)
    return _aggregate(fact_id, "number", min(f.value for f in parts) if parts and known else None,
                      "incident.attack.sequence", parts,
                      "the shortest interval in minutes between two releases (unknown unless every interval is)")


def _alternative(objective: bool) -> Callable[[Incident, str, int | None], Element]:
    """Whether an alternative recorded in ``precautions.alternatives`` was available at the time,
    would have reduced civilian harm and was feasible (for another objective: and offered a similar
    military advantage). True when one is recorded so; never false, since a list cannot show that no
    other alternative existed (``precautions.means_and_methods.less_harmful_feasible_alternative``
    records that)."""
    def read(incident: Incident, fact_id: str, release: int | None) -> Element:
        for alt in incident.precautions.alternatives:
            if (alt.kind is AlternativeKind.objective) != objective:
                continue
            parts = [alt.available, alt.reduces_civilian_harm, alt.feasible]
            parts += [alt.similar_military_advantage] if objective else []
            if all(f.value is True for f in parts):
                return _aggregate(fact_id, "bool", True, "incident.precautions.alternatives", parts,
                                  f"recorded alternative ({alt.kind.value}): {alt.description}")
        what = ("objective is recorded as available, less harmful, feasible and offering a similar military "
                "advantage" if objective else "means or method is recorded as available, less harmful and feasible")
        return _aggregate(fact_id, "bool", None, "incident.precautions.alternatives", [],
                          f"unknown: no alternative {what} (a list cannot show that none existed)")
    return read


def _icc_jurisdiction(side: str) -> Callable[[Incident, str, int | None], Element]:
    """Whether the ICC may have jurisdiction over the conduct of ``side`` (the attacking party's states,
    or the defending party's, ``defender_conduct.states``), as far as the treaty-status data tells
    (engine.law): false where the attack predates the Statute or it was in force for none of that
    side's states, else unknown (territorial jurisdiction, referrals and declarations are not assessed;
    never true)."""
    path = "incident.attacker.states" if side == "attacker" else "incident.defender_conduct.states"

    def read(incident: Incident, fact_id: str, _release: int | None) -> Element:
        rome = next(i for i in law.applicable_law(incident, side).instruments if i.instrument == "Rome Statute")
        return Element(id=fact_id, kind="bool", status="F" if rome.applies is False else "U",
                       value=False if rome.applies is False else None, path=path, note=f"Rome Statute: {rome.reason}")
    return read


def _weapons_treaty(instrument: str) -> Callable[[Incident, str, int | None], Element]:
    """Whether a weapons treaty bound the state that carried out the strike (engine.law): true, false,
    or unknown where the data, the classification or the striking state leaves it open."""
    def read(incident: Incident, fact_id: str, _release: int | None) -> Element:
        found = next(i for i in law.applicable_law(incident).instruments if i.instrument == instrument)
        value = found.applies
        return Element(id=fact_id, kind="bool", status=_status("bool", value), value=value,
                       path="incident.attacker.states", note=f"{instrument}: {found.reason}")
    return read


def _reservation(instrument: str) -> Callable[[Incident, str, int | None], Element]:
    """Whether the state that carried out the strike reserved the weapons treaty's core prohibition
    (the treaty-status data); unknown where the striking state is not recorded and the states differ."""
    def read(incident: Incident, fact_id: str, _release: int | None) -> Element:
        value = law.reservation(instrument, incident)
        return Element(id=fact_id, kind="bool", status=_status("bool", value), value=value,
                       path="incident.attacker.conducted_by",
                       note=f"{instrument}: a reservation of the striking state, as the treaty-status data records it")
    return read


# Aggregate id → (kind, reader). Each reads one list of the incident (or, for the ICC's jurisdiction
# and the weapons treaties, the treaty-status data on it); rules cite them like any fact.
# A reader takes the incident, the fact id and the release judged alone (None: the whole sequence).
AGGREGATES: dict[str, tuple[Kind, Callable[[Incident, str, int | None], Element]]] = {
    "attack.sequence.releases": ("number", _releases),
    "attack.sequence.later_same_point": ("bool", _later("same_point_as_previous")),
    "attack.sequence.later_wounded_or_rescuers_present": ("bool", _later("wounded_or_rescuers_present")),
    "attack.sequence.later_objective_remained": ("bool", _later("objective_remained")),
    "attack.sequence.shortest_interval_minutes": ("number", _shortest_interval),
    "precautions.alternatives.less_harmful_means_recorded": ("bool", _alternative(objective=False)),
    "precautions.alternatives.less_harmful_objective_recorded": ("bool", _alternative(objective=True)),
    "jurisdiction.icc": ("bool", _icc_jurisdiction("attacker")),
    "jurisdiction.icc_defender": ("bool", _icc_jurisdiction("defender")),
    "treaties.ccw_protocol_iii": ("bool", _weapons_treaty("CCW Protocol III")),
    "treaties.ccw_protocol_iii_reservation": ("bool", _reservation("CCW Protocol III")),
    "treaties.ccm": ("bool", _weapons_treaty("CCM")),
}
