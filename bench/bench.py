#!/usr/bin/env python
"""Benchmark of ihl-engine against the raw durable_rules engine (see bench/README.md).

    python bench/bench.py            # every figure, default sizes (a few minutes)
    python bench/bench.py --quick    # smoke run, small sizes (seconds)
    python bench/bench.py --profile  # where the time goes: assessment, `ihl assess` startup, imports

Figures (each throughput is the median of --repeats runs over the same --n seeded synthetic incidents):
validation only (load.parse_text on JSON and on YAML text; and pydantic alone); full assessment with trace
(api.assess); memo rendering (outputs.context.build + outputs.markdown.memo, and api.memo = assessment + rendering); the raw engine baseline
(durable_rules asserting the same facts, against a ruleset with the same rules, in a fresh process:
assert, read facts, delete state) and the ratio assessment / raw; the peak resident memory over a
--memory-incidents run (split over --memory-procs processes; growth is summed); the wall time of
`ihl assess FILE` as a fresh process (median of 5); and `ihl batch --jobs 1` against `--jobs 2`.

Only this script imports durable_rules directly (for the baseline); the engine goes through its adapter.
The synthetic incidents are built from the model (engine.model / engine.facts), seeded, with no
dependency on hypothesis.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import hashlib
import itertools
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import typing
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {
    "ratio": 0.5,  # assessment / raw engine throughput, at least
    "memory_growth_mb": 20.0,  # over 100,000 incidents, at most
    "assess_wall_s": 0.3,  # `ihl assess FILE`, median, at most
    "batch_speedup": 2.5,  # `ihl batch` of 2,000 YAML files with memos, before / now, at least
    "jobs_speedup": 1.7,  # jobs 2 / jobs 1, at least
}


# --------------------------------------------------------------------------- synthetic incidents

def _fact_types() -> dict[str, Any]:
    """Element fact path → the value type T of its Fact[T] (Annotated stripped), from the model."""
    from pydantic import BaseModel

    from engine.model import Fact, Incident

    out: dict[str, Any] = {}

    def walk(model: type, prefix: str) -> None:
        for name, info in model.model_fields.items():
            ann = info.annotation
            if isinstance(ann, type) and issubclass(ann, Fact):
                (arg,) = ann.__pydantic_generic_metadata__["args"]
                out[prefix + name] = typing.get_args(arg)[0] if typing.get_origin(arg) is typing.Annotated else arg
            elif isinstance(ann, type) and issubclass(ann, BaseModel):
                walk(ann, f"{prefix}{name}.")

    walk(Incident, "")
    return out


def _value(rng: random.Random, kind: str, typ: Any) -> Any:
    from engine.model import Count

    if rng.random() < 0.3:
        return None  # unknown: a third of the facts, as in real files
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "count":
        lo = rng.randint(0, 30)
        return {"min": lo, "max": lo + rng.randint(0, 20)} if typ is Count else None
    if kind == "number":
        return rng.randint(1, 12) if typ is int else round(rng.uniform(1, 2000), 1)
    choices = [m.value for m in typ] if isinstance(typ, type) and issubclass(typ, Enum) else list(typing.get_args(typ))
    return rng.choice(choices)


def synthetic(seed: int, index: int) -> dict[str, Any]:
    """One valid incident file (as a dict), determined by ``(seed, index)``."""
    from engine import facts
    from engine.model import SCHEMA_VERSION, AttackType, Knowledge, WeaponCategory

    rng = random.Random(f"{seed}:{index}")
    types = _fact_types()
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3000))
    incident: dict[str, Any] = {
        "id": f"synthetic-{seed}-{index:06d}",
        "title": f"Synthetic incident {index}",
        "when": {"date": date.isoformat(), "sources": ["S1"]},
        "place": {"name": f"Place {index % 97}", "country": "Testland", "sources": ["S2"]},
        "conflict": {"classification": {}},
        "attacker": {"party": rng.choice(["Alpha forces", "Beta coalition", "Gamma militia"])},
        "attack": {"type": rng.choice([t.value for t in AttackType]),
                   "weapon": {"category": rng.choice([c.value for c in WeaponCategory])}},
        "object_struck": {"description": "A building"},
    }
    knowledge = [k.value for k in Knowledge] + [None]
    for path, kind in facts.fact_paths().items():
        value = _value(rng, kind, types[path])
        fact: dict[str, Any] = {"value": value, "sources": [rng.choice(["S1", "S2", "W1"])] if value is not None else []}
        if kind == "bool" and value is not None:
            fact["attacker_knowledge"] = rng.choice(knowledge)
        node = incident
        *parents, leaf = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = fact
    # The main cross-field checks of engine.load hold by construction; _make_consistent does the rest.
    warning = incident["precautions"]["warning"]
    if warning["given"]["value"] is True:
        warning["time"] = "06:00"
    elif warning["given"]["value"] is False and warning["effective"]["value"] is True:
        warning["effective"]["value"] = False
    civ, out = incident["civilians"], incident["outcome"]
    killed, present = out["civilians_killed"]["value"], civ["count_present"]["value"]
    if killed and present and killed["min"] > present["max"]:
        present["max"] = killed["min"]
    if civ["present"]["value"] is False and killed and killed["min"] > 0:
        civ["present"]["value"] = True
    if incident["conflict"]["classification"]["value"] is None:
        incident["conflict"]["classification"] = {"value": rng.choice(["IAC", "NIAC"]), "sources": ["S1"]}
    _make_consistent(incident)
    return {
        "schema_version": SCHEMA_VERSION,
        "incident": incident,
        "sources": [
            {"id": "S1", "type": "ngo_report", "title": "Synthetic report", "reliability": "high"},
            {"id": "S2", "type": "imagery", "title": "Synthetic imagery", "reliability": "medium"},
            {"id": "W1", "type": "witness_interview", "title": "Synthetic interview", "pseudonym": "W1"},
        ],
    }


def _make_consistent(incident: dict[str, Any]) -> None:
    """Make unknown any fact that a cross-field check of engine.load finds in contradiction, until
    none is (so the generator keeps up with new checks without knowing them)."""
    from engine.load import incident_problems
    from engine.model import Incident

    for _ in range(10):
        problems = incident_problems(Incident.model_validate_json(json.dumps(incident)))
        if not problems:
            return
        for path, _message in problems:
            _unknown_at(incident, path.split("."))
    raise AssertionError(f"synthetic incident {incident['id']} stays inconsistent: {problems}")


def _unknown(fact: dict[str, Any]) -> None:
    fact["value"] = None
    fact["sources"] = []
    fact.pop("attacker_knowledge", None)


def _unknown_at(incident: dict[str, Any], parts: list[str]) -> None:
    """Make unknown the fact at ``parts`` (or the first fact on the way there); where the path names
    a field that is not a fact (``time``: dropped; ``observed_by``: the facts beside it made unknown)."""
    node = incident
    for i, part in enumerate(parts):
        child = node.get(part)
        if isinstance(child, dict) and "value" in child:
            _unknown(child)
            return
        if i == len(parts) - 1 and part == "time":
            node.pop("time", None)
            return
        if not isinstance(child, dict):
            for sibling in node.values():
                if isinstance(sibling, dict) and "value" in sibling:
                    _unknown(sibling)
            return
        node = child


def texts(seed: int, n: int) -> list[str]:
    return [json.dumps(synthetic(seed, i)) for i in range(n)]


def loaded_pool(seed: int, n: int) -> list[Any]:
    """Validated incident files (pydantic only; the full loader is measured on its own)."""
    from engine.load import Loaded
    from engine.model import IncidentFile

    return [Loaded(IncidentFile.model_validate_json(t), f"synthetic-{i}", []) for i, t in enumerate(texts(seed, n))]


# --------------------------------------------------------------------------- measuring

def rate(func: Callable[[Any], Any], items: list[Any], repeats: int) -> float:
    """Median items per second of ``func`` over ``items``, ``repeats`` times (after one warm-up item)."""
    func(items[0])
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        for item in items:
            func(item)
        runs.append(len(items) / (time.perf_counter() - start))
    return statistics.median(runs)


def child(mode: str, args: argparse.Namespace, *extra: str) -> dict[str, Any]:
    """Run this script in a fresh process in ``mode``; return the JSON it prints."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--seed", str(args.seed),
           "--n", str(args.n), "--repeats", str(args.repeats), *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"bench child {mode} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_figures(args: argparse.Namespace) -> dict[str, float]:
    from engine import api
    from engine.outputs import context, markdown
    from engine.load import parse_text
    from engine.model import IncidentFile

    import yaml

    raw_texts = texts(args.seed, args.n)  # each passes the full loader: parse_text raises otherwise
    yaml_texts = [yaml.safe_dump(json.loads(t), sort_keys=False, allow_unicode=True) for t in raw_texts]
    pool = loaded_pool(args.seed, args.n)
    assessed = [(l, api.assess(l)) for l in pool]
    return {
        "validate_per_s": rate(lambda t: parse_text(t, "synthetic", ".json"), raw_texts, args.repeats),
        "validate_yaml_per_s": rate(lambda t: parse_text(t, "synthetic", ".yaml"), yaml_texts, args.repeats),
        "validate_pydantic_per_s": rate(IncidentFile.model_validate_json, raw_texts, args.repeats),
        "render_per_s": rate(lambda la: markdown.memo(context.build(*la)), assessed, args.repeats),
        "memo_per_s": rate(api.memo, pool, args.repeats),
    }


