"""Applicable law: which treaties bind the attacker on the date of the attack (engine/law.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from engine import api, law
from engine.load import InputError, parse_text


def test_ap_i_binds_a_state_only_from_its_entry_into_force_for_that_state():
    before = law._ap_i("IAC", ["France"], dt.date(1999, 4, 23))  # France acceded on 11 April 2001
    after = law._ap_i("IAC", ["France"], dt.date(2003, 4, 1))
    assert before.applies is False and "1999-04-23" in before.reason
    assert after.applies is True and after.reason.startswith("binds France")


def test_entry_into_force_is_computed_from_the_deposit_by_each_treatys_clause():
    """AP I art. 95(2), AP II art. 23(2): six months after deposit; Rome Statute art. 126(2): the first
    day of the month after the 60th day following deposit; never before the treaty itself."""
    assert law.entry_into_force("AP I", dt.date(1998, 1, 28)) == dt.date(1998, 7, 28)  # United Kingdom
    assert law.entry_into_force("AP II", dt.date(2001, 8, 31)) == dt.date(2002, 2, 28)
    assert law.entry_into_force("AP I", dt.date(1978, 5, 23)) == dt.date(1978, 12, 7)  # before art. 95(1)
    assert law.entry_into_force("Rome Statute", dt.date(2024, 10, 25)) == dt.date(2025, 1, 1)  # Ukraine
    assert law.entry_into_force("Rome Statute", dt.date(2002, 7, 1)) == dt.date(2002, 9, 1)  # Australia
    assert law.entry_into_force("Rome Statute", dt.date(2001, 10, 4)) == dt.date(2002, 7, 1)  # art. 126(1)


def test_a_state_is_not_bound_between_deposit_and_entry_into_force():
    uk = law.state_status("United Kingdom", "AP I")  # deposited 28 January 1998
    assert uk.in_force_on(dt.date(1998, 3, 1)) is False
    assert uk.in_force_on(dt.date(1998, 7, 28)) is True
    assert law._ap_i("IAC", ["United Kingdom"], dt.date(1998, 3, 1)).applies is False
    assert "in force for it from 1998-07-28 (AP I art. 95(2)" in uk.text


def test_russian_federation_date_is_the_deposit_not_the_supreme_soviets_decision():
    russia = law.state_status("Russian Federation", "AP I")
    assert russia.deposited == dt.date(1989, 9, 29)
    assert russia.in_force_from == dt.date(1990, 3, 29)


def test_a_coalition_treaty_applies_only_if_a_bound_state_carried_out_the_strike():
    application = law._ap_i("IAC", ["United Kingdom", "United States"], dt.date(2003, 4, 1))
    assert application.applies is None
    assert application.reason.startswith("undetermined: applies only if United Kingdom carried out the strike")
    assert "not binding on United States" in application.reason
    assert law._ap_i("IAC", ["United Kingdom", "France"], dt.date(2003, 4, 1)).applies is True  # both bound


def test_recorded_attribution_to_one_state_decides_the_coalition_case():
    by_uk = law._ap_i("IAC", ["United Kingdom", "United States"], dt.date(2003, 4, 1), "United Kingdom")
    by_us = law._ap_i("IAC", ["United Kingdom", "United States"], dt.date(2003, 4, 1), "United States")
    assert by_uk.applies is True and by_uk.reason.startswith("binds United Kingdom")
    assert by_us.applies is False


def test_ap_i_never_applies_in_a_niac_and_is_undetermined_without_a_classification():
    assert law._ap_i("NIAC", ["France"], dt.date(2017, 6, 28)).applies is False
    assert law._ap_i(None, ["France"], dt.date(2017, 6, 28)).applies is None


def test_ap_ii_is_not_cited_against_a_foreign_state_that_never_joined_it():
    application = law._ap_ii("NIAC", "Afghanistan", ["United States"], dt.date(2015, 10, 3))
    assert application.applies is False
    assert "United States" in application.reason


def test_ap_ii_does_not_apply_on_the_territory_of_a_non_party():
    application = law._ap_ii("NIAC", "Syria", ["United Kingdom"], dt.date(2017, 6, 28))
    assert application.applies is False and "Syria" in application.reason


def test_a_year_only_date_decides_except_around_that_year():
    assert law._ap_ii("NIAC", "Afghanistan", ["Afghanistan"], dt.date(2015, 10, 3)).applies is True
    afghanistan = law.state_status("Afghanistan", "AP II")  # 2009: in force between July 2009 and June 2010
    assert afghanistan.in_force_on(dt.date(2009, 6, 1)) is False
    assert afghanistan.in_force_on(dt.date(2010, 3, 1)) is None
    assert afghanistan.in_force_on(dt.date(2010, 7, 1)) is True


def test_no_icc_jurisdiction_before_1_july_2002():
    assert law._rome(["United Kingdom"], dt.date(1999, 4, 23)).applies is False
    assert law._rome(["United Kingdom"], dt.date(2017, 6, 28)).applies is None  # depends on who struck


def test_a_state_missing_from_the_data_is_unknown_not_a_non_party():
    status = law.state_status("Atlantis", "AP I")
    assert status.status == "unknown"
    assert law._ap_i("IAC", ["Atlantis"], dt.date(2020, 1, 1)).applies is None


def test_an_unknown_state_name_leaves_every_treaty_question_undetermined():
    """``states: [Britain]`` is not "no state party": the Rome Statute, like AP I, is undetermined."""
    day = dt.date(2017, 6, 28)
    for application in (law._ap_i("IAC", ["Britain"], day), law._rome(["Britain"], day),
                        law._ap_ii("NIAC", "Yemen", ["Britain"], day)):
        assert application.applies is None, application
        assert "Britain not in the treaty-status data" in application.reason


def test_a_cell_resting_only_on_a_mirror_site_is_unverified():
    assert law.state_status("Afghanistan", "Rome Statute").verified is False  # marked verified, mirrors only
    assert law.state_status("United Kingdom", "AP I").verified is True  # ICRC, legislation.gov.uk


SPOT_CHECKED = ("United States", "United Kingdom", "France", "Syria", "Iraq")


def test_every_spot_checked_cell_says_what_it_was_checked_against():
    """Issue 8, item 14: each treaty cell of the states in the examples says which source it was checked
    against, or what could not be reached; a cell marked verified names a source that is not a mirror."""
    data = law.treaty_status()
    secondary = set(data["secondary_sources"])
    entries = {e["name"]: e for e in data["states"]}
    for state in SPOT_CHECKED:
        for key in ("ap_i", "ap_ii", "rome_statute", "hague_1954"):
            cell = entries[state][key]
            assert cell["check"].strip(), (state, key)
            if cell["verified"]:
                assert set(cell["sources"]) - secondary, (state, key)
                assert set(cell["sources"]) <= set(data["sources"]), (state, key)


def test_spot_check_corrections():
    """What the spot-check changed: the US signatures rest on the UK Parliament's record (status) while
    their date rests on mirrors; Syria's and Iraq's AP II non-party status rests on mirrors only; the UK's
    Hague 1954 ratification has its date; the US Rome Statute entry says what the US notified."""
    us = law.state_status("United States", "AP I")
    assert us.verified is True and "S54" in us.sources and "12 Dec 1977 [u" in us.text
    for state in ("Syria", "Iraq"):
        assert law.state_status(state, "AP II").verified is False
    assert law.state_status("Iraq", "AP I").verified is False
    uk_hague = next(e for e in law.treaty_status()["states"] if e["name"] == "United Kingdom")["hague_1954"]
    assert uk_hague["date"] == dt.date(2017, 9, 12) and uk_hague["verified"] is True
    rome = law.state_status("United States", "Rome Statute")
    assert "does not intend to become a party" in rome.text and rome.verified is True


BRITAIN = """\
schema_version: 1
incident:
  id: britain
  title: A strike by a coalition
  when: {date: 2017-06-28, sources: [S1]}
  place: {name: A street, country: Yemen}
  conflict: {classification: {value: IAC, sources: [S1]}}
  attacker: {party: A coalition, states: [Britain]}
  attack: {type: air_strike}
  object_struck: {description: A house, sources: [S1]}
