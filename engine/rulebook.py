"""The encoded law: rule files in ``rules/`` read into typed rules, checked, and compiled to clauses.

A rule file (``rules/<principle>.yaml``) holds one principle. Each rule states the legal question it
answers, the condition under which it holds (``when``), optionally the exception under which it does
not apply (``unless``), its citations, where it applies, and its explanation in words a lawyer would
sign. A rule with a ``finding`` is one legal question the engine answers with a status; the others are
intermediate conclusions (such as "the object was a military objective") that later rules build on.

Condition syntax (YAML)::

    {fact: civilians.present}                 # a yes/no fact holds
    {fact: civilians.present, at_time: true}  # ... as the attacker knew or should have known it
    {fact: conflict.classification, is: IAC}  # a category fact has this value
    {fact: object_struck.category, in: [school, shelter]}   # ... one of these values
    {fact: attack.weapon.accuracy_m, above: 100}   # a number (also: at_least, below, at_most)
    {fact: attack.weapon.accuracy_m, at_least: {parameter: wide_area_accuracy_m}}  # ... or a parameter
    {rule: distinction.military_objective}    # another rule's conclusion holds
    {reading: armed_group_membership, is: membership}  # the position applied reads a contested point so
    {excuse: {fact: precautions.warning.circumstances_did_not_permit}}
    {all: [...]} / {any: [...]} / {not: {...}}

Numbers are compared with a constant or with a parameter (``rules/parameters/``, see
:mod:`engine.settings`), never with another fact; an unknown number leaves the test unknown.

**Elements and exceptions.** Every condition is an *element*, which the assessor must show: while it is
unknown, so is the rule. A condition wrapped in ``excuse`` is an exception whose burden lies on the party
that invokes it (circumstances did not permit a warning, a reasonable mistake, infeasibility): while it
is unknown it is read as not shown, and the conclusion rests on it *prima facie* (the trace names it in
``rebuttable_by``).

**Presumptions.** A rule with ``presumes: {fact: F, value: true|false}`` is a rebuttable presumption: its
``when`` derives the legal element F from observations, its ``unless`` is what rebuts it (an excuse:
unknown reads as not shown). Wherever
another rule cites F, F as recorded (observed, or assessed by a body) takes precedence; only where F is
not recorded does the presumption, if it holds, decide it. The trace shows which applied.

**Parties.** A finding is against the attacking party unless it says ``against: defender``: the defending
party's own duties, on its recorded conduct (its treaty citations follow its own treaty status). A crime
that says ``against: defender`` is about the defending party's forces (its jurisdiction read from their
states).

**War crimes.** A rule with ``element: {kind, proof}`` is an element of a war crime (material, mental or
contextual, with the evidence that would show it); a rule with ``crime: {statute}`` is a crime, the
conjunction of its elements (directly, or through rules that group them). Neither is a finding: they are
read by :mod:`engine.crimes` for the forum of the run. Without a forum (opt-in: ``--forum``) they are
listed with the others but neither compiled nor run: the elements of war crimes are not assessed.

**Re-runs of the attack.** The findings against the defending party and the elements of war crimes read
the attack's conclusions and never decide them, so a re-run of the attack (a hypothesis, a decisive-fact
sweep) runs only :attr:`Rulebook.attack`, the rules the findings against the attacker rest on; the
record itself runs every rule (:attr:`Rulebook.whole`). Both are derived from what the rules cite.

Errors: :class:`RulebookError` names the file and rule for an unknown fact, an unknown or circular
rule reference, a duplicate id, or a malformed condition.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from functools import cache, cached_property
from importlib import resources
from typing import Annotated, Callable, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from engine import datafiles, facts, logic, settings
from engine.logic import Condition, Outcomes
from engine.settings import Resolved, Settings

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z_]+(\.[a-z0-9_]+)+$")]


class RulebookError(Exception):
    """A rule file is malformed or inconsistent. The message names the file and the rule."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ParameterRef(_Strict):
    """A threshold named in ``rules/parameters/`` (its value is fixed when the rulebook is built)."""

    parameter: str


Operand = float | ParameterRef


class FactTest(_Strict):
    fact: str
    at_time: bool = False
    is_: str | None = Field(default=None, alias="is")
    in_: list[str] | None = Field(default=None, alias="in", min_length=2)
    above: Operand | None = None
    at_least: Operand | None = None
    below: Operand | None = None
    at_most: Operand | None = None


class ReadingTest(_Strict):
    """Holds when the position applied reads the contested point ``reading`` as ``is``."""

    reading: str
    is_: str = Field(alias="is")


class ExcuseOf(_Strict):
    """An exception whose burden lies on the party invoking it: unknown reads as not shown."""

    excuse: "Expr"


class RuleTest(_Strict):
    rule: RuleId


