"""The draft legal memo: assessments → a plain context dict → Markdown through Jinja2 templates.

This module only gathers data; every word and the layout live in ``engine/templates/``:
``memo_base.md.j2`` (one block per section, in reading order), ``memo.md.j2`` (the sections),
``_macros.md.j2`` (values, dates, citations) and ``fact_labels.yaml`` (a label and an investigator's
question for each element fact). The memo is deterministic: no timestamps, every list in a fixed order.
Every value a template writes is escaped for Markdown by the environment (:mod:`engine.escape`).

Witness identities are protected: a ``witness_interview`` source is shown only by its pseudonym,
wherever it is cited (:mod:`engine.witnesses`); its title, author, note and locator never reach the
templates.
"""

from __future__ import annotations

import re
from pathlib import Path
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader

from engine import accounts, compare, datafiles, escape, rulebook, witnesses
from engine.facts import AT_TIME, catalogue, elements, fact_paths
from engine.infer import FactRecord, record
from engine.model import Provenance, Sensitivity

if TYPE_CHECKING:
    from engine.api import Assessment
    from engine.load import Loaded

Json = dict[str, Any]


@cache
def environment() -> Environment:
    """The Jinja2 environment of the Markdown templates in ``engine/templates`` (see
    :func:`engine.escape.markdown_environment`: every value escaped for Markdown, ``StrictUndefined``)."""
    return escape.markdown_environment(PackageLoader("engine", "templates"))


@cache
def fact_labels() -> Json:
    """``fact_labels.yaml`` parsed: ``{"sections": {prefix: title}, "facts": {id: {label, question, unit?}}}``."""
    return datafiles.read("engine", "templates/fact_labels.yaml")


