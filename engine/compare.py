"""Comparing assessments: accounts side by side, decisive missing facts, and what-if.

* :func:`divergences` — for findings whose status differs between accounts, the facts that drive the
  difference: the facts of the finding's derivation whose value differs between the accounts.
* :func:`decisive_facts` — for each inconclusive finding against the attacking party, the unknown facts
  that would decide it on their own: the rules of the attack (:attr:`engine.rulebook.Rulebook.attack`)
  are re-run with each unknown fact set to each possible value.
* :func:`what_if` — re-assess with facts changed and list the findings that flip.

All of it re-runs the same rules through the same engine; nothing here reasons about the law.
"""

from __future__ import annotations

import dataclasses
import difflib
from typing import Any, Sequence

from pydantic import BaseModel, ConfigDict

from engine import accounts, evaluator, evidence, facts, load, rulebook
from engine.findings import statuses as finding_statuses
from engine.infer import OUTCOME
from engine.law import applicable_law
from engine.model import Incident, IncidentFile
from engine.settings import Settings


class _Out(BaseModel):
    # Each is built where its command first needs it (accounts that diverge, what-if, deciding facts), not
    # at every start.
    model_config = ConfigDict(frozen=True, defer_build=True)


class DrivingFact(_Out):
    """A fact whose value differs between accounts: ``values`` and ``notes`` map account name → the
    value shown and the note recorded with it (which usually says why, e.g. the attack's purpose)."""

    fact: str
    values: dict[str, str]
    notes: dict[str, str | None]


class Divergence(_Out):
    """A finding whose status differs between accounts, and the facts that drive the difference."""

    finding: str
    statuses: dict[str, str]
    driving_facts: list[DrivingFact]


class AccountFact(_Out):
    """A fact as one account states it, with the corroboration level of the sources it cites."""

    fact: str
    value: Any
    sources: list[str]
    level: str
    level_label: str
    note: str | None


def account_facts(file: IncidentFile) -> dict[str, list[AccountFact]]:
    """For each account, the facts it restates, graded on that account's own sources."""
    cfg = evidence.config()
    labels = {lv.id: lv.label for lv in cfg.corroboration}
    by_id = {s.id: s for s in file.sources}
    out: dict[str, list[AccountFact]] = {}
    for account in file.accounts:
        rows = []
        for path, fact in sorted(account.facts.items()):
            level = evidence.fact_level([by_id[i] for i in fact.sources if i in by_id], cfg)
            value = fact.value
            rows.append(AccountFact(fact=path, value=value, sources=list(fact.sources), level=level,
                                    level_label=labels[level], note=" ".join(fact.note.split()) if fact.note else None))
        out[account.name] = rows
    return out


class Flip(_Out):
    """A finding whose status changes under a what-if."""

    finding: str
    before: str
    after: str


def _shown(record: Any) -> str:
    if record is None:
        return "not cited"
    if record.status == "known":
        return str(record.value)
    return record.status


def divergences(assessments: Sequence[Any]) -> list[Divergence]:
    """Divergent findings across ``assessments`` (one per account, as :func:`engine.api.assess` gives)."""
    if len(assessments) < 2:
        return []
    out = []
    names = [a.account or "base" for a in assessments]
    for i, first in enumerate(assessments[0].findings):
        row = [a.findings[i] for a in assessments]
        statuses = {n: f.status for n, f in zip(names, row)}
        if len(set(statuses.values())) == 1:
            continue
        involved = sorted({x for f in row for x in (*f.key_facts, *f.missing_facts)})
        driving = []
        for fact_id in involved:
            records = {n: a.trace.facts.get(fact_id) for n, a in zip(names, assessments)}
            values = {n: _shown(r) for n, r in records.items()}
            if len(set(values.values())) > 1:
                notes = {n: " ".join(r.note.split()) if r is not None and r.note else None for n, r in records.items()}
                driving.append(DrivingFact(fact=fact_id, values=values, notes=notes))
        out.append(Divergence(finding=first.id, statuses=statuses, driving_facts=driving))
    return out


# Results by pattern: findings' statuses depend only on the element facts as the engine sees them,
# the applicable law and the run's settings (position, parameters), so incidents sharing all three
# (skeletons imported from one monitor often do) are run once. Only a record's own pattern is kept (its
# statuses and decisive facts), never the one-fact-changed re-runs of a sweep: those are tens per
# record, rarely met again, and cheap to redo. Bounded: cleared when full (a few KB per entry, so
# memory stays flat over any number of distinct incidents: bench/README.md, "memory").
_MEMO: dict[tuple[str, Any], Any] = {}
_MEMO_LIMIT = 2048
_SHARED: dict[Any, Any] = {}  # one copy of each fact-id tuple and law summary the keys hold


