"""Batch assessment: many incident files in, one JSONL line per incident and account out, with a
summary of the patterns across incidents.

Inputs (:func:`tasks`): incident files; folders, searched recursively for ``*.yaml``, ``*.yml`` and
``*.json`` (sorted by path, hidden files and folders skipped); and ``.jsonl`` files holding one incident
file as JSON per line, each named ``FILE:LINE`` in reports (blank lines skipped).

Every incident is read and assessed in a worker process (:mod:`engine.isolation`), also with
``jobs=1``: durable_rules can crash the process (DESIGN.md trap 10), and a crash must lose only that
incident — it is reported by name, the worker is replaced and the batch goes on. Starting one forked
worker costs a few milliseconds, against a few milliseconds per incident; it is worth it.

Each result line (:func:`records`), in input order whatever the number of jobs — the material a
report's conclusions rest on::

    {"file": "examples/a.yaml", "incident": "raqqa-2017-a1", "account": null,
     "date": "2017-06-28", "month": "2017-06", "place": "…, Raqqa, Syria", "attacker": "US-led Coalition",
     "weapon_category": "unknown", "struck": "A five-storey residential building",
     "struck_category": "residential_building",
     "civilians_killed": {"min": 8, "max": 8}, "civilians_injured": null,
     "patterns": {"no_warning": true, "civilians_present": true, ...},
     "findings": {"distinction.target_was_military_objective": "inconclusive", ...},
     "basis": {finding: "established" | "prima_facie" | …, for each decided finding},
     "standard": {finding: standard of proof reached or null, for each violation / no violation},
     "errors": [], "warnings": []}

A bad input gets one line with ``incident: null``, empty ``findings`` and its located problems under
``errors`` (each ``{"kind": "input", "file", "line", "column", "path", "severity", "message"}``); an
engine failure or a crashed worker gets ``kind: "engine"`` / ``"crash"`` with a message.

The :class:`Summary` counts, by principle, by finding, and by attacker, weapon category and month
(``YYYY-MM``) of the incident, both **incidents** (each once per status it has in a row) and
**findings** over assessments (one per incident and account: one incident with many inconclusive
findings is one incident, not many); and, per pattern of ``patterns.yaml`` (e.g. no warning given),
month and weapon category, the incidents where it holds and where it is known. :func:`summary_text`
writes it as CSV or Markdown. Exit code (:attr:`Summary.exit_code`):
0 if every incident was assessed, 2 if some input was bad, 1 if the engine failed or crashed on some
incident (1 wins over 2); every other result is written in every case.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import stat
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

from rich.markup import escape

from engine import accounts, assessment, isolation, rulebook, settings, witnesses
from engine.adapter import EngineFault
from engine.findings import DECIDED, STATUSES
from engine.load import MAX_BYTES, InputError, Loaded, Problem, load_file, parse_text
from engine import output as output_mod
from engine.output import shown

SUFFIXES = (".yaml", ".yml", ".json")
GROUPS = ("principle", "finding", "attacker", "weapon_category", "month")

# A task is (name, kind, text): kind "file" (the worker reads ``name``), "line" (``text`` is one JSONL
# line) or "bad" (``text`` is the problem found while listing the inputs).
Task = tuple[str, str, "str | None"]


# --------------------------------------------------------------------------- inputs

def _hidden(name: str) -> bool:
    return name.startswith(".")


def _line_task(path: Path, number: int, raw: bytes) -> Task:
    """One JSONL line (bytes, without its ``\\n``) as a task: decoded on its own, so that a bad byte
    loses only its own line."""
    name = f"{shown(path)}:{number}"
    try:
        return name, "line", raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return name, "bad", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"


def _jsonl(path: Path) -> Iterator[Task]:
    """Each line of a ``.jsonl`` file as its own task, numbered as an editor numbers them. Lines end at
    ``\\n`` only (a raw CR inside a line does not split it); a line that is not UTF-8 or is longer than
    :data:`MAX_BYTES` is reported as bad (and, if too long, skipped without being read whole), and
    reading goes on with the next line."""
    name = shown(path)
    if path.exists() and not path.is_file():  # a FIFO or device would block or never end
        yield name, "bad", "not a regular file"
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield name, "bad", f"cannot read: {exc.strerror or exc}"
        return
    found = False
    with handle:
        number = 0
        while True:
            raw = handle.readline(MAX_BYTES + 1)
            if not raw:
                break
            number += 1
            if len(raw.rstrip(b"\r\n")) > MAX_BYTES:
                while not raw.endswith(b"\n"):  # skip the rest of the line, a bounded piece at a time
                    raw = handle.readline(MAX_BYTES + 1)
                    if not raw:
                        break
                found = True
                yield f"{name}:{number}", "bad", f"line longer than {MAX_BYTES:,} bytes (the incident file limit)"
                continue
            raw = raw.removesuffix(b"\n")
            if raw.strip():
                found = True
                yield _line_task(path, number, raw)
    if not found:
        yield name, "bad", "no incidents in this file (one incident file as JSON per line)"


def _walk(root: Path) -> Iterator[Task]:
    """The incident files in folder ``root`` and below, sorted by path; hidden files and folders are
    skipped. Whatever cannot be read is a bad input, never skipped silently: an unreadable folder, and
    any entry with an incident-file suffix that is not a regular file (a FIFO, a device, a dangling
    symlink, a symlink loop, a symlink to a folder, which is not followed)."""
    entries: list[Task] = []
    unreadable: list[Task] = []

    def refused(exc: OSError) -> None:
        unreadable.append((shown(exc.filename or root), "bad", f"cannot read this folder: {exc.strerror or exc}"))

    for folder, dirs, files in os.walk(root, onerror=refused):
        dirs[:] = [d for d in dirs if not _hidden(d)]
        here = Path(folder)
        for d in dirs:
            if (here / d).is_symlink() and Path(d).suffix.lower() in SUFFIXES:
                entries.append((shown(here / d), "bad", "a symbolic link to a folder (not followed)"))
        for f in files:
            p = here / f
            if _hidden(f) or p.suffix.lower() not in SUFFIXES:
                continue
            try:
                mode = p.stat().st_mode
            except OSError as exc:
                what = "a symbolic link loop" if exc.errno == errno.ELOOP else \
                    "a dangling symbolic link" if p.is_symlink() else f"cannot read: {exc.strerror or exc}"
                entries.append((shown(p), "bad", what))
                continue
            if stat.S_ISREG(mode):
                entries.append((str(p), "file", None))
            elif stat.S_ISDIR(mode):
                entries.append((shown(p), "bad", "a symbolic link to a folder (not followed)"))
            else:
                entries.append((shown(p), "bad", "not a regular file (a FIFO, device or socket)"))
    entries.sort(key=lambda t: Path(t[0]))
    if not entries and not unreadable:
        yield shown(root), "bad", f"no {', '.join('*' + s for s in SUFFIXES)} files in this folder"
    yield from sorted(unreadable) + entries


def tasks(paths: Iterable[str | Path]) -> Iterator[Task]:
    """Every input to assess, in order: files as given, folders expanded (see :func:`_walk`), JSONL line
    by line (see :func:`_jsonl`).

    A file reached twice (e.g. named and inside a named folder) is assessed once.
    """
    seen: set[Path] = set()

    def once(p: Path) -> bool:
        key = p.resolve()
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for task in _walk(path):
                if task[1] != "file" or once(Path(task[0])):
                    yield task
        elif path.suffix.lower() == ".jsonl":
            if once(path):
                yield from _jsonl(path)
        elif once(path):
            yield str(path), "file", None  # the worker reports a missing or unsupported file


def inputs(paths: Iterable[str | Path]) -> list[Path]:
    """The files a run over ``paths`` reads (incident files and ``.jsonl`` files): no output may replace
    one of them."""
    out = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += [Path(name) for name, kind, _ in _walk(path) if kind == "file"]
        elif path.exists():
            out.append(path)
    return out


def count(paths: Iterable[str | Path]) -> int:
    """How many tasks :func:`tasks` yields (for a progress bar's total)."""
    return sum(1 for _ in tasks(paths))


# --------------------------------------------------------------------------- the worker side

def _problem_dicts(problems: list[Problem]) -> list[dict[str, Any]]:
    return [{"kind": "input", **p.as_dict()} for p in problems]


def load_task(task: Task) -> Loaded:
    """Read and validate the incident file of one task (a file, a JSONL line, or an input found bad
    while listing). Raises :class:`InputError`."""
    name, kind, text = task
    if kind == "bad":
        raise InputError([Problem(shown(name), None, None, "", text or "unusable input")])
    if kind == "line":
        assert text is not None
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise InputError([Problem(name, None, None, "", f"line is over the limit of {MAX_BYTES:,} bytes")])
        return parse_text(text, name, ".json")
    return load_file(name)


@functools.cache
def patterns() -> list[dict[str, Any]]:
    """``engine/patterns.yaml``: ``[{id, label, fact, value}]``, the observations counted by month and weapon."""
    from engine import datafiles

    return datafiles.read("engine", "patterns.yaml")


def _count(fact: Any) -> dict[str, int | None] | None:
    return {"min": fact.value.min, "max": fact.value.max} if fact.value is not None else None


def incident_meta(incident: Any) -> dict[str, Any]:
    """What a result line says of the incident, for pattern analysis: date (``YYYY-MM-DD``, UTC as
    reported), month, place, attacker, weapon category, the object struck and its category, civilians
    killed and injured
    (``{min, max}`` or null) and, for each pattern of ``patterns.yaml``, whether it holds (true, false,
    or null when the fact is unknown)."""
    from engine.facts import elements

    recorded = elements(incident, {p["fact"] for p in patterns()})
    return {
        "attacker": incident.attacker.party,
        "weapon_category": incident.attack.weapon.category.value,
        "month": incident.when.date.strftime("%Y-%m"),
        "date": incident.when.date.isoformat(),
        "place": ", ".join(x for x in (incident.place.name, incident.place.locality, incident.place.country) if x),
        "struck": incident.object_struck.description,
        "struck_category": category.value if (category := incident.object_struck.category.value) is not None else None,
        "civilians_killed": _count(incident.outcome.civilians_killed),
        "civilians_injured": _count(incident.outcome.civilians_injured),
        "patterns": {p["id"]: None if recorded[p["fact"]].value is None else recorded[p["fact"]].value == p["value"]
                     for p in patterns()},
    }


def assess_task(task: Task, memo: bool = False, run: settings.Settings = settings.Settings()) -> dict[str, Any]:
    """Read and assess one input under ``run`` (runs in a worker process). Never raises for bad input or
    an engine fault: they come back in the result. A crash of the engine kills the worker (see isolation)."""
    name = task[0]
    result: dict[str, Any] = {"file": shown(name), "problems": [], "warnings": []}
    try:
        loaded = load_task(task)
    except InputError as exc:
        result["problems"] = _problem_dicts([p for p in exc.problems if p.severity == "error"])
        result["warnings"] = [p.as_dict() for p in exc.problems if p.severity != "error"]
        return result
    incident = loaded.file.incident
    isolation.note(incident.id)
    isolation.crash_point(shown(name), incident.id)  # test-only hook
    result.update(
        incident=incident.id,
        **incident_meta(witnesses.shown(incident, loaded.file.sources)),  # text names a witness by pseudonym
        warnings=[p.as_dict() for p in loaded.warnings],
        assessments=[],
    )
    failed = False
    done = []
    for account in accounts.names(loaded.file) or [None]:
        try:
            (a,) = assessment.assess(loaded, account, run)
        except EngineFault as exc:
            failed = True
            where = f" (rule {exc.rule})" if exc.rule else ""
            result["assessments"].append({"account": account, "error": f"engine error{where}: {exc}"})
            continue
        done.append(a)
        result["assessments"].append({
            "account": account, "findings": {f.id: f.status for f in a.findings},
            "basis": {f.id: f.basis for f in a.findings if f.status != "inconclusive"},
            "standard": {f.id: f.evidence.standard_label if f.evidence else None for f in a.findings
                         if f.status in DECIDED},
            # the war crimes' statuses before the forum selected; None: no forum, not assessed (never "none")
            "crimes": {c.id: c.status for c in a.crimes} if run.forum else None,
        })
    if memo and not failed:
        try:
            from engine.outputs import context, markdown  # Jinja2: only when memos are asked for

            result["memo"] = markdown.memo(context.build(loaded, done))  # every account, in assess's order
        except Exception as exc:  # the memo is extra: its failure must not lose the findings
            result["memo_error"] = f"{type(exc).__name__}: {exc}"
    return result


# --------------------------------------------------------------------------- the parent side

@dataclass
class Summary:
    """Counts over a batch. ``tables[group][key][status]`` counts findings over assessments (one
    incident can give many: one per finding and account); ``incident_tables[group][key][status]``
    counts incidents, each once per status it has in that row; ``incident_counts[group][key]`` counts
    the incidents in each row; ``pattern_counts`` counts, per pattern of ``patterns.yaml``, month and
    weapon category, the incidents where it holds and where its fact is known. ``bad`` names the
    inputs skipped, ``failed`` describes each engine failure, crash or failed memo; ``forum`` is that of
    the war-crime elements in the memos (None: not assessed)."""

    inputs: int = 0
    incidents: int = 0
    assessments: int = 0
    bad: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # engine faults and crashes: "name: message"
    memos: list[str] = field(default_factory=list)
    tables: dict[str, dict[str, Counter]] = field(default_factory=lambda: {g: {} for g in GROUPS})
    incident_tables: dict[str, dict[str, Counter]] = field(default_factory=lambda: {g: {} for g in GROUPS})
    incident_counts: dict[str, Counter] = field(default_factory=lambda: {g: Counter() for g in GROUPS})
    pattern_counts: Counter = field(default_factory=Counter)  # (pattern id, month, weapon, "holds" | "known")
    records: list[dict[str, Any]] = field(default_factory=list)
    forum: str | None = None  # of the war-crime elements in the memos; None: not assessed

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 2 if self.bad else 0

    def as_dict(self) -> dict[str, Any]:
        """Plain, sorted data (JSON-able): every count, every bad or failed input."""
        return {
            "inputs": self.inputs,
            "incidents": self.incidents,
            "assessments": self.assessments,
            "bad": list(self.bad),
            "failed": list(self.failed),
            "tables": {g: {k: {s: self.tables[g][k][s] for s in STATUSES} for k in sorted(self.tables[g])} for g in GROUPS},
            "incident_tables": {g: {k: {s: self.incident_tables[g][k][s] for s in STATUSES}
                                    for k in sorted(self.incident_tables[g])} for g in GROUPS},
            "incident_counts": {g: dict(sorted(c.items())) for g, c in self.incident_counts.items()},
            "patterns": pattern_rows(self),
        }


META = ("date", "month", "place", "attacker", "weapon_category", "struck", "struck_category", "civilians_killed",
        "civilians_injured", "patterns")


def _record(file: str, incident: str | None, account: str | None = None, meta: dict[str, Any] | None = None,
            assessment: dict[str, Any] | None = None, errors: list[dict[str, Any]] | None = None,
            warnings: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    meta, assessment = meta or {}, assessment or {}
    return {
        "file": file,
        "incident": incident,
        "account": account,
        **{k: meta.get(k) for k in META},
        "findings": assessment.get("findings", {}),
        "basis": assessment.get("basis", {}),
        "standard": assessment.get("standard", {}),
        "crimes": assessment.get("crimes"),
        "errors": errors or [],
        "warnings": warnings or [],
    }


@functools.cache
def _against(finding_id: str) -> str:
    """The party a finding is against (``attacker`` or ``defender``; ``attacker`` for an unknown id)."""
    rule = rulebook.load().rules.get(finding_id)
    return rule.against if rule is not None else "attacker"


def records(outcome: isolation.Outcome, summary: Summary, principle_of: dict[str, str],
            report: Callable[[str], None]) -> list[dict[str, Any]]:
    """The JSONL records for one outcome; counts it into ``summary`` and reports problems via ``report``."""
    name = shown(str(outcome.key))
    summary.inputs += 1
    if outcome.crash or outcome.error:
        what = outcome.crash or f"internal error: {outcome.error}"
        who = f"incident {outcome.label} ({name})" if outcome.label else name
        message = f"{who}: {what}; no finding was reported for it"
        summary.failed.append(message)
        report(f"engine crash: {message}" if outcome.crash else message)
        return [_record(name, outcome.label, errors=[{"kind": "crash" if outcome.crash else "internal", "message": what}])]
    value = outcome.value
    if value["problems"]:
        summary.bad.append(name)
        for p in value["problems"]:
            report(str(Problem(p["file"], p["line"], p["column"], p["path"], p["message"], p["severity"])))
        return [_record(name, None, errors=value["problems"], warnings=value["warnings"])]
    meta = {k: value[k] for k in META}
    out = []
    assessed = False
    seen: set[tuple[str, str, str]] = set()  # (group, key, status) of this incident, counted once
    for a in value["assessments"]:
        if "error" in a:
            label = value["incident"] + (f" [account {a['account']}]" if a["account"] else "")
            summary.failed.append(f"incident {label} ({name}): {a['error']}")
            report(f"{name}: incident {label}: {a['error']}. No finding was reported for it.")
            out.append(_record(name, value["incident"], a["account"], meta,
                               errors=[{"kind": "engine", "message": a["error"]}], warnings=value["warnings"]))
            continue
        assessed = True
        summary.assessments += 1
        for fid, status in a["findings"].items():
            # "By attacker" and "by weapon" (the attacker's) count only the findings against the attacker,
            # not those against the defending party.
            for group, key in (("principle", principle_of.get(fid, fid.split(".")[0])), ("finding", fid),
                               *((g, meta[g]) for g in GROUPS[2:]
                                 if g not in ("attacker", "weapon_category") or _against(fid) == "attacker")):
                summary.tables[group].setdefault(key, Counter())[status] += 1
                seen.add((group, key, status))
        out.append(_record(name, value["incident"], a["account"], meta, a, warnings=value["warnings"]))
    if assessed:
        summary.incidents += 1
        for group, key, status in seen:
            summary.incident_tables[group].setdefault(key, Counter())[status] += 1
        for group, key in {(g, k) for g, k, _ in seen}:
            summary.incident_counts[group][key] += 1
        for pattern, holds in meta["patterns"].items():
            if holds is not None:
                summary.pattern_counts[(pattern, meta["month"], meta["weapon_category"], "known")] += 1
                summary.pattern_counts[(pattern, meta["month"], meta["weapon_category"], "holds")] += holds
    if "memo_error" in value:  # the incident's own error: its findings and every other incident stand
        summary.failed.append(f"incident {value['incident']} ({name}): memo not written: {value['memo_error']}")
        report(f"{name}: memo not written: {value['memo_error']}")
        for rec in out:
            rec["errors"].append({"kind": "memo", "message": f"memo not written: {value['memo_error']}"})
    return out


def warm(memos: bool) -> None:
    """Load the read-only data every assessment needs once, before the workers fork, so that each
    worker inherits it instead of loading it again. Pure Python only: durable_rules is never touched in
    the parent (a crash there would take the whole batch with it)."""
    import importlib

    loaders = [("engine.facts", "catalogue"), ("engine.law", "treaty_status"), ("engine.evidence", "config")]
    if memos:
        loaders += [("engine.outputs.markdown", "environment"), ("engine.outputs.html", "environment"),
                    ("engine.outputs.context", "fact_labels")]
    for module, name in loaders:
        try:
            getattr(importlib.import_module(module), name)()
        except Exception:  # an optimisation only: the worker loads whatever is missing
            pass


def _memo_path(memo_dir: Path, incident: str, used: set[str]) -> Path:
    name, n = f"{incident}.md", 1
    while name in used:  # two inputs with one incident id: later ones get a numbered name, in input order
        n += 1
        name = f"{incident}--{n}.md"
    used.add(name)
    return memo_dir / name


def run(
    paths: Iterable[str | Path],
    *,
    jobs: int = 1,
    memo_dir: str | Path | None = None,
    output: str | Path | None = None,
    stream: IO[str] | None = None,
    report: Callable[[str], None] | None = None,
    progress: bool = False,
    keep: bool = False,
    forum: str | None = None,
    engine: settings.Engine = "durable_rules",
) -> Summary:
    """Assess every input under ``paths`` in ``jobs`` worker processes; return the :class:`Summary`.

    JSONL goes to ``output`` (written atomically, complete or not at all; ``"-"`` is standard output)
    or else to ``stream``; ``keep`` also keeps the records in ``Summary.records``. Problems (bad files
    with their located problems, engine failures, crashes, memos not written) go to ``report``
    (default: stderr), one line each — or, with ``progress`` (a rich progress bar on stderr), to stderr
    above the bar. Memos go to ``memo_dir`` as ``<incident id>.md`` (``<incident id>--2.md`` … for a
    repeated id, in input order), each written atomically; a memo that cannot be written is that
    incident's error (``kind: "memo"``), and the batch goes on. ``jobs`` is lowered to what the machine
    allows (:func:`engine.isolation.max_jobs`), and ``report`` says so. ``forum`` sets out the elements
    of war crimes in the memos (None: they are not assessed, and the summary says so). ``engine``
    matches each record's facts against the rules (:attr:`engine.settings.Settings.engine`: the same
    output bytes either way; ``"compiled"`` costs a fraction of durable_rules).

    Every output follows :mod:`engine.output` and is checked before anything is assessed: raises
    :class:`engine.output.OutputError` for an ``output`` or ``memo_dir`` that cannot be written (an
    input of the run, a folder, a missing folder, a read-only file, an ``output`` inside ``memo_dir``
    where a memo could overwrite it or it a memo …).
    """
    paths = list(paths)
    report = report or (lambda line: print(line, file=sys.stderr))
    read = inputs(paths)
    memo_path = _memo_folder(memo_dir)
    if memo_path is not None:
        from engine.outputs.markdown import HEADING  # how every memo begins
    protect = [*read, *([output] if output is not None and not output_mod.is_stdout(output) else [])]
    reserved = [memo_path] if memo_path is not None else []  # any name in it may be an incident's memo
    if output is not None:
        output_mod.check(output, protect=read, reserved=reserved)
    run_settings = settings.Settings(forum=forum, engine=engine)
    settings.resolve(run_settings)  # an unknown forum is refused before anything is assessed
    allowed, why = isolation.max_jobs()
    if jobs > allowed:
        report(f"note: --jobs {jobs} lowered to {allowed} ({why})")
        jobs = allowed
    book = rulebook.load()
    warm(memo_path is not None)
    principle_of = {r.id: p.principle for p in book.principles for r in p.rules}
    summary = Summary(forum=forum)
    used: set[str] = set()
    bar = _Progress(count(paths)) if progress else None
    if bar is not None:
        report = bar.print  # above the bar, on the same console
    func = functools.partial(assess_task, memo=memo_path is not None, run=run_settings)
    items = ((t[0], t) for t in tasks(paths))
    try:
        with contextlib.ExitStack() as stack:
            sink = (stack.enter_context(output_mod.opened(output, protect=read, reserved=reserved))
                    if output is not None else stream)
            for outcome in isolation.run(func, items, jobs=jobs, on_done=bar.advance if bar else None):
                value = outcome.value if outcome.ok else None
                if memo_path is not None and value and value.get("memo") is not None:
                    target = _memo_path(memo_path, value["incident"], used)
                    try:  # a file there that is no memo (someone's notes) is kept
                        output_mod.write_atomic(target, value.pop("memo"), protect=protect, links=False,
                                                own=(HEADING, "a memo"))
                        summary.memos.append(str(target))
                    except OSError as exc:
                        value["memo_error"] = str(exc)
                for rec in records(outcome, summary, principle_of, report):
                    if sink is not None:
                        sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    if keep:
                        summary.records.append(rec)
    finally:
        if bar is not None:
            bar.close()
    return summary


def _memo_folder(memo_dir: str | Path | None) -> Path | None:
    """The memo folder, made if missing; :class:`engine.output.OutputError` if it cannot be."""
    if memo_dir is None:
        return None
    folder = Path(memo_dir)
    if not str(memo_dir):
        raise output_mod.OutputError("the memo folder is empty")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise output_mod.OutputError(f"cannot write memos into {shown(folder)}: it is not a folder") from None
    except OSError as exc:
        raise output_mod.OutputError(f"cannot write memos into {shown(folder)}: {exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise output_mod.OutputError(f"cannot write memos into {shown(folder)}: the folder is not writable")
    return folder


class _Progress:
    """A rich progress bar on stderr (only created when stderr is a terminal)."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(TextColumn("assessing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                 console=Console(stderr=True, emoji=False), transient=True)
        self.task = self.progress.add_task("assessing", total=total)
        self.progress.start()

    def print(self, line: str) -> None:
        self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def advance(self, _outcome: isolation.Outcome) -> None:
        self.progress.advance(self.task)

    def close(self) -> None:
        self.progress.stop()


# --------------------------------------------------------------------------- the summary, for people

STATUS_HEADS = {"violation_indicated": "violation", "no_violation_indicated": "no violation",
                "inconclusive": "inconclusive", "not_applicable": "not applicable"}


TITLES = {"principle": "Principle", "finding": "Finding", "attacker": "Attacker",
          "weapon_category": "Weapon category", "month": "Month"}


def summary_rows(summary: Summary, group: str) -> list[list[Any]]:
    """One row per key of ``group``: ``[key, incidents, then per status: incidents, findings]``."""
    rows = []
    for key in sorted(summary.incident_counts[group]):
        row: list[Any] = [key, summary.incident_counts[group][key]]
        for s in STATUSES:
            row += [summary.incident_tables[group].get(key, Counter())[s], summary.tables[group].get(key, Counter())[s]]
        rows.append(row)
    return rows


def pattern_rows(summary: Summary) -> list[dict[str, Any]]:
    """Per pattern (``patterns.yaml`` order), month and weapon category: incidents where the pattern
    holds and incidents where its fact is known (``{pattern, label, month, weapon_category, incidents,
    known}``), sorted; only rows where the fact is known somewhere."""
    labels = {p["id"]: p["label"] for p in patterns()}
    order = list(labels)
    keys = sorted({k[:3] for k in summary.pattern_counts}, key=lambda k: (order.index(k[0]), k[1], k[2]))
    return [{"pattern": p, "label": labels[p], "month": m, "weapon_category": w,
             "incidents": summary.pattern_counts[(p, m, w, "holds")], "known": summary.pattern_counts[(p, m, w, "known")]}
            for p, m, w in keys]


# How the status columns count, said once above the tables (a reader summing a row expects its incidents).
COUNTING = ("An incident counts under every status one of its findings has (a violation indicated on one "
            "finding, others inconclusive), so a row's status columns can add up to more than its incidents; "
            "the findings in brackets are counted over all assessments, one per incident and account.")


def summary_tables(summary: Summary) -> list[Any]:
    """The summary as rich tables: by principle, finding, attacker, weapon category and month (each
    status column: incidents, and in brackets the findings over all assessments), and the patterns by
    month and weapon."""
    from rich import box
    from rich.table import Table

    out = []
    for group in GROUPS:
        table = Table(title=f"Incidents by {TITLES[group].lower()} and status (findings in brackets)",
                      title_justify="left", box=box.SIMPLE)
        keys = [row[0] for row in summary_rows(summary, group)]
        table.add_column(TITLES[group], overflow="fold", min_width=max(map(len, keys), default=0))  # ids whole
        table.add_column("incidents", justify="right")
        for s in STATUSES:
            table.add_column(STATUS_HEADS[s].replace(" ", "\n"), justify="right")  # narrow: ids stay whole
        for key, incidents, *cells in summary_rows(summary, group):
            pairs = [f"{cells[i]} ({cells[i + 1]})" for i in range(0, len(cells), 2)]
            table.add_row(escape(key), str(incidents), *pairs, end_section=False)  # user text: no markup
        out.append(table)
    table = Table(title="Patterns by month and weapon (incidents where it holds / where it is known)",
                  title_justify="left", box=box.SIMPLE)
    for name in ("Pattern", "Month", "Weapon category", "incidents", "known"):
        table.add_column(name, justify="right" if name in ("incidents", "known") else "left")
    for r in pattern_rows(summary):
        table.add_row(r["label"], r["month"], escape(r["weapon_category"]), str(r["incidents"]), str(r["known"]))
    out.append(table)
    return out


def summary_text(summary: Summary, fmt: str) -> str:
    """The summary as ``csv`` (one line per group and key, then one per pattern, month and weapon) or
    ``md`` (Markdown tables), for a report's annex. Same input, same bytes."""
    import csv
    import io

    heads = ["incidents"] + [f"{STATUS_HEADS[s]} {what}" for s in STATUSES for what in ("incidents", "findings")]
    pattern_heads = ["pattern", "month", "weapon_category", "incidents", "known"]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["table", "key", *heads])
        for group in GROUPS:
            writer.writerows([group, *row] for row in summary_rows(summary, group))
        writer.writerow([])
        writer.writerow(["table", *pattern_heads])
        writer.writerows(["pattern", *(r[h] for h in pattern_heads)] for r in pattern_rows(summary))
        return buffer.getvalue()

    def cell(value: Any) -> str:
        return " ".join(str(value).split()).replace("|", "\\|")

    lines = ["# Batch summary", "", headline(summary), "", *([settings.NOT_ASSESSED, ""] if summary.forum is None else []),
             COUNTING, ""]
    for group in GROUPS:
        lines += [f"## By {TITLES[group].lower()}", "", "| " + " | ".join([TITLES[group], *heads]) + " |",
                  "|" + "---|" * (len(heads) + 1)]
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in summary_rows(summary, group)]
        lines.append("")
    lines += ["## Patterns by month and weapon", "", "| " + " | ".join(pattern_heads) + " |", "|" + "---|" * len(pattern_heads)]
    lines += ["| " + " | ".join(cell(r[h] if h != "pattern" else r["label"]) for h in pattern_heads) + " |"
              for r in pattern_rows(summary)]
    return "\n".join(lines) + "\n"


def headline(summary: Summary) -> str:
    """One line: how many inputs, incidents and assessments, and how many bad or failed."""
    return (f"{summary.inputs} input(s): {summary.incidents} incident(s) assessed, {summary.assessments} "
            f"assessment(s) (one per incident and account); {len(summary.bad)} bad input(s) skipped; "
            f"{len(summary.failed)} failure(s) (engine, crash or memo)")


def print_summary(summary: Summary, file: IO[str]) -> None:
    """Print the summary tables and the headline to ``file`` (unless a terminal, 120 columns wide, or as
    wide as the widest table needs: a file or a pipe never cuts a column).

    Status columns count incidents, with the findings over all assessments in brackets.
    """
    from rich.console import Console
    from rich.measure import Measurement

    console = Console(file=file, highlight=False, soft_wrap=False, emoji=False)
    tables = summary_tables(summary)
    if not console.is_terminal:
        console.width = 10_000  # to measure each table unconstrained
        console.width = max([120, *(Measurement.get(console, console.options, t).maximum for t in tables)])
    console.print(COUNTING + "\n", markup=False, soft_wrap=False)
    for table in tables:
        console.print(table)
    console.print(headline(summary), markup=False, soft_wrap=True)
    if summary.forum is None:
        console.print(settings.NOT_ASSESSED, markup=False, soft_wrap=True)
