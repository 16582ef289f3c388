"""Competing accounts: one version of the incident per account, built from the shared base.

An account (see :class:`engine.model.Account`) replaces some facts of the shared base, keyed by their
path relative to ``incident``. :func:`resolve` applies one account and validates what it changes, so an
account can never smuggle in a value the model would refuse.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from pydantic import BaseModel, ValidationError

from engine.facts import fact_paths
from engine.model import Fact, Incident, IncidentFile


class UnknownAccount(KeyError):
    """The account name is not in the file. ``names`` lists the accounts that are."""

    def __init__(self, name: str, names: list[str]):
        super().__init__(name)
        self.names = names

    def __str__(self) -> str:
        return f"no account named {self.args[0]!r}; the file has: {', '.join(self.names) or 'none'}"


def names(file: IncidentFile) -> list[str]:
    """Account names in file order."""
    return [a.name for a in file.accounts]


def overridable(path: str) -> bool:
    """True when ``path`` names an element fact an account may restate."""
    return path in fact_paths()


def resolve(file: IncidentFile, account: str | None) -> Incident:
    """The incident as ``account`` states it (the shared base when ``account`` is None).

    Raises :class:`UnknownAccount`, or pydantic's ``ValidationError`` if an override is ill-typed.
    """
    if account is None:
        return file.incident
    chosen = next((a for a in file.accounts if a.name == account), None)
    if chosen is None:
        raise UnknownAccount(account, names(file))
    return restate(file.incident, chosen.facts)


def restate(incident: Incident, facts: Mapping[str, Fact[Any]]) -> Incident:
    """``incident`` with whole facts replaced, keyed by path relative to ``incident`` (an account's
    facts, or what was known before one release of an attack: ``Release.known_before``).

    Every key must be :func:`overridable`; raises pydantic's ``ValidationError`` if a value is ill-typed.
    """
    return with_set(incident, {path: fact.model_dump(mode="json") for path, fact in facts.items()})


def with_set(incident: Incident, values: Mapping[str, Any]) -> Incident:
    """``incident`` with the field at each dotted path (relative to ``incident``; in order) set to a
    JSON-native value, as a file would hold it; a section absent on the way (None) is created holding
    that field alone. Raises pydantic's ``ValidationError`` for a value the format refuses.

    The section holding each field (for a fact's ``value`` or ``attacker_knowledge``, the section holding
    the fact, whose field gives the fact its type) is validated again from JSON, strictly, as a file's
    would be; the models above it are copied with the new one in place and share everything else with
    ``incident``. None of them checks one field against another (the format's only such checks are within
    a count, a source and the file's version), so validating the whole incident again would find nothing
    more; it cost an either-or hypothesis more than its matching. A value refused is refused by
    validating the whole incident, so that every problem is reported, each at its path from the incident.
    """
    try:
        changed = incident
        for path, value in values.items():
            changed = _set(changed, path.split("."), value)
        return changed
    except ValidationError:
        data = incident.model_dump(mode="json")
        for path, value in values.items():
            _put(data, path.split("."), value)
        return Incident.model_validate_json(json.dumps(data))  # raises, locating every problem


def _set(model: Any, parts: list[str], value: Any) -> Any:
    head, *rest = parts
    child = getattr(model, head) if head in type(model).model_fields else None  # else refused as a file's would be
    # Never into a fact: one the file leaves out is a bare Fact, whose value has no type of its own.
    if rest and isinstance(child, BaseModel) and not isinstance(child, Fact):
        return model.model_copy(update={head: _set(child, rest, value)})
    data = model.model_dump(mode="json")  # the section holding the field (or fact), or the one above an absent one
    _put(data, parts, value)
    return type(model).model_validate_json(json.dumps(data))


def _put(data: dict[str, Any], parts: list[str], value: Any) -> None:
    """Set ``value`` at the path ``parts`` in plain data, creating each absent (None) section on the way."""
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {}) if node.get(part) is None else node[part]
    node[parts[-1]] = value
