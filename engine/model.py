"""The incident file format: pydantic models of one attack and the evidence for it.

An incident file (YAML or JSON) validates against :class:`IncidentFile`. The format is documented
field by field in ``docs/incident-format.md``; ``ihl schema`` prints its JSON Schema.

Three conventions run through the whole model:

* **Unknown is not false.** Every fact the law turns on is a :class:`Fact`. A fact whose ``value`` is
  ``null`` (or that is left out) is *unknown*; it is never read as ``false`` or ``0``. The engine names
  each unknown fact a finding would need.
* **Every fact cites its sources** by id (``sources: [S1, W1]``); ids must be declared under
  ``sources``.
* **Knowledge at the time is kept apart from what was found afterwards.** A fact that matters ex ante
  (were civilians present? was the building used by fighters?) records in ``attacker_knowledge``
  whether the attacker knew it, should have known it, or could not have known it before the attack.
  Proportionality and precautions are judged on that view only (AP I art. 57(2); ICTY, *Galić*, trial
  judgment: a "reasonably well-informed person in the circumstances of the actual perpetrator"; see
  ``docs/incident-format.md``).
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from functools import cache
from enum import Enum
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 2  # the newest version; files of every version in SCHEMA_VERSIONS load
SCHEMA_VERSIONS = (1, 2)
# Marks a field new in version 2 of the format (observations): a version 1 file may not use it.
_SINCE_2: dict[str, Any] = {"since_version": 2}

# Characters no text field may hold: C0 and C1 control characters other than tab, line feed and
# carriage return (a terminal reads ESC and CSI as commands), and the bidirectional embeddings,
# overrides and isolates U+202A–U+202E and U+2066–U+2069 (they reorder what a reader sees).
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing on their own: white space, and the invisible (default-ignorable)
# characters such as U+200B ZERO WIDTH SPACE, U+00AD SOFT HYPHEN and U+FEFF, variation selectors and
# fillers. Text made only of these is blank.
_INVISIBLE = re.compile(
    r"[\s\x00-\x1f\x7f-\xa0\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2000-\u200f"
    r"\u2028-\u202f\u205f-\u206f\u2800\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]*"
)


def _clean_text(value: str) -> str:
    """Refuse text with control characters or bidirectional overrides, and blank text."""
    bad = _FORBIDDEN.search(value)
    if bad:
        raise PydanticCustomError(
            "text_control",
            "Text must not hold control characters (other than tab and line breaks) or bidirectional "
            "overrides; found {char} at character {index}",
            {"char": f"U+{ord(bad.group()):04X}", "index": bad.start() + 1},
        )
    if _INVISIBLE.fullmatch(value):
        raise PydanticCustomError("text_blank", "Text must not be blank (only spaces or invisible characters)")
    return value


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _iso_date(value: Any) -> Any:
    """A date object, or an ISO ``YYYY-MM-DD`` string read as one; anything else (numbers, Unix times,
    digit strings, date-times) is refused."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    match = _ISO_DATE.fullmatch(value) if isinstance(value, str) else None
    if not match:
        raise PydanticCustomError("date_type", "Input should be a date written YYYY-MM-DD")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        part = "month" if not 1 <= month <= 12 else "year" if year < 1 else "day"
        raise PydanticCustomError("date_parsing", "Input should be a valid date, {error}",
                                  {"error": f"{part} value is outside expected range"}) from None


def _schema_version(value: Any) -> Any:
    """Only the integer itself: not ``true`` (which equals 1 in Python) and not ``1.0``."""
    if type(value) is not int:
        raise PydanticCustomError("literal_error", "Input should be {expected}",
                                  {"expected": " or ".join(str(v) for v in SCHEMA_VERSIONS)})
    return value


SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{0,39}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000), AfterValidator(_clean_text)]
# Dates come as ISO strings (YAML dates are read as text, JSON has none) or as date objects.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
_HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"  # a local time of day, 24-hour clock
# A finite number: no NaN or infinity, nor an integer too large to be one (400 digits reads as inf).
Number = Annotated[float, Field(allow_inf_nan=False)]
# The bounded kinds of fact value, each named once: pydantic builds one model for each distinct
# ``Fact[...]``, and the same ``Annotated`` written out twice is two distinct types to it (two models
# built at every start, for one schema).
NonNegative = Annotated[Number, Field(ge=0)]
Positive = Annotated[Number, Field(gt=0)]
AtLeastOne = Annotated[int, Field(ge=1)]


def _empty_list() -> list:
    """A new empty list: the default of a list field. A function rather than ``list`` because pydantic
    reads a default factory's signature at every model build, and a builtin's signature is parsed from
    text (~0.3 ms each, ~15 ms of every start over the format's fields)."""
    return []


def _empty_dict() -> dict:
    """A new empty dict: the default of a mapping field (see :func:`_empty_list`)."""
    return {}


