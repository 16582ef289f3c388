"""The command line: each command's output and exit code, through typer's runner."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine import rulebook
from engine.cli import app

ROOT = Path(__file__).resolve().parent.parent
A1 = str(ROOT / "examples/raqqa-2017/a1-aswad-2017-06-28.yaml")
RTS = str(ROOT / "examples/calibration/nato-rts-belgrade.yaml")
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_assess_json_has_findings_for_every_principle():
    result = run("assess", A1, "--format", "json")
    assert result.exit_code == 0
    (assessment,) = json.loads(result.stdout)
    principles = {f["principle"] for f in assessment["findings"]}
    assert principles == {"distinction", "indiscriminate", "terror", "proportionality", "precautions", "defender_duties",
                          "weapons", "medical", "follow_on", "cultural_property", "survival_and_dangerous_forces",
                          "relief", "journalists"}
    assert {f["party"] for f in assessment["findings"] if f["against"] == "defender"} == {"Islamic State (IS)"}
    assert "trace" not in assessment


def test_assess_text_shows_missing_facts_and_sources():
    result = run("assess", A1)
    assert result.exit_code == 0
    assert "missing: target.kind" in result.stdout
    assert "fact:    precautions.warning.given = false [W1, S6]" in result.stdout


def test_assess_with_accounts_names_the_driving_fact():
    result = run("assess", RTS)
    assert result.exit_code == 0
    assert "distinction.target_was_military_objective: no_violation_indicated | violation_indicated  ◆ diverges" in result.stdout
    assert "driven by target.effective_contribution:" in result.stdout


def test_account_option_restricts_and_unknown_account_is_bad_input():
    result = run("assess", RTS, "--account", "amnesty", "--format", "json")
    assert [a["account"] for a in json.loads(result.stdout)] == ["amnesty"]
    bad = run("assess", RTS, "--account", "nobody")
    assert bad.exit_code == 2
    assert "no account named 'nobody'; the file has: icty-committee, amnesty" in bad.stderr


def test_trace_follows_a_finding_down_to_facts_and_source_ids():
    result = run("trace", A1)
    assert result.exit_code == 0
    assert "precautions.effective_warning → violation_indicated" in result.stdout
    assert "fact precautions.warning.given = false  [incident.precautions.warning.given] sources: W1, S6" in result.stdout
    trace = json.loads(run("trace", A1, "--format", "json").stdout)[0]["trace"]
    node = next(n for n in trace["nodes"] if n["rule"] == "precautions.effective_warning")
    assert {"kind": "fact", "id": "precautions.warning.given", "status": "false"} in node["premises"]
    assert trace["facts"]["precautions.warning.given"]["sources"] == ["W1", "S6"]


def test_memo_to_stdout_and_to_a_file(tmp_path):
    printed = run("memo", A1)
    assert printed.exit_code == 0
    assert printed.stdout.startswith("# Draft legal memo")
    out = tmp_path / "memo.md"
    written = run("memo", A1, "-o", str(out))
    assert written.exit_code == 0
    assert out.read_text(encoding="utf-8") == printed.stdout
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_rules_lists_citations_and_schema_is_json_schema():
    rules = run("rules", "--format", "json")
    data = json.loads(rules.stdout)
    assert {"id", "citations", "question"} <= set(data[0])
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "IncidentFile" and "incident" in schema["properties"]


def test_rules_lists_every_rule_of_every_file_the_special_regimes_included():
    listed = [r["id"] for r in json.loads(run("rules", "--format", "json").stdout)]
    book = rulebook.load()
    assert listed == [r.id for p in book.principles for r in p.rules]
    regimes = {p.principle: set(r.id for r in p.rules) for p in book.principles if p.special}
    assert regimes.keys() == {"medical", "follow_on", "cultural_property", "survival_and_dangerous_forces", "relief", "journalists"}
    findings = {"medical": {"medical.attack_on_medical_unit_or_transport"},
                "follow_on": {"follow_on.strike_on_wounded_and_rescuers"},
                "cultural_property": {"cultural_property.attack_not_on_military_objective", "cultural_property.waiver_not_shown"},
                "survival_and_dangerous_forces": {"survival_and_dangerous_forces.attack_on_indispensable_object",
                                                  "survival_and_dangerous_forces.attack_releasing_dangerous_forces"},
                "relief": {"relief.attack_on_relief_site", "relief.attack_on_peacekeeping_site"},
                "journalists": {"journalists.attack_on_journalists", "journalists.attack_on_media_facility"}}
    for regime, ids in findings.items():
        assert ids <= regimes[regime] and ids <= set(listed), regime
    text = run("rules").stdout
    assert "relief.site_struck" in text and "CIHL Rule 31" in text


def test_what_if_reports_flips_and_decisive_facts():
    result = run("what-if", RTS, "--account", "icty-committee", "--set", "target.effective_contribution=false", "--format", "json")
    assert result.exit_code == 0
    (view,) = json.loads(result.stdout)["views"]
    assert view["account"] == "icty-committee"
    # No military objective, and no reasonable mistake shown by the attacker who would invoke it.
    assert {"finding": "distinction.target_was_military_objective", "before": "no_violation_indicated",
            "after": "violation_indicated"} in view["flips"]
    result = run("what-if", RTS, "--account", "icty-committee", "--set", "target.effective_contribution=null", "--format", "json")
    (view,) = json.loads(result.stdout)["views"]
    deciding = view["decisive"]["distinction.target_was_military_objective"]
    assert {"fact": "target.effective_contribution", "value": True, "status": "no_violation_indicated"} in deciding
    assert {"fact": "target.effective_contribution", "value": False, "status": "violation_indicated"} in deciding


def test_what_if_sets_what_the_attacker_knew():
    a1 = str(ROOT / "examples/raqqa-2017/a1-aswad-2017-06-28.yaml")
    result = run("what-if", a1, "--set", "civilians.present.attacker_knowledge=could_not_have_known",
                 "--set", "civilians.civilian_objects_nearby.attacker_knowledge=could_not_have_known", "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    (view,) = json.loads(result.stdout)["views"]
    # Nothing civilian was foreseeable: the warning was not owed and means and methods had nothing to minimise.
    assert {"finding": "precautions.effective_warning", "before": "violation_indicated", "after": "not_applicable"} in view["flips"]


def test_what_if_without_changes_flips_nothing_in_any_account():
    result = run("what-if", RTS, "--format", "json")
    views = json.loads(result.stdout)["views"]
    assert [v["account"] for v in views] == ["icty-committee", "amnesty"]
    assert all(v["flips"] == [] for v in views)


def test_what_if_refuses_changes_that_contradict_the_record():
    result = run("what-if", A1, "--set", "civilians.present=false")  # eight civilians were killed
    assert result.exit_code == 2
    assert "civilians" in result.stderr


def test_what_if_rejects_unknown_paths_and_ill_typed_values():
    assert run("what-if", A1, "--set", "precautions.warning.gven=true").exit_code == 2
    bad_value = run("what-if", A1, "--set", "precautions.warning.given=maybe")
    assert bad_value.exit_code == 2
    assert "Traceback" not in bad_value.stderr


def test_help_teaches():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("validate", "assess", "trace", "memo", "rules", "schema", "what-if"):
        assert command in result.stdout


def test_trace_says_which_facts_were_excluded_as_not_knowable_at_the_time():
    mosul = str(ROOT / "examples/calibration/mosul-al-jadida.yaml")
    result = run("trace", mosul, "--account", "us-investigation")
    assert "[account: us-investigation]" in result.stdout
    assert ("not used: civilians.present@time — excluded from the ex ante view: the attacker could not have "
            "known it before the attack") in result.stdout


def test_memo_never_overwrites_its_input_a_read_only_file_or_writes_into_a_missing_folder(tmp_path):
    incident = tmp_path / "in.yaml"
    incident.write_bytes(Path(A1).read_bytes())
    refused = run("memo", str(incident), "-o", str(incident))
    assert refused.exit_code == 2 and "it is an input of this run" in refused.stderr
    assert incident.read_bytes() == Path(A1).read_bytes()
    read_only = tmp_path / "ro.md"
    read_only.write_text("kept", encoding="utf-8")
    read_only.chmod(0o444)
    assert run("memo", str(incident), "-o", str(read_only)).exit_code == 2
    assert read_only.read_text(encoding="utf-8") == "kept"
    missing = run("memo", str(incident), "-o", str(tmp_path / "nodir" / "m.md"))
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.yaml", "ro.md"]


def test_memo_through_a_symlink_replaces_the_file_it_points_to_and_keeps_its_mode(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert run("memo", A1, "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# Draft legal memo")
    assert real.stat().st_mode & 0o777 == 0o640


def test_what_if_refuses_a_fact_set_twice_or_set_to_nothing():
    twice = run("what-if", A1, "-s", "civilians.present=true", "-s", "civilians.present=false")
    assert twice.exit_code == 2 and "set more than once: civilians.present" in twice.stderr
    empty = run("what-if", A1, "-s", "civilians.present=")
    assert empty.exit_code == 2 and "write null to make the fact unknown" in empty.stderr
    # the hint says what null does to the path given: a fact becomes unknown, an optional field is cleared
    knowledge = run("what-if", A1, "-s", "civilians.present.attacker_knowledge=")
    assert knowledge.exit_code == 2 and "write null to make what the attacker knew unknown" in knowledge.stderr
    huge = run("what-if", A1, "-s", "civilians.present=" + "9" * 5000)  # the value is not echoed whole
    assert huge.exit_code == 2 and "found a number of 5000 digits" in huge.stderr and len(huge.stderr) < 400
    field = run("what-if", A1, "-s", "when.time=")
    assert field.exit_code == 2 and "no value given for 'when.time'; write null to clear the field, where it is optional" in field.stderr


def test_an_unknown_account_in_json_mode_is_reported_as_json():
    result = run("assess", RTS, "--account", "nobody", "--format", "json")
    assert result.exit_code == 2
    (problem,) = json.loads(result.stdout)["errors"]
    assert problem["path"] == "--account" and "icty-committee, amnesty" in problem["message"]


def test_assess_json_carries_basis_and_rebuttable_by_on_every_finding_and_the_settings():
    # Aswad: no warning, the survivor says so, and nothing recorded shows that circumstances did not permit one.
    result = run("assess", A1, "--format", "json")
    assert result.exit_code == 0
    for a in json.loads(result.stdout):
        assert a["settings"]["position"] == "icrc"
        for f in a["findings"]:
            assert f["basis"] in ("established", "prima_facie", "recorded_assessment") and "rebuttable_by" in f
        warning = next(f for f in a["findings"] if f["id"] == "precautions.effective_warning")
        assert (warning["status"], warning["basis"]) == ("violation_indicated", "prima_facie")
        assert {"precautions.warning.circumstances_did_not_permit",
                "presumption.constructive_knowledge_of_civilians"} <= set(warning["rebuttable_by"])


def test_position_and_param_are_applied_and_stated():
    result = run("assess", RTS, "--position", "us_dod", "--param", "wide_area_accuracy_m=50", "--format", "json")
    assert result.exit_code == 0
    settings = json.loads(result.stdout)[0]["settings"]
    assert settings["position"] == "us_dod" and settings["readings"]["armed_group_membership"] == "membership"
    accuracy = next(p for p in settings["parameters"] if p["name"] == "wide_area_accuracy_m")
    assert (accuracy["value"], accuracy["unit"], accuracy["set_by"]) == (50.0, "metres", "run")
    memo = run("memo", RTS, "--position", "uk")
    assert "applies the reading of\n**United Kingdom, statements on ratifying Additional Protocol I" in memo.stdout


@pytest.mark.parametrize("args, message", [
    (["--position", "france"], "unknown position 'france'"),
    (["--param", "wide_area_accuracy_m=wide"], "is not a number"),
    (["--param", "no_such=1"], "unknown parameter 'no_such'"),
    (["--param", "civilian_exposure_distance_m=-1"], "civilian_exposure_distance_m: the value must not be negative"),
    (["--param", "wide_area_munitions=2.5"], "--param wide_area_munitions: the value is a count, so a whole number; got 2.5"),
])
def test_a_bad_position_or_parameter_is_bad_input(args, message):
    result = run("assess", RTS, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_compare_positions_shows_every_position_for_every_finding():
    result = run("assess", RTS, "--compare-positions", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [p["position"] for p in data["positions"]] == ["icrc", "uk", "us_dod"]
    for view in data["views"]:
        assert all(set(row) == {"icrc", "uk", "us_dod"} for row in view["rows"].values())
        assert view["differs"] == [f for f, row in view["rows"].items() if len(set(row.values())) > 1]
    text = run("assess", RTS, "--compare-positions")
    assert "Findings under each position (icrc | uk | us_dod; compared with icrc)" in text.stdout


EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
CORPUS = ROOT / "tests/bad_input"


def test_what_if_can_set_any_field_the_format_allows_such_as_the_warnings_time():
    for example in EXAMPLES:
        result = run("what-if", str(example), "-s", "precautions.warning.given=true",
                     "-s", "precautions.warning.time=two hours before the attack", "--format", "json")
        assert result.exit_code == 0, (example.name, result.stderr)
        assert json.loads(result.stdout)["views"]
    moved = run("what-if", A1, "-s", "when.time=08:00", "-s", "when.time_of_day=morning",
                "-s", "attack.weapon.category=unguided_bomb", "-s", "attack.weapon.guided=false")
    assert moved.exit_code == 0, moved.stderr
    late = run("what-if", A1, "-s", "precautions.warning.given=true", "-s", "precautions.warning.time=20:00")
    assert late.exit_code == 2 and "after the attack (2017-06-28 19:30)" in late.stderr
    for bad in ("precautions=1", "precautions.warning=1", "nowhere.at_all=1"):
        refused = run("what-if", A1, "-s", bad)
        assert refused.exit_code == 2 and "is not a fact or field of an incident" in refused.stderr, bad
    typo = run("what-if", A1, "-s", "civilians.presnt=true")
    assert typo.exit_code == 2 and "'civilians.presnt' is not a fact or field of an incident; did you mean 'civilians.present'?" in typo.stderr


def test_what_if_on_a_file_the_loader_accepts_reports_only_what_the_change_brings():
    fine = str(CORPUS / "inconsistent/account_warning_denied_with_base_time_is_fine.yaml")
    assert run("validate", fine).exit_code == 0
    result = run("what-if", fine, "-s", "civilians.present=true")
    assert result.exit_code == 0, result.stderr


def _runnable_examples() -> list[tuple[str, str]]:
    from engine.cli import EXAMPLES

    return [(command, line) for command, lines in EXAMPLES.items() for line in lines
            if "examples/" in line and "..." not in line]


@pytest.mark.parametrize(("command", "line"), _runnable_examples())
def test_every_help_example_on_a_bundled_file_runs(command, line, tmp_path, monkeypatch):
    """The examples under each command's --help are commands a newcomer can paste: each that names a
    bundled example file runs as written (from a folder where its outputs may be written)."""
    root = Path(__file__).resolve().parent.parent
    args = shlex.split(line.split("#")[0])[1:]
    args = [str(root / a) if a.startswith("examples/") else a for a in args]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args)
    assert args[0] == command and result.exit_code == 0, result.output[-2000:]
    assert "Examples:" in CliRunner().invoke(app, [command, "--help"]).output


def test_assess_forum_sets_out_the_elements_of_war_crimes_and_refuses_an_unknown_forum():
    icty = run("assess", A1, "--forum", "icty")
    assert icty.exit_code == 0
    assert "Elements of war crimes — forum: icty (ICTY standard (wilfulness includes recklessness))" in icty.stdout
    assert "crimes.attacking_civilians_niac" in icty.stdout and "status:  not_all_elements_shown" in icty.stdout
    assert "to show it: Orders and statements of the perpetrator" in icty.stdout
    assert "committed" not in icty.stdout
    (a,) = json.loads(run("assess", A1, "--format", "json", "--forum", "icc").stdout)
    assert a["settings"]["forum"] == "icc" and "forum_note" not in a["settings"]
    assert {c["id"]: c["status"] for c in a["crimes"]}["crimes.excessive_incidental_harm"] == "not_applicable"
    bad = run("assess", A1, "--forum", "nuremberg")
    assert bad.exit_code == 2
    assert "unknown forum 'nuremberg'; known: icc, icty" in bad.stderr


NOT_ASSESSED = ("The elements of war crimes were not assessed: no forum was selected (add --forum icc or "
                "--forum icty; on the HTTP API, ?forum=icc or ?forum=icty).")


def test_without_a_forum_no_crime_is_assessed_and_every_output_says_so_in_one_line(tmp_path):
    # The forum is opt-in: the assessment, its JSON, the trace and the memo each say it in one line.
    text = run("assess", A1)
    assert text.exit_code == 0 and text.stdout.count(NOT_ASSESSED) == 1
    assert "Elements of war crimes" not in text.stdout and "crimes." not in text.stdout
    (a,) = json.loads(run("assess", A1, "--format", "json").stdout)
    assert a["crimes"] is None and a["settings"]["forum"] is None and a["settings"]["forum_note"] == NOT_ASSESSED
    trace = run("trace", A1)
    assert trace.stdout.count(NOT_ASSESSED) == 1 and "crimes." not in trace.stdout
    assert "crimes.attacking_civilians_niac → not_all_elements_shown (forum: icc)" in run("trace", A1, "--forum", "icc").stdout
    (t,) = json.loads(run("trace", A1, "--format", "json").stdout)
    assert t["crimes"] is None and not any(node["rule"].startswith("crimes.") for node in t["trace"]["nodes"])
    page = tmp_path / "trace.html"
    assert run("trace", A1, "--format", "html", "-o", str(page)).exit_code == 0
    assert page.read_text().count(NOT_ASSESSED) == 1
    memo = run("memo", A1).stdout
    assert memo.count(NOT_ASSESSED) == 1 and "## Elements of war crimes" not in memo
    assert "## Elements of war crimes" in run("memo", A1, "--forum", "icc").stdout


def test_validate_says_on_the_ok_line_that_a_file_has_warnings(tmp_path):
    # The warnings go to standard error; a reader of standard output alone must still learn of them.
    root = Path(__file__).resolve().parent.parent
    a1 = root / "examples" / "raqqa-2017" / "a1-aswad-2017-06-28.yaml"
    warned = tmp_path / "warned.yaml"
    warned.write_text("# \u202enote\n" + a1.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(a1), str(warned)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"ok {a1}", f"ok {warned} (1 warning: read it above)"]


def test_memo_format_follows_the_output_name_and_refuses_a_contradiction(tmp_path):
    word = tmp_path / "memo.docx"
    assert CliRunner().invoke(app, ["memo", A1, "-o", str(word)]).exit_code == 0
    assert word.read_bytes()[:2] == b"PK"  # a Word file (a zip package), not Markdown under a .docx name
    page = tmp_path / "memo.html"
    assert CliRunner().invoke(app, ["memo", A1, "-o", str(page)]).exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    clash = CliRunner().invoke(app, ["memo", A1, "--format", "html", "-o", str(tmp_path / "memo.md")])
    assert clash.exit_code == 2 and "is named as a Markdown file" in clash.stderr and not (tmp_path / "memo.md").exists()


def test_triage_refuses_an_output_file_for_the_table(tmp_path):
    result = CliRunner().invoke(app, ["triage", A1, "-o", str(tmp_path / "t.txt")])
    assert result.exit_code == 2 and "--output is for --format json or csv" in result.stderr
