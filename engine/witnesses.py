"""Witness identities: every output names a witness source by its pseudonym, never by its id.

A ``witness_interview`` source's id, title, author, note and locator may identify the witness (an
investigator often files an interview under the witness's name). :func:`shown` relabels an incident
(or its sources) so that the witness's pseudonym stands in for its id wherever the source is cited, and
for its id, title, author or locator wherever one is written in free text (a note, a summary, a
description: :func:`text`); :func:`engine.api.assess_incident` runs the rules on the relabelled
incident, so results, traces, memos and batch lines carry the pseudonym only. A variant of a name (a
nickname, another spelling, the family name alone) cannot be recognised, so the loader also warns
wherever a title, author or locator is written (:func:`mentions`): the file should name the witness by
pseudonym only. The loader checks that a pseudonym cannot be mistaken for
another source's id or pseudonym (:mod:`engine.load`), so the relabelling keeps every citation
distinct, and names a witness in its messages by pseudonym.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata
from enum import Enum
from functools import cache, lru_cache
from typing import Any, Callable, Iterable, Literal, TypeVar

from pydantic import BaseModel

from engine.model import Account, IncidentFile, Source, SourceType

M = TypeVar("M")
CITATIONS = ("sources", "claimed_sources", "damage_sources", "derived_from")  # fields holding source ids


def labels(sources: Iterable[Source]) -> dict[str, str]:
    """Source id → how people see it: the pseudonym for a witness, the id otherwise."""
    return {s.id: s.pseudonym if is_witness(s) else s.id for s in sources}


def is_witness(source: Source) -> bool:
    """Whether ``source`` is a witness interview (shown by pseudonym only)."""
    return source.type is SourceType.witness_interview and bool(source.pseudonym)


def shown(value: M, sources: Iterable[Source]) -> M:
    """``value`` (an incident, a list of sources, any model citing ``sources``) with each witness
    source's id replaced by its pseudonym, in the source itself, in every citation (facts, narrative
    fields, ``derived_from``), and its id, title, author or locator in free text (:func:`text`). The
    same object when nothing changes. The copy is not revalidated (a pseudonym need not match the
    source-id pattern): relabel after any step that validates, only for what is shown."""
    sources = list(sources)
    relabel = {k: v for k, v in labels(sources).items() if k != v}
    names = _names(sources)
    if not relabel and not names:
        return value
    return _relabelled(value, relabel, _Screen(relabel, names))


def text(value: str | None, sources: Iterable[Source]) -> str | None:
    """``value`` with every witness source id written in it (as a whole word: ``W1``, not ``W10``), and
    every witness's title, author or locator written in it (ignoring case, as a whole word or phrase),
    replaced by the witness's pseudonym; None and empty text unchanged."""
    return screen(sources)(value)


def screen(sources: Iterable[Source]) -> Callable[[str | None], str | None]:
    """:func:`text` for ``sources``, made once for the many texts of one file (the witnesses' ids and
    names read once, not for each text)."""
    sources = list(sources)
    relabel = {k: v for k, v in labels(sources).items() if k != v}
    names = _names(sources)
    if not (relabel or names):
        return lambda value: value
    replace = _Screen(relabel, names)
    return lambda value: replace(value) if value else value


def _names(sources: list[Source]) -> dict[str, str]:
    """Each witness source's title, author and locator (folded; as :func:`mentions` compares them) →
    its pseudonym."""
    out: dict[str, str] = {}
    for s in sources:
        if is_witness(s):
            for what in IDENTITY:
                name = getattr(s, what)
                if isinstance(name, str) and _screened(name, s.pseudonym):
                    out.setdefault(name.strip().casefold(), s.pseudonym)
    return out


def _screened(name: str, pseudonym: str) -> bool:
    # names under three characters ("0", "A") would match ordinary text everywhere
    return len(name.strip()) >= 3 and name.strip().casefold() != pseudonym.strip().casefold()


class _Screen:
    """Replaces witness ids (exact, whole word) and names (ignoring case, whole word or phrase) in a
    text by the pseudonym; a controlled term of the format (``air_strike``) is left alone."""

    def __init__(self, relabel: dict[str, str], names: dict[str, str]) -> None:
        self.relabel, self.names = {k.casefold(): v for k, v in relabel.items()}, names
        self.ids = _pattern(tuple(relabel)) if relabel else None
        self.words = _name_pattern(tuple(names)) if names else None

    def __call__(self, value: str) -> str:
        if value in _vocabulary():
            return value
        if self.ids:
            value = _sub(value, self.ids, lambda found: _lookup(found, self.relabel))
        if self.words:
            value = _sub(value, self.words, lambda found: _lookup(found, self.names))
        return value


