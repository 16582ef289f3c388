"""The one context every output renders: assessments → a plain dict of data (no wording, no markup).

The Markdown memo (:mod:`engine.outputs.markdown`), the Word memo (:mod:`engine.outputs.word`), the
HTML memo and the HTML trace explorer (:mod:`engine.outputs.html`) all render the dict that
:func:`build` returns; every word and the layout live in the renderers' templates. Labels and
investigators' questions for element facts come from ``templates/fact_labels.yaml``. The context is
deterministic: no timestamps, every list in a fixed order.

Witness identities are protected here, once for every format: a ``witness_interview`` source is shown
only by its pseudonym, wherever it is cited; its id, title, author, note and locator never reach a
template, and a witness source's id, title, author or locator written in free text (a note, the
summary, a warning) is replaced by the pseudonym (:func:`engine.witnesses.shown`); ``ihl validate``
warns of such text too, since another spelling of a name is not recognised.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from engine import accounts, compare, datafiles, evidence, rulebook, witnesses
from engine.assessment import ATTRIBUTION, Assessment
from engine.findings import DECIDED, STATUSES, on_attribution
from engine.facts import AT_TIME, catalogue, elements, fact_paths
from engine.infer import FactRecord, Trace, record
from engine.load import Loaded
from engine.model import Provenance, Sensitivity
from engine.settings import Settings

Json = dict[str, Any]

#: How many open questions the memo puts first, ranked by the findings each decides (the rest are grouped).
KEY_QUESTIONS = 5


@cache
def fact_labels() -> Json:
    """``fact_labels.yaml`` parsed: ``{"sections": {prefix: title}, "facts": {id: {label, question, unit?}}}``."""
    return datafiles.read("engine.outputs", "templates/fact_labels.yaml")


@cache
def _order() -> dict[str, int]:
    return {fact_id: i for i, fact_id in enumerate(fact_labels()["facts"])}


def _plain(value: Any) -> Any:
    """Whole floats as ints (``100.0`` → ``100``), so numbers read as recorded."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _reading_order(fact_id: str) -> tuple[int, str]:
    """Sort key: the fact's place in ``fact_labels.yaml`` (the incident file's order), twin after fact.
    Raises ``LookupError`` for a fact with no entry there."""
    base = fact_id.removesuffix(AT_TIME)
    if base not in _order():
        raise LookupError(f"element fact {base!r} has no entry in engine/outputs/templates/fact_labels.yaml")
    return _order()[base], fact_id


class _Witnesses:
    """What one file's sources look like in outputs: labels, the annex, and pseudonymised free text."""

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.witness_ids = {s.id: s.pseudonym for s in loaded.file.sources if witnesses.is_witness(s)}
        labels = witnesses.labels(loaded.file.sources)
        # The assessments already cite a witness by pseudonym (engine.witnesses.shown): each label maps to itself.
        self.cite = {**{label: label for label in labels.values()}, **labels}
        self._screen = witnesses.screen(loaded.file.sources)

    def text(self, text: str | None) -> str | None:
        """``text`` with every witness source id replaced by the witness's pseudonym (:func:`engine.witnesses.text`)."""
        return self._screen(text)

    def annex(self) -> list[Json]:
        """The sources in file order, numbered from 1 (endnote numbers), each with the line it is
        written on; a witness shows its pseudonym, type, reliability and date only."""
        rows, labels = [], witnesses.labels(self.loaded.file.sources)
        for i, s in enumerate(self.loaded.file.sources):
            witness = s.id in self.witness_ids
            rows.append({
                "n": i + 1, "cite": labels[s.id], "witness": witness, "type": s.type.value,
                "reliability": s.reliability.value, "date": s.date.isoformat() if s.date else None,
                "title": None if witness else s.title, "author": None if witness else s.author,
                "locator": None if witness else s.locator, "note": None if witness else self.text(s.note),
                "line": self.loaded.line("sources", i),
                "provenance": _provenance(s.provenance, witness),
            })
        return rows


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


@cache
def _described(base: str) -> Json:
    """What the templates show of every record of the fact ``base`` (read once per fact, not per
    record): ``{kind, known_when, label, question, unit}``. Raises ``LookupError`` for a fact with no label."""
    entry = fact_labels()["facts"].get(base)
    if entry is None:
        raise LookupError(f"element fact {base!r} has no entry in engine/outputs/templates/fact_labels.yaml")
    return {"kind": catalogue()[base], "known_when": entry.get("known_when", "before the attack"),
            "label": entry["label"], "question": " ".join(entry["question"].split()), "unit": entry.get("unit")}


def _fact(rec: FactRecord, w: _Witnesses, line: int | None = None) -> Json:
    """One fact record as the templates see it. Raises ``LookupError`` for a fact with no label."""
    base = rec.id.removesuffix(AT_TIME)
    return {
        "id": rec.id, "base": base, "ex_ante": rec.id != base, **_described(base),
        "status": rec.status, "value": _plain(rec.value), "sources": [w.cite[s] for s in rec.sources],
        "knowledge": rec.attacker_knowledge, "found_afterwards": rec.found_afterwards,
        "note": _note(rec.note, w),
        "excluded": rec.excluded, "inferred": rec.inferred, "line": line,
    }


def _note(note: str | None, w: _Witnesses) -> str | None:
    """A fact's note as shown: on one line, witness ids replaced by pseudonyms; None where none is recorded."""
    return w.text(" ".join(note.split())) if note else None


def _fact_line(loaded: Loaded, account: str | None, base: str) -> int | None:
    """The line of the incident file the fact comes from: the account's restatement if it has one."""
    for i, a in enumerate(loaded.file.accounts):
        if a.name == account and base in a.facts:
            return loaded.line("accounts", i, "facts", base)
    return loaded.line("incident", *base.split("."))


