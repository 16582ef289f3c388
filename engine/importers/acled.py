"""ACLED-shaped CSV → skeleton incident files (one per event row).

ACLED's standard export has 31 columns (``event_id_cnty``, ``event_date``, ``time_precision``,
``event_type``, ``sub_event_type``, ``actor1``, ``actor2``, … ``fatalities``, ``tags``,
``timestamp``). Two of them must not be read for what they are not:

* ``actor1`` / ``actor2`` name the actors involved; their order does **not** say who attacked. The
  attacker party is left ``unknown``, with attribution unknown and both actors named in its note.
* ``fatalities`` counts reported deaths of every kind, fighters included; it is **not** a count of
  civilian deaths. It is not mapped to any casualty fact; the report says so.

``notes`` (free text that may name people) is not imported. The sources in ``source`` (separated by
``;``) become ungraded ``media_report`` sources derived from the ACLED event, which is itself a source
(``collected_at`` from ``timestamp``, UTC).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator

from engine.importers.common import Imported, Json, Unmapped, fact, finish, slug
from engine.load import Problem

FORMAT = "acled"
COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp")
# time_precision: 1 the day is known; 2 within a week (nearest coarser precision offered: month);
# 3 only the month.
_PRECISION = {"1": "day", "2": "month", "3": "month"}
_NOT_MAPPED = {
    "fatalities": "reported deaths of every kind, fighters included: not a count of civilian deaths",
    "actor1": "named in the attribution note; ACLED's actor order does not say who attacked",
    "actor2": "named in the attribution note; ACLED's actor order does not say who attacked",
    "notes": "free text, not imported: it may name victims or witnesses",
    "civilian_targeting": "ACLED's coding, not an observation; kept for the assessor",
    "sub_event_type": "names no single attack type of the format (e.g. air or drone); kept in the title",
}


def read(paths: Iterable[str | Path]) -> Iterator[Imported]:
    """One :class:`Imported` per data row of each CSV file in ``paths`` (named ``file.csv:ROW``, the
    row counted as a spreadsheet counts it, header = 1). A file without the 31 columns is one problem."""
    for raw in paths:
        path = Path(raw)
        try:
            handle = path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            yield Imported(str(path), problems=[Problem(str(path), None, None, "", f"cannot read: {exc.strerror or exc}")])
            continue
        with handle:
            rows = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (rows.fieldnames or [])]
            if missing:
                yield Imported(str(path), problems=[Problem(str(path), 1, None, "", f"not an ACLED export: missing columns {', '.join(missing)}")])
                continue
            try:
                for number, row in enumerate(rows, start=2):
                    yield convert(row, f"{path}:{number}", number)
            except (csv.Error, UnicodeDecodeError) as exc:
                yield Imported(str(path), problems=[Problem(str(path), None, None, "", f"unreadable CSV: {exc}")])


def _date(text: str) -> str | None:
    """ISO ``2023-02-16`` or ACLED's older ``16 February 2023``, as ISO; None if neither."""
    for fmt in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _float(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def convert(row: dict[str, str], name: str, number: int) -> Imported:
    """One ACLED row → :class:`Imported`; a bad cell is a problem located at its row and column."""
    result = Imported(name)
    mapped, unmapped = result.mapped, result.unmapped
    cell = {k: " ".join((row.get(k) or "").split()) for k in COLUMNS}

    def bad(column: str, message: str) -> None:
        result.problems.append(Problem(name.rsplit(":", 1)[0], number, COLUMNS.index(column) + 1, column, message))

    event = cell["event_id_cnty"]
    if not event:
        bad("event_id_cnty", "no event id")
    date = _date(cell["event_date"])
    if date is None:
        bad("event_date", f"expected a date written YYYY-MM-DD or '16 February 2023', found {cell['event_date']!r}")
    if result.problems:
        return result

    acled: Json = {"id": "ACLED", "type": "ngo_report", "title": f"ACLED event {event}", "author": "ACLED",
                   "reliability": "unknown", "note": "Event coded by ACLED from the sources it lists."}
    stamp = cell["timestamp"]
    if stamp.isdigit():
        moment = dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc)
        acled["provenance"] = {"collected_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "collected_by": "ACLED",
                               "sensitivity": "public"}
        mapped["sources.ACLED.provenance.collected_at"] = "timestamp (ACLED's last update of the event)"
    sources = [acled]
    for i, title in enumerate([s.strip() for s in cell["source"].split(";") if s.strip()], start=1):
        sources.append({"id": f"ACLED-S{i}", "type": "media_report", "title": title, "reliability": "unknown",
                        "note": "Listed by ACLED for this event; not yet read or graded."})
    if len(sources) > 1:
        mapped["sources"] = "source (split at ';')"
        acled["derived_from"] = [s["id"] for s in sources[1:]]
    cite = ["ACLED"]
    reporting = [s["id"] for s in sources]  # the event, its day and place, as the listed sources report them

    when: Json = {"date": date, "precision": _PRECISION.get(cell["time_precision"], "day"), "sources": reporting}
    mapped["incident.when.date"] = "event_date"
    if cell["time_precision"] == "2":
        when["note"] = "ACLED: the event took place within a week of this date."
    place: Json = {"name": cell["location"] or cell["admin3"] or cell["admin2"] or "place not recorded",
                   "country": cell["country"] or "not recorded", "sources": reporting}
    if cell["admin1"]:
        place["locality"] = ", ".join(x for x in (cell["admin2"], cell["admin1"]) if x)
    mapped["incident.place"] = "location, admin2, admin1, country"
    lat, lon = _float(cell["latitude"]), _float(cell["longitude"])
    if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
        place["latitude"], place["longitude"] = lat, lon
        mapped["incident.place.latitude/longitude"] = f"latitude, longitude (geo_precision {cell['geo_precision'] or '?'})"
    elif cell["latitude"] or cell["longitude"]:
        bad("latitude", f"coordinates unreadable or out of range: {cell['latitude']!r}, {cell['longitude']!r}")
        return result

    actors = "; ".join(f"{k} {cell[k]!r}" for k in ("actor1", "actor2") if cell[k]) or "no actor"
    attacker = {"party": "unknown", "attribution": fact(
        None, cite, f"ACLED names {actors}; ACLED's actor order does not say who attacked.")}
    for column in ("actor1", "actor2", "fatalities", "notes", "civilian_targeting", "sub_event_type"):
        if cell[column]:
            unmapped.append(Unmapped(column, _NOT_MAPPED[column]))
    kind = cell["sub_event_type"] or cell["event_type"] or "event"
    incident: Json = {
        "id": slug(f"acled-{event}"),
        "title": f"ACLED {event}: {kind} at {place['name']}"[:300],
        "when": when, "place": place,
        "conflict": {"classification": fact(None, [], "Not recorded by ACLED: classify the conflict.")},
        "attacker": attacker,
        "attack": {"type": "other"},
        "object_struck": {"description": "not recorded by ACLED", "sources": cite},
    }
    mapped["incident.title"] = "event_id_cnty, sub_event_type, location"
    return finish(result, {"incident": incident, "sources": sources}, FORMAT, event)
