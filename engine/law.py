"""Applicable law: which instruments bind the attacker in this conflict, and so which citations apply.

The rules of the ICRC Customary IHL Study bind every party, state or armed group, in IAC and NIAC
alike, so they are always cited. A treaty article is cited only where the treaty binds the attacker
in that conflict (TREATY-STATUS.md, note A):

* **AP I** applies in an international armed conflict to the attacking states that were party to it on
  the date of the attack. (Strictly the adversary must also be a party or accept and apply it: AP I
  art. 96(2), common art. 2(3); the engine does not check the adversary.) Where foreign states fight an
  armed group on another state's territory and the file classifies the conflict as a NIAC, the memo
  says that on the ICRC's reading (2016 Commentary on common art. 2, para. 260) force used there
  without the territorial state's consent is also an IAC with that state, and what AP I would then bind.
* **AP II** applies in a non-international armed conflict on the territory of a state party to it
  (AP II art. 1(1)); as treaty law it is cited against an attacking state only if that state was party
  too (a foreign state supporting the territorial state is not bound by a treaty it has not joined).
  The art. 1(1) threshold (responsible command, control of territory by the armed group) is not
  assessed by the engine and is reported as an assumption. Where the territorial state is not bound and
  every attacking state is a foreign one, the memo adds that art. 1(1) covers only fighting between the
  territorial state's own armed forces and dissident armed forces or other organised armed groups.
* A treaty binds a state from its entry into force for that state, computed from the date the state
  deposited its instrument of ratification or accession by the treaty's own clause (``entry_into_force``
  in the treaty-status data): AP I art. 95(2) and AP II art. 23(2), six months after deposit; Rome
  Statute art. 126(2), the first day of the month after the 60th day following deposit; never before
  the treaty itself entered into force. Where the data gives no date, or only a year that does not
  decide, the application is reported as undetermined.
* Treaty obligations bind the state that attacked. Where the attacking party is a coalition of several
  states and the file does not record which of them carried out the strike (``attacker.conducted_by``),
  a treaty that binds only some of them is reported as undetermined: it applies only if one of those
  states carried out the strike.
* A state the data does not know (a misspelt or informal name) is unknown, never a non-party: every
  treaty question that turns on it is undetermined (``ihl validate`` warns and suggests the name).
* **GC I** (the First Geneva Convention of 1949, on the wounded and sick and the medical services) and
  **GC IV** (the Fourth, on civilians; its arts 18-19 on civilian hospitals) apply in international armed
  conflict; every state is party to the 1949 Conventions, so in IAC they bind the attacking state. In NIAC
  only their common article 3 applies, which the engine does not cite.
* **The 1954 Hague Convention** on cultural property binds a party in IAC and, for its provisions on
  respect for cultural property, in NIAC (art. 19(1)), from three months after its deposit (art.
  33(2)). Its **Second Protocol (1999)** is cited only where the treaty-status data shows it binds the
  attacker; the data does not hold it yet, so it is reported as undetermined and not cited.
* Weapons treaties bind their states party in any armed conflict the record classifies, except that in
  a non-international armed conflict CCW Protocol III binds only a state that also accepted the
  amendment of the CCW's art. 1 (21 Dec 2001, in force 18 May 2004), which extends the Convention there.
* Case law and interpretive guidance (ICTY, ICRC Interpretive Guidance, Elements of Crimes), policy
  instruments (the 2022 Political Declaration on explosive weapons in populated areas) and states'
  manuals and statements are persuasive authority, cited as such in any conflict.

Treaty status comes from ``rules/treaties/status.yaml`` (dated data with sources; see its header).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import Any


from engine import datafiles
from engine.model import Incident

TREATY_KEYS = {"AP I": "ap_i", "AP II": "ap_ii", "Rome Statute": "rome_statute",
               "CCW Protocol III": "ccw_protocol_iii", "CCM": "ccm", "CCW art. 1 amendment": "ccw_article_1_amended",
               "Hague 1954": "hague_1954"}
# Weapons treaties: they bind a state party in any armed conflict the record classifies (see
# :func:`_weapons_treaty`).
WEAPONS_TREATIES = ("CCW Protocol III", "CCM")
AUTHORITIES = {"ICTY", "ICC", "SCSL", "ICRC Interpretive Guidance on DPH", "ICC Elements of Crimes", "EWIPA Political Declaration",
               "US DoD Law of War Manual", "UK AP I statements"}


@dataclass(frozen=True)
class StateStatus:
    """One attacking state's status under one treaty, as the treaty-status data records it.

    ``deposited`` is the date the state deposited its instrument (ratification, accession), where the
    data gives it; ``year`` where it gives only the year. ``in_force_from`` / ``in_force_by`` bound the
    date the treaty entered into force for the state (equal when the deposit date is known), computed
    by :func:`entry_into_force`. ``declared`` is True where the data records a declaration or reservation
    of the state to the treaty. ``known`` is False where the data does not hold the state's status
    under the treaty; ``listed`` is False where it does not hold the state at all (a misspelt name?).
    """

    state: str
    status: str  # party | not_party | signed_not_ratified | signature_withdrawn | withdrawn | uncertain | unknown
    text: str
    verified: bool
    sources: tuple[str, ...]
    deposited: dt.date | None = None
    year: int | None = None
    in_force_from: dt.date | None = None
    in_force_by: dt.date | None = None
    known: bool = True
    listed: bool = True
    declared: bool = False  # the state made a declaration or reservation the data records (see its text)

    def in_force_on(self, day: dt.date) -> bool | None:
        """Was the treaty in force for this state on ``day``? ``None`` when the data cannot tell (a state
        not in the data, a party with no date, or a year-only date that does not decide)."""
        if not self.known:
            return None
        if self.status != "party":
            return False
        if self.in_force_by is not None and day >= self.in_force_by:
            return True
        if self.in_force_from is not None and day < self.in_force_from:
            return False
        return None


@dataclass(frozen=True)
class InstrumentApplication:
    """Whether ``instrument`` binds the attacker in this conflict (``applies`` is None when it depends
    on a fact that is unknown, e.g. the conflict classification), and why."""

    instrument: str
    applies: bool | None
    reason: str
    states: tuple[StateStatus, ...] = ()
    #: What decides it without each state's status, which ``states`` gives one by one (the memo's law
    #: table shows the two side by side); None where the reason is that already.
    rule: str | None = None

    @property
    def why(self) -> str:
        """The rule that decides the answer: :attr:`rule`, else the reason."""
        return self.rule if self.rule is not None else self.reason


@dataclass(frozen=True)
class ApplicableLaw:
    """The law applicable to one incident: classification, and each instrument's application."""

    classification: str | None
    classification_basis: str | None
    instruments: tuple[InstrumentApplication, ...]
    treaty_data_as_of: str

    def applies(self, instrument: str) -> bool:
        """True when citations to ``instrument`` belong in a finding for this incident."""
        return instrument == "CIHL" or instrument in AUTHORITIES or instrument in self._binding

    def reason(self, instrument: str) -> str:
        """Why ``instrument`` applies or not, as its application says; "not applicable" for one not
        considered for this incident."""
        return self._reasons.get(instrument, "not applicable")

    @cached_property
    def _binding(self) -> frozenset[str]:
        # Computed once per incident: every citation of every finding asks (~100 times an incident).
        return frozenset(i.instrument for i in self.instruments if i.applies)

    @cached_property
    def _reasons(self) -> dict[str, str]:
        reasons: dict[str, str] = {}
        for i in self.instruments:
            reasons.setdefault(i.instrument, i.reason)  # the first application of an instrument, as listed
        return reasons


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


