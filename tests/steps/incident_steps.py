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

Evidence and accounts (tables ``source_types``, ``reliability``, ``evidence_levels`` and ``accounts``):

* ``a media report of medium reliability, S2`` / ``a site visit graded high, S4`` — declare a source;
  ``..., which repeats S2`` declares one derived from another (not independent of it)
* ``<phrase>, according to S2 and S3`` — the phrase's facts cite those sources (by default every fact
  cites the investigators' report ``S1``); ``<phrase>, though no source is cited for it``
* ``unless other sources are named, each fact below rests on S2 and S3`` — change that default
* ``according to the attacker's account, <phrase>`` / ``according to the attacker's account (S2),
  <phrase>`` — the account restates the phrase's facts; ``the monitor's account restates none of the
  facts`` declares an account that changes nothing

``When the incident is assessed`` (or ``each account is assessed``) assesses every account, as
:func:`engine.api.assess` does; ``only the attacker's account is assessed`` / ``only the account
"<name>" is assessed`` restricts it to one, and a name the file does not hold is refused.

The checks then look at one finding (on one account, ``on the attacker's account, the finding ...``):
its status; whether it says it rests on attribution, or that the attack is not attributed to the
attacking party; the facts it names as missing, excluded from the ex ante view, or key; the standard of proof
it reaches and its weakest facts; and, across accounts, whether it diverges and which facts drive it.
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

from engine import compare, evidence, witnesses
from engine.accounts import UnknownAccount
from engine.crimes import CRIME_STATUS, Crime
from engine.api import Assessment, assess, assess_incident
from engine.facts import AT_TIME, catalogue
from engine.findings import STATUSES, Finding
from engine.load import InputError, Loaded, parse_text
from engine.model import DefenderConduct, Source
from engine.settings import Settings

SOURCE_ID = "S1"

# The smallest incident file the loader accepts; scenarios add to it.
BASE_FILE: dict[str, Any] = {
    "schema_version": 2,
    "incident": {
        "id": "scenario",
        "title": "An attack described in a scenario",
        "when": {"date": "2017-06-28", "sources": [SOURCE_ID]},
        "place": {"name": "A neighbourhood", "country": "Syria"},
        "conflict": {"classification": {"value": None}},
        "attacker": {"party": "The attacking party"},
        "defender": "The defending party",
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
ACCOUNTS: dict[str, dict[str, str]] = TABLE["accounts"]


def _alternatives(words: Any) -> str:
    """A regex alternation of ``words`` (longest first, so none shadows a longer one)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


PHRASE = f"(?P<phrase>{_alternatives(PHRASES)})"
KNOWLEDGE = f"(?P<knowledge>{_alternatives(TABLE['knowledge'])})"
ATTACK = f"(?P<attack>{_alternatives(TABLE['attack_types'])})"
CONFLICT = f"(?P<conflict>{_alternatives(TABLE['conflicts'])})"
SOURCE_TYPE = f"(?P<source_type>{_alternatives(TABLE['source_types'])})"
RELIABILITY = _alternatives(TABLE["reliability"])
LEVEL = f"(?P<level>{_alternatives(TABLE['evidence_levels'])})"
ACCOUNT = f"(?P<account>{_alternatives(ACCOUNTS)})"
POSITION = f"(?P<position>{_alternatives(TABLE['positions'])})"
FORUM = f"(?P<forum>{_alternatives(TABLE['forums'])})"
SOURCE_ID_RE = r"[A-Za-z][A-Za-z0-9_.-]*"
SOURCE_IDS = rf"{SOURCE_ID_RE}(?:(?:, | and ){SOURCE_ID_RE})*"


def _source_ids(text: str) -> list[str]:
    """``"S2, S3 and S4"`` → ``["S2", "S3", "S4"]``."""
    return re.split(r", | and ", text)


# --------------------------------------------------------------------------- the incident being built

@dataclass
class Scenario:
    """The incident file as built so far; once assessed, the assessments (one per account, or one for the
    shared record), the finding in view and the account it was read on, and any divergence in view."""

    data: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(BASE_FILE))
    default_sources: list[str] = field(default_factory=lambda: [SOURCE_ID])
    loaded: Loaded | None = None
    assessments: list[Assessment] = field(default_factory=list)
    refusal: UnknownAccount | None = None
    finding: Finding | None = None
    in_view: Assessment | None = None
    divergence: compare.Divergence | None = None
    run: Settings = field(default_factory=Settings)
    crime: Crime | None = None

    # ------------------------------------------------------------------ building the file

    def _parent(self, path: str) -> tuple[dict[str, Any], str]:
        node = self.data["incident"]
        *parents, leaf = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        return node, leaf

    def set_field(self, path: str, value: Any) -> None:
        node, leaf = self._parent(path)
        node[leaf] = copy.deepcopy(value)

    def _fact(self, fact: dict[str, Any], value: Any, sources: list[str] | None, extra: dict[str, Any]) -> None:
        fact["value"] = copy.deepcopy(value)
        if value is None:
            fact.pop("sources", None)
        else:
            fact["sources"] = list(self.default_sources if sources is None else sources)
        fact.update({k: v for k, v in extra.items() if v is not None})

    def set_fact(self, path: str, value: Any, sources: list[str] | None = None, **extra: Any) -> None:
        """Record fact ``path`` with ``value`` (``None``: unknown), citing ``sources`` (by default the
        scenario's default sources).

        ``extra`` (``attacker_knowledge``, ``found_afterwards``) is added to what is already recorded for
        the fact, so that two sentences about one fact combine.
        """
        node, leaf = self._parent(path)
        self._fact(node.setdefault(leaf, {}), value, sources, extra)

    def record(self, phrase: str, sources: list[str] | None = None, **extra: Any) -> None:
        for setting in PHRASES[phrase]:
            if "fact" in setting:
                self.set_fact(setting["fact"], setting["value"], sources, **extra)
            else:
                self.set_field(setting["field"], setting["value"])

    def declare_source(self, source_id: str, kind: dict[str, Any], reliability: str, derived_from: list[str]) -> None:
        declared = [s["id"] for s in self.data["sources"]]
        assert source_id not in declared, f"source {source_id!r} is declared twice in the scenario"
        source = {"id": source_id, **kind, "title": f"source {source_id}", "reliability": reliability}
        if kind["type"] == "witness_interview":
            source["pseudonym"] = f"Witness {source_id}"
        if derived_from:
            source["derived_from"] = derived_from
        self.data["sources"].append(source)

    def account(self, phrase: str) -> dict[str, Any]:
        """The account named by ``phrase`` in the file, declared on first mention (in file order)."""
        spec = ACCOUNTS[phrase]
        accounts = self.data.setdefault("accounts", [])
        for account in accounts:
            if account["name"] == spec["name"]:
                return account
        account = {"name": spec["name"], "held_by": spec["held_by"], "facts": {}}
        accounts.append(account)
        return account

    def record_in_account(self, account_phrase: str, phrase: str, sources: list[str] | None = None) -> None:
        """The account restates the facts of ``phrase``; an account holds only element facts."""
        account = self.account(account_phrase)
        for setting in PHRASES[phrase]:
            assert "fact" in setting, (
                f"{phrase!r} also records {setting['field']!r}, which is not an element fact: an account can "
                f"restate only facts; put the phrase in the shared record"
            )
            self._fact(account["facts"].setdefault(setting["fact"], {}), setting["value"], sources, {})

    # ------------------------------------------------------------------ assessing

    def load(self) -> Loaded:
        text = yaml.safe_dump(self.data, sort_keys=False, allow_unicode=True)
        try:
            self.loaded = parse_text(text, "scenario.yaml")
        except InputError as exc:
            problems = "\n".join(str(p) for p in exc.problems)
            raise AssertionError(f"the scenario's incident file was refused by the loader:\n{problems}\n---\n{text}") from None
        return self.loaded

    def assess(self, account: str | None = None) -> None:
        loaded = self.load()
        try:
            self.assessments = assess(loaded, account, self.run)
        except UnknownAccount as exc:
            self.refusal = exc

    @property
    def assessment(self) -> Assessment | None:
        """The one assessment, when there is only one (the shared record, or a single account)."""
        self._assessed()
        if len(self.assessments) == 1:
            return self.assessments[0]
        names = ", ".join(a.account or "shared record" for a in self.assessments)
        raise AssertionError(f"the incident was assessed on several accounts ({names}); "
                             f"say on which: 'on the attacker's account, the finding ...'")

    def _assessed(self) -> None:
        assert self.refusal is None, f"the assessment was refused: {self.refusal}"
        assert self.assessments, "the incident has not been assessed"

    def on_account(self, phrase: str) -> Assessment:
        self._assessed()
        name = ACCOUNTS[phrase]["name"]
        for a in self.assessments:
            if a.account == name:
                return a
        raise AssertionError(f"{phrase} ({name!r}) was not assessed; assessed: {[a.account for a in self.assessments]}")

    def source_objects(self) -> dict[str, Source]:
        """The sources by the label the assessments cite them by (a witness by its pseudonym)."""
        assert self.loaded is not None, "the incident has not been assessed"
        return {witnesses.labels([s])[s.id]: s for s in self.loaded.file.sources}


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


# --------------------------------------------------------------------------- Given: sources

@given(parsers.re(
    rf"{SOURCE_TYPE} (?:of (?P<reliability>{RELIABILITY}) reliability|graded (?P<graded>{RELIABILITY})), "
    rf"(?P<source_id>{SOURCE_ID_RE})(?:, which repeats (?P<derived>{SOURCE_IDS}))?"
))
def _source(scenario_incident: Scenario, source_type: str, reliability: str | None, graded: str | None,
            source_id: str, derived: str | None) -> None:
    scenario_incident.declare_source(source_id, TABLE["source_types"][source_type], reliability or graded,
                                     _source_ids(derived) if derived else [])


@given(parsers.re(
    rf"(?P<source_id>{SOURCE_ID_RE}) was checked and could not be (?P<check>geolocated|chronolocated|traced to its claimed origin)"
))
def _failed_check(scenario_incident: Scenario, source_id: str, check: str) -> None:
    field = {"geolocated": "geolocated", "chronolocated": "chronolocated"}.get(check, "source_checked")
    (source,) = [s for s in scenario_incident.data["sources"] if s["id"] == source_id]
    source.setdefault("provenance", {"verification": {}})["verification"][field] = "no"


@given(parsers.re(f"{PHRASE}, according to (?P<sources>{SOURCE_IDS})"))
def _phrase_with_sources(scenario_incident: Scenario, phrase: str, sources: str) -> None:
    scenario_incident.record(phrase, sources=_source_ids(sources))


@given(parsers.re(f"{PHRASE}, though no source is cited for it"))
def _phrase_without_source(scenario_incident: Scenario, phrase: str) -> None:
    scenario_incident.record(phrase, sources=[])


@given(parsers.re(f"unless other sources are named, each fact below rests on (?P<sources>{SOURCE_IDS})"))
def _default_sources(scenario_incident: Scenario, sources: str) -> None:
    scenario_incident.default_sources = _source_ids(sources)


# --------------------------------------------------------------------------- Given: accounts

@given(parsers.re(f"according to {ACCOUNT}, {PHRASE}"))
def _account_phrase(scenario_incident: Scenario, account: str, phrase: str) -> None:
    scenario_incident.record_in_account(account, phrase)


@given(parsers.re(rf"according to {ACCOUNT} \((?P<sources>{SOURCE_IDS})\), {PHRASE}"))
def _account_phrase_with_sources(scenario_incident: Scenario, account: str, sources: str, phrase: str) -> None:
    scenario_incident.record_in_account(account, phrase, _source_ids(sources))


@given(parsers.re(f"{ACCOUNT} restates none of the facts"))
def _account_restating_nothing(scenario_incident: Scenario, account: str) -> None:
    declared = scenario_incident.account(account)
    assert not declared["facts"], f"{account} already restates {sorted(declared['facts'])}"


# --------------------------------------------------------------------------- When

@when("the incident is assessed")
def _assess(scenario_incident: Scenario) -> None:
    scenario_incident.assess()


@when(parsers.re(f"the incident is assessed on {POSITION}"))
def _assess_on_position(scenario_incident: Scenario, position: str) -> None:
    scenario_incident.run = Settings(TABLE["positions"][position])
    scenario_incident.assess()


@when(parsers.re(f"the incident is assessed before {FORUM}"))
def _assess_before_forum(scenario_incident: Scenario, forum: str) -> None:
    scenario_incident.run = Settings(forum=TABLE["forums"][forum])
    scenario_incident.assess()


@when("each account is assessed")
def _assess_each_account(scenario_incident: Scenario) -> None:
    assert scenario_incident.data.get("accounts"), "the scenario records no account"
    scenario_incident.assess()


@when(parsers.re(f"only {ACCOUNT} is assessed"))
def _assess_one_account(scenario_incident: Scenario, account: str) -> None:
    scenario_incident.assess(ACCOUNTS[account]["name"])


@when(parsers.re(r'only the account "(?P<name>[^"]+)" is assessed'))
def _assess_named_account(scenario_incident: Scenario, name: str) -> None:
    scenario_incident.assess(name)


# --------------------------------------------------------------------------- Then: one finding

def _finding(scenario_incident: Scenario) -> Finding:
    assert scenario_incident.finding is not None, "name a finding first: Then the finding \"...\" is \"...\""
    return scenario_incident.finding


def _known_fact(fact_id: str) -> str:
    assert fact_id in catalogue(), f"{fact_id!r} is not an element fact id (see engine.facts.catalogue())"
    return fact_id


def _view(scenario_incident: Scenario, assessment: Assessment, finding_id: str) -> Finding:
    """Put ``finding_id`` on ``assessment`` in view and return it."""
    ids = [f.id for f in assessment.findings]
    assert finding_id in ids, f"no finding {finding_id!r}; the engine gives: {', '.join(ids)}"
    scenario_incident.in_view = assessment
    scenario_incident.finding = assessment.finding(finding_id)
    return scenario_incident.finding


def _check_status(finding: Finding, status: str, where: str = "") -> None:
    assert status in STATUSES, f"{status!r} is not a finding status; use one of {', '.join(STATUSES)}"
    assert finding.status == status, (
        f"{finding.id}{where}: expected {status}, the engine gives {finding.status}: {finding.explanation}\n"
        f"missing facts: {finding.missing_facts}; key facts: {finding.key_facts}; trace: {finding.trace}"
    )


@then(parsers.re(r'the finding "(?P<finding_id>[a-z0-9_.]+)" is "(?P<status>[a-z_]+)"'))
def _finding_status(scenario_incident: Scenario, finding_id: str, status: str) -> None:
    _check_status(_view(scenario_incident, scenario_incident.assessment, finding_id), status)


@then(parsers.re(rf'on {ACCOUNT}, the finding "(?P<finding_id>[a-z0-9_.]+)" is "(?P<status>[a-z_]+)"'))
def _finding_status_on_account(scenario_incident: Scenario, account: str, finding_id: str, status: str) -> None:
    finding = _view(scenario_incident, scenario_incident.on_account(account), finding_id)
    _check_status(finding, status, f" (on {account})")


@then(parsers.re(r'it holds prima facie, rebuttable by "(?P<ground>[a-z0-9_.@]+)"'))
def _prima_facie(scenario_incident: Scenario, ground: str) -> None:
    finding = _finding(scenario_incident)
    assert finding.basis == "prima_facie", f"{finding.id}: the basis is {finding.basis}, not prima facie"
    assert ground in finding.rebuttable_by, f"{finding.id}: rebuttable by {finding.rebuttable_by}, not {ground!r}"


@then(parsers.re(r'it cites "(?P<label>[^"]+)"'))
def _cites(scenario_incident: Scenario, label: str) -> None:
    finding = _finding(scenario_incident)
    labels = [c.label for c in finding.citations]
    assert label in labels, f"{finding.id}: cites {labels}, not {label!r}"


@then(parsers.re(r'it rests on the presumption "(?P<rule_id>[a-z0-9_.]+)"'))
def _rests_on_presumption(scenario_incident: Scenario, rule_id: str) -> None:
    finding = _finding(scenario_incident)
    assert rule_id in finding.presumptions, f"{finding.id}: rests on the presumptions {finding.presumptions}"


@then(parsers.re(r'it does not rest on the presumption "(?P<rule_id>[a-z0-9_.]+)"'))
def _not_on_presumption(scenario_incident: Scenario, rule_id: str) -> None:
    finding = _finding(scenario_incident)
    assert rule_id not in finding.presumptions, f"{finding.id}: rests on the presumptions {finding.presumptions}"


@then("it is established on the record")
def _established(scenario_incident: Scenario) -> None:
    finding = _finding(scenario_incident)
    assert (finding.basis, finding.rebuttable_by) == ("established", []), (
        f"{finding.id}: basis {finding.basis}, rebuttable by {finding.rebuttable_by}")


@then(parsers.re(r'the trace shows the (?:presumption|rule) "(?P<rule_id>[a-z0-9_.]+)" (?P<outcome>holds|fails|unknown|not_applicable)'))
def _presumption_outcome(scenario_incident: Scenario, rule_id: str, outcome: str) -> None:
    assessment = scenario_incident.in_view or scenario_incident.assessment
    node = assessment.trace.node(rule_id)
    assert node.outcome == outcome, f"{rule_id}: {node.outcome}, not {outcome}: {node.explanation}"


def _split(scenario_incident: Scenario):
    assessment = scenario_incident.in_view or scenario_incident.assessment
    assert assessment.either_or, "no case split was made: whether the target was lawful is not unknown"
    (split,) = assessment.either_or
    return split


@then("the recorded facts indicate a violation on either hypothesis")
def _either_or(scenario_incident: Scenario) -> None:
    split = _split(scenario_incident)
    assert split.conclusion == "unlawful_on_either_hypothesis", f"no either-or conclusion: {split.reason}"


@then(parsers.re(r'no either-or conclusion is drawn, because "(?P<fact_id>[a-z_.@]+)" is unknown'))
def _no_either_or(scenario_incident: Scenario, fact_id: str) -> None:
    split = _split(scenario_incident)
    assert split.conclusion == "none", f"an either-or conclusion was drawn: {split.branches}"
    shown = fact_id.replace(AT_TIME, ".attacker_knowledge")
    assert shown in split.reason, f"the reason does not name {shown}: {split.reason}"


@then(parsers.re(r'if (?P<words>.+?), the finding "(?P<finding_id>[a-z0-9_.]+)" indicates a violation'))
def _branch_violation(scenario_incident: Scenario, words: str, finding_id: str) -> None:
    split = _split(scenario_incident)
    branch = next((b for b in split.branches if b.words == words), None)
    assert branch is not None, f"no hypothesis {words!r}: {[b.words for b in split.branches]}"
    assert finding_id in [v["finding"] for v in branch.violations], f"if {words}: {branch.status}, {branch.violations}"


@then("no case split is made")
def _no_split(scenario_incident: Scenario) -> None:
    assessment = scenario_incident.in_view or scenario_incident.assessment
    assert assessment.either_or == [], f"a case split was made: {assessment.either_or}"


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


def _trace_in_view(scenario_incident: Scenario):
    """The trace the finding in view was derived in (a pass's, for one decided on a later release)."""
    assessment = scenario_incident.in_view or scenario_incident.assessment
    return assessment.trace_of(scenario_incident.finding) if scenario_incident.finding else assessment.trace


@then(parsers.re(r'the trace names the release "(?P<label>[^"]+)" for the fact "(?P<fact_id>[a-z_.@]+)"'))
def _trace_names_release(scenario_incident: Scenario, label: str, fact_id: str) -> None:
    """The fact read from the attack's releases says which release decided it (the pass the finding concerns)."""
    note = _trace_in_view(scenario_incident).facts[_known_fact(fact_id)].note or ""
    assert f"'{label}'" in note, f"{fact_id}: the trace does not name the release {label!r}: {note!r}"


@then(parsers.re(r"it concerns the release \"(?P<label>[^\"]+)\", judged on (?P<knowledge>what was known before it|the incident's facts)"))
def _concerns_release(scenario_incident: Scenario, label: str, knowledge: str) -> None:
    """The finding says which pass it concerns and on what knowledge, and its derivation is that pass's."""
    finding = _finding(scenario_incident)
    assessment = scenario_incident.in_view or scenario_incident.assessment
    judged = next((p for p in assessment.passes if p.release == finding.release), None)
    assert judged is not None and f"'{label}'" in judged.name, (
        f"{finding.id}: concerns release {finding.release} ({finding.concerns!r}), not {label!r}")
    assert (finding.concerns or "").startswith(f"{judged.name}, judged on {knowledge}"), f"{finding.id}: {finding.concerns!r}"
    assert assessment.trace_of(finding) is judged.trace, f"{finding.id}: not derived in the trace of {judged.name}"


@then(parsers.re(r'on the release "(?P<label>[^"]+)" alone, the finding "(?P<finding_id>[a-z0-9_.]+)" is "(?P<status>[a-z_]+)"'))
def _status_on_release(scenario_incident: Scenario, label: str, finding_id: str, status: str) -> None:
    assessment = scenario_incident.in_view or scenario_incident.assessment
    judged = [p for p in assessment.passes if f"'{label}'" in p.name]
    assert judged, f"no release {label!r} judged; the passes are: {[p.name for p in assessment.passes]}"
    finding = next(f for f in judged[0].findings if f.id == finding_id)
    _check_status(finding, status, f" (on the release {label} alone)")


@then(parsers.re(r'in the trace of that finding, "(?P<fact_id>[a-z_.@]+)" is (?P<value>true|false|unknown)'))
def _fact_in_trace(scenario_incident: Scenario, fact_id: str, value: str) -> None:
    record = _trace_in_view(scenario_incident).facts[_known_fact(fact_id)]
    assert record.status == value, f"{fact_id}: {record.status} in the trace of {scenario_incident.finding.id}, not {value}"


@then(parsers.re(r'the key facts include "(?P<fact_id>[a-z_.@]+)"'))
def _key_includes(scenario_incident: Scenario, fact_id: str) -> None:
    finding = _finding(scenario_incident)
    assert _known_fact(fact_id) in finding.key_facts, (
        f"{finding.id}: {fact_id!r} is not among the key facts {finding.key_facts}"
    )


@then(parsers.re(r'the finding is marked contested as "(?P<words>[^"]+)"'))
def _marked_contested(scenario_incident: Scenario, words: str) -> None:
    finding = _finding(scenario_incident)
    assert finding.contested and words in finding.contested, f"{finding.id}: contested note {finding.contested!r}"


@then(parsers.re(r'it says that it rests on the attack being attributed to the attacking party'))
def _rests_on_attribution(scenario_incident: Scenario) -> None:
    finding = _finding(scenario_incident)
    assert "rests on the attack being attributed to" in finding.explanation, finding.explanation


@then(parsers.re(r'it says that the attack is not attributed to the attacking party'))
def _not_attributed(scenario_incident: Scenario) -> None:
    finding = _finding(scenario_incident)
    assert "The attack is not attributed to" in finding.explanation, finding.explanation


@then(parsers.re(r'the finding "(?P<finding_id>[a-z0-9_.]+)" is not "(?P<status>[a-z_]+)"'))
def _finding_status_not(scenario_incident: Scenario, finding_id: str, status: str) -> None:
    assert status in STATUSES, f"{status!r} is not a finding status; use one of {', '.join(STATUSES)}"
    finding = _view(scenario_incident, scenario_incident.assessment, finding_id)
    assert finding.status != status, f"{finding_id}: the engine gives {status}: {finding.explanation}"


# --------------------------------------------------------------------------- Then: evidence

def _standard_id(words: str) -> str:
    """The standard of proof named by its label in rules/evidence/standards.yaml (the gloss in
    parentheses may be left out: "more likely than not")."""
    standards = evidence.config().standards
    for standard in standards:
        if words in (standard.label, standard.label.split(" (")[0]):
            return standard.id
    raise AssertionError(f"{words!r} is not a standard of proof; the configuration has: "
                         + "; ".join(s.label for s in standards))


def _evidence_of(scenario_incident: Scenario, finding_id: str | None) -> tuple[Finding, evidence.Evidence]:
    if finding_id is not None:
        _view(scenario_incident, scenario_incident.assessment, finding_id)
    finding = _finding(scenario_incident)
    assert finding.evidence is not None, f"{finding.id}: the finding carries no evidence grading"
    return finding, finding.evidence


FINDING_OR_IT = r'(?:the finding "(?P<finding_id>[a-z0-9_.]+)"|it)'


@then(parsers.re(rf'{FINDING_OR_IT} reaches the standard "(?P<standard>[^"]+)"'))
def _reaches_standard(scenario_incident: Scenario, finding_id: str | None, standard: str) -> None:
    expected = _standard_id(standard)
    finding, graded = _evidence_of(scenario_incident, finding_id)
    assert graded.standard == expected, (
        f"{finding.id}: expected the standard {standard!r}, the evidence reaches "
        f"{graded.standard_label or 'no standard'} (weakest level {graded.level}: {graded.weakest_facts})"
    )


@then(parsers.re(rf"{FINDING_OR_IT} reaches no standard of proof"))
def _reaches_no_standard(scenario_incident: Scenario, finding_id: str | None) -> None:
    finding, graded = _evidence_of(scenario_incident, finding_id)
    assert graded.standard is None, (
        f"{finding.id}: expected no standard of proof, the evidence reaches {graded.standard_label!r}"
    )


@then(parsers.re(f"its weakest facts? rests? on {LEVEL}"))
def _weakest_level(scenario_incident: Scenario, level: str) -> None:
    finding, graded = _evidence_of(scenario_incident, None)
    expected = TABLE["evidence_levels"][level]
    assert graded.level == expected, (
        f"{finding.id}: expected the weakest fact to rest on {level} ({expected}), it is {graded.level} "
        f"({graded.level_label}): {graded.weakest_facts}"
    )


@then(parsers.re(r'the weakest fact is "(?P<fact_id>[a-z_.@]+)"'))
def _weakest_fact_is(scenario_incident: Scenario, fact_id: str) -> None:
    finding, graded = _evidence_of(scenario_incident, None)
    assert graded.weakest_facts == [_known_fact(fact_id)], (
        f"{finding.id}: the weakest facts are {graded.weakest_facts} ({graded.level})"
    )


@then(parsers.re(r'the weakest facts include "(?P<fact_id>[a-z_.@]+)"'))
def _weakest_includes(scenario_incident: Scenario, fact_id: str) -> None:
    finding, graded = _evidence_of(scenario_incident, None)
    assert _known_fact(fact_id) in graded.weakest_facts, (
        f"{finding.id}: {fact_id!r} is not among the weakest facts {graded.weakest_facts} ({graded.level})"
    )


@then(parsers.re(r'the weakest facts do not include "(?P<fact_id>[a-z_.@]+)"'))
def _weakest_excludes(scenario_incident: Scenario, fact_id: str) -> None:
    finding, graded = _evidence_of(scenario_incident, None)
    assert _known_fact(fact_id) not in graded.weakest_facts, (
        f"{finding.id}: {fact_id!r} is among the weakest facts {graded.weakest_facts} ({graded.level})"
    )


@then(parsers.re(rf'the fact "(?P<fact_id>[a-z_.]+)" rests on {LEVEL}'))
def _fact_level(scenario_incident: Scenario, fact_id: str, level: str) -> None:
    """The corroboration level of one fact, as the assessment in view (its account) records it."""
    assessment = scenario_incident.in_view or scenario_incident.assessment
    record = assessment.trace.facts.get(_known_fact(fact_id))
    assert record is not None, f"{fact_id!r} is not in the trace"
    by_id = scenario_incident.source_objects()
    got = evidence.fact_level([by_id[i] for i in record.sources if i in by_id])
    expected = TABLE["evidence_levels"][level]
    assert got == expected, f"{fact_id} (sources {record.sources}): expected {expected}, the engine grades it {got}"


# --------------------------------------------------------------------------- Then: accounts

def _account_names(text: str) -> list[str]:
    phrases = re.split(r", | and ", text)
    unknown = [p for p in phrases if p not in ACCOUNTS]
    assert not unknown, f"{unknown} are not accounts of the step library; use: {', '.join(ACCOUNTS)}"
    return [ACCOUNTS[p]["name"] for p in phrases]


def _divergences(scenario_incident: Scenario) -> list[compare.Divergence]:
    scenario_incident._assessed()
    assert len(scenario_incident.assessments) >= 2, (
        f"only {len(scenario_incident.assessments)} account was assessed; nothing to compare"
    )
    return compare.divergences(scenario_incident.assessments)


@then(parsers.re(r"the accounts assessed are (?P<accounts>.+)"))
def _accounts_assessed(scenario_incident: Scenario, accounts: str) -> None:
    scenario_incident._assessed()
    got = [a.account for a in scenario_incident.assessments]
    assert got == _account_names(accounts), f"the engine assessed {got}"


@then(parsers.re(f"only {ACCOUNT} was assessed"))
def _only_account_assessed(scenario_incident: Scenario, account: str) -> None:
    scenario_incident._assessed()
    got = [a.account for a in scenario_incident.assessments]
    assert got == [ACCOUNTS[account]["name"]], f"the engine assessed {got}"


@then(parsers.re(r'the finding "(?P<finding_id>[a-z0-9_.]+)" diverges between the accounts'))
def _diverges(scenario_incident: Scenario, finding_id: str) -> None:
    found = {d.finding: d for d in _divergences(scenario_incident)}
    assert finding_id in found, f"{finding_id} does not diverge; the divergent findings are {sorted(found)}"
    scenario_incident.divergence = found[finding_id]


@then(parsers.re(r'the finding "(?P<finding_id>[a-z0-9_.]+)" does not diverge between the accounts'))
def _does_not_diverge(scenario_incident: Scenario, finding_id: str) -> None:
    found = {d.finding: d for d in _divergences(scenario_incident)}
    assert finding_id not in found, f"{finding_id} diverges: {found.get(finding_id)}"
    statuses = {a.account: a.finding(finding_id).status for a in scenario_incident.assessments}
    assert len(set(statuses.values())) == 1, statuses


@then("no finding diverges between the accounts")
def _nothing_diverges(scenario_incident: Scenario) -> None:
    found = _divergences(scenario_incident)
    assert found == [], f"divergent findings: {[(d.finding, d.statuses) for d in found]}"


def _divergence(scenario_incident: Scenario) -> compare.Divergence:
    assert scenario_incident.divergence is not None, (
        'name a divergent finding first: Then the finding "..." diverges between the accounts'
    )
    return scenario_incident.divergence


@then(parsers.re(r'the divergence is driven by "(?P<fact_id>[a-z_.@]+)"'))
def _driven_by(scenario_incident: Scenario, fact_id: str) -> None:
    divergence = _divergence(scenario_incident)
    driving = [d.fact for d in divergence.driving_facts]
    assert _known_fact(fact_id) in driving, f"{divergence.finding}: the driving facts are {driving}"


@then(parsers.re(r'the divergence is driven by "(?P<fact_id>[a-z_.@]+)" alone'))
def _driven_by_alone(scenario_incident: Scenario, fact_id: str) -> None:
    divergence = _divergence(scenario_incident)
    driving = [d.fact for d in divergence.driving_facts]
    assert driving == [_known_fact(fact_id)], f"{divergence.finding}: the driving facts are {driving}"


@then(parsers.re(r'the divergence is not driven by "(?P<fact_id>[a-z_.@]+)"'))
def _not_driven_by(scenario_incident: Scenario, fact_id: str) -> None:
    divergence = _divergence(scenario_incident)
    driving = [d.fact for d in divergence.driving_facts]
    assert _known_fact(fact_id) not in driving, f"{divergence.finding}: the driving facts are {driving}"


@then(parsers.re(rf'{ACCOUNT} holds "(?P<fact_id>[a-z_.]+)" to be (?P<value>true|false|unknown)'))
def _account_holds(scenario_incident: Scenario, account: str, fact_id: str, value: str) -> None:
    divergence = _divergence(scenario_incident)
    driving = {d.fact: d for d in divergence.driving_facts}
    assert fact_id in driving, f"{fact_id!r} does not drive the divergence of {divergence.finding}: {sorted(driving)}"
    name = ACCOUNTS[account]["name"]
    got = driving[fact_id].values.get(name)
    # The comparison shows a yes/no fact as its trace status: "true", "false" or "unknown".
    assert got == value, f"{fact_id} on {account}: expected {value}, the comparison shows {got!r}"


@then(parsers.re(f"on {ACCOUNT}, every finding is as on the shared record"))
def _as_shared_record(scenario_incident: Scenario, account: str) -> None:
    on_account = scenario_incident.on_account(account)
    file = scenario_incident.loaded.file
    shared = assess_incident(file.incident, file.sources)
    got = [(f.id, f.status, f.evidence) for f in on_account.findings]
    expected = [(f.id, f.status, f.evidence) for f in shared.findings]
    assert got == expected, f"on {account}: {got}\non the shared record: {expected}"


@then("every finding against the attacker is as it would be had the defending party's conduct not been recorded")
def _attacker_unchanged(scenario_incident: Scenario) -> None:
    file = scenario_incident.loaded.file
    without = file.incident.model_copy(update={"defender_conduct": DefenderConduct()})
    shown = scenario_incident.assessment
    plain = assess_incident(without, file.sources)
    got = [(f.id, f.status, f.basis, f.evidence) for f in shown.findings if f.against == "attacker"]
    expected = [(f.id, f.status, f.basis, f.evidence) for f in plain.findings if f.against == "attacker"]
    assert got == expected, f"with the defending party's conduct: {got}\nwithout it: {expected}"
    assert any(f.against == "defender" and f.status != "inconclusive" for f in shown.findings), \
        "no finding against the defending party was decided: the scenario does not test anything"


@then(parsers.re(r'the finding "(?P<finding_id>[a-z0-9_.]+)" is against the defending party'))
def _against_defender(scenario_incident: Scenario, finding_id: str) -> None:
    finding = _view(scenario_incident, scenario_incident.assessment, finding_id)
    assert finding.against == "defender", f"{finding_id} is against the {finding.against}"
    assert finding.party == scenario_incident.loaded.file.incident.defender, f"{finding_id} names {finding.party!r}"


# --------------------------------------------------------------------------- Then: war-crime elements

@then(parsers.re(r'the crime "(?P<crime_id>[a-z0-9_.]+)" is "(?P<status>[a-z_]+)"'))
def _crime_status(scenario_incident: Scenario, crime_id: str, status: str) -> None:
    assert status in CRIME_STATUS.values(), f"{status!r} is not a crime status; use one of {sorted(set(CRIME_STATUS.values()))}"
    crimes = {c.id: c for c in scenario_incident.assessment.crimes}
    assert crime_id in crimes, f"no crime {crime_id!r}; the engine gives: {', '.join(crimes)}"
    crime = scenario_incident.crime = crimes[crime_id]
    assert crime.forum == scenario_incident.run.forum
    shown = [(e.id, e.status) for e in crime.elements]
    assert crime.status == status, f"{crime_id}: expected {status}, the engine gives {crime.status}: {crime.reason}; elements: {shown}"


def _crime(scenario_incident: Scenario) -> Crime:
    assert scenario_incident.crime is not None, 'name a crime first: Then the crime "..." is "..."'
    return scenario_incident.crime


@then(parsers.re(r'the element "(?P<element_id>[a-z0-9_.]+)" is shown, worded "(?P<title>[^"]+)"'))
def _element_worded(scenario_incident: Scenario, element_id: str, title: str) -> None:
    (element,) = [e for e in _crime(scenario_incident).elements if e.id == element_id]
    assert (element.status, element.title) == ("shown", title), element


@then("no element remains to be shown")
def _no_element_left(scenario_incident: Scenario) -> None:
    crime = _crime(scenario_incident)
    assert crime.still_to_show == [] and all(e.status == "shown" for e in crime.elements), crime.elements


@then(parsers.re(r'the elements still to be shown are (?P<ids>"[a-z0-9_.]+"(?:(?:, | and )"[a-z0-9_.]+")*)'))
def _still_to_show(scenario_incident: Scenario, ids: str) -> None:
    expected = re.findall(r'"([a-z0-9_.]+)"', ids)
    assert _crime(scenario_incident).still_to_show == expected, _crime(scenario_incident).elements


@then("the evidence that would show it is named")
def _proof_named(scenario_incident: Scenario) -> None:
    crime = _crime(scenario_incident)
    open_ = [e for e in crime.elements if e.id in crime.still_to_show]
    assert open_ and all(len(e.proof) > 40 for e in open_), open_


@then(parsers.re(r'the forum reaches it as "(?P<label>[^"]+)"'))
def _charge(scenario_incident: Scenario, label: str) -> None:
    assert _crime(scenario_incident).statute == label, f"the forum reaches it as {_crime(scenario_incident).statute!r}"


@then(parsers.re(r"the reason given is that (?P<words>.+)"))
def _reason_given(scenario_incident: Scenario, words: str) -> None:
    reason = _crime(scenario_incident).reason
    assert reason is not None and words in reason, f"the reason given is {reason!r}"


@then(parsers.re(r'the assessment is refused, as there is no account "(?P<name>[^"]+)"'))
def _refused(scenario_incident: Scenario, name: str) -> None:
    refusal = scenario_incident.refusal
    assert refusal is not None, f"the assessment was not refused: {[a.account for a in scenario_incident.assessments]}"
    assert isinstance(refusal, UnknownAccount) and refusal.args[0] == name, f"refused for another reason: {refusal}"
    assert scenario_incident.assessments == [], "a refused assessment must give no findings"


@then(parsers.re(r"the refusal names the accounts on file: (?P<accounts>.+)"))
def _refusal_names(scenario_incident: Scenario, accounts: str) -> None:
    refusal = scenario_incident.refusal
    assert refusal is not None, "the assessment was not refused"
    assert refusal.names == _account_names(accounts), f"the refusal names {refusal.names}"
    for name in refusal.names:
        assert name in str(refusal), f"the message does not name {name!r}: {refusal}"