class AllOf(_Strict):
    all: list["Expr"] = Field(min_length=1)


class AnyOf(_Strict):
    any: list["Expr"] = Field(min_length=1)


class NotOf(_Strict):
    not_: "Expr" = Field(alias="not")


Expr = Union[FactTest, RuleTest, ReadingTest, ExcuseOf, AllOf, AnyOf, NotOf]
for _m in (AllOf, AnyOf, NotOf, ExcuseOf):
    _m.model_rebuild()


Instrument = Literal[
    "CIHL",  # ICRC Customary IHL Study (2005), rule number
    "AP I",
    "AP II",
    "GC I",  # First Geneva Convention (1949)
    "GC IV",  # Fourth Geneva Convention (1949), on civilians: arts 18-19 on civilian hospitals
    "Hague 1954",  # Hague Convention for the Protection of Cultural Property (1954)
    "Hague Second Protocol",  # its Second Protocol (1999)
    "Rome Statute",
    "ICC Elements of Crimes",
    "ICRC Interpretive Guidance on DPH",
    "ICTY",
    "ICC",  # the International Criminal Court's case law (its Statute and Elements are cited as such)
    "SCSL",  # the Special Court for Sierra Leone: its Statute and case law
    "EWIPA Political Declaration",  # Political Declaration on explosive weapons in populated areas (2022)
    "US DoD Law of War Manual",
    "UK AP I statements",  # the United Kingdom's statements on ratifying AP I (28 January 1998)
    "CCW Protocol III",  # Protocol III (incendiary weapons) to the 1980 Convention on Certain Conventional Weapons
    "CCM",  # the 2008 Convention on Cluster Munitions
]


class Citation(_Strict):
    """A legal source: ``instrument`` and either ``rule`` (CIHL number) or ``provision``."""

    instrument: Instrument
    provision: str | None = None
    rule: int | None = None
    note: str | None = None
    verified: bool = True  # False: the text could not be checked against the primary source

    def label(self) -> str:
        """E.g. ``"CIHL Rule 14"``, ``"AP I art. 51(5)(b)"``."""
        if self.rule is not None:
            return f"{self.instrument} Rule {self.rule}"
        return f"{self.instrument} {self.provision}"


class Explanation(_Strict):
    """What the engine says when the rule holds, fails, cannot decide, or does not apply."""

    holds: str
    fails: str
    unknown: str
    not_applicable: str | None = None


class FindingSpec(_Strict):
    """Makes a rule a finding. ``violation_when`` says which outcome indicates a violation."""

    violation_when: Literal["holds", "fails"]


class ElementSpec(_Strict):
    """Makes a rule an element of a war crime: its ``kind`` (material, mental or contextual, as in the ICC
    Elements of Crimes) and ``proof``, the evidence that would show it (the "means of proof"). A mental
    element whose standard the forum sets may word its title for each reading of the forum's
    ``mental_element`` (``titles``: reading → title), so that a forum satisfied by recklessness (the
    ICTY's "wilfully") is never shown an element that asserts intent; the rule's ``title`` is the
    Rome Statute's wording, used for any reading not listed."""

    kind: Literal["material", "mental", "contextual"]
    proof: str
    titles: dict[str, str] = {}

    def title_for(self, reading: str | None, default: str) -> str:
        """The element's title before a forum whose mental element reads ``reading``."""
        return " ".join(self.titles.get(reading, default).split()) if reading else default


class CrimeSpec(_Strict):
    """Makes a rule a war crime whose ``when`` is the conjunction of its elements; ``statute`` names the
    provision that defines it (``"Rome Statute art. 8(2)(b)(i)"``). The rule's ``applies_in`` is the kind
    of conflict the Statute lists it for; ``counterpart`` the crime the Statute lists for the other kind,
    where there is one. Before a forum whose reach is any armed conflict (the ICTY's art. 3, ``reach:
    any_armed_conflict``), a crime without a counterpart is set out in both kinds. ``in_play`` names the
    rule that says whether the kind of object or conduct the crime is about is in play at all (a relief
    or peacekeeping site struck; a protected building): where it
    fails the crime is not applicable, its ``fails`` explanation the reason, as a special regime's
    findings are; where it is unknown the crime stays open."""

    statute: str
    counterpart: RuleId | None = None
    in_play: RuleId | None = None


class Scope(_Strict):
    """What a rule ``reads`` of the prohibition it encodes, and what it ``leaves_out`` (conduct the
    prohibition covers that the rule does not assess), in words a lawyer reads beside the source."""

    reads: str
    leaves_out: str


class Presumed(_Strict):
    """What a presumption derives: the element fact ``fact`` (``at_time``: as the attacker should have
    known it) taken to have ``value`` (yes/no, or one of a category fact's values)."""

    fact: str
    at_time: bool = False
    value: bool | str

    @property
    def id(self) -> str:
        return self.fact + (facts.AT_TIME if self.at_time else "")


