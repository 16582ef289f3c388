"""Either-or findings: where whether the target was lawful is unknown, assess each hypothesis.

Human-rights bodies conclude, where the record cannot say what was attacked, that an attack was
"unlawful on either hypothesis": directed at a civilian object, or, if a military objective was there,
launched without the warning owed or with excessive expected harm. The splits and their hypotheses are
data (``rules/cases/hypotheses.yaml``); for each one, the same rules run on the incident with the hypothesis'
facts set where the record is silent. Nothing here reasons about the law: the case split re-runs the
engine and reads the findings.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field

from engine import datafiles, facts
from engine.model import Incident

Expected = Literal["holds", "fails"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Hypothesis(_Strict):
    """One branch of a split: the facts it sets (element fact path → value) and the outcome of the split
    rule it stands for."""

    id: str
    words: str
    expect: Expected
    set: dict[str, Any] = Field(min_length=1)


class Split(_Strict):
    """A question assessed case by case when the rule ``when_unknown`` is unknown."""

    id: str
    title: str
    when_unknown: str
    hypotheses: list[Hypothesis] = Field(min_length=2)


@cache
def splits() -> list[Split]:
    """The splits of ``rules/cases/hypotheses.yaml``. Raises pydantic's ``ValidationError`` or ``ValueError``
    for a malformed file (a fact path that is not an element fact)."""
    data = datafiles.read("rules", "cases/hypotheses.yaml")
    out = [Split.model_validate(s) for s in data["splits"]]
    for split in out:
        for h in split.hypotheses:
            unknown = sorted(set(h.set) - set(facts.catalogue()))
            if unknown:
                raise ValueError(f"rules/cases/hypotheses.yaml: {split.id}/{h.id} sets unknown facts {unknown}")
    return out


class Branch(BaseModel):
    """One hypothesis as assessed: ``status`` is ``violation`` (some finding indicates a violation),
    ``no_violation`` (none does and none is open), ``open`` (none does, some are inconclusive),
    ``excluded`` (the record contradicts it) or ``not_reached`` (its facts do not settle the split rule).
    ``violations`` are the findings that indicate a violation, with their basis; ``open_findings`` those
    still inconclusive, with their missing facts; ``assumed`` the facts the hypothesis set."""

    model_config = ConfigDict(frozen=True)

    hypothesis: str
    words: str
    status: Literal["violation", "no_violation", "open", "excluded", "not_reached"]
    assumed: dict[str, Any]
    # Plain defaults (pydantic copies them for each instance): a default_factory of a builtin costs a
    # parse of its signature when the model is built, ~1.5 ms each at every start.
    contradicted: list[str] = []
    violations: list[dict[str, Any]] = []
    open_findings: list[dict[str, Any]] = []


class EitherOr(BaseModel):
    """The conclusion of one split: ``conclusion`` is ``unlawful_on_either_hypothesis`` when every
    hypothesis the record leaves possible leads to a violation, ``none`` otherwise (``reason`` says
    precisely why)."""

    model_config = ConfigDict(frozen=True)

    split: str
    title: str
    conclusion: Literal["unlawful_on_either_hypothesis", "none"]
    reason: str
    branches: list[Branch]


Deciding = Callable[[Incident], dict[str, list[Any]]]


def _branch(h: Hypothesis, split: Split, incident: Incident, assess: Callable[[Incident], Any],
            with_values: Callable[[dict[str, Any]], Incident], deciding: Deciding) -> Branch:
    recorded = facts.elements(incident, set(h.set))
    contradicted = sorted(p for p, v in h.set.items() if recorded[p].status != "U" and recorded[p].value != v)
    if contradicted:
        return Branch(hypothesis=h.id, words=h.words, status="excluded", assumed=h.set, contradicted=contradicted)
    assumed = {p: v for p, v in h.set.items() if recorded[p].status == "U"}
    changed = with_values(assumed)
    assessment = assess(changed)
    reached = assessment.trace.node(split.when_unknown).outcome
    # The hypotheses are about the attack: only findings against the attacker bear on them.
    findings = [f for f in assessment.findings if f.against == "attacker"]
    open_ = [{"finding": f.id, "title": f.title, "missing": f.missing_facts} for f in findings if f.status == "inconclusive"]
    if reached != h.expect:
        return Branch(hypothesis=h.id, words=h.words, status="not_reached", assumed=assumed, open_findings=open_)
    violations = [{"finding": f.id, "title": f.title, "basis": f.basis, "rebuttable_by": f.rebuttable_by,
                   "key_facts": f.key_facts} for f in findings if f.status == "violation_indicated"]
    status = "violation" if violations else ("open" if open_ else "no_violation")
    if status == "open":  # name, for each open finding, the facts that alone would make it a violation
        decisive = deciding(changed)
        open_ = [{**f, "would_indicate_a_violation": [d.model_dump() for d in decisive.get(f["finding"], [])
                                                      if d.status == "violation_indicated"]} for f in open_]
    return Branch(hypothesis=h.id, words=h.words, status=status, assumed=assumed, violations=violations,
                  open_findings=open_ if not violations else [])


def either_or(incident: Incident, assessment: Any, assess: Callable[[Incident], Any],
              with_values: Callable[[dict[str, Any]], Incident], deciding: Deciding) -> list[EitherOr]:
    """For each split whose rule is unknown in ``assessment``, the hypotheses assessed.

    ``assess`` assesses an incident model (the same settings as ``assessment``); ``with_values`` gives
    the incident with facts set (validated as a file would be); ``deciding`` gives, for an incident, the
    unknown facts that alone would decide each inconclusive finding (:func:`engine.compare.decisive_facts`).
    Returns one :class:`EitherOr` per split applied, in file order.
    """
    out = []
    for split in splits():
        if assessment.trace.node(split.when_unknown).outcome != "unknown":
            continue
        branches = [_branch(h, split, incident, assess, with_values, deciding) for h in split.hypotheses]
        possible = [b for b in branches if b.status != "excluded"]
        if possible and all(b.status == "violation" for b in possible):
            conclusion, reason = "unlawful_on_either_hypothesis", "every hypothesis the record leaves open leads to a violation"
        else:
            reason = "; ".join(_why_not(b) for b in possible if b.status != "violation") or "the record excludes every hypothesis"
            conclusion = "none"
        out.append(EitherOr(split=split.id, title=split.title, conclusion=conclusion, reason=reason, branches=branches))
    return out


def _why_not(b: Branch) -> str:
    if b.status == "no_violation":
        return f"if {b.words}, no violation is indicated"
    if b.status == "not_reached":
        missing = sorted({m for f in b.open_findings for m in f["missing"]})
        return f"the hypothesis that {b.words} does not settle whether the target was lawful without: {', '.join(missing)}"
    would = [f"{f['title']} if {d['fact'].replace('@time', '.attacker_knowledge')} were {json.dumps(d['value'])}"
             for f in b.open_findings for d in f["would_indicate_a_violation"]]
    if would:
        return f"if {b.words}, no finding indicates a violation on the record; one would be indicated on " + "; ".join(would)
    return f"if {b.words}, no finding indicates a violation, and no single missing fact would make one do so"
