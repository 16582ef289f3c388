"""Competing accounts: one version of the incident per account, built from the shared base.

An account (see :class:`engine.model.Account`) replaces some facts of the shared base, keyed by their
path relative to ``incident``. :func:`resolve` applies one account and re-validates the result, so an
account can never smuggle in a value the model would refuse.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

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
    # Through JSON so that strict validation sees JSON-native values for both base and overrides.
    data: dict[str, Any] = json.loads(incident.model_dump_json())
    for path, fact in facts.items():
        node = data
        *parents, leaf = path.split(".")
        for part in parents:
            node = node[part]
        node[leaf] = json.loads(fact.model_dump_json())
    return Incident.model_validate_json(json.dumps(data))
