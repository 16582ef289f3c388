"""The standing reference of contested points (docs/contested-points.md): generated from the rules and
the positions by one function, up to date, complete, and the one place the memo refers to."""

from __future__ import annotations

from pathlib import Path

from engine import rulebook, settings
from engine.outputs import contested

DOC = Path(__file__).resolve().parent.parent / "docs" / "contested-points.md"


def test_the_reference_in_docs_is_up_to_date():
    # Regenerate with: python -m engine.outputs.contested > docs/contested-points.md
    assert DOC.read_text(encoding="utf-8") == contested.reference()


def test_every_contested_rule_and_every_reading_of_each_position_is_in_it():
    text = contested.reference()
    book = rulebook.load()
    points = [r for r in book.rules.values() if r.contested]
    assert len(points) > 40
    for rule in points:
        assert f"#### {rule.title}\n" in text and f"(rule {rule.id};" in text
        assert f"(rule {rule.id}; cites {'; '.join(c.label() for c in rule.citations)})" in text
    assert "bound method" not in text  # a citation printed as Python's text of a method (found by a newcomer)
    for name, position in settings.positions().items():
        assert f"(`--position {name}`)" in text
        for reading in position.readings.values():
            assert " ".join(reading.summary.split()) in text
    # the full text, not only its summary: the burden of a mistake about the target, with Galić
    assert "Before a criminal court the burden is the prosecution's" in text
    assert "**In brief.** Who bears the burden of a mistake about the target." in text


def test_every_finding_with_a_contested_note_has_a_brief_for_the_memo():
    book = rulebook.load()
    missing = [r.id for r in book.rules.values() if r.finding and r.contested and not r.contested_brief]
    assert missing == []