@cache
def known_states() -> dict[str, str]:
    """Every state name and alias in the treaty-status data, casefolded, → the state's name (built once:
    every incident loaded asks; callers must not change it)."""
    return {n.casefold(): e["name"] for e in treaty_status()["states"] for n in (e["name"], *e.get("aliases", []))}


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def entry_into_force(instrument: str, deposited: dt.date) -> dt.date:
    """The date ``instrument`` entered into force for a state that deposited its instrument of
    ratification or accession on ``deposited``, by the treaty's own clause (``entry_into_force`` in
    the treaty-status data): AP I art. 95(2), AP II art. 23(2): six months after deposit; Rome Statute
    art. 126(2): the first day of the month after the 60th day following deposit. Never before the
    treaty's own entry into force (AP I/II: 7 Dec 1978; Rome Statute: 1 Jul 2002, art. 126(1))."""
    clause = treaty_status()["entry_into_force"][TREATY_KEYS[instrument]]
    if "months_after_deposit" in clause and clause.get("first_of_month"):
        # "the first day of the sixth month after deposit": counted from the first of the deposit's month.
        day = _add_months(deposited.replace(day=1), clause["months_after_deposit"])
    elif "months_after_deposit" in clause:
        day = _add_months(deposited, clause["months_after_deposit"])
    else:
        after = deposited + dt.timedelta(days=clause["days_after_deposit"])
        day = _add_months(after.replace(day=1), 1)  # the first day of the month after that day
    return max(day, clause["treaty_in_force"])


