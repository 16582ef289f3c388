"""Inference with a trace: element facts through the rules (on durable_rules) to conclusions.

:func:`infer` asserts the element facts the rulebook cites, lets the engine fire the rules (each
conclusion is asserted back as a fact that later rules match), and turns what fired into a
:class:`Trace`: for every rule, its outcome, the clause that decided it, the premises it matched, and —
followed down through the rules it cites — the element facts, sources, unknown facts and ex ante
exclusions it rests on. A reviewer can follow any finding back to the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from engine import evaluator
from engine.facts import Element
from engine.rulebook import Rulebook, Stage
from engine.settings import Engine

Outcome = Literal["holds", "fails", "unknown", "not_applicable"]
# What a conclusion rests on, weakest last: only recorded observations; a body's recorded legal
# judgement (a fact with ``assessed_by``); or a presumption or an exception not excluded (prima facie).
Basis = Literal["established", "recorded_assessment", "prima_facie"]
_BASIS_ORDER: tuple[Basis, ...] = ("established", "recorded_assessment", "prima_facie")
OUTCOME = {"T": "holds", "F": "fails", "U": "unknown", "N": "not_applicable"}
FACT_STATUS = {"T": "true", "F": "false", "U": "unknown", "K": "known"}


class _Out(BaseModel):
    # Built with ``model_construct`` (see :func:`infer`): the schema is needed only to serialise a trace,
    # so it is built then, not at every start.
    model_config = ConfigDict(frozen=True, defer_build=True)


@dataclass(frozen=True, slots=True)
class FactRecord:
    """An element fact as the trace shows it: value, status, where it is in the file, its sources.

    ``excluded`` says why the ex ante (``@time``) view of the fact differs from the fact itself;
    ``inferred`` says when a fact found afterwards is treated as foreseeable at the time. A plain
    dataclass (one per cited fact per incident); pydantic serialises it inside the trace.
    """

    id: str
    status: Literal["true", "false", "unknown", "known"]
    path: str
    value: Any = None
    sources: list[str] = field(default_factory=list)
    attacker_knowledge: str | None = None
    found_afterwards: bool = False
    note: str | None = None
    excluded: str | None = None
    inferred: str | None = None


@dataclass(frozen=True, slots=True)
class Premise:
    """One matched premise: an element fact (``kind="fact"``) or an earlier conclusion (``"rule"``).

    A plain dataclass, not a model: there are dozens per incident, and pydantic serialises it all the same.
    """

    kind: Literal["fact", "rule"]
    id: str
    status: str


@dataclass(frozen=True, slots=True)
class TraceNode:
    """One rule's conclusion and what it rests on (element facts gathered through cited rules).

    A plain dataclass like :class:`Premise` (one per rule per incident); pydantic serialises it.
    """

    rule: str
    title: str
    outcome: Outcome
    clause: int
    premises: list[Premise]
    explanation: str
    also_matched: int = 0
    facts: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    basis: Basis = "established"
    rebuttable_by: list[str] = field(default_factory=list)
    presumptions: list[str] = field(default_factory=list)


_PREMISES: dict[tuple[str, str, str], Premise] = {}


def _premise(kind: Literal["fact", "rule"], pid: str, status: str) -> Premise:
    """The premise ``pid`` matched at engine ``status`` (``T``/``F``/``U``/``K``/``N``): immutable and
    the same in every incident, so each is built once (a few hundred: the rulebooks' facts and rules by
    status)."""
    key = (kind, pid, status)
    premise = _PREMISES.get(key)
    if premise is None:
        premise = _PREMISES[key] = Premise(kind=kind, id=pid, status=(FACT_STATUS if kind == "fact" else OUTCOME)[status])
    return premise


def _weakest(a: Basis, b: Basis) -> Basis:
    return max(a, b, key=_BASIS_ORDER.index)


class Trace(_Out):
    """The derivation for one incident: one node per rule (each after the rules it cites), and the
    element facts the rules matched, keyed by id."""

    nodes: list[TraceNode]
    facts: dict[str, FactRecord]

    def node(self, rule_id: str) -> TraceNode:
        return next(n for n in self.nodes if n.rule == rule_id)


def record(element: Element) -> FactRecord:
    """The trace's record of an element fact."""
    return FactRecord(
        id=element.id,
        status=FACT_STATUS[element.status],
        path=element.path,
        value=element.value,
        sources=list(element.sources),
        attacker_knowledge=element.attacker_knowledge,
        found_afterwards=element.found_afterwards,
        note=element.note,
        excluded=element.excluded,
        inferred=element.inferred,
    )