# --------------------------------------------------------------------------- engine / raw / floor, interleaved
#
# Three sides, each in its own long-lived child process, timed in alternating rounds (A B C, C B A, ...)
# so that a change in machine load hits all of them alike; each ratio is the median of per-round ratios.
#   engine: api.assess (element facts, durable_rules through the adapter, trace, findings, evidence, law)
#   raw:    durable_rules alone, doing only what it needs for the same rules and facts (below)
#   floor:  engine.evaluator, the plain-Python evaluation of the same compiled clauses
# Before timing, each side runs every incident once with durable_rules' calls counted and reports a
# digest of every rule's outcome on every incident: the parent refuses to time sides that disagree.

def _fact_batches(args: argparse.Namespace) -> list[list[dict[str, Any]]]:
    """Per incident, the element facts the engine asserts (``{id, s[, n | e]}``), as the engine builds them."""
    from engine import facts, rulebook

    book = rulebook.load()
    out = []
    for loaded in loaded_pool(args.seed, args.n):
        elements = facts.elements(loaded.file.incident, book.cited_set)
        out.append([elements[i].engine_fact() for i in book.fact_ids()])
    return out


def _engine_side(args: argparse.Namespace) -> tuple[Callable[[Any], Any], list[Any], Callable[[Any], dict[str, str]]]:
    """``api.assess``, each incident as the first of its pattern of facts (the engine's memo of
    patterns is emptied before each: the passes repeat the same incidents, a batch does not)."""
    from engine import api, compare

    def one(loaded: Any) -> Any:
        compare._MEMO.clear()
        return api.assess(loaded)

    def outcomes(loaded: Any) -> dict[str, str]:
        (assessment,) = one(loaded)
        return {node.rule: node.outcome for node in assessment.trace.nodes}

    return one, loaded_pool(args.seed, args.n), outcomes


