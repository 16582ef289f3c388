#!/usr/bin/env python
"""Benchmark of ihl-engine against the raw durable_rules engine (see bench/README.md).

    python bench/bench.py            # every figure, default sizes (a few minutes)
    python bench/bench.py --quick    # smoke run, small sizes (seconds)
    python bench/bench.py --profile  # where the time goes: assessment, `ihl assess` startup, imports

Figures (each throughput is the median of --repeats runs over the same --n seeded synthetic incidents):
validation only (load.parse_text on JSON and on YAML text; and pydantic alone); full assessment with trace
(api.assess); memo rendering (render.memo, and api.memo = assessment + render); the raw engine baseline
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
import datetime as dt
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
from enum import Enum
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {
    "ratio": 0.5,  # assessment / raw engine throughput, at least
    "memory_growth_mb": 20.0,  # over 100,000 incidents, at most
    "assess_wall_s": 0.5,  # `ihl assess FILE`, at most
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
    from engine.model import AttackType, Knowledge, WeaponCategory

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
    for path, kind in facts.catalogue().items():
        if path.endswith(facts.AT_TIME):
            continue
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
        "schema_version": 1,
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
            parts = path.split(".")
            node = incident
            for i, part in enumerate(parts):
                if isinstance(node, dict) and isinstance(node.get(part), dict) and "value" in node[part]:
                    node[part]["value"] = None
                    node[part]["sources"] = []
                    node[part].pop("attacker_knowledge", None)
                    break
                if part == "time" and i == len(parts) - 1:
                    node.pop("time", None)
                    break
                node = node.get(part) if isinstance(node, dict) else None
                if node is None:
                    break
    raise AssertionError(f"synthetic incident {incident['id']} stays inconsistent: {problems}")


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


def measure_engine(args: argparse.Namespace) -> dict[str, float]:
    from engine import api, render
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
        "assess_per_s": rate(api.assess, pool, args.repeats),
        "render_per_s": rate(lambda la: render.memo(*la), assessed, args.repeats),
        "memo_per_s": rate(api.memo, pool, args.repeats),
    }


# The baseline: durable_rules on its own. Same rules (every compiled clause of the rulebook is one
# durable_rules rule, with the same conditions), same facts per incident, one state per incident.
# Each action only asserts the rule's conclusion back (so that rules built on other rules fire, as
# in the engine) — no trace, no findings, no checks.

def measure_raw(args: argparse.Namespace) -> dict[str, Any]:
    import durable.engine as dr

    from engine import facts, rulebook
    from engine.adapter import condition_json

    book = rulebook.load()
    concluded: set[str] = set()

    def action(rule_id: str, outcome: str) -> Callable[[Any], None]:
        def act(c: Any) -> None:
            if rule_id in concluded:
                return
            concluded.add(rule_id)
            try:
                c.assert_fact({"id": rule_id, "s": outcome})
            except dr.MessageNotHandledException:
                pass

        return act

    ruleset: dict[str, Any] = {}
    for rule_id, outcomes in book.clauses.items():
        for outcome, dnf in sorted(outcomes.items()):
            for index, clause in enumerate(dnf):
                ruleset[f"{rule_id}|{outcome}|{index}"] = {
                    "all": [{f"f{i}": condition_json(fid, cond)} for i, (fid, cond) in enumerate(clause)],
                    "run": action(rule_id, outcome),
                }

    class QuietHost(dr.Host):  # the same host the engine uses: no timer threads
        def _run(self) -> None:
            return None

    host = QuietHost()
    host.register_rulesets({"raw": ruleset})
    cited = book.fact_ids()
    batches = []
    for loaded in loaded_pool(args.seed, args.n):
        elements = facts.elements(loaded.file.incident)
        batches.append([elements[i].engine_fact() for i in cited])
    sids = iter(range(1, 10**9))

    def one(batch: list[dict[str, Any]]) -> int:
        sid = str(next(sids))
        concluded.clear()
        host.assert_facts("raw", [{**f, "sid": sid} for f in batch])
        n = len(host.get_facts("raw", sid))
        host.delete_state("raw", sid)
        return n

    one(batches[0])
    fired = len(concluded)
    return {"raw_per_s": rate(one, batches, args.repeats), "rules": len(ruleset), "facts": len(cited),
            "conclusions_per_incident": fired}


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


def measure_memory(args: argparse.Namespace) -> dict[str, Any]:
    from engine import api

    pool = loaded_pool(args.seed + args.part, 500)
    api.assess(pool[0])
    first = _rss_mb()
    warm = min(1000, args.memory_incidents)  # two passes over the pool: caches and allocator settle
    for i in range(1, warm):
        api.assess(pool[i % len(pool)])
    base = _rss_mb()
    exact = _reset_peak()
    start = time.perf_counter()
    samples = []
    for i in range(args.memory_incidents - warm):
        api.assess(pool[i % len(pool)])
        if i % 10000 == 0:
            samples.append(round(_rss_mb(), 1))
    samples.append(round(_rss_mb(), 1))
    # VmHWM after the reset is the peak of the run itself; ru_maxrss would include building the pool.
    peak = _status_mb("VmHWM") if exact else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"incidents": args.memory_incidents, "rss_after_first_mb": round(first, 1), "rss_after_warmup_mb": round(base, 1),
            "peak_rss_mb": round(peak, 1), "peak_is_run_only": exact, "growth_mb": round(peak - base, 1),
            "end_growth_mb": round(samples[-1] - base, 1),
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
            "end_growth_mb": round(sum(p["end_growth_mb"] for p in parts), 1)}


def ihl_command() -> list[str]:
    exe = Path(sys.executable).parent / "ihl"
    return [str(exe)] if exe.exists() else [shutil.which("ihl") or "ihl"]


def assess_wall(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    file = workdir / "one.json"
    file.write_text(texts(args.seed, 1)[0], encoding="utf-8")
    walls = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([*ihl_command(), "assess", str(file)], stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
        walls.append(time.perf_counter() - start)
    imp = subprocess.run([sys.executable, "-c", "import time; t=time.perf_counter(); import engine.cli; "
                          "print(time.perf_counter()-t)"], capture_output=True, text=True, check=True, cwd=ROOT)
    return {"assess_wall_s": statistics.median(walls), "walls": [round(w, 3) for w in walls],
            "import_cli_s": float(imp.stdout.strip())}


def jobs_compare(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    data = workdir / "incidents.jsonl"
    data.write_text("\n".join(texts(args.seed + 1, args.jobs_incidents)) + "\n", encoding="utf-8")
    out: dict[str, Any] = {"incidents": args.jobs_incidents}
    walls: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.jobs_repeats):  # interleaved, so that drift in machine load hits both alike
        for jobs in (1, 2):
            target = workdir / f"out-{jobs}.jsonl"
            start = time.perf_counter()
            done = subprocess.run([*ihl_command(), "batch", str(data), "-o", str(target), "--jobs", str(jobs)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
            walls[jobs].append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(f"ihl batch --jobs {jobs} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    outputs = {jobs: (workdir / f"out-{jobs}.jsonl").read_bytes() for jobs in (1, 2)}
    for jobs in (1, 2):
        out[f"jobs{jobs}_s"] = statistics.median(walls[jobs])
        out[f"jobs{jobs}_per_s"] = args.jobs_incidents / out[f"jobs{jobs}_s"]
        out[f"jobs{jobs}_walls"] = [round(w, 2) for w in walls[jobs]]
    out["speedup"] = out["jobs1_s"] / out["jobs2_s"]
    out["identical_output"] = outputs[1] == outputs[2]
    return out


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

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke run: small sizes")
    parser.add_argument("--profile", action="store_true", help="print where the time goes, instead of the figures")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--n", type=int, default=200, help="synthetic incidents per throughput measure")
    parser.add_argument("--repeats", type=int, default=5, help="repeats per throughput figure (median)")
    parser.add_argument("--memory-incidents", type=int, default=100_000)
    parser.add_argument("--memory-procs", type=int, default=2, help="processes the memory run is split over")
    parser.add_argument("--jobs-incidents", type=int, default=1000, help="incidents for the --jobs comparison")
    parser.add_argument("--jobs-repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--part", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.n, args.repeats, args.memory_incidents, args.jobs_incidents, args.jobs_repeats = 40, 3, 4000, 120, 1

    if args.child:
        result = {"engine": measure_engine, "raw": measure_raw, "memory": measure_memory}[args.child](args)
        print(json.dumps(result))
        return
    if args.profile:
        profile(args)
        return

    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="ihl-bench-"))
    try:
        print(f"ihl-engine benchmark: {args.n} seeded synthetic incidents (seed {args.seed}), "
              f"median of {args.repeats}; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)
        eng = child("engine", args)
        raw = child("raw", args)
        wall = assess_wall(args, workdir)
        jobs = jobs_compare(args, workdir)
        mem = memory(args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    ratio = eng["assess_per_s"] / raw["raw_per_s"]
    ok = lambda good: "ok  " if good else "MISS"
    print(f"""
