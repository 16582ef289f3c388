"""Fuzzing with valid incidents: the loader accepts every one, the engine never crashes on them, and
every finding has one of the four statuses (an inconclusive one naming the facts it lacks).

Seeded and bounded: ``derandomize=True`` draws the same 500 examples on every run, so a failure here is
reproducible and CI time is predictable (about 20 s).
"""

from __future__ import annotations

import json
import re

import yaml
from hypothesis import HealthCheck, given, settings

from engine import accounts, api, load
from engine.facts import catalogue
from engine.findings import STATUSES
from strategies import TODAY, incident_files

FUZZ = settings(max_examples=500, derandomize=True, deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(incident_files())
def test_every_valid_incident_loads_and_assesses(data):
    as_json = json.dumps(data, ensure_ascii=False, indent=1)
    # PyYAML writes U+0085 (NEL) raw in single quotes and reads it back as a line break: escape it then.
    as_yaml = yaml.safe_dump(data, allow_unicode="\x85" not in as_json, sort_keys=False)
    loaded = load.parse_text(as_json, "fuzz.json", ".json", today=TODAY)
    # The only warning a valid file may earn: a witness's identity written into other text, where it is.
    assert [w for w in loaded.warnings if not _names_a_witness(w, data)] == []
    # The same data written as YAML (by PyYAML) reads back as the same incident file.
    assert load.parse_text(as_yaml, "fuzz.yaml", ".yaml", today=TODAY).file == loaded.file

    known = set(catalogue())
    for name in accounts.names(loaded.file) or [None]:
        assessment = api.assess_incident(accounts.resolve(loaded.file, name), sources=loaded.file.sources, account=name)
        assert assessment.findings
        for finding in assessment.findings:
            assert finding.status in STATUSES
            if finding.status == "inconclusive":
                assert finding.missing_facts, f"{finding.id} is inconclusive but names no missing fact"
            assert set(finding.missing_facts) <= known and set(finding.key_facts) <= known
            assert finding.trace and finding.trace[-1] == finding.id
        # Sister findings answer one question and cannot disagree on the same facts (issue 8, item 11).
        assert (assessment.finding("proportionality.excessive_incidental_harm").status
                == assessment.finding("precautions.refrain_from_disproportionate_attack").status)
        json.loads(api.to_json([assessment], trace=True))  # serialisable, whatever the text holds


def _names_a_witness(warning: load.Problem, data: dict) -> bool:
    """Whether ``warning`` says a witness's identity is written at its path, and it is: the named field
    of that witness source occurs there as a whole word (an oracle independent of the loader's
    automaton)."""
    said = re.search(r"identity of witness .* \(sources\.(\d+)\) \(its (\w+)\)", warning.message)
    if not said:
        return False
    name = data["sources"][int(said[1])][said[2]].strip().casefold()
    node, parts, i = data, warning.path.split("."), 0
    while i < len(parts):  # an account's facts are keyed by a dotted fact path ("before_attack.daylight")
        if isinstance(node, list):
            node, i = node[int(parts[i])], i + 1
            continue
        j = next(j for j in range(len(parts), i, -1) if ".".join(parts[i:j]) in node)
        node, i = node[".".join(parts[i:j])], j
    return isinstance(node, str) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", node.casefold()) is not None