def _raw_side(args: argparse.Namespace) -> tuple[Callable[[Any], Any], list[Any], Callable[[Any], dict[str, str]]]:
    """durable_rules alone: the rulebook's clauses as rules (same conditions, through the adapter's
    ``condition_json``, cut into the same rulesets by the adapter's ``parts``: durable_rules fails on more
    than 64 conditions matching one fact), and per incident what durable_rules needs and the engine also
    does — per ruleset, one ``assert_facts`` in a fresh session of the facts it cites and of the earlier
    rulesets' conclusions it cites, each rule's first conclusion asserted back only where a rule of the
    same ruleset cites it, ``get_state`` (what the engine reads), ``delete_state``."""
    import durable.engine as dr

    from engine import rulebook
    from engine.adapter import condition_json, handled_states, parts
    from engine.infer import OUTCOME

    book = rulebook.load()
    concluded: dict[str, str] = {}

    def action(rule_id: str, outcome: str, asserts: bool) -> Callable[[Any], None]:
        def act(c: Any) -> None:
            if rule_id not in concluded:
                concluded[rule_id] = outcome
                if asserts:
                    c.assert_fact({"id": rule_id, "s": outcome})

        return act

    class QuietHost(dr.Host):  # the same host the engine uses: no timer threads
        def _run(self) -> None:
            return None

    host = QuietHost()
    rulesets: list[tuple[str, dict[str, frozenset[str]]]] = []  # (name, fact or conclusion it cites → statuses it matches)
    for number, part in enumerate(parts(book.clauses)):
        handled = handled_states(part)
        ruleset: dict[str, Any] = {}
        for rule_id, outcomes in part.items():
            for outcome, dnf in sorted(outcomes.items()):
                for index, clause in enumerate(dnf):
                    ruleset[f"{rule_id}|{outcome}|{index}"] = {
                        "all": [{f"f{i}": condition_json(fid, cond)} for i, (fid, cond) in enumerate(clause)],
                        "run": action(rule_id, outcome, rule_id in handled),
                    }
        host.register_rulesets({f"raw{number}": ruleset})
        rulesets.append((f"raw{number}", handled))
    sids = itertools.count(1)

    def one(batch: list[dict[str, Any]]) -> None:
        concluded.clear()
        for name, handled in rulesets:
            sid = str(next(sids))
            carried = [{"id": r, "s": o} for r, o in concluded.items()]
            host.assert_facts(name, [{**f, "sid": sid} for f in batch + carried if f["s"] in handled.get(f["id"], ())])
            host.get_state(name, sid)
            host.delete_state(name, sid)

    def outcomes(batch: list[dict[str, Any]]) -> dict[str, str]:
        one(batch)
        return {rule: OUTCOME[o] for rule, o in concluded.items()}

    return one, _fact_batches(args), outcomes


def _floor_side(args: argparse.Namespace) -> tuple[Callable[[Any], Any], list[Any], Callable[[Any], dict[str, str]]]:
    from engine import evaluator, rulebook
    from engine.infer import OUTCOME

    clauses = rulebook.load().clauses
    one = lambda batch: evaluator.run(clauses, batch)
    return one, _fact_batches(args), lambda batch: {f.rule: OUTCOME[f.outcome] for f in one(batch)[0]}


SIDES = {"engine": _engine_side, "raw": _raw_side, "floor": _floor_side}
COUNTED = (("Host", "assert_facts"), ("Host", "get_state"), ("Host", "get_facts"), ("Host", "delete_state"),
           ("Closure", "assert_fact"))


@contextlib.contextmanager
def _durable_calls_counted() -> Iterator[Counter[str]]:
    """Count, inside the block, the durable_rules calls that make up a run, and the
    MessageNotHandledExceptions they raise."""
    import durable.engine as dr

    calls: Counter[str] = Counter()
    originals = []
    for cls_name, name in COUNTED:
        cls = getattr(dr, cls_name)
        real = getattr(cls, name)
        originals.append((cls, name, real))

        def counted(*a: Any, _real: Callable = real, _key: str = f"{cls_name}.{name}", **k: Any) -> Any:
            calls[_key] += 1
            try:
                return _real(*a, **k)
            except dr.MessageNotHandledException:
                calls["MessageNotHandledException"] += 1
                raise

        setattr(cls, name, counted)
    try:
        yield calls
    finally:
        for cls, name, real in originals:
            setattr(cls, name, real)


def serve(args: argparse.Namespace) -> None:
    """A side's child process: check pass (counted, outcomes digested), then one timed pass per "time"
    line on stdin, each answered with a JSON line ``{"rate": incidents per second}``."""
    one, items, outcomes = SIDES[args.child](args)
    with _durable_calls_counted() as calls:
        seen = [sorted(outcomes(item).items()) for item in items]  # also the warm-up
    check = {"outcomes": hashlib.sha256(json.dumps(seen).encode()).hexdigest()[:16],
             "rules": len(seen[0]), "calls_per_incident": {k: round(v / len(items), 2) for k, v in sorted(calls.items())}}
    print(json.dumps(check), flush=True)
    # As `ihl` does after its imports (and a batch worker inherits): what was built before the timed passes
    # (imports, the registered rulesets, the pool of inputs a real run would hold one at a time) is moved
    # out of the collector's reach, on every side alike.
    gc.freeze()
    for line in sys.stdin:
        if line.strip() != "time":
            return
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < 0.25:  # whole passes, at least a quarter of a second
            for item in items:
                one(item)
            done += len(items)
        print(json.dumps({"rate": done / (time.perf_counter() - start)}), flush=True)


