"""The shipped rulebook is well-formed, and durable_rules reaches exactly the conclusions that a plain
reading of each rule's condition gives (a differential check of engine against reference)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import adapter, cases, facts, rulebook
from engine.rulebook import AllOf, ExcuseOf, FactTest, NotOf, ParameterRef, ReadingTest, RulebookError, RuleTest

BOOK = rulebook.load(rulebook.Settings(forum="icc"))  # every rule compiled, the war crimes' among them


def test_every_rule_cites_a_customary_rule_and_explains_each_outcome():
    war_crimes = {r.id for r in next(p for p in BOOK.principles if p.principle == "war_crimes").rules}
    for rule in BOOK.rules.values():
        # An IHL rule cites the customary rule; an element of a war crime, the criminal law's own source.
        sources = {"Rome Statute", "ICC Elements of Crimes", "ICTY"} if rule.id in war_crimes else {"CIHL"}
        assert any(c.instrument in sources for c in rule.citations), rule.id
        if rule.unless is not None:
            assert rule.explanation.not_applicable, f"{rule.id} has an exception but no not_applicable text"


def test_the_principles_and_the_special_regimes_have_findings_in_reading_order():
    assert [p.principle for p in BOOK.principles] == ["presumptions", "distinction", "indiscriminate", "terror",
                                                      "proportionality", "precautions", "weapons", "medical", "follow_on",
                                                      "cultural_property", "survival_and_dangerous_forces", "relief",
                                                      "journalists", "defender_duties", "war_crimes"]
    # Each special protection regime names the rule that brings it into play.
    assert {p.principle: p.applies_when for p in BOOK.principles if p.special} == {
        "medical": "medical.specially_protected", "follow_on": "follow_on.later_pass_at_same_point",
        "cultural_property": "cultural_property.struck",
        "survival_and_dangerous_forces": "survival_and_dangerous_forces.struck", "relief": "relief.site_struck",
        "journalists": "journalists.media_struck"}
    finding_ids = [f.id for f in BOOK.findings()]
    assert "distinction.target_was_military_objective" in finding_ids
    assert "precautions.effective_warning" in finding_ids
    # Doubt left unresolved is its own finding, after the one on what the attack was directed at.
    assert finding_ids.index("distinction.attack_despite_doubt") == finding_ids.index("distinction.target_was_military_objective") + 1
    # Relief and peacekeeping are two findings (CIHL Rules 31-32; Rule 33).
    assert {"relief.attack_on_relief_site", "relief.attack_on_peacekeeping_site"} <= set(finding_ids)
    assert len(finding_ids) == 28
    # The defending party's duties are findings against it; every other finding is against the attacker.
    assert {f.id for f in BOOK.findings() if f.against == "defender"} == {
        "defender.military_objectives_away_from_populated_areas", "defender.civilians_removed_from_vicinity",
        "defender.human_shields"}


def test_no_rule_about_the_attack_reads_the_defending_partys_conduct():
    # AP I art. 51(8): the defending party's breaches do not release the attacker, so no finding against
    # the attacker may rest, directly or through the rules it cites, on a fact of defender_conduct.
    for f in BOOK.findings():
        read = {x for x in BOOK.facts_of[f.id] if x.startswith("defender_conduct.")}
        assert bool(read) == (f.against == "defender"), (f.id, sorted(read))


def test_without_a_forum_the_war_crimes_are_listed_but_neither_compiled_nor_run():
    # Opt-in: without --forum no crime is assessed, so the crimes stage is not run at all.
    bare = rulebook.load()
    war_crimes = {r.id for p in bare.principles if p.principle == "war_crimes" for r in p.rules}
    assert bare.settings.forum is None and bare.crimes() == []
    assert len(war_crimes) == 50 and war_crimes <= set(bare.rules)
    assert not war_crimes & set(bare.clauses) and not war_crimes & set(bare.whole.order)
    assert set(bare.clauses) == set(BOOK.clauses) - war_crimes
    assert "mental_element.towards_civilians" not in bare.whole.fact_set
    assert [r.id for r in BOOK.crimes()][:2] == ["crimes.attacking_civilians_iac", "crimes.attacking_civilians_niac"]


def test_the_attack_is_re_run_without_the_rules_that_only_read_it():
    # A hypothesis or a what-if sweep re-runs only the rules the findings against the attacker rest on:
    # the defending party's duties and the elements of war crimes read the attack's findings and never
    # decide them, so they are evaluated once, on the record itself.
    attack = set(BOOK.attack.clauses)
    for_attacker = {f.id for f in BOOK.findings() if f.against == "attacker"}
    assert for_attacker <= attack
    readers = {r.id for p in BOOK.principles if p.principle in ("defender_duties", "war_crimes") for r in p.rules}
    assert readers and attack == set(BOOK.clauses) - readers
    # The special protection regimes are findings against the attacker: every rule of theirs, the one
    # that brings a regime into play among them, is re-run with the attack.
    special = {r.id for p in BOOK.principles if p.special for r in p.rules}
    assert special and {p.applies_when for p in BOOK.principles if p.special} <= special <= attack
    assert all(BOOK.facts_of[r] <= BOOK.attack.fact_set for r in attack)
    assert "mental_element.towards_civilians" in set(BOOK.fact_ids()) - BOOK.attack.fact_set
    assert BOOK.attack.order == [r for r in BOOK.order if r in attack]
    # The either-or splits on rules of the attack.
    assert {s.when_unknown for s in cases.splits()} <= attack


def test_rules_come_after_the_rules_they_cite():
    position = {rule_id: i for i, rule_id in enumerate(BOOK.order)}
    assert position["distinction.military_objective"] < position["distinction.target_was_military_objective"]
    assert position["proportionality.excessive_incidental_harm"] < position["precautions.refrain_from_disproportionate_attack"]


RULE = """
principle: p
title: P
summary: s
rules:
  - id: p.one
    title: One
    question: q
    when: {when}
    citations: [{{instrument: CIHL, rule: 1}}]
    applies_in: [IAC]
    explanation: {{holds: h, fails: f, unknown: u}}