class Rule(_Strict):
    """One encoded rule (see module docstring for the fields)."""

    id: RuleId
    title: str
    question: str
    when: Expr
    unless: Expr | None = None
    citations: list[Citation] = Field(min_length=1)
    applies_in: list[Literal["IAC", "NIAC"]] = Field(min_length=1, max_length=2)
    explanation: Explanation
    contested: str | None = None
    # The contested point in one or two sentences, as the memo lists it where the point bears on a
    # finding decided on the record: the point, the reading applied, the alternative and its effect.
    contested_brief: str | None = None
    scope: Scope | None = None  # where the rule reads less than the prohibition it cites
    perspective: Literal["ex_ante", "as_targeted", "as_found"] = "as_found"
    finding: FindingSpec | None = None
    presumes: Presumed | None = None
    rebuttal: str | None = None  # for a presumption: what rebuts it, in words
    # The party a finding is against: the attacking party (its attack), or the defending party (its own
    # conduct towards the civilians around its forces; treaty citations then follow its treaty status).
    against: Literal["attacker", "defender"] = "attacker"
    element: ElementSpec | None = None  # an element of a war crime (rules/90_war_crimes.yaml)
    crime: CrimeSpec | None = None  # a war crime, the conjunction of its elements

    @model_validator(mode="after")
    def _brief_of_a_note(self) -> "Rule":
        if self.contested_brief and not self.contested:
            raise ValueError("'contested_brief' sums up the rule's 'contested' note, which it lacks")
        return self


class Principle(_Strict):
    """One rule file: a principle of IHL and its rules, in reading order. ``applies_when`` marks a special
    protection regime (medical units, cultural property, follow-on strikes…) by the rule, one of its
    own, whose holding brings the regime into play (the object struck was a medical unit; a later pass
    struck the same point): its findings are otherwise not applicable, or inconclusive where that rule
    is, and the memo gives the regime a section only where that rule holds."""

    principle: str
    title: str
    summary: str
    applies_when: RuleId | None = None

    @property
    def special(self) -> bool:
        """True for a special protection regime."""
        return self.applies_when is not None
    rules: list[Rule] = Field(min_length=1)