def _unverified_sources() -> frozenset[str]:
    """Treaty-data sources that are mirrors or secondary sites: a cell resting only on them is unverified."""
    return frozenset(treaty_status().get("secondary_sources", []))


def state_status(state: str, instrument: str) -> StateStatus:
    """``state``'s status under ``instrument`` ("AP I", "AP II", "Rome Statute", "Hague 1954").

    A cell is shown as verified only where the data marks it so and at least one of its sources is not
    a mirror or secondary site (``secondary_sources`` in the data)."""
    entry = _state_entry(state)
    if entry is None:
        return StateStatus(state, "unknown", "not in the treaty-status data: its treaty status is unknown", False, (),
                           known=False, listed=False)
    cell = entry.get(TREATY_KEYS[instrument])
    if not cell:
        return StateStatus(entry["name"], "unknown", "not in the treaty-status data", False, (), known=False)
    sources = tuple(cell.get("sources", []))
    deposited, year = cell.get("date"), cell.get("year")
    first = last = None
    text = cell.get("text", cell["status"])
    if cell["status"] == "party" and deposited is not None:
        first = last = entry_into_force(instrument, deposited)
        clause = treaty_status()["entry_into_force"][TREATY_KEYS[instrument]]["source"]
        text += f"; in force for it from {first.isoformat()} ({clause})"
    elif cell["status"] == "party" and year is not None:
        first, last = entry_into_force(instrument, dt.date(year, 1, 1)), entry_into_force(instrument, dt.date(year, 12, 31))
    secondary = _unverified_sources()
    return StateStatus(
        state=entry["name"],
        status=cell["status"],
        text=text,
        verified=bool(cell.get("verified", False)) and any(s not in secondary for s in sources),
        sources=sources,
        deposited=deposited if cell["status"] == "party" else None,
        year=year,
        in_force_from=first,
        in_force_by=last,
        declared=bool(cell.get("declarations") or cell.get("reservation_art_2")),
    )


