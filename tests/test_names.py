"""Comparing names people write (engine/names.py): what makes two pseudonyms, source ids or state names
one name to a reader."""

from __future__ import annotations

import pytest

from engine import names


@pytest.mark.parametrize("a, b, why", [
    ("France", "France ", "differ only in case or spacing"),
    ("Witness A", "witness  a", "differ only in case or spacing"),
    ("S6", "S 6", "differ only in case or spacing"),
    ("S6", "S\u00a06", "differ only in case or spacing"),
    ("S6", "S\u20096", "differ only in case or spacing"),
    ("S6", "S\u30006", "differ only in case or spacing"),
    ("France", "Ｆｒａｎｃｅ", "differ only by invisible characters, width or Unicode normal form"),
    ("W-A", "W\u200b-A", "differ only by invisible characters, width or Unicode normal form"),
    ("José", "Jose\u0301", "differ only by invisible characters, width or Unicode normal form"),
    ("Trader", "Trad\u00ader", "differ only by invisible characters, width or Unicode normal form"),
    ("France", "Fr\u0430nce", "differ only by look-alike letters"),  # Cyrillic a
    ("Trader", "\u0422rader", "differ only by look-alike letters"),  # Cyrillic capital Te
    ("Athens", "\u0391thens", "differ only by look-alike letters"),  # Greek capital Alpha
])
def test_names_that_read_the_same(a, b, why):
    assert names.skeleton(a) == names.skeleton(b)
    assert names.confusion(a, b) == why


@pytest.mark.parametrize("a, b", [
    ("W1", "W2"), ("W1", "Wl"), ("S1", "SI"),  # ASCII letters and digits are told apart
    ("\u0634\u0627\u0647\u062f 1", "\u0634\u0627\u0647\u062f 2"),  # Arabic pseudonyms
    ("Witness A", "Witness A"),  # identical: nothing to report
])
def test_names_that_can_be_told_apart(a, b):
    assert names.confusion(a, b) is None


def test_comparable_form():
    assert names.comparable("  Ｆｒａｎｃｅ\u200b\u00a0 ") == "france"
    assert names.comparable("United\u2028Kingdom") == "unitedkingdom"
    assert names.comparable("Cafe\u0301") == names.comparable("Café") == "café"