class _Model(BaseModel):
    """Base for every model: unknown fields are errors, types are strict, models are immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Knowledge(str, Enum):
    """What the attacker knew of a fact *before* the attack (the ex ante view).

    ``should_have_known``: a reasonably well-informed person in the circumstances of the attacker,
    making reasonable use of the information available, would have known it (ICTY, *Galić*, trial
    judgment; the ICTY NATO Review Committee's Final Report (2000) speaks of the "reasonable military
    commander"); ``could_not_have_known`` excludes the fact from ex ante rules.
    """

    knew = "knew"
    should_have_known = "should_have_known"
    could_not_have_known = "could_not_have_known"
    unknown = "unknown"


T = TypeVar("T")


class Fact(_Model, Generic[T]):
    """One recorded fact: its value (``null`` = unknown), the sources that support it, and notes.

    Shape: ``{value: T | null, sources: [source id…], attacker_knowledge: Knowledge | null,
    note: str | null}``. ``attacker_knowledge`` is only read for facts used ex ante.
    """

    value: T | None = None
    sources: list[SourceId] = Field(default_factory=_empty_list)
    attacker_knowledge: Knowledge | None = None
    found_afterwards: bool = Field(
        default=False, description="True when the fact only came to light after the attack."
    )
    assessed_by: Text | None = Field(
        default=None, json_schema_extra=_SINCE_2,
        description="Set when the value is a body's legal conclusion recorded as evidence (not an "
        "observation): the body that reached it, e.g. 'ICTY NATO Review Committee'.",
    )
    note: Text | None = None

    @property
    def known(self) -> bool:
        """True when the value is recorded (it may still be ``False`` or ``0``)."""
        return self.value is not None


class Count(_Model):
    """A count of people as a range (``min`` ≤ ``max``); either bound may be unknown (``null``)."""

    min: Annotated[int, Field(ge=0)] | None = None
    max: Annotated[int, Field(ge=0)] | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Count":
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


class SourceType(str, Enum):
    """Kinds of evidence (DESIGN.md, "Source / evidence")."""

    witness_interview = "witness_interview"
    site_visit = "site_visit"
    munition_remnant = "munition_remnant"
    imagery = "imagery"
    official_statement = "official_statement"
    media_report = "media_report"
    ngo_report = "ngo_report"
    investigation_report = "investigation_report"


class Reliability(str, Enum):
    """The assessor's grading of a source's reliability."""

    high = "high"
    medium = "medium"
    low = "low"
    unknown = "unknown"


def _utc_datetime(value: Any) -> Any:
    """A UTC date-time written ISO 8601 with ``Z`` or ``+00:00`` (``2024-03-01T14:05:00Z``); a
    date-time object must be timezone-aware and in UTC. Anything else (no zone, another zone, a date
    alone, a number) is refused: a collection time read in an unknown zone could be hours off."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and _ISO_DATETIME.fullmatch(value):
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise PydanticCustomError("utc_datetime_parsing", "Input should be a real UTC date-time") from None
    else:
        raise PydanticCustomError("utc_datetime_type", "Input should be a UTC date-time written YYYY-MM-DDTHH:MM:SSZ")
    if moment.utcoffset() != dt.timedelta(0):
        raise PydanticCustomError("utc_datetime_zone", "Input should be a UTC date-time (ending in Z or +00:00)")
    return moment.astimezone(dt.timezone.utc)


_ISO_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?([Zz]|\+00:00)")

Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$", max_length=2000), AfterValidator(_clean_text)]
UtcDateTime = Annotated[dt.datetime, BeforeValidator(_utc_datetime)]


class Check(str, Enum):
    """The outcome of one verification step: ``yes`` (done, and it confirmed the material), ``no``
    (done, and it did not: wrong place, wrong time, not the source claimed), ``unknown`` (not done or
    not recorded)."""

    yes = "yes"
    no = "no"
    unknown = "unknown"


class SourceVerification(_Model):
    """Verification of the collected material (Berkeley Protocol on Digital Open Source
    Investigations, OHCHR and UC Berkeley Human Rights Center, 2020, HR/PUB/20/2): was its place
    established (geolocated), its time (chronolocated), and its origin (source-checked)?"""

    geolocated: Check = Check.unknown
    chronolocated: Check = Check.unknown
    source_checked: Check = Check.unknown

    @property
    def failed(self) -> list[str]:
        """The checks that were made and did not confirm the material (value ``no``)."""
        return [name for name, check in self if check is Check.no]


class Sensitivity(str, Enum):
    """How the material may be shared: ``public`` (published material), ``restricted`` (within the
    investigating team and its reviewers), ``confidential`` (need-to-know; its address is never
    shown in an output)."""

    public = "public"
    restricted = "restricted"
    confidential = "confidential"


class Provenance(_Model):
    """Where a source was found, the copy kept of it, and how it was checked.

    ``url`` is where the material was found; ``archived_url`` a third-party archived copy;
    ``sha256`` the SHA-256 digest (64 lowercase hex digits) of the copy collected; ``collected_at``
    when it was collected (UTC); ``collected_by`` the role or team that collected it (never a
    witness's name); ``verification`` the three checks; ``sensitivity`` how it may be shared.
    """

    url: Url | None = None
    archived_url: Url | None = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    collected_at: UtcDateTime | None = None
    collected_by: Text | None = None
    verification: SourceVerification = Field(default_factory=SourceVerification)
    sensitivity: Sensitivity | None = None


class Source(_Model):
    """One piece of evidence, cited by ``id`` from the facts it supports.

    Witnesses are named only by ``pseudonym`` in every output; ``title`` must not identify them.
    ``date`` is the UTC date of the interview, visit or publication.
    """

    id: SourceId
    type: SourceType
    title: Text
    reliability: Reliability = Reliability.unknown
    date: IsoDate | None = None
    pseudonym: Annotated[str, StringConstraints(min_length=1, max_length=80), AfterValidator(_clean_text)] | None = None
    author: Text | None = None
    locator: Text | None = Field(default=None, description="Page, paragraph or URL within the source.")
    derived_from: list[SourceId] = Field(
        default_factory=_empty_list,
        description="Sources this one repeats or relies on (e.g. a press release quoting a report); "
        "a source is not independent of what it is derived from.",
    )
    held_by_attacker: bool = Field(
        default=False, description="An official statement or investigation of the attacking party."
    )
    provenance: Provenance | None = Field(
        default=None, description="Where the material was found, the copy kept, and how it was verified."
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _witness_pseudonym(self) -> "Source":
        if self.type is SourceType.witness_interview and not self.pseudonym:
            raise ValueError("a witness_interview source needs a pseudonym (witness identities are protected)")
        return self


class Classification(str, Enum):
    """Conflict classification: international (IAC) or non-international (NIAC) armed conflict."""

    IAC = "IAC"
    NIAC = "NIAC"


class Conflict(_Model):
    """The armed conflict in which the attack took place, and why it is classified as it is."""

    classification: Fact[Classification]
    name: Text | None = None
    basis: Text | None = Field(default=None, description="Why the conflict is classified so.")
    territorial_state: Text | None = None
    parties: list[Text] = Field(default_factory=_empty_list)


class Attacker(_Model):
    """The attacking party; ``states`` are the states whose treaty obligations may apply (for a
    coalition, its member states taking part); ``conducted_by`` is the one whose forces carried out
    the strike, where the sources name it (treaty obligations bind the state that attacked)."""

    party: Text
    states: list[Text] = Field(default_factory=_empty_list)
    conducted_by: Text | None = Field(
        default=None,
        description="The state whose forces carried out the strike, where the sources name it; one of `states`.",
    )
    attribution: Fact[bool] = Field(
        default_factory=Fact, description="Is the attack attributed to this party?"
    )


class Precision(str, Enum):
    """How precisely the date and time are known."""

    minute = "minute"
    hour = "hour"
    part_of_day = "part_of_day"
    day = "day"
    month = "month"


class When(_Model):
    """Date (UTC calendar date as reported) and local time of the attack, with their precision."""

    date: IsoDate
    time: Annotated[str, StringConstraints(pattern=_HHMM)] | None = None
    time_of_day: Literal["night", "morning", "midday", "afternoon", "evening"] | None = Field(
        default=None,
        description="Part of the day, local time: night 21:00-05:59, morning 06:00-11:29, midday 11:30-13:59, "
        "afternoon 14:00-17:59, evening 18:00-20:59. When `time` is given too, it must fall in this part.",
    )
    precision: Precision = Precision.day
    sources: list[SourceId] = Field(default_factory=_empty_list)
    note: Text | None = None


class Place(_Model):
    """Where the attack took place. Coordinates are WGS84 decimal degrees."""

    name: Text
    locality: Text | None = None
    country: Text
    latitude: Annotated[Number, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[Number, Field(ge=-180, le=180)] | None = None
    sources: list[SourceId] = Field(default_factory=_empty_list)


class AttackType(str, Enum):
    """The kind of attack."""

    air_strike = "air_strike"
    artillery = "artillery"
    rocket = "rocket"
    missile = "missile"
    drone_strike = "drone_strike"
    gunship = "gunship"
    ground_assault = "ground_assault"
    other = "other"


class WeaponCategory(str, Enum):
    """Broad weapon categories for pattern analysis."""

    guided_bomb = "guided_bomb"
    unguided_bomb = "unguided_bomb"
    guided_missile = "guided_missile"
    artillery_shell = "artillery_shell"
    mortar = "mortar"
    rocket = "rocket"
    cannon = "cannon"
    small_arms = "small_arms"
    unknown = "unknown"


class Delivery(str, Enum):
    """How fire was delivered on the point struck."""

    direct = "direct"
    observed_indirect = "observed_indirect"
    unobserved_indirect = "unobserved_indirect"


class Fuze(str, Enum):
    """The fuze setting of the munition."""

    impact = "impact"
    delay = "delay"
    airburst = "airburst"
    proximity = "proximity"


class Weapon(_Model):
    """The means used. Weights in kilograms; accuracy as a margin of error (e.g. CEP) in metres."""

    name: Text | None = None
    category: WeaponCategory = WeaponCategory.unknown
    guided: Fact[bool] = Field(default_factory=Fact)
    munitions: Fact[AtLeastOne] = Field(default_factory=Fact)
    explosive_weight_kg: Fact[Positive] = Field(default_factory=Fact)
    accuracy_m: Fact[Positive] = Field(default_factory=Fact)
    wide_area_effects: Fact[bool] = Field(
        default_factory=Fact,
        description="Blast, fragmentation or inaccuracy spread effects over a wide area.",
    )
    delivery: Fact[Delivery] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="How fire was delivered: direct, indirect with an observer adjusting it, or indirect "
        "without observation.",
    )
    fuze: Fact[Fuze] = Field(default_factory=Fact, json_schema_extra=_SINCE_2,
                             description="The fuze setting, where the sources give it.")
    incendiary: Fact[bool] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="An incendiary weapon: primarily designed to set fire to objects or to cause burn injury "
        "through flame or heat from a chemical reaction of a substance delivered on the target (CCW Protocol III "
        "art. 1(1)); munitions with only incidental incendiary effects (smoke, illuminants, tracers) are not.")
    air_delivered: Fact[bool] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="Delivered from the air (bombs, air-launched rockets), as against from the ground (artillery).")
    incendiary_separated_and_limited: Fact[bool] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="The military objective was clearly separated from the concentration of civilians and all "
        "feasible precautions were taken to limit the incendiary effects to it (CCW Protocol III art. 2(3)); the "
        "attacker's to show.")
    incendiary_fewer_casualties: Fact[bool] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="It was judged before the attack that the incendiary weapon would cause fewer casualties and/or "
        "less collateral damage than alternative weapons (the United States' reservation to Protocol III art. 2).")
    cluster_munition: Fact[bool] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="A cluster munition: dispersing or releasing explosive submunitions each weighing less than 20 kg "
        "(Convention on Cluster Munitions art. 2(2)).")


