"""Three-valued (Kleene) logic compiled to match conditions.

A rule's condition is an expression over element facts (``{fact: civilians.present}``), other rules'
conclusions (``{rule: distinction.military_objective}``) and ``all`` / ``any`` / ``not``. Each element
fact is asserted into the engine with a status ``s``: ``T`` (true), ``F`` (false) or ``U`` (unknown) for
yes/no facts, ``K`` (known) or ``U`` for values. Rule conclusions carry ``T``, ``F``, ``U`` or ``N``
(not applicable: an exception applied), and ``N`` reads as "does not hold" when another rule cites it.

This module turns an expression into, for each truth value, a list of *clauses* (a disjunctive normal
form): a clause is a conjunction of per-fact conditions that the rules engine matches. Exactly one truth
value's clauses can match a complete set of facts, which is what makes the three outcomes of a rule
exclusive and exhaustive. Nothing here evaluates facts; :mod:`engine.adapter` hands the clauses to
durable_rules, which does the matching.

Kleene's strong three-valued logic: ``all`` is false as soon as one operand is false, true only when all
are true, and unknown otherwise; ``any`` is the dual; ``not`` swaps true and false.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Iterable, Mapping

# An extra constraint on one fact's value: (field, operator, operand), e.g. ("n", "$gt", 100).
Constraint = tuple[str, str, object]


@dataclass(frozen=True)
class Condition:
    """What one fact must satisfy in a clause: its status in ``states`` and every ``constraint``."""

    states: frozenset[str]
    constraints: tuple[Constraint, ...] = ()

    def merge(self, other: "Condition") -> "Condition | None":
        """Both conditions at once, or ``None`` if they cannot both hold."""
        states = self.states & other.states
        if not states:
            return None
        constraints = tuple(dict.fromkeys(self.constraints + other.constraints))
        return Condition(states, constraints)


# A clause maps each fact id it constrains to that fact's condition. Stored as a sorted tuple of pairs
# so that clauses are hashable and their order is stable (stable output, byte for byte).
Clause = tuple[tuple[str, Condition], ...]
DNF = tuple[Clause, ...]


@dataclass(frozen=True)
class Outcomes:
    """The clauses under which an expression is true, false and unknown."""

    T: DNF
    F: DNF
    U: DNF

    def swapped(self) -> "Outcomes":
        return Outcomes(T=self.F, F=self.T, U=self.U)


def _clause(pairs: Mapping[str, Condition]) -> Clause:
    return tuple(sorted(pairs.items()))


def _and_clauses(a: Clause, b: Clause) -> Clause | None:
    merged = dict(a)
    for fact_id, cond in b:
        if fact_id in merged:
            both = merged[fact_id].merge(cond)
            if both is None:
                return None
            merged[fact_id] = both
        else:
            merged[fact_id] = cond
    return _clause(merged)


def conj(*dnfs: DNF) -> DNF:
    """Conjunction of DNFs: every combination of one clause from each, dropping impossible ones."""
    result: list[Clause] = [()]
    for dnf in dnfs:
        result = [m for a, b in product(result, dnf) if (m := _and_clauses(a, b)) is not None]
    return tuple(dict.fromkeys(result))


def disj(*dnfs: DNF) -> DNF:
    """Disjunction of DNFs: all their clauses, duplicates removed, order kept, and two clauses that differ
    only in the statuses one fact may have merged into one (``a is T and b is T`` or ``a is T and b is U``
    is ``a is T and b is T or U``): the same matches with fewer clauses, which is what the engine's cost
    grows with (an ``all`` of n rules otherwise needs 2^n clauses for "unknown"). An empty clause (always
    true: a constant such as a position's reading) absorbs the others."""
    clauses = list(dict.fromkeys(c for dnf in dnfs for c in dnf))
    if () in clauses:
        return ((),)
    return tuple(_merged(clauses))


def _merged(clauses: list[Clause]) -> list[Clause]:
    """``clauses`` with every pair that differs only in one fact's statuses (same constraints) merged,
    at the place of the first, until no pair does."""
    changed = True
    while changed:
        changed = False
        seen: dict[tuple, int] = {}
        for index, clause in enumerate(clauses):
            for i, (fact_id, cond) in enumerate(clause):
                key = (clause[:i], clause[i + 1:], fact_id, cond.constraints)
                other = seen.get(key)
                if other is None:
                    seen[key] = index
                    continue
                states = clauses[other][i][1].states | cond.states
                clauses[other] = _clause({**dict(clauses[other]), fact_id: Condition(states, cond.constraints)})
                del clauses[index]
                clauses = list(dict.fromkeys(clauses))
                changed = True
                break
            if changed:
                break
    return clauses


def leaf(fact_id: str, true: Condition, false: Condition, unknown: Condition) -> Outcomes:
    """Outcomes of a single fact test."""
    return Outcomes(
        T=(_clause({fact_id: true}),),
        F=(_clause({fact_id: false}),),
        U=(_clause({fact_id: unknown}),),
    )


def all_of(parts: Iterable[Outcomes]) -> Outcomes:
    """Kleene conjunction. Unknown is split by the first unknown operand so clauses are disjoint."""
    parts = list(parts)
    true = conj(*(p.T for p in parts))
    false = disj(*(p.F for p in parts))
    unknown = disj(
        *(
            conj(*(p.T for p in parts[:i]), part.U, *(disj(p.T, p.U) for p in parts[i + 1 :]))
            for i, part in enumerate(parts)
        )
    )
    return Outcomes(T=true, F=false, U=unknown)


def any_of(parts: Iterable[Outcomes]) -> Outcomes:
    """Kleene disjunction (the dual of :func:`all_of`)."""
    return all_of(p.swapped() for p in parts).swapped()


def with_exception(general: Outcomes, exception: Outcomes | None) -> dict[str, DNF]:
    """Outcomes of a rule whose general rule ``general`` yields to ``exception`` (Catala-style).

    Returns clauses for ``T`` / ``F`` / ``U`` and, when there is an exception, ``N`` (the exception
    applies, so the rule does not). Where it is unknown whether the exception applies, a rule that holds
    anyway still holds, and one that fails is unknown.
    """
    if exception is None:
        return {"T": general.T, "F": general.F, "U": general.U}
    not_true = disj(exception.F, exception.U)
    return {
        "N": exception.T,
        "T": conj(not_true, general.T),
        "F": conj(exception.F, general.F),
        "U": disj(conj(exception.U, disj(general.F, general.U)), conj(exception.F, general.U)),
    }