def _setting(fact_id: str, value: Any) -> Json:
    """A fact with a value given to it (by a hypothesis, or as what would decide a finding), for the
    templates to say in words: ``{id, label, kind, unit, value, knowledge}``. ``knowledge`` marks a
    value that is what the attacker knew of the fact (an ex ante twin, ``…@time``: ``knew``,
    ``should_have_known`` …). Raises ``LookupError`` for a fact with no label."""
    base = fact_id.removesuffix(AT_TIME)
    described = _described(base)
    return {"id": fact_id, "label": described["label"], "kind": described["kind"], "unit": described["unit"],
            "value": _plain(value), "knowledge": fact_id != base}


def _settings(decisive: list[Json]) -> list[Json]:
    """Facts that alone would decide a finding (``[{fact, value}]``), in reading order, each once with
    every value that would: ``[setting + {values: [value…]}]``."""
    out: dict[str, Json] = {}
    for d in sorted(decisive, key=lambda d: _reading_order(d["fact"])):
        s = out.setdefault(d["fact"], {**_setting(d["fact"], d["value"]), "values": []})
        s["values"].append(_plain(d["value"]))
    return list(out.values())


def _either_or(splits: list[Any], book: rulebook.Rulebook) -> list[Json]:
    """The case splits of one assessment in words: ``[{title, conclusion, branches: [{words, status,
    assumed: [setting], contradicted: [label], violations: [{titles, basis, presumptions, exceptions}]
    (grouped: :func:`_grouped`),
    missing: [setting], would: [{title, settings: [setting]}]}]}]`` (see :class:`engine.cases.Branch`;
    ``missing`` for a hypothesis that does not settle the question, ``would`` for one that leaves
    findings open: the facts that alone would make each of them indicate a violation)."""
    out = []
    for sp in splits:
        branches = []
        for b in sp.branches:
            order = sorted(b.assumed, key=_reading_order)
            branches.append({
                "words": b.words, "status": b.status,
                "assumed": [_setting(x, b.assumed[x]) for x in order],
                "contradicted": [fact_labels()["facts"][x]["label"] for x in sorted(b.contradicted, key=_reading_order)],
                "violations": _grouped([{"title": v["title"], "basis": v["basis"],
                                         **_rebuttal(v["rebuttable_by"], [x for x in v["rebuttable_by"] if x in book.rules and book.rules[x].presumes], book)}
                                        for v in b.violations]),
                "missing": [_setting(m, None) for m in sorted({m for f in b.open_findings for m in f["missing"]},
                                                              key=_reading_order)],
                "would": [{"title": f["title"], "settings": _settings(f["would_indicate_a_violation"])}
                          for f in b.open_findings if f.get("would_indicate_a_violation")],
            })
        out.append({"title": sp.title, "conclusion": sp.conclusion, "branches": branches})
    return out


def _grouped(violations: list[Json]) -> list[Json]:
    """Violations that rest on the same basis, presumptions and exceptions, said once: ``[{titles,
    basis, presumptions, exceptions}]`` in first-seen order."""
    out: list[Json] = []
    for v in violations:
        same = next((g for g in out if (g["basis"], g["presumptions"], g["exceptions"]) == (v["basis"], v["presumptions"], v["exceptions"])), None)
        if same is None:
            out.append({"titles": [v["title"]], **{k: v[k] for k in ("basis", "presumptions", "exceptions")}})
        else:
            same["titles"].append(v["title"])
    return out


def _rebuttal(rebuttable_by: list[str], presumptions: list[str], book: rulebook.Rulebook) -> Json:
    """What a prima facie finding rests on and what would overturn it: ``{presumptions: [ground],
    exceptions: [ground]}`` (:func:`_grounds`): the presumptions it rests on, and the exceptions not
    shown, which the party invoking them bears. What would rebut a presumption listed (its own
    ``unless``, e.g. the weapon's accuracy for the target presumption) is that presumption's rebuttal,
    said with it, never an exception of the finding."""
    return {"presumptions": _grounds(presumptions, book), "exceptions": _exceptions(rebuttable_by, presumptions, book)}


def _exceptions(rebuttable_by: list[str], presumptions: list[str], book: rulebook.Rulebook) -> list[Json]:
    """The exceptions not shown that a prima facie finding rests on (:func:`_grounds`): what would rebut
    it, less its presumptions and what rebuts those (their own ``unless``)."""
    rebutting = set().union(*(book.excuses.get(p, frozenset()) for p in presumptions))
    return _grounds([x for x in rebuttable_by if x not in presumptions and x not in rebutting], book)


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


def _crime_table(columns: list[str], crimes: list[list[Json]]) -> Json:
    """The elements of war crimes as one table for the forum: a column per crime whose elements are set
    out, a row per element (each element said once, with the evidence that would show it where some
    crime or account leaves it unshown), accounts inside a cell only where they differ.

    ``crimes``: per account, :class:`engine.crimes.Crime` as dicts, with ``contested_n``. Returns
    ``{jurisdiction: [text], not_applicable: [{reason, crimes}], none_shown: [crime], crimes: [{title,
    statute, contested_n, status: [cell]}], elements: [{id, title, kind, cells: [[cell] per crime column],
    proof}]}``;
    a cell is ``{status, basis, accounts}`` (``accounts`` None where every account has it);
    ``not_applicable`` groups the crimes not applicable on every account by the same reason;
    ``none_shown`` the crimes of which no element is shown (or absent) on any account."""
    def cells(values: list[Json]) -> list[Json]:
        grouped = _variants(columns, values)
        return [{**g["data"], "accounts": None if len(grouped) == 1 else g["accounts"]} for g in grouped]

    not_applicable: list[Json] = []
    shown: list[int] = []
    none_shown: list[Json] = []
    for i, first in enumerate(crimes[0]):
        per = [c[i] for c in crimes]
        reasons = {c["reason"] for c in per}
        if all(c["status"] == "not_applicable" for c in per) and len(reasons) == 1:
            group = next((g for g in not_applicable if g["reason"] == first["reason"]), None)
            if group is None:
                not_applicable.append(group := {"reason": first["reason"], "crimes": []})
            group["crimes"].append(first)
        elif all(e["status"] == "not_shown" for c in per for e in c["elements"]):
            none_shown.append(first)
        else:
            shown.append(i)
    elements: dict[str, Json] = {}
    for i in shown:
        for c in (per[i] for per in crimes):
            for e in c["elements"]:
                row = elements.setdefault(e["id"], {"id": e["id"], "title": e["title"], "kind": e["kind"],
                                                    "proof": None, "cells": [[] for _ in shown]})
                if e["status"] != "shown":
                    row["proof"] = e["proof"]
    for col, i in enumerate(shown):
        for row in elements.values():
            values = []
            for per in crimes:
                e = next((e for e in per[i]["elements"] if e["id"] == row["id"]), None)
                values.append({"status": "not_an_element" if e is None else
                               "not_applicable" if per[i]["status"] == "not_applicable" else e["status"],
                               "basis": None if e is None else e["basis"]})
            row["cells"][col] = cells(values)
    return {
        # What the treaty data tells of the ICC's jurisdiction: the same for every crime of an account.
        "jurisdiction": list(dict.fromkeys(c["jurisdiction"] for per in crimes for c in per if c["jurisdiction"])),
        "not_applicable": not_applicable, "none_shown": none_shown,
        "crimes": [{"title": crimes[0][i]["title"], "statute": crimes[0][i]["statute"],
                    "contested_n": crimes[0][i]["contested_n"],
                    "status": cells([{"status": per[i]["status"], "basis": None} for per in crimes])} for i in shown],
        # Material elements first, then mental, then contextual, as the Elements of Crimes list them.
        "elements": sorted(elements.values(), key=lambda e: ["material", "mental", "contextual"].index(e["kind"])),
    }