def _sub(value: str, pattern: re.Pattern[str], replace: Any) -> str:
    """``value`` with each match of ``pattern`` in what a reader sees (:func:`_comparable`) replaced by
    ``replace(match)``, in what is written."""
    seen = value if value.isascii() else _comparable(value)
    out, at = [], 0
    for m in pattern.finditer(seen):
        out += [value[at:m.start()], replace(m[0])]
        at = m.end()
    return "".join(out) + value[at:] if out else value


def _comparable(text: str) -> str:
    """``text`` as a reader sees it, one character for one: each character that compatibility
    normalisation (NFKC) makes a single other one is replaced by it, so a full-width ``Ｗ１`` is ``W1``."""
    return "".join(n if len(n := unicodedata.normalize("NFKC", c)) == 1 else c for c in text)


def _lookup(found: str, table: dict[str, str]) -> str:
    """The pseudonym for ``found``, a match ignoring case of a key of ``table`` (keys case-folded),
    also where case-folding spells it otherwise than the match did (ß, ﬁ, a dotless ı for an i)."""
    known = table.get(found.casefold())
    if known is not None:
        return known
    return table[next(n for n in table if re.fullmatch(re.escape(n), found, re.IGNORECASE))]


# One pattern per distinct set of witness ids or names: bounded, so a batch of many files does not
# keep one for each (a pattern is ~0.7 KB; bench/README.md).
@lru_cache(maxsize=512)
def _pattern(ids: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so that of two ids one of which begins the other the longer is replaced whole.
    # In any case: two ids that differ only in case are one id (engine.load), so `w-hassan` names W-Hassan.
    names = "|".join(re.escape(i) for i in sorted(ids, key=lambda i: (-len(i), i)))
    return re.compile(rf"(?<![\w.-])(?:{names})(?![\w.-])", re.IGNORECASE)


@lru_cache(maxsize=512)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    # Whole words or phrases (letters, digits and "_" continue a word, as in mentions()), longest first.
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _relabelled(value: Any, relabel: dict[str, str], screen: "_Screen", cites: bool = False) -> Any:
    if isinstance(value, BaseModel):
        update = {}
        for name in _textual(type(value)):
            old = getattr(value, name)
            if old is None:
                continue
            if name in CITATIONS and isinstance(old, list) and all(isinstance(v, str) for v in old):
                new = _cited(old, relabel)  # a list of source ids, the commonest field: no visit per id
            else:
                new = _relabelled(old, relabel, screen, name in CITATIONS)
            if new is not old:
                update[name] = new
        if isinstance(value, Source) and value.id in relabel:
            update["id"] = relabel[value.id]
        return value.model_copy(update=update) if update else value
    if isinstance(value, list):
        if cites and all(isinstance(v, str) for v in value):
            return _cited(value, relabel)
        items = [relabel.get(v, v) if cites and isinstance(v, str) else _relabelled(v, relabel, screen) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else items
    if isinstance(value, dict):
        items = {k: _relabelled(v, relabel, screen) for k, v in value.items()}
        return value if all(items[k] is value[k] for k in value) else items
    if isinstance(value, str) and not isinstance(value, Enum):  # a controlled term is not text
        new = screen(value)
        return value if new == value else new
    return value


def _cited(ids: list[str], relabel: dict[str, str]) -> list[str]:
    """A list of source ids with each witness id replaced by its pseudonym; the same list when it cites
    no witness (most do not)."""
    return ids if relabel.keys().isdisjoint(ids) else [relabel.get(v, v) for v in ids]


@cache
def _textual(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that may hold text to relabel (a string, a citation, a nested model), in
    declaration order: never an identifier (a source's own id is relabelled apart, an account's name is
    a name of the file's own), and never a field whose values are all numbers, booleans, dates, enums
    or literals (controlled terms, left as they are), so the walk does not visit them."""
    return tuple(name for name, info in model.model_fields.items()
                 if name != "id" and not (name == "name" and issubclass(model, Account)) and _may_hold_text(info.annotation))


def _may_hold_text(annotation: Any) -> bool:
    """Whether a value of type ``annotation`` may be or hold a string other than a controlled term."""
    if annotation in (int, float, bool, type(None), dt.date, dt.time, dt.datetime):
        return False
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return False
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return False
    if origin is typing.Annotated:  # a constrained type (a non-negative number, a text): the type constrained
        return _may_hold_text(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_may_hold_text(a) for a in typing.get_args(annotation))
    return True


# A witness source's fields that may name the witness (outputs replace each, and its id, by the
# pseudonym wherever it is written: see shown(); the loader warns, since a variant is not recognised).
IDENTITY = ("title", "author", "locator")


def mentions(data: Any) -> list[tuple[tuple[Any, ...], str, str]]:
    """Where a witness's identity is written into other free text of raw incident-file ``data``: a list
    of ``(field path, witness source id, which of its fields)``, one per field and witness, in file order.

    A witness source's ``title``, ``author`` or ``locator`` (compared case-folded, as a whole word or
    phrase, unless it is the pseudonym itself) found in any text outside the witness sources and outside
    citation lists, e.g. a fact's ``note``: outputs replace it by the pseudonym, but not a variant of it
    (another spelling, the family name alone), so the loader warns that it must be removed. Linear in the size of ``data`` (one Aho-Corasick automaton for every name at once).
    """
    entries = data.get("sources") if isinstance(data, dict) else None
    entries = entries if isinstance(entries, list) else []
    witness = [isinstance(e, dict) and e.get("type") == SourceType.witness_interview.value
               and isinstance(e.get("id"), str) and isinstance(e.get("pseudonym"), str) and e["pseudonym"].strip()
               for e in entries]
    patterns: dict[str, tuple[str, str]] = {}  # folded name → (witness id, field)
    for entry in (e for e, w in zip(entries, witness) if w):
        for what in IDENTITY:
            name = entry.get(what)
            # names under three characters ("0", "A") would match ordinary text everywhere
            if isinstance(name, str) and _screened(name, entry["pseudonym"]):
                patterns.setdefault(name.strip().casefold(), (entry["id"], what))
    if not patterns:
        return []
    automaton = _Automaton(patterns)
    found = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        loc, node = stack.pop()
        if isinstance(node, str):
            if node in _vocabulary():
                continue  # a controlled term ("air_strike") is printed from the engine's labels, not as written
            seen: set[str] = set()
            for sid, what in automaton.matches(node.casefold()):
                if sid not in seen:
                    seen.add(sid)
                    found.append((loc, sid, what))
            continue
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in reversed(list(items)):
            if key == "id" or (key in CITATIONS and isinstance(value, list)) or (loc == ("sources",) and isinstance(node, list) and witness[key]):
                continue  # ids are identifiers, not text; citations are relabelled; a witness's own fields are never printed
            stack.append((loc + (key,), value))
    return found


@cache
def _vocabulary() -> frozenset[str]:
    """Every controlled term of the incident format: the text values of every enum and literal type its
    fields use (what its JSON schema lists as ``enum`` or ``const``; read from the types, since building
    the schema took a tenth of a second at every start)."""
    terms: set[str] = set()
    models: set[type] = set()

    def walk(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            terms.update(m.value for m in annotation if isinstance(m.value, str))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in models:
                models.add(annotation)
                for info in annotation.model_fields.values():
                    walk(info.annotation)
        elif typing.get_origin(annotation) is Literal:
            terms.update(a for a in typing.get_args(annotation) if isinstance(a, str))
        else:
            for arg in typing.get_args(annotation):
                walk(arg)

    walk(IncidentFile)
    return frozenset(terms)


class _Automaton:
    """Aho-Corasick over characters: every pattern (folded name → (witness id, field)) found in a text
    in one pass over it."""

    def __init__(self, patterns: dict[str, tuple[str, str]]) -> None:
        self.goto: list[dict[str, int]] = [{}]
        self.fail = [0]
        self.out: list[list[str]] = [[]]
        self.patterns = patterns
        for pattern in patterns:
            node = 0
            for char in pattern:
                if char not in self.goto[node]:
                    self.goto.append({})
                    self.fail.append(0)
                    self.out.append([])
                    self.goto[node][char] = len(self.goto) - 1
                node = self.goto[node][char]
            self.out[node].append(pattern)
        queue = list(self.goto[0].values())
        for node in queue:  # breadth first: a node's fail link is set before its children's
            for char, child in self.goto[node].items():
                queue.append(child)
                back = self.fail[node]
                while back and char not in self.goto[back]:
                    back = self.fail[back]
                self.fail[child] = self.goto[back].get(char, 0)
                self.out[child] = self.out[child] + self.out[self.fail[child]]

    def matches(self, text: str) -> Iterable[tuple[str, str]]:
        """(witness id, field) for each pattern found in ``text`` as a whole word or phrase."""
        node = 0
        for end, char in enumerate(text, 1):
            while node and char not in self.goto[node]:
                node = self.fail[node]
            node = self.goto[node].get(char, 0)
            for pattern in self.out[node]:
                start = end - len(pattern)
                if not (start > 0 and _word(text[start - 1])) and not (end < len(text) and _word(text[end])):
                    yield self.patterns[pattern]


def _word(char: str) -> bool:
    """Whether ``char`` continues a word: letters, digits and the underscore of identifiers."""
    return char.isalnum() or char == "_"
