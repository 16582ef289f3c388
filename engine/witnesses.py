"""Witness identities: every output names a witness source by its pseudonym, never by its id.

A ``witness_interview`` source's id, title, author, note and locator may identify the witness (an
investigator often files an interview under the witness's name). :func:`shown` relabels an incident
(or its sources) so that the witness's pseudonym stands in for its id wherever the source is cited;
:func:`engine.api.assess_incident` runs the rules on the relabelled incident, so results, traces, memos
and batch lines carry the pseudonym only. The loader checks that a pseudonym cannot be mistaken for
another source's id or pseudonym (:mod:`engine.load`), so the relabelling keeps every citation
distinct, and names a witness in its messages by pseudonym.
"""

from __future__ import annotations

from typing import Any, Iterable, TypeVar

from pydantic import BaseModel

from engine.model import Source, SourceType

M = TypeVar("M")
CITATIONS = ("sources", "claimed_sources", "damage_sources", "derived_from")  # fields holding source ids


def labels(sources: Iterable[Source]) -> dict[str, str]:
    """Source id → how people see it: the pseudonym for a witness, the id otherwise."""
    return {s.id: s.pseudonym if is_witness(s) else s.id for s in sources}


def is_witness(source: Source) -> bool:
    """Whether ``source`` is a witness interview (shown by pseudonym only)."""
    return source.type is SourceType.witness_interview and bool(source.pseudonym)


def shown(value: M, sources: Iterable[Source]) -> M:
    """``value`` (an incident, a list of sources, any model citing ``sources``) with each witness
    source's id replaced by its pseudonym, in the source itself and in every citation (facts, narrative
    fields, ``derived_from``). The same object when nothing changes. The copy is not revalidated (a
    pseudonym need not match the source-id pattern): relabel after any step that validates, only for
    what is shown."""
    relabel = {k: v for k, v in labels(sources).items() if k != v}
    return _relabelled(value, relabel) if relabel else value


def _relabelled(value: Any, relabel: dict[str, str], cites: bool = False) -> Any:
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _relabelled(old, relabel, name in CITATIONS)
            if new is not old:
                update[name] = new
        if isinstance(value, Source) and value.id in relabel:
            update["id"] = relabel[value.id]
        return value.model_copy(update=update) if update else value
    if isinstance(value, list):
        items = [relabel.get(v, v) if cites and isinstance(v, str) else _relabelled(v, relabel) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else items
    if isinstance(value, dict):
        items = {k: _relabelled(v, relabel) for k, v in value.items()}
        return value if all(items[k] is value[k] for k in value) else items
    return value