def spread(values: list[float]) -> dict[str, Any]:
    """Median, lowest and highest of per-round values (ratios), rounded."""
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3), "max": round(max(values), 3),
            "rounds": [round(v, 3) for v in values]}


def interleaved(args: argparse.Namespace) -> dict[str, Any]:
    """engine / raw / floor throughput in ``--rounds`` alternating rounds; ratios per round."""
    sides = list(SIDES)
    procs = {side: subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", side, "--seed", str(args.seed), "--n", str(args.n)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT) for side in sides}
    try:
        checks = {side: json.loads(p.stdout.readline() or "null") for side, p in procs.items()}
        if any(c is None for c in checks.values()):
            raise SystemExit(f"a bench child failed to start: {checks}")
        digests = {c["outcomes"] for c in checks.values()}
        if len(digests) != 1:
            raise SystemExit(f"engine, raw and floor disagree on some rule's outcome: {checks}")
        rates: dict[str, list[float]] = {side: [] for side in sides}
        for r in range(args.rounds):
            for side in sides if r % 2 == 0 else sides[::-1]:
                procs[side].stdin.write("time\n")
                procs[side].stdin.flush()
                rates[side].append(json.loads(procs[side].stdout.readline())["rate"])
    finally:
        for p in procs.values():
            p.stdin.close()
            p.wait()
    per_round = lambda a, b: [x / y for x, y in zip(rates[a], rates[b])]
    return {"checks": checks, "rates": {side: spread(v) for side, v in rates.items()},
            "engine_over_raw": spread(per_round("engine", "raw")), "raw_over_floor": spread(per_round("raw", "floor")),
            "engine_over_floor": spread(per_round("engine", "floor"))}


def _status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _rss_mb() -> float:
    return _status_mb("VmRSS")


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) so that the peak covers the run only (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _heap_in_use_mb() -> float:
    """Bytes the C allocator has handed out and not had back (glibc >= 2.33's mallinfo2: ordinary chunks
    plus mmapped ones), in MB; NaN elsewhere. Unlike RSS, free heap the allocator keeps is not counted."""
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
    try:
        mallinfo2 = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return float("nan")
    mallinfo2.restype = MallInfo2
    info = mallinfo2()
    return (info.uordblks + info.hblkhd) / 2**20


def measure_memory(args: argparse.Namespace) -> dict[str, Any]:
    """RSS over ``--memory-incidents`` assessments of **distinct** incidents (each generated, validated,
    assessed and dropped in turn: a pool assessed again and again would hide anything kept per pattern
    of facts, such as the engine's memo)."""
    from engine import api
    from engine.load import Loaded
    from engine.model import IncidentFile

    seed = args.seed + 1000 * args.part

    def assess(i: int) -> None:
        api.assess(Loaded(IncidentFile.model_validate_json(json.dumps(synthetic(seed, i))), f"synthetic-{i}", []))

    assess(0)
    first = _rss_mb()
    warm = min(1000, args.memory_incidents)  # caches and allocator settle
    for i in range(1, warm):
        assess(i)
    base = _rss_mb()
    kept = (_heap_in_use_mb(), sys.getallocatedblocks())
    exact = _reset_peak()
    start = time.perf_counter()
    samples = []
    for i in range(warm, args.memory_incidents):
        assess(i)
        if i % 10000 == 0:
            samples.append(round(_rss_mb(), 1))
    samples.append(round(_rss_mb(), 1))
    # VmHWM after the reset is the peak of the run itself; ru_maxrss would include the warm-up.
    peak = _status_mb("VmHWM") if exact else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"incidents": args.memory_incidents, "rss_after_first_mb": round(first, 1), "rss_after_warmup_mb": round(base, 1),
            "peak_rss_mb": round(peak, 1), "peak_is_run_only": exact, "growth_mb": round(peak - base, 1),
            "end_growth_mb": round(samples[-1] - base, 1),
            # what is still held at the end, beside RSS (which also counts free memory the allocator keeps)
            "heap_in_use_growth_mb": round(_heap_in_use_mb() - kept[0], 1),
            "python_blocks_growth": sys.getallocatedblocks() - kept[1],
            "samples_mb": samples, "seconds": round(time.perf_counter() - start, 1)}


def memory(args: argparse.Namespace) -> dict[str, Any]:
    """Split the run over processes (in parallel); growth over the whole run is the sum of the parts."""
    per = args.memory_incidents // args.memory_procs
    cmd = lambda part: [sys.executable, str(Path(__file__).resolve()), "--child", "memory", "--seed", str(args.seed),
                        "--memory-incidents", str(per), "--part", str(part)]
    procs = [subprocess.Popen(cmd(p), stdout=subprocess.PIPE, text=True, cwd=ROOT) for p in range(args.memory_procs)]
    parts = []
    for p in procs:
        out, _ = p.communicate()
        if p.returncode != 0:
            raise SystemExit("bench memory child failed")
        parts.append(json.loads(out.strip().splitlines()[-1]))
    return {"incidents": per * len(parts), "processes": len(parts), "parts": parts,
            "peak_rss_mb": max(p["peak_rss_mb"] for p in parts), "growth_mb": round(sum(p["growth_mb"] for p in parts), 1),
            "growth_from_first_mb": round(sum(p["peak_rss_mb"] - p["rss_after_first_mb"] for p in parts), 1),
            "end_growth_mb": round(sum(p["end_growth_mb"] for p in parts), 1),
            "heap_in_use_growth_mb": round(sum(p["heap_in_use_growth_mb"] for p in parts), 1),
            "python_blocks_growth": sum(p["python_blocks_growth"] for p in parts)}


