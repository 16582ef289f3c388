"""Applicable law: which instruments bind the attacker in this conflict, and so which citations apply.

The rules of the ICRC Customary IHL Study bind every party, state or armed group, in IAC and NIAC
alike, so they are always cited. A treaty article is cited only where the treaty binds the attacker
in that conflict (TREATY-STATUS.md, note A):

* **AP I** applies in an international armed conflict to the attacking states that were party to it on
  the date of the attack. (Strictly the adversary must also be a party or accept and apply it: AP I
  art. 96(2), common art. 2(3); the engine does not check the adversary.)
* **AP II** applies in a non-international armed conflict on the territory of a state party to it
  (AP II art. 1(1)); as treaty law it is cited against an attacking state only if that state was party
  too (a foreign state supporting the territorial state is not bound by a treaty it has not joined).
  The art. 1(1) threshold (responsible command, control of territory by the armed group) is not
  assessed by the engine and is reported as an assumption.
* The dates compared are those of becoming party in the treaty-status data; entry into force for the
  state comes later (AP I art. 95(2), AP II art. 23(2): six months), which the engine does not add.
  Where the data gives no date, the application is reported as undetermined.
* Case law and interpretive guidance (ICTY, ICRC Interpretive Guidance, Elements of Crimes), policy
  instruments (the 2022 Political Declaration on explosive weapons in populated areas) and states'
  manuals and statements are persuasive authority, cited as such in any conflict.

Treaty status comes from ``rules/treaties/status.yaml`` (dated data with sources; see its header).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any


from engine import datafiles
from engine.model import Incident

TREATY_KEYS = {"AP I": "ap_i", "AP II": "ap_ii", "Rome Statute": "rome_statute"}
AUTHORITIES = {"ICTY", "ICRC Interpretive Guidance on DPH", "ICC Elements of Crimes", "EWIPA Political Declaration",
               "US DoD Law of War Manual", "UK AP I statements"}


@dataclass(frozen=True)
class StateStatus:
    """One attacking state's status under one treaty, as the treaty-status data records it."""

    state: str
    status: str  # party | not_party | signed_not_ratified | signature_withdrawn | withdrawn | uncertain | unknown
    text: str
    verified: bool
    sources: tuple[str, ...]
    date: dt.date | None = None  # of becoming party (ratification, accession), where the data gives it
    year: int | None = None  # where the data gives only the year

    def party_on(self, day: dt.date) -> bool | None:
        """Party on ``day``? ``None`` when the data cannot tell (no date, or only the same year).

        Compares with the recorded date of becoming party (ratification or accession). Entry into force
        comes later (AP I art. 95(2): six months after deposit), which the engine does not compute.
        """
        if self.status != "party":
            return False
        if self.date is not None:
            return self.date <= day
        if self.year is not None and self.year != day.year:
            return self.year < day.year
        return None


@dataclass(frozen=True)
class InstrumentApplication:
    """Whether ``instrument`` binds the attacker in this conflict (``applies`` is None when it depends
    on a fact that is unknown, e.g. the conflict classification), and why."""

    instrument: str
    applies: bool | None
    reason: str
    states: tuple[StateStatus, ...] = ()


@dataclass(frozen=True)
class ApplicableLaw:
    """The law applicable to one incident: classification, and each instrument's application."""

    classification: str | None
    classification_basis: str | None
    instruments: tuple[InstrumentApplication, ...]
    treaty_data_as_of: str

    def applies(self, instrument: str) -> bool:
        """True when citations to ``instrument`` belong in a finding for this incident."""
        if instrument == "CIHL" or instrument in AUTHORITIES:
            return True
        return any(i.instrument == instrument and i.applies for i in self.instruments)


@cache
def treaty_status() -> dict[str, Any]:
    """The shipped treaty-status data (``rules/treaties/status.yaml``), parsed."""
    return datafiles.read("rules", "treaties/status.yaml")


def _state_entry(name: str) -> dict[str, Any] | None:
    wanted = name.casefold()
    for entry in treaty_status()["states"]:
        names = [entry["name"], *entry.get("aliases", [])]
        if any(n.casefold() == wanted for n in names):
            return entry
    return None


def state_status(state: str, instrument: str) -> StateStatus:
    """``state``'s status under ``instrument`` ("AP I", "AP II", "Rome Statute")."""
    entry = _state_entry(state)
    cell = (entry or {}).get(TREATY_KEYS[instrument])
    if not cell:
        return StateStatus(state, "unknown", "not in the treaty-status data", False, ())
    return StateStatus(
        state=entry["name"],
        status=cell["status"],
        text=cell.get("text", cell["status"]),
        verified=bool(cell.get("verified", False)),
        sources=tuple(cell.get("sources", [])),
        date=cell.get("date"),
        year=cell.get("year"),
    )


def _bound(statuses: tuple[StateStatus, ...], day: dt.date) -> tuple[list[str], list[str], list[str]]:
    """Split states into (party on ``day``, party now but date unknown, not party on ``day``)."""
    bound = [s.state for s in statuses if s.party_on(day) is True]
    undated = [s.state for s in statuses if s.party_on(day) is None]
    not_bound = [s.state for s in statuses if s.party_on(day) is False]
    return bound, undated, not_bound


