"""Triage (engine/triage.py, `ihl triage`): which findings each incident's facts decide, which are one fact
away and by which fact (the what-if machinery), the ranking, the grading filter, and the output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from engine import compare, triage
from engine.cli import app
from engine.importers import airwars
from engine.importers.common import write
from engine.load import load_file
from tests.test_importers import airwars_record

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "calibration" / "mosul-al-jadida.yaml"


def _skeletons(tmp_path: Path) -> Path:
    """Three imported skeletons: graded Fair (no warning recorded), Weak, and Fair with 'No Warning'."""
    records = [airwars_record("CS1", **{"legacy_incident_fields": {}}),
               airwars_record("CS2", assessment="Weak", legacy_incident_fields={}),
               airwars_record("CS3")]
    out = tmp_path / "skeletons.jsonl"
    write([airwars.convert(r, f"r{i}.json") for i, r in enumerate(records)], out)
    return out


def test_rows_reuse_the_decisive_facts_of_what_if(tmp_path):
    rows = triage.run([EXAMPLE])
    (row,) = rows
    incident = load_file(EXAMPLE).file.incident
    statuses, deciding = compare.outlook(incident)
    assert row.decided == {f: s for f, s in statuses.items() if s != "inconclusive"}
    facts_of = {f: sorted({d.fact for d in ds}) for f, ds in compare.decisive_facts(incident).items()}
    assert row.one_fact_away == {f: x for f, x in facts_of.items() if x}
    assert row.one_fact_away == {f: sorted({d.fact for d in x}) for f, x in deciding.items() if x}
    assert row.open == [f for f, x in deciding.items() if not x]
    assert len(row.decided) + len(row.one_fact_away) + len(row.open) == len(statuses)


def test_a_recorded_fact_changes_the_answer_even_when_remembered():
    """Results are remembered by pattern of facts: an incident differing in one cited fact must not
    get the remembered answer of the other, and a remembered answer equals a fresh one."""
    loaded = load_file(EXAMPLE)
    incident = loaded.file.incident
    statuses, deciding = compare.outlook(incident)
    finding, (first, *_) = next((f, x) for f, x in deciding.items() if x)
    assert not first.fact.endswith("@time")  # a fact of the file, settable as what-if sets it
    changed = compare.with_values(loaded.file, None, {first.fact: first.value}).incident
    after, _ = compare.outlook(changed)
    assert statuses[finding] == "inconclusive" and after[finding] != "inconclusive"
    remembered = compare.outlook(changed)
    compare._MEMO.clear()
    assert compare.outlook(changed) == remembered


def test_only_a_records_own_pattern_is_remembered_and_the_memory_is_bounded(monkeypatch, tmp_path):
    """The one-fact-changed re-runs of a sweep are not remembered (tens per record, memory grew with
    every distinct incident); a full memo is emptied before it takes more."""
    monkeypatch.setattr(compare, "_MEMO", {})
    monkeypatch.setattr(compare, "_SHARED", {})
    incident = load_file(EXAMPLE).file.incident
    compare.outlook(incident)
    first = set(compare._MEMO)
    assert sorted(kind for kind, _ in first) == ["decisive", "statuses"]
    monkeypatch.setattr(compare, "_MEMO_LIMIT", 3)
    skeleton = next(iter(triage.tasks([_skeletons(tmp_path)])))
    compare.outlook(triage.load_task(skeleton).file.incident)  # 2 more entries: the third clears the memo
    assert sorted(kind for kind, _ in compare._MEMO) == ["decisive", "statuses"]
    assert not first & set(compare._MEMO)
    assert compare.outlook(incident) == compare.outlook(incident)


def test_ranking_puts_the_most_decided_file_first_and_is_stable(tmp_path):
    skeletons = _skeletons(tmp_path)
    rows = triage.run([skeletons, EXAMPLE])
    keys = [r.rank_key() for r in rows]
    assert keys == sorted(keys)
    assert rows[0].file == str(EXAMPLE)  # a full incident file decides more than any skeleton
    assert len(rows[0].decided) > len(rows[-1].decided)
    assert [r.as_dict() for r in rows] == [r.as_dict() for r in triage.run([skeletons, EXAMPLE])]


def test_collect_first_counts_the_findings_each_fact_would_decide():
    (row,) = triage.run([EXAMPLE])
    for fact, n in row.collect:
        assert n == sum(fact in facts for facts in row.one_fact_away.values())
    assert [n for _, n in row.collect] == sorted((n for _, n in row.collect), reverse=True)


def test_grading_filter_keeps_only_the_grades_asked(tmp_path):
    rows = triage.run([_skeletons(tmp_path)], grading=["weak"])
    assert [(r.incident, r.grading) for r in rows] == [("airwars-cs2", "Weak")]


def test_cli_csv_and_exit_2_for_a_bad_input(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nincident: {}\n", encoding="utf-8")
    out = tmp_path / "t.csv"
    result = CliRunner().invoke(app, ["triage", str(_skeletons(tmp_path)), str(bad), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 2
    assert "bad.yaml" in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["rank"] for r in rows] == ["1", "2", "3"]
    assert {r["grading"] for r in rows} == {"Fair", "Weak"}
    text = CliRunner().invoke(app, ["triage", str(EXAMPLE), "-f", "json"])
    assert text.exit_code == 0 and json.loads(text.output)[0]["incident"] == load_file(EXAMPLE).file.incident.id


def test_the_table_fits_80_columns_one_line_per_incident(tmp_path, monkeypatch):
    from rich.console import Console

    from engine import cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "out", Console(file=screen, width=80, highlight=False, soft_wrap=True, emoji=False))
    skeletons = _skeletons(tmp_path)
    result = CliRunner().invoke(app, ["triage", str(skeletons), str(EXAMPLE)])
    assert result.exit_code == 0
    lines = screen.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    rows = triage.run([skeletons, EXAMPLE])
    for rank, row in enumerate(rows, start=1):
        (line,) = [x for x in lines if x.split()[:2] == [str(rank), row.incident]]  # the id whole, on one line
        assert line.split()[2:5] == [str(len(row.decided)), str(len(row.one_fact_away)), str(len(row.open))]
    assert "4 incident(s) ranked; 0 bad input(s)." in lines