def ihl_command() -> list[str]:
    exe = Path(sys.executable).parent / "ihl"
    return [str(exe)] if exe.exists() else [shutil.which("ihl") or "ihl"]


def legacy_ihl(checkout: Path) -> list[str]:
    """``ihl`` of an older checkout, installed in its own ``.venv`` (see bench/README.md)."""
    exe = checkout.resolve() / ".venv" / "bin" / "ihl"
    if not exe.exists():
        raise SystemExit(f"--legacy: no {exe}; install that checkout in its own .venv first (bench/README.md)")
    return [str(exe)]


EXAMPLE = ROOT / "examples" / "raqqa-2017" / "a1-aswad-2017-06-28.yaml"  # witnesses, an either-or split


def assess_wall(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """`ihl assess FILE` on the A1 example in a fresh process, with the compiled bytecode (.pyc) there and
    without it (none read, none written: what a read-only install without bytecode costs), and with
    ``--legacy``, that checkout's `ihl` with its bytecode, in alternating rounds; wall and CPU time."""
    no_pyc = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(workdir / "no-pycache")}
    # With bytecode: written by the first run, whatever this shell says (an inherited
    # PYTHONDONTWRITEBYTECODE would leave the engine's own modules compiled from source every time).
    pyc = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    kinds = {"bytecode": (ihl_command(), pyc), "no_bytecode": (ihl_command(), no_pyc)}
    if args.legacy:
        kinds["legacy_bytecode"] = (legacy_ihl(args.legacy), pyc)
    for command, env in kinds.values():  # writes the .pyc
        subprocess.run([*command, "assess", str(EXAMPLE)], stdout=subprocess.DEVNULL, check=True, cwd=ROOT, env=env)
    walls: dict[str, list[float]] = {k: [] for k in kinds}
    cpus: dict[str, list[float]] = {k: [] for k in kinds}  # user + system time: what load does not inflate
    for r in range(args.assess_rounds):
        for kind in list(kinds) if r % 2 == 0 else list(kinds)[::-1]:
            command, env = kinds[kind]
            used, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            subprocess.run([*command, "assess", str(EXAMPLE)], stdout=subprocess.DEVNULL, check=True, cwd=ROOT, env=env)
            walls[kind].append(time.perf_counter() - start)
            now = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[kind].append(now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime)
    imp = subprocess.run([sys.executable, "-c", "import time; t=time.perf_counter(); import engine.cli; "
                          "print(time.perf_counter()-t)"], capture_output=True, text=True, check=True, cwd=ROOT)
    out = {kind: spread(w) for kind, w in walls.items()} | {f"{kind}_cpu": spread(c) for kind, c in cpus.items()}
    if args.legacy:
        out["legacy_over_now_cpu"] = spread([a / b for a, b in zip(cpus["legacy_bytecode"], cpus["bytecode"])])
    return out | {"import_cli_s": round(float(imp.stdout.strip()), 3)}


def _timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[-6:])} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return wall