def _describe(bound: list[str], undated: list[str], not_bound: list[str], day: dt.date) -> str:
    parts = []
    if bound:
        parts.append(f"binds {', '.join(bound)} (party on {day.isoformat()})")
    if undated:
        parts.append(f"{', '.join(undated)} party, but the data gives no date of becoming party")
    if not_bound:
        parts.append(f"not binding on {', '.join(not_bound)}")
    return "; ".join(parts)


def _ap_i(classification: str | None, states: list[str], day: dt.date) -> InstrumentApplication:
    statuses = tuple(state_status(s, "AP I") for s in states)
    if classification is None:
        return InstrumentApplication("AP I", None, "depends on the conflict classification, which is unknown", statuses)
    if classification == "NIAC":
        return InstrumentApplication("AP I", False, "AP I applies only in international armed conflict", statuses)
    if not states:
        return InstrumentApplication("AP I", None, "the attacking state is not recorded", statuses)
    if any(s.status == "unknown" for s in statuses):
        return InstrumentApplication("AP I", None, "an attacking state's treaty status is not in the data", statuses)
    bound, undated, not_bound = _bound(statuses, day)
    if bound:
        return InstrumentApplication("AP I", True, _describe(bound, undated, not_bound, day), statuses)
    if undated:
        return InstrumentApplication("AP I", None, _describe(bound, undated, not_bound, day), statuses)
    return InstrumentApplication(
        "AP I", False, f"no attacking state was party to AP I on {day.isoformat()}; customary law applies", statuses
    )


def _ap_ii(classification: str | None, territorial_state: str | None, states: list[str], day: dt.date) -> InstrumentApplication:
    if classification is None:
        return InstrumentApplication("AP II", None, "depends on the conflict classification, which is unknown")
    if classification == "IAC":
        return InstrumentApplication("AP II", False, "AP II applies only in non-international armed conflict")
    if not territorial_state:
        return InstrumentApplication("AP II", None, "the territorial state is not recorded")
    territorial = state_status(territorial_state, "AP II")
    if territorial.status == "unknown":
        return InstrumentApplication("AP II", None, f"{territorial_state}'s AP II status is not in the data", (territorial,))
    on_territory = territorial.party_on(day)
    if on_territory is False:
        return InstrumentApplication(
            "AP II", False,
            f"{territorial.state}, on whose territory the conflict takes place, was not party to AP II on {day.isoformat()}",
            (territorial,),
        )
    if not states:
        return InstrumentApplication(
            "AP II", None,
            f"{territorial.state} is party; the attacking state is not recorded (if the attacker is an organised "
            "armed group, AP II binds it in the territory of a party)",
            (territorial,),
        )
    statuses = tuple(state_status(s, "AP II") for s in states)
    bound, undated, not_bound = _bound(statuses, day)
    if not bound and not undated:
        return InstrumentApplication(
            "AP II", False,
            f"no attacking state was party to AP II on {day.isoformat()} ({', '.join(not_bound)}); "
            "customary law applies to them",
            (territorial, *statuses),
        )
    if on_territory is None:
        undated = [territorial.state, *undated]
    threshold = " (assumed: the art. 1(1) threshold is met; the engine does not assess it)"
    if bound and on_territory:
        return InstrumentApplication(
            "AP II", True, f"conflict on the territory of {territorial.state}, a party; "
            + _describe(bound, undated, not_bound, day) + threshold, (territorial, *statuses))
    return InstrumentApplication("AP II", None, _describe(bound, undated, not_bound, day), (territorial, *statuses))


ROME_STATUTE_IN_FORCE = dt.date(2002, 7, 1)  # Rome Statute art. 126(1); art. 11(1): no earlier jurisdiction


def _rome(states: list[str], day: dt.date) -> InstrumentApplication:
    statuses = tuple(state_status(s, "Rome Statute") for s in states)
    if day < ROME_STATUTE_IN_FORCE:
        return InstrumentApplication(
            "Rome Statute", False,
            "the attack predates the Statute's entry into force on 1 July 2002 (art. 11(1)): no ICC jurisdiction",
            statuses,
        )
    if not states:
        return InstrumentApplication("Rome Statute", None, "the attacking state is not recorded", statuses)
    bound, undated, not_bound = _bound(statuses, day)
    if bound or undated:
        return InstrumentApplication(
            "Rome Statute", None,
            f"{', '.join(bound + undated)} party: the ICC may have jurisdiction over their nationals if one of them "
            "carried out the attack (territorial jurisdiction, referrals and declarations are not assessed)",
            statuses,
        )
    return InstrumentApplication(
        "Rome Statute", False,
        "no attacking state party (territorial jurisdiction, referrals and declarations are not assessed)",
        statuses,
    )


def applicable_law(incident: Incident) -> ApplicableLaw:
    """Classification and treaty application for ``incident`` (see module docstring)."""
    value = incident.conflict.classification.value
    classification = value.value if value is not None else None
    return ApplicableLaw(
        classification=classification,
        classification_basis=incident.conflict.basis,
        instruments=(
            InstrumentApplication("CIHL", True, "customary IHL binds every party to the conflict, in IAC and NIAC"),
            _ap_i(classification, incident.attacker.states, incident.when.date),
            _ap_ii(classification, incident.conflict.territorial_state, incident.attacker.states, incident.when.date),
            _rome(incident.attacker.states, incident.when.date),
        ),
        treaty_data_as_of=str(treaty_status().get("as_of", "unknown")),
    )