@dataclass(frozen=True)
class _Groups:
    """Attacking states split by whether the treaty was in force for them on the day of the attack."""

    bound: list[str]
    undated: list[str]  # party, but the data cannot tell whether in force on the day
    unknown: list[str]  # its status under this treaty not in the treaty-status data
    not_bound: list[str]
    unrecorded: list[str]  # of ``unknown``, the states the data holds (but not under this treaty)

    def describe(self, day: dt.date) -> str:
        parts = []
        if self.bound:
            parts.append(f"binds {', '.join(self.bound)} (in force for it on {day.isoformat()})")
        if self.undated:
            parts.append(f"{', '.join(self.undated)} party, but the data does not tell whether it was in force "
                         f"for {'them' if len(self.undated) > 1 else 'it'} on {day.isoformat()}")
        unlisted = [s for s in self.unknown if s not in self.unrecorded]
        if unlisted:
            parts.append(f"{', '.join(unlisted)} not in the treaty-status data, so its treaty status is unknown "
                         "(check the name)")
        if self.unrecorded:
            parts.append(f"{', '.join(self.unrecorded)}: status under it not in the treaty-status data, so unknown")
        if self.not_bound:
            parts.append(f"not binding on {', '.join(self.not_bound)}")
        return "; ".join(parts)

    def only_if(self) -> str:
        """For a coalition whose striking state is not recorded: the treaty applies only if one of the
        states it binds carried out the strike."""
        return (f"applies only if {' or '.join(self.bound)} carried out the strike (which state's forces did is "
                "not recorded in attacker.conducted_by)")

    def coalition(self, instrument: str, day: dt.date, statuses: tuple[StateStatus, ...], scope: str = "",
                  where: str = "") -> InstrumentApplication:
        """Undetermined for a coalition whose striking state is not recorded (:meth:`only_if`): the reason
        with each state's status, the rule without the statuses the states' column gives (bound, not
        bound, not in the data), keeping what that column cannot show (a party the data does not date,
        a state the data does not know)."""
        rest = [p for p in self.describe(day).split("; ")
                if p.startswith(tuple(self.undated)) or p.startswith(tuple(s for s in self.unknown if s not in self.unrecorded))]
        return InstrumentApplication(
            instrument, None, f"{scope}undetermined: {self.only_if()}; {where}{self.describe(day)}", statuses,
            rule="; ".join([f"{scope}{self.only_if()}", *([where.removesuffix("; ")] if where else []), *rest]))


def _groups(statuses: tuple[StateStatus, ...], day: dt.date) -> _Groups:
    return _Groups(
        bound=[s.state for s in statuses if s.in_force_on(day) is True],
        undated=[s.state for s in statuses if s.known and s.in_force_on(day) is None],
        unknown=[s.state for s in statuses if not s.known],
        not_bound=[s.state for s in statuses if s.in_force_on(day) is False],
        unrecorded=[s.state for s in statuses if s.listed and not s.known],
    )


def _striking(states: list[str], conducted_by: str | None) -> list[str]:
    """The states whose treaty obligations are in question: the one recorded as having carried out the
    strike, or else every attacking state."""
    return [conducted_by] if conducted_by else states


def _foreign_intervention(territorial_state: str | None, striking: list[str], day: dt.date) -> str:
    """For a NIAC fought by foreign states on another state's territory: the contested view that it is
    also an international armed conflict with the territorial state, and what that would mean for AP I.
    Empty when the territorial state is not recorded or is itself among the attacking states."""
    if not territorial_state or not striking:
        return ""
    known = known_states()
    territorial = known.get(territorial_state.casefold(), territorial_state)
    if any(known.get(s.casefold(), s) == territorial for s in striking):
        return ""
    bound = [s.state for s in (state_status(x, "AP I") for x in striking) if s.in_force_on(day)]
    on_ap_i = state_status(territorial_state, "AP I").in_force_on(day)
    consequence = (f"on that view AP I could bind {' and '.join(bound)} in that conflict"
                   + (f", {territorial} being a party too" if on_ap_i else "")
                   if bound else "no attacking state was party to AP I, so customary law would govern either way")
    return ("; contested: the classification recorded treats foreign states fighting an armed group on "
            f"{territorial}'s territory as a NIAC only, but on the ICRC's reading (Commentary on the First "
            "Geneva Convention, 2016, common art. 2, para. 260) force used on a state's territory without its "
            "consent is also an international armed conflict between the intervening states and that state; "
            f"{consequence} (whether {territorial} consented is not recorded; which rules then govern attacks "
            "on the armed group itself is disputed)")


