"""Comparing names people write: pseudonyms, source ids, state names, account holders.

Two names are one name to a reader when they differ only in what a reader cannot see or would not
notice: invisible characters (zero-width spaces and joiners, soft hyphens, variation selectors), width
and compatibility forms (full-width ``Ｆｒａｎｃｅ``, ligatures), Unicode normal form (``é`` as one
character or as ``e`` + accent), case, white space (any, anywhere: ``S 6`` is ``S6``), or look-alike
letters from another script (Cyrillic ``а`` in ``Frаnce``). :func:`comparable` removes all but the last; :func:`skeleton` the last
too. Use them to compare, never to display: what is shown is always the name as written.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from engine.model import _INVISIBLE


def comparable(text: str) -> str:
    """``text`` in the form two names are compared in: NFKC-normalised (width, compatibility forms and
    normal form), invisible characters and all white space removed (format characters such as U+200B
    and U+200D, soft hyphens, variation selectors, fillers; spaces of every width, U+00A0, U+2009,
    U+3000: ``S 6`` reads as ``S6``), case folded.
    ``comparable("Ｆｒａｎｃｅ\\u200b ") == comparable("france") == "france"``."""
    text = unicodedata.normalize("NFKC", text)
    kept = "".join("" if c.isspace() or _invisible(c) else c for c in text)
    return unicodedata.normalize("NFKC", kept.casefold())


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or bool(_INVISIBLE.fullmatch(char))


def skeleton(text: str) -> str:
    """``text`` with every non-ASCII character that looks like an ASCII letter, digit or sign replaced
    by that character (Cyrillic ``а`` and ``Т`` → ``a`` and ``T``, Greek ``ο`` → ``o``, Cherokee ``Ꭺ``
    → ``A``), after the Unicode confusables list (UTS #39) as packaged by ``confusable-homoglyphs``,
    then made :func:`comparable`. ASCII characters are kept as they are, so ``l``, ``1`` and ``I`` stay
    distinct. Two names with the same skeleton would be taken for one another."""
    if text.isascii():  # nothing to replace: the 1 MB table is read only for a name that needs it
        return comparable(text)
    table = _ascii_lookalikes()
    return comparable("".join(table.get(c, c) for c in unicodedata.normalize("NFKC", text)))


@cache
def _ascii_lookalikes() -> dict[str, str]:
    """Non-ASCII character → the ASCII character it looks like (the first in code-point order where
    several), from ``confusable_homoglyphs``' copy of the Unicode confusables data."""
    from confusable_homoglyphs import confusables  # loads 1 MB of data: only when a name is compared

    table = {}
    for char, glyphs in confusables.confusables_data.items():
        ascii_ = sorted(g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii())
        if not char.isascii() and ascii_:
            table[char] = ascii_[0]
    return table


def confusion(a: str, b: str) -> str | None:
    """Why ``a`` and ``b``, if they are different strings, would be taken for one another: ``"differ
    only in case or spacing"``, ``"differ only by invisible characters, width or Unicode normal form"``,
    ``"differ only by look-alike letters"``; ``None`` when they are identical or can be told apart."""
    if a == b or skeleton(a) != skeleton(b):
        return None
    if "".join(a.split()).casefold() == "".join(b.split()).casefold():
        return "differ only in case or spacing"
    if comparable(a) == comparable(b):
        return "differ only by invisible characters, width or Unicode normal form"
    return "differ only by look-alike letters"
