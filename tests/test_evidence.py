"""The standard-of-proof mapping, on constructed cases at each threshold (rules/evidence/standards.yaml)."""

from __future__ import annotations

import json

import pytest

from engine import evidence
from engine.model import Source


def src(sid: str, type_: str = "media_report", reliability: str = "medium", derived_from: tuple[str, ...] = ()) -> Source:
    data = {"id": sid, "type": type_, "title": f"source {sid}", "reliability": reliability, "derived_from": list(derived_from)}
    if type_ == "witness_interview":
        data["pseudonym"] = sid
    return Source.model_validate_json(json.dumps(data))


@pytest.mark.parametrize(
    "sources, level",
    [
        ([], "none"),
        ([src("A", reliability="unknown")], "none"),
        ([src("A", reliability="low")], "single"),
        ([src("A"), src("B", reliability="low")], "single"),  # the second is below "medium"
        ([src("A"), src("B", derived_from=("A",))], "single"),  # B repeats A: one group
        ([src("A"), src("B")], "corroborated"),
        ([src("A"), src("B", "site_visit", "medium")], "corroborated"),  # direct, but not graded high
        ([src("A"), src("B", "site_visit", "high")], "strong"),
        ([src("A"), src("W", "witness_interview", "high", derived_from=("A",))], "single"),
    ],
)
def test_corroboration_level_of_a_fact(sources, level):
    assert evidence.fact_level(sources) == level


@pytest.mark.parametrize(
    "levels, standard",
    [
        ({"x": []}, None),
        ({"x": [src("A", reliability="low")]}, "reasonable_basis"),
        ({"x": [src("A"), src("B")]}, "reasonable_grounds_to_believe"),
        ({"x": [src("A"), src("B", "imagery", "high")]}, "more_likely_than_not"),
    ],
)
def test_standard_reached_at_each_threshold(levels, standard):
    graded = evidence.grade(levels, list(levels))
    assert graded.standard == standard


def test_a_finding_reads_no_stronger_than_its_weakest_fact():
    strong = [src("A"), src("B", "imagery", "high")]
    weak = [src("C", reliability="low")]
    graded = evidence.grade({"strong.fact": strong, "weak.fact": weak}, ["strong.fact", "weak.fact"])
    assert graded.standard == "reasonable_basis"
    assert graded.level == "single"
    assert graded.weakest_facts == ["weak.fact"]


def test_a_finding_with_no_established_fact_reaches_no_standard():
    graded = evidence.grade({}, [])
    assert graded.standard is None and graded.level == "none"


def test_thresholds_are_configuration():
    cfg = evidence.config()
    assert [s.id for s in cfg.standards] == ["reasonable_basis", "reasonable_grounds_to_believe", "more_likely_than_not"]
    stricter = cfg.model_copy(update={"standards": [s.model_copy(update={"every_fact_at_least": "strong"}) for s in cfg.standards]})
    graded = evidence.grade({"x": [src("A"), src("B")]}, ["x"], stricter)
    assert graded.standard is None
