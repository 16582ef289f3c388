"""Each durable_rules trap (DESIGN.md) has a guard in engine/adapter.py; each test here fails without it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import durable.engine as dr
import pytest

from engine import adapter, logic, rulebook
from engine.logic import Condition


def _yes_no(fact_id: str) -> logic.Outcomes:
    return logic.leaf(fact_id, Condition(frozenset("T")), Condition(frozenset("F")), Condition(frozenset("U")))


def _clauses(**rules: logic.Outcomes) -> dict:
    return {rule_id.replace("_", "."): logic.with_exception(o, None) for rule_id, o in rules.items()}


# Two rules cite the same fact; a third builds on the first's conclusion.
SHARED = _clauses(
    a_first=_yes_no("x.fact"),
    a_second=_yes_no("x.fact").swapped(),
    a_third=logic.all_of([logic.leaf("a.first", Condition(frozenset("T")), Condition(frozenset({"F", "N"})),
                                     Condition(frozenset("U"))), _yes_no("y.fact")]),
)


def _outcomes(firings: list[adapter.Firing]) -> dict[str, str]:
    return {f.rule: f.outcome for f in firings}


def test_trap1_facts_are_asserted_not_posted_so_every_rule_sees_them(monkeypatch):
    def no_post(*args, **kwargs):
        raise AssertionError("post() consumes a message with the first matching rule; facts must be asserted")

    monkeypatch.setattr(dr.Host, "post", no_post)
    monkeypatch.setattr(dr.Host, "post_batch", no_post)
    firings, _ = adapter.run(SHARED, [{"id": "x.fact", "s": "T"}, {"id": "y.fact", "s": "T"}])
    assert _outcomes(firings) == {"a.first": "T", "a.second": "F", "a.third": "T"}


def test_trap2_a_conclusion_no_rule_cites_is_not_an_error():
    # a.second and a.third are cited by no rule: asserting their conclusions is "not handled".
    firings, _ = adapter.run(SHARED, [{"id": "x.fact", "s": "F"}, {"id": "y.fact", "s": "U"}])
    assert _outcomes(firings) == {"a.first": "F", "a.second": "T", "a.third": "F"}


def test_trap2_a_fact_no_rule_cites_is_refused_before_it_reaches_the_engine():
    with pytest.raises(adapter.EngineFault, match="cited by no rule"):
        adapter.run(SHARED, [{"id": "nobody.cites.this", "s": "T"}])
    with pytest.raises(adapter.EngineFault, match="cited by no rule"):
        adapter.run(SHARED, [{"id": "x.fact", "s": "K"}])  # cited, but with no clause for that status


def test_trap2_an_unhandled_session_is_not_deleted_because_that_crashes_the_process():
    # Run in a child: without the guard, delete_state double-frees and the interpreter aborts.
    script = textwrap.dedent(
        """
        from engine import adapter, logic
        from engine.logic import Condition
        o = logic.leaf("d.fact", Condition(frozenset("T")), Condition(frozenset("F")), Condition(frozenset("U")))
        tiny = {"d.rule": logic.with_exception(o, None)}
        adapter._handled_states_cached = lambda name, clauses: {"zzz": frozenset("T"), "d.fact": frozenset("TF")}
        try:
            adapter.run(tiny, [{"id": "zzz", "s": "T"}])
        except adapter.EngineFault as exc:
            print("fault:", exc)
        for i in range(50):
            adapter.run(tiny, [{"id": "d.fact", "s": "T"}])
        print("alive")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert "fault: a fact matched no rule" in done.stdout and done.stdout.strip().endswith("alive")


def test_trap3_an_error_swallowed_into_the_state_is_raised():
    # Two outcomes whose clauses both match the same fact: the action raises inside durable_rules,
    # which only records it in state['exception'].
    broken = {"b.rule": {"T": (((("z.fact", Condition(frozenset("T"))),)),), "F": (((("z.fact", Condition(frozenset("T"))),)),)}}
    with pytest.raises(adapter.EngineFault, match="action failed inside durable_rules"):
        adapter.run(broken, [{"id": "z.fact", "s": "T"}])


def test_trap3_a_rule_left_undecided_is_an_engine_fault():
    t, u = Condition(frozenset("T")), Condition(frozenset("U"))
    partial = {
        "c.rule": {"T": ((("v.fact", t), ("w.fact", t)),)},  # no clause for v unknown: c.rule stays open
        "d.rule": {"U": ((("v.fact", u),),)},
        "e.rule": {"T": ((("w.fact", t),),)},
    }
    with pytest.raises(adapter.EngineFault, match="reached no conclusion: c.rule"):
        adapter.run(partial, [{"id": "v.fact", "s": "U"}, {"id": "w.fact", "s": "T"}])


def test_trap4_states_are_deleted_so_more_than_1024_incidents_run():
    tiny = _clauses(d_rule=_yes_no("d.fact"))
    for i in range(1100):
        firings, _ = adapter.run(tiny, [{"id": "d.fact", "s": "TF"[i % 2]}])
        assert firings[0].outcome == "TF"[i % 2]


@pytest.mark.parametrize(
    "fact",
    [
        {"id": "n.fact", "s": "K", "n": "abc"},  # a string where a number belongs
        {"id": "n.fact", "s": "K", "n": 150},  # an int: only validated floats reach the engine
        {"id": "n.fact", "s": "true"},  # a status outside T/F/U/K/N
        {"id": "n.fact", "s": "U", "n": 1.0},  # a value on an unknown fact
        {"id": 7, "s": "T"},
    ],
)
def test_trap5_untyped_facts_never_reach_the_engine(fact):
    above = logic.leaf("n.fact", Condition(frozenset("K"), (("n", "$gt", 100.0),)),
                       Condition(frozenset("K"), (("n", "$lte", 100.0),)), Condition(frozenset("U")))
    with pytest.raises(adapter.EngineFault, match="refusing"):
        adapter.run(_clauses(n_rule=above), [fact])


