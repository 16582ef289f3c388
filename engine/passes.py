"""Attacks in several passes: each release judged on what was known before it.

Where ``attack.sequence`` lists several releases or passes, the rules judged at a moment (the finding
rules of ``ex_ante`` perspective: proportionality; the precautions, cancelling or suspending among
them; follow-on strikes) are judged once per release, on the incident as it stood before that release:
the facts its ``known_before`` restates replace the incident's (civilians seen running out, rescuers
arriving), and the facts read from the sequence (same point as the previous, wounded or rescuers
there, an objective remaining) are that release's own. The attacker's duties run before and during the attack, on the information
available at each moment (AP I arts 51(5)(b), 57(2)(a)(iii) and (b); CIHL Rules 14, 18, 19). The same
rules run on each view; nothing here reasons about the law.

A finding on the attack as a whole then concerns the release that decides it: the one whose status
weighs most (a violation indicated, then open, then none, then not applicable), the earliest on a tie.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

from pydantic import BaseModel, ConfigDict

from engine import accounts, facts
from engine.findings import Finding, Status
from engine.infer import Trace
from engine.model import Incident
from engine.rulebook import Rulebook

# Which release's status decides what a finding on the whole attack concerns.
_WEIGHT: dict[Status, int] = {"violation_indicated": 3, "inconclusive": 2, "no_violation_indicated": 1, "not_applicable": 0}


class Pass(BaseModel):
    """One release judged on what was known before it.

    ``release`` is its number in ``attack.sequence`` (1-based); ``name`` how the trace names it;
    ``restated`` the fact paths (relative to ``incident``) its ``known_before`` restates, empty where it
    is judged on the incident's own facts; ``judged_on`` says which, in words; ``findings`` the
    findings of the rules judged at a moment, on that knowledge; ``trace`` their derivation.
    """

    # Built where an attack has several releases, not at every start (its schema holds the trace's).
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    release: int
    name: str
    restated: list[str]
    judged_on: str
    findings: list[Finding]
    trace: Trace


def at_a_moment(book: Rulebook) -> set[str]:
    """Ids of the finding rules judged on what was known at a moment (``perspective: ex_ante``)."""
    return {r.id for r in book.findings() if r.perspective == "ex_ante"}


def judged(incident: Incident, moment: set[str], assess: Callable[[Incident, int], Any]) -> list[Pass]:
    """Each release of an attack of several, judged on what was known before it; none for an attack of
    one release.

    ``assess(view, index)`` runs the rules on ``view`` (the incident with the facts release ``index``
    (0-based) restates in ``known_before`` in place of its own) reading the facts of the later releases
    from that release alone (:func:`engine.facts.elements`), and gives its assessment (``findings`` and
    ``trace``; the same position and parameters as the incident's own); ``moment`` names the findings
    kept (:func:`at_a_moment`). Raises pydantic's ``ValidationError`` if a restated fact is ill-typed
    (the loader has already refused such a file, naming the field and line).
    """
    sequence = incident.attack.sequence
    if len(sequence) < 2:
        return []
    out = []
    for index, release in enumerate(sequence):
        view = accounts.restate(incident, release.known_before) if release.known_before else incident
        assessed = assess(view, index)
        restated = sorted(release.known_before)
        out.append(Pass(release=index + 1, name=facts.release_name(incident, index), restated=restated,
                        judged_on=_judged_on(index, restated), trace=assessed.trace,
                        findings=[f for f in assessed.findings if f.id in moment]))
    return out


def _judged_on(index: int, restated: list[str]) -> str:
    if restated:
        return (f"judged on what was known before it (restated in attack.sequence[{index}].known_before: "
                f"{', '.join(restated)})")
    return "judged on the incident's facts (its known_before restates none)"


def concerning(found: list[Finding], passes: list[Pass]) -> list[Finding]:
    """``found`` (the findings on the incident's own facts) with each finding judged at a moment replaced
    by that of the release that decides it (see the module docstring), ``release`` naming it and
    ``concerns`` saying on what knowledge it was judged and where else the status is the same.
    Unchanged for an attack of one release."""
    per: dict[str, list[tuple[Pass, Finding]]] = {}
    for p in passes:
        for f in p.findings:
            per.setdefault(f.id, []).append((p, f))
    out = []
    for f in found:
        if f.id not in per:
            out.append(f)
            continue
        candidates = per[f.id]
        p, chosen = max(candidates, key=lambda pf: _WEIGHT[pf[1].status])  # the first of the heaviest
        same = [q.name for q, g in candidates if g.status == chosen.status and q is not p]
        concerns = f"{p.name}, {p.judged_on}" + (f"; the same status on {'; '.join(same)}" if same else "")
        out.append(dataclasses.replace(chosen, release=p.release, concerns=concerns))
    return out
