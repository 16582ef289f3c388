"""The differential oracle: every engine run in the suite is checked against the second evaluator.

Every call of :func:`engine.adapter.run` made by any test — the fuzz examples, the example files, the
features, the batch and adapter tests — also runs :func:`engine.evaluator.run` on the same clauses and
facts, and the test fails unless both give the same firings (outcome, clause, premises) for every rule.
Runs that durable_rules refuses (an engine fault) are not compared: the refusal is what those tests check.

The other way round too: where the engine runs the evaluator itself (the hypothetical re-runs of
:mod:`engine.compare`), each run is also made by durable_rules and both must agree, a refusal included.
"""

from __future__ import annotations

from collections import Counter

import pytest

from engine import adapter, evaluator

CHECKED: Counter[str] = Counter()  # engine runs compared so far in this process ("runs")

_durable_rules_run = adapter.run
unchecked_evaluator_run = evaluator.run


class OracleMismatch(AssertionError):
    """durable_rules and the plain-Python evaluator disagree on one incident."""


def checked_run(clauses, facts):
    """:func:`engine.adapter.run`, with its result compared with :func:`engine.evaluator.run`'s."""
    got = _durable_rules_run(clauses, facts)
    want = unchecked_evaluator_run(clauses, facts)
    compare(got, want, facts)
    CHECKED["runs"] += 1
    return got


def checked_evaluator_run(clauses, facts):
    """:func:`engine.evaluator.run`, with its result (or its refusal) compared with durable_rules'."""
    try:
        want = unchecked_evaluator_run(clauses, facts)
    except adapter.EngineFault as fault:
        want = fault
    try:
        got = _durable_rules_run(clauses, facts)
    except adapter.EngineFault as fault:
        got = fault
    CHECKED["evaluator_runs"] += 1
    if isinstance(want, Exception) or isinstance(got, Exception):
        if not (isinstance(want, Exception) and isinstance(got, Exception)):
            raise OracleMismatch(f"one refused, the other decided: evaluator {want!r}, durable_rules {got!r}; facts {facts}")
        raise want
    compare(got, want, facts)
    return want


def compare(got, want, facts) -> None:
    """Raise :class:`OracleMismatch` unless two ``(firings, also)`` results agree rule by rule."""
    first_got, first_want = {f.rule: f for f in got[0]}, {f.rule: f for f in want[0]}
    if first_got != first_want:
        rules = sorted(r for r in first_got.keys() | first_want.keys() if first_got.get(r) != first_want.get(r))
        raise OracleMismatch(f"durable_rules and the evaluator differ on {rules}: "
                             f"{[first_got.get(r) for r in rules]} vs {[first_want.get(r) for r in rules]}; facts {facts}")
    if sorted(got[1], key=repr) != sorted(want[1], key=repr):
        raise OracleMismatch(f"durable_rules and the evaluator differ on further firings: {got[1]} vs {want[1]}")


@pytest.fixture(autouse=True)
def _oracle(monkeypatch):
    monkeypatch.setattr(adapter, "run", checked_run)
    monkeypatch.setattr(evaluator, "run", checked_evaluator_run)