def _questions(assessments: list[Assessment], columns: list[str], facts_of: list[Mapping[str, Json]],
               decisive: list[dict[str, list[str]]]) -> list[Json]:
    """Open questions in groups, the key ones first, numbered from 1 in that order.

    One question per missing fact (``kind="fact"``) or per missing knowledge of a recorded fact
    (``kind="knowledge"``). Shape: ``{number, kind, fact, ex_ante, key, decides: [finding id],
    needed_for: [{finding, title, accounts: [column…]}]}``. ``decides`` lists the findings the answer
    alone would decide (:func:`engine.compare.decisive_facts`); the :data:`KEY_QUESTIONS` questions that
    move the most findings (decided alone, plus needed for) are ``key`` and come first, in that order;
    the rest follow in reading order, grouped by the section of the incident file their fact is in.
    Returns ``[{key, title (the section's, None for the key questions), questions}]``; each finding
    names its own questions, so a group does not repeat the findings that need it.
    """
    found: dict[tuple[str, str], Json] = {}
    for i, first in enumerate(assessments[0].findings):
        for a, column, fs, dec in zip(assessments, columns, facts_of, decisive):
            finding = a.findings[i]
            if finding.status != "inconclusive":
                continue
            for fact_id in sorted(finding.missing_facts, key=_reading_order):
                fact = fs[fact_id]
                kind = "knowledge" if fact["ex_ante"] and fact["value"] is not None else "fact"
                q = found.setdefault((fact["base"], kind), {
                    "kind": kind, "fact": fact, "ex_ante": False, "decides": [], "needed_for": [],
                })
                q["ex_ante"] = q["ex_ante"] or fact["ex_ante"]
                need = next((n for n in q["needed_for"] if n["finding"] == first.id), None)
                if need is None:
                    need = {"finding": first.id, "title": first.title, "accounts": []}
                    q["needed_for"].append(need)
                if column not in need["accounts"]:
                    need["accounts"].append(column)
                if fact_id in dec.get(first.id, ()) and first.id not in q["decides"]:
                    q["decides"].append(first.id)
    # Most findings moved first: those the answer alone decides, and those it is needed for.
    ranked = sorted(found.values(), key=lambda q: (-len(q["decides"]) - len(q["needed_for"]),
                                                   _reading_order(q["fact"]["base"])))
    key = ranked[:KEY_QUESTIONS] if len(ranked) > KEY_QUESTIONS else ranked
    rest = sorted(ranked[len(key):], key=lambda q: _reading_order(q["fact"]["base"]))
    groups = [{"key": True, "title": None, "questions": key}] if key else []
    for q in rest:
        title = fact_labels()["sections"][q["fact"]["base"].split(".")[0]]
        if groups[-1]["title"] != title:
            groups.append({"key": False, "title": title, "questions": []})
        groups[-1]["questions"].append(q)
    n = 0
    for g in groups:
        for q in g["questions"]:
            n += 1
            q["number"], q["key"] = n, g["key"]
    return groups


_SENTENCE = re.compile(r"(?<=\.)\s+(?=[A-Z(])")


def _sentences(note: str | None) -> list[str]:
    """A note's sentences as written: ``"A. B."`` → ``["A.", "B."]``."""
    return _SENTENCE.split(note.strip()) if note else []


def _same(sentence: str) -> str:
    """A sentence as compared: without its closing full stop."""
    return sentence.removesuffix(".")


def _new_notes(questions: list[Json], sections: list[Json], laws: list[Json]) -> None:
    """Give each open question its ``note``: its fact's note less the sentences the memo has said before
    it (in the notes of Recorded facts, in an earlier question's note), or None where nothing is new; a
    treaty fact's note, the applicable law's reason ("CCW Protocol III: …"), is in the law table."""
    said = {_same(x) for sec in sections for r in sec["rows"] for c in r["cells"] for x in _sentences(c["note"])}
    said |= {f"{i['instrument']}: {i['reason']}" for law in laws for i in law["instruments"]}
    for q in questions:
        note = q["fact"]["note"]
        new = [] if not note or note in said else [x for x in _sentences(note) if _same(x) not in said]
        q["note"] = " ".join(new) or None
        said |= {_same(x) for x in _sentences(note)} | ({note} if note else set())