"""


@pytest.mark.parametrize(
    "when, message",
    [
        ("{fact: civilians.presnt}", "unknown fact 'civilians.presnt'"),
        ("{rule: p.nowhere}", "cites unknown rule 'p.nowhere'"),
        ("{rule: p.one}", "circular rule references"),
        ("{fact: civilians.present, above: 3}", "yes/no fact; it takes no comparison"),
        ("{fact: attack.weapon.accuracy_m}", "needs exactly one of"),
        ("{fact: attack.weapon.accuracy_m, is: x}", "'is' applies to category facts"),
        ("{all: []}", "at least 1 item"),
    ],
)
def test_malformed_rules_are_refused_with_the_file_and_rule(when, message):
    with pytest.raises(RulebookError, match="rules/x.yaml") as exc:
        rulebook.build({"x.yaml": RULE.format(when=when)})
    assert message in str(exc.value)


def test_a_rule_that_applies_only_in_iac_is_not_applicable_in_a_niac():
    from engine import adapter

    text = RULE.format(when="{fact: civilians.present}").replace("explanation: {holds: h, fails: f, unknown: u}",
                                                               "explanation: {holds: h, fails: f, unknown: u, not_applicable: n}")
    book = rulebook.build({"x.yaml": text})
    facts_for = lambda cls: [{"id": "civilians.present", "s": "T"}] + (
        [{"id": "conflict.classification", "s": "K", "e": cls}] if cls else [{"id": "conflict.classification", "s": "U"}])
    outcome = lambda cls: adapter.run(book.clauses, facts_for(cls))[0][0].outcome
    assert outcome("IAC") == "T"
    assert outcome("NIAC") == "N"
    assert outcome(None) == "T"  # the rule holds whichever the classification; see with_exception


def test_a_rule_id_defined_twice_is_refused():
    text = RULE.format(when="{fact: civilians.present}")
    with pytest.raises(RulebookError, match="already defined in rules/a.yaml"):
        rulebook.build({"a.yaml": text, "b.yaml": text})


# ---------------------------------------------------------------- differential: engine vs reading

def _operand(x) -> float:
    return BOOK.settings.parameter(x.parameter).value if isinstance(x, ParameterRef) else float(x)


def _fact_value(test: FactTest, status: dict[str, str], values: dict[str, object], concluded=None) -> str:
    fid = test.fact + (facts.AT_TIME if test.at_time else "")
    s = status.get(fid, "U")  # a fact the position leaves uncited is never decisive
    if s == "U" and concluded is not None:  # not recorded: a presumption that holds decides it
        for p in BOOK.presumed_by.get(fid, []):
            if concluded[p] == "T":
                value = BOOK.rules[p].presumes.value
                passes = value in test.in_ if test.in_ is not None else value == (test.is_ if test.is_ is not None else True)
                return "T" if passes else "F"
    if s in ("T", "F", "U"):
        return s
    if s == "U":
        return "U"
    v = values[fid]
    if test.is_ is not None:
        return "T" if v == test.is_ else "F"
    if test.in_ is not None:
        return "T" if v in test.in_ else "F"
    for key, op in (("above", float.__gt__), ("at_least", float.__ge__), ("below", float.__lt__), ("at_most", float.__le__)):
        if getattr(test, key) is not None:
            # numbers as the engine reads them: three decimals (adapter.engine_number; 0.99999 is 1)
            return "T" if op(adapter.engine_number(float(v)), _operand(getattr(test, key))) else "F"
    raise AssertionError(test)


def _read(expr, status, values, concluded, in_presumption=False) -> str:
    if isinstance(expr, FactTest):
        return _fact_value(expr, status, values, None if in_presumption else concluded)
    if isinstance(expr, ReadingTest):
        return "T" if BOOK.settings.reading(expr.reading) == expr.is_ else "F"
    if isinstance(expr, ExcuseOf):  # an exception not shown reads as false
        return {"U": "F"}.get(r := _read(expr.excuse, status, values, concluded, in_presumption), r)
    if isinstance(expr, RuleTest):
        return {"N": "F"}.get(concluded[expr.rule], concluded[expr.rule])
    if isinstance(expr, NotOf):
        return {"T": "F", "F": "T", "U": "U"}[_read(expr.not_, status, values, concluded, in_presumption)]
    parts = [_read(e, status, values, concluded, in_presumption) for e in (expr.all if isinstance(expr, AllOf) else expr.any)]
    decisive, other = ("F", "T") if isinstance(expr, AllOf) else ("T", "F")
    return decisive if decisive in parts else ("U" if "U" in parts else other)


def reference(status, values) -> dict[str, str]:
    concluded: dict[str, str] = {}
    for rule_id in BOOK.order:
        rule = BOOK.rules[rule_id]
        inside = rule.presumes is not None
        general = _read(rule.when, status, values, concluded, inside)
        exception = _read(rule.unless, status, values, concluded, inside) if rule.unless else "F"
        if inside and exception == "U":  # a presumption's rebuttal not shown
            exception = "F"
        if len(rule.applies_in) == 1:  # a rule of one kind of conflict does not apply in the other
            other = "U" if status.get("conflict.classification", "U") == "U" else (
                "F" if values["conflict.classification"] == rule.applies_in[0] else "T")
            exception = "T" if "T" in (exception, other) else ("U" if "U" in (exception, other) else "F")
        if rule.crime and rule.crime.in_play:  # what the crime is about is not in play: not applicable
            gate = {"T": "F", "F": "T", "N": "T", "U": "U"}[concluded[rule.crime.in_play]]
            exception = "T" if "T" in (exception, gate) else ("U" if "U" in (exception, gate) else "F")
        if exception == "T":
            concluded[rule_id] = "N"
        elif general == "T":
            concluded[rule_id] = "T"
        else:
            concluded[rule_id] = general if exception == "F" else "U"
    return concluded


CITED = BOOK.fact_ids()
KINDS = facts.catalogue()


@st.composite
def assignments(draw):
    status, values = {}, {}
    for fid in CITED:
        kind = KINDS[fid]
        if kind == "bool":
            status[fid] = draw(st.sampled_from("TFU"))
        else:
            status[fid] = draw(st.sampled_from("KU"))
            if status[fid] == "K":
                values[fid] = draw(st.sampled_from(facts.choices(fid))) if kind == "category" else draw(st.floats(0.5, 500))
    return status, values


@settings(max_examples=400, derandomize=True, deadline=None)
@given(assignments())
def test_engine_conclusions_equal_a_plain_reading_of_the_rules(assignment):
    status, values = assignment
    engine_facts = []
    for fid in CITED:
        fact = {"id": fid, "s": status[fid]}
        if status[fid] == "K":
            fact["e" if KINDS[fid] == "category" else "n"] = values[fid] if KINDS[fid] == "category" else float(values[fid])
        engine_facts.append(fact)
    firings, _ = adapter.run(BOOK.clauses, engine_facts)
    assert {f.rule: f.outcome for f in firings} == reference(status, values)


# ---------------------------------------------------------------- issue 8: the law as the reviewer read it

def test_substantial_doubt_qualifies_the_presumption_for_persons_not_objects():
    """The UK's statement (h) concerns AP I art. 50(1) (persons); Rule 10 notes no reservation to 52(3)."""
    rules = rulebook.load().rules
    objects = rules["distinction.presumption_of_civilian_use"].contested
    assert "concern the presumption for persons in art. 50(1), not this one" in objects
    assert "substantial doubt remains" not in objects
    persons = rules["distinction.attack_despite_doubt"].contested
    assert "substantial doubt" in persons and "France" in persons and "art. 50(1)" in persons