class Release(_Model):
    """One munition or pass of an attack made of several, in order (observations, format version 2).

    ``known_before`` restates, for this release, facts of the incident as they stood (and as the attacker
    knew them) just before it, keyed by their path relative to ``incident`` as in an account: knowledge
    can change between the first release and a later one (civilians seen running out, rescuers arriving).
    Times are local ``HH:MM``; intervals in minutes.
    """

    label: Text | None = Field(default=None, description="How the sources name it ('second strike').")
    time: Annotated[str, StringConstraints(pattern=_HHMM)] | None = None
    minutes_after_previous: Fact[NonNegative] = Field(
        default_factory=Fact, description="Minutes since the previous release (unknown for the first).")
    munitions: Fact[AtLeastOne] = Field(default_factory=Fact)
    same_point_as_previous: Fact[bool] = Field(
        default_factory=Fact, description="It struck the point the previous release struck, or next to it.")
    wounded_or_rescuers_present: Fact[bool] = Field(
        default_factory=Fact,
        description="Wounded people who refrained from any act of hostility (civilians, or fighters hors de "
        "combat: AP I arts 8(a), 41(2)), or people who came to help them (civilians, medical personnel, civil "
        "defence), were at the point struck before this release; attacker_knowledge says whether the attacker "
        "knew or should have known it. Wounded fighters who went on fighting are not counted here: they are "
        "a military objective (objective_remained); where it is not known whether they had stopped, leave "
        "this unknown.",
    )
    objective_remained: Fact[bool] = Field(
        default_factory=Fact,
        description="A military objective (fighters not hors de combat, military equipment) was still at the "
        "point struck before this release, so the release could be aimed at it: the attacker's to show.",
    )
    known_before: dict[str, Fact[Any]] = Field(
        default_factory=_empty_dict,
        description="Facts of the incident as they stood before this release, keyed by path relative to "
        "'incident' (e.g. civilians.present); each replaces the incident's fact for this release.",
    )
    sources: list[SourceId] = Field(default_factory=_empty_list)
    note: Text | None = None