def _derivation(trace: Trace, rule_id: str, facts_of: Mapping[str, Json], book: rulebook.Rulebook) -> Json:
    """The derivation of ``rule_id`` as a tree: ``{rule, title, outcome, explanation, rebuttal (a
    presumption's rebuttal in words, else None), premises: [{kind: "rule", status, node} | {kind:
    "fact", status, fact}], not_used: [fact]}``."""
    node = trace.node(rule_id)
    rule = book.rules[rule_id]
    premises = []
    for p in node.premises:
        if p.kind == "rule":
            premises.append({"kind": "rule", "status": p.status, "node": _derivation(trace, p.id, facts_of, book)})
        else:
            premises.append({"kind": "fact", "status": p.status, "fact": facts_of[p.id]})
    below = {p.id for p in node.premises} | {x for p in node.premises if p.kind == "rule" for x in trace.node(p.id).excluded}
    return {
        "rule": node.rule, "title": node.title, "outcome": node.outcome, "explanation": node.explanation,
        "rebuttal": " ".join((rule.rebuttal or rule.title).split()) if rule.presumes else None,
        "premises": premises,
        "not_used": [facts_of[x] for x in node.excluded if x not in below and trace.facts[x].excluded],
    }


_ID = re.compile(r"(?<![\w.-])[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+(?:@time)?(?![\w-])(?:: (true|false)\b)?")

_SNAKE = re.compile(r"(?<![\w.-])[a-z]+(?:_[a-z]+)+(?![\w.-])")


def prose(text: str | None, book: rulebook.Rulebook) -> str | None:
    """Rule text as a lawyer reads it: a rule id written in it (``distinction.reasonable_mistake``)
    becomes the rule's title in quotation marks, a fact id (``object_struck.is_claimed_target``, also
    with ``.attacker_knowledge`` or ``@time``) the fact's label, and ``: true``/``: false`` after either
    "recorded as yes/no"; any other dotted name is left as written, and a controlled value
    (``should_have_known``) is written with spaces. None stays None."""
    if not text:
        return text
    facts = fact_labels()["facts"]

    def words(found: str, truth: str | None) -> str:
        name = found.split(":")[0].removesuffix(AT_TIME)
        value = {"true": " recorded as yes", "false": " recorded as no", None: ""}[truth]
        if name in book.rules:
            return f"“{book.rules[name].title}”{value}"
        if name.endswith(".attacker_knowledge") and name.removesuffix(".attacker_knowledge") in facts:
            return f"what the attacker knew of “{_lc(facts[name.removesuffix('.attacker_knowledge')]['label'])}”{value}"
        if name in facts:
            return f"“{_lc(facts[name]['label'])}”{value}"
        return found

    between, names = _dotted(text)
    return _spaced("".join([between[0], *(words(*n) + after for n, after in zip(names, between[1:]))]))


# The same few hundred rule texts recur in every memo, and scanning one costs ~40 µs: each scan is
# kept (bounded: a batch's texts may also carry its incidents' own words).
@lru_cache(maxsize=1024)
def _dotted(text: str) -> tuple[tuple[str, ...], tuple[tuple[str, str | None], ...]]:
    """``text`` cut at each dotted name :data:`_ID` finds: the texts around them (one more than the
    names), and each name as written with its ``true``/``false`` (or None)."""
    between, names, at = [], [], 0
    for m in _ID.finditer(text):
        between.append(text[at:m.start()])
        names.append((m[0], m[1]))
        at = m.end()
    between.append(text[at:])
    return tuple(between), tuple(names)


@lru_cache(maxsize=1024)
def _spaced(text: str) -> str:
    """``text`` with each controlled value left in it (``should_have_known``) in words."""
    return _SNAKE.sub(lambda m: m[0].replace("_", " "), text)


def _lc(label: str) -> str:
    """A label inside a sentence: first letter in lower case unless the label starts with an acronym."""
    return label[:1].lower() + label[1:] if label[1:2] == label[1:2].lower() else label


def _grounds(ids: list[str], book: rulebook.Rulebook) -> list[Json]:
    """What a prima facie finding rests on or would be rebutted by, in words: ``[{id, kind, title,
    words}]`` where ``kind`` is ``presumption`` (a rule presuming an element), ``rule`` (an exception
    that is a rule, such as a reasonable mistake) or ``fact`` (an exception recorded as a fact)."""
    out = []
    for i in ids:
        rule = book.rules.get(i)
        if rule is not None:
            words = prose(" ".join((rule.rebuttal or rule.title).split()), book) if rule.presumes else rule.title
            out.append({"id": i, "kind": "presumption" if rule.presumes else "rule", "title": rule.title,
                        "words": words})
        else:
            entry = fact_labels()["facts"][i.removesuffix(AT_TIME)]
            out.append({"id": i, "kind": "fact", "title": entry["label"], "words": " ".join(entry["question"].split())})
    return out


def _evidence(finding: Any, facts_of: Mapping[str, Json]) -> Json | None:
    ev = finding.evidence
    if ev is None:
        return None
    return {"level": ev.level_label, "standard": ev.standard_label,
            "weakest": [facts_of[x]["label"] for x in ev.weakest_facts if x in facts_of]}


class _Cited(Mapping[str, Json]):
    """Fact id → shown fact (:func:`_fact`) for the facts of one trace, each shaped the first time it is
    read (then the same dict): a memo shows a few of the ~100 facts a trace holds."""

    def __init__(self, loaded: Loaded, account: str | None, records: dict[str, FactRecord], w: _Witnesses):
        for fid in records:  # an unlabelled fact raises here, shown or not
            _described(fid.removesuffix(AT_TIME))
        self._loaded, self._account, self._records, self._w = loaded, account, records, w
        self._shaped: dict[str, Json] = {}

    def __getitem__(self, fid: str) -> Json:
        shaped = self._shaped.get(fid)
        if shaped is None:
            shaped = self._shaped[fid] = _fact(self._records[fid], self._w,
                                               _fact_line(self._loaded, self._account, fid.removesuffix(AT_TIME)))
        return shaped

    def __contains__(self, fid: object) -> bool:
        return fid in self._records

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


def _cited_facts(loaded: Loaded, a: Assessment, w: _Witnesses, trace: Trace | None = None) -> Mapping[str, Json]:
    """Fact id → shown fact, from ``trace`` (a pass's) or the assessment's own."""
    return _Cited(loaded, a.account, (trace or a.trace).facts, w)