class Rulebook(BaseModel):
    """All principles, with every rule's compiled clauses.

    ``clauses[rule_id][outcome]`` is the DNF (see :mod:`engine.logic`) under which the rule reaches
    ``outcome`` (``T``, ``F``, ``U`` or ``N``). ``order`` lists rule ids so that every rule comes after
    the rules it cites.
    """

    # Built by :func:`build` from validated rule files and its own compilation (``model_construct``):
    # nothing to validate again, so its schema (the compiled clauses' types) is built only if asked for.
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    principles: list[Principle]
    clauses: dict[str, dict[str, logic.DNF]]
    order: list[str]

    cited_facts: list[str]
    # Rule id → the ids (facts or rules) it cites inside an ``excuse``: unknown there reads as not shown.
    excuses: dict[str, frozenset[str]]
    # Presumed element fact id → the presumptions that may decide it where it is not recorded.
    presumed_by: dict[str, list[str]]
    settings: Resolved

    # Derived views, computed once (the rulebook is immutable; assessments read them every time).
    @cached_property
    def rules(self) -> dict[str, Rule]:
        """Every rule by id, in reading order."""
        return {r.id: r for p in self.principles for r in p.rules}

    @cached_property
    def cited_set(self) -> frozenset[str]:
        """The element facts some rule cites, as a set."""
        return frozenset(self.cited_facts)

    @cached_property
    def principle_of(self) -> dict[str, str]:
        """Rule id → the principle it belongs to."""
        return {r.id: p.principle for p in self.principles for r in p.rules}

    @cached_property
    def facts_of(self) -> dict[str, frozenset[str]]:
        """Rule id → the element facts any of its clauses cites (matched or not), directly or through the
        rules they cite (so an ex ante exclusion is reported however deep the fact sits)."""
        out: dict[str, frozenset[str]] = {}
        for rule_id in self.order:  # each rule after the rules it cites
            ids = {fid for dnf in self.clauses[rule_id].values() for clause in dnf for fid, _ in clause}
            out[rule_id] = frozenset(
                {i for i in ids if i in self.cited_set}.union(*(out[i] for i in ids if i in out))
            )
        return out

    @cached_property
    def compared(self) -> set[tuple[str, str]]:
        """Every ``(fact id, parameter)`` that some rule's conditions compare (``rules/parameters/``)."""
        return set().union(*(_comparisons(r.when) | _comparisons(r.unless) for r in self.rules.values()))

    @cached_property
    def parameters_of(self) -> dict[str, list[str]]:
        """Rule id → the parameters (``rules/parameters/``) its conditions compare facts with, sorted."""
        return {r.id: sorted(_parameters(r.when) | _parameters(r.unless)) for r in self.rules.values()}

    def presumptions(self) -> list[Rule]:
        """The rebuttable presumptions, in reading order."""
        return [r for p in self.principles for r in p.rules if r.presumes]

    def findings(self) -> list[Rule]:
        """The rules that answer a legal question with a status, in reading order."""
        return list(self._findings)

    @cached_property
    def _findings(self) -> tuple[Rule, ...]:
        # Read for every assessment (and each hypothesis and release): the rules are scanned once.
        return tuple(r for p in self.principles for r in p.rules if r.finding)

    def crimes(self) -> list[Rule]:
        """The war crimes whose elements are set out, in reading order: none without a forum."""
        return [r for p in self.principles for r in p.rules if r.crime and r.id in self.clauses]

    def elements_of(self, crime_id: str) -> list[str]:
        """The element rules of ``crime_id`` that the forum applied requires, in the order its ``when``
        lists them: an element offered as one branch of an ``any`` whose other branch is a reading that
        holds (a result the forum does not require) is left out."""
        return _elements(self.rules[crime_id].when, self.rules, self.settings)

    def fact_ids(self) -> list[str]:
        """Every element fact id some rule cites, sorted."""
        return self.cited_facts

    @cached_property
    def whole(self) -> "Stage":
        """Every rule: what the record itself is assessed with."""
        return Stage(self.clauses, self.cited_facts, self.order)

    @cached_property
    def attack(self) -> "Stage":
        """The findings against the attacking party, the rules of each special protection regime (the
        one that brings it into play among them) and every rule they rest on, directly or through other
        rules: all that a re-run of the attack needs (a hypothesis of :mod:`engine.cases`, a sweep
        of :mod:`engine.compare`). The other rules — findings against the defending party, the elements of
        war crimes — read the attack's conclusions and never decide them (a defender's breach does not
        release the attacker, AP I art. 51(8); a crime's elements read the IHL findings), so they are
        evaluated once, on the record itself (:attr:`whole`)."""
        needed: set[str] = set()
        # a special regime's rules too: the rule that brings it into play says whether its findings are shown
        todo = [r.id for r in self.findings() if r.against == "attacker"] + [
            r.id for p in self.principles if p.special for r in p.rules]
        while todo:
            rule_id = todo.pop()
            if rule_id in needed:
                continue
            needed.add(rule_id)
            todo.extend(fid for dnf in self.clauses[rule_id].values() for clause in dnf for fid, _ in clause
                        if fid in self.clauses)
        clauses = {r: self.clauses[r] for r in self.order if r in needed}
        cited = sorted({fid for outcomes in clauses.values() for dnf in outcomes.values() for clause in dnf
                        for fid, _ in clause if fid in self.cited_set})
        return Stage(clauses, cited, list(clauses))


@dataclass(eq=False)
class Stage:
    """The rules one engine session runs: ``clauses`` (rule id → outcome → DNF, each rule after the rules
    it cites, as in ``order``) and the element facts they cite (``facts``, sorted). The clauses object is
    built once per rulebook, so the adapter registers it once per process."""

    clauses: dict[str, dict[str, logic.DNF]]
    facts: list[str]
    order: list[str]

    @cached_property
    def fact_set(self) -> frozenset[str]:
        """``facts`` as a set (what :func:`engine.facts.elements` is asked for)."""
        return frozenset(self.facts)


@dataclass
class _Compiling:
    """What compiling one rule needs: the settings, the presumptions, and where the rule is (for errors).
    ``excuses`` collects the ids the rule cites inside an ``excuse``."""

    resolved: Resolved
    presumed_by: dict[str, list[str]]
    presumption_value: dict[str, bool]
    where: str = ""
    in_presumption: bool = False
    excuses: set[str] = dc_field(default_factory=set)


_COMPARISONS = {
    "above": ("$gt", "$lte"),
    "at_least": ("$gte", "$lt"),
    "below": ("$lt", "$gte"),
    "at_most": ("$lte", "$gt"),
}


def _operand(value: Operand, ctx: _Compiling) -> float:
    """A comparison's number: the constant, or the parameter's value for this run (always a float, so
    durable_rules never compares mixed types, trap 5)."""
    if isinstance(value, ParameterRef):
        found = ctx.resolved.parameter(value.parameter)
        if found is None:
            raise RulebookError(f"{ctx.where}: unknown parameter {value.parameter!r}")
        return float(found.value)
    return float(value)


