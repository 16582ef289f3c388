"""A plain-Python evaluator of the compiled clauses: the second, independent engine.

:func:`run` takes what :func:`engine.adapter.run` takes — the rulebook's compiled clauses
(:mod:`engine.logic`) and the element facts of one incident (``{id, s[, n | e]}``) — and returns what it
returns: the first :class:`~engine.adapter.Firing` of each rule and the later ones. It shares nothing with
durable_rules but the clauses, so it serves as a test oracle (the suite checks every engine run against
it) and as the floor of the benchmark (what the matching itself costs in Python).

Semantics, as durable_rules runs the clauses: a clause matches when every fact it cites is present with
a status in the condition's states and meets every constraint; a rule fires once for every clause that
matches; its conclusion (``T``/``F``/``U``/``N``) is then a fact that later rules match. Rules are
evaluated each after the rules it cites, so one pass decides all of them. The first firing of a rule is
its matching clause of lowest index (the outcome's clauses in definition order).
"""

from __future__ import annotations

import operator
from typing import Any, Callable

from engine import adapter
from engine.adapter import EngineFault, Firing, engine_number
from engine.logic import Clause

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": operator.eq, "$neq": operator.ne, "$gt": operator.gt, "$gte": operator.ge,
    "$lt": operator.lt, "$lte": operator.le,
    "$in": lambda value, options: value in options, "$nin": lambda value, options: value not in options,
}

# One clause, ready to match: (outcome, index, fact ids in clause order, per fact (states, constraints)).
_Test = tuple[str, frozenset[str], tuple[tuple[str, Callable[[Any, Any], bool], Any], ...]]
_Plan = list[tuple[str, list[tuple[str, int, tuple[_Test, ...]]]]]

_plans: dict[int, tuple[Any, _Plan]] = {}  # id(clauses) → (clauses, plan): the clauses are kept alive


def _plan(clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> _Plan:
    """Rules in an order where each comes after the rules its clauses cite, each with its clauses."""
    known = _plans.get(id(clauses))
    if known is not None and known[0] is clauses:
        return known[1]
    order: list[str] = []
    seen: set[str] = set()

    def visit(rule_id: str) -> None:
        if rule_id in seen:
            return
        seen.add(rule_id)
        for dnf in clauses[rule_id].values():
            for clause in dnf:
                for fact_id, _ in clause:
                    if fact_id in clauses:
                        visit(fact_id)
        order.append(rule_id)

    for rule_id in clauses:
        visit(rule_id)
    plan: _Plan = []
    for rule_id in order:
        tests = []
        for outcome, dnf in sorted(clauses[rule_id].items()):
            for index, clause in enumerate(dnf):
                tests.append((outcome, index, tuple(
                    (fact_id, cond.states, tuple((f, _OPS[op], _number(operand)) for f, op, operand in cond.constraints))
                    for fact_id, cond in clause)))
        plan.append((rule_id, tests))
    _plans[id(clauses)] = (clauses, plan)
    return plan


def _number(value: Any) -> Any:
    """Numbers as the engine compares them (see :func:`engine.adapter.engine_number`)."""
    return engine_number(value) if type(value) is float else value


def _matches(tests: tuple[_Test, ...], known: dict[str, dict[str, Any]]) -> bool:
    for fact_id, states, constraints in tests:
        fact = known.get(fact_id)
        if fact is None or fact["s"] not in states:
            return False
        for fieldname, op, operand in constraints:
            if fieldname not in fact or not op(fact[fieldname], operand):
                return False
    return True


def run(clauses: dict[str, dict[str, tuple[Clause, ...]]], facts: list[dict[str, Any]]) -> tuple[list[Firing], list[Firing]]:
    """Evaluate ``clauses`` on one incident's ``facts``; the same result as :func:`engine.adapter.run`.

    Returns ``(firings, also)``: each rule's first firing, in an order where every rule comes after the
    rules it cites, and the firings of further clauses of the concluded outcome. Raises
    :class:`EngineFault` if a rule reaches two outcomes or none (the compiled clauses forbid both).
    """
    known: dict[str, dict[str, Any]] = {f["id"]: {**f, "n": _number(f["n"])} if "n" in f else f for f in facts}
    firings: list[Firing] = []
    also: list[Firing] = []
    for rule_id, tests in _plan(clauses):
        first: Firing | None = None
        for outcome, index, clause in tests:
            if not _matches(clause, known):
                continue
            firing = Firing(rule_id, outcome, index, tuple((fid, known[fid]["s"]) for fid, _, _ in clause))
            if first is None:
                first = firing
                firings.append(firing)
            elif outcome != first.outcome:
                raise EngineFault(f"rule {rule_id} reached both {first.outcome} and {outcome}", rule=rule_id)
            else:
                also.append(firing)
        if first is None:
            raise EngineFault(f"rules reached no conclusion: {rule_id}", rule=rule_id)
        known[rule_id] = {"id": rule_id, "s": first.outcome}
    return firings, also


def matcher(engine: str) -> Callable[..., tuple[list[Firing], list[Firing]]]:
    """What matches facts against the clauses for ``engine`` (:data:`engine.settings.Engine`): this
    module's :func:`run` for ``"compiled"``, else durable_rules (:func:`engine.adapter.run`). Both take
    and return the same, and raise :class:`EngineFault`."""
    return run if engine == "compiled" else adapter.run
