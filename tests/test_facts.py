"""Element facts read from the incident: count bounds, ex ante twins of values, and the aggregates
read from the format's lists (releases, alternatives)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import accounts
from engine.facts import AT_TIME, catalogue, elements, fact_paths
from engine.load import parse_text

BASE = """
schema_version: 2
incident:
  id: facts-test
  title: Test
  when: {date: 2017-06-28}
  place: {name: P, country: Syria}
  conflict: {classification: {value: NIAC}}
  attacker: {party: X}
  attack:
    type: air_strike
    weapon:
      accuracy_m: {value: 120, sources: [W1]}
  object_struck:
    description: A house
    category: {value: residential_building, sources: [W1], attacker_knowledge: knew}
  civilians:
    count_present: {value: {min: 9, max: null}, sources: [W1]}
    nearest_distance_m: {value: 0, sources: [W1], attacker_knowledge: could_not_have_known}
  proportionality:
    expected_harm_excessive: {value: true, sources: [W1], assessed_by: A review body}
sources:
  - {id: W1, type: witness_interview, pseudonym: W1, title: A survivor, date: 2018-02-07}
"""


def _elements(extra: str = "", **replace: str) -> dict:
    text = BASE
    for old, new in replace.items():
        text = text.replace(old, new)
    return elements(parse_text(text.replace("  object_struck:\n", extra + "  object_struck:\n"), "t.yaml").file.incident)


def test_count_bounds_are_number_facts_with_twins():
    els = _elements()
    assert catalogue()["civilians.count_present.min"] == "number"
    assert (els["civilians.count_present.min"].status, els["civilians.count_present.min"].value) == ("K", 9)
    assert els["civilians.count_present.max"].status == "U"
    assert els["civilians.count_present.min"].path == "incident.civilians.count_present.value.min"
    assert "civilians.count_present" + AT_TIME not in catalogue()  # a count itself has no twin


def test_values_have_ex_ante_twins_known_only_where_the_attacker_knew():
    els = _elements()
    assert (els["object_struck.category@time"].status, els["object_struck.category@time"].value) == \
        ("K", "residential_building")
    assert els["attack.weapon.accuracy_m@time"].status == "U"  # knowledge not recorded
    assert els["civilians.nearest_distance_m"].status == "K"
    twin = els["civilians.nearest_distance_m@time"]
    assert twin.status == "U" and twin.excluded.startswith("excluded from the ex ante view")


def test_a_recorded_assessment_is_marked_on_the_element_and_its_twin():
    els = _elements()
    assert els["proportionality.expected_harm_excessive"].assessed_by == "A review body"
    assert els["proportionality.expected_harm_excessive@time"].assessed_by == "A review body"
    assert els["civilians.present"].assessed_by is None


SEQUENCE = """    sequence:
      - munitions: {value: 1, sources: [W1]}
      - minutes_after_previous: {value: 12, sources: [W1]}
        same_point_as_previous: {value: true, sources: [W1]}
        wounded_or_rescuers_present: {value: true, sources: [W1], attacker_knowledge: should_have_known}
      - minutes_after_previous: {value: 40, sources: [W1]}
        same_point_as_previous: {value: false, sources: [W1]}
"""


def test_later_releases_are_read_as_any_of_them():
    els = _elements(extra="", **{"      accuracy_m: {value: 120, sources: [W1]}\n":
                                 "      accuracy_m: {value: 120, sources: [W1]}\n" + SEQUENCE})
    assert els["attack.sequence.releases"].value == 3
    assert els["attack.sequence.later_same_point"].status == "T"
    assert els["attack.sequence.later_wounded_or_rescuers_present@time"].status == "T"
    assert els["attack.sequence.shortest_interval_minutes"].value == 12
    assert els["attack.sequence.later_same_point"].sources == ("W1",)


def test_a_later_release_is_named_and_judged_on_the_knowledge_before_it():
    els = _elements(extra="", **{"      accuracy_m: {value: 120, sources: [W1]}\n":
                                 "      accuracy_m: {value: 120, sources: [W1]}\n" + SEQUENCE})
    note = els["attack.sequence.later_wounded_or_rescuers_present@time"].note
    assert note.endswith("true for release 2, 12 minutes after the previous (attacker's knowledge before it: "
                         "should have known)")
    unknowable = SEQUENCE.replace("attacker_knowledge: should_have_known", "attacker_knowledge: could_not_have_known")
    els = _elements(extra="", **{"      accuracy_m: {value: 120, sources: [W1]}\n":
                                 "      accuracy_m: {value: 120, sources: [W1]}\n" + unknowable})
    twin = els["attack.sequence.later_wounded_or_rescuers_present@time"]
    assert els["attack.sequence.later_wounded_or_rescuers_present"].status == "T"
    assert twin.status == "F" and twin.excluded.startswith("excluded from the ex ante view")


def test_no_sequence_leaves_the_aggregates_unknown_and_one_release_has_no_later_one():
    els = _elements()
    assert {els[f].status for f in ("attack.sequence.releases", "attack.sequence.later_same_point",
                                     "attack.sequence.shortest_interval_minutes")} == {"U"}
    one = _elements(**{"      accuracy_m: {value: 120, sources: [W1]}\n":
                       "      accuracy_m: {value: 120, sources: [W1]}\n    sequence:\n      - label: the only strike\n"})
    assert one["attack.sequence.later_same_point"].status == "F"
    assert one["attack.sequence.shortest_interval_minutes"].status == "U"


ALTERNATIVES = """  precautions:
    alternatives:
      - kind: objective
        description: The depot outside the town
        available: {value: true, sources: [W1]}
        reduces_civilian_harm: {value: true, sources: [W1]}
        feasible: {value: true, sources: [W1]}
      - kind: timing
        description: At night, when the market was closed
        available: {value: true, sources: [W1], attacker_knowledge: knew}
        reduces_civilian_harm: {value: true, sources: [W1]}
        feasible: {value: FEASIBLE, sources: [W1]}
"""


@pytest.mark.parametrize("feasible, status", [("true", "T"), ("false", "U"), ("null", "U")])
def test_a_recorded_alternative_counts_only_when_available_less_harmful_and_feasible(feasible, status):
    els = _elements(extra=ALTERNATIVES.replace("FEASIBLE", feasible))
    assert els["precautions.alternatives.less_harmful_means_recorded"].status == status  # never F: a list is not all
    # the objective lacks a similar military advantage: not shown
    assert els["precautions.alternatives.less_harmful_objective_recorded"].status == "U"


def test_only_facts_written_in_a_file_can_be_restated():
    assert accounts.overridable("civilians.count_present")
    assert not accounts.overridable("civilians.count_present.min")
    assert not accounts.overridable("attack.sequence.releases")
    assert not accounts.overridable("civilians.present@time")
    assert set(fact_paths()) < set(catalogue())
