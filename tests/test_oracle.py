"""The differential oracle itself (tests/conftest.py): it is in force, and it catches a disagreement."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CHECKED, OracleMismatch, compare

from engine import adapter, api, evaluator, rulebook

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "raqqa-2017" / "a1-aswad-2017-06-28.yaml"


def test_every_assessment_is_checked_against_the_evaluator():
    before = CHECKED["runs"]
    assessments = api.assess(api.load(EXAMPLE))
    assert CHECKED["runs"] - before >= len(assessments) >= 1  # one engine run or more per assessment


def test_a_different_outcome_is_caught():
    book = rulebook.load()
    loaded = api.load(EXAMPLE)
    from engine import facts

    engine_facts = [facts.elements(loaded.file.incident, book.cited_set)[i].engine_fact() for i in book.fact_ids()]
    want = evaluator.run(book.clauses, engine_facts)
    first = want[0][0]
    other = {"T": "F", "F": "T", "U": "T", "N": "T"}[first.outcome]
    wrong = ([first.__class__(first.rule, other, first.clause, first.premises), *want[0][1:]], want[1])
    with pytest.raises(OracleMismatch, match=first.rule):
        compare(wrong, want, engine_facts)
    with pytest.raises(OracleMismatch, match="further firings"):
        compare((want[0], [*want[1], first]), want, engine_facts)
    compare(adapter.run(book.clauses, engine_facts), want, engine_facts)  # and agrees where both agree


def test_the_evaluator_refuses_what_durable_rules_would_leave_undecided():
    from engine.logic import Condition

    t = Condition(frozenset("T"))
    partial = {"c.rule": {"T": ((("v.fact", t),),)}}
    with pytest.raises(adapter.EngineFault, match="no conclusion: c.rule"):
        evaluator.run(partial, [{"id": "v.fact", "s": "F"}])
    both = {"b.rule": {"T": ((("z.fact", t),),), "F": ((("z.fact", t),),)}}
    with pytest.raises(adapter.EngineFault, match="b.rule reached both F and T"):
        evaluator.run(both, [{"id": "z.fact", "s": "T"}])