def jobs_compare(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """`ihl batch` of one JSONL file with --jobs 1 and --jobs 2 in alternating rounds."""
    data = workdir / "incidents.jsonl"
    data.write_text("\n".join(texts(args.seed + 1, args.jobs_incidents)) + "\n", encoding="utf-8")
    walls: dict[int, list[float]] = {1: [], 2: []}
    for r in range(args.jobs_repeats):
        for jobs in (1, 2) if r % 2 == 0 else (2, 1):
            cmd = [*ihl_command(), "batch", str(data), "-o", str(workdir / f"out-{jobs}.jsonl"), "--jobs", str(jobs)]
            walls[jobs].append(_timed(cmd, ROOT))
    same = (workdir / "out-1.jsonl").read_bytes() == (workdir / "out-2.jsonl").read_bytes()
    return {"incidents": args.jobs_incidents, "speedup": spread([a / b for a, b in zip(walls[1], walls[2])]),
            "jobs1_s": spread(walls[1]), "jobs2_s": spread(walls[2]), "identical_output": same}


def _repaired(path: Path) -> bool:
    """Make unknown, in the YAML file at ``path``, every fact the current loader finds in contradiction
    (dropped where unknown still contradicts, as a former name beside its new one does; up to five
    passes, the file rewritten); whether the current loader then accepts it."""
    import yaml

    from engine.load import InputError, parse_text

    seen: set[str] = set()
    for _ in range(5):
        text = path.read_text(encoding="utf-8")
        try:
            parse_text(text, path.name, ".yaml")
            return True
        except InputError as exc:
            data = yaml.safe_load(text)
            for problem in exc.problems:
                if problem.severity != "error" or not problem.path.startswith("incident."):
                    continue
                parts = problem.path.split(".")[1:]
                if problem.path in seen:
                    node = data["incident"]
                    for part in parts[:-1]:
                        node = node.get(part, {}) if isinstance(node, dict) else {}
                    if isinstance(node, dict):
                        node.pop(parts[-1], None)
                else:
                    _unknown_at(data["incident"], parts)
                seen.add(problem.path)
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return False


# The batch as the issue found it, run by this checkout: PyYAML's pure-Python parser for every incident
# file (not libyaml's), and each memo assessing its incident again (not reusing the assessment).
# Everything else — the rules, the assessment, the memo, the writing — is this checkout's own.
SLOW_PATHS = (
    "import sys\n"
    "from engine import assessment, load\n"
    "from engine.outputs import context\n"
    "load._parse_yaml = lambda text: load._compose_and_build(load._Loader, text)\n"
    "_build = context.build\n"
    "context.build = lambda loaded, done, *a, **k: _build(loaded, assessment.assess(loaded), *a, **k)\n"
    "from engine.cli import main\n"
    "sys.argv[0] = 'ihl'\n"
    "main()\n"
)


def _batch_files(args: argparse.Namespace, workdir: Path) -> Path:
    """--batch-files synthetic YAML incident files in a folder. With --legacy, made by the older
    checkout's own generator, in its own format (the current one fills facts the older format lacks);
    where the current loader finds a contradiction (it checks more), the facts it names are made
    unknown; kept: files both checkouts' loaders accept, so that both read the same files."""
    folder, made = workdir / "yaml", workdir / "made"
    folder.mkdir()
    made.mkdir()
    if not args.legacy:
        made = folder  # this checkout's generator: every file passes its loader
    wanted = args.batch_files + (args.batch_files // 4 + 10 if args.legacy else 0)
    script = ("import sys, pathlib, yaml; sys.path.insert(0, 'bench'); import bench\n"
              f"for i in range({wanted}):\n"
              f"    text = yaml.safe_dump(bench.synthetic({args.seed + 2}, i), sort_keys=False, allow_unicode=True)\n"
              f"    pathlib.Path({str(made)!r}, f'incident-{{i:05d}}.yaml').write_text(text, encoding='utf-8')\n")
    if not args.legacy:
        subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
        return folder
    legacy_python = str(Path(legacy_ihl(args.legacy)[0]).with_name("python"))
    subprocess.run([legacy_python, "-c", script], check=True, cwd=args.legacy)
    accepted = {path.name for path in sorted(made.iterdir()) if _repaired(path)}
    script = ("import sys, pathlib; from engine.load import InputError, parse_text\n"
              f"for p in sorted(pathlib.Path({str(made)!r}).iterdir()):\n"
              "    try: parse_text(p.read_text(encoding='utf-8'), p.name, '.yaml')\n"
              "    except InputError: print(p.name)\n")
    refused = set(subprocess.run([legacy_python, "-c", script], check=True, cwd=args.legacy, capture_output=True,
                                 text=True).stdout.split())
    kept = 0
    for path in sorted(made.iterdir()):
        if path.name in refused or path.name not in accepted:
            continue
        path.rename(folder / path.name)
        kept += 1
        if kept == args.batch_files:
            break
    if kept < args.batch_files:
        raise SystemExit(f"only {kept} of the older generator's files are valid in both checkouts; fewer --batch-files")
    return folder


def batch_compare(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """`ihl batch FOLDER -o out.jsonl --memo-dir memos` on --batch-files YAML files, in alternating
    rounds, by: the older checkout at --legacy (if given); this checkout with the slow paths the issue
    found (:data:`SLOW_PATHS`); this checkout; and this checkout with ``--engine compiled``. Ratios per
    round against each slow side; and whether the sides wrote the same bytes."""
    folder = _batch_files(args, workdir)
    sides = {"slow_paths": [sys.executable, "-c", SLOW_PATHS], "current": ihl_command(), "compiled": ihl_command()}
    flags = {"compiled": ["--engine", "compiled"]}
    if args.legacy:
        sides = {"legacy": legacy_ihl(args.legacy), **sides}
    walls: dict[str, list[float]] = {side: [] for side in sides}
    for r in range(args.batch_rounds):
        for side in list(sides) if r % 2 == 0 else list(sides)[::-1]:
            out, memos = workdir / f"batch-{side}.jsonl", workdir / f"memos-{side}"
            shutil.rmtree(memos, ignore_errors=True)
            out.unlink(missing_ok=True)
            walls[side].append(_timed([*sides[side], "batch", str(folder), "-o", str(out), "--memo-dir", str(memos),
                                       *flags.get(side, [])], workdir))
    written = {side: ((workdir / f"batch-{side}.jsonl").read_bytes(),
                      [p.read_bytes() for p in sorted((workdir / f"memos-{side}").iterdir())]) for side in sides}
    before = [side for side in ("legacy", "slow_paths") if side in sides]
    return {"files": args.batch_files, "legacy": str(args.legacy) if args.legacy else None,
            "seconds": {side: spread(walls[side]) for side in sides},
            "speedup": {f"{now}/{old}": spread([a / b for a, b in zip(walls[old], walls[now])])
                        for old in before for now in ("current", "compiled")},
            "same_output_as_current": {side: written[side] == written["current"] for side in sides if side != "current"}}


# --------------------------------------------------------------------------- profiling

def profile(args: argparse.Namespace) -> None:
    import cProfile
    import io
    import pstats

    workdir = Path(tempfile.mkdtemp(prefix="ihl-bench-"))
    file = workdir / "one.json"
    file.write_text(texts(args.seed, 1)[0], encoding="utf-8")
    print("== assessment (api.assess, warm, %d incidents) ==" % args.n)
    script = (
        "import sys, cProfile, pstats; sys.path.insert(0, %r); import bench\n"
        "from engine import api\n"
        "pool = bench.loaded_pool(%d, %d); api.assess(pool[0])\n"
        "p = cProfile.Profile(); p.enable()\n"
        "for l in pool: api.assess(l)\n"
        "p.disable(); s = pstats.Stats(p); s.sort_stats('tottime').print_stats(22); s.sort_stats('cumulative').print_stats(30)\n"
    ) % (str(Path(__file__).resolve().parent), args.seed, args.n)
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
    print("== validation (load.parse_text, JSON) ==")
    script = (
        "import sys, cProfile, pstats; sys.path.insert(0, %r); import bench\n"
        "from engine.load import parse_text\n"
        "ts = bench.texts(%d, %d)\n"
        "p = cProfile.Profile(); p.enable()\n"
        "for t in ts: parse_text(t, 'x', '.json')\n"
        "p.disable(); pstats.Stats(p).sort_stats('cumulative').print_stats(15)\n"
    ) % (str(Path(__file__).resolve().parent), args.seed, min(args.n, 100))
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
    print("== `ihl assess FILE` startup, in process (cProfile, cumulative) ==")
    script = (
        "import sys, cProfile, pstats, io, contextlib\n"
        "sys.argv = ['ihl', 'assess', %r]\n"
        "p = cProfile.Profile(); p.enable()\n"
        "import engine.cli\n"
        "try:\n"
        "    with contextlib.redirect_stdout(io.StringIO()): engine.cli.main()\n"
        "except SystemExit: pass\n"
        "p.disable(); pstats.Stats(p).sort_stats('cumulative').print_stats(35)\n"
    ) % str(file)
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
    print("== import time (python -X importtime -c 'import engine.cli'), top 25 cumulative ==")
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import engine.cli"], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "cumulative" not in line:
            own, cum, name = (x.strip() for x in line[len("import time:"):].split("|"))
            rows.append((int(cum), int(own), name))
    for cum, own, name in sorted(rows, reverse=True)[:25]:
        print(f"{cum / 1000:8.1f} ms cumulative {own / 1000:7.1f} ms self  {name}")
    shutil.rmtree(workdir, ignore_errors=True)


# --------------------------------------------------------------------------- main

def _fmt(sp: dict[str, Any], unit: str = "") -> str:
    return f"{sp['median']:.3f}{unit} (range {sp['min']:.3f}-{sp['max']:.3f}{unit}, {len(sp['rounds'])} rounds)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke run: small sizes")
    parser.add_argument("--profile", action="store_true", help="print where the time goes, instead of the figures")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--n", type=int, default=200, help="synthetic incidents per throughput measure")
    parser.add_argument("--repeats", type=int, default=5, help="repeats per throughput figure (median)")
    parser.add_argument("--rounds", type=int, default=9, help="alternating rounds of engine / raw / floor")
    parser.add_argument("--assess-rounds", type=int, default=7, help="alternating rounds of `ihl assess` with / without bytecode")
    parser.add_argument("--memory-incidents", type=int, default=100_000)
    parser.add_argument("--memory-procs", type=int, default=2, help="processes the memory run is split over")
    parser.add_argument("--jobs-incidents", type=int, default=1000, help="incidents for the --jobs comparison")
    parser.add_argument("--jobs-repeats", type=int, default=3, help="alternating rounds of --jobs 1 / --jobs 2")
    parser.add_argument("--legacy", type=Path, help="an older checkout to compare `ihl batch` with (e.g. a git worktree)")
    parser.add_argument("--batch-files", type=int, default=2000, help="YAML files for the batch comparison")
    parser.add_argument("--batch-rounds", type=int, default=2, help="alternating rounds of the batch sides (--legacy, slow paths, current, compiled)")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    parser.add_argument("--only", help=f"comma-separated parts to run, of {', '.join(PARTS)} (default: all)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--part", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.n, args.repeats, args.rounds, args.assess_rounds = 40, 3, 3, 3
        args.memory_incidents, args.jobs_incidents, args.jobs_repeats, args.batch_files, args.batch_rounds = 4000, 120, 2, 100, 2

    if args.child in SIDES:
        serve(args)
        return
    if args.child:
        print(json.dumps({"figures": measure_figures, "memory": measure_memory}[args.child](args)))
        return
    if args.profile:
        profile(args)
        return

    started = time.perf_counter()
    load_start = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="ihl-bench-"))
    parts = PARTS if args.only is None else [p.strip() for p in args.only.split(",")]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise SystemExit(f"--only: unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    measure = {"ratio": interleaved, "figures": lambda a: child("figures", a), "assess": lambda a: assess_wall(a, workdir),
               "jobs": lambda a: jobs_compare(a, workdir), "batch": lambda a: batch_compare(a, workdir),
               "memory": memory}
    done: dict[str, Any] = {}
    try:
        print(f"ihl-engine benchmark: {args.n} seeded synthetic incidents (seed {args.seed}); "
              f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; load average {load_start[0]:.2f}", flush=True)
        for part in PARTS:
            if part in parts:
                done[part] = measure[part](args)
                if done[part] is not None:
                    print(REPORT[part](done[part], args), flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\ntotal bench time {time.perf_counter() - started:.0f} s; load average (1, 5, 15 min) at start "
          f"{', '.join(f'{x:.2f}' for x in load_start)}, at end {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps({**done, "load_start": load_start, "load_end": os.getloadavg(),
                                         "args": {k: str(v) for k, v in vars(args).items()}}, indent=2))