def _plain(value: Any) -> Any:
    """Whole floats as ints (``100.0`` → ``100``), so numbers read as recorded."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _fact(rec: FactRecord, cite: dict[str, str]) -> Json:
    """One fact record as the templates see it. Raises ``LookupError`` for a fact with no label."""
    base = rec.id.removesuffix(AT_TIME)
    entry = fact_labels()["facts"].get(base)
    if entry is None:
        raise LookupError(f"element fact {base!r} has no entry in engine/templates/fact_labels.yaml")
    return {
        "id": rec.id, "base": base, "ex_ante": rec.id != base, "kind": catalogue()[base],
        "label": entry["label"], "question": " ".join(entry["question"].split()), "unit": entry.get("unit"),
        "status": rec.status, "value": _plain(rec.value), "sources": [cite[s] for s in rec.sources],
        "knowledge": rec.attacker_knowledge, "found_afterwards": rec.found_afterwards,
        "note": rec.note, "excluded": rec.excluded, "inferred": rec.inferred,
    }


def _variants(columns: list[str], data: list[Any]) -> list[Json]:
    """Group identical per-account ``data``: ``[{"accounts": [column…], "data": …}]`` in first-seen order."""
    out: list[Json] = []
    for column, item in zip(columns, data):
        same = next((v for v in out if v["data"] == item), None)
        if same is None:
            out.append({"accounts": [column], "data": item})
        else:
            same["accounts"].append(column)
    return out


def _sources(loaded: Loaded) -> tuple[list[Json], dict[str, str]]:
    """The source annex (file order) and the label each source is cited by: its id, or for a witness its
    pseudonym (of a witness source only the pseudonym, type, reliability and date are shown). The
    assessments already cite witnesses by pseudonym, so each label also maps to itself."""
    rows, cite = [], witnesses.labels(loaded.file.sources)
    for s in loaded.file.sources:
        witness = witnesses.is_witness(s)
        rows.append({
            "cite": cite[s.id], "witness": witness, "type": s.type.value, "reliability": s.reliability.value,
            "date": s.date.isoformat() if s.date else None, "locator": None if witness else s.locator,
            "title": None if witness else s.title, "author": None if witness else s.author,
            "note": None if witness else s.note,
            "provenance": _provenance(s.provenance, witness),
        })
    return rows, {**{label: label for label in cite.values()}, **cite}


def _provenance(p: Provenance | None, witness: bool) -> Json | None:
    """A source's provenance as the annex shows it, or None when none is recorded. The addresses of a
    witness's material, and of restricted or confidential material, are withheld (``url_withheld``
    says why): an address can identify a witness or expose what must not be shared. Who collected a
    witness's material is withheld too: a collector's name can lead to the witness."""
    if p is None:
        return None
    withheld = "witness" if witness else p.sensitivity.value if p.sensitivity in (
        Sensitivity.restricted, Sensitivity.confidential) else None
    return {
        "url": None if withheld else p.url, "archived_url": None if withheld else p.archived_url,
        "url_withheld": withheld if (p.url or p.archived_url) else None,
        "sha256": p.sha256,
        "collected_at": p.collected_at.strftime("%Y-%m-%d %H:%M:%S UTC") if p.collected_at else None,
        "collected_by": None if witness else p.collected_by,
        "verification": {name: check.value for name, check in p.verification},
        "sensitivity": p.sensitivity.value if p.sensitivity else None,
    }


def _reading_order(fact_id: str) -> tuple[int, str]:
    """Sort key: the fact's place in ``fact_labels.yaml`` (the incident file's order), twin after fact.
    Raises ``LookupError`` for a fact with no entry there."""
    order = list(fact_labels()["facts"])
    base = fact_id.removesuffix(AT_TIME)
    if base not in order:
        raise LookupError(f"element fact {base!r} has no entry in engine/templates/fact_labels.yaml")
    return order.index(base), fact_id


def _questions(assessments: list[Assessment], columns: list[str], cite: dict[str, str]) -> dict[tuple[str, str], Json]:
    """Open questions keyed by ``(fact id, "fact" | "knowledge")``, numbered in reading order.

    A missing fact asks for the fact; a missing ex ante twin of a recorded fact asks what the attacker
    knew or should have known of it; a missing ex ante twin of an unknown fact asks for both.
    Shape: ``{number, kind, fact, ex_ante, needed_for: [{finding, title, accounts: [column…]}]}``.
    """
    out: dict[tuple[str, str], Json] = {}
    for i, first in enumerate(assessments[0].findings):
        for a, column in zip(assessments, columns):
            finding = a.findings[i]
            if finding.status != "inconclusive":
                continue
            for fact_id in sorted(finding.missing_facts, key=_reading_order):
                fact = _fact(a.trace.facts[fact_id], cite)
                kind = "knowledge" if fact["ex_ante"] and fact["value"] is not None else "fact"
                q = out.setdefault((fact["base"], kind), {
                    "number": len(out) + 1, "kind": kind, "fact": fact, "ex_ante": False, "needed_for": [],
                })
                q["ex_ante"] = q["ex_ante"] or fact["ex_ante"]
                need = next((n for n in q["needed_for"] if n["finding"] == first.id), None)
                if need is None:
                    need = {"finding": first.id, "title": first.title, "accounts": []}
                    q["needed_for"].append(need)
                if column not in need["accounts"]:
                    need["accounts"].append(column)
    return out


def _grounds(ids: list[str], book: rulebook.Rulebook) -> list[Json]:
    """What a prima facie finding rests on or would be rebutted by, in words: ``[{id, kind, words}]``
    where ``kind`` is ``presumption`` (a rule presuming an element), ``rule`` (an exception that is a
    rule, such as a reasonable mistake) or ``fact`` (an exception recorded as a fact)."""
    out = []
    for i in ids:
        rule = book.rules.get(i)
        if rule is not None:
            words = " ".join((rule.rebuttal or rule.title).split()) if rule.presumes else rule.title
            out.append({"id": i, "kind": "presumption" if rule.presumes else "rule", "title": rule.title,
                        "words": words})
        else:
            entry = fact_labels()["facts"][i.removesuffix(AT_TIME)]
            out.append({"id": i, "kind": "fact", "title": entry["label"], "words": " ".join(entry["question"].split())})
    return out


def context(loaded: Loaded, assessments: list[Assessment]) -> Json:
    """The plain dict the templates render (see ``memo.md.j2`` for how each key is used).

    Keys: ``file`` (path as given), ``incident`` (the incident model as JSON), ``accounts``,
    ``columns`` (one label per assessment), ``sources``, ``cite`` (source id → label), ``facts``
    (sections of recorded element facts), ``knowledge`` and ``law`` (per-account variants),
    ``settings`` (the position and parameters applied, the same for every account), ``either_or``
    (per account, the case splits assessed where the target's lawfulness is unknown), ``principles``
    (findings grouped, each with its ``basis``, ``presumptions`` and ``rebuttable_by`` in words),
    ``questions``, ``rebuttals`` (what would rebut the prima facie findings, first-seen order),
    ``divergent`` (finding ids whose status differs
    between accounts), ``other_differences`` (fact rows that differ but drive no divergent finding),
    ``warnings``.
    Raises ``ValueError`` when ``assessments`` is empty, ``LookupError`` for an unlabelled fact.
    """
    if not assessments:
        raise ValueError("no assessments to render")
    file = loaded.file
    columns = [a.account or "as recorded" for a in assessments]
    sources, cite = _sources(loaded)
    labels = fact_labels()

    # Recorded element facts (all of them, not only those the rules cite: casualties matter to the
    # reader), by section, in reading order; only those known in some account.
    recorded = [elements(accounts.resolve(file, a.account)) for a in assessments]
    sections: list[Json] = []
    for fact_id in labels["facts"]:
        if fact_id not in fact_paths():  # a count's bound or an aggregate: shown by the facts it is read from
            continue
        cells = [_fact(record(els[fact_id]), cite) for els in recorded]
        if all(c["status"] == "unknown" for c in cells):
            continue
        prefix = fact_id.split(".")[0]
        if not sections or sections[-1]["prefix"] != prefix:
            sections.append({"prefix": prefix, "title": labels["sections"][prefix], "rows": []})
        differs = len({(c["status"], repr(c["value"])) for c in cells}) > 1
        sections[-1]["rows"].append({"id": fact_id, "label": cells[0]["label"], "cells": cells, "differs": differs})

    # Knowledge at the time: ex ante twins of facts recorded as true, and facts found afterwards.
    knowledge = []
    for a, els in zip(assessments, recorded):
        twins = [a.trace.facts[x + AT_TIME] for x in labels["facts"] if x + AT_TIME in a.trace.facts]
        knowledge.append({
            "ex_ante": [_fact(r, cite) for r in twins if r.value is True],
            "afterwards": [_fact(record(els[x]), cite) for x in labels["facts"] if els[x].found_afterwards],
        })

    questions = _questions(assessments, columns, cite)
    book = rulebook.load()
    diverging = {d.finding: d for d in compare.divergences(assessments)}
    findings: dict[str, Json] = {}
    divergent: list[str] = []
    for i, first in enumerate(assessments[0].findings):
        per = []
        for a, column in zip(assessments, columns):
            f = a.findings[i]
            per.append({
                "status": f.status, "explanation": f.explanation, "basis": f.basis,
                "presumptions": _grounds(f.presumptions, book),
                "rebuttable_by": _grounds([x for x in f.rebuttable_by if x not in f.presumptions], book),
                "key_facts": [_fact(a.trace.facts[x], cite) for x in sorted(f.key_facts, key=_reading_order)],
                "sources": [cite[s] for s in f.sources], "trace": f.trace,
                "citations": [c.model_dump() for c in f.citations], "not_cited": [c.model_dump() for c in f.not_cited],
                "questions": [q["number"] for q in questions.values()
                              if any(n["finding"] == f.id and column in n["accounts"] for n in q["needed_for"])],
            })
        drivers = []
        if first.id in diverging:
            divergent.append(first.id)
            for d in sorted(diverging[first.id].driving_facts, key=lambda d: _reading_order(d.fact)):
                drivers.append({"id": d.fact, "cells": [_fact(a.trace.facts[d.fact], cite) for a in assessments]})
        findings[first.id] = {
            "id": first.id, "title": first.title, "question": first.question, "contested": first.contested,
            "statuses": [p["status"] for p in per], "bases": [p["basis"] for p in per],
            "groups": _variants(columns, per),
            "diverges": first.id in divergent, "drivers": drivers,
        }

    rebuttals: dict[str, Json] = {}
    for f in findings.values():
        for g in f["groups"]:
            for r in g["data"]["presumptions"] + g["data"]["rebuttable_by"]:
                entry = rebuttals.setdefault(r["id"], {**r, "findings": []})
                if f["title"] not in entry["findings"]:
                    entry["findings"].append(f["title"])

    driving = {d["cells"][0]["base"] for f in findings.values() for d in f["drivers"]}
    other_differences = [r for s in sections for r in s["rows"] if r["differs"] and r["id"] not in driving]

    principles = [
        {"principle": p.principle, "title": p.title, "summary": " ".join(p.summary.split()),
         "findings": [findings[r.id] for r in p.rules if r.id in findings]}
        for p in book.principles
    ]
    return {
        # An absolute path would put this machine's folders into the memo: show the file name only.
        "file": Path(loaded.path).name if Path(loaded.path).is_absolute() else loaded.path,
        "incident": file.incident.model_dump(mode="json"),
        "accounts": [a.model_dump(mode="json", include={"name", "held_by", "description"})
                     for a in file.accounts if a.name in columns],
        "columns": columns,
        "account_option": [a.account for a in assessments],
        "sources": sources,
        "cite": cite,
        "facts": sections,
        "unknown_count": len([f for f in labels["facts"] if f in fact_paths()]) - sum(len(s["rows"]) for s in sections),
        "knowledge": _variants(columns, knowledge),
        "law": _variants(columns, [a.law for a in assessments]),
        "settings": assessments[0].settings,
        "either_or": [{"column": c, "splits": [e.model_dump() for e in a.either_or]}
                      for a, c in zip(assessments, columns) if a.either_or],
        "principles": [p for p in principles if p["findings"]],
        "findings": [findings[f.id] for f in assessments[0].findings],
        "questions": list(questions.values()),
        "rebuttals": list(rebuttals.values()),
        "divergent": divergent,
        "other_differences": other_differences,
        "warnings": [p.message if not p.path else f"{p.path}: {p.message}" for p in loaded.warnings],
    }


def memo(loaded: Loaded, assessments: list[Assessment]) -> str:
    """The draft legal memo for ``assessments`` of ``loaded``, as Markdown (same input, same bytes).

    Raises ``ValueError`` for no assessments, ``LookupError`` for an element fact without a label,
    ``jinja2.UndefinedError`` when a template uses a variable the context lacks.
    """
    text = environment().get_template("memo.md.j2").render(**context(loaded, assessments))
    text = re.sub(r"[ \t]+\n", "\n", text)  # no trailing spaces
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"  # at most one blank line between blocks