throughput (incidents/s, median of {args.repeats} x {args.n})
  validation only (load.parse_text, JSON)   {eng['validate_per_s']:9.0f}
  validation only (load.parse_text, YAML)   {eng['validate_yaml_per_s']:9.0f}
    of which pydantic model alone           {eng['validate_pydantic_per_s']:9.0f}
  full assessment with trace (api.assess)   {eng['assess_per_s']:9.0f}
  memo rendering (render.memo)              {eng['render_per_s']:9.0f}
  memo from a loaded file (api.memo)        {eng['memo_per_s']:9.0f}
  raw durable_rules ({raw['rules']} rules, {raw['facts']} facts, {raw['conclusions_per_incident']} conclusions)  {raw['raw_per_s']:9.0f}

{ok(ratio >= TARGETS['ratio'])} assessment / raw engine                  {ratio:9.2f}   (target >= {TARGETS['ratio']})
{ok(mem['growth_mb'] < TARGETS['memory_growth_mb'])} memory growth over {mem['incidents']:,} incidents     {mem['growth_mb']:7.1f} MB (target < {TARGETS['memory_growth_mb']:.0f} MB: peak of the run - RSS after a 1,000-incident warm-up, summed over {mem['processes']} processes; RSS at the end - after warm-up: {mem['end_growth_mb']:.1f} MB; peak - RSS after the first incident: {mem['growth_from_first_mb']:.1f} MB; peak RSS {mem['peak_rss_mb']:.1f} MB per process)
{ok(wall['assess_wall_s'] < TARGETS['assess_wall_s'])} `ihl assess FILE`, fresh process          {wall['assess_wall_s']:7.3f} s  (target < {TARGETS['assess_wall_s']} s; median of 5 {wall['walls']}; import engine.cli {wall['import_cli_s']:.3f} s)
{ok(jobs['speedup'] >= TARGETS['jobs_speedup'])} ihl batch --jobs 2 / --jobs 1           {jobs['speedup']:9.2f}   (target >= {TARGETS['jobs_speedup']}; {jobs['incidents']} incidents: jobs 1 {jobs['jobs1_s']:.1f} s = {jobs['jobs1_per_s']:.0f}/s, jobs 2 {jobs['jobs2_s']:.1f} s = {jobs['jobs2_per_s']:.0f}/s; walls {jobs['jobs1_walls']} vs {jobs['jobs2_walls']}; identical output: {jobs['identical_output']})

memory parts: {json.dumps(mem['parts'])}
total bench time {time.perf_counter() - started:.0f} s; load average now {os.getloadavg()[0]:.2f} (other work on the machine slows every figure)""")
    if args.json:
        args.json.write_text(json.dumps({"engine": eng, "raw": raw, "ratio": ratio, "memory": mem, "assess": wall,
                                         "jobs": jobs, "args": {k: str(v) for k, v in vars(args).items()}}, indent=2))


if __name__ == "__main__":
    main()