def _fact_outcomes(test: FactTest, ctx: _Compiling) -> Outcomes:
    where = ctx.where
    kinds = facts.catalogue()
    base = test.fact + (facts.AT_TIME if test.at_time else "")
    if base not in kinds:
        raise RulebookError(f"{where}: unknown fact {base!r}")
    kind = kinds[base]
    unknown = Condition(frozenset({"U"}))
    given = [k for k in ("is_", "in_", *_COMPARISONS) if getattr(test, k) is not None]
    if kind == "bool":
        if given:
            raise RulebookError(f"{where}: {base!r} is a yes/no fact; it takes no comparison")
        recorded = logic.leaf(base, Condition(frozenset({"T"})), Condition(frozenset({"F"})), unknown)
        return _with_presumptions(recorded, base, lambda value: value is True, ctx)
    if len(given) != 1:
        raise RulebookError(f"{where}: {base!r} ({kind}) needs exactly one of is/in/above/at_least/below/at_most")
    known = frozenset({"K"})
    (key,) = given
    if key == "is_":
        if kind != "category":
            raise RulebookError(f"{where}: 'is' applies to category facts, {base!r} is {kind}")
        yes, no = ("e", "$eq", test.is_), ("e", "$neq", test.is_)
        recorded = logic.leaf(base, Condition(known, (yes,)), Condition(known, (no,)), unknown)
        return _with_presumptions(recorded, base, lambda value: value == test.is_, ctx)
    if key == "in_":
        if kind != "category":
            raise RulebookError(f"{where}: 'in' applies to category facts, {base!r} is {kind}")
        bad = sorted(set(test.in_) - set(facts.choices(base)))
        if bad:
            raise RulebookError(f"{where}: {bad} are not values of {base!r}")
        values = tuple(test.in_)
        # One condition per outcome (not one clause per value), so the clauses stay few.
        recorded = logic.leaf(base, Condition(known, (("e", "$in", values),)), Condition(known, (("e", "$nin", values),)), unknown)
        return _with_presumptions(recorded, base, lambda value: value in values, ctx)
    else:
        if kind != "number":
            raise RulebookError(f"{where}: {key!r} applies to number facts, {base!r} is {kind}")
        op, negated = _COMPARISONS[key]
        operand = _operand(getattr(test, key), ctx)
        yes, no = ("n", op, operand), ("n", negated, operand)
    return logic.leaf(base, Condition(known, (yes,)), Condition(known, (no,)), unknown)


def _with_presumptions(recorded: Outcomes, fact_id: str, passes: Callable[[bool | str], bool], ctx: _Compiling) -> Outcomes:
    """A test of ``fact_id`` (``passes`` says whether a value passes it) on the element as recorded or,
    where it is not recorded, as presumed: the recorded fact always takes precedence; where it is
    unknown, a presumption that holds decides it; otherwise it stays unknown. Inside a presumption facts are read as recorded only (no
    presumption rests on another's conclusion about the same fact). All presumptions of one fact
    presume the same value (checked in :func:`build`)."""
    presumptions = [] if ctx.in_presumption else ctx.presumed_by.get(fact_id, [])
    if not presumptions:
        return recorded
    any_holds = logic.any_of(_rule_outcomes(p) for p in presumptions)
    decided = logic.conj(recorded.U, any_holds.T)
    open_ = logic.conj(recorded.U, logic.disj(any_holds.F, any_holds.U))
    if passes(ctx.presumption_value[presumptions[0]]):
        return Outcomes(T=logic.disj(recorded.T, decided), F=recorded.F, U=open_)
    return Outcomes(T=recorded.T, F=logic.disj(recorded.F, decided), U=open_)


def _rule_outcomes(rule_id: str) -> Outcomes:
    # "Not applicable" (N) counts as "does not hold" for a rule that cites this one.
    return logic.leaf(
        rule_id,
        Condition(frozenset({"T"})),
        Condition(frozenset({"F", "N"})),
        Condition(frozenset({"U"})),
    )


def _reading_outcomes(test: ReadingTest, ctx: _Compiling) -> Outcomes:
    """A contested point as the position applied reads it: a constant (true: one empty clause)."""
    reading = ctx.resolved.reading(test.reading)
    if reading is None:
        raise RulebookError(f"{ctx.where}: unknown contested point {test.reading!r}")
    holds = reading == test.is_
    return Outcomes(T=((),) if holds else (), F=() if holds else ((),), U=())


def _excuse_outcomes(test: ExcuseOf, ctx: _Compiling) -> Outcomes:
    """An exception the invoking party must show: unknown reads as not shown (false), and every id it
    cites is remembered so the trace can name it among what would rebut the conclusion."""
    inner = _compile(test.excuse, ctx)
    ctx.excuses.update(fid for dnf in (inner.T, inner.F, inner.U) for clause in dnf for fid, _ in clause)
    return Outcomes(T=inner.T, F=logic.disj(inner.F, inner.U), U=())


