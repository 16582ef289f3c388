"""Importers (engine/importers/): records built here in the shape of each source format round-trip into
incident files the loader accepts, with no victim's name anywhere, observations and sources only."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from engine import api
from engine.importers import acled, airwars, sheet
from engine.importers.common import dump, report, write
from engine.load import load_file, parse_text
from engine.output import OutputError

VICTIM = "Testvictim Qarawi-Plantedname"
VICTIM_AR = "تجريبي مزروع القرعاوي"


def airwars_record(code: str = "CS9001", **changes) -> dict:
    """A record in the shape of the archive's ``data/incidents/*.json`` (invented values)."""
    record = {
        "schema_version": "4.0", "internal_id": f"airwars-{code}", "incident_code": code, "airwars_id": "99001",
        "canonical_url": f"https://airwars.example.org/civilian-casualties/{code.lower()}/",
        "incident_date": "2017-06-19", "location": "Test street, Testtown", "location_ar": "شارع الاختبار",
        "country": "Syria", "latitude": "35.95", "longitude": 39.01,
        "alleged_belligerent": "Test Coalition", "strike_type": "Airstrike",
        "civilian_deaths_min": 2, "civilian_deaths_max": 3, "civilian_injuries_min": None, "civilian_injuries_max": None,
        "assessment": "Fair",
        "sources": [{"url": "https://news.example.org/a", "archive_url": "https://archive.example.org/a",
                     "name_original": "Test News", "platform_original": "Website", "author": "Test News"},
                    {"url": "https://social.example.org/account/1", "name_original": f"{VICTIM} (relative)",
                     "platform_original": "Facebook Arabic", "author": VICTIM}],
        "victims": [{"name_original": VICTIM, "name_local": VICTIM_AR, "age": "9", "age_group_original": "child",
                     "gender_original": "male", "status_original": "killed", "additional_information": f"son of {VICTIM}"}],
        "narrative": (f"Airwars assessment\n\n{VICTIM} was killed.\n\nTest Coalition position on incident\n\n"
                      "Non credible / Unsubstantiated\n\n•\n\nReason for non-credible assessment\n\n"
                      "No Coalition strikes were conducted in the geographical area\n\n•\n\nCivilian deaths conceded\n\nNone\n"),
        "narrative_ar": f"قتل {VICTIM_AR}", "additional_notes": f"Family of {VICTIM}",
        "page_extraction": {"content_hash": "ab" * 32, "retrieved_at": "2026-07-31T11:01:59+00:00"},
        "legacy_incident_fields": {
            "التوقيت المحلي — الأصل": "evening", "البنية المتضررة — الأصل": "Residential",
            "ملاحظات تصنيفية — الأصل": "No Warning, Double Tap Strike", "حالة نسبة الضربة — الأصل": "Likely strike",
            "أطفال قتلى — حد أدنى": 1, "أطفال قتلى — حد أعلى": 2, "المنطقة — الأصل": "Raqqa",
            "ملخص عربي منظم": f"الضحية {VICTIM_AR}",
        },
    }
    record.update(changes)
    return record


def _roundtrip(imported, tmp_path: Path) -> list[str]:
    written = write(imported, tmp_path / "out")
    for path in written:
        load_file(path)  # what ihl validate does: raises InputError if the file is refused
    return written


def _no_victim_name(texts: list[str]) -> None:
    for text in texts:
        assert VICTIM not in text and "Plantedname" not in text and VICTIM_AR not in text


# ----------------------------------------------------------------- Airwars

