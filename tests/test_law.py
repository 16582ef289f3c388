"""Applicable law: which treaties bind the attacker on the date of the attack (engine/law.py)."""

from __future__ import annotations

import datetime as dt

from engine import law


def test_ap_i_binds_a_state_only_from_the_date_it_became_party():
    before = law._ap_i("IAC", ["France"], dt.date(1999, 4, 23))  # France ratified on 11 April 2001
    after = law._ap_i("IAC", ["France"], dt.date(2003, 4, 1))
    assert before.applies is False and "1999-04-23" in before.reason
    assert after.applies is True and after.reason.startswith("binds France")


def test_ap_i_in_a_coalition_binds_the_parties_and_names_the_others():
    application = law._ap_i("IAC", ["United Kingdom", "United States"], dt.date(2003, 4, 1))
    assert application.applies is True
    assert application.reason == "binds United Kingdom (party on 2003-04-01); not binding on United States"


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


def test_a_year_only_date_decides_except_in_that_same_year():
    assert law._ap_ii("NIAC", "Afghanistan", ["Afghanistan"], dt.date(2015, 10, 3)).applies is True
    assert law.state_status("Afghanistan", "AP II").party_on(dt.date(2009, 6, 1)) is None
    assert law.state_status("Afghanistan", "AP II").party_on(dt.date(2008, 6, 1)) is False


def test_no_icc_jurisdiction_before_1_july_2002():
    assert law._rome(["United Kingdom"], dt.date(1999, 4, 23)).applies is False
    assert law._rome(["United Kingdom"], dt.date(2017, 6, 28)).applies is None  # depends on who struck


def test_a_state_missing_from_the_data_is_unknown_not_a_non_party():
    status = law.state_status("Atlantis", "AP I")
    assert status.status == "unknown"
    assert law._ap_i("IAC", ["Atlantis"], dt.date(2020, 1, 1)).applies is None
