"""Triage: which incidents are closest to an assessable file, and what to collect next for each.

For each incident (files, folders, ``.jsonl``; imported skeletons or hand-written files), on the
facts as recorded (the shared base, not each account):

* **decided** — the findings its facts already decide (any status but ``inconclusive``);
* **one fact away** — each inconclusive finding that one more fact would decide, and which facts
  would (the what-if "decisive missing facts" of :func:`engine.compare.decisive_facts`; a fact id
  ending ``@time`` asks what the attacker knew of it);
* **open** — inconclusive findings that need several facts together;
* **collect next** — the missing facts ranked by how many findings each would decide.

**Ranking** (``docs/triage.md``): incidents are ordered by (1) more findings decided, (2) more
findings one fact away, (3) fewer distinct facts to collect to bring every one-fact-away finding to a
decision, then (4) input order. The score shown is ``decided + one_fact_away / (1 + facts_to_collect)``:
a tie-break aid for a table, never a measure of gravity or of the likelihood of a violation.

Every incident is read and assessed in a worker process (:mod:`engine.isolation`), as in a batch.
The engine runs once per distinct pattern of facts and applicable law: incidents imported from one
monitor share a few patterns, so 10,000 records take seconds (bench/triage_bench.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from engine import compare, isolation, witnesses
from engine.batch import Task, load_task, tasks
from engine.load import InputError
from engine.output import shown

# Airwars' civilian-harm grading, as the importer keeps it in the casualty note (engine/importers/airwars.py)
_GRADING = re.compile(r"civilian harm grading: ([A-Za-z][A-Za-z -]*?) \(")


@dataclass(frozen=True)
class Row:
    """One incident in the triage. ``decided`` maps finding id → status; ``one_fact_away`` maps an
    inconclusive finding → the facts that alone would decide it; ``open`` lists inconclusive findings
    that need several facts; ``collect`` lists ``(fact, findings it would decide)``, most first;
    ``grading`` is a monitor's grading of the civilian-harm claim where the file records one."""

    file: str
    incident: str | None
    title: str | None = None
    decided: dict[str, str] = field(default_factory=dict)
    one_fact_away: dict[str, list[str]] = field(default_factory=dict)
    open: list[str] = field(default_factory=list)
    collect: list[tuple[str, int]] = field(default_factory=list)
    grading: str | None = None
    problems: list[str] = field(default_factory=list)
    order: int = 0

    @property
    def facts_to_collect(self) -> int:
        return len({f for facts in self.one_fact_away.values() for f in facts}) if self.one_fact_away else 0

    @property
    def score(self) -> float:
        """``decided + one_fact_away / (1 + facts_to_collect)``, rounded to 3 places."""
        return round(len(self.decided) + len(self.one_fact_away) / (1 + self.facts_to_collect), 3)

    def rank_key(self) -> tuple:
        return (-len(self.decided), -len(self.one_fact_away), self.facts_to_collect, self.order)

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "incident": self.incident, "title": self.title, "score": self.score,
                "decided": dict(sorted(self.decided.items())), "one_fact_away": dict(sorted(self.one_fact_away.items())),
                "open": sorted(self.open), "collect": [{"fact": f, "decides": n} for f, n in self.collect],
                "grading": self.grading, "problems": self.problems}


def triage_task(task: Task) -> dict[str, Any]:
    """Read one input and triage it (runs in a worker process); bad input comes back as problems."""
    try:
        loaded = load_task(task)
    except InputError as exc:
        return {"file": shown(task[0]), "problems": [str(p) for p in exc.problems if p.severity == "error"]}
    incident = loaded.file.incident
    isolation.note(incident.id)
    statuses, deciding = compare.outlook(incident)
    grading = next((m.group(1) for fact_ in (incident.outcome.civilians_killed, incident.outcome.civilians_injured)
                    if fact_.note and (m := _GRADING.search(fact_.note))), None)
    title = witnesses.text(incident.title, loaded.file.sources)  # a witness named by pseudonym
    return {"file": shown(task[0]), "incident": incident.id, "title": title, "grading": grading,
            "decided": {f: s for f, s in statuses.items() if s != "inconclusive"},
            "deciding": {f: sorted({d.fact for d in ds}) for f, ds in deciding.items()}, "problems": []}


def _row(value: dict[str, Any], order: int) -> Row:
    if value.get("problems"):
        return Row(file=value["file"], incident=None, problems=value["problems"], order=order)
    one = {f: facts for f, facts in value["deciding"].items() if facts}
    tally: dict[str, int] = {}
    for facts in one.values():
        for f in facts:
            tally[f] = tally.get(f, 0) + 1
    return Row(file=value["file"], incident=value["incident"], title=value["title"], decided=value["decided"],
               one_fact_away=one, open=[f for f, facts in value["deciding"].items() if not facts],
               collect=sorted(tally.items(), key=lambda x: (-x[1], x[0])), grading=value["grading"], order=order)


def run(paths: Iterable[str | Path], *, jobs: int = 1, grading: Iterable[str] = (),
        report: Callable[[str], None] | None = None) -> list[Row]:
    """Triage every incident under ``paths`` in ``jobs`` worker processes; rows ranked (see the module
    docstring), bad inputs last. ``grading`` keeps only incidents whose monitor grading is one of these
    (case-insensitive). A crashed worker's incident becomes a row with its problem."""
    wanted = {g.lower() for g in grading}
    rows = []
    for outcome in isolation.run(triage_task, ((t[0], t) for t in tasks(paths)), jobs=jobs):
        if outcome.ok:
            row = _row(outcome.value, outcome.index)
        else:
            row = Row(file=shown(str(outcome.key)), incident=outcome.label,
                      problems=[outcome.crash or f"internal error: {outcome.error}"], order=outcome.index)
        if row.problems and report is not None:
            for p in row.problems:
                report(p)
        if wanted and not row.problems and (row.grading or "").lower() not in wanted:
            continue
        rows.append(row)
    return sorted(rows, key=lambda r: (bool(r.problems), r.rank_key()))


CSV_COLUMNS = ("rank", "incident", "file", "score", "decided", "one_fact_away", "open", "facts_to_collect",
               "collect_first", "grading")


def to_csv(rows: list[Row]) -> str:
    """The ranked rows as CSV (one line per incident; findings and facts joined with ``; ``)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for rank, r in enumerate((r for r in rows if not r.problems), start=1):
        writer.writerow([rank, r.incident, r.file, r.score, len(r.decided), len(r.one_fact_away), len(r.open),
                         r.facts_to_collect, "; ".join(f for f, _ in r.collect[:5]), r.grading or ""])
    return buffer.getvalue()
