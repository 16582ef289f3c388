"""Format versions: a version 1 file from before the observations loads and is assessed as before;
``ihl migrate`` rewrites it as version 2 changing only its version line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine import api
from engine.cli import app
from engine.load import InputError, parse_text
from engine.migrate import migrate_text

ROOT = Path(__file__).resolve().parent.parent
# A1 as it was in examples/ before the format had observations (kept as written, comments and all).
V1 = ROOT / "tests/fixtures/version-1/a1-aswad-2017-06-28.yaml"
runner = CliRunner()


def _diff_lines(a: str, b: str) -> list[tuple[str, str]]:
    return [(x, y) for x, y in zip(a.splitlines(), b.splitlines(), strict=True) if x != y]


def test_a_version_1_file_loads_and_is_assessed_as_the_same_file_in_version_2():
    v1 = api.load(V1)
    assert v1.file.schema_version == 1
    text = V1.read_text(encoding="utf-8")
    v2 = parse_text(migrate_text(text, "a1.yaml"), "a1.yaml")
    assert v2.file.schema_version == 2
    assert v1.file.incident == v2.file.incident
    before, after = api.assess(v1), api.assess(v2)
    assert [f.id for f in before[0].findings] == [f.id for f in after[0].findings]
    assert api.to_json(before, trace=True) == api.to_json(after, trace=True)


def test_migrate_changes_only_the_version_line_and_keeps_comments():
    text = V1.read_text(encoding="utf-8")
    migrated = migrate_text(text, "a1.yaml")
    assert _diff_lines(text, migrated) == [("schema_version: 1", "schema_version: 2")]
    assert migrate_text(migrated, "a1.yaml") == migrated  # already in the newest version


def test_migrate_json_and_a_version_1_file_that_already_uses_observations():
    data = json.loads(api.load(V1).file.model_dump_json(exclude_defaults=True))
    text = json.dumps(data, indent=2)
    migrated = migrate_text(text, "a1.json", ".json")
    assert _diff_lines(text, migrated) == [('  "schema_version": 1,', '  "schema_version": 2,')]
    with_category = V1.read_text(encoding="utf-8").replace(
        "  object_struck:\n", "  object_struck:\n    category: {value: residential_building, sources: [S6]}\n")
    with pytest.raises(InputError, match="'category' is new in schema_version 2"):
        parse_text(with_category, "a1.yaml")
    assert parse_text(migrate_text(with_category, "a1.yaml"), "a1.yaml").file.incident.object_struck.category.value \
        .value == "residential_building"


def test_migrate_refuses_a_file_with_other_errors_and_names_them():
    broken = V1.read_text(encoding="utf-8").replace("    type: air_strike\n", "    type: airstrike\n")
    with pytest.raises(InputError) as exc:
        migrate_text(broken, "a1.yaml")
    assert [p.path for p in exc.value.problems] == ["incident.attack.type"]


def test_cli_migrate_prints_writes_and_never_overwrites_its_input(tmp_path):
    result = runner.invoke(app, ["migrate", str(V1)])
    assert result.exit_code == 0 and "\nschema_version: 2\n" in result.stdout
    copy = tmp_path / "a1.yaml"
    copy.write_bytes(V1.read_bytes())
    assert runner.invoke(app, ["migrate", str(copy), "-o", str(copy)]).exit_code == 2
    assert copy.read_bytes() == V1.read_bytes()
    assert runner.invoke(app, ["migrate", str(copy), "--in-place"]).exit_code == 0
    assert api.load(copy).file.schema_version == 2