def _ok(good: bool) -> str:
    return "ok  " if good else "MISS"


def _report_ratio(ab: dict[str, Any], args: argparse.Namespace) -> str:
    ratio, rates, check = ab["engine_over_raw"], ab["rates"], ab["checks"]
    return f"""
engine / raw durable_rules / floor: incidents/s, median of {args.rounds} alternating rounds over {args.n} incidents
  full assessment with trace (api.assess)            {rates['engine']['median']:9.0f}
  raw durable_rules, same rules and facts (fair)     {rates['raw']['median']:9.0f}
  floor: plain-Python evaluation of the clauses      {rates['floor']['median']:9.0f}
  same outcome for every rule on every incident: yes ({check['engine']['rules']} rules; digest {check['engine']['outcomes']})
  durable_rules calls per incident, engine: {check['engine']['calls_per_incident']}
                                    raw:    {check['raw']['calls_per_incident']}
{_ok(ratio['median'] >= TARGETS['ratio'])} assessment / raw engine        {_fmt(ratio)}  (target >= {TARGETS['ratio']})
     raw engine / floor             {_fmt(ab['raw_over_floor'])}
     assessment / floor             {_fmt(ab['engine_over_floor'])}"""


def _report_figures(fig: dict[str, Any], args: argparse.Namespace) -> str:
    return f"""
other throughput (incidents/s, median of {args.repeats} x {args.n})
  validation only (load.parse_text, JSON)   {fig['validate_per_s']:9.0f}
  validation only (load.parse_text, YAML)   {fig['validate_yaml_per_s']:9.0f}
    of which pydantic model alone           {fig['validate_pydantic_per_s']:9.0f}
  memo rendering (context + markdown)       {fig['render_per_s']:9.0f}
  memo from a loaded file (api.memo)        {fig['memo_per_s']:9.0f}"""