def _ap_i(classification: str | None, states: list[str], day: dt.date, conducted_by: str | None = None,
          territorial_state: str | None = None) -> InstrumentApplication:
    striking = _striking(states, conducted_by)
    statuses = tuple(state_status(s, "AP I") for s in striking)
    if classification is None:
        return InstrumentApplication("AP I", None, "depends on the conflict classification, which is unknown", statuses)
    if classification == "NIAC":
        return InstrumentApplication(
            "AP I", False,
            "AP I applies only in international armed conflict" + _foreign_intervention(territorial_state, striking, day),
            statuses)
    if not states:
        return InstrumentApplication("AP I", None, "the attacking state is not recorded", statuses)
    g = _groups(statuses, day)
    if g.bound and not (g.undated or g.unknown or g.not_bound):
        return InstrumentApplication("AP I", True, g.describe(day), statuses)
    if g.bound:
        return g.coalition("AP I", day, statuses)
    if g.undated or g.unknown:
        return InstrumentApplication("AP I", None, g.describe(day), statuses)
    return InstrumentApplication(
        "AP I", False, f"AP I was in force for no attacking state on {day.isoformat()}; customary law applies", statuses
    )


def _ap_ii(classification: str | None, territorial_state: str | None, states: list[str], day: dt.date,
           conducted_by: str | None = None) -> InstrumentApplication:
    if classification is None:
        return InstrumentApplication("AP II", None, "depends on the conflict classification, which is unknown")
    if classification == "IAC":
        return InstrumentApplication("AP II", False, "AP II applies only in non-international armed conflict")
    if not territorial_state:
        return InstrumentApplication("AP II", None, "the territorial state is not recorded")
    territorial = state_status(territorial_state, "AP II")
    if territorial.status == "unknown":
        return InstrumentApplication(
            "AP II", None, f"{territorial_state}'s AP II status is not in the treaty-status data (check the name)",
            (territorial,))
    on_territory = territorial.in_force_on(day)
    if on_territory is False:
        return InstrumentApplication(
            "AP II", False,
            f"{territorial.state}, on whose territory the conflict takes place, was not bound by AP II on {day.isoformat()}"
            + _outside_art_1_1(territorial.state, _striking(states, conducted_by)),
            (territorial,),
        )
    if not states:
        return InstrumentApplication(
            "AP II", None,
            f"{territorial.state} is party; the attacking state is not recorded (if the attacker is an organised "
            "armed group, AP II binds it in the territory of a party)",
            (territorial,),
        )
    statuses = tuple(state_status(s, "AP II") for s in _striking(states, conducted_by))
    g = _groups(statuses, day)
    if not (g.bound or g.undated or g.unknown):
        return InstrumentApplication(
            "AP II", False,
            f"AP II was in force for no attacking state on {day.isoformat()} ({', '.join(g.not_bound)}); "
            "customary law applies to them",
            (territorial, *statuses),
        )
    threshold = " (assumed: the art. 1(1) threshold is met; the engine does not assess it)"
    where = f"conflict on the territory of {territorial.state}, a party; "
    if on_territory is None:
        where = f"{territorial.state} party, but the data does not tell whether AP II was in force for it then; "
    if g.bound and on_territory and not (g.undated or g.unknown or g.not_bound):
        return InstrumentApplication("AP II", True, where + g.describe(day) + threshold, (territorial, *statuses))
    if g.bound:
        return g.coalition("AP II", day, (territorial, *statuses), where=where)
    return InstrumentApplication("AP II", None, where + g.describe(day), (territorial, *statuses))


def _outside_art_1_1(territorial: str, striking: list[str]) -> str:
    """AP II art. 1(1) covers fighting on a party's territory between *its* armed forces and dissident
    armed forces or other organised armed groups: said where every attacking state is a foreign one."""
    known = known_states()
    if not striking or any(known.get(s.casefold(), s) == territorial for s in striking):
        return ""
    return (f"; and AP II art. 1(1) covers only fighting between {territorial}'s own armed forces and dissident "
            "armed forces or other organised armed groups on its territory, which fighting between foreign states "
            "and an armed group there is not")


