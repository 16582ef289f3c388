"""No memo or page names a witness: a marker planted in every free-text field of a witness source (its
id, title, author, note, locator) appears in no Markdown, Word or HTML memo and no trace explorer; the
pseudonym does. A witness source id written in a fact's note is shown as the pseudonym too.

How notes are screened (docs/incident-format.md, section 4): the fields of a witness source other than
its pseudonym, type, reliability and date never reach an output; free text elsewhere (notes, summaries)
is the investigator's and is shown, with any witness source id replaced by the pseudonym. A name
written out in a note cannot be recognised, so the format's rule is: pseudonyms only in every text.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from engine import api
from engine.load import parse_text

from test_memo import ACCOUNTS

MARK = "Qzmarkerwitness"

FILE = f"""\
schema_version: 1
incident:
  id: witness-test
  title: Strike on a house
  when: {{date: 2017-06-28, precision: day, sources: [S1]}}
  place: {{name: A house, country: Syria}}
  conflict: {{classification: {{value: NIAC, sources: [S1]}}}}
  attacker: {{party: A coalition, states: [United States]}}
  attack: {{type: air_strike}}
  object_struck: {{description: A house, sources: [S1]}}
  civilians:
    present: {{value: true, sources: [W{MARK}], note: "She said she was there (W{MARK})"}}
  precautions:
    warning:
      given: {{value: false, sources: [W{MARK}, S1]}}
sources:
  - {{id: S1, type: ngo_report, title: A report, reliability: high}}
  - id: W{MARK}
    type: witness_interview
    pseudonym: Witness A
    title: Interview with {MARK}
    author: {MARK}'s cousin
    note: Lives next to {MARK}
    locator: notebook of {MARK}, p. 3
    reliability: medium
    date: 2018-02-07
"""


def _outputs(text: str) -> dict[str, str]:
    loaded = parse_text(text, "witness.yaml")
    docx = api.memo(loaded, fmt="docx")
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        word = "".join(package.read(n).decode("utf-8", "replace") for n in package.namelist() if n.endswith(".xml"))
    return {"markdown": api.memo(loaded), "html": api.memo(loaded, fmt="html"), "word": word,
            "trace": api.trace_html(loaded)}


@pytest.mark.parametrize("accounts", [False, True], ids=["one account", "two accounts"])
def test_no_output_names_the_witness(accounts):
    text = FILE.replace("sources:\n  - {id: S1", ACCOUNTS.replace("W1", f"W{MARK}") + "sources:\n  - {id: S1", 1) if accounts else FILE
    for name, out in _outputs(text).items():
        assert MARK.lower() not in out.lower(), name
        assert "Witness A" in out, name
    # the note's own words stay (minus the id): the investigator wrote them, and is told to use pseudonyms
    assert "She said she was there (Witness A)" in _outputs(text)["markdown"]