def test_airwars_record_round_trips_without_victim_names(tmp_path):
    src = tmp_path / "aw.json"
    src.write_text(json.dumps([airwars_record(), airwars_record("CS9002", victims=[])], ensure_ascii=False), encoding="utf-8")
    imported = list(airwars.read([src]))
    assert [r.incident_id for r in imported] == ["airwars-cs9001", "airwars-cs9002"]
    written = _roundtrip(imported, tmp_path)
    rep = json.dumps(report(imported), ensure_ascii=False)
    _no_victim_name([Path(p).read_text(encoding="utf-8") for p in written] + [rep])
    memo = api.memo(api.load(written[0]))
    _no_victim_name([memo])
    assert "| AW | https://airwars.example.org/civilian-casualties/cs9001/ |" in memo


def test_airwars_observations_and_sources_only():
    r = airwars.convert(airwars_record(), "aw.json")
    inc = r.data["incident"]
    assert inc["when"] == {"date": "2017-06-19", "precision": "part_of_day", "sources": ["AW", "AW-S1", "AW-S2"], "time_of_day": "evening"}
    social = r.data["sources"][2]
    assert "author" not in social and social["provenance"]["sensitivity"] == "restricted"
    assert r.data["sources"][1]["author"] == "Test News"
    assert inc["attack"]["type"] == "air_strike"
    assert inc["attacker"]["party"] == "Test Coalition"
    assert inc["attacker"]["attribution"]["value"] is None  # alleged, never established
    assert "Likely strike" in inc["attacker"]["attribution"]["note"]
    assert inc["precautions"]["warning"]["given"]["value"] is False
    assert inc["object_struck"]["category"]["value"] == "residential_building"
    second = inc["attack"]["sequence"][1]
    assert second["same_point_as_previous"]["value"] is True and "minutes_after_previous" not in second
    killed = inc["outcome"]["civilians_killed"]
    assert killed["value"] == {"min": 2, "max": 3}
    # the grading is a note on the claim; no source is graded from it
    assert "Fair (grades the claim of civilian harm, not a source)" in killed["note"]
    assert "killed, child: 1" in killed["note"] and "children 1–2" in killed["note"]
    assert {s["reliability"] for s in r.data["sources"]} == {"unknown"}
    assert inc["place"]["latitude"] == 35.95
    # no legal conclusion is filled
    assert "target" not in inc and "proportionality" not in inc
    assert "victims" in {u.field for u in r.unmapped}
    assert "narrative_ar" in {u.field for u in r.unmapped}


def test_belligerent_assessment_becomes_its_account():
    r = airwars.convert(airwars_record(), "aw.json")
    (account,) = r.data["accounts"]
    assert account["held_by"] == "Test Coalition (its own assessment)"
    assert account["description"].startswith("Non credible / Unsubstantiated; No Coalition strikes")
    assert account["facts"]["attacker.attribution"]["value"] is False
    inquiry = r.data["incident"]["inquiry"]
    assert (inquiry["answered"]["value"], inquiry["strike"]["value"]) == (True, "denied")
    statement = next(s for s in r.data["sources"] if s["id"] == "AW-B")
    assert statement["type"] == "official_statement" and statement["held_by_attacker"] is True
    loaded = parse_text(json.dumps(r.data), "x.json")
    assert [a.account for a in api.assess(loaded)] == ["attacker"]


@pytest.mark.parametrize("strike, expected", [("Artillery", "artillery"), ("Airstrike and/or Artillery", "other"),
                                              ("Airstrike, Drone Strike", "other")])
def test_airwars_strike_type_never_guessed(strike, expected):
    r = airwars.convert(airwars_record(strike_type=strike), "aw.json")
    assert r.data["incident"]["attack"]["type"] == expected
    assert ("strike_type" in {u.field for u in r.unmapped}) == (expected == "other")


def test_airwars_record_without_date_is_reported_not_written():
    r = airwars.convert(airwars_record(incident_date=None, legacy_incident_fields={}), "aw.json")
    assert r.data is None
    assert [p.path for p in r.problems] == ["incident.when.date"]


# ----------------------------------------------------------------- ACLED