def _rome(states: list[str], day: dt.date, conducted_by: str | None = None) -> InstrumentApplication:
    statuses = tuple(state_status(s, "Rome Statute") for s in _striking(states, conducted_by))
    in_force = treaty_status()["entry_into_force"]["rome_statute"]["treaty_in_force"]
    if day < in_force:
        return InstrumentApplication(
            "Rome Statute", False,
            f"the attack predates the Statute's entry into force on {in_force.isoformat()} (arts 11(1), 126(1)): "
            "no ICC jurisdiction",
            statuses,
        )
    if not states:
        return InstrumentApplication("Rome Statute", None, "the attacking state is not recorded", statuses)
    g = _groups(statuses, day)
    assessed = "(territorial jurisdiction, referrals and declarations are not assessed)"
    if g.bound or g.undated:
        who = "carried out the attack" if conducted_by else "if one of them carried out the attack"
        return InstrumentApplication(
            "Rome Statute", None,
            f"{', '.join(g.bound + g.undated)} party: the ICC may have jurisdiction over their nationals {who} "
            + assessed + (f"; {g.describe(day)}" if g.unknown else ""),
            statuses,
        )
    if g.unknown:
        return InstrumentApplication("Rome Statute", None, g.describe(day), statuses)
    return InstrumentApplication(
        "Rome Statute", False, f"the Statute was in force for no attacking state on {day.isoformat()} {assessed}",
        statuses,
    )


# In a non-international armed conflict, the CCW's Protocols bind only a state that has also accepted
# the amendment of the Convention's art. 1 (21 Dec 2001), which extends them there; the CCM applies in
# all circumstances (art. 1(1)).
_NIAC_SCOPE = {"CCW Protocol III": "CCW art. 1 amendment"}


def _weapons_treaty(instrument: str, classification: str | None, states: list[str], day: dt.date,
                    conducted_by: str | None = None) -> InstrumentApplication:
    """A weapons treaty (CCW Protocol III, the Convention on Cluster Munitions) binds the attacking state
    party to it on the day; for a coalition whose striking state is not recorded, only if a bound state
    struck. In a non-international armed conflict, Protocol III binds a state only where the amendment of
    the CCW's art. 1 (2001) was also in force for it: each state is then judged on the amendment once the
    Protocol binds it (a state missing from the amendment's data is unknown, never "not bound")."""
    striking = _striking(states, conducted_by)
    statuses = tuple(state_status(s, instrument) for s in striking)
    if classification is None:
        return InstrumentApplication(instrument, None, "depends on the conflict classification, which is unknown", statuses)
    if not states:
        return InstrumentApplication(instrument, None, "the attacking state is not recorded", statuses)
    scope = ""
    if classification == "NIAC" and instrument in _NIAC_SCOPE:
        amendment = _NIAC_SCOPE[instrument]
        statuses = tuple(state_status(s, amendment) if p.in_force_on(day) is True else p
                         for s, p in zip(striking, statuses))
        scope = (f"in a non-international armed conflict it binds only a state party that also accepted the "
                 f"amendment of the CCW's art. 1 (2001), by which a state party to the Protocol is judged: ")
    g = _groups(statuses, day)
    if g.bound and not (g.undated or g.unknown or g.not_bound):
        return InstrumentApplication(instrument, True, scope + g.describe(day), statuses)
    if g.bound:
        return g.coalition(instrument, day, statuses, scope=scope)
    if g.undated or g.unknown:
        return InstrumentApplication(instrument, None, scope + g.describe(day), statuses)
    return InstrumentApplication(instrument, False, f"{scope}in force for no attacking state on {day.isoformat()}", statuses)


def reservation(instrument: str, incident: Incident) -> bool | None:
    """Whether the state that carried out the strike made a reservation to the weapons treaty's core
    prohibition (``reservation_art_2`` in the data): None when the striking state is not recorded and
    the attacking states differ on it."""
    states = _striking(incident.attacker.states, incident.attacker.conducted_by)
    marks = {bool((_state_entry(s) or {}).get(TREATY_KEYS[instrument], {}).get("reservation_art_2")) for s in states}
    return marks.pop() if len(marks) == 1 else None