def test_reasonable_mistake_rests_on_the_icty_test_not_on_art_52_2():
    rule = rulebook.load().rules["distinction.reasonable_mistake"]
    labels = [c.label() for c in rule.citations]
    assert "AP I art. 52(2)" not in labels
    assert any(c.instrument == "ICTY" and "Galić" in c.provision for c in rule.citations)
    assert "reasonable person in the circumstances of the perpetrator" in " ".join(rule.contested.split())


def test_mistaken_attack_is_marked_contested_with_the_position_and_the_criminal_burden():
    """Lawyer's report point 1(b)(c): the burden of a mistake is contested; the position taken is named."""
    rule = rulebook.load().rules["distinction.target_was_military_objective"]
    contested = " ".join(rule.contested.split())
    assert "commissions of inquiry" in contested and "art. 57 only" in contested
    assert "Before a criminal court the burden is the prosecution's" in contested and "Galić" in contested
    assert "object_struck.is_claimed_target" in contested
    fails = " ".join(rule.explanation.fails.split())
    assert "prima facie, unless the attacker shows it reasonably believed the target lawful" in fails


def test_reasonable_mistake_says_how_it_differs_from_galic():
    """Lawyer's report point 9: Galić applies the test in cases of doubt; the engine admits no mistake then."""
    contested = " ".join(rulebook.load().rules["distinction.reasonable_mistake"].contested.split())
    assert "following the ICTY's test" not in contested
    assert "Galić applies that test precisely in cases of doubt" in contested