class Attack(_Model):
    """The attack itself: its type, means, and how it was directed."""

    type: AttackType
    weapon: Weapon = Field(default_factory=Weapon)
    directed_at_specific_objective: Fact[bool] = Field(default_factory=Fact)
    cannot_be_directed_at_specific_objective: Fact[bool] = Field(
        default_factory=Fact,
        description="The means or method could not be directed at the specific military objective "
        "in the circumstances (AP I art. 51(4)(b)).",
    )
    effects_cannot_be_limited: Fact[bool] = Field(
        default_factory=Fact,
        description="The effects could not be limited as IHL requires (AP I art. 51(4)(c)).",
    )
    separate_objectives_treated_as_one: Fact[bool] = Field(
        default_factory=Fact,
        description="Clearly separated and distinct military objectives were treated as a single "
        "objective (AP I art. 51(5)(a)).",
    )
    primary_purpose_terror: Fact[bool] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="The primary purpose of the attack, or of threats of it, was to spread terror among the "
        "civilian population (AP I art. 51(2), second sentence): shown by statements, the pattern of attacks, "
        "their timing and targets. Record a body's or court's conclusion with assessed_by.",
    )
    sequence: list[Release] = Field(
        default_factory=_empty_list, json_schema_extra=_SINCE_2,
        description="The releases or passes in order, when the attack was made of several.",
    )


class Basis(str, Enum):
    """The four grounds of effective contribution in AP I art. 52(2)."""

    nature = "nature"
    location = "location"
    purpose = "purpose"
    use = "use"


class DirectParticipation(_Model):
    """The three cumulative elements of direct participation in hostilities, and its time (ICRC
    Interpretive Guidance, 2009, Recommendations V-VII — an interpretive position, contested)."""

    threshold_of_harm: Fact[bool] = Field(default_factory=Fact)
    direct_causation: Fact[bool] = Field(default_factory=Fact)
    belligerent_nexus: Fact[bool] = Field(default_factory=Fact)
    at_the_time: Fact[bool] = Field(
        default_factory=Fact,
        description="The persons were attacked while taking that direct part: during the act, the preparation "
        "for it, or the deployment to or return from it (civilians lose protection only \"for such time as\" "
        "they take a direct part, AP I art. 51(3)).",
    )


class Target(_Model):
    """The target as claimed by the attacker, and the facts that decide whether it was lawful."""

    claimed: Text | None = Field(default=None, description="The target the attacker says it attacked.")
    claimed_sources: list[SourceId] = Field(default_factory=_empty_list)
    kind: Fact[Literal["object", "persons"]] = Field(default_factory=Fact)
    basis: list[Basis] = Field(default_factory=_empty_list, description="Claimed grounds under AP I 52(2).")
    effective_contribution: Fact[bool] = Field(default_factory=Fact)
    definite_military_advantage: Fact[bool] = Field(default_factory=Fact)
    normally_civilian_object: Fact[bool] = Field(default_factory=Fact)
    doubt_remained: Fact[bool] = Field(
        default_factory=Fact,
        description="After all feasible verification, doubt remained whether the object or persons "
        "were a lawful target (the attacker's doubt when the attack was launched). Files that record it "
        "as precautions.verification.doubt_unresolved, its former name, are read here with a warning.",
    )
    apparent_lawful_target: Fact[bool] = Field(
        default_factory=Fact,
        description="On the information reasonably available before the attack, the target appeared to be "
        "a military objective or persons who may lawfully be attacked (what a reasonable person in the "
        "attacker's circumstances, making reasonable use of that information, could have believed; "
        "relevant where it turned out otherwise).",
    )
    persons_are_fighters: Fact[bool] = Field(default_factory=Fact)
    armed_group_member: Fact[bool] = Field(
        default_factory=Fact,
        description="The persons attacked were members of an organised armed group of a party to the conflict.",
    )
    continuous_combat_function: Fact[bool] = Field(
        default_factory=Fact,
        description="Their function in that group was a continuous one involving direct participation in "
        "hostilities (the ICRC's test for members who may be attacked at any time).",
    )
    doubt_substantial: Fact[bool] = Field(
        default_factory=Fact,
        description="The doubt that remained about the persons' status was substantial (the United Kingdom's "
        "reading of AP I art. 50(1)).",
    )
    journalists: Fact[bool] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="For an attack on persons: they were journalists on a professional mission (AP I art. 79; "
        "CIHL Rule 34).",
    )
    mission_personnel: Fact[bool] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="For an attack on persons: they were personnel of a humanitarian assistance or peacekeeping "
        "mission, such as aid workers or peacekeepers (read only by the elements of war crimes, Rome Statute "
        "art. 8(2)(b)(iii), (e)(iii)).",
    )
    hors_de_combat: Fact[bool] = Field(
        default_factory=Fact,
        description="The persons attacked were, or should have been recognised as, hors de combat: in the power "
        "of the adverse party, defenceless (unconscious, wounded, sick, shipwrecked), or clearly expressing an "
        "intention to surrender (AP I art. 41; CIHL Rule 47).",
    )
    direct_participation: DirectParticipation = Field(default_factory=DirectParticipation)


class StruckCategory(str, Enum):
    """What kind of object was struck (observations, format version 2). The categories follow the
    objects the law treats specially (medical units, cultural property, objects indispensable to the
    survival of the civilian population, works containing dangerous forces) and the usual targets."""

    residential_building = "residential_building"
    shelter = "shelter"
    school = "school"
    medical_unit = "medical_unit"
    medical_transport = "medical_transport"
    place_of_worship = "place_of_worship"
    cultural_property = "cultural_property"
    market = "market"
    commercial_building = "commercial_building"
    industrial_facility = "industrial_facility"
    water_installation = "water_installation"
    power_installation = "power_installation"
    food_supply = "food_supply"
    dangerous_forces_installation = "dangerous_forces_installation"
    bridge = "bridge"
    road = "road"
    civilian_vehicle = "civilian_vehicle"
    humanitarian_site = "humanitarian_site"
    peacekeeping_site = "peacekeeping_site"
    government_building = "government_building"
    media_facility = "media_facility"
    military_vehicle = "military_vehicle"
    military_position = "military_position"
    military_depot = "military_depot"
    open_ground = "open_ground"
    other = "other"