def _report_assess(wall: dict[str, Any], args: argparse.Namespace) -> str:
    return f"""
{_ok(wall['bytecode']['median'] < TARGETS['assess_wall_s'])} `ihl assess FILE`, with bytecode      {_fmt(wall['bytecode'], ' s')}  (target < {TARGETS['assess_wall_s']} s)
     `ihl assess FILE`, no bytecode        {_fmt(wall['no_bytecode'], ' s')}
     CPU time (user + system), with / without bytecode  {_fmt(wall['bytecode_cpu'], ' s')} / {_fmt(wall['no_bytecode_cpu'], ' s')}
     import engine.cli alone               {wall['import_cli_s']:.3f} s""" + (f"""
     --legacy checkout, with bytecode: wall {_fmt(wall['legacy_bytecode'], ' s')}, CPU {_fmt(wall['legacy_bytecode_cpu'], ' s')}
     CPU time, before / now               {_fmt(wall['legacy_over_now_cpu'])}""" if "legacy_over_now_cpu" in wall else "")


def _report_jobs(jobs: dict[str, Any], args: argparse.Namespace) -> str:
    return (f"{_ok(jobs['speedup']['median'] >= TARGETS['jobs_speedup'])} ihl batch --jobs 2 / --jobs 1          "
            f"{_fmt(jobs['speedup'])}  (target >= {TARGETS['jobs_speedup']}; {jobs['incidents']} incidents; "
            f"identical output: {jobs['identical_output']})")


def _report_batch(batch: dict[str, Any], args: argparse.Namespace) -> str:
    names = {"legacy": f"the checkout at {batch['legacy']}", "slow_paths": "this checkout's slow paths (PyYAML, memos assessing again)",
             "current": "this checkout", "compiled": "this checkout, --engine compiled"}
    lines = [f"ihl batch of {batch['files']} YAML files with memos: seconds, median of alternating rounds"]
    lines += [f"     {names[side]:<60} {sp['median']:8.1f} s (range {sp['min']:.1f}-{sp['max']:.1f})"
              for side, sp in batch["seconds"].items()]
    for pair, sp in batch["speedup"].items():
        now, old = pair.split("/")
        lines.append(f"{_ok(sp['median'] >= TARGETS['batch_speedup'])} speed-up, {names[now]} over {names[old]}: "
                     f"{_fmt(sp)}  (target >= {TARGETS['batch_speedup']})")
    lines.append(f"     same JSONL and memos as this checkout's: {batch['same_output_as_current']}")
    return "\n".join(lines)


def _report_memory(mem: dict[str, Any], args: argparse.Namespace) -> str:
    return (f"{_ok(mem['growth_mb'] < TARGETS['memory_growth_mb'])} memory growth over {mem['incidents']:,} incidents     "
            f"{mem['growth_mb']:7.1f} MB (target < {TARGETS['memory_growth_mb']:.0f} MB: peak of the run - RSS after a "
            f"1,000-incident warm-up, summed over {mem['processes']} processes; RSS at the end - after warm-up: "
            f"{mem['end_growth_mb']:.1f} MB; peak RSS {mem['peak_rss_mb']:.1f} MB per process)\n"
            f"     still held at the end, beside RSS: malloc'd and not freed {mem['heap_in_use_growth_mb']:+.1f} MB (mallinfo2), "
            f"Python's allocated blocks {mem['python_blocks_growth']:+,}")


PARTS = ["ratio", "figures", "assess", "jobs", "batch", "memory"]  # in the order they run
REPORT: dict[str, Callable[[Any, argparse.Namespace], str]] = {
    "ratio": _report_ratio, "figures": _report_figures, "assess": _report_assess, "jobs": _report_jobs,
    "batch": _report_batch, "memory": _report_memory}


if __name__ == "__main__":
    main()