def test_doubt_about_persons_is_marked_contested_for_niac():
    """Lawyer's report point 6: draft AP II art. 25(4) was deleted in plenary (CIHL Rule 6 practice)."""
    rules = rulebook.load().rules
    for rule_id in ("distinction.attack_despite_doubt", "distinction.doubt_about_persons"):
        contested = " ".join(rules[rule_id].contested.split())
        assert "draft AP II art. 25(4)" in contested and "deleted in the plenary by consensus" in contested


def test_warning_excuse_burden_is_named_as_the_engines_position():
    """Lawyer's report point 7: the burden of "circumstances did not permit" is a position, not settled."""
    contested = " ".join(rulebook.load().rules["precautions.effective_warning"].contested.split())
    assert "is the engine's position" in contested and "not a settled rule of evidence" in contested
    assert "AP I art. 57(2)(c)" in contested


def test_a_crimes_not_applicable_explanation_names_no_one_forum():
    # The explanation is shown before every forum: the ICC's jurisdiction would contradict an ICTY-style
    # tribunal's reason (the reason itself, from the forum's data, is given beside it).
    book = rulebook.load(rulebook.Settings(forum="icty"))
    texts = {r.id: r.explanation.not_applicable for r in book.crimes()}
    assert len(texts) == 11 and all(t and "ICC" not in t for t in texts.values()), texts


