"""Generic steps for the features: a lawyer's phrases → an incident file → the engine → findings.

Phrases are data (``phrases.yaml`` beside this file), not one function each: a step looks its sentence
up in the table and records the fields it names. The incident is built as plain data from a minimal
valid file, dumped to YAML and read back through :func:`engine.load.parse_text`, so every scenario goes
through the real loader (validation, source references, consistency checks) before it is assessed with
:func:`engine.api.assess_incident`.

Sentences the steps understand (``<phrase>`` is any key of ``phrases`` in the table):

* ``an air strike in a non-international armed conflict`` (attack types and conflicts from the table)
* ``the object attacked was <description>``
* ``<phrase>``
* ``the attacker knew | should have known | could not have known that <phrase>``
* ``<phrase>, but the record does not say whether the attacker knew it``
* ``it came to light only afterwards that <phrase>``
* ``the fact "<path>" is true | false | unknown`` (fallback, for facts no phrase covers yet)

and, after ``When the incident is assessed``, checks on one finding: its status, and the facts it
names as missing, excluded from the ex ante view, or key.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_bdd import given, parsers, then, when

from engine.api import Assessment, assess_incident
from engine.facts import AT_TIME, catalogue
from engine.findings import STATUSES, Finding
from engine.load import InputError, parse_text

SOURCE_ID = "S1"

# The smallest incident file the loader accepts; scenarios add to it.
BASE_FILE: dict[str, Any] = {
    "schema_version": 1,
    "incident": {
        "id": "scenario",
        "title": "An attack described in a scenario",
        "when": {"date": "2017-06-28", "sources": [SOURCE_ID]},
        "place": {"name": "A neighbourhood", "country": "Syria"},
        "conflict": {"classification": {"value": None}},
        "attacker": {"party": "The attacking party"},
        "attack": {"type": "other"},
        "object_struck": {"description": "the object struck", "sources": [SOURCE_ID]},
    },
    "sources": [
        {"id": SOURCE_ID, "type": "investigation_report", "title": "Investigators' report on the incident",
         "reliability": "high"},
    ],
}


# --------------------------------------------------------------------------- the phrase table

def _load_table() -> dict[str, Any]:
    table = yaml.safe_load((Path(__file__).parent / "phrases.yaml").read_text(encoding="utf-8"))
    facts = catalogue()
    for phrase, settings in table["phrases"].items():
        if not settings:
            raise ValueError(f"phrases.yaml: {phrase!r} records nothing")
        for setting in settings:
            if set(setting) not in ({"fact", "value"}, {"field", "value"}):
                raise ValueError(f"phrases.yaml: {phrase!r}: each entry needs 'fact' or 'field', and 'value'")
            path = setting.get("fact") or setting["field"]
            if "fact" in setting and (path not in facts or path.endswith(AT_TIME)):
                raise ValueError(f"phrases.yaml: {phrase!r}: {path!r} is not an element fact of the incident")
            if "field" in setting and path in facts:
                raise ValueError(f"phrases.yaml: {phrase!r}: {path!r} is an element fact; use 'fact'")
    return table


TABLE = _load_table()
PHRASES: dict[str, list[dict[str, Any]]] = TABLE["phrases"]


def _alternatives(words: Any) -> str:
    """A regex alternation of ``words`` (longest first, so none shadows a longer one)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


PHRASE = f"(?P<phrase>{_alternatives(PHRASES)})"
KNOWLEDGE = f"(?P<knowledge>{_alternatives(TABLE['knowledge'])})"
ATTACK = f"(?P<attack>{_alternatives(TABLE['attack_types'])})"
CONFLICT = f"(?P<conflict>{_alternatives(TABLE['conflicts'])})"


# --------------------------------------------------------------------------- the incident being built

@dataclass
class Scenario:
    """The incident file as built so far, and, once assessed, the assessment and the finding in view."""

    data: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(BASE_FILE))
    assessment: Assessment | None = None
    finding: Finding | None = None

    def _parent(self, path: str) -> tuple[dict[str, Any], str]:
        node = self.data["incident"]
        *parents, leaf = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        return node, leaf

    def set_field(self, path: str, value: Any) -> None:
        node, leaf = self._parent(path)
        node[leaf] = copy.deepcopy(value)

    def set_fact(self, path: str, value: Any, **extra: Any) -> None:
        """Record fact ``path`` with ``value`` (``None``: unknown), citing the scenario's source.

        ``extra`` (``attacker_knowledge``, ``found_afterwards``) is added to what is already recorded for
        the fact, so that two sentences about one fact combine.
        """
        node, leaf = self._parent(path)
        fact = node.setdefault(leaf, {})
        fact["value"] = copy.deepcopy(value)
        if value is None:
            fact.pop("sources", None)
        else:
            fact["sources"] = [SOURCE_ID]
        fact.update({k: v for k, v in extra.items() if v is not None})

    def record(self, phrase: str, **extra: Any) -> None:
        for setting in PHRASES[phrase]:
            if "fact" in setting:
                self.set_fact(setting["fact"], setting["value"], **extra)
            else:
                self.set_field(setting["field"], setting["value"])


@pytest.fixture
def scenario_incident() -> Scenario:
    return Scenario()


# --------------------------------------------------------------------------- Given

@given(parsers.re(f"an? {ATTACK} in an? {CONFLICT} armed conflict"))
def _attack_in_conflict(scenario_incident: Scenario, attack: str, conflict: str) -> None:
    scenario_incident.set_field("attack.type", TABLE["attack_types"][attack])
    scenario_incident.set_fact("conflict.classification", TABLE["conflicts"][conflict])


@given(parsers.re(r"the object attacked was (?P<description>.+)"))
def _object_attacked(scenario_incident: Scenario, description: str) -> None:
    scenario_incident.set_field("object_struck.description", description)


