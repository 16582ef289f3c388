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
    {fact: attack.weapon.accuracy_m, above: 100}   # a number (also: at_least, below, at_most)
    {rule: distinction.military_objective}    # another rule's conclusion holds
    {all: [...]} / {any: [...]} / {not: {...}}

Errors: :class:`RulebookError` names the file and rule for an unknown fact, an unknown or circular
rule reference, a duplicate id, or a malformed condition.
"""

from __future__ import annotations

from functools import cache, cached_property
from importlib import resources
from typing import Annotated, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from engine import datafiles, facts, logic
from engine.logic import Condition, Outcomes

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z_]+(\.[a-z0-9_]+)+$")]


class RulebookError(Exception):
    """A rule file is malformed or inconsistent. The message names the file and the rule."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class FactTest(_Strict):
    fact: str
    at_time: bool = False
    is_: str | None = Field(default=None, alias="is")
    above: float | None = None
    at_least: float | None = None
    below: float | None = None
    at_most: float | None = None


class RuleTest(_Strict):
    rule: RuleId


class AllOf(_Strict):
    all: list["Expr"] = Field(min_length=1)


class AnyOf(_Strict):
    any: list["Expr"] = Field(min_length=1)


class NotOf(_Strict):
    not_: "Expr" = Field(alias="not")


Expr = Union[FactTest, RuleTest, AllOf, AnyOf, NotOf]
for _m in (AllOf, AnyOf, NotOf):
    _m.model_rebuild()


Instrument = Literal[
    "CIHL",  # ICRC Customary IHL Study (2005), rule number
    "AP I",
    "AP II",
    "Rome Statute",
    "ICC Elements of Crimes",
    "ICRC Interpretive Guidance on DPH",
    "ICTY",
]


class Citation(_Strict):
    """A legal source: ``instrument`` and either ``rule`` (CIHL number) or ``provision``."""

    instrument: Instrument
    provision: str | None = None
    rule: int | None = None
    note: str | None = None

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
    perspective: Literal["ex_ante", "as_targeted", "as_found"] = "as_found"
    finding: FindingSpec | None = None


class Principle(_Strict):
    """One rule file: a principle of IHL and its rules, in reading order."""

    principle: str
    title: str
    summary: str
    rules: list[Rule] = Field(min_length=1)