class ObjectStruck(_Model):
    """The object actually struck, which may differ from the claimed target. Distances in metres from
    the point of impact."""

    description: Text
    is_claimed_target: Fact[bool] = Field(
        default_factory=Fact,
        description="The weapon struck the object the attack was aimed at, even if that object was misidentified "
        "(true for the Kunduz trauma centre, fired on as a compound 450 m away); false only where it struck "
        "something else than what it was aimed at (a stray or misdirected round).",
    )
    category: Fact[StruckCategory] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="What the object is, by its nature or normal use (a house, a school).",
    )
    used_as: Fact[StruckCategory] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="What it was being used as at the time, where that differs from its category (a house "
        "used as a shelter, a school used as a firing position).",
    )
    distance_to_claimed_objective_m: Fact[NonNegative] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="Distance in metres from the point of impact to the objective the attacker claims.",
    )
    property_of_adversary: Fact[bool] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="The object was the property of an adversary of the attacking party: of the defending party, "
        "or of persons who belong or are taken to belong to its side (read only by the elements of war crimes, "
        "Rome Statute art. 8(2)(e)(xii)).",
    )
    sources: list[SourceId] = Field(default_factory=_empty_list)


class Observer(str, Enum):
    """Who made an observation."""

    witness = "witness"
    investigator_on_site = "investigator_on_site"
    imagery_analyst = "imagery_analyst"
    monitor = "monitor"
    journalist = "journalist"
    attacker = "attacker"
    defender = "defender"
    other = "other"


class Moment(str, Enum):
    """When an observation was made, relative to the attack."""

    before = "before"
    at_the_time = "at_the_time"
    afterwards = "afterwards"


class Presence(_Model):
    """One kind of military presence at or near the point of impact, as observed.

    ``seen`` is ``true`` when it was seen, ``false`` when someone looked and found none (a site visit,
    witnesses asked: ``observed_by`` must then say who), and unknown otherwise. ``distance_m`` is metres
    from the point of impact (0: at it). ``attacker_knowledge`` on ``seen`` is what the attacker knew.
    """

    seen: Fact[bool] = Field(default_factory=Fact)
    distance_m: Fact[NonNegative] = Field(default_factory=Fact)
    observed_by: list[Observer] = Field(default_factory=_empty_list)
    observed_when: list[Moment] = Field(default_factory=_empty_list)
    description: Text | None = None


class MilitaryPresence(_Model):
    """Military presence at or near the point of impact (observations, format version 2): fighters,
    weapons or military equipment, and use of the place for military action (a firing position, a
    command post, a depot)."""

    fighters: Presence = Field(default_factory=Presence)
    weapons_or_equipment: Presence = Field(default_factory=Presence)
    military_use: Presence = Field(default_factory=Presence)


class StrikePosition(str, Enum):
    """The attacker's answer on whether it carried out the strike."""

    acknowledged = "acknowledged"
    denied = "denied"
    not_addressed = "not_addressed"


class Inquiry(_Model):
    """The record of asking the attacker about the strike (observations, format version 2): whether it
    was asked, whether it answered, whether it acknowledged the strike, whether it named a military
    objective. The objective it names goes in ``target.claimed``."""

    asked: Fact[bool] = Field(default_factory=Fact,
                              description="Was the attacking party asked about this strike?")
    asked_by: Text | None = None
    asked_on: IsoDate | None = None
    answered: Fact[bool] = Field(default_factory=Fact)
    strike: Fact[StrikePosition] = Field(default_factory=Fact,
                                         description="Did it acknowledge or deny carrying out the strike?")
    target_named: Fact[bool] = Field(default_factory=Fact,
                                     description="Did it name the military objective of the strike?")
    answer: Text | None = Field(default=None, description="Its answer, paraphrased.")


class Surveillance(str, Enum):
    """How long the attacker watched the place before the attack."""

    none = "none"
    brief = "brief"
    sustained = "sustained"


class SurveillanceMeans(str, Enum):
    """Means by which the attacker could observe the place."""

    drone = "drone"
    aircraft = "aircraft"
    ground_observer = "ground_observer"
    satellite_imagery = "satellite_imagery"
    signals = "signals"
    informant = "informant"
    other = "other"


class BeforeAttack(_Model):
    """What could be seen of the place before the attack, and how the attacker watched it
    (observations, format version 2). Hours are hours of observation before the attack."""

    surveillance: Fact[Surveillance] = Field(default_factory=Fact)
    surveillance_hours: Fact[NonNegative] = Field(default_factory=Fact)
    surveillance_means: list[SurveillanceMeans] = Field(default_factory=_empty_list)
    aircraft_overhead: Fact[bool] = Field(
        default_factory=Fact, description="Drones or aircraft were heard or seen overhead before the attack.")
    daylight: Fact[bool] = Field(default_factory=Fact)
    people_in_open: Fact[bool] = Field(default_factory=Fact,
                                       description="People were visible in the open (streets, roofs, yards).")
    regular_gathering: Fact[bool] = Field(
        default_factory=Fact,
        description="A market, queue, prayer or other regular gathering was under way or known to take place "
        "there at that hour.",
    )
    gathering: Text | None = Field(default=None, description="What the gathering was.")


class Civilians(_Model):
    """Civilians and civilian objects in the area. Distances in metres, counts as ranges."""

    present: Fact[bool] = Field(default_factory=Fact)
    count_present: Fact[Count] = Field(default_factory=Fact)
    presence_observable: Fact[bool] = Field(default_factory=Fact)
    populated_area: Fact[bool] = Field(default_factory=Fact)
    nearest_distance_m: Fact[NonNegative] = Field(default_factory=Fact)
    civilian_objects_nearby: Fact[bool] = Field(default_factory=Fact)
    voluntary_human_shields: Fact[bool] = Field(
        default_factory=Fact,
        description="The civilians present had chosen of their own will to shield the objective from attack.",
    )