def _compile(expr: Expr, ctx: _Compiling) -> Outcomes:
    if isinstance(expr, FactTest):
        return _fact_outcomes(expr, ctx)
    if isinstance(expr, RuleTest):
        return _rule_outcomes(expr.rule)
    if isinstance(expr, ReadingTest):
        return _reading_outcomes(expr, ctx)
    if isinstance(expr, ExcuseOf):
        return _excuse_outcomes(expr, ctx)
    if isinstance(expr, AllOf):
        return logic.all_of(_compile(e, ctx) for e in expr.all)
    if isinstance(expr, AnyOf):
        return logic.any_of(_compile(e, ctx) for e in expr.any)
    return _compile(expr.not_, ctx).swapped()


def _comparisons(expr: Expr | None) -> set[tuple[str, str]]:
    """The ``(fact id, parameter)`` pairs ``expr`` compares."""
    if expr is None or isinstance(expr, (RuleTest, ReadingTest)):
        return set()
    if isinstance(expr, FactTest):
        return {(expr.fact + (facts.AT_TIME if expr.at_time else ""), v.parameter) for v in (expr.above, expr.at_least, expr.below, expr.at_most)
                if isinstance(v, ParameterRef)}
    if isinstance(expr, NotOf):
        return _comparisons(expr.not_)
    if isinstance(expr, ExcuseOf):
        return _comparisons(expr.excuse)
    return set().union(*(_comparisons(e) for e in (expr.all if isinstance(expr, AllOf) else expr.any)))


def _parameters(expr: Expr | None) -> set[str]:
    """The parameter names ``expr`` compares facts with."""
    return {parameter for _, parameter in _comparisons(expr)}


def _elements(expr: Expr, rules: dict[str, Rule], resolved: Resolved) -> list[str]:
    """The element rules ``expr`` (a crime's condition) requires under ``resolved``, through the groups
    of elements it cites (see :meth:`Rulebook.elements_of`)."""
    if isinstance(expr, RuleTest):
        cited = rules[expr.rule]
        return [expr.rule] if cited.element else _elements(cited.when, rules, resolved)
    if isinstance(expr, AnyOf) and any(isinstance(e, ReadingTest) and resolved.reading(e.reading) == e.is_
                                       for e in expr.any):
        return []
    if isinstance(expr, (AllOf, AnyOf)):
        return [r for e in (expr.all if isinstance(expr, AllOf) else expr.any) for r in _elements(e, rules, resolved)]
    if isinstance(expr, NotOf):
        return _elements(expr.not_, rules, resolved)
    return []


def _groups(rules: dict[str, Rule], refs: set[str]) -> set[str]:
    """The groups of elements among ``refs``: rules that are neither finding, crime nor element and cite
    only elements."""
    return {r for r in refs if r in rules and rules[r].element is None and not rules[r].finding
            and not rules[r].crime and all(x in rules and rules[x].element for x in _cited_rules(rules[r].when, {}, True))}


def _war_crimes(rules: dict[str, Rule]) -> set[str]:
    """The rules of the war crimes: the crimes, their elements and the groups of elements the crimes cite
    (what a run without a forum neither compiles nor runs)."""
    crimes = {r.id for r in rules.values() if r.crime}
    cited = set().union(*(_cited_rules(rules[c].when, {}, True) for c in crimes))
    gates = {rules[c].crime.in_play for c in crimes} - {None}
    return crimes | gates | _groups(rules, cited) | {r.id for r in rules.values() if r.element}


def _check_crimes(rules: dict[str, Rule], where: dict[str, str]) -> None:
    """A crime cites only its elements (rules with ``element``) or groups of them (rules that cite only
    elements), and has no ``finding``; an element is cited by a crime; no rule outside the war crimes
    (:func:`_war_crimes`) cites one of theirs, so a run without a forum can leave them out; a crime's
    counterpart is a crime of the other kind of conflict, its ``in_play`` a rule of its own. Raises
    :class:`RulebookError`."""
    cited: set[str] = set()
    for rule in rules.values():
        if rule.crime is None:
            continue
        if rule.finding or rule.element:
            raise RulebookError(f"{where[rule.id]}: a crime is neither a finding nor an element")
        other = rule.crime.counterpart
        if other is not None and (other not in rules or rules[other].crime is None
                                  or set(rules[other].applies_in) & set(rule.applies_in)):
            raise RulebookError(f"{where[rule.id]}: counterpart {other!r} is not a crime of the other kind of conflict")
        gate = rule.crime.in_play
        if gate is not None and (gate not in rules or rules[gate].crime or rules[gate].element or rules[gate].finding):
            raise RulebookError(f"{where[rule.id]}: in_play {gate!r} is not a rule of its own (neither crime, element nor finding)")
        refs = _cited_rules(rule.when, {}, True)
        groups = _groups(rules, refs)
        refs = (refs - groups) | {x for g in groups for x in _cited_rules(rules[g].when, {}, True)}
        bad = sorted(r for r in refs if r not in rules or rules[r].element is None)
        if bad:
            raise RulebookError(f"{where[rule.id]}: a crime's condition cites only its elements; not elements: {bad}")
        cited |= refs
    part = _war_crimes(rules)
    for rule in rules.values():
        if rule.element is not None and rule.id not in cited:
            raise RulebookError(f"{where[rule.id]}: an element that no crime cites")
        # A run without a forum leaves the war crimes out: no other rule may rest on them.
        outside = sorted(_cited_rules(rule.when, {}, True) | _cited_rules(rule.unless, {}, True)) if rule.id not in part else []
        if any(r in part for r in outside):
            raise RulebookError(f"{where[rule.id]}: only a war crime may cite the elements of war crimes")