def _not_cited(assessment: Assessment) -> list[Json]:
    """Treaty articles left out of this assessment's findings, said once: ``[{reason, labels}]``."""
    out: list[Json] = []
    for f in assessment.findings:
        for c in f.not_cited:
            reason = (c.note or "").replace("not cited: ", "", 1)
            group = next((g for g in out if g["reason"] == reason), None)
            if group is None:
                group = {"instrument": c.instrument, "reason": reason, "labels": []}
                out.append(group)
            if c.label not in group["labels"]:
                group["labels"].append(c.label)
    return out


#: A state's status under a treaty (engine.law.StateStatus.status), in words.
STATE_STATUS = {"party": "party", "not_party": "not party", "signed_not_ratified": "signed, not ratified",
                "signature_withdrawn": "signature withdrawn", "withdrawn": "withdrawn", "uncertain": "uncertain",
                "unknown": "not in the treaty-status data"}


def _law(assessment: Assessment, crimes: bool) -> Json:
    """The applicable law as the memo's one table shows it: ``{classification, classification_basis,
    treaty_data_as_of, instruments: [{instrument, applies, reason, rule, states: [state]}], others: [name],
    not_cited: [group]}``.

    ``instruments`` are those in play: customary IHL, every instrument a finding shown cites or leaves
    uncited (:func:`_not_cited`), and the Rome Statute where war crimes are set out (``crimes``); the
    others, which bear on no finding here, are only named in ``others``. A state is ``{state, status
    (words), in_force_from (ISO date or None), declared, verified, sources: [treaty data source id]}``
    as the assessment's law has it (``engine.assessment._law_dict``; its full text is in
    ``rules/treaties/status.yaml``); ``rule`` is the reason without those statuses, for the table's
    "Why" column beside them."""
    law = assessment.law
    not_cited = _not_cited(assessment)
    used = {"CIHL"} | {g["instrument"] for g in not_cited} | {
        c.instrument for f in assessment.findings for c in f.citations} | ({"Rome Statute"} if crimes else set())
    instruments = []
    for i in law["instruments"]:
        if i["instrument"] not in used:
            continue
        states = [{"state": st["state"], "status": STATE_STATUS[st["status"]], "in_force_from": st["in_force_from"],
                   "declared": st["declared"], "verified": st["verified"], "sources": st["sources"]}
                  for st in i.get("states") or []]
        instruments.append({"instrument": i["instrument"], "applies": i["applies"], "reason": i["reason"],
                            "rule": i["rule"], "states": states})
    return {"classification": law["classification"], "classification_basis": law["classification_basis"],
            "treaty_data_as_of": law["treaty_data_as_of"], "instruments": instruments,
            "others": [i["instrument"] for i in law["instruments"] if i["instrument"] not in used],
            "not_cited": not_cited}


def _blocks(findings: list[Json]) -> list[Json]:
    """A principle's findings as the analysis says them: ``{"full": finding}`` for a finding decided on
    some account, or that differs between the accounts it is shown for (those on which the attack is
    not attributed are shown only where their analysis differs), each said in full; and ``{"short":
    [{finding, data, accounts}], "status", "questions", "accounts"}`` for consecutive findings open (or
    not applicable) alike on every account shown, said in one line each (``data``: the account
    group's; ``accounts``: the accounts it stands for); those that the same open questions would
    decide are said together, the questions once."""
    out: list[Json] = []
    for f in findings:
        attributed = [g["data"]["explanation"] for g in f["groups"] if not g["data"]["not_attributed"]]
        shown = [g for g in f["groups"] if not (g["data"]["not_attributed"] and g["data"]["explanation"] in attributed)]
        data = shown[0]["data"]
        if len(shown) > 1 or data["status"] in DECIDED or data["not_attributed"]:
            out.append({"full": f})
            continue
        key = (data["status"], data["questions"], shown[0]["accounts"])
        last = out[-1] if out else None
        if last and "short" in last and (last["status"], last["questions"], last["accounts"]) == key:
            last["short"].append({"finding": f, "data": data, "accounts": shown[0]["accounts"]})
        else:
            out.append({"short": [{"finding": f, "data": data, "accounts": shown[0]["accounts"]}],
                        "status": data["status"], "questions": data["questions"], "accounts": shown[0]["accounts"]})
    return out


def _about_the_defender(assessments: list[Assessment]) -> list[Assessment]:
    """``assessments`` as the memo shows them: the findings against the defending party only where the
    file records something of its conduct (on some account); otherwise the memo would ask, for every
    strike, questions about a party the investigation was not about."""
    recorded = any(rec.status != "unknown" for a in assessments for fid, rec in a.trace.facts.items()
                   if fid.startswith("defender_conduct."))
    if recorded:
        return assessments
    return [a.model_copy(update={"findings": [f for f in a.findings if f.against == "attacker"]}) for a in assessments]


def _other_party(incident: Any, findings: list[Json], columns: list[str]) -> Json | None:
    """The findings against the defending party, said apart from the attacker's: ``{party, attacker,
    findings: [finding], rebuttals: [ground], violations: [{column, titles}]}``, or None when there is
    none (see :func:`_about_the_defender`)."""
    theirs = [f for f in findings if f["against"] == "defender"]
    if not theirs:
        return None
    rebuttals = {r["id"]: r for f in theirs for g in f["groups"]
                 for r in g["data"]["presumptions"] + g["data"]["rebuttable_by"]}
    return {
        "party": theirs[0]["party"], "attacker": incident.attacker.party, "findings": theirs,
        "rebuttals": list(rebuttals.values()),
        "violations": [{"column": c, "titles": [f["title"] for f in theirs if f["statuses"][i] == "violation_indicated"]}
                       for i, c in enumerate(columns)],
    }


