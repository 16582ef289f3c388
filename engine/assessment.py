"""One assessment: an incident (under one account of its facts) through the rules to findings.

:func:`assess` runs every account of a loaded file (or one) and gives one :class:`Assessment` each:
the findings, the trace, the applicable law and the position and parameters applied. This is the layer
the API, the batch runner and the output writers share, so none of them needs another (the API
re-exports it).
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, Sequence

from pydantic import BaseModel, ConfigDict

from engine import accounts, cases, compare, evidence, facts, passes, rulebook, witnesses
from engine.crimes import Crime, crimes
from engine.passes import Pass
from engine.findings import Finding, findings
from engine.infer import Trace, infer
from engine.law import ApplicableLaw, applicable_law
from engine.load import Loaded
from engine.model import Incident, Source
from engine.settings import NOT_ASSESSED, Resolved, Settings

ATTRIBUTION = "attacker.attribution"  # every finding rests on it (engine.findings)


class Assessment(BaseModel):
    """The findings and trace for one incident under one account of its facts.

    ``account`` is None for a file without accounts (the facts as recorded); ``law`` is the
    applicable-law summary; ``settings`` the interpretive position and the parameter values applied
    (see :func:`settings_dict`); ``findings`` follow the rulebook's reading order; ``either_or`` holds,
    where whether the target was lawful is unknown, each hypothesis assessed (:mod:`engine.cases`);
    ``crimes`` the elements of each war crime for the forum applied (:mod:`engine.crimes`; None without
    a forum: they are then not assessed, and ``settings`` says so; an empty list would read as "none
    indicated");
    ``passes`` each release of the attack that restates what was known before it, judged on that
    knowledge (:mod:`engine.passes`): a finding it decides names it (``Finding.release``), and its
    derivation is in that pass's trace (:meth:`trace_of`).
    """

    # Built by the engine from its own results (``model_construct``, as the trace is), so its schema is
    # needed only to serialise it: built then, not at every start (~15 ms a text command never uses).
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    incident_id: str
    title: str
    account: str | None
    account_held_by: str | None
    law: dict[str, Any]
    settings: dict[str, Any]
    findings: list[Finding]
    either_or: list[cases.EitherOr] = []
    crimes: list[Crime] | None = None
    passes: list[Pass] = []
    trace: Trace

    def finding(self, finding_id: str) -> Finding:
        """The finding with id ``finding_id``; raises ``KeyError`` if there is none."""
        for f in self.findings:
            if f.id == finding_id:
                return f
        raise KeyError(finding_id)

    def trace_of(self, finding: Finding) -> Trace:
        """The trace ``finding`` was derived in: that of the pass whose knowledge decided it, else the
        incident's own."""
        return next((p.trace for p in self.passes if p.release == finding.release), self.trace)


def _law_dict(law: ApplicableLaw) -> dict[str, Any]:
    return {
        "classification": law.classification,
        "classification_basis": law.classification_basis,
        "treaty_data_as_of": law.treaty_data_as_of,
        "instruments": [
            {
                "instrument": i.instrument,
                "applies": i.applies,
                "reason": i.reason,
                "rule": i.why,  # the reason without each state's status (given in "states")
                "states": [{"state": s.state, "status": s.status, "text": s.text, "verified": s.verified,
                            "sources": list(s.sources), "declared": s.declared,
                            # the day the treaty entered into force for the state, where the data fixes it
                            "in_force_from": s.in_force_from.isoformat()
                            if s.in_force_from is not None and s.in_force_from == s.in_force_by else None}
                           for s in i.states],
            }
            for i in law.instruments
        ],
    }


def settings_dict(resolved: Resolved) -> dict[str, Any]:
    """The position and parameters a run applied, as shown in JSON and the memo: ``{position,
    position_title, readings: {point: value}, parameters: [{name, value, unit, description, reference,
    date, set_by}], forum, forum_title, forum_standard_of_proof, forum_readings}`` (values in the
    parameter's unit; ``date`` when the file's value was set; the forum of the war-crime elements).
    Without a forum, ``forum`` is None and ``forum_note`` says in one line that the elements of war
    crimes were not assessed and how to add them (:data:`engine.settings.NOT_ASSESSED`)."""
    if resolved.forum is None:
        forum: dict[str, Any] = {"forum": None, "forum_note": NOT_ASSESSED}
    else:
        forum = {
            "forum": resolved.forum,
            "forum_title": resolved.forum_title,
            "forum_standard_of_proof": resolved.forum_standard,
            "forum_readings": dict(resolved.forum_readings),
        }
    return {
        "position": resolved.position,
        "position_title": resolved.position_title,
        "readings": dict(resolved.readings),
        # Each parameter's fields (scalars, and the reference as a list): a shallow copy, as asdict's deep one is slow.
        "parameters": [{f.name: getattr(p, f.name) for f in dataclasses.fields(p)} | {"reference": list(p.reference)}
                       for p in resolved.parameters],
        **forum,
    }


def assess_incident(
    incident: Incident,
    sources: Sequence[Source] = (),
    account: str | None = None,
    held_by: str | None = None,
    run: Settings = Settings(),
    split: bool = True,
    hypothetical: bool = False,
    release: int | None = None,
) -> Assessment:
    """Assess one incident model (already resolved to one account); ``sources`` grade the evidence;
    ``run`` chooses the position, parameters, forum and engine (raises
    :class:`engine.settings.SettingsError`); ``split`` assesses each hypothesis where whether the target
    was lawful is unknown (each one ``hypothetical``: a record with facts assumed, matched by the
    compiled evaluator, see :func:`engine.infer.infer`; its findings are not graded: assumed facts have no
    evidence); without it (a re-run under one hypothesis,
    :mod:`engine.cases`, or of one release) only the attack is re-assessed: the findings against the
    attacking party, without the defending party's findings or the war-crime elements, which read the
    attack's findings and never change them (:attr:`engine.rulebook.Rulebook.attack`). In an attack of
    several releases, each is judged on what was known before it (:mod:`engine.passes`); ``release``
    (0-based) is the one judged, its ``known_before`` already restated in ``incident``. The findings and
    trace cite a witness source by its pseudonym (:func:`engine.witnesses.shown`)."""
    book = rulebook.load(run)
    stage = book.whole if split else book.attack
    shown = witnesses.shown(incident, sources)  # what is shown names a witness by pseudonym (not revalidated)
    trace = infer(book, facts.elements(shown, stage.fact_set, release), stage, "compiled" if hypothetical else run.engine)
    # Read from what is shown: a finding not attributed cites attribution's sources (a witness by pseudonym).
    attribution = facts.elements(shown, {ATTRIBUTION})[ATTRIBUTION]
    law = applicable_law(incident)
    defender_law = applicable_law(incident, "defender") if split else None
    grade = None  # a hypothesis' assumed facts have no evidence to grade against a standard of proof
    if not hypothetical:
        by_id = {s.id: s for s in witnesses.shown(list(sources), sources)}
        fact_sources = {fid: [by_id[i] for i in rec.sources if i in by_id] for fid, rec in trace.facts.items()}
        levels: dict[str, str] = {}  # each fact's level, graded once for every finding citing it
        grade = functools.partial(evidence.grade, fact_sources, known=levels)
    graded = findings(book, trace, law, attribution, shown.attacker.party, defender_law,
                      shown.defender or "the defending party", grade=grade)
    judged = [] if release is not None else passes.judged(incident, passes.at_a_moment(book), assess=lambda view, index: (
        assess_incident(view, sources, account, held_by, run, split=False, hypothetical=hypothetical, release=index)))
    assessment = Assessment.model_construct(
        incident_id=incident.id,
        title=shown.title,
        account=account,
        account_held_by=held_by,
        law=_law_dict(law),
        settings=settings_dict(book.settings),
        findings=passes.concerning(graded, judged),
        crimes=crimes(book, trace, law, defender_law) if split and book.settings.forum else None,
        passes=judged,
        trace=trace,
    )
    if not split:
        return assessment
    either_or = cases.either_or(
        incident, assessment,
        assess=lambda changed: assess_incident(changed, sources, account, held_by, run, split=False, hypothetical=True),
        with_values=lambda changes: compare.incident_with(incident, changes),
        deciding=lambda changed: compare.decisive_facts(changed, run))
    return assessment.model_copy(update={"either_or": either_or}) if either_or else assessment


def assess(loaded: Loaded, account: str | None = None, run: Settings = Settings()) -> list[Assessment]:
    """Assess every account of ``loaded`` (or only ``account``); the base facts if it has none."""
    file = loaded.file
    if account is not None:
        chosen = [account]
    else:
        chosen = accounts.names(file) or [None]
    held_by = {a.name: a.held_by for a in file.accounts}
    return [
        assess_incident(accounts.resolve(file, name), file.sources, name, held_by.get(name) if name else None, run)
        for name in chosen
    ]
