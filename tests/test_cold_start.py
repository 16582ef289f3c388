"""What `ihl assess FILE` builds at start: pydantic models it never validates or serialises stay unbuilt,
and the format's models are built once each (bench/README.md, "Cold start").

Run in a fresh interpreter: this test process has already built every schema for other tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
A1 = str(ROOT / "examples/raqqa-2017/a1-aswad-2017-06-28.yaml")

_PROBE = """
import json, sys
from typer.testing import CliRunner
from engine.cli import app
from engine import assessment, cases, compare, infer, model, passes, rulebook
from pydantic import BaseModel

text = CliRunner().invoke(app, ["assess", sys.argv[1]])
assert text.exit_code == 0, text.output
deferred = [assessment.Assessment, infer.Trace, passes.Pass, rulebook.Rulebook, compare.Divergence, compare.Flip]
built_by_text = {c.__name__: c.__pydantic_complete__ for c in deferred}

def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)

facts = [c for c in subclasses(model.Fact) if c.__module__ == "engine.model"]
builtin_factories = sorted(
    f"{c.__name__}.{name}" for c in subclasses(BaseModel) if c.__module__.startswith("engine.")
    for name, info in c.model_fields.items() if info.default_factory in (list, dict, set))
as_json = CliRunner().invoke(app, ["assess", sys.argv[1], "--format", "json"])
print(json.dumps({"built_by_text": built_by_text, "fact_models": len(facts),
                  "distinct_fact_types": len({c.__name__ for c in facts}),
                  "builtin_factories": builtin_factories,
                  "json_findings": len(json.loads(as_json.stdout)[0]["findings"]),
                  "text_findings": text.output.count("\\n  status:  "),
                  "assessment_built_by_json": assessment.Assessment.__pydantic_complete__}))
"""


def test_a_text_assessment_builds_no_output_schema_and_each_fact_model_once():
    done = subprocess.run([sys.executable, "-c", _PROBE, A1], cwd=ROOT, capture_output=True, text=True, check=True)
    seen = json.loads(done.stdout)
    # Serialised only (JSON, batch, serve): their schemas wait for the first dump.
    assert seen["built_by_text"] == {"Assessment": False, "Trace": False, "Pass": False, "Rulebook": False,
                                     "Divergence": False, "Flip": False}
    # One model per distinct Fact[...] type: a bounded type written out twice would be built twice.
    assert seen["fact_models"] == seen["distinct_fact_types"] == 16
    # A builtin default factory makes pydantic parse its text signature at every build (~0.3-1.5 ms).
    assert seen["builtin_factories"] == []
    # The deferred schema is built when JSON asks for it, and the JSON is whole.
    assert seen["assessment_built_by_json"] is True
    assert seen["json_findings"] == seen["text_findings"] > 0