def test_trap6_no_background_dispatch_threads_and_calls_are_serialised():
    tiny = _clauses(e_rule=_yes_no("e.fact"))
    results: list[str] = []

    def work(status: str) -> None:
        for _ in range(50):
            firings, _ = adapter.run(tiny, [{"id": "e.fact", "s": status}])
            results.append(status + firings[0].outcome)

    threads = [threading.Thread(target=work, args=(s,)) for s in "TFTF"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(set(results)) == ["FF", "TT"] and len(results) == 200
    timers = [t for t in threading.enumerate() if isinstance(t, threading.Timer)]
    assert timers == [], "durable_rules' Host started its never-ending dispatch timers"


def test_trap7_each_rulebook_is_registered_once_and_definitions_are_not_mutated():
    tiny = _clauses(f_rule=_yes_no("f.fact"))
    name = adapter.ruleset_name(tiny)
    adapter.run(tiny, [{"id": "f.fact", "s": "T"}])
    adapter.run(tiny, [{"id": "f.fact", "s": "T"}])  # a second registration would raise
    assert name in adapter._registered
    definition = adapter.definitions(tiny)
    assert all("run" in rule for rule in definition.values())
    other = _clauses(g_rule=_yes_no("f.fact"))
    assert adapter.ruleset_name(other) != name
    firings, _ = adapter.run(other, [{"id": "f.fact", "s": "F"}])
    assert _outcomes(firings) == {"g.rule": "F"}


def test_trap8_incidents_do_not_leak_into_each_other():
    first, _ = adapter.run(SHARED, [{"id": "x.fact", "s": "T"}, {"id": "y.fact", "s": "T"}])
    second, _ = adapter.run(SHARED, [{"id": "x.fact", "s": "F"}, {"id": "y.fact", "s": "T"}])
    assert _outcomes(first)["a.third"] == "T"
    assert _outcomes(second)["a.third"] == "F"


def test_trap9_every_conclusion_records_the_facts_it_matched():
    firings, also = adapter.run(SHARED, [{"id": "x.fact", "s": "T"}, {"id": "y.fact", "s": "U"}])
    by_rule = {f.rule: f for f in firings}
    assert by_rule["a.first"].premises == (("x.fact", "T"),)
    assert by_rule["a.third"].premises == (("a.first", "T"), ("y.fact", "U"))
    assert by_rule["a.third"].outcome == "U"
    assert also == []


def test_trap10_no_clause_correlates_two_facts():
    from engine import rulebook

    for outcomes in rulebook.load().clauses.values():
        for dnf in outcomes.values():
            for clause in dnf:
                for _, cond in clause:
                    for fieldname, _, operand in cond.constraints:
                        assert not isinstance(operand, dict), "a clause compares one fact with another"


@pytest.mark.parametrize("weight", [5e-324, 1e-12, 1.5e-5, 1e300])
def test_numbers_python_writes_with_an_exponent_still_reach_the_rules(weight):
    """durable_rules misreads 1e-12 or 1e+300 and then matches nothing: numbers are normalised first."""
    book = rulebook.load()
    facts = [{"id": f, "s": "U"} for f in book.fact_ids() if f != "attack.weapon.explosive_weight_kg"]
    facts.append({"id": "attack.weapon.explosive_weight_kg", "s": "K", "n": weight})
    firings, _ = adapter.run(book.clauses, facts)
    assert {f.rule for f in firings} == set(book.clauses)
    assert adapter.engine_number(weight) == (1e15 if weight > 1e15 else round(weight, 3))


def test_trap11_more_conditions_on_one_fact_than_the_alpha_stack_are_split_into_parts():
    """durable_rules fails (error 303, then a double free on delete) once more than 64 conditions can
    match one fact; the rules are cut into parts run one after the other, the later ones reading the
    earlier conclusions they cite."""
    many = {f"k.rule{i:03}": {"T": ((("k.fact", Condition(frozenset("K"), (("n", "$gt", float(i)),))),),),
                              "F": ((("k.fact", Condition(frozenset("K"), (("n", "$lte", float(i)),))),),
                                    (("k.fact", Condition(frozenset("U"))),))}
            for i in range(adapter.ALPHA_STACK + 6)}
    many["k.last"] = logic.with_exception(logic.leaf("k.rule069", Condition(frozenset("T")), Condition(frozenset("F")),
                                                     Condition(frozenset("U"))), None)
    cut = adapter.parts(many)  # each rule has two conditions a known k.fact can match: 32 rules fill a part
    assert [len(p) for p in cut] == [32, 32, 7]
    firings, _ = adapter.run(many, [{"id": "k.fact", "s": "K", "n": 65.5}])
    outcomes = _outcomes(firings)
    assert [outcomes[f"k.rule{i:03}"] for i in (0, 65, 66, 69)] == ["T", "T", "F", "F"]
    assert outcomes["k.last"] == "F"  # read k.rule069's conclusion from the part before it
    assert next(f for f in firings if f.rule == "k.last").premises == (("k.rule069", "F"),)


def test_trap11_a_rule_citing_a_later_rule_is_refused():
    backwards = {"m.first": _clauses(m_x=_yes_no("m.second"))["m.x"], "m.second": _clauses(m_y=_yes_no("m.fact"))["m.y"]}
    with pytest.raises(adapter.EngineFault, match="cites m.second, which comes after it"):
        adapter.parts(backwards)