def _cited_rules(expr: Expr | None, presumed_by: dict[str, list[str]], in_presumption: bool) -> set[str]:
    """Rules ``expr`` cites, including the presumptions of the facts it cites (outside a presumption)."""
    if expr is None or isinstance(expr, ReadingTest):
        return set()
    if isinstance(expr, FactTest):
        if in_presumption:
            return set()
        return set(presumed_by.get(expr.fact + (facts.AT_TIME if expr.at_time else ""), []))
    if isinstance(expr, RuleTest):
        return {expr.rule}
    if isinstance(expr, NotOf):
        return _cited_rules(expr.not_, presumed_by, in_presumption)
    if isinstance(expr, ExcuseOf):
        return _cited_rules(expr.excuse, presumed_by, in_presumption)
    return set().union(*(_cited_rules(e, presumed_by, in_presumption)
                         for e in (expr.all if isinstance(expr, AllOf) else expr.any)))


def _order(rules: dict[str, Rule], where: dict[str, str], presumed_by: dict[str, list[str]]) -> list[str]:
    """Rule ids, each after the rules it cites; raises on unknown or circular references."""
    done: list[str] = []
    visiting: set[str] = set()

    def visit(rule_id: str, chain: tuple[str, ...]) -> None:
        if rule_id in done:
            return
        if rule_id in visiting:
            raise RulebookError(f"{where[rule_id]}: circular rule references: {' -> '.join(chain)}")
        visiting.add(rule_id)
        rule = rules[rule_id]
        inside = rule.presumes is not None
        cited = _cited_rules(rule.when, presumed_by, inside) | _cited_rules(rule.unless, presumed_by, inside)
        if rule.crime and rule.crime.in_play:
            cited.add(rule.crime.in_play)
        for cited_id in sorted(cited):
            if cited_id not in rules:
                raise RulebookError(f"{where[rule_id]}: cites unknown rule {cited_id!r}")
            visit(cited_id, chain + (cited_id,))
        visiting.discard(rule_id)
        done.append(rule_id)

    for rule_id in rules:
        visit(rule_id, (rule_id,))
    return done


def _applies_in(rule: Rule, resolved: Resolved) -> set[str]:
    """The kinds of conflict ``rule`` applies in under ``resolved``: its ``applies_in``, except for a crime
    without a counterpart before a forum that reaches any armed conflict (see :class:`CrimeSpec`)."""
    if rule.crime and rule.crime.counterpart is None and resolved.reading("reach") == "any_armed_conflict":
        return {"IAC", "NIAC"}
    return set(rule.applies_in)


def _rule_clauses(rule: Rule, ctx: _Compiling) -> dict[str, logic.DNF]:
    """A rule's outcome clauses. A rule that applies in only one kind of conflict gets, as a further
    exception, "the conflict is of the other kind", so it is not applicable there (and unknown where
    the classification is)."""
    # A presumption's rebuttal is for the party rebutting it to show: unknown reads as not shown.
    unless = ExcuseOf(excuse=rule.unless) if rule.unless is not None and rule.presumes else rule.unless
    exception = _compile(unless, ctx) if unless else None
    if _applies_in(rule, ctx.resolved) != {"IAC", "NIAC"}:
        (kind,) = rule.applies_in
        other = logic.leaf(
            "conflict.classification",
            Condition(frozenset({"K"}), (("e", "$neq", kind),)),
            Condition(frozenset({"K"}), (("e", "$eq", kind),)),
            Condition(frozenset({"U"})),
        )
        exception = other if exception is None else logic.any_of([exception, other])
    if rule.crime and rule.crime.in_play:  # not in play: the crime is not applicable (unknown: open)
        gate = _rule_outcomes(rule.crime.in_play).swapped()
        exception = gate if exception is None else logic.any_of([exception, gate])
    compiled = logic.with_exception(_compile(rule.when, ctx), exception)
    if any(clause == () for dnf in compiled.values() for clause in dnf):
        raise RulebookError(f"{ctx.where}: the rule's outcome is fixed by the position alone; it must cite a fact")
    return compiled