def test_each_element_of_attacking_a_mission_cites_its_own_element_of_b_iii():
    # A (b)(iii) table lists the shared elements too: each must cite (b)(iii)'s own numbering.
    for element_id in BOOK.elements_of("crimes.attacking_humanitarian_mission_iac"):
        labels = " ".join(c.label() for c in BOOK.rules[element_id].citations)
        assert "(b)(iii)" in labels, element_id


def test_distinction_states_the_mental_element_per_forum():
    fails = " ".join(rulebook.load().rules["distinction.target_was_military_objective"].explanation.fails.split())
    assert "recklessness suffices" not in fails
    assert "does not assess the mental element" in fails
    assert "Rome Statute" in fails and "intended object of the attack" in fails
    assert "8(2)(b)(i) and (e)(i)" in fails


# ---------------------------------------------------------------- parameters, positions, excuses, presumptions

from engine.settings import Settings, SettingsError  # noqa: E402

TWO = """
principle: p
title: P
summary: s
rules:
{rules}
"""
ONE = """  - id: {id}
    title: T
    question: q
    when: {when}
    citations: [{{instrument: CIHL, rule: 1}}]
    applies_in: [IAC, NIAC]
    explanation: {{holds: h, fails: f, unknown: u}}
"""


def _outcomes(book, engine_facts) -> dict[str, str]:
    firings, _ = adapter.run(book.clauses, engine_facts)
    return {f.rule: f.outcome for f in firings}


def test_a_number_is_compared_with_a_parameter_which_a_run_may_override():
    text = TWO.format(rules=ONE.format(id="p.wide", when="{fact: attack.weapon.accuracy_m, at_least: {parameter: wide_area_accuracy_m}}"))
    at = lambda n: [{"id": "attack.weapon.accuracy_m", "s": "K", "n": n}]
    default = rulebook.build({"x.yaml": text})
    assert default.settings.parameter("wide_area_accuracy_m").value == 100.0
    assert _outcomes(default, at(150.0)) == {"p.wide": "T"}
    assert _outcomes(default, at(99.0)) == {"p.wide": "F"}
    assert _outcomes(default, [{"id": "attack.weapon.accuracy_m", "s": "U"}]) == {"p.wide": "U"}
    stricter = rulebook.build({"x.yaml": text}, Settings(overrides=(("wide_area_accuracy_m", 200.0),)))
    assert stricter.settings.parameter("wide_area_accuracy_m").set_by == "run"
    assert _outcomes(stricter, at(150.0)) == {"p.wide": "F"}


@pytest.mark.parametrize("run, message", [
    (Settings(position="nowhere"), "unknown position 'nowhere'"),
    (Settings(overrides=(("no_such_threshold", 1.0),)), "unknown parameter 'no_such_threshold'"),
])
def test_an_unknown_position_or_parameter_is_refused(run, message):
    with pytest.raises(SettingsError, match=message):
        rulebook.load(run)


def test_a_rule_citing_an_unknown_parameter_is_refused():
    text = TWO.format(rules=ONE.format(id="p.wide", when="{fact: attack.weapon.accuracy_m, above: {parameter: nothing}}"))
    with pytest.raises(RulebookError, match="unknown parameter 'nothing'"):
        rulebook.build({"x.yaml": text})


