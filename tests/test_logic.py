"""The clause compiler agrees with Kleene's three-valued logic on every assignment (differential)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from engine import logic
from engine.logic import Condition

FACTS = ("a", "b", "c", "d")


def _leaf(name: str) -> logic.Outcomes:
    return logic.leaf(name, Condition(frozenset("T")), Condition(frozenset("F")), Condition(frozenset("U")))


exprs = st.recursive(
    st.sampled_from(FACTS).map(lambda f: ("fact", f)),
    lambda inner: st.one_of(
        st.tuples(st.just("not"), inner),
        st.tuples(st.just("all"), st.lists(inner, min_size=1, max_size=3)),
        st.tuples(st.just("any"), st.lists(inner, min_size=1, max_size=3)),
    ),
    max_leaves=8,
)


def kleene(expr, env: dict[str, str]) -> str:
    """Reference evaluator, written from the truth tables, not from the compiler."""
    kind = expr[0]
    if kind == "fact":
        return env[expr[1]]
    if kind == "not":
        return {"T": "F", "F": "T", "U": "U"}[kleene(expr[1], env)]
    values = [kleene(e, env) for e in expr[1]]
    decisive, other = ("F", "T") if kind == "all" else ("T", "F")
    if decisive in values:
        return decisive
    return "U" if "U" in values else other


def compile_(expr) -> logic.Outcomes:
    kind = expr[0]
    if kind == "fact":
        return _leaf(expr[1])
    if kind == "not":
        return compile_(expr[1]).swapped()
    parts = [compile_(e) for e in expr[1]]
    return logic.all_of(parts) if kind == "all" else logic.any_of(parts)


def matches(clause: logic.Clause, env: dict[str, str]) -> bool:
    return all(env[fact] in cond.states for fact, cond in clause)


def matching_outcomes(outcomes: dict[str, logic.DNF], env: dict[str, str]) -> list[str]:
    return sorted(k for k, dnf in outcomes.items() if any(matches(c, env) for c in dnf))


ENVS = [dict(zip(FACTS, values)) for values in itertools.product("TFU", repeat=len(FACTS))]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(exprs)
def test_exactly_one_outcome_matches_and_it_is_kleenes(expr):
    compiled = compile_(expr)
    outcomes = {"T": compiled.T, "F": compiled.F, "U": compiled.U}
    for env in ENVS:
        assert matching_outcomes(outcomes, env) == [kleene(expr, env)]


def test_unknown_clauses_of_all_are_disjoint():
    compiled = logic.all_of([_leaf("a"), _leaf("b"), _leaf("c")])
    for env in ENVS:
        assert sum(matches(c, env) for c in compiled.U) <= 1


@settings(max_examples=200, derandomize=True, deadline=None)
@given(exprs, exprs)
def test_exception_semantics(general, exception):
    outcomes = logic.with_exception(compile_(general), compile_(exception))
    for env in ENVS:
        g, e = kleene(general, env), kleene(exception, env)
        if e == "T":
            expected = "N"
        elif g == "T":
            expected = "T"  # holds whether or not the exception is known
        elif e == "F":
            expected = g
        else:
            expected = "U"
        assert matching_outcomes(outcomes, env) == [expected]


def test_contradictory_conjunction_is_dropped():
    assert logic.conj(_leaf("a").T, _leaf("a").F) == ()
