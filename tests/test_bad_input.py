"""Bad input never crashes the engine, never passes silently, never loses work.

The corpus in ``tests/bad_input`` (made by ``make_corpus.py``; ``expected.yaml`` gives each case's
expected problem) is loaded case by case with :func:`engine.load.load_file`, and a sample of it (every
class at least once) through ``ihl validate``. Cases that cannot be committed (a missing path, a file
over the size limit, a FIFO) are made here.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from engine import api, load
from engine.adapter import EngineFault
from engine.cli import app
from engine.load import MAX_BYTES, InputError, load_file

CORPUS = Path(__file__).resolve().parent / "bad_input"
EXPECTED: dict[str, dict] = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
CASES = sorted(EXPECTED)
CLASSES = sorted({name.split("/")[0] for name in CASES})
BASE = (CORPUS / "base.yaml").read_text(encoding="utf-8")
IHL = Path(sys.executable).with_name("ihl")
runner = CliRunner()


def _load(path: Path) -> tuple[int, list[load.Problem]]:
    """(exit code the CLI would give, every problem and warning) for one file."""
    try:
        loaded = load_file(path)
    except InputError as exc:
        return 2, exc.problems
    return 0, loaded.warnings


def _check(name: str, exit_code: int, problems: list[dict]) -> None:
    """Assert that ``problems`` (as dicts) are what ``expected.yaml`` says for case ``name``."""
    e = EXPECTED[name]
    errors = [p for p in problems if p["severity"] == "error"]
    warnings = [p for p in problems if p["severity"] == "warning"]
    summary = "\n".join(f"{p['line']}:{p['column']} {p['path']} | {p['severity']}: {p['message']}" for p in problems)
    assert exit_code == e["exit"], summary
    assert len(errors) == e["errors"], summary
    assert len(warnings) == e.get("warnings", 0), summary
    if e["message_contains"]:
        wanted = [p for p in problems if p["path"] == e["path"] and e["message_contains"] in p["message"]
                  and p["severity"] == e["severity"] and p["line"] == e["line"]
                  and ("column" not in e or p["column"] == e["column"])]
        assert wanted, f"expected {e}\ngot:\n{summary}"
    for p in problems:
        assert p["file"].endswith(name) and p["message"]
        assert "Traceback" not in p["message"] and "pydantic" not in p["message"], p["message"]
        # No message or path may carry a control character, a bidirectional override or an invisible
        # character from the input: they are shown as escapes (\u001b), never written to a terminal.
        assert not UNSAFE.search(p["message"] + p["path"]), ascii(p)


UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


# --------------------------------------------------------------------------- the corpus itself

def test_the_corpus_is_large_and_covers_every_class():
    assert len(CASES) >= 200
    assert set(CLASSES) >= {"syntax", "duplicate_keys", "wrong_types", "unknown_fields", "missing_fields",
                            "out_of_range", "inconsistent", "dates", "sources", "empty", "encoding",
                            "alias_bomb", "deep_nesting", "tags", "text", "paths"}
    assert sum(1 for e in EXPECTED.values() if e["exit"] == 2) >= 200


def test_the_corpus_is_what_make_corpus_generates():
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)  # builds the cases; writes nothing unless run as a script
    finally:
        del sys.modules[spec.name]
    generated = {c.name: c for c in module.CASES}
    for name, case in generated.items():
        assert (CORPUS / name).read_bytes() == case.data, f"{name} differs from make_corpus.py: re-run it"
        assert EXPECTED[name] == case.expect, f"expected.yaml differs for {name}: re-run make_corpus.py"
    assert set(EXPECTED) == set(generated) | {module.DIRECTORY}
    on_disk = {str(p.relative_to(CORPUS)) for cls in module.CLASSES for p in (CORPUS / cls).rglob("*") if p.is_file()}
    assert on_disk == set(generated) | {module.DIRECTORY + "/README"}


@pytest.mark.parametrize("base", ["base.yaml", "base.json"])
def test_the_base_incident_is_valid_without_warnings(base):
    exit_code, problems = _load(CORPUS / base)
    assert (exit_code, problems) == (0, [])


@pytest.mark.parametrize("name", CASES)
def test_corpus_case(name):
    exit_code, problems = _load(CORPUS / name)
    _check(name, exit_code, [p.as_dict() for p in problems])


# --------------------------------------------------------------------------- through the command line

# Every class at least once, and every fifth case.
SAMPLE = sorted({next(n for n in CASES if n.startswith(cls + "/")) for cls in CLASSES} | set(CASES[::5]))


@pytest.mark.parametrize("name", SAMPLE)
def test_validate_command_on_corpus_case(name):
    e, path = EXPECTED[name], str(CORPUS / name)
    result = runner.invoke(app, ["validate", path])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == e["exit"]
    assert "Traceback" not in result.output
    if e["exit"] == 2:
        where = path + (f":{e['line']}" if e["line"] else "")
        lines = result.stderr.splitlines()
        assert any(line.startswith(where) and e["message_contains"] in line for line in lines), result.stderr
        if e["path"]:
            assert f" {e['path']}: " in result.stderr
    as_json = runner.invoke(app, ["validate", path, "--format", "json"])
    assert as_json.exit_code == e["exit"]
    (report,) = json.loads(as_json.stdout)
    assert report["file"] == path and report["ok"] is (e["exit"] == 0)
    _check(name, as_json.exit_code, report["problems"])


def test_validate_in_a_real_process_one_case_of_each_class():
    """A real ``ihl`` process (no test runner catching anything): exit 2, JSON for tools, no traceback."""
    chosen = [next(n for n in CASES if n.startswith(cls + "/") and EXPECTED[n]["exit"] == 2) for cls in CLASSES]
    done = subprocess.run([str(IHL), "validate", *[str(CORPUS / n) for n in chosen], "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    reports = json.loads(done.stdout)
    assert [r["file"] for r in reports] == [str(CORPUS / n) for n in chosen]
    for name, report in zip(chosen, reports):
        assert report["ok"] is False
        _check(name, 2, report["problems"])
    text = subprocess.run([str(IHL), "validate", *[str(CORPUS / n) for n in chosen]], capture_output=True, text=True,
                          timeout=120)
    assert text.returncode == 2 and text.stdout == "" and "Traceback" not in text.stderr
    assert len(text.stderr.splitlines()) >= len(chosen)


@pytest.mark.parametrize("command", ["assess", "trace", "memo"])
def test_other_commands_refuse_bad_input_with_exit_2(command):
    name = "wrong_types/bool_yes_present.yaml"
    args = [command, str(CORPUS / name)] + (["--format", "json"] if command != "memo" else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    if command == "memo":
        assert 'expected true or false, found "yes"' in result.stderr and result.stdout == ""
    else:
        errors = json.loads(result.stdout)["errors"]
        assert [(p["path"], p["line"]) for p in errors] == [("incident.civilians.present.value", EXPECTED[name]["line"])]


# --------------------------------------------------------------------------- all errors at once

THREE_ERRORS = (BASE.replace("      value: true\n      sources: [W1]\n      attacker_knowledge: should_have_known",
                             '      value: "yes"\n      sources: [W1]\n      attacker_knowledge: should_have_known')
                .replace("      accuracy_m:", "      acuracy_m:")
                .replace("    damage_sources: [S1]", "    damage_sources: [S9]"))


def test_every_error_of_a_file_is_reported_at_once(tmp_path):
    path = tmp_path / "three.yaml"
    path.write_text(THREE_ERRORS, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_file(path)
    problems = caught.value.problems
    assert [(p.path, p.severity) for p in problems] == [
        ("incident.attack.weapon.acuracy_m", "error"),
        ("incident.civilians.present.value", "error"),
        ("incident.outcome.damage_sources.0", "error"),
    ]
    assert all(p.line and p.column for p in problems)
    assert "did you mean 'accuracy_m'?" in problems[0].message
    assert 'expected true or false, found "yes"' in problems[1].message
    assert "cites source 'S9'" in problems[2].message
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 3


def test_an_unknown_field_whose_name_holds_a_bracket_is_named_with_its_path():
    # "[" also marks the parts pydantic adds to a path ("Fact[bool]"); a user's key holding one was dropped
    # from the path, and at the top level the message failed (IndexError; found by the API fuzz test).
    with pytest.raises(InputError) as caught:
        load.parse_text('"L7[": true\nincident:\n  "a[b": 1\n', "odd.yaml", ".yaml")
    unknown = [(p.path, p.message.split(";")[0]) for p in caught.value.problems if "unknown field" in p.message]
    assert unknown == [("L7[", "unknown field 'L7['"), ("incident.a[b", "unknown field 'a[b'")]


def test_cross_field_checks_are_reported_with_schema_errors(tmp_path):
    """A schema error does not hide the cross-field checks whose fields are valid; a check that reads a
    field in error is not made (its result would rest on a value the file does not hold)."""
    text = (BASE.replace("  title: Fictional air strike on a market building", "  title: 2017")
            .replace("      value: true\n      sources: [W1]\n      attacker_knowledge: should_have_known",
                     "      value: false\n      sources: [W1]\n      attacker_knowledge: should_have_known")
            .replace("      guided:\n        value: true", "      guided:\n        value: false")
            .replace("    time_of_day: evening", "    time_of_day: morning")
            .replace("    date: 2017-07-02", "    date: 2017-07-02\n    derived_from: [w1]")
            .replace("      given:\n        value: false", "      given:\n        value: true")
            .replace("      effective:\n        value: false\n        sources: [W1]\n",
                     "      effective:\n        value: false\n        sources: [W1]\n      time: [8]\n"))
    path = tmp_path / "mixed.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_file(path)
    got = [(p.path, p.message.split(",")[0]) for p in caught.value.problems]
    assert got == [
        ("incident.title", "expected text"),
        ("incident.when.time_of_day", "time_of_day is 'morning' (06:00–11:29)"),
        ("incident.attack.weapon.guided.value", "the weapon is recorded as not guided"),
        ("incident.civilians.present.value", "civilians recorded as not present"),
        ("incident.precautions.warning.time", "expected text"),
        ("sources.0.derived_from.0", "derived from source 'w1'"),
    ]  # and not "a warning recorded as given needs the time": the time is in error


def test_salvaging_the_valid_parts_never_fails_on_the_corpus():
    """The cross-field checks of a file with schema errors run on what :func:`engine.load._salvage`
    recovers; both are guarded in ``parse_text``, so make sure here that the guard is never needed."""
    for name in CASES:
        path = CORPUS / name
        if not path.is_file() or path.suffix.lower() not in (".yaml", ".yml", ".json"):
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
            data = (load._parse_json if path.suffix == ".json" else load._parse_yaml)(text)[0]
        except Exception:  # noqa: BLE001 - refused before validation: nothing to salvage
            continue
        if isinstance(data, dict):
            salvaged, whole = load._salvage(data, set())
            if salvaged is not None:
                load._consistency(salvaged, lambda *args, **kwargs: None, dt.date(2026, 1, 1), with_accounts=whole)


def test_incident_problems_runs_the_cross_field_checks_on_one_incident():
    incident = load_file(CORPUS / "base.yaml").file.incident
    assert load.incident_problems(incident, today=dt.date(2026, 1, 1)) == []
    civilians = incident.civilians.model_copy(update={"present": incident.civilians.present.model_copy(update={"value": False})})
    when = incident.when.model_copy(update={"time_of_day": "night"})
    changed = incident.model_copy(update={"civilians": civilians, "when": when})
    assert load.incident_problems(changed, today=dt.date(2026, 1, 1)) == [
        ("when.time_of_day", "time_of_day is 'night' (21:00–05:59), but the time 19:30 is in the evening (18:00–20:59)"),
        ("civilians.present.value", "civilians recorded as not present, yet at least 5 civilians were killed, at least 3 "
                                    "were injured and at least 10 civilians are counted as present (civilians.count_present)"),
    ]
    assert load.incident_problems(incident, today=dt.date(2017, 6, 1)) == [
        ("when.date", "date 2017-06-28 is in the future"),
        ("acknowledgements.0.date", "date 2018-01-15 is in the future"),
    ]


def test_the_model_itself_refuses_what_the_loader_refuses():
    """Text, dates, numbers and the format version are checked by the model's types, so a model built in
    Python (by a tool, not from a file) is held to the same rules."""
    from pydantic import ValidationError

    from engine.model import IncidentFile, Place, Source, SourceType, When

    ok = Source(id="S1", type=SourceType.site_visit, title="A\ttitle\nover lines", date=dt.date(2017, 1, 2))
    assert ok.date == dt.date(2017, 1, 2)
    for bad in ("A\x1b[2J", "\u202eA", " ", "\u200b", "\x85"):
        with pytest.raises(ValidationError):
            Source(id="S1", type=SourceType.site_visit, title=bad)
    for bad in ("0", "1498608000", 0, 1498608000, dt.datetime(2017, 6, 28), "2017-06-28T00:00", "2017-6-28"):
        with pytest.raises(ValidationError):
            When(date=bad)
    assert When(date="2017-06-28").date == When(date=dt.date(2017, 6, 28)).date
    for bad in (float("inf"), float("nan"), 10 ** 400):
        with pytest.raises(ValidationError):
            Place(name="P", country="C", latitude=bad)
    base = load_file(CORPUS / "base.json").file.model_dump(mode="json")
    assert IncidentFile.model_validate_json(json.dumps(base)).schema_version == 1
    for bad in (True, 1.0, "1", 3):
        with pytest.raises(ValidationError):
            IncidentFile.model_validate_json(json.dumps({**base, "schema_version": bad}))
    # A version 1 file, dumped whole (the fields of version 2 written out with their defaults), is
    # still a version 1 file; one that uses a field of version 2 is refused.
    assert IncidentFile.model_validate_json(json.dumps({**base, "schema_version": 2})).schema_version == 2
    used = json.loads(json.dumps(base))
    used["incident"]["object_struck"]["category"] = {"value": "shelter"}
    with pytest.raises(ValidationError, match="incident.object_struck.category"):
        IncidentFile.model_validate_json(json.dumps(used))


# --------------------------------------------------------------------------- cases made at test time

def test_missing_path(tmp_path):
    missing = tmp_path / "no-such-incident.yaml"
    exit_code, problems = _load(missing)
    assert exit_code == 2 and [p.message for p in problems] == ["no such file"]
    result = runner.invoke(app, ["validate", str(missing)])
    assert result.exit_code == 2 and f"{missing}: error: no such file" in result.stderr


def test_dangling_symlink(tmp_path):
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "was-here.yaml")
    assert [p.message for p in _load(link)[1]] == ["no such file"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_a_fifo_is_refused_without_reading_it(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert [p.message for p in _load(fifo)[1]] == ["is not a regular file"]


def _padded(text: str, size: int, comment: str) -> bytes:
    data = text.encode("utf-8")
    filler = size - len(data)
    line = (comment + "x" * 98 + "\n").encode()
    body = line * (filler // len(line))
    return data + body + (comment + "x" * (filler - len(body) - len(comment) - 1) + "\n").encode()


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path, suffix):
    path = tmp_path / f"big{suffix}"
    base = (CORPUS / f"base{suffix}").read_text(encoding="utf-8")
    data = base.encode("utf-8")
    path.write_bytes(_padded(base, MAX_BYTES + 1, "# ") if suffix == ".yaml" else data + b" " * (MAX_BYTES + 1 - len(data)))
    assert path.stat().st_size == MAX_BYTES + 1
    exit_code, problems = _load(path)
    assert exit_code == 2
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("", None, f"file is {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,}")]


def test_a_file_of_exactly_the_size_limit_is_read(tmp_path):
    path = tmp_path / "limit.yaml"
    path.write_bytes(_padded(BASE, MAX_BYTES, "# "))
    assert path.stat().st_size == MAX_BYTES
    assert _load(path) == (0, [])


def test_a_large_valid_file_loads(tmp_path):
    steps = "".join(f"        - Step {i} of the verification, with a short description\n" for i in range(20_000))
    text = BASE.replace("      steps: [Aerial surveillance for one hour]\n", "      steps:\n" + steps)
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    assert 1_000_000 < path.stat().st_size < MAX_BYTES
    loaded = load_file(path)  # its speed is measured in bench/, not here (no timed tests)
    assert len(loaded.file.incident.precautions.verification.steps) == 20_000


def test_parse_text_rejects_empty_text_without_a_file():
    with pytest.raises(InputError, match="the file is empty"):
        load.parse_text("   ", "<text>")


# --------------------------------------------------------------------------- no lost or half-written output

def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_memo_on_bad_input_leaves_an_existing_output_untouched(tmp_path):
    out = tmp_path / "memo.md"
    out.write_bytes(b"# A memo someone worked on\n\nDo not lose this.\n")
    before = out.read_bytes()
    bad = CORPUS / "wrong_types/bool_yes_present.yaml"
    result = runner.invoke(app, ["memo", str(bad), "-o", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert out.read_bytes() == before
    assert _listing(tmp_path) == ["memo.md"]  # no temporary file left behind
    done = subprocess.run([str(IHL), "memo", str(bad), "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert out.read_bytes() == before and _listing(tmp_path) == ["memo.md"]


def test_memo_engine_fault_leaves_an_existing_output_untouched(tmp_path, monkeypatch):
    out = tmp_path / "memo.md"
    out.write_text("previous memo\n", encoding="utf-8")

    def fault(*args, **kwargs):
        raise EngineFault("simulated failure", rule="distinction.direct_attack")

    monkeypatch.setattr(api, "memo", fault)
    result = runner.invoke(app, ["memo", str(CORPUS / "base.yaml"), "-o", str(out)])
    assert result.exit_code == 1
    assert "distinction.direct_attack" in result.stderr and "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "previous memo\n" and _listing(tmp_path) == ["memo.md"]


def test_memo_write_failure_leaves_an_existing_output_untouched(tmp_path, monkeypatch):
    out = tmp_path / "memo.md"
    out.write_text("previous memo\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = runner.invoke(app, ["memo", str(CORPUS / "base.yaml"), "-o", str(out)])
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert out.read_text(encoding="utf-8") == "previous memo\n" and _listing(tmp_path) == ["memo.md"]


def test_memo_on_good_input_replaces_the_output_and_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "memo.md"
    out.write_text("old\n", encoding="utf-8")
    result = runner.invoke(app, ["memo", str(CORPUS / "base.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Draft legal memo")
    assert _listing(tmp_path) == ["memo.md"]


def test_a_warning_recorded_as_not_given_without_a_source_is_warned_of():
    """``false`` is a statement and needs a source (docs/incident-format.md, section 1): warn, at least."""
    text = (CORPUS / "base.yaml").read_text(encoding="utf-8")
    unsourced = text.replace("      given:\n        value: false\n        sources: [W1]\n", "      given:\n        value: false\n", 1)
    assert unsourced != text
    loaded = load.parse_text(unsourced, "base.yaml")
    (warning,) = [w for w in loaded.warnings if w.path == "incident.precautions.warning.given"]
    assert warning.severity == "warning" and "cites no source" in warning.message
    assert not [w for w in load.parse_text(text, "base.yaml").warnings if w.path == "incident.precautions.warning.given"]


def _with_former_doubt(text: str, value: str) -> str:
    return text.replace("    verification:\n", f"    verification:\n      doubt_unresolved:\n        value: {value}\n        sources: [W1]\n", 1)


def test_the_former_name_of_the_doubt_fact_is_read_under_the_new_one_with_a_warning():
    """precautions.verification.doubt_unresolved and target.doubt_remained were two records of one doubt;
    an older file keeps loading, its value read as target.doubt_remained (issue 8, item 10)."""
    text = (CORPUS / "base.yaml").read_text(encoding="utf-8")
    assert "doubt_remained" not in text
    loaded = load.parse_text(_with_former_doubt(text, "true"), "base.yaml")
    assert loaded.file.incident.target.doubt_remained.value is True
    (warning,) = [w for w in loaded.warnings if w.path == "incident.precautions.verification.doubt_unresolved"]
    assert warning.severity == "warning" and warning.line is not None
    assert "former name of target.doubt_remained" in warning.message and "write it there" in warning.message


def test_the_two_doubt_facts_contradicting_each_other_are_refused_with_a_located_error():
    text = (CORPUS / "base.yaml").read_text(encoding="utf-8")
    both = _with_former_doubt(text, "true").replace(
        "  target:\n", "  target:\n    doubt_remained:\n      value: false\n      sources: [W1]\n", 1)
    assert "doubt_remained" in both
    with pytest.raises(load.InputError) as err:
        load.parse_text(both, "base.yaml")
    (problem,) = [p for p in err.value.problems if p.severity == "error"]
    assert problem.path == "incident.precautions.verification.doubt_unresolved" and problem.line is not None
    assert "they are one fact; keep one value, under target.doubt_remained" in problem.message


# --------------------------------------------------------------------------- heavy files (bounded work)

def test_twenty_thousand_unknown_keys_give_bounded_problems_and_suggestions(tmp_path, monkeypatch):
    """Under the size limit, a file can hold 20,000 unknown keys: the loader lists the first
    MAX_PROBLEMS of them and says how many more there are, and makes at most MAX_SUGGESTIONS fuzzy
    comparisons (each compares with every field name). Speed itself is measured in bench/heavy_files.py."""
    import difflib

    calls = []
    real = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    keys = "".join(f"  unknown_key_{i}: {i}\n" for i in range(20_000))
    path = tmp_path / "keys.yaml"
    path.write_text(BASE.replace("incident:\n", "incident:\n" + keys, 1), encoding="utf-8")
    assert path.stat().st_size < MAX_BYTES
    exit_code, problems = _load(path)
    assert exit_code == 2 and len(problems) == load.MAX_PROBLEMS + 1
    assert problems[0].message == "19,800 more problems not listed (the first 200 are); fix these and validate again"
    assert [p.path for p in problems[1:4]] == ["incident.unknown_key_0", "incident.unknown_key_1", "incident.unknown_key_2"]
    assert len(calls) == load.MAX_SUGGESTIONS


def test_sources_over_the_limit_are_refused_at_the_first_one_over(tmp_path):
    extra = "".join(f"  - {{id: X{i}, type: ngo_report, title: Report {i}}}\n" for i in range(load.MAX_SOURCES))
    path = tmp_path / "sources.yaml"
    path.write_text(BASE.rstrip("\n") + "\n" + extra, encoding="utf-8")
    exit_code, problems = _load(path)
    errors = [p for p in problems if p.severity == "error"]
    assert exit_code == 2 and [(p.path, p.message) for p in errors] == [
        (f"sources.{load.MAX_SOURCES}", f"{load.MAX_SOURCES + 5:,} sources; the limit is {load.MAX_SOURCES:,} per file "
                                        "(the first one over it is here)")]
    assert errors[0].line == BASE.rstrip("\n").count("\n") + 1 + (load.MAX_SOURCES - 5) + 1


def test_a_file_over_a_limit_is_refused_before_its_entries_are_checked(tmp_path):
    # A file of thousands of empty accounts is refused at the first one over the limit, with that one
    # problem, without the work of checking the entries (320,000 took minutes: a denial of service on
    # `ihl serve`; a cut list left the sources after the cut undeclared, a false error).
    n = 50 * load.MAX_ACCOUNTS
    path = tmp_path / "accounts.yaml"
    path.write_text(BASE.replace("accounts:\n", "accounts:\n" + "  - {}\n" * (n - 1), 1), encoding="utf-8")
    exit_code, problems = _load(path)
    assert exit_code == 2 and [(p.path, p.message) for p in problems] == [
        (f"accounts.{load.MAX_ACCOUNTS}", f"{n:,} accounts; the limit is {load.MAX_ACCOUNTS:,} per file "
                                          "(the first one over it is here)")]


def test_a_bidirectional_control_in_a_comment_is_warned_at_its_place(tmp_path):
    path = tmp_path / "bidi.yaml"
    path.write_text("# reviewed: \u202egnirts\u202c\n" + BASE + "  # \u2066note\n", encoding="utf-8")
    exit_code, problems = _load(path)
    assert exit_code == 0
    assert [(p.line, p.column, p.severity, p.message.split(":")[0]) for p in problems if "comment holds" in p.message] == [
        (1, 13, "warning", "a comment holds character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        (1, 20, "warning", "a comment holds character U+202C (POP DIRECTIONAL FORMATTING)"),
        (BASE.count("\n") + 2, 5, "warning", "a comment holds character U+2066 (LEFT-TO-RIGHT ISOLATE)")]