class DefenderConduct(_Model):
    """What the defending party (``incident.defender``) did about the civilians around its forces
    (observations, format version 2): the facts on which its own duties are assessed, as findings
    against it (precautions against the effects of attacks, AP I art. 58, CIHL Rules 22-24; human
    shields, AP I art. 51(7), CIHL Rule 97). They never change the findings against the attacker (AP I
    art. 51(8)). ``states`` are the states whose treaty obligations may bind the defending party (none
    for an organised armed group)."""

    states: list[Text] = Field(default_factory=_empty_list)
    military_objectives_in_populated_area: Fact[bool] = Field(
        default_factory=Fact,
        description="The defending party located military objectives (fighters, weapons, positions) within or "
        "near a densely populated area.",
    )
    civilians_prevented_from_leaving: Fact[bool] = Field(
        default_factory=Fact,
        description="The defending party prevented civilians under its control from leaving the vicinity of its "
        "military objectives (checkpoints, punishment of those who fled, mined exit roads).",
    )
    civilians_moved_near_military_objectives: Fact[bool] = Field(
        default_factory=Fact,
        description="The defending party moved civilians into, or kept them at, places where its fighters or "
        "military objectives were.",
    )
    shielding_purpose: Fact[bool] = Field(
        default_factory=Fact,
        description="It did so in order to shield military objectives from attack, or to shield, favour or "
        "impede military operations (AP I art. 51(7)).",
    )
    precautions_infeasible: Fact[bool] = Field(
        default_factory=Fact,
        description="It was not feasible for the defending party to keep its military objectives out of the "
        "populated area or to remove the civilians from their vicinity (the defending party's to show).",
    )
    place_open_for_occupation: Fact[bool] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="The town, village, dwelling or building attacked was undefended: open for unresisted "
        "occupation by the attacking party, no resistance offered from it (read only by the elements of war "
        "crimes, Rome Statute art. 8(2)(b)(v); compare AP I art. 59(2)).",
    )


class Proportionality(_Model):
    """The ex ante weighing: expected incidental civilian harm against the concrete and direct
    military advantage anticipated (AP I art. 51(5)(b); CIHL Rule 14)."""

    expected_harm: Text | None = Field(default=None, description="The harm expected before the attack.")
    military_advantage_anticipated: Fact[bool] = Field(default_factory=Fact)
    advantage: Text | None = Field(default=None, description="What advantage was anticipated.")
    expected_harm_excessive: Fact[bool] = Field(default_factory=Fact)
    harm_clearly_excessive: Fact[bool] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="The expected harm was clearly excessive in relation to the concrete and direct overall "
        "military advantage anticipated (the threshold of the war crime, Rome Statute art. 8(2)(b)(iv); higher "
        "than 'excessive'). A value judgement: record it as a body's assessment (assessed_by).",
    )


class MentalState(str, Enum):
    """A perpetrator's state of mind as to an element: ``intent`` (meant it), ``knowledge`` (was aware
    it existed or would occur in the ordinary course of events), ``recklessness`` (aware of the risk and
    took it), ``negligence`` (should have been aware), ``none``."""

    intent = "intent"
    knowledge = "knowledge"
    recklessness = "recklessness"
    negligence = "negligence"
    none = "none"


class MentalElement(_Model):
    """What those who launched the attack intended and knew (format version 2). Read only by the
    elements of war crimes (``rules/90_war_crimes.yaml``), never by an IHL finding. Intent and knowledge
    may be inferred from facts and circumstances (ICC Elements of Crimes, General Introduction, para.
    3): record the inference with its sources, and ``assessed_by`` where a body or court reached it."""

    aware_of_armed_conflict: Fact[bool] = Field(
        default_factory=Fact,
        description="The perpetrator was aware of the factual circumstances that established an armed conflict.")
    towards_civilians: Fact[MentalState] = Field(
        default_factory=Fact,
        description="The perpetrator's state of mind as to civilians being the object of the attack.")
    towards_civilian_objects: Fact[MentalState] = Field(
        default_factory=Fact,
        description="The perpetrator's state of mind as to civilian objects being the object of the attack.")
    towards_excessive_harm: Fact[MentalState] = Field(
        default_factory=Fact,
        description="The perpetrator's state of mind as to the attack causing incidental harm clearly excessive "
        "in relation to the military advantage anticipated (knowledge: knew it would).")


class Verification(_Model):
    """Steps taken to verify the target (AP I art. 57(2)(a)(i); CIHL Rule 16)."""

    steps: list[Text] = Field(default_factory=_empty_list)
    feasible_steps_taken: Fact[bool] = Field(default_factory=Fact)


class MeansAndMethods(_Model):
    """Choice of means and methods (AP I art. 57(2)(a)(ii); CIHL Rule 17)."""

    alternatives: list[Text] = Field(default_factory=_empty_list)
    less_harmful_feasible_alternative: Fact[bool] = Field(default_factory=Fact)


class Warning(_Model):
    """Advance warning (AP I art. 57(2)(c); CIHL Rule 20). ``time`` is when it was given."""

    given: Fact[bool] = Field(default_factory=Fact)
    effective: Fact[bool] = Field(default_factory=Fact)
    time: Text | None = None
    circumstances_did_not_permit: Fact[bool] = Field(default_factory=Fact)
    description: Text | None = None


class CancelOrSuspend(_Model):
    """Duty to cancel or suspend (AP I art. 57(2)(b); CIHL Rule 19)."""

    became_apparent: Fact[bool] = Field(default_factory=Fact)
    cancelled_or_suspended: Fact[bool] = Field(default_factory=Fact)


class ChoiceOfObjective(_Model):
    """Choice between objectives (AP I art. 57(3); CIHL Rule 21)."""

    alternative_available: Fact[bool] = Field(default_factory=Fact)
    least_dangerous_chosen: Fact[bool] = Field(default_factory=Fact)