def build(loaded: Loaded, assessments: list[Assessment], what_if: bool = False, run: Settings = Settings()) -> Json:
    """The plain dict every output renders.

    With ``what_if`` (the trace explorer, the review page), each assessment's unknown facts are tried one
    by one (:func:`engine.compare.decisive_facts`, dozens of engine runs per account): ``decisive`` then
    lists, per account, the facts that alone would decide each open finding, and the open questions are
    ranked by the findings they decide before those they bear on; without it (the memos), by the findings
    they bear on. ``derivations``, the trees of the trace explorer, are built only with ``what_if``. ``run`` is the position and parameters the assessments were made under.

    Keys: ``file`` (name as given, never an absolute path), ``incident`` (the incident model as JSON,
    witness ids in its text replaced by pseudonyms), ``accounts``, ``columns`` (one label per
    assessment), ``account_option``, ``several``, ``sources`` (the annex, numbered), ``cite`` and ``ref``
    (source id → label, label → annex number), ``facts`` (sections of recorded facts, and unknown facts
    that carry a note, unless the note is shown under the open question for the fact),
    ``object_described`` (the object struck's category or use is shown with a note), ``unknown_count``,
    ``knowledge`` and ``law`` (per-account variants; ``law``: :func:`_law`, the
    instruments in play with each state's treaty status, the others named, ``not_cited``),
    ``settings`` (the position and parameters applied, the same for every account),
    ``parameters_used`` (the thresholds some presumption compared with a recorded fact), ``party``,
    ``either_or`` (per account on which the attack is not denied attribution, the case splits assessed
    where the target's lawfulness is unknown, in words: :func:`_either_or`), ``principles`` (each with
    ``blocks``: :func:`_blocks`) and ``findings`` (each with ``cited`` when every account cites the same, and per-account ``groups``
    whose explanations leave attribution to the conclusion), ``special_regimes`` (``applies``: titles of
    the special protection regimes the incident brings into play, each with its section in
    ``principles``; ``undetermined``: those the record leaves open, with ``missing``, what it does not
    say; ``considered``: all of them, so a memo can say when none applies; the findings of a regime not
    brought into play are left out of every other key), ``questions`` (all, numbered),
    ``key_questions``, ``question_groups``, ``rebuttals`` (what would rebut the findings decided prima
    facie; a fact's ``question``: the number of the open question asking for it, else None),
    ``contested`` (the contested points of law, numbered, each with the titles of its findings and
    crimes, ``decided`` where one of its findings is decided on some account, and ``brief``, the rule's
    ``contested_brief``; each finding's and crime's ``contested_n`` refers to one; the full texts are
    :mod:`engine.outputs.contested`'s reference), ``uniform`` (per account, the status every finding has
    on it, or None), ``divergent``, ``other_differences``, ``attribution_differs`` (the attribution row where
    the accounts differ on it, else None), ``conclusion`` (per-account variants: counts by status, the
    findings indicating a violation, their standard of proof, ``unless``: the prima facie violations
    grouped by the presumptions and exceptions that would overturn them, ``attribution``; findings against
    the attacker only), ``other_party`` (the findings against the defending party, or None),
    ``crimes`` (the elements of each war crime for the forum applied, as one table: :func:`_crime_table`),
    ``derivations`` (per account, one tree per finding, for the trace explorer; None without
    ``what_if``: a memo shows none), ``decisive`` (per account: finding → facts; None without
    ``what_if``), ``warnings``.
    Raises ``ValueError`` when ``assessments`` is empty, ``LookupError`` for an unlabelled fact.
    """
    if not assessments:
        raise ValueError("no assessments to render")
    assessments = _about_the_defender(assessments)
    book = rulebook.load(run)
    # A special protection regime is rendered only where, on some account, the rule that brings it into
    # play holds (the object struck was a medical unit; a later pass struck the same point); its findings
    # are left out of every other section otherwise. Where that rule is unknown the memo says so.
    outcomes = {p.principle: {a.trace.node(p.applies_when).outcome for a in assessments}
                for p in book.principles if p.special}
    applying = {name for name, seen in outcomes.items() if "holds" in seen}
    undetermined = [p for p in book.principles if p.special and p.principle not in applying
                    and "unknown" in outcomes[p.principle]]
    special_regimes = {
        "applies": [p.title for p in book.principles if p.principle in applying],
        "undetermined": [p.title for p in undetermined],
        "missing": list(dict.fromkeys(" ".join(book.rules[p.applies_when].explanation.unknown.split())
                                      for p in undetermined)),
        "considered": [p.title for p in book.principles if p.special],
    }
    hidden = {p.principle for p in book.principles if p.special and p.principle not in applying}
    assessments = [a.model_copy(update={"findings": [f for f in a.findings if f.principle not in hidden]})
                   for a in assessments]
    file = loaded.file
    w = _Witnesses(loaded)
    columns = [a.account or "as recorded" for a in assessments]
    labels = fact_labels()
    decisive = [{f: [d.fact for d in ds] for f, ds in compare.decisive_facts(accounts.resolve(file, a.account), run).items()}
                if what_if else {} for a in assessments]
    facts_of = [_cited_facts(loaded, a, w) for a in assessments]
    # A finding decided on one release of an attack in several passes rests on that pass's facts.
    pass_facts = [{p.release: _cited_facts(loaded, a, w, p.trace) for p in a.passes} for a in assessments]

    # Recorded element facts (all of them, not only those the rules cite: casualties matter to the
    # reader), by section, in reading order; an unknown fact only where it carries a note.
    # A count's bound or an aggregate is shown by the facts it is read from, an ex ante twin under
    # Knowledge at the time: neither is read here.
    recorded = [elements(accounts.resolve(file, a.account), fact_paths(), twins=False) for a in assessments]
    sections: list[Json] = []
    for fact_id in labels["facts"]:
        if fact_id not in fact_paths():
            continue
        if all(els[fact_id].status == "U" and not _note(els[fact_id].note, w) for els in recorded):
            continue
        cells = [_fact(record(els[fact_id]), w, _fact_line(loaded, a.account, fact_id)) for a, els in zip(assessments, recorded)]
        prefix = fact_id.split(".")[0]
        if not sections or sections[-1]["prefix"] != prefix:
            sections.append({"prefix": prefix, "title": labels["sections"][prefix], "rows": []})
        differs = len({(c["status"], repr(c["value"])) for c in cells}) > 1
        sections[-1]["rows"].append({"id": fact_id, "label": cells[0]["label"], "cells": cells, "differs": differs})

    # Knowledge at the time: ex ante twins of facts recorded as true, and facts found afterwards.
    knowledge = []
    for a, els, fs in zip(assessments, recorded, facts_of):
        knowledge.append({
            # The value read from the record: only the twins shown are shaped.
            "ex_ante": [fs[x + AT_TIME] for x in labels["facts"] if x + AT_TIME in fs and a.trace.facts[x + AT_TIME].value is True],
            "afterwards": [_fact(record(els[x]), w) for x in labels["facts"] if x in fact_paths() and els[x].found_afterwards],
        })

    question_groups = _questions(assessments, columns, facts_of, decisive)
    questions = [q for g in question_groups for q in g["questions"]]
    # An unknown fact asked for under Open questions shows its note there, not twice.
    asked = {q["fact"]["base"] for q in questions if q["kind"] == "fact"}
    for s in sections:
        s["rows"] = [r for r in s["rows"] if not (r["id"] in asked and all(c["status"] == "unknown" for c in r["cells"])
                                                  and len({c["note"] for c in r["cells"]}) == 1)]
    sections = [s for s in sections if s["rows"]]
    laws = [_law(a, False) for a in assessments]
    _new_notes(questions, sections, laws)
    diverging = {d.finding: d for d in compare.divergences(assessments)}
    # The numbers of the questions each finding needs on each account, in the questions' order.
    needs: dict[tuple[str, str], list[int]] = {}
    for q in questions:
        for n in q["needed_for"]:
            for column in n["accounts"]:
                needs.setdefault((n["finding"], column), []).append(q["number"])
    findings: dict[str, Json] = {}
    divergent: list[str] = []
    party = file.incident.attacker.party
    for i, first in enumerate(assessments[0].findings):
        per = []
        for a, column, account_facts, by_pass in zip(assessments, columns, facts_of, pass_facts):
            f = a.findings[i]
            fs = by_pass.get(f.release, account_facts)
            explanation, attribution = on_attribution(f.explanation, party)  # said once, in the conclusion
            per.append({
                "concerns": f.concerns,
                "status": f.status, "explanation": prose(w.text(explanation), book), "not_attributed": attribution == "not_attributed",
                "basis": f.basis, "presumptions": _grounds(f.presumptions, book),
                "rebuttable_by": _exceptions(f.rebuttable_by, f.presumptions, book),
                "evidence": _evidence(f, fs),
                "key_facts": [fs[x] for x in sorted(f.key_facts, key=_reading_order)],
                "sources": [w.cite[s] for s in f.sources], "trace": f.trace,
                "citations": [c.model_dump() for c in f.citations],
                "questions": needs.get((f.id, column), []),
            })
        drivers = []
        if first.id in diverging:
            divergent.append(first.id)
            for d in sorted(diverging[first.id].driving_facts, key=lambda d: _reading_order(d.fact)):
                drivers.append({"id": d.fact, "cells": [fs[d.fact] for fs in facts_of]})
        # Cited once for the finding where every account cites the same (they differ only with the law).
        cited = per[0]["citations"] if all(p["citations"] == per[0]["citations"] for p in per) else None
        findings[first.id] = {
            "id": first.id, "principle": first.principle, "title": first.title, "question": first.question,
            "against": first.against, "party": first.party,
            "contested": prose(first.contested, book), "statuses": [p["status"] for p in per], "cited": cited,
            "groups": _variants(columns, [{**p, "citations": None if cited else p["citations"]} for p in per]),
            "per_account": per, "diverges": first.id in divergent, "drivers": drivers,
        }

    # Contested points of law, numbered in reading order, each said once with the findings (and the war
    # crimes whose elements are set out) it bears on. A point bears on the conclusion where one of its
    # findings is decided on some account: the memo sums it up (the rule's contested_brief); the others
    # it names only. The full texts are the standing reference (engine.outputs.contested).
    contested: list[Json] = []
    crimes = [[dataclasses.asdict(c) for c in a.crimes or []] for a in assessments]
    for f in [*findings.values(), *(c for per in crimes for c in per)]:
        if f["contested"]:
            point = next((c for c in contested if c["text"] == f["contested"]), None)
            if point is None:
                rule = book.rules.get(f["id"])
                brief = rule.contested_brief if rule is not None and rule.contested_brief else None
                point = {"n": len(contested) + 1, "text": f["contested"], "findings": [], "decided": False,
                         "brief": " ".join(brief.split()) if brief else None}
                contested.append(point)
            if f["title"] not in point["findings"]:
                point["findings"].append(f["title"])
            point["decided"] = point["decided"] or any(s in DECIDED for s in f.get("statuses", ()))
            f["contested_n"] = point["n"]
        else:
            f["contested_n"] = None

    # What would rebut the prima facie findings (decided on a presumption, or on an exception not
    # shown), each said once with the findings it would test (those against the defending party apart,
    # in other_party).
    rebuttals: dict[str, Json] = {}
    for f in findings.values():
        if f["against"] != "attacker":
            continue
        for g in f["groups"]:
            if g["data"]["basis"] != "prima_facie" or g["data"]["status"] not in DECIDED:
                continue
            for r in g["data"]["presumptions"] + g["data"]["rebuttable_by"]:
                asked = next((q["number"] for q in questions if q["kind"] == "fact"
                              and q["fact"]["base"] == r["id"].removesuffix(AT_TIME)), None)
                entry = rebuttals.setdefault(r["id"], {**r, "question": asked, "findings": []})
                if f["title"] not in entry["findings"]:
                    entry["findings"].append(f["title"])

    driving = {d["cells"][0]["base"] for f in findings.values() for d in f["drivers"]}
    # Every finding rests on attribution (engine.findings), so a difference in it is said with the findings.
    other_differences = [r for s in sections for r in s["rows"] if r["differs"] and r["id"] not in driving | {ATTRIBUTION}]
    attribution_row = next((r for s in sections for r in s["rows"] if r["id"] == ATTRIBUTION and r["differs"]), None)

    principles = [
        {"principle": p.principle, "title": p.title, "summary": " ".join(p.summary.split()), "special": p.special,
         "findings": [findings[r.id] for r in p.rules if r.id in findings]}
        for p in book.principles
    ]
    for p in principles:
        p["blocks"] = _blocks(p["findings"])
    principles = [p for p in principles if p["findings"]]
    principle_title = {p["principle"]: p["title"] for p in principles}
    key_questions = [q for q in questions if q["key"]]

    # The conclusion is about the attack; findings against the defending party are said apart
    # (other_party), so that one party's breaches are never read as the other's, nor as excusing them.
    conclusion = []
    for a, els in zip(assessments, recorded):
        violations = [f for f in a.findings if f.status == "violation_indicated" and f.against == "attacker"]
        standards = [f.evidence.standard_label for f in violations if f.evidence is not None]
        # The prima facie violations grouped by what would overturn them, said once per group.
        unless: list[Json] = []
        for f in violations:
            if f.basis != "prima_facie":
                continue
            grounds = _rebuttal(f.rebuttable_by, f.presumptions, book)
            same = next((u for u in unless if u["grounds"] == grounds), None)
            if same is None:
                unless.append({"findings": [f.title], "grounds": grounds})
            else:
                same["findings"].append(f.title)
        conclusion.append({
            "counts": {s: sum(f.status == s for f in a.findings if f.against == "attacker") for s in STATUSES},
            "violations": [f.title for f in violations],
            "principles": list(dict.fromkeys(principle_title[f.principle] for f in violations)),
            "prima_facie": [f.title for f in violations if f.basis == "prima_facie"],
            "unless": unless,
            # Every finding rests on attribution: said here once, not in each finding.
            "attribution": {"T": None, "F": "not_attributed", "U": "unknown"}[els[ATTRIBUTION].status],
            # The weakest standard any of them reaches: the conclusion is no stronger than that.
            "standard": None if not standards or None in standards else
                        min(standards, key=lambda s: [x.label for x in evidence.config().standards].index(s)),
            "unsupported": [f.title for f in violations if f.evidence is not None and f.evidence.standard_label is None],
        })

    annex = w.annex()
    return {
        # An absolute path would put this machine's folders into the memo: show the file name only.
        "file": Path(loaded.path).name if Path(loaded.path).is_absolute() else loaded.path,
        "incident": witnesses.shown(file.incident, file.sources).model_dump(mode="json"),
        "accounts": [witnesses.shown(a, file.sources).model_dump(mode="json", include={"name", "held_by", "description"})
                     for a in file.accounts if a.name in columns],
        "columns": columns,
        "several": len(columns) > 1,
        "account_option": [a.account for a in assessments],
        "sources": annex,
        "cite": w.cite,
        "ref": {row["cite"]: row["n"] for row in annex},
        "facts": sections,
        # The object struck described in Recorded facts (its category or use with a note): the incident's
        # own description of it, which says the same, is then not repeated.
        "object_described": any(c["note"] for sec in sections for r in sec["rows"]
                                if r["id"] in ("object_struck.category", "object_struck.used_as") for c in r["cells"]),
        "unknown_count": len([f for f in labels["facts"] if f in fact_paths()]) - sum(len(s["rows"]) for s in sections),
        "knowledge": _variants(columns, knowledge),
        # With war crimes set out, the Rome Statute is in play too; the open questions' notes
        # (_new_notes) are compared with the law without it.
        "law": _variants(columns, [_law(a, True) for a in assessments] if crimes[0] else laws),
        "settings": assessments[0].settings,
        # The thresholds some rule compared with a fact the record holds (a threshold whose fact is unknown
        # decided nothing, even where the rule was decided otherwise).
        "parameters_used": sorted({p for fact, p in book.compared
                                   if any((r := a.trace.facts.get(fact)) is not None and r.status != "unknown"
                                          for a in assessments)}),
        "party": party,
        # No either-or on an account on which the attack is not attributed: no finding applies there.
        "either_or": [{"column": c, "splits": _either_or(a.either_or, book)}
                      for a, c, v in zip(assessments, columns, conclusion) if a.either_or and v["attribution"] != "not_attributed"],
        "attribution_differs": attribution_row,
        "principles": principles,
        "special_regimes": special_regimes,
        "findings": [findings[f.id] for f in assessments[0].findings],
        "questions": questions,
        "key_questions": key_questions,
        "question_groups": question_groups,
        "rebuttals": list(rebuttals.values()),
        "contested": contested,
        # Per account, the status every finding has on it, or None where they differ.
        "uniform": [next(iter(st)) if len(st) == 1 else None
                    for st in ({f["statuses"][i] for f in findings.values()} for i in range(len(columns)))],
        "divergent": divergent,
        "other_differences": other_differences,
        "conclusion": _variants(columns, conclusion),
        "other_party": _other_party(file.incident, list(findings.values()), columns),
        "crimes": _crime_table(columns, crimes),
        "derivations": None if not what_if else [
            {"column": column, "account": a.account,
             "findings": [{"id": f.id, "title": f.title, "status": f.status, "view": findings[f.id]["per_account"][i],
                           "tree": _derivation(a.trace_of(f), f.id, by_pass.get(f.release, fs), book)} for f in a.findings]}
            for i, (column, a, fs, by_pass) in enumerate(zip(columns, assessments, facts_of, pass_facts))
        ],
        "decisive": None if not what_if else [
            {"column": column, "findings": [
                {"id": f.id, "title": f.title, "facts": [fs[x] for x in sorted(dec.get(f.id, []), key=_reading_order) if x in fs]}
                for f in a.findings if f.id in dec]}
            for column, a, fs, dec in zip(columns, assessments, facts_of, decisive)
        ],
        "warnings": [w.text(p.message if not p.path else f"{p.path}: {p.message}") for p in loaded.warnings],
    }
