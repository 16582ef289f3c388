"""Restating an incident (accounts, a release's knowledge, what-if, either-or hypotheses) validates only
the section that changed: it must give what validating the whole incident again gives, value for value
and error for error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from engine import accounts, api, compare
from engine.facts import fact_paths
from engine.load import InputError, load_file
from engine.model import Incident

A1 = Path(__file__).resolve().parent.parent / "examples" / "raqqa-2017" / "a1-aswad-2017-06-28.yaml"


@pytest.fixture(scope="module")
def incident() -> Incident:
    return load_file(A1).file.incident


def _whole(incident: Incident, values: dict) -> Incident:
    """The reference: the whole incident through JSON with the values set, validated again."""
    data = incident.model_dump(mode="json")
    for path, value in values.items():
        *parents, leaf = path.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {}) if node.get(part) is None else node[part]
        node[leaf] = value
    return Incident.model_validate_json(json.dumps(data))


def _outcome(build, incident: Incident, values: dict) -> tuple[str, str]:
    try:
        return "ok", build(incident, values).model_dump_json()
    except ValidationError as exc:
        return "refused", str(exc)


@pytest.mark.parametrize("value", [True, "no", 5, 2.5, None, {"min": 3, "max": 1}])
def test_every_fact_set_as_the_whole_incident_would_have_it(incident, value, recwarn):
    for path in sorted(fact_paths()):
        for field in ("value", "attacker_knowledge"):
            values = {f"{path}.{field}": value}
            assert _outcome(accounts.with_set, incident, values) == _outcome(_whole, incident, values), values
    assert not [w for w in recwarn if "serializ" in str(w.message).lower()]  # every fact keeps its own type


def test_a_yes_no_fact_the_file_leaves_out_refuses_a_word(incident):
    assert incident.attack.directed_at_specific_objective.value is None  # not in the file: a bare default
    with pytest.raises(ValidationError):
        compare.incident_with(incident, {"attack.directed_at_specific_objective": "no"})
    changed = compare.incident_with(incident, {"attack.directed_at_specific_objective": False})
    assert changed.attack.directed_at_specific_objective.value is False


def test_every_refused_value_is_reported_at_its_path_from_the_incident(incident):
    values = {"target.effective_contribution.value": "yes", "civilians.present.value": 3}
    with pytest.raises(ValidationError) as caught:
        accounts.with_set(incident, values)
    locations = {tuple(e["loc"][:2]) for e in caught.value.errors()}
    assert locations == {("target", "effective_contribution"), ("civilians", "present")}


def test_what_is_not_changed_is_shared(incident):
    changed = accounts.with_set(incident, {"target.effective_contribution.value": True})
    assert changed.target.effective_contribution.value is True
    assert changed.civilians is incident.civilians and changed.attack is incident.attack


@pytest.mark.parametrize("change, where, sid", [
    ("civilians.present.sources=[Nope]", "--set (civilians.present.sources.0)", "Nope"),
    ("when.sources=[W1, Ghost]", "--set (when.sources.1)", "Ghost"),
])
def test_a_what_if_citing_a_source_the_file_does_not_declare_is_refused_as_the_file_would_be(change, where, sid):
    with pytest.raises(InputError) as caught:
        api.what_if_assignments(load_file(A1), [change])
    assert [(p.path, p.message) for p in caught.value.problems] == [
        (where, f"cites source {sid!r}, which is not declared under 'sources'")]


def test_a_what_if_citing_declared_sources_is_accepted():
    result = api.what_if_assignments(load_file(A1), ["civilians.present.sources=[W1]"])
    assert [view["flips"] for view in result["views"]] == [[]]