class AlternativeKind(str, Enum):
    """What an alternative changes."""

    timing = "timing"
    weapon = "weapon"
    fuze = "fuze"
    angle = "angle"
    objective = "objective"
    warning = "warning"
    other = "other"


class Alternative(_Model):
    """One alternative to the attack as made (observations, format version 2): what it would have
    changed, whether it was available at the time (``attacker_knowledge``: known to the attacker),
    whether it would have reduced civilian harm, and whether it was feasible given military
    considerations. For ``kind: objective``, ``similar_military_advantage`` is the AP I art. 57(3) test."""

    kind: AlternativeKind
    description: Text
    available: Fact[bool] = Field(default_factory=Fact)
    reduces_civilian_harm: Fact[bool] = Field(default_factory=Fact)
    feasible: Fact[bool] = Field(default_factory=Fact)
    similar_military_advantage: Fact[bool] = Field(default_factory=Fact)


class Precautions(_Model):
    """Precautions in attack (AP I art. 57; CIHL Rules 15–21)."""

    verification: Verification = Field(default_factory=Verification)
    means_and_methods: MeansAndMethods = Field(default_factory=MeansAndMethods)
    warning: Warning = Field(default_factory=Warning)
    timing: Text | None = None
    cancel_or_suspend: CancelOrSuspend = Field(default_factory=CancelOrSuspend)
    choice_of_objective: ChoiceOfObjective = Field(default_factory=ChoiceOfObjective)
    alternatives: list[Alternative] = Field(default_factory=_empty_list, json_schema_extra=_SINCE_2)


class ObjectDamage(str, Enum):
    """How badly the attack damaged the object struck: ``none``, ``damaged``, ``extensively_damaged``,
    ``destroyed``."""

    none = "none"
    damaged = "damaged"
    extensively_damaged = "extensively_damaged"
    destroyed = "destroyed"


class Outcome(_Model):
    """What happened, found afterwards. Evidence of what was foreseeable, never the test itself."""

    civilians_killed: Fact[Count] = Field(default_factory=Fact)
    civilians_injured: Fact[Count] = Field(default_factory=Fact)
    fighters_killed: Fact[Count] = Field(default_factory=Fact)
    object_damage: Fact[ObjectDamage] = Field(
        default_factory=Fact, json_schema_extra=_SINCE_2,
        description="How badly the attack damaged the object struck: none, damaged, extensively_damaged or "
        "destroyed (read only by the elements of war crimes: the result an ICTY-style tribunal requires of an "
        "attack on civilian objects; the destruction of an adversary's property).",
    )
    damage: Text | None = None
    damage_sources: list[SourceId] = Field(default_factory=_empty_list)


class Acknowledgement(_Model):
    """The attacker's later position on the incident (e.g. a credibility assessment)."""

    date: IsoDate | None = None
    position: Text
    sources: list[SourceId] = Field(default_factory=_empty_list)


class LossWarning(_Model):
    """The warning that must precede an attack on a specially protected object used to commit acts
    harmful to the enemy: given, naming a reasonable time limit, and unheeded (GC I art. 21; AP I art.
    13(1); AP II art. 11(2)), unless circumstances did not permit one."""

    given: Fact[bool] = Field(default_factory=Fact, description="A warning was given to stop the harmful use.")
    reasonable_time_limit: Fact[bool] = Field(
        default_factory=Fact, description="The warning named a reasonable time limit (where one was appropriate).")
    unheeded: Fact[bool] = Field(default_factory=Fact, description="The warning went unheeded: the harmful use went on.")
    circumstances_did_not_permit: Fact[bool] = Field(
        default_factory=Fact, description="Circumstances did not permit a warning (for example fire from the hospital "
        "on the attacking forces, calling for immediate self-defence).")
    description: Text | None = None


class Protection(_Model):
    """The facts a special protection turns on (format version 2): the object struck is specially
    protected by its category (``object_struck.category``); these say whether it lost that protection,
    or whether the waiver for cultural property was met. The party invoking a loss of protection or
    the waiver bears showing it."""

    harmful_acts: Fact[bool] = Field(
        default_factory=Fact,
        description="The medical unit or transport was used, outside its humanitarian function, to commit acts "
        "harmful to the enemy (not: staff carrying light arms, guards, weapons taken from the wounded, "
        "wounded fighters treated there: AP I art. 13(2)).",
    )
    warning: LossWarning = Field(default_factory=LossWarning)
    great_importance: Fact[bool] = Field(
        default_factory=Fact,
        description="The cultural property is of great importance to the cultural heritage of every people "
        "(1954 Hague Convention art. 1; CIHL Rule 38 B).",
    )
    imperative_military_necessity: Fact[bool] = Field(
        default_factory=Fact,
        description="Imperative military necessity required the attack on the cultural property (1954 Hague "
        "Convention art. 4(2)).",
    )
    no_feasible_alternative: Fact[bool] = Field(
        default_factory=Fact,
        description="There was no feasible alternative to obtain a similar military advantage (Second Protocol "
        "art. 6(a)(ii)): a condition for the Second Protocol's parties only, read by no rule while the "
        "treaty-status data records none of them.",
    )
    sustenance_solely_for_armed_forces: Fact[bool] = Field(
        default_factory=Fact,
        description="The object indispensable to survival was used by the adverse party as sustenance solely for "
        "its armed forces (AP I art. 54(3)(a)).",
    )
    direct_support_of_military_action: Fact[bool] = Field(
        default_factory=Fact,
        description="The object indispensable to survival was used in direct support of military action (AP I "
        "art. 54(3)(b)).",
    )
    population_left_without_food_or_water: Fact[bool] = Field(
        default_factory=Fact,
        description="The attack may be expected to leave the civilian population with such inadequate food or "
        "water as to cause its starvation or force its movement (AP I art. 54(3)(b)); attacker_knowledge: "
        "whether the attacker knew or should have known it.",
    )
    release_of_dangerous_forces_expected: Fact[bool] = Field(
        default_factory=Fact,
        description="The attack on the dam, dyke or nuclear electrical generating station might release "
        "dangerous forces and cause severe losses among the civilian population (AP I art. 56(1)); "
        "attacker_knowledge: whether the attacker knew or should have known it.",
    )
    dangerous_forces_work: Fact[Literal["dam", "dyke", "nuclear_electrical_generating_station"]] = Field(
        default_factory=Fact,
        description="Which work containing dangerous forces was struck: a dam, a dyke or a nuclear electrical "
        "generating station (AP I art. 56(1)); the cessation of its protection differs (art. 56(2)(a), (b)).",
    )
    other_than_normal_function: Fact[bool] = Field(
        default_factory=Fact,
        description="The dam or dyke was used for other than its normal function (AP I art. 56(2)(a)); not "
        "asked of a nuclear electrical generating station.",
    )
    regular_significant_direct_support: Fact[bool] = Field(
        default_factory=Fact,
        description="The dam or dyke was used in, or the nuclear electrical generating station provided "
        "electric power in, regular, significant and direct support of military operations (AP I art. "
        "56(2)(a), (b)).",
    )
    only_feasible_way: Fact[bool] = Field(
        default_factory=Fact,
        description="The attack was the only feasible way to terminate that support (AP I art. 56(2)).",
    )


