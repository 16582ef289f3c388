"""Findings: one per legal question, read off the trace.

A finding rule's outcome becomes a status: the outcome its ``finding.violation_when`` names gives
``violation_indicated``, the opposite gives ``no_violation_indicated``, unknown gives ``inconclusive``
and an applicable exception gives ``not_applicable``. The words are deliberate: the engine says what
the recorded facts *indicate*, never that a violation occurred.

Citations are filtered by the applicable law: the customary rule is always cited, a treaty article
only where the treaty binds the attacker in this conflict; the others are listed as not cited, with
the reason, so a reader sees what was left out and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Literal, Mapping

from pydantic import BaseModel, ConfigDict

from engine.evidence import Evidence
from engine.facts import Element
from engine.infer import Basis, Trace, TraceNode
from engine.law import ApplicableLaw
from engine.rulebook import Citation, Rulebook

Status = Literal["violation_indicated", "no_violation_indicated", "inconclusive", "not_applicable"]
DECIDED = ("violation_indicated", "no_violation_indicated")  # the statuses that conclude something
STATUSES: tuple[Status, ...] = ("violation_indicated", "no_violation_indicated", "inconclusive", "not_applicable")


class CitationOut(BaseModel):
    """A citation as shown in a finding: its label (``"CIHL Rule 14"``) and any note."""

    model_config = ConfigDict(frozen=True)

    label: str
    instrument: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """The answer to one legal question for one incident (and one account of its facts).

    ``key_facts`` and ``missing_facts`` are element fact ids (see the trace's ``facts``); ``trace``
    lists the rule ids of the derivation, the finding's own rule last; ``sources`` are source ids;
    ``evidence`` grades the key facts against the standards of proof (:mod:`engine.evidence`);
    ``basis`` says whether the conclusion is established from recorded observations, rests on a body's
    recorded assessment, or holds prima facie (on a presumption, or an exception the party invoking it
    has not shown), and ``rebuttable_by`` names those presumptions (rule ids) and exceptions (fact or
    rule ids); ``presumptions`` lists the presumptions it rests on. An inconclusive finding concludes
    nothing, so it rests on no presumption and nothing rebuts it: both lists are empty, and its ``basis``
    describes only the part of the derivation reached (text and memo do not show it). ``against`` says
    whose conduct the finding is about (``attacker`` or ``defender``) and ``party`` names that party. In
    an attack made of several releases, some of which restate what was known before them, a finding
    judged at a moment (proportionality, precautions, follow-on strikes) says in ``concerns`` which pass
    it concerns and on what knowledge, and ``release`` is that release's number where its own knowledge
    decided the finding (None: the incident's facts as recorded; :mod:`engine.passes`). A plain
    dataclass (built by the engine, never from input); pydantic serialises it inside an assessment.
    """

    id: str
    principle: str
    title: str
    question: str
    status: Status
    explanation: str
    citations: list[CitationOut]
    not_cited: list[CitationOut] = field(default_factory=list)
    contested: str | None = None
    key_facts: list[str] = field(default_factory=list)
    missing_facts: list[str] = field(default_factory=list)
    excluded_facts: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)
    evidence: Evidence | None = None
    basis: Basis = "established"
    rebuttable_by: list[str] = field(default_factory=list)
    presumptions: list[str] = field(default_factory=list)
    against: Literal["attacker", "defender"] = "attacker"
    party: str | None = None
    release: int | None = None
    concerns: str | None = None


def _status(outcome: str, violation_when: str) -> Status:
    if outcome == "unknown":
        return "inconclusive"
    if outcome == "not_applicable":
        return "not_applicable"
    return "violation_indicated" if outcome == violation_when else "no_violation_indicated"


def _derivation(nodes: Mapping[str, TraceNode], rule_id: str) -> list[str]:
    """Rule ids the conclusion rests on, depth first, each once, ``rule_id`` last (``nodes``: the
    trace's nodes by rule id)."""
    seen: list[str] = []

    def visit(rid: str) -> None:
        for p in nodes[rid].premises:
            if p.kind == "rule" and p.id not in seen:
                visit(p.id)
        if rid not in seen:
            seen.append(rid)

    visit(rule_id)
    return seen


def _citations(citations: list[Citation], law: ApplicableLaw) -> tuple[list[CitationOut], list[CitationOut]]:
    """``citations`` split into those cited under ``law`` and those not cited, each not cited with the
    reason (whether each applies is asked once)."""
    cited, not_cited = [], []
    for c in citations:
        if law.applies(c.instrument):
            cited.append(_shown(c, c.note))
        else:
            not_cited.append(_shown(c, f"not cited: {law.reason(c.instrument)}"))
    return cited, not_cited


@lru_cache(maxsize=4096)
def _one_line(text: str) -> str:
    """``text`` with its runs of white space made single spaces (the rules' texts, folded in the YAML:
    a few hundred strings that recur in every incident, so each is folded once)."""
    return " ".join(text.split())


_SHOWN: dict[tuple[int, str | None], tuple[Citation, CitationOut]] = {}


def _shown(c: Citation, note: str | None) -> CitationOut:
    """Citations are immutable and recur in every incident: each one is built once, found again by the
    citation's identity (hashing the model cost more than building it; the citation is kept with it, so
    its identity is not reused while it is cached)."""
    hit = _SHOWN.get((id(c), note))
    if hit is None or hit[0] is not c:
        if len(_SHOWN) >= 4096:  # rulebooks of other settings come and go: keep it bounded
            _SHOWN.clear()
        hit = _SHOWN[(id(c), note)] = (c, CitationOut.model_construct(label=c.label(), instrument=c.instrument, note=note))
    return hit[1]


# How a finding says what it rests on where the attack is not attributed to the attacking party
# (``attacker.attribution`` false: the finding does not apply) or its attribution is unknown.
NOT_ATTRIBUTED = ("The attack is not attributed to {party} on these facts (attacker.attribution is recorded as false), "
                  "so no finding against {party} applies. Had it been attributed: ")
ATTRIBUTION_UNKNOWN = (" This finding rests on the attack being attributed to {party}, which the record does not "
                       "establish (attacker.attribution is unknown).")


def _attributed(fields: dict[str, Any], attribution: Element | None, party: str) -> dict[str, Any]:
    """Every finding is a finding against the attacking party, so it rests on the attack being attributed
    to that party (``attacker.attribution``): where the record says it is not, the finding does not
    apply; where it does not say, the finding says what it rests on. ``fields`` are a finding's
    :class:`Finding` fields as the trace gives them; returns them as they stand on attribution."""
    if attribution is None or attribution.status == "T":
        return fields
    if attribution.status == "F":
        return fields | dict(
            status="not_applicable",
            explanation=NOT_ATTRIBUTED.format(party=party) + fields["explanation"],
            key_facts=[], missing_facts=[], excluded_facts=[], sources=list(attribution.sources),
            rebuttable_by=[], presumptions=[],
        )
    return fields | dict(explanation=fields["explanation"] + ATTRIBUTION_UNKNOWN.format(party=party))


def on_attribution(explanation: str, party: str) -> tuple[str, str | None]:
    """A finding's ``explanation`` without what it says of attribution, and which it said: ``(text,
    "not_attributed" | "unknown" | None)``, so that a memo says it once rather than in every finding."""
    head, tail = NOT_ATTRIBUTED.format(party=party), ATTRIBUTION_UNKNOWN.format(party=party)
    if explanation.startswith(head):
        return explanation[len(head):], "not_attributed"
    if explanation.endswith(tail):
        return explanation[: -len(tail)], "unknown"
    return explanation, None


def statuses(rulebook: Rulebook, outcomes: Mapping[str, str]) -> dict[str, Status]:
    """Finding id → status, in rulebook reading order, from each rule's outcome (rule id → ``holds`` /
    ``fails`` / ``unknown`` / ``not_applicable``; the findings of the rules in ``outcomes``): the
    ``status`` :func:`findings` gives (before attribution), without building a trace, for the what-if
    sweeps of :mod:`engine.compare`."""
    return {rule.id: _status(outcomes[rule.id], rule.finding.violation_when) for rule in rulebook.findings()
            if rule.id in outcomes}


def findings(rulebook: Rulebook, trace: Trace, law: ApplicableLaw, attribution: Element | None = None,
             party: str = "the attacking party", defender_law: ApplicableLaw | None = None,
             defender: str = "the defending party",
             grade: Callable[[list[str]], Evidence] | None = None) -> list[Finding]:
    """One :class:`Finding` per finding rule the trace ran (every one, or those against the attacking
    party on a re-run of the attack: :attr:`engine.rulebook.Rulebook.attack`), in rulebook reading order.

    ``attribution`` is the element fact ``attacker.attribution`` and ``party`` the attacking party's
    name: every finding against the attacker rests on attribution (see :func:`_attributed`). A finding
    against the defending party (``defender``, its name) rests on that party's own conduct, and its
    treaty citations follow ``defender_law`` (the law binding that party; ``law`` when None). ``grade``
    grades a decided finding's key facts (:func:`engine.evidence.grade`): only a decided finding has a
    standard of proof; an inconclusive one is open for a missing fact, a not-applicable one answers no
    question of fact (docs/evidence.md)."""
    principle_of = rulebook.principle_of
    laws = {"attacker": law, "defender": defender_law or law}
    names = {"attacker": party, "defender": defender}
    ran = {n.rule: n for n in trace.nodes}
    out = []
    for rule in rulebook.findings():
        node = ran.get(rule.id)
        if node is None:
            continue
        decided = node.outcome != "unknown"
        citations, not_cited = _citations(rule.citations, laws[rule.against])
        fields = dict(
            id=rule.id,
            principle=principle_of[rule.id],
            title=rule.title,
            question=_one_line(rule.question),
            status=_status(node.outcome, rule.finding.violation_when),
            explanation=_one_line(node.explanation),
            citations=citations,
            not_cited=not_cited,
            contested=_one_line(rule.contested) if rule.contested else None,
            key_facts=node.facts,
            missing_facts=node.missing,
            excluded_facts=node.excluded,
            sources=node.sources,
            trace=_derivation(ran, rule.id),
            basis=node.basis,
            rebuttable_by=node.rebuttable_by if decided else [],
            presumptions=node.presumptions if decided else [],
            against=rule.against,
            party=names[rule.against],
        )
        # Built once, on attribution as it stands (a finding against the attacker rests on it).
        if rule.against == "attacker":
            fields = _attributed(fields, attribution, party)
        if grade is not None and fields["status"] in DECIDED:
            fields["evidence"] = grade(fields["key_facts"])
        out.append(Finding(**fields))
    return out