def test_a_reading_is_fixed_by_the_position_and_cannot_decide_a_rule_alone():
    member = "{all: [{fact: target.armed_group_member}, {any: [{reading: armed_group_membership, is: membership}, {fact: target.continuous_combat_function}]}]}"
    text = TWO.format(rules=ONE.format(id="p.member", when=member))
    facts_ = [{"id": "target.armed_group_member", "s": "T"}, {"id": "target.continuous_combat_function", "s": "F"}]
    assert _outcomes(rulebook.build({"x.yaml": text}), facts_) == {"p.member": "F"}
    us = rulebook.build({"x.yaml": text}, Settings("us_dod"))
    assert "target.continuous_combat_function" not in us.cited_facts  # membership alone suffices there
    assert _outcomes(us, facts_[:1]) == {"p.member": "T"}
    alone = TWO.format(rules=ONE.format(id="p.alone", when="{reading: armed_group_membership, is: membership}"))
    with pytest.raises(RulebookError, match="fixed by the position alone"):
        rulebook.build({"x.yaml": alone})


def test_an_excuse_left_unknown_reads_as_not_shown():
    text = TWO.format(rules=ONE.format(
        id="p.warned", when="{any: [{fact: precautions.warning.given}, {excuse: {fact: precautions.warning.circumstances_did_not_permit}}]}"))
    book = rulebook.build({"x.yaml": text})
    assert book.excuses["p.warned"] == {"precautions.warning.circumstances_did_not_permit"}
    given = lambda g, c: [{"id": "precautions.warning.given", "s": g}, {"id": "precautions.warning.circumstances_did_not_permit", "s": c}]
    assert _outcomes(book, given("F", "U")) == {"p.warned": "F"}  # not "U": the excuse was not shown
    assert _outcomes(book, given("F", "T")) == {"p.warned": "T"}
    assert _outcomes(book, given("U", "U")) == {"p.warned": "U"}  # an element unknown stays unknown


PRESUMPTION = """  - id: p.presumed_civilian
    title: Presumed civilian
    question: q
    presumes: {fact: target.normally_civilian_object, value: true}
    rebuttal: military use was seen
    when: {fact: civilians.present}
    unless: {fact: target.effective_contribution}
    citations: [{instrument: CIHL, rule: 10}]
    applies_in: [IAC, NIAC]
    explanation: {holds: h, fails: f, unknown: u, not_applicable: rebutted}
"""


def test_a_recorded_fact_takes_precedence_over_a_presumption_which_decides_only_an_unrecorded_one():
    text = TWO.format(rules=PRESUMPTION + ONE.format(id="p.civilian", when="{fact: target.normally_civilian_object}"))
    book = rulebook.build({"x.yaml": text})
    assert book.presumed_by == {"target.normally_civilian_object": ["p.presumed_civilian"]}
    assert book.order.index("p.presumed_civilian") < book.order.index("p.civilian")
    row = lambda recorded, present, used: [{"id": "target.normally_civilian_object", "s": recorded},
                                            {"id": "civilians.present", "s": present},
                                            {"id": "target.effective_contribution", "s": used}]
    assert _outcomes(book, row("F", "T", "F"))["p.civilian"] == "F"  # recorded: the presumption yields
    assert _outcomes(book, row("U", "T", "F"))["p.civilian"] == "T"  # not recorded: presumed
    assert _outcomes(book, row("U", "T", "U"))["p.civilian"] == "T"  # rebuttal not shown: still presumed
    assert _outcomes(book, row("U", "T", "T")) == {"p.presumed_civilian": "N", "p.civilian": "U"}  # rebutted
    assert _outcomes(book, row("U", "U", "F"))["p.civilian"] == "U"


def test_presumptions_of_opposite_values_for_one_fact_are_refused():
    other = PRESUMPTION.replace("p.presumed_civilian", "p.presumed_not").replace("value: true", "value: false")
    with pytest.raises(RulebookError, match="presumes the opposite value"):
        rulebook.build({"x.yaml": TWO.format(rules=PRESUMPTION + other)})


def test_direct_participation_has_its_temporal_element_and_fighters_the_hors_de_combat_element():
    dph = BOOK.rules["distinction.direct_participation"]
    assert "target.direct_participation.at_the_time" in BOOK.facts_of["distinction.direct_participation"]
    assert any(c.provision == "Recommendations VI and VII" for c in dph.citations)
    assert "target.hors_de_combat" in BOOK.facts_of["distinction.lawful_human_target"]
    assert {c.label() for c in BOOK.rules["distinction.lawful_human_target"].citations} >= {"AP I art. 41(1)", "CIHL Rule 47"}
    doubt = BOOK.rules["distinction.attack_despite_doubt"]
    assert any(c.provision == "Recommendation VIII" for c in doubt.citations)