class Incident(_Model):
    """One attack event: the facts the legal rules are applied to."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$")]
    title: Text
    case: Text | None = None
    summary: Text | None = None
    when: When
    place: Place
    conflict: Conflict
    attacker: Attacker
    defender: Text | None = None
    attack: Attack
    target: Target = Field(default_factory=Target)
    object_struck: ObjectStruck
    military_presence: MilitaryPresence = Field(default_factory=MilitaryPresence, json_schema_extra=_SINCE_2)
    before_attack: BeforeAttack = Field(default_factory=BeforeAttack, json_schema_extra=_SINCE_2)
    inquiry: Inquiry = Field(default_factory=Inquiry, json_schema_extra=_SINCE_2)
    protection: Protection = Field(default_factory=Protection, json_schema_extra=_SINCE_2)
    civilians: Civilians = Field(default_factory=Civilians)
    defender_conduct: DefenderConduct = Field(default_factory=DefenderConduct, json_schema_extra=_SINCE_2)
    proportionality: Proportionality = Field(default_factory=Proportionality)
    precautions: Precautions = Field(default_factory=Precautions)
    outcome: Outcome = Field(default_factory=Outcome)
    mental_element: MentalElement = Field(default_factory=MentalElement, json_schema_extra=_SINCE_2)
    acknowledgements: list[Acknowledgement] = Field(default_factory=_empty_list)


class Account(_Model):
    """One version of the facts, held by one side (e.g. the attacker's official account, witnesses',
    a review body's). ``facts`` maps element fact paths relative to ``incident`` (such as
    ``target.effective_contribution``) to the fact as this account states it; every other fact is
    taken from the shared base in ``incident``.
    """

    name: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
    held_by: Text
    description: Text | None = None
    facts: dict[str, Fact[Any]] = Field(default_factory=_empty_dict)


class IncidentFile(_Model):
    """A whole incident file: format version, the incident, the sources it cites, and any competing
    accounts of the facts."""

    schema_version: Annotated[Literal[1, 2], BeforeValidator(_schema_version)]
    incident: Incident
    accounts: list[Account] = Field(default_factory=_empty_list)
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _fields_of_version(self) -> "IncidentFile":
        if self.schema_version == SCHEMA_VERSION:  # no field is newer than the newest version
            return self
        newer = newer_fields(self.model_dump(mode="json", exclude_unset=True), self.schema_version)
        if newer:
            raise PydanticCustomError(
                NEWER_FIELD,
                "fields new in schema_version 2 in a schema_version {version} file: {fields}",
                {"version": self.schema_version, "fields": ", ".join(".".join(map(str, p)) for p in newer)},
            )
        return self


NEWER_FIELD = "field_of_newer_version"  # the error type of a field a file's schema_version does not have


def newer_fields(data: Any, version: Any, model: type[BaseModel] | None = None,
                 at: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """The paths of fields in ``data`` (a whole incident file as parsed, or part of one read as
    ``model``) that are newer than ``version``: ``[("incident", "object_struck", "category"), ...]``.

    Reads the raw data, so a file with other errors is still checked; values of the wrong shape are
    skipped (they are reported as such), and so are newer fields holding their default (as a dumped
    model writes them). Account facts are :class:`Fact` mappings and are checked too.
    """
    model = model or IncidentFile
    if not isinstance(data, dict) or type(version) is not int or version not in SCHEMA_VERSIONS or version == SCHEMA_VERSION:
        return []
    found: list[tuple[str | int, ...]] = []
    for name, value in data.items():
        info = model.model_fields.get(name) if isinstance(name, str) else None
        if info is None:
            continue
        path = (*at, name)
        if (info.json_schema_extra or {}).get("since_version", 1) > version:
            if value != _default_json(info):  # a dumped file of an older version writes the defaults out
                found.append(path)
            continue
        for inner, where in _inside(_shape(info.annotation), value):
            found.extend(newer_fields(where, version, inner, path if where is value else (*path, _index(value, where))))
    return found


def _default_json(info: Any) -> Any:
    default = info.default_factory() if info.default_factory else info.default
    return default.model_dump(mode="json") if isinstance(default, BaseModel) else default


def _index(container: Any, item: Any) -> str | int:
    keys = container.items() if isinstance(container, dict) else enumerate(container)
    return next(k for k, v in keys if v is item)


@cache
def _shape(annotation: Any) -> tuple[str, Any] | None:
    """Where sub-models sit in a field of type ``annotation`` (read once per type: the walk of every file
    asks for every field): ``("model", model)``, ``("items", shape)`` for a list or dict of them, or None."""
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return ("model", arg)
        if typing.get_origin(arg) in (list, dict):
            return ("items", _shape(typing.get_args(arg)[-1]))
    return None


def _inside(shape: tuple[str, Any] | None, value: Any) -> list[tuple[type[BaseModel], Any]]:
    """The sub-models of a field's value of that ``shape``, each with its data (an optional one too)."""
    if shape is None:
        return []
    if shape[0] == "model":
        return [(shape[1], value)]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [(m, item) for item in items for m, _ in _inside(shape[1], item)]
