"""The differential oracle itself (tests/conftest.py): it is in force, and it catches a disagreement."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CHECKED, OracleMismatch, compare, unchecked_evaluator_run

from engine import adapter, api, compare as compare_mod, evaluator, facts, rulebook, settings

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "raqqa-2017" / "a1-aswad-2017-06-28.yaml"


def test_every_assessment_is_checked_against_the_evaluator():
    before = CHECKED["runs"]
    assessments = api.assess(api.load(EXAMPLE))
    assert CHECKED["runs"] - before >= len(assessments) >= 1  # one engine run or more per assessment


def test_every_hypothetical_run_of_the_evaluator_is_checked_against_durable_rules(monkeypatch):
    # decisive_facts re-runs the attack's rules once per value of each unknown fact they read, on the evaluator
    monkeypatch.setattr(compare_mod, "_MEMO", {})
    assert evaluator.run.__name__ == "checked_evaluator_run"
    before_evaluator, before_engine = CHECKED["evaluator_runs"], CHECKED["runs"]
    incident = api.load(EXAMPLE).file.incident
    book = rulebook.load()
    base = facts.elements(incident, book.cited_set)
    # facts read from a list (attack.sequence, precautions.alternatives) are never tried: restate the list
    candidates = sum(len(compare_mod._candidates(base[i])) for i in book.attack.facts
                     if base[i].status == "U" and i.removesuffix(facts.AT_TIME) not in facts.AGGREGATES)
    assert compare_mod.decisive_facts(incident)
    assert CHECKED["evaluator_runs"] - before_evaluator == candidates > 10
    assert CHECKED["runs"] - before_engine == 1  # the record itself, on durable_rules


def test_either_or_hypotheses_run_on_the_evaluator_and_are_checked_against_durable_rules(monkeypatch):
    # the A1 record leaves open whether the target was lawful: each hypothesis is assessed, with a trace,
    # on the evaluator; the record itself is the one durable_rules session
    monkeypatch.setattr(compare_mod, "_MEMO", {})
    before_evaluator, before_engine = CHECKED["evaluator_runs"], CHECKED["runs"]
    (assessment,) = api.assess(api.load(EXAMPLE))
    (split,) = assessment.either_or
    assessed = [b for b in split.branches if b.status != "excluded"]
    assert len(assessed) == 2
    assert CHECKED["runs"] - before_engine == 1
    assert CHECKED["evaluator_runs"] - before_evaluator == len(assessed)


def test_a_different_outcome_is_caught():
    book = rulebook.load()
    loaded = api.load(EXAMPLE)
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
        unchecked_evaluator_run(partial, [{"id": "v.fact", "s": "F"}])
    both = {"b.rule": {"T": ((("z.fact", t),),), "F": ((("z.fact", t),),)}}
    with pytest.raises(adapter.EngineFault, match="b.rule reached both F and T"):
        unchecked_evaluator_run(both, [{"id": "z.fact", "s": "T"}])


def test_the_compiled_engine_opens_no_durable_rules_session_and_each_of_its_runs_is_checked(monkeypatch):
    # `ihl batch --engine compiled`: the record itself goes to the evaluator too, still checked by the oracle
    monkeypatch.setattr(compare_mod, "_MEMO", {})
    before_evaluator, before_engine = CHECKED["evaluator_runs"], CHECKED["runs"]
    loaded = api.load(EXAMPLE)
    (compiled,) = api.assess(loaded, run=settings.Settings(engine="compiled"))
    assert CHECKED["runs"] == before_engine  # adapter.run never called
    assessed = [b for b in compiled.either_or[0].branches if b.status != "excluded"]
    assert CHECKED["evaluator_runs"] - before_evaluator == 1 + len(assessed) == 3  # the record and each hypothesis
    (durable,) = api.assess(loaded)
    assert compiled.model_dump_json() == durable.model_dump_json()
