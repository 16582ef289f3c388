"""libyaml's C parser (the fast path of engine.load) against PyYAML's own (the reference).

On every file of the bad-input corpus and every example, reading a YAML text must give exactly what the
reference parser gives: the same data, the same position for every path, the same problems, or the same
refusal with the same message and position. Valid files must take the fast path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine import load

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for d in (ROOT / "tests" / "bad_input", ROOT / "examples") for p in d.rglob("*")
               if p.suffix in (".yaml", ".yml", ".json") and p.is_file())


def _texts() -> list[tuple[str, str]]:
    out = []
    for path in FILES:
        try:
            out.append((str(path.relative_to(ROOT)), path.read_bytes().decode("utf-8")))
        except UnicodeDecodeError:  # refused before any parser sees it
            continue
    return out


TEXTS = _texts()


def _outcome(read, text: str):
    try:
        return "read", read(text)
    except load._Refused as exc:
        return "refused", str(exc), exc.pos
    except yaml.YAMLError as exc:
        return "error", type(exc).__name__, str(exc)
    except RecursionError:
        return "recursion"


def test_pyyaml_has_libyaml():
    assert yaml.__with_libyaml__


@pytest.mark.parametrize("name,text", TEXTS, ids=[n for n, _ in TEXTS])
def test_the_fast_path_reads_as_the_reference_parser(name, text):
    reference = _outcome(lambda t: load._compose_and_build(load._Loader, t), text)
    assert _outcome(load._parse_yaml, text) == reference


def test_valid_files_take_the_fast_path():
    examples = [(n, t) for n, t in TEXTS if n.startswith("examples") and not n.endswith(".json")]
    assert len(examples) >= 5
    for name, text in examples:
        fast = load._compose_and_build(load._FastLoader, text)
        assert fast[2] == [], name
        assert fast == load._compose_and_build(load._Loader, text), name
