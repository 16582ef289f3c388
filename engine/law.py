"""Applicable law: which instruments bind the attacker in this conflict, and so which citations apply.

The rules of the ICRC Customary IHL Study bind every party, state or armed group, in IAC and NIAC
alike, so they are always cited. A treaty article is cited only where the treaty binds the attacker
in that conflict (TREATY-STATUS.md, note A):

* **AP I** applies in an international armed conflict to the attacking states that are party to it.
  (Strictly the adversary must also be a party or accept and apply it: AP I art. 96(2), common art. 2(3);
  the engine does not check the adversary.)
* **AP II** applies in a non-international armed conflict on the territory of a state party to it
  (AP II art. 1(1)); the art. 1(1) threshold (responsible command, control of territory by the armed
  group) is not assessed by the engine and is reported as an assumption.
* Case law and interpretive guidance (ICTY, ICRC Interpretive Guidance, Elements of Crimes) are
  persuasive authority, cited as such in any conflict.

Treaty status comes from ``rules/treaties/status.yaml`` (dated data with sources; see its header).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from engine.model import Incident

TREATY_KEYS = {"AP I": "ap_i", "AP II": "ap_ii", "Rome Statute": "rome_statute"}
AUTHORITIES = {"ICTY", "ICRC Interpretive Guidance on DPH", "ICC Elements of Crimes"}


@dataclass(frozen=True)
class StateStatus:
    """One attacking state's status under one treaty, as the treaty-status data records it."""

    state: str
    status: str  # party | not_party | signed_not_ratified | signature_withdrawn | withdrawn | uncertain | unknown
    text: str
    verified: bool
    sources: tuple[str, ...]


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
    text = resources.files("rules").joinpath("treaties/status.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


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
    )


def _ap_i(classification: str | None, states: list[str]) -> InstrumentApplication:
    statuses = tuple(state_status(s, "AP I") for s in states)
    parties = [s.state for s in statuses if s.status == "party"]
    if classification is None:
        return InstrumentApplication("AP I", None, "depends on the conflict classification, which is unknown", statuses)
    if classification == "NIAC":
        return InstrumentApplication("AP I", False, "AP I applies only in international armed conflict", statuses)
    if not states:
        return InstrumentApplication("AP I", None, "the attacking state is not recorded", statuses)
    if parties:
        others = [s.state for s in statuses if s.status != "party"]
        tail = f"; not binding on {', '.join(others)}" if others else ""
        return InstrumentApplication("AP I", True, f"binds {', '.join(parties)} (party){tail}", statuses)
    if any(s.status == "unknown" for s in statuses):
        return InstrumentApplication("AP I", None, "the attacking state's treaty status is not in the data", statuses)
    return InstrumentApplication("AP I", False, "no attacking state is party to AP I; customary law applies", statuses)


def _ap_ii(classification: str | None, territorial_state: str | None) -> InstrumentApplication:
    if classification is None:
        return InstrumentApplication("AP II", None, "depends on the conflict classification, which is unknown")
    if classification == "IAC":
        return InstrumentApplication("AP II", False, "AP II applies only in non-international armed conflict")
    if not territorial_state:
        return InstrumentApplication("AP II", None, "the territorial state is not recorded")
    status = state_status(territorial_state, "AP II")
    if status.status == "party":
        return InstrumentApplication(
            "AP II", True,
            f"{status.state}, on whose territory the conflict takes place, is party to AP II "
            "(assumed: the art. 1(1) threshold is met; the engine does not assess it)",
            (status,),
        )
    if status.status == "unknown":
        return InstrumentApplication("AP II", None, f"{territorial_state}'s AP II status is not in the data", (status,))
    return InstrumentApplication(
        "AP II", False, f"{status.state}, on whose territory the conflict takes place, is not party to AP II", (status,)
    )


def _rome(states: list[str]) -> InstrumentApplication:
    statuses = tuple(state_status(s, "Rome Statute") for s in states)
    parties = [s.state for s in statuses if s.status == "party"]
    reason = (
        f"{', '.join(parties)} party; the ICC may have jurisdiction over their nationals (territorial "
        "jurisdiction, referrals and declarations are not assessed)"
        if parties else "no attacking state is party (territorial jurisdiction, referrals and declarations are not assessed)"
    )
    return InstrumentApplication("Rome Statute", bool(parties), reason, statuses)


def applicable_law(incident: Incident) -> ApplicableLaw:
    """Classification and treaty application for ``incident`` (see module docstring)."""
    value = incident.conflict.classification.value
    classification = value.value if value is not None else None
    return ApplicableLaw(
        classification=classification,
        classification_basis=incident.conflict.basis,
        instruments=(
            InstrumentApplication("CIHL", True, "customary IHL binds every party to the conflict, in IAC and NIAC"),
            _ap_i(classification, incident.attacker.states),
            _ap_ii(classification, incident.conflict.territorial_state),
            _rome(incident.attacker.states),
        ),
        treaty_data_as_of=str(treaty_status().get("as_of", "unknown")),
    )