def _geneva(convention: str, articles: str, classification: str | None) -> InstrumentApplication:
    """A 1949 Geneva Convention (``"GC I"``, ``"GC IV"``): binding every state, cited in IAC only."""
    if classification is None:
        return InstrumentApplication(convention, None, "depends on the conflict classification, which is unknown")
    if classification == "NIAC":
        return InstrumentApplication(convention, False, f"{convention}'s articles on {articles} apply in international "
                                     "armed conflict (in NIAC only common art. 3, not cited by these rules)")
    return InstrumentApplication(convention, True, f"every state is party to the 1949 Geneva Conventions; {convention} "
                                 "applies in international armed conflict")


def _hague(classification: str | None, states: list[str], day: dt.date, conducted_by: str | None) -> InstrumentApplication:
    statuses = tuple(state_status(s, "Hague 1954") for s in _striking(states, conducted_by))
    if not states:
        return InstrumentApplication("Hague 1954", None, "the attacking state is not recorded", statuses)
    g = _groups(statuses, day)
    scope = " (in NIAC, its provisions on respect for cultural property: art. 19(1))" if classification == "NIAC" else ""
    if g.bound and not (g.undated or g.unknown or g.not_bound):
        return InstrumentApplication("Hague 1954", True, g.describe(day) + scope, statuses)
    if g.bound:
        return g.coalition("Hague 1954", day, statuses)
    if g.undated or g.unknown:
        return InstrumentApplication("Hague 1954", None, g.describe(day), statuses)
    return InstrumentApplication("Hague 1954", False, f"in force for no attacking state on {day.isoformat()}; "
                                 "customary law applies", statuses)


def _hague_second_protocol() -> InstrumentApplication:
    return InstrumentApplication(
        "Hague Second Protocol", None,
        "the treaty-status data (rules/treaties/status.yaml) does not record parties to the Second Protocol "
        "(1999), so whether it binds the attacker is undetermined; its articles are not cited")


def applicable_law(incident: Incident, side: str = "attacker") -> ApplicableLaw:
    """Classification and treaty application for ``incident`` (see module docstring): for the attacking
    party, or with ``side="defender"`` for the defending party (its states in
    ``defender_conduct.states``; none for an armed group), whose own duties some findings assess."""
    value = incident.conflict.classification.value
    classification = value.value if value is not None else None
    states, day, striking = incident.attacker.states, incident.when.date, incident.attacker.conducted_by
    if side == "defender":
        states, striking = incident.defender_conduct.states, None
    return _applicable(classification, incident.conflict.basis, tuple(states), day, striking,
                       incident.conflict.territorial_state)


# An incident asks for its law a few times (element facts, findings, memo); computing it costs ~0.04 ms
# and an entry ~2 KB, and a batch of distinct incidents rarely meets a key again: 4,096 entries held
# ~8 MB per process once full (bench/README.md, memory), a few suffice.
@lru_cache(maxsize=64)
def _applicable(classification: str | None, basis: str | None, states: tuple[str, ...], day: dt.date,
                striking: str | None, territorial: str | None) -> ApplicableLaw:
    """:func:`applicable_law` on what it reads of an incident: the same facts give the same (immutable)
    answer, which an assessment asks for several times (its findings, the treaty facts the rules cite)."""
    listed = list(states)
    return ApplicableLaw(
        classification=classification,
        classification_basis=basis,
        instruments=(
            InstrumentApplication("CIHL", True, "customary IHL binds every party to the conflict, in IAC and NIAC"),
            _ap_i(classification, listed, day, striking, territorial),
            _ap_ii(classification, territorial, listed, day, striking),
            _rome(listed, day, striking),
            *(_weapons_treaty(t, classification, listed, day, striking) for t in WEAPONS_TREATIES),
            _geneva("GC I", "medical units", classification),
            _geneva("GC IV", "civilian hospitals", classification),
            _hague(classification, listed, day, striking),
            _hague_second_protocol(),
        ),
        treaty_data_as_of=str(treaty_status().get("as_of", "unknown")),
    )