ACLED_ROW = {c: "" for c in acled.COLUMNS} | {
    "event_id_cnty": "SYR12345", "event_date": "16 June 2017", "year": "2017", "time_precision": "1",
    "disorder_type": "Political violence", "event_type": "Explosions/Remote violence",
    "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Testland", "actor2": "Civilians (Syria)",
    "civilian_targeting": "Civilian targeting", "country": "Syria", "admin1": "Ar-Raqqa", "admin2": "Ar-Raqqa",
    "location": "Testtown", "latitude": "35.95", "longitude": "39.01", "geo_precision": "1",
    "source": "Test News; Test Observatory", "notes": f"{VICTIM} and 3 others were killed.", "fatalities": "4",
    "timestamp": "1500000000",
}


def _acled_csv(tmp_path: Path, rows: list[dict]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(acled.COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "acled.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_acled_round_trips_and_claims_no_attacker_and_no_civilian_deaths(tmp_path):
    imported = list(acled.read([_acled_csv(tmp_path, [ACLED_ROW])]))
    (r,) = imported
    written = _roundtrip(imported, tmp_path)
    _no_victim_name([Path(p).read_text(encoding="utf-8") for p in written] + [json.dumps(report(imported))])
    inc = r.data["incident"]
    assert inc["attacker"]["party"] == "unknown"
    assert inc["attacker"]["attribution"]["value"] is None
    assert "does not say who attacked" in inc["attacker"]["attribution"]["note"]
    assert "outcome" not in inc  # fatalities are not civilian deaths
    assert "not a count of civilian deaths" in {u.field: u.reason for u in r.unmapped}["fatalities"]
    assert inc["when"]["date"] == "2017-06-16"
    acled_source = r.data["sources"][0]
    assert acled_source["provenance"]["collected_at"] == "2017-07-14T02:40:00Z"
    assert acled_source["derived_from"] == ["ACLED-S1", "ACLED-S2"]


def test_acled_bad_cell_located(tmp_path):
    (r,) = acled.read([_acled_csv(tmp_path, [ACLED_ROW | {"event_date": "June 2017"}])])
    (p,) = r.problems
    assert (p.line, p.column, p.path) == (2, 2, "event_date")


# ----------------------------------------------------------------- the spreadsheet template

def _sheet_row(**changes) -> dict:
    row = {h: "" for h in sheet.headers()} | {
        "id": "test-2024-01", "title": "Strike on a market", "date": "2024-03-01", "time": "14:05",
        "place": "Central market", "country": "Testland", "attacker": "Test forces", "attack_type": "artillery",
        "object_struck": "Market stalls", "struck_category": "market", "civilians_present": "yes", "civilians_present_sources": "S1; W1",
        "civilians_killed_min": "3", "civilians_killed_max": "5", "civilians_killed_sources": "S1",
        "source_1_id": "S1", "source_1_type": "media_report", "source_1_title": "Test News article",
        "source_1_reliability": "medium", "source_1_url": "https://news.example.org/b",
        "source_1_collected_at": "2024-03-02T09:00:00Z", "source_1_collected_by": "Monitoring team",
        "source_1_geolocated": "yes",
        "source_2_id": "W1", "source_2_type": "witness_interview", "source_2_title": "Interview with a stall holder",
        "source_2_pseudonym": "Witness A",
    }
    return row | changes


def _sheet_csv(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "sheet.csv"
    text = sheet.template_csv() + "".join(
        ",".join(json.dumps(r[h]) if r[h] else "" for h in sheet.headers()) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")
    return path


def test_sheet_csv_round_trips(tmp_path):
    imported = list(sheet.read([_sheet_csv(tmp_path, [_sheet_row()])]))
    (r,) = imported
    assert r.problems == []
    _roundtrip(imported, tmp_path)
    inc = r.data["incident"]
    assert inc["civilians"]["present"] == {"value": True, "sources": ["S1", "W1"]}
    assert inc["object_struck"]["category"] == {"value": "market", "sources": []}
    assert inc["outcome"]["civilians_killed"]["value"] == {"min": 3, "max": 5}
    assert r.data["sources"][0]["provenance"]["verification"] == {"geolocated": "yes"}


def test_sheet_xlsx_round_trips_and_errors_name_sheet_row_column(tmp_path):
    load_workbook = pytest.importorskip("openpyxl").load_workbook  # a dependency; absent from a venv made before it was

    path = tmp_path / "sheet.xlsx"
    path.write_bytes(sheet.template_xlsx())
    book = load_workbook(path)
    ws = book["Incidents"]
    heads = sheet.headers()
    ws.append([_sheet_row()[h] or None for h in heads])
    ws.append([_sheet_row(id="test-2024-02", date="1 March", civilians_present="maybe")[h] or None for h in heads])
    book.save(path)
    good, bad = sheet.read([path])
    assert good.problems == [] and good.data["incident"]["when"]["date"] == "2024-03-01"
    located = sorted((p.line, p.column, p.path) for p in bad.problems)
    assert located == [(4, heads.index("date") + 1, "[Incidents] date"),
                       (4, heads.index("civilians_present") + 1, "[Incidents] civilians_present")]


def test_sheet_undeclared_source_located_at_its_column(tmp_path):
    (r,) = sheet.read([_sheet_csv(tmp_path, [_sheet_row(civilians_killed_sources="S9")])])
    (p,) = r.problems
    assert (p.line, p.path) == (3, "[sheet.csv] civilians_killed_sources")
    assert p.column == sheet.headers().index("civilians_killed_sources") + 1
    assert "S9" in p.message


def test_template_is_byte_for_byte_stable():
    pytest.importorskip("openpyxl")
    assert sheet.template_xlsx() == sheet.template_xlsx()


# ----------------------------------------------------------------- writing

def test_write_never_overwrites_an_edited_skeleton(tmp_path):
    imported = [airwars.convert(airwars_record(), "aw.json")]
    (path,) = write(imported, tmp_path / "out")
    Path(path).write_text("edited by an investigator\n", encoding="utf-8")
    with pytest.raises(OutputError, match="refusing to overwrite"):
        write(imported, tmp_path / "out")
    assert Path(path).read_text(encoding="utf-8") == "edited by an investigator\n"
    write(imported, tmp_path / "out", overwrite=True)
    assert Path(path).read_text(encoding="utf-8") == dump(imported[0].data)


# ----------------------------------------------------------------- the command line

def test_ihl_import_cli_writes_files_and_report_exit_2_on_a_bad_record(tmp_path):
    from typer.testing import CliRunner

    from engine.cli import app

    src = tmp_path / "records"
    src.mkdir()
    (src / "a.json").write_text(json.dumps(airwars_record(), ensure_ascii=False), encoding="utf-8")
    (src / "b.json").write_text(json.dumps(airwars_record("CS9003", incident_date="19/06/2017", legacy_incident_fields={})), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "airwars", str(src), "-o", str(tmp_path / "out"), "--report", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    assert "2 record(s): 1 imported, 1 refused; 1 file(s) written" in result.output
    assert "b.json" in result.output and "incident.when.date" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["airwars-cs9001.yaml"]
    rep = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [r["incident"] for r in rep["records"]] == ["airwars-cs9001", None]
    _no_victim_name([result.output, json.dumps(rep, ensure_ascii=False)])
    ok = CliRunner().invoke(app, ["validate", str(tmp_path / "out" / "airwars-cs9001.yaml")])
    assert ok.exit_code == 0


def test_ihl_template_then_import_reads_it_back(tmp_path):
    from typer.testing import CliRunner

    from engine.cli import app

    path = tmp_path / "t.csv"
    assert CliRunner().invoke(app, ["template", str(path)]).exit_code == 0
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(sheet.headers())
    result = CliRunner().invoke(app, ["import", "sheet", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0 and "0 record(s)" in result.output