def test_every_fact_the_rules_read_is_documented_in_the_incident_format():
    """docs/incident-format.md must name every fact a rule reads (issue 8, item 19: apparent_lawful_target)."""
    from pathlib import Path
    doc = (Path(__file__).resolve().parent.parent / "docs" / "incident-format.md").read_text(encoding="utf-8")
    def named(fact_id: str) -> bool:  # by its path, a trailing part of it, or as `.last` in a grouped row
        parts = fact_id.split(".")
        return f"`.{parts[-1]}`" in doc or any(f"`{'.'.join(parts[i:])}`" in doc for i in range(len(parts)))

    missing = [f for f in BOOK.fact_ids() if not f.endswith("@time") and not named(f)]
    assert missing == []
    assert "`target.apparent_lawful_target` | distinction: reasonable mistake" in doc


def test_no_reading_is_marked_verified_while_its_source_says_the_text_was_not_checked():
    """Lawyer's report point 10: a reading resting on a text nobody checked is unverified."""
    import yaml
    from pathlib import Path
    for path in sorted(Path(__file__).parents[1].joinpath("rules", "positions").glob("*.yaml")):
        for name, reading in yaml.safe_load(path.read_text())["readings"].items():
            if isinstance(reading, dict) and any("not checked" in s for s in reading.get("sources", [])):
                assert reading["verified"] is False, f"{path.name}: {name}"


def test_the_uk_reading_on_doubt_is_verified_exactly_as_the_treaty_data_marks_statement_h():
    """Lawyer's report point 10: uk.yaml's civilian_doubt reading rests on UK statement (h), whose text
    the treaty data records with its own verification marker; the two must agree."""
    import yaml
    from pathlib import Path
    from engine import law
    uk = yaml.safe_load(Path(__file__).parents[1].joinpath("rules", "positions", "uk.yaml").read_text())
    entry = next(e for e in law.treaty_status()["states"] if e["name"] == "United Kingdom")
    (statement_h,) = [d for d in entry["ap_i"]["declarations"] if d["topic"] == "presumption_of_civilian_status"]
    assert uk["readings"]["civilian_doubt"]["verified"] is statement_h["verified"]


def test_human_shields_note_names_the_icrcs_own_exception():
    """Lawyer's report point 13: the ICRC itself leaves out voluntary shields who physically obstruct
    ground operations; the contested note must say so, not present the ICRC as counting every shield."""
    rule = BOOK.rules["proportionality.civilians_counted"]
    note = " ".join(rule.contested.split())
    assert "voluntary shields who physically obstruct the attacker's ground operations" in note


def test_the_reasoning_doc_lists_every_presumption_and_no_other():
    """docs/reasoning.md's table names exactly the presumptions of the rulebook, so it cannot drift."""
    text = (Path(__file__).parent.parent / "docs" / "reasoning.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `(presumption\.[a-z_]+)` \|", text, flags=re.MULTILINE)
    assert listed == [r.id for r in rulebook.load().presumptions()]


@pytest.mark.parametrize("gate, message", [
    ("crimes.attack_directed", "is not a rule of its own"),
    ("relief.site_struck", "a special regime's rule cannot be a war crime's in_play"),
])
def test_a_crimes_in_play_is_a_rule_of_the_war_crimes_own(gate, message):
    # A run without a forum leaves the war crimes out whole: what brings a crime into play must go with them.
    root = Path(__file__).parents[1] / "rules"
    texts = {p.name: p.read_text(encoding="utf-8") for p in root.glob("*.yaml")}
    texts["90_war_crimes.yaml"] = texts["90_war_crimes.yaml"].replace(
        "in_play: crimes.humanitarian_mission_in_play", f"in_play: {gate}")
    with pytest.raises(RulebookError, match=message):
        rulebook.build(texts)