@given(parsers.re(PHRASE))
def _phrase(scenario_incident: Scenario, phrase: str) -> None:
    scenario_incident.record(phrase)


@given(parsers.re(f"the attacker {KNOWLEDGE} that {PHRASE}"))
def _attacker_knowledge(scenario_incident: Scenario, knowledge: str, phrase: str) -> None:
    scenario_incident.record(phrase, attacker_knowledge=TABLE["knowledge"][knowledge])


@given(parsers.re(f"{PHRASE}, but the record does not say whether the attacker knew it"))
def _knowledge_unrecorded(scenario_incident: Scenario, phrase: str) -> None:
    scenario_incident.record(phrase, attacker_knowledge="unknown")


@given(parsers.re(f"it came to light only afterwards that {PHRASE}"))
def _found_afterwards(scenario_incident: Scenario, phrase: str) -> None:
    scenario_incident.record(phrase, found_afterwards=True)


@given(parsers.re(r'the fact "(?P<path>[a-z_.]+)" is (?P<value>true|false|unknown)'))
def _generic_fact(scenario_incident: Scenario, path: str, value: str) -> None:
    assert path in catalogue() and not path.endswith(AT_TIME), f"{path!r} is not an element fact of the incident"
    scenario_incident.set_fact(path, {"true": True, "false": False, "unknown": None}[value])


# --------------------------------------------------------------------------- When

@when("the incident is assessed")
def _assess(scenario_incident: Scenario) -> None:
    text = yaml.safe_dump(scenario_incident.data, sort_keys=False, allow_unicode=True)
    try:
        loaded = parse_text(text, "scenario.yaml")
    except InputError as exc:
        problems = "\n".join(str(p) for p in exc.problems)
        raise AssertionError(f"the scenario's incident file was refused by the loader:\n{problems}\n---\n{text}") from None
    scenario_incident.assessment = assess_incident(loaded.file.incident)


# --------------------------------------------------------------------------- Then

def _finding(scenario_incident: Scenario) -> Finding:
    assert scenario_incident.finding is not None, "name a finding first: Then the finding \"...\" is \"...\""
    return scenario_incident.finding


def _known_fact(fact_id: str) -> str:
    assert fact_id in catalogue(), f"{fact_id!r} is not an element fact id (see engine.facts.catalogue())"
    return fact_id


@then(parsers.re(r'the finding "(?P<finding_id>[a-z0-9_.]+)" is "(?P<status>[a-z_]+)"'))
def _finding_status(scenario_incident: Scenario, finding_id: str, status: str) -> None:
    assert status in STATUSES, f"{status!r} is not a finding status; use one of {', '.join(STATUSES)}"
    assessment = scenario_incident.assessment
    assert assessment is not None, "the incident has not been assessed"
    ids = [f.id for f in assessment.findings]
    assert finding_id in ids, f"no finding {finding_id!r}; the engine gives: {', '.join(ids)}"
    finding = assessment.finding(finding_id)
    scenario_incident.finding = finding
    assert finding.status == status, (
        f"{finding_id}: expected {status}, the engine gives {finding.status}: {finding.explanation}\n"
        f"missing facts: {finding.missing_facts}; key facts: {finding.key_facts}; trace: {finding.trace}"
    )


@then(parsers.re(r'the missing facts include "(?P<fact_id>[a-z_.@]+)"'))
def _missing_includes(scenario_incident: Scenario, fact_id: str) -> None:
    finding = _finding(scenario_incident)
    assert _known_fact(fact_id) in finding.missing_facts, (
        f"{finding.id}: {fact_id!r} is not among the missing facts {finding.missing_facts}"
    )


@then(parsers.re(r'the missing facts do not include "(?P<fact_id>[a-z_.@]+)"'))
def _missing_excludes(scenario_incident: Scenario, fact_id: str) -> None:
    finding = _finding(scenario_incident)
    assert _known_fact(fact_id) not in finding.missing_facts, (
        f"{finding.id}: {fact_id!r} is among the missing facts {finding.missing_facts}"
    )


@then("no facts are missing")
def _nothing_missing(scenario_incident: Scenario) -> None:
    finding = _finding(scenario_incident)
    assert finding.missing_facts == [], f"{finding.id}: missing facts {finding.missing_facts}"


@then(parsers.re(r'the excluded facts include "(?P<fact_id>[a-z_.@]+)"'))
def _excluded_includes(scenario_incident: Scenario, fact_id: str) -> None:
    finding = _finding(scenario_incident)
    assert _known_fact(fact_id) in finding.excluded_facts, (
        f"{finding.id}: {fact_id!r} is not among the excluded facts {finding.excluded_facts}"
    )


@then(parsers.re(r'the key facts include "(?P<fact_id>[a-z_.@]+)"'))
def _key_includes(scenario_incident: Scenario, fact_id: str) -> None:
    finding = _finding(scenario_incident)
    assert _known_fact(fact_id) in finding.key_facts, (
        f"{finding.id}: {fact_id!r} is not among the key facts {finding.key_facts}"
    )


@then(parsers.re(r'the finding "(?P<finding_id>[a-z0-9_.]+)" is not "(?P<status>[a-z_]+)"'))
def _finding_status_not(scenario_incident: Scenario, finding_id: str, status: str) -> None:
    assert status in STATUSES, f"{status!r} is not a finding status; use one of {', '.join(STATUSES)}"
    assessment = scenario_incident.assessment
    assert assessment is not None, "the incident has not been assessed"
    finding = assessment.finding(finding_id)
    scenario_incident.finding = finding
    assert finding.status != status, f"{finding_id}: the engine gives {status}: {finding.explanation}"