def _pattern(elements: dict[str, facts.Element], law: Any, run: Settings) -> tuple:
    """What findings' statuses depend on: each element fact as asserted into the engine (ids, their
    statuses as one string, the values of known numbers and categories), the law, the settings."""
    ids = tuple(sorted(elements))
    shown = [elements[i] for i in ids]
    values = tuple(e.value for e in shown if e.status == "K" and e.kind in ("number", "category"))
    law_text = repr(law)
    return (_SHARED.setdefault(ids, ids), "".join(e.status for e in shown), values,
            _SHARED.setdefault(law_text, law_text), run)


def _remembered(kind: str, key: tuple, compute: Any) -> Any:
    if (kind, key) not in _MEMO:
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
            _SHARED.clear()
        _MEMO[(kind, key)] = compute()
    return _MEMO[(kind, key)]


def _statuses(elements: dict[str, facts.Element], incident: Incident, book: rulebook.Rulebook, run: Settings,
              law: Any = None, key: tuple | None = None, hypothetical: bool = False) -> dict[str, str]:
    """Finding id → status for ``elements`` (``key``: their :func:`_pattern`, if already computed),
    from the rules' outcomes alone (no trace), for the findings against the attacking party: only the
    rules they rest on are run (:attr:`engine.rulebook.Rulebook.attack`).

    ``hypothetical``: the elements are the record with one fact changed (a sweep of
    :func:`decisive_facts`), matched by the plain-Python evaluator of the same compiled clauses
    (:mod:`engine.evaluator`, ~50 times cheaper than a durable_rules session; the test suite checks
    every such run against durable_rules) and not remembered. The record's own elements go to the
    run's engine (:attr:`engine.settings.Settings.engine`)."""
    def matched(match: Any) -> dict[str, str]:
        firings, _ = match(book.attack.clauses, [elements[i].engine_fact() for i in book.attack.facts])
        return finding_statuses(book, {f.rule: OUTCOME[f.outcome] for f in firings})

    if hypothetical:
        return matched(evaluator.run)
    law = law if law is not None else applicable_law(incident)
    return _remembered("statuses", key or _pattern(elements, law, run), lambda: matched(evaluator.matcher(run.engine)))


def outlook(incident: Incident, run: Settings = Settings()) -> tuple[dict[str, str], dict[str, list[Deciding]]]:
    """What triage needs, from one reading of the facts: each finding's status against the attacking
    party (finding id → status, without trace or evidence) and :func:`decisive_facts`. Computed once per pattern of facts, law and
    settings."""
    book = rulebook.load(run)
    base = facts.elements(incident, book.cited_set)
    law = applicable_law(incident)
    key = _pattern(base, law, run)
    return dict(_statuses(base, incident, book, run, law, key)), _decisive(base, law, incident, book, run, key)


def _candidates(element: facts.Element) -> list[tuple[Any, facts.Element]]:
    """``(value shown, element)`` for each value an unknown element could take; numbers are not
    enumerated. An ex ante twin's values are what the attacker knew (``should_have_known`` stands for
    knew or should have known)."""
    if element.kind == "bool":
        if element.id.endswith(facts.AT_TIME):
            return [("should_have_known", dataclasses.replace(element, status="T")),
                    ("could_not_have_known", dataclasses.replace(element, status="F"))]
        return [(s == "T", dataclasses.replace(element, status=s, value=s == "T")) for s in ("T", "F")]
    if element.kind == "category":
        return [(v, dataclasses.replace(element, status="K", value=v)) for v in facts.choices(element.id)]
    return []


class Deciding(_Out):
    """An unknown fact that alone would decide an inconclusive finding: with ``value`` recorded, the
    finding would be ``status``. For an ex ante twin (id ending ``@time``), ``value`` is what to record
    in the fact's ``attacker_knowledge``."""

    fact: str
    value: Any
    status: str


def decisive_facts(incident: Incident, run: Settings = Settings()) -> dict[str, list[Deciding]]:
    """For each inconclusive finding against the attacking party, the unknown element facts that alone
    would decide it, with the value that would and the status it would give (the findings against the
    defending party and the elements of war crimes read the attack's findings and are not swept).

    Shape: ``{finding id: [Deciding, ...]}`` (by fact id, then value order), only for inconclusive findings.
    Computed once per pattern of facts, applicable law and settings (see :func:`outlook`).
    """
    book = rulebook.load(run)
    return _decisive(facts.elements(incident, book.cited_set), applicable_law(incident), incident, book, run)


