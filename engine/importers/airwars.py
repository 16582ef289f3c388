"""Airwars-shaped JSON records → skeleton incident files.

The record shape is that of the public archive ``carsspacee88-crypto/syrian-archive-airwars``
(``data/incidents/*.json``; schema ``data/schema/incident.schema.json``): ``incident_date``,
``location``, ``latitude``/``longitude``, ``alleged_belligerent``, ``strike_type``,
``civilian_deaths_min/max``, ``civilian_injuries_min/max``, ``sources[]``, ``assessment`` (Airwars'
grading), ``victims[]`` and the Arabic-keyed ``legacy_incident_fields``; the tables that map their
values are in ``airwars.yaml``.

What the importer holds to:

* **The grading grades the claim, not a source.** Airwars' civilian-harm grading (confirmed, fair,
  weak, contested, discounted) is kept as a note on the casualty figures, never as a source's
  reliability: every imported source is left ungraded (``unknown``) for the assessor to grade.
* **Attribution stays open.** The alleged belligerent becomes the attacker party, with attribution
  unknown and the archive's attribution status in its note.
* **The belligerent's own assessment is that party's account** (an ``official_statement`` source held
  by the attacker, an account, and an acknowledgement), read from the labelled lines of the narrative.
* **No victim's name is read.** Victims become counts by status (killed, injured) and age group.
  Narratives and free notes are not imported: they may name victims or witnesses. A listed source on a
  social-media platform keeps no author name and its address is ``restricted`` (withheld from memos):
  its holder may be a witness or a relative.

Raises nothing for a bad record: its problems come back in :class:`~engine.importers.common.Imported`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from engine import datafiles
from engine.importers.common import Imported, Json, Unmapped, count, fact, finish, slug
from engine.load import Problem

FORMAT = "airwars"
# Fields read below; every other top-level field is listed in the report as not mapped.
_READ = {"incident_code", "internal_id", "airwars_id", "incident_date", "location", "location_ar", "country",
         "latitude", "longitude", "alleged_belligerent", "strike_type", "civilian_deaths_min",
         "civilian_deaths_max", "civilian_injuries_min", "civilian_injuries_max", "sources", "assessment",
         "victims", "legacy_incident_fields", "canonical_url", "page_extraction", "narrative"}
_SOCIAL = re.compile(r"facebook|twitter|\bx\b|telegram|youtube|instagram|tiktok|whatsapp|vk\b", re.I)
_NOT_READ = {  # fields deliberately left out, and why
    "narrative_ar": "free text, not imported: it may name victims or witnesses",
    "narrative_original": "free text, not imported: it may name victims or witnesses",
    "additional_notes": "free text, not imported: it may name victims or witnesses",
    "media_metadata": "media are not sources of the incident file until collected and verified",
}


@cache
def tables() -> Json:
    """``airwars.yaml`` parsed."""
    return datafiles.read("engine", "importers/airwars.yaml")


def read(paths: Iterable[str | Path]) -> Iterator[Imported]:
    """One :class:`Imported` per record in ``paths`` (JSON files holding one record or a list of
    records; folders searched for ``*.json``, sorted)."""
    for raw in paths:
        path = Path(raw)
        files = sorted(p for p in path.rglob("*.json") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                data = json.loads(file.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield Imported(str(file), problems=[Problem(str(file), getattr(exc, "lineno", None), None, "",
                                                            f"not a readable JSON record: {exc}")])
                continue
            records = data if isinstance(data, list) else [data]
            for i, rec in enumerate(records):
                name = f"{file}[{i}]" if isinstance(data, list) else str(file)
                if not isinstance(rec, dict):
                    yield Imported(name, problems=[Problem(name, None, None, "", "a record must be a JSON object")])
                    continue
                yield convert(rec, name)


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value) if isinstance(value, str) and value.strip() else None
    except ValueError:
        return None


def _labelled(narrative: str, label: str) -> tuple[str, str] | None:
    """``(what precedes the label on its line, the value on the next non-empty line)``."""
    match = re.search(rf"(?m)^(.*?){re.escape(label)}\s*\n\s*\n?([^\n•]+)", narrative)
    return (match.group(1).strip(), " ".join(match.group(2).split())) if match else None


def _victims(victims: list[Any]) -> str | None:
    """Counts by status and age group; names and every other detail are never read."""
    tally: dict[tuple[str, str], int] = {}
    for v in victims:
        if not isinstance(v, dict):
            continue
        status = _text(v.get("status_original")) or "status not given"
        group = _text(v.get("age_group_original")) or "age group not given"
        tally[(status, group)] = tally.get((status, group), 0) + 1
    if not tally:
        return None
    return "; ".join(f"{status}, {group}: {n}" for (status, group), n in sorted(tally.items()))


def convert(rec: Json, name: str) -> Imported:
    """One Airwars-shaped record → :class:`Imported` (skeleton, origins of each field, not mapped)."""
    t = tables()
    legacy = rec.get("legacy_incident_fields") if isinstance(rec.get("legacy_incident_fields"), dict) else {}
    lk = t["legacy"]
    result = Imported(name)
    mapped, unmapped = result.mapped, result.unmapped
    code = _text(rec.get("incident_code")) or _text(rec.get("internal_id")) or _text(rec.get("airwars_id"))
    if code is None:
        result.problems.append(Problem(name, None, None, "incident_code", "the record has no incident_code, internal_id or airwars_id"))
        return result
    incident_id = slug(code if code.lower().startswith("airwars") else f"airwars-{code}")

    # The record itself is a source: Airwars' published assessment of the incident.
    record_source: Json = {"id": "AW", "type": "ngo_report", "title": f"Airwars civilian harm record {code}",
                           "author": "Airwars", "reliability": "unknown",
                           "note": "Record of a civilian-harm monitor; its grading grades the claim of civilian harm, not this source."}
    provenance: Json = {}
    if _text(rec.get("canonical_url")):
        provenance["url"] = rec["canonical_url"]
    page = rec.get("page_extraction") if isinstance(rec.get("page_extraction"), dict) else {}
    if isinstance(page.get("content_hash"), str) and re.fullmatch(r"[0-9a-f]{64}", page["content_hash"]):
        provenance["sha256"] = page["content_hash"]
        mapped["sources.AW.provenance.sha256"] = "page_extraction.content_hash"
    if isinstance(page.get("retrieved_at"), str) and page["retrieved_at"].endswith(("Z", "+00:00")):
        provenance["collected_at"] = page["retrieved_at"]
        provenance["collected_by"] = "the archive's collector (syrian-archive-airwars)"
        mapped["sources.AW.provenance.collected_at"] = "page_extraction.retrieved_at"
    if provenance:
        record_source["provenance"] = {**provenance, "sensitivity": "public"}
    sources: list[Json] = [record_source]

    listed = rec.get("sources") if isinstance(rec.get("sources"), list) else []
    for i, s in enumerate(listed, start=1):
        if not isinstance(s, dict):
            continue
        platform = _text(s.get("platform_original")) or "a publication"
        author = _text(s.get("name_original")) or _text(s.get("author"))
        # A social-media account may be held by a witness or a victim's relative: its name is not
        # imported and its address is restricted (withheld from memos), as for a witness.
        personal = bool(_SOCIAL.search(platform))
        entry: Json = {"id": f"AW-S{i}", "type": "media_report", "title": f"Source {i} listed by Airwars ({platform})",
                       "reliability": "unknown",
                       "note": "Listed by Airwars; not yet read or graded." + (
                           " A social-media account: its holder's name is not imported." if personal else "")}
        if author and not personal:
            entry["author"] = author.lstrip("'")
        prov = {}
        if isinstance(s.get("url"), str) and re.match(r"https?://\S+$", s["url"]):
            prov["url"] = s["url"]
        if isinstance(s.get("archive_url"), str) and re.match(r"https?://\S+$", s["archive_url"]):
            prov["archived_url"] = s["archive_url"]
        if prov:
            entry["provenance"] = {**prov, "sensitivity": "restricted" if personal else "public"}
        sources.append(entry)
    if len(sources) > 1:  # the record rests on what it lists: not independent of it
        record_source["derived_from"] = [x["id"] for x in sources[1:]]
        mapped["sources"] = "sources[] (url, archive_url, platform, author)"
    cite = ["AW"]
    # The sources Airwars lists report the event, its day and place: cited there, and nowhere else
    # until the assessor has read them.
    reporting = ["AW", *record_source.get("derived_from", [])]

    # When
    date = _text(rec.get("incident_date")) or _text(legacy.get("تاريخ الحادثة"))
    when: Json = {"date": date, "precision": "day", "sources": reporting}
    mapped["incident.when.date"] = "incident_date"
    end = _text(legacy.get(lk["date_end"]))
    if end and end != date:
        when["note"] = f"Airwars records a date range ending {end}; the first day is recorded here."
        when["precision"] = "month" if end[:7] != (date or "")[:7] else "day"
    local = _text(legacy.get(lk["local_time"]))
    if local:
        clock = re.fullmatch(r"([01][0-9]|2[0-3]):([0-5][0-9])(:[0-5][0-9])?", local)
        if clock:
            when["time"] = f"{clock.group(1)}:{clock.group(2)}"
            when["precision"] = "hour" if clock.group(2) == "00" else "minute"
            mapped["incident.when.time"] = f"legacy_incident_fields[{lk['local_time']}]"
        elif local in t["time_of_day"]:
            when["time_of_day"] = t["time_of_day"][local]
            when["precision"] = "part_of_day"
            mapped["incident.when.time_of_day"] = f"legacy_incident_fields[{lk['local_time']}]"
        else:
            unmapped.append(Unmapped(f"legacy_incident_fields[{lk['local_time']}]",
                                     f"local time {local!r} matches no part of the day of the format"))

    # Where
    region = _text(legacy.get(lk["region"]))
    place_name = _text(rec.get("location")) or _text(rec.get("location_ar"))
    place: Json = {"name": place_name or (f"unspecified place in {region}" if region else "place not recorded"),
                   "country": _text(rec.get("country")) or "Syria", "sources": reporting}
    if region:
        place["locality"] = region
    if place_name:
        mapped["incident.place.name"] = "location"
    lat, lon = _number(rec.get("latitude")), _number(rec.get("longitude"))
    if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
        place["latitude"], place["longitude"] = lat, lon
        mapped["incident.place.latitude/longitude"] = "latitude, longitude"
    elif rec.get("latitude") not in (None, "") or rec.get("longitude") not in (None, ""):
        unmapped.append(Unmapped("latitude, longitude", "coordinates missing, unreadable or out of range"))

    # Who: alleged, never established
    belligerent = _text(rec.get("alleged_belligerent"))
    status = _text(legacy.get(lk["attribution"]))
    attribution_note = "Alleged by the sources Airwars lists" + (f"; Airwars attribution status: {status}" if status else "") + "."
    attacker: Json = {"party": belligerent or "not recorded",
                      "attribution": fact(None, cite, attribution_note)}
    mapped["incident.attacker.party"] = "alleged_belligerent (alleged, attribution left unknown)"

    # What
    strike = _text(rec.get("strike_type"))
    attack_type = t["strike_type"].get(strike or "")
    if attack_type is None:
        attack_type = "other"
        unmapped.append(Unmapped("strike_type", f"{strike!r} names no single attack type of the format; recorded as other"
                                 if strike else "no strike type; recorded as other"))
    else:
        mapped["incident.attack.type"] = "strike_type"
    weapon: Json = {}
    munition = _text(legacy.get(lk["munition"]))
    tags = [x.strip() for x in (_text(legacy.get(lk["tags"])) or "").split(",") if x.strip()]
    if munition:
        weapon["name"] = munition.strip('"')
        mapped["incident.attack.weapon.name"] = f"legacy_incident_fields[{lk['munition']}]"
    elif "Cluster Munitions" in tags:
        weapon["name"] = "cluster munitions (as tagged by Airwars)"
        mapped["incident.attack.weapon.name"] = f"legacy_incident_fields[{lk['tags']}]: Cluster Munitions"
    attack: Json = {"type": attack_type}
    if weapon:
        attack["weapon"] = weapon
    precautions: Json = {}
    if "No Warning" in tags:  # an observation the monitor records: no warning was seen or reported
        precautions = {"warning": {"given": fact(False, cite, "Airwars tags the incident 'No Warning'.")}}
        mapped["incident.precautions.warning.given"] = f"legacy_incident_fields[{lk['tags']}]: No Warning"
    if "Double Tap Strike" in tags:  # a second strike on the point just struck: the sequence, observed
        attack["sequence"] = [
            {"label": "first strike", "sources": cite},
            {"label": "second strike", "sources": cite, "same_point_as_previous": fact(
                True, cite, "Airwars tags the incident 'Double Tap Strike'; the interval is not recorded.")},
        ]
        mapped["incident.attack.sequence"] = f"legacy_incident_fields[{lk['tags']}]: Double Tap Strike"
    for tag in tags:
        if tag not in ("Cluster Munitions", "No Warning", "Double Tap Strike"):
            unmapped.append(Unmapped(f"legacy_incident_fields[{lk['tags']}]", f"tag {tag!r} kept for the assessor, not mapped to a fact"))

    infrastructure = _text(legacy.get(lk["infrastructure"]))
    struck = {"description": f"{infrastructure} (Airwars: damaged infrastructure)" if infrastructure else "not recorded in the record",
              "sources": cite}
    if infrastructure:
        mapped["incident.object_struck.description"] = f"legacy_incident_fields[{lk['infrastructure']}]"
        category = t["struck_category"].get(infrastructure)
        if category:
            struck["category"] = fact(category, cite, f"Airwars: damaged infrastructure {infrastructure!r}.")
            mapped["incident.object_struck.category"] = f"legacy_incident_fields[{lk['infrastructure']}]"
        else:
            unmapped.append(Unmapped(f"legacy_incident_fields[{lk['infrastructure']}]",
                                     f"{infrastructure!r} names no single category of object struck"))

    # Harm: the grading is a note on the claim
    grading = _text(rec.get("assessment"))
    grading_note = f"Airwars civilian harm grading: {grading} (grades the claim of civilian harm, not a source)." if grading else None
    breakdown = []
    for label, key in (("children", "children_killed"), ("women", "women_killed"), ("men", "men_killed")):
        c = count(legacy.get(lk[key][0]), legacy.get(lk[key][1]))
        if c:
            breakdown.append(f"{label} {c['min']}–{c['max']}" if c["min"] != c["max"] else f"{label} {c['min']}")
    victims = rec.get("victims") if isinstance(rec.get("victims"), list) else []
    listed_victims = _victims(victims)
    outcome: Json = {}
    killed = count(rec.get("civilian_deaths_min"), rec.get("civilian_deaths_max"))
    notes = [n for n in (grading_note,
                         f"Of whom, as Airwars records them: {', '.join(breakdown)}." if breakdown else None,
                         f"Victims listed by the record (names not imported): {listed_victims}." if listed_victims else None) if n]
    if killed:
        outcome["civilians_killed"] = {**fact(killed, cite, " ".join(notes) or None), "found_afterwards": True}
        mapped["incident.outcome.civilians_killed"] = "civilian_deaths_min/max"
    injured = count(rec.get("civilian_injuries_min"), rec.get("civilian_injuries_max"))
    if injured:
        outcome["civilians_injured"] = {**fact(injured, cite, grading_note), "found_afterwards": True}
        mapped["incident.outcome.civilians_injured"] = "civilian_injuries_min/max"
    fighters = count(legacy.get(lk["fighters_killed"][0]), legacy.get(lk["fighters_killed"][1]))
    if fighters:
        outcome["fighters_killed"] = {**fact(fighters, cite, "Airwars: military personnel killed."), "found_afterwards": True}
        mapped["incident.outcome.fighters_killed"] = f"legacy_incident_fields[{lk['fighters_killed'][0]}]"
    if not killed and notes:
        unmapped.append(Unmapped("assessment", "grading kept only with casualty figures; the record gives none"))
    if victims:
        unmapped.append(Unmapped("victims", "names and details not imported; counted by status and age group only"))

    incident: Json = {
        "id": incident_id,
        "title": f"Airwars {code}: {strike or 'incident'} at {place['name']}"[:300],
        "when": when, "place": place,
        "conflict": {"classification": fact(None, [], "Not recorded by the monitor: classify the conflict.")},
        "attacker": attacker, "attack": attack, "object_struck": struck,
    }
    if precautions:
        incident["precautions"] = precautions
    if outcome:
        incident["outcome"] = outcome
    mapped["incident.title"] = "incident_code, strike_type, location"
    data: Json = {"incident": incident}

    # The belligerent's own assessment: that party's account.
    narrative = rec.get("narrative") if isinstance(rec.get("narrative"), str) else ""
    position = _labelled(narrative, t["narrative_labels"]["position"])
    if position and position[1] and not position[1].lower().startswith("not yet assessed"):
        party, stance = position[0] or belligerent or "The belligerent", position[1]
        reason = _labelled(narrative, t["narrative_labels"]["reason"])
        conceded = _labelled(narrative, t["narrative_labels"]["deaths_conceded"])
        words = stance + (f"; {reason[1]}" if reason else "") + (f"; civilian deaths conceded: {conceded[1]}" if conceded else "")
        sources.append({"id": "AW-B", "type": "official_statement", "title": f"{party} position on the incident, as quoted by Airwars",
                        "author": party, "reliability": "unknown", "held_by_attacker": True,
                        "note": f"Quoted in Airwars record {code}."})
        account: Json = {"name": "attacker", "held_by": f"{party} (its own assessment)", "description": words[:4000], "facts": {}}
        if reason and re.search(r"\bno\b.*\bstrikes?\b.*\b(conducted|carried out)\b", reason[1], re.I):
            account["facts"]["attacker.attribution"] = fact(False, ["AW-B"], reason[1])
        data["accounts"] = [account]
        # What the attacker answered is an observation of the record, whatever account one believes.
        inquiry: Json = {"answered": fact(True, ["AW-B"], "Its assessment, as Airwars quotes it.")}
        if "attacker.attribution" in account["facts"]:
            inquiry["strike"] = fact("denied", ["AW-B"], reason[1] if reason else None)
        incident["inquiry"] = inquiry
        mapped["incident.inquiry"] = "narrative: the belligerent's position on the incident"
        incident["acknowledgements"] = [{"position": words[:4000], "sources": ["AW-B"]}]
        mapped["accounts.attacker"] = "narrative: the belligerent's position on the incident"
    for key in sorted(set(rec) - _READ):
        unmapped.append(Unmapped(key, _NOT_READ.get(key, "not used by the incident format")))
    data["sources"] = sources
    return finish(result, data, FORMAT, code)
