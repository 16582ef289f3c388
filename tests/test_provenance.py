"""Source provenance (engine/model.py ``Provenance``): what the format accepts, what the memo's annex
shows and withholds, and how a failed verification check weighs in corroboration."""

from __future__ import annotations

import json

import pytest

from engine import api, evidence
from engine.load import InputError, parse_text
from engine.model import Source
from tests.test_memo import BASE

DIGEST = "9f86d081884c7d659a2feaf0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
PROVENANCE = f"""\
  - id: V1
    type: imagery
    title: Video of the strike posted online
    reliability: high
    provenance:
      url: https://video.example.org/watch?v=abc|def
      archived_url: https://archive.example.org/xyz
      sha256: {DIGEST}
      collected_at: 2018-03-01T14:05:00Z
      collected_by: Digital verification team
      verification: {{geolocated: yes, chronolocated: unknown, source_checked: no}}
      sensitivity: public
  - id: V2
    type: imagery
    title: Footage shared privately with the team
    reliability: medium
    provenance: {{url: https://share.example.org/private-clip, sensitivity: confidential}}
"""


def _file(extra: str = PROVENANCE, witness_provenance: str = "") -> str:
    text = BASE.replace("    reliability: medium\n    date: 2018-02-07\n",
                        "    reliability: medium\n    date: 2018-02-07\n" + witness_provenance, 1)
    return text + extra


def test_provenance_shown_in_the_memo_annex():
    memo = api.memo(parse_text(_file(), "test.yaml"))
    annex = memo[memo.index("### Provenance of sources"):]
    assert (f"| V1 | https://video.example.org/watch?v=abc\\|def | https://archive.example.org/xyz | {DIGEST} "
            "| 2018-03-01 14:05:00 UTC by Digital verification team | yes | unknown | no | public |") in annex
    # confidential material: its address is withheld, the rest is shown
    assert "| V2 | withheld (confidential) | withheld | — | — | unknown | unknown | unknown | confidential |" in annex
    assert "private-clip" not in memo


def test_witness_material_address_and_collector_withheld():
    witness = "    provenance: {url: https://social.example.org/witness-account-123, collected_by: Field team}\n"
    memo = api.memo(parse_text(_file("", witness), "test.yaml"))
    annex = memo[memo.index("### Provenance of sources"):]
    # who collected a witness's material is withheld as its address is: a name can lead to the witness
    assert "| Witness A | withheld (witness) | withheld | — | — | unknown |" in annex
    assert "witness-account-123" not in memo and "Field team" not in memo


def test_no_provenance_section_without_provenance():
    memo = api.memo(parse_text(BASE, "test.yaml"))
    assert "Provenance of sources" not in memo


@pytest.mark.parametrize("field, value, message", [
    ("collected_at", "2018-03-01T14:05:00", "UTC date-time"),
    ("collected_at", "2018-03-01T14:05:00+02:00", "UTC date-time"),
    ("collected_at", "2018-03-01", "UTC date-time"),
    ("sha256", "ABC", "SHA-256 digest"),
    ("url", "ftp://example.org/file", "web address"),
    ("sensitivity", "secret", "'public', 'restricted' or 'confidential'"),
])
def test_bad_provenance_is_refused_with_its_path(field, value, message):
    text = _file(f"""\
  - id: V3
    type: imagery
    title: A clip
    provenance: {{{field}: "{value}"}}
""")
    with pytest.raises(InputError) as caught:
        parse_text(text, "test.yaml")
    (problem,) = [p for p in caught.value.problems if p.severity == "error"]
    assert problem.path == f"sources.2.provenance.{field}"
    assert problem.line == 35
    assert message in problem.message


def _imagery(verification: dict[str, str]) -> Source:
    data = {"id": "I", "type": "imagery", "title": "imagery", "reliability": "high",
            "provenance": {"verification": verification}}
    return Source.model_validate_json(json.dumps(data))


@pytest.mark.parametrize("verification, counted", [
    ({}, "high"),
    ({"geolocated": "yes", "chronolocated": "unknown"}, "high"),
    ({"geolocated": "no"}, "unknown"),
    ({"chronolocated": "no", "source_checked": "yes"}, "unknown"),
])
def test_failed_check_caps_reliability(verification, counted):
    assert evidence.reliability(_imagery(verification)) == counted
