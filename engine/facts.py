"""From a validated incident to the element facts the rules are matched against.

Every :class:`~engine.model.Fact` in the incident model becomes one *element fact*, named by its
path in the incident (``civilians.present``, ``precautions.warning.given``). Yes/no facts get a status
``T`` / ``F`` / ``U``; value facts (numbers, categories) get ``K`` with their value, or ``U``.

Each yes/no fact also gets an *ex ante* twin, ``<path>@time``: the fact as the attacker knew or should
have known it before the attack. Proportionality and precautions are judged on that view (AP I arts
51(5)(b), 57(2); CIHL Rules 14–21; ICTY, *Galić*, trial judgment): a fact the attacker could
not have known is excluded, and one whose knowledge is not recorded stays unknown. Nothing here
applies the law; it only states the facts in the shape the engine matches.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache
from operator import attrgetter
from typing import Any, Callable, Collection, Literal

from pydantic import BaseModel

from engine.model import Count, Fact, Incident, Knowledge

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
    for path, kind in _walk(Incident, ""):
        kinds[path] = kind
        if kind == "bool":
            kinds[path + AT_TIME] = kind
    return dict(sorted(kinds.items()))


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
def _getter(path: str) -> Callable[[Incident], Fact]:
    return attrgetter(path)


def _status(kind: Kind, value: Any) -> str:
    if value is None:
        return "U"
    if kind == "bool":
        return "T" if value else "F"
    return "K"


def _at_time(base: Element) -> Element:
    """The ex ante twin of a yes/no fact (see module docstring)."""
    knowledge = base.attacker_knowledge
    status, excluded, inferred = base.status, None, None
    if base.status == "T":
        if knowledge in (Knowledge.knew.value, Knowledge.should_have_known.value):
            if base.found_afterwards:
                inferred = (f"found afterwards; treated as foreseeable at the time because the record says "
                            f"the attacker {knowledge.replace('_', ' ')} it")
        elif knowledge == Knowledge.could_not_have_known.value:
            status = "F"
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


def elements(incident: Incident, wanted: Collection[str] | None = None) -> dict[str, Element]:
    """The element facts of ``incident`` keyed by id, in id order (``@time`` twins included).

    ``wanted`` limits them to those ids (and what their twins need); all of them when None.
    """
    out: dict[str, Element] = {}
    for fact_id, kind in catalogue().items():
        if fact_id.endswith(AT_TIME):
            continue
        if wanted is not None and fact_id not in wanted and fact_id + AT_TIME not in wanted:
            continue
        fact = _getter(fact_id)(incident)
        value = fact.value.value if isinstance(fact.value, Enum) else fact.value
        if kind == "count" and value is not None:
            value = fact.value.model_dump()
        base = Element(
            id=fact_id,
            kind=kind,
            status=_status(kind, value),
            value=value,
            path=f"incident.{fact_id}",
            sources=tuple(fact.sources),
            attacker_knowledge=fact.attacker_knowledge.value if fact.attacker_knowledge else None,
            found_afterwards=fact.found_afterwards,
            note=fact.note,
            assessed_by=fact.assessed_by,
        )
        out[fact_id] = base
        if kind == "bool":
            out[fact_id + AT_TIME] = _at_time(base)
    return dict(sorted(out.items()))