def infer(rulebook: Rulebook, elements: dict[str, Element], stage: Stage | None = None,
          engine: Engine = "durable_rules") -> Trace:
    """Run the rules of ``stage`` (every rule of the rulebook when None; :attr:`Rulebook.attack` for a
    re-run of the attack) on ``elements`` and return the trace, one node per rule run. Raises
    :class:`engine.adapter.EngineFault`.

    ``engine``: what matches the elements against the clauses (:func:`engine.evaluator.matcher`):
    durable_rules, or the plain-Python evaluator of the same compiled clauses (``"compiled"``: the same
    firings, so the same trace; the test suite checks every run of either against the other), which the
    engine uses for a record with facts assumed (an either-or hypothesis of :mod:`engine.cases`) and a
    batch run with ``--engine compiled``.

    The trace models are built with ``model_construct``: their contents come from the engine itself
    (validated input, compiled rules), and validating them again cost an eighth of an assessment.
    """
    stage = stage or rulebook.whole
    cited = stage.facts
    firings, also = evaluator.matcher(engine)(stage.clauses, [elements[i].engine_fact() for i in cited])
    extra = {}
    for f in also:
        extra[f.rule] = extra.get(f.rule, 0) + 1
    rules = rulebook.rules  # read before the loop: the basis needs to know which rules are presumptions
    # Every element fact a rule's clauses cite, matched or not: an ex ante exclusion is reported even
    # when the clause that decided the rule did not need the excluded fact.
    cites = rulebook.facts_of
    excluded_here = frozenset(i for i, e in elements.items() if e.excluded)  # read once, not per rule
    nodes: dict[str, TraceNode] = {}
    for firing in firings:
        facts: set[str] = set()
        missing: set[str] = set()
        excluded: set[str] = set()
        sources: set[str] = set()
        rebuttable: set[str] = set()
        presumed: set[str] = set()
        basis: Basis = "established"
        excuses = rulebook.excuses[firing.rule]
        premises = []
        for pid, status in firing.premises:
            if status == "U" and pid in excuses and firing.outcome != "U":  # an exception not shown decided it
                rebuttable.add(pid)
                basis = "prima_facie"
            if pid in elements:
                premises.append(_premise("fact", pid, status))
                element = elements[pid]
                sources.update(element.sources)
                (missing if status == "U" else facts).add(pid)
                if element.excluded:
                    excluded.add(pid)
                if element.assessed_by and status != "U":
                    basis = _weakest(basis, "recorded_assessment")
            else:
                premises.append(_premise("rule", pid, status))
                below = nodes[pid]
                facts.update(below.facts)
                sources.update(below.sources)
                excluded.update(below.excluded)
                if status == "U":
                    missing.update(below.missing)
                    continue
                if rules[pid].presumes is not None and status == "T":  # a presumption decided an element
                    presumed.add(pid)
                    rebuttable.add(pid)
                    basis = "prima_facie"
                basis = _weakest(basis, below.basis)
                rebuttable.update(below.rebuttable_by)
                presumed.update(below.presumptions)
        excluded.update(excluded_here & cites[firing.rule])
        rule = rules[firing.rule]
        text = getattr(rule.explanation, OUTCOME[firing.outcome] if firing.outcome != "N" else "not_applicable")
        nodes[firing.rule] = TraceNode(
            rule=firing.rule,
            title=rule.title,
            outcome=OUTCOME[firing.outcome],
            clause=firing.clause,
            premises=premises,
            also_matched=extra.get(firing.rule, 0),
            explanation=(text or "").strip(),
            facts=sorted(facts),
            missing=sorted(missing) if firing.outcome == "U" else [],
            excluded=sorted(excluded),
            sources=sorted(sources),
            basis=basis,
            rebuttable_by=sorted(rebuttable),
            presumptions=sorted(presumed),
        )
    return Trace.model_construct(
        nodes=[nodes[rule_id] for rule_id in stage.order],  # rulebook order: stable across runs
        facts={i: record(elements[i]) for i in cited},
    )
