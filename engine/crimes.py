"""The elements of war crimes, for the forum selected: the crimes of ``rules/90_war_crimes.yaml`` read
off the trace.

A crime rule is the conjunction of its elements, compiled and matched like every rule; this module only
names its outcome in the words of the criminal law and lists each element with its status and the
evidence that would show it. The words are deliberate: the engine never says that a crime was committed.

* ``elements_indicated``: the recorded facts indicate every element the forum requires;
* ``not_all_elements_shown``: some element is not shown on the record (``still_to_show`` names them);
* ``elements_not_indicated``: the record shows an element absent;
* ``not_applicable``: the kind of object or conduct the crime is about is not in play (a residential
  house struck, for attacking protected buildings: the crime's ``in_play`` rule fails), outside the
  ICC's jurisdiction on the record (Rome Statute arts 11-13, 126, as far as the treaty-status data
  tells), or the other kind of armed conflict (``reason`` says which).

A forum (``rules/forums/``) decides the mental element, whether a result is required and whether the
ICC's jurisdiction gates the crime; its standard of proof is stated with the elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from engine.infer import Basis, Trace
from engine.law import ApplicableLaw
from engine.rulebook import Rulebook

CrimeStatus = Literal["elements_indicated", "not_all_elements_shown", "elements_not_indicated", "not_applicable"]
CRIME_STATUS: dict[str, CrimeStatus] = {
    "holds": "elements_indicated", "unknown": "not_all_elements_shown",
    "fails": "elements_not_indicated", "not_applicable": "not_applicable",
}
ElementStatus = Literal["shown", "not_shown", "absent"]
ELEMENT_STATUS: dict[str, ElementStatus] = {
    "holds": "shown", "unknown": "not_shown", "fails": "absent", "not_applicable": "absent",
}


@dataclass(frozen=True, slots=True)
class CrimeElement:
    """One element of a crime as the record shows it: ``kind`` material, mental or contextual;
    ``status`` shown / not_shown / absent; ``proof`` the evidence that would show it; ``key_facts`` and
    ``missing_facts`` element fact ids; ``basis`` as for a finding (prima facie where it rests on a
    presumption)."""

    id: str
    title: str
    kind: str
    status: ElementStatus
    explanation: str
    proof: str
    citations: list[str]
    key_facts: list[str] = field(default_factory=list)
    missing_facts: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    basis: Basis = "established"
    contested: str | None = None


@dataclass(frozen=True, slots=True)
class Crime:
    """One war crime's elements for one incident, before the forum selected (``forum``). ``statute`` is
    how that forum reaches it (the Rome Statute provision before the ICC; before an ICTY-style tribunal,
    the ICTY Statute's art. 3 with the Rome Statute provision whose elements are set out).

    ``party`` whose forces' conduct the crime is about (``attacker``, or ``defender`` for the defending
    party's use of human shields); ``status`` (see the module docstring); ``still_to_show`` the ids of the
    elements not shown or absent, in the crime's order; ``reason`` why the crime is not applicable, else None;
    ``jurisdiction`` what the treaty data tells of the ICC's jurisdiction, where the forum is gated by
    it and does not exclude the crime."""

    id: str
    title: str
    statute: str
    forum: str
    party: str
    status: CrimeStatus
    explanation: str
    elements: list[CrimeElement]
    still_to_show: list[str]
    citations: list[str]
    reason: str | None = None
    jurisdiction: str | None = None
    contested: str | None = None


def _words(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def _rome(law: ApplicableLaw, party: str = "attacker") -> str:
    """What the treaty data tells of the ICC's jurisdiction over ``party``'s forces (``law`` is that
    party's applicable law)."""
    rome = next(i for i in law.instruments if i.instrument == "Rome Statute")
    if party == "attacker":
        return rome.reason
    if not rome.states:
        return ("over the defending party's forces: no state of theirs is recorded (none for an organised armed "
                "group), so the ICC's jurisdiction would rest on the territory or a referral, which are not assessed")
    return f"over the defending party's forces: {rome.reason}"


KIND_WORDS = {"IAC": "an international", "NIAC": "a non-international"}


def _reason(rule_kinds: list[str], classification: str | None, law: ApplicableLaw, party: str,
            other_kind: str, not_in_play: str | None = None) -> str:
    """Why a crime is not applicable: what it is about is not in play (``not_in_play``, the ``fails``
    explanation of its ``in_play`` rule), the other kind of conflict (in the forum's words,
    ``other_kind``: see :class:`engine.settings.Forum`), or no ICC jurisdiction on the record."""
    if not_in_play:
        return not_in_play[:1].lower() + not_in_play[1:]
    if classification is not None and classification not in rule_kinds:
        (kind,) = rule_kinds
        return other_kind.format(kind=KIND_WORDS[kind], other=KIND_WORDS.get(classification, classification),
                                 classification=classification)
    return f"there is no ICC jurisdiction on the record: {_rome(law, party)}"


def crimes(book: Rulebook, trace: Trace, law: ApplicableLaw, defender_law: ApplicableLaw) -> list[Crime]:
    """The elements of every war crime of ``book`` on ``trace``, in reading order, for the forum ``book``
    was built with. ``law`` gives the classification and the ICC's jurisdiction as the treaty data
    tells it (for ``reason``), for the attacking party; ``defender_law`` for a crime whose perpetrator
    would be of the defending party (``against: defender``)."""
    out = []
    gated = book.settings.reading("jurisdiction") == "rome_statute"
    mental = book.settings.reading("mental_element")  # the forum's standard words the mental elements
    for rule in book.crimes():
        law_of = defender_law if rule.against == "defender" else law
        node = trace.node(rule.id)
        elements = []
        for element_id in book.elements_of(rule.id):
            e, en = book.rules[element_id], trace.node(element_id)
            elements.append(CrimeElement(
                id=element_id, title=e.element.title_for(mental, e.title), kind=e.element.kind, status=ELEMENT_STATUS[en.outcome],
                explanation=_words(en.explanation), proof=_words(e.element.proof),
                citations=[c.label() for c in e.citations], key_facts=en.facts, missing_facts=en.missing,
                sources=en.sources, basis=en.basis, contested=_words(e.contested),
            ))
        status = CRIME_STATUS[node.outcome]
        gate = rule.crime.in_play
        not_in_play = _words(book.rules[gate].explanation.fails) if gate and trace.node(gate).outcome == "fails" else None
        out.append(Crime(
            id=rule.id, title=rule.title, statute=book.settings.forum_charge.format(statute=rule.crime.statute),
            forum=book.settings.forum, party=rule.against,
            status=status,
            explanation=_words(node.explanation), elements=elements,
            still_to_show=[e.id for e in elements if e.status != "shown"],
            citations=[c.label() for c in rule.citations],
            reason=_reason(list(rule.applies_in), law_of.classification, law_of, rule.against,
                           book.settings.forum_other_kind, not_in_play)
            if status == "not_applicable" else None,
            jurisdiction=_rome(law_of, rule.against) if gated and status != "not_applicable" else None,
            contested=_words(rule.contested),
        ))
    return out