class Rulebook(BaseModel):
    """All principles, with every rule's compiled clauses.

    ``clauses[rule_id][outcome]`` is the DNF (see :mod:`engine.logic`) under which the rule reaches
    ``outcome`` (``T``, ``F``, ``U`` or ``N``). ``order`` lists rule ids so that every rule comes after
    the rules it cites.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    principles: list[Principle]
    clauses: dict[str, dict[str, logic.DNF]]
    order: list[str]

    cited_facts: list[str]

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
        """Rule id → the element facts any of its clauses cites (matched or not)."""
        return {
            rule_id: frozenset(fid for dnf in outcomes.values() for clause in dnf for fid, _ in clause if fid in self.cited_set)
            for rule_id, outcomes in self.clauses.items()
        }

    def findings(self) -> list[Rule]:
        """The rules that answer a legal question with a status, in reading order."""
        return [r for p in self.principles for r in p.rules if r.finding]

    def fact_ids(self) -> list[str]:
        """Every element fact id some rule cites, sorted."""
        return self.cited_facts


def _fact_outcomes(test: FactTest, where: str) -> Outcomes:
    kinds = facts.catalogue()
    base = test.fact + (facts.AT_TIME if test.at_time else "")
    if base not in kinds:
        raise RulebookError(f"{where}: unknown fact {base!r}")
    kind = kinds[base]
    unknown = Condition(frozenset({"U"}))
    comparisons = {
        "above": ("$gt", "$lte"),
        "at_least": ("$gte", "$lt"),
        "below": ("$lt", "$gte"),
        "at_most": ("$lte", "$gt"),
    }
    given = [k for k in ("is_", *comparisons) if getattr(test, k) is not None]
    if kind == "bool":
        if given:
            raise RulebookError(f"{where}: {base!r} is a yes/no fact; it takes no comparison")
        return logic.leaf(base, Condition(frozenset({"T"})), Condition(frozenset({"F"})), unknown)
    if len(given) != 1:
        raise RulebookError(f"{where}: {base!r} ({kind}) needs exactly one of is/above/at_least/below/at_most")
    known = frozenset({"K"})
    (key,) = given
    if key == "is_":
        if kind != "category":
            raise RulebookError(f"{where}: 'is' applies to category facts, {base!r} is {kind}")
        yes, no = ("e", "$eq", test.is_), ("e", "$neq", test.is_)
    else:
        if kind != "number":
            raise RulebookError(f"{where}: {key!r} applies to number facts, {base!r} is {kind}")
        op, negated = comparisons[key]
        yes, no = ("n", op, getattr(test, key)), ("n", negated, getattr(test, key))
    return logic.leaf(base, Condition(known, (yes,)), Condition(known, (no,)), unknown)


def _rule_outcomes(rule_id: str) -> Outcomes:
    # "Not applicable" (N) counts as "does not hold" for a rule that cites this one.
    return logic.leaf(
        rule_id,
        Condition(frozenset({"T"})),
        Condition(frozenset({"F", "N"})),
        Condition(frozenset({"U"})),
    )


def _compile(expr: Expr, where: str) -> Outcomes:
    if isinstance(expr, FactTest):
        return _fact_outcomes(expr, where)
    if isinstance(expr, RuleTest):
        return _rule_outcomes(expr.rule)
    if isinstance(expr, AllOf):
        return logic.all_of(_compile(e, where) for e in expr.all)
    if isinstance(expr, AnyOf):
        return logic.any_of(_compile(e, where) for e in expr.any)
    return _compile(expr.not_, where).swapped()


def _cited_rules(expr: Expr | None) -> set[str]:
    if expr is None or isinstance(expr, FactTest):
        return set()
    if isinstance(expr, RuleTest):
        return {expr.rule}
    if isinstance(expr, NotOf):
        return _cited_rules(expr.not_)
    return set().union(*(_cited_rules(e) for e in (expr.all if isinstance(expr, AllOf) else expr.any)))


def _order(rules: dict[str, Rule], where: dict[str, str]) -> list[str]:
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
        for cited in sorted(_cited_rules(rule.when) | _cited_rules(rule.unless)):
            if cited not in rules:
                raise RulebookError(f"{where[rule_id]}: cites unknown rule {cited!r}")
            visit(cited, chain + (cited,))
        visiting.discard(rule_id)
        done.append(rule_id)

    for rule_id in rules:
        visit(rule_id, (rule_id,))
    return done


def _rule_clauses(rule: Rule, where: str) -> dict[str, logic.DNF]:
    """A rule's outcome clauses. A rule that applies in only one kind of conflict gets, as a further
    exception, "the conflict is of the other kind", so it is not applicable there (and unknown where
    the classification is)."""
    exception = _compile(rule.unless, where) if rule.unless else None
    if set(rule.applies_in) != {"IAC", "NIAC"}:
        (kind,) = rule.applies_in
        other = logic.leaf(
            "conflict.classification",
            Condition(frozenset({"K"}), (("e", "$neq", kind),)),
            Condition(frozenset({"K"}), (("e", "$eq", kind),)),
            Condition(frozenset({"U"})),
        )
        exception = other if exception is None else logic.any_of([exception, other])
    return logic.with_exception(_compile(rule.when, where), exception)


def build(texts: dict[str, str]) -> Rulebook:
    """Build a rulebook from rule-file texts keyed by file name (sorted by name for stable order)."""
    principles: list[Principle] = []
    where: dict[str, str] = {}
    for name in sorted(texts):
        try:
            data = datafiles.parse(texts[name])
            principle = Principle.model_validate(data)
        except (yaml.YAMLError, ValidationError) as exc:
            raise RulebookError(f"rules/{name}: {exc}") from exc
        for rule in principle.rules:
            if rule.id in where:
                raise RulebookError(f"rules/{name}: rule id {rule.id!r} already defined in {where[rule.id]}")
            where[rule.id] = f"rules/{name} rule {rule.id}"
        principles.append(principle)
    rules = {r.id: r for p in principles for r in p.rules}
    for rule_id in rules:
        if rule_id in facts.catalogue():
            raise RulebookError(f"{where[rule_id]}: rule id {rule_id!r} is also the name of a fact")
    order = _order(rules, where)
    clauses = {rule_id: _rule_clauses(rules[rule_id], where[rule_id]) for rule_id in order}
    cited = sorted({
        fact_id
        for outcomes in clauses.values()
        for dnf in outcomes.values()
        for clause in dnf
        for fact_id, _ in clause
        if fact_id in facts.catalogue()
    })
    return Rulebook(principles=principles, clauses=clauses, order=order, cited_facts=cited)


@cache
def load() -> Rulebook:
    """The rulebook shipped in the ``rules`` package (read once per process)."""
    files = resources.files("rules")
    texts = {f.name: f.read_text(encoding="utf-8") for f in files.iterdir() if f.name.endswith(".yaml")}
    return build(texts)