sources:
  - {id: S1, type: ngo_report, title: A report}
"""


def test_validate_warns_of_an_unknown_state_with_the_closest_known_name():
    loaded = parse_text(BRITAIN, "britain.yaml")
    (warning,) = [w for w in loaded.warnings if w.path == "incident.attacker.states.0"]
    assert warning.severity == "warning" and warning.line == 8
    assert "'Britain' is not in the treaty-status data" in warning.message
    assert warning.message.endswith("did you mean 'United Kingdom'?")


def test_the_striking_state_must_be_one_of_the_attacking_states():
    text = BRITAIN.replace("states: [Britain]", "states: [United Kingdom, France], conducted_by: United States")
    with pytest.raises(InputError) as err:
        parse_text(text, "britain.yaml")
    (problem,) = err.value.problems
    assert problem.path == "incident.attacker.conducted_by" and "not one of the attacking states" in problem.message


def test_coalition_memo_says_the_treaty_applies_only_if_a_party_state_struck():
    text = BRITAIN.replace("states: [Britain]", "states: [United Kingdom, United States]")
    law_rows = api.assess(parse_text(text, "c.yaml"))[0].law["instruments"]
    ap_i = next(i for i in law_rows if i["instrument"] == "AP I")
    assert ap_i["applies"] is None
    assert ap_i["reason"].startswith("undetermined: applies only if United Kingdom carried out the strike")
    struck = text.replace("United States]", "United States], conducted_by: United Kingdom")
    ap_i = next(i for i in api.assess(parse_text(struck, "c.yaml"))[0].law["instruments"] if i["instrument"] == "AP I")
    assert ap_i["applies"] is True


def test_computed_entry_into_force_matches_the_netherlands_treaty_database():
    """Spot-check: the Netherlands treaty database (status.yaml S47) gives Afghanistan's AP I accession
    as 10 Nov 2009 and entry into force as 10 May 2010."""
    afghanistan = law.state_status("Afghanistan", "AP I")
    assert afghanistan.deposited == dt.date(2009, 11, 10)
    assert afghanistan.in_force_from == afghanistan.in_force_by == dt.date(2010, 5, 10)


def test_elements_of_crimes_note_lists_the_five_elements_of_8_2_b_iv():
    note = " ".join(law.treaty_status()["notes"]["elements_of_crimes"].split())
    assert "art. 8(2)(b)(iv), five elements" in note
    assert "(4) the conduct took place in the context of and was associated with an international armed conflict" in note
    assert "(5) the perpetrator was aware of factual circumstances that established the existence of an armed conflict" in note


def test_foreign_states_in_a_niac_on_another_states_territory_are_told_the_contested_iac_view():
    """Lawyer's report point 5: coalition strikes on Syrian territory are recorded as a NIAC, but on the
    ICRC's reading (2016 Commentary on common art. 2, para. 260) force used there without Syria's consent
    is also an IAC with Syria; the AP I line says so and what AP I would then bind."""
    day = dt.date(2017, 6, 28)
    ap_i = law._ap_i("NIAC", ["United States", "United Kingdom", "France"], day, None, "Syria")
    assert ap_i.applies is False
    assert "contested" in ap_i.reason and "common art. 2, para. 260" in ap_i.reason
    assert "AP I could bind United Kingdom and France in that conflict, Syria being a party too" in ap_i.reason
    assert law._ap_i("NIAC", ["Syria"], day, None, "Syria").reason == "AP I applies only in international armed conflict"


def test_ap_ii_line_names_the_art_1_1_requirement_when_only_foreign_states_attack():
    """Lawyer's report point 13: AP II art. 1(1) also requires fighting between the territorial state's own
    armed forces and dissident forces or organised armed groups, which coalition-v.-IS fighting is not."""
    day = dt.date(2017, 6, 28)
    foreign = law._ap_ii("NIAC", "Syria", ["United Kingdom", "France"], day)
    assert foreign.applies is False and "art. 1(1) covers only fighting between Syria's own armed forces" in foreign.reason
    assert "art. 1(1)" not in law._ap_ii("NIAC", "Syria", ["Syria"], day).reason

def test_geneva_conventions_apply_in_international_armed_conflict_only():
    for convention, articles in (("GC I", "medical units"), ("GC IV", "civilian hospitals")):
        assert law._geneva(convention, articles, "IAC").applies is True
        niac = law._geneva(convention, articles, "NIAC")
        assert niac.applies is False and f"{convention}'s articles on {articles}" in niac.reason
        assert law._geneva(convention, articles, None).applies is None


def test_hague_1954_binds_from_three_months_after_deposit_in_iac_and_niac():
    """1954 Hague Convention art. 33(2); art. 19(1) for its provisions on respect in NIAC."""
    assert law.entry_into_force("Hague 1954", dt.date(2009, 3, 13)) == dt.date(2009, 6, 13)  # United States
    assert law._hague("NIAC", ["United States"], dt.date(2009, 5, 1), None).applies is False
    bound = law._hague("NIAC", ["United States"], dt.date(2015, 10, 3), None)
    assert bound.applies is True and "art. 19(1)" in bound.reason
    assert law._hague("IAC", ["United Kingdom"], dt.date(2020, 1, 1), None).applies is True  # deposited 2017-09-12
    # A state the data does not know leaves the question open, never decided.
    assert law._hague("IAC", ["Atlantis"], dt.date(2020, 1, 1), None).applies is None


def test_the_second_protocol_is_never_cited_without_treaty_data():
    assert law._hague_second_protocol().applies is None