def _decisive(base: dict[str, facts.Element], law: Any, incident: Incident, book: rulebook.Rulebook,
              run: Settings, key: tuple | None = None) -> dict[str, list[Deciding]]:
    key = key or _pattern(base, law, run)

    def compute() -> dict[str, list[Deciding]]:
        before = _statuses(base, incident, book, run, law, key)
        open_ = {f for f, s in before.items() if s == "inconclusive"}
        deciding: dict[str, list[Deciding]] = {f: [] for f in open_}
        for fact_id in book.attack.facts:
            # A fact read from a list (the releases of an attack) is not one a what-if can set: the facts
            # of each release are, and the finding's missing facts name the aggregate.
            if base[fact_id].status != "U" or fact_id.removesuffix(facts.AT_TIME) in facts.AGGREGATES:
                continue
            for value, candidate in _candidates(base[fact_id]):
                after = _statuses({**base, fact_id: candidate}, incident, book, run, hypothetical=True)
                for f in open_:
                    if after[f] != "inconclusive":
                        deciding[f].append(Deciding(fact=fact_id, value=value, status=after[f]))
        return {f: deciding[f] for f in sorted(open_)}

    return {f: list(x) for f, x in _remembered("decisive", key, compute).items()}


def settable(path: str) -> bool:
    """Whether a what-if may set ``path`` (dotted, relative to the incident): an element fact
    (``precautions.warning.given``, whose ``value`` is set) or any other single field the format allows
    (``precautions.warning.time``, ``when.time``, ``attack.weapon.category``), not a whole section."""
    if accounts.overridable(path):
        return True
    model: Any = Incident
    for part in path.split("."):
        fields = getattr(model, "model_fields", None)
        if fields is None or part not in fields:
            return False
        model = fields[part].annotation
        inner = [a for a in getattr(model, "__args__", ()) if a is not type(None)]
        model = inner[0] if len(inner) == 1 and isinstance(inner[0], type) else model
    return not (isinstance(model, type) and issubclass(model, BaseModel))


def parse_assignment(text: str) -> tuple[str, Any]:
    """``"precautions.warning.given=true"``, ``"precautions.warning.time=08:00"`` or
    ``"civilians.present.attacker_knowledge=knew"`` → (path, value); the value is read by the same rules
    as a value in an incident file (``null`` makes a fact unknown and clears another field). Raises
    ``ValueError`` on a malformed assignment or value, or a path that is not a settable field (see
    :func:`settable`)."""
    path, sep, raw = text.partition("=")
    if not sep or not path.strip():
        raise ValueError(f"expected PATH=VALUE, got {text[:200]!r}")
    path = path.strip().removeprefix("incident.")
    if accounts.overridable(path.removesuffix(".value")):
        path = path.removesuffix(".value")
    fact = path.removesuffix(KNOWLEDGE)
    if fact != path and not accounts.overridable(fact):
        raise ValueError(f"{fact!r} is not an element fact (see `ihl schema` or docs/incident-format.md)")
    if fact == path and not settable(path):
        close = difflib.get_close_matches(path, [f for f in facts.catalogue() if accounts.overridable(f)], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{path!r} is not a fact or field of an incident{hint} (see `ihl schema` or "
                         "docs/incident-format.md)")
    if not raw.strip():  # after the path is known to be settable: the hint says what null does there
        what = "make what the attacker knew unknown" if path.endswith(KNOWLEDGE) else \
            "make the fact unknown" if accounts.overridable(path) else "clear the field, where it is optional"
        raise ValueError(f"no value given for {path!r}; write null to {what}")
    return path, load.read_scalar(raw)


KNOWLEDGE = ".attacker_knowledge"


def with_values(file: IncidentFile, account: str | None, changes: dict[str, Any]) -> IncidentFile:
    """A copy of ``file`` whose shared base (or ``account``) has the facts and fields in ``changes`` set
    (an element fact's ``value``; any other field itself); a path ending ``.attacker_knowledge`` sets
    what the attacker knew of that fact."""
    changed = incident_with(accounts.resolve(file, account), changes)
    return file.model_copy(update={"incident": changed, "accounts": []})


def incident_with(incident: Incident, changes: dict[str, Any]) -> Incident:
    """A copy of ``incident`` with the facts and fields in ``changes`` set (see :func:`with_values`).
    Raises pydantic's ``ValidationError`` for an ill-typed value."""
    fields = {}
    for path, value in changes.items():
        fact = path.removesuffix(KNOWLEDGE)
        key = "attacker_knowledge" if fact != path else "value"
        fields[f"{fact}.{key}" if accounts.overridable(fact) else path] = value
    return accounts.with_set(incident, fields)  # validated as a file's values would be


def flips(before: Sequence[Any], after: Sequence[Any]) -> list[Flip]:
    """Findings whose status differs between two assessments of the same incident."""
    out = []
    for b, a in zip(before, after):
        for fb, fa in zip(b.findings, a.findings):
            if fb.status != fa.status:
                out.append(Flip(finding=fb.id, before=fb.status, after=fa.status))
    return out