def _presumptions(rules: dict[str, Rule], where: dict[str, str]) -> tuple[dict[str, list[str]], dict[str, bool]]:
    """Presumed fact id → presumption ids (reading order), and each presumption's value. Raises when a
    presumption names an unknown or non-yes/no fact, or two presume opposite values for one fact."""
    presumed_by: dict[str, list[str]] = {}
    value: dict[str, bool] = {}
    for rule in rules.values():
        if rule.presumes is None:
            if rule.rebuttal:
                raise RulebookError(f"{where[rule.id]}: 'rebuttal' belongs to a presumption ('presumes')")
            continue
        target = rule.presumes.id
        kind = facts.catalogue().get(target)
        fits = (kind == "bool" and isinstance(rule.presumes.value, bool)) or (
            kind == "category" and rule.presumes.value in facts.choices(target))
        if not fits:
            raise RulebookError(f"{where[rule.id]}: presumes {target!r} = {rule.presumes.value!r}, which is not "
                                f"one of its values (a presumption derives a yes/no or category fact)")
        if not rule.rebuttal or rule.finding:
            raise RulebookError(f"{where[rule.id]}: a presumption states its 'rebuttal' and is not a finding")
        others = presumed_by.setdefault(target, [])
        if others and value[others[0]] != rule.presumes.value:
            raise RulebookError(f"{where[rule.id]}: {others[0]} presumes the opposite value of {target!r}")
        others.append(rule.id)
        value[rule.id] = rule.presumes.value
    return presumed_by, value


def build(texts: dict[str, str], run: Settings = Settings()) -> Rulebook:
    """Build a rulebook from rule-file texts keyed by file name (sorted by name for stable order), with
    the parameters and position of ``run`` (see :mod:`engine.settings`). Raises :class:`RulebookError`
    and :class:`engine.settings.SettingsError`."""
    resolved = settings.resolve(run)
    principles: list[Principle] = []
    where: dict[str, str] = {}
    for name in sorted(texts):
        try:
            data = datafiles.parse(texts[name])
            principle = Principle.model_validate(data)
        except (yaml.YAMLError, ValidationError) as exc:
            raise RulebookError(f"rules/{name}: {exc}") from exc
        if principle.applies_when is not None and principle.applies_when not in {r.id for r in principle.rules}:
            raise RulebookError(f"rules/{name}: applies_when names {principle.applies_when!r}, not a rule of this file")
        for rule in principle.rules:
            if rule.id in where:
                raise RulebookError(f"rules/{name}: rule id {rule.id!r} already defined in {where[rule.id]}")
            where[rule.id] = f"rules/{name} rule {rule.id}"
        principles.append(principle)
    rules = {r.id: r for p in principles for r in p.rules}
    for rule_id in rules:
        if rule_id in facts.catalogue():
            raise RulebookError(f"{where[rule_id]}: rule id {rule_id!r} is also the name of a fact")
    presumed_by, value = _presumptions(rules, where)
    _check_crimes(rules, where)
    # Without a forum the war crimes are not assessed: not compiled, so never run (opt-in, --forum).
    skipped = _war_crimes(rules) if resolved.forum is None else set()
    regimes = {p.applies_when for p in principles} & _war_crimes(rules)
    if regimes:  # a special regime's own rule would go with the war crimes
        raise RulebookError(f"{where[min(regimes)]}: a special regime's rule cannot be a war crime's in_play")
    order = [r for r in _order(rules, where, presumed_by) if r not in skipped]
    clauses: dict[str, dict[str, logic.DNF]] = {}
    excuses: dict[str, frozenset[str]] = {}
    for rule_id in order:
        ctx = _Compiling(resolved, presumed_by, value, where[rule_id], rules[rule_id].presumes is not None)
        clauses[rule_id] = _rule_clauses(rules[rule_id], ctx)
        excuses[rule_id] = frozenset(ctx.excuses)
    cited = sorted({
        fact_id
        for outcomes in clauses.values()
        for dnf in outcomes.values()
        for clause in dnf
        for fact_id, _ in clause
        if fact_id in facts.catalogue()
    })
    return Rulebook.model_construct(principles=principles, clauses=clauses, order=order, cited_facts=cited,
                                    excuses=excuses, presumed_by=presumed_by, settings=resolved)


@cache
def load(run: Settings = Settings()) -> Rulebook:
    """The rulebook shipped in the ``rules`` package, with the settings of ``run`` (read once per
    process and settings)."""
    files = resources.files("rules")
    texts = {f.name: f.read_text(encoding="utf-8") for f in files.iterdir() if f.name.endswith(".yaml")}
    return build(texts, run)
