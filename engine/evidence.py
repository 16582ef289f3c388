"""Evidence strength: how well each fact is supported, and which standard of proof a finding reaches.

Method (``docs/evidence.md``; thresholds in ``rules/evidence/standards.yaml``, never in code):

1. A fact's sources are grouped by independence: a source and those it is ``derived_from`` count once.
   A source whose provenance records a failed verification check counts at a capped reliability.
2. The fact gets the strongest corroboration level whose test it passes: enough independent groups
   with a source of at least the required reliability, and, for the top level, direct evidence
   (witness, site visit, remnant, imagery) of high reliability.
3. A finding rests on the known facts of its derivation (its key facts). It reaches the strongest
   standard of proof whose threshold *every* key fact meets; the weakest facts are named.
"""

from __future__ import annotations

from functools import cache
from typing import Iterable

from pydantic import BaseModel, ConfigDict

from engine import datafiles
from engine.model import Source


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Strict):
    id: str
    label: str
    min_independent: int
    min_reliability: str
    requires_direct_high: bool = False


class Standard(_Strict):
    id: str
    label: str
    used_by: str
    source: str
    every_fact_at_least: str


class Config(_Strict):
    """The evidence configuration (``rules/evidence/standards.yaml``)."""

    reliability_order: list[str]
    failed_verification_reliability: str
    direct_types: list[str]
    corroboration: list[Level]
    standards: list[Standard]

    def rank(self, level_id: str) -> int:
        return [lv.id for lv in self.corroboration].index(level_id)


class Evidence(_Strict):
    """The evidence under a finding: the weakest corroboration level among its key facts, the standard
    of proof reached (``None`` when even the weakest standard is not met), and the weakest facts."""

    level: str
    level_label: str
    standard: str | None
    standard_label: str | None
    weakest_facts: list[str]


@cache
def config() -> Config:
    """The shipped configuration, validated."""
    return Config.model_validate(datafiles.read("rules", "evidence/standards.yaml"))


def _groups(sources: list[Source]) -> list[list[Source]]:
    """Sources grouped so that a source and what it is derived from fall in one group."""
    parent = {s.id: s.id for s in sources}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s in sources:
        for d in s.derived_from:
            if d in parent:
                parent[find(s.id)] = find(d)
    groups: dict[str, list[Source]] = {}
    for s in sources:
        groups.setdefault(find(s.id), []).append(s)
    return [groups[k] for k in sorted(groups)]


def reliability(source: Source, cfg: Config | None = None) -> str:
    """The reliability a source counts at: its grading, capped at ``failed_verification_reliability``
    when a verification check of its provenance failed (``docs/evidence.md``, section 1)."""
    cfg = cfg or config()
    graded = source.reliability.value
    if source.provenance is None or not source.provenance.verification.failed:
        return graded
    order = cfg.reliability_order
    return order[min(order.index(graded), order.index(cfg.failed_verification_reliability))]


def fact_level(sources: list[Source], cfg: Config | None = None) -> str:
    """The corroboration level id of a fact supported by ``sources``."""
    cfg = cfg or config()
    if not sources:
        return cfg.corroboration[0].id
    rank = {name: i for i, name in enumerate(cfg.reliability_order)}
    counted = {s.id: reliability(s, cfg) for s in sources}
    groups = [max(rank[counted[s.id]] for s in g) for g in _groups(sources)]  # best reliability per group
    best = cfg.corroboration[0].id
    for level in cfg.corroboration:
        floor = rank[level.min_reliability]
        qualifying = [g for g in groups if g >= floor]
        direct_ok = not level.requires_direct_high or any(
            s.type.value in cfg.direct_types and counted[s.id] == "high" for s in sources
        )
        if len(qualifying) >= level.min_independent and direct_ok:
            best = level.id
    return best


def grade(
    fact_sources: dict[str, list[Source]],
    key_facts: Iterable[str],
    cfg: Config | None = None,
    known: dict[str, str] | None = None,
) -> Evidence:
    """Grade a finding resting on ``key_facts`` (element ids); ``fact_sources`` maps ids to sources.

    ``known`` memoises fact levels across the findings of one incident (fact id → level id).
    """
    cfg = cfg or config()
    known = {} if known is None else known
    levels = {}
    for f in key_facts:
        if f not in known:
            known[f] = fact_level(fact_sources.get(f, []), cfg)
        levels[f] = known[f]
    if not levels:
        return Evidence(level="none", level_label="no fact established", standard=None, standard_label=None, weakest_facts=[])
    weakest_rank = min(cfg.rank(lv) for lv in levels.values())
    weakest = cfg.corroboration[weakest_rank]
    reached = [s for s in cfg.standards if cfg.rank(s.every_fact_at_least) <= weakest_rank]
    standard = reached[-1] if reached else None
    return Evidence(
        level=weakest.id,
        level_label=weakest.label,
        standard=standard.id if standard else None,
        standard_label=standard.label if standard else None,
        weakest_facts=sorted(f for f, lv in levels.items() if cfg.rank(lv) == weakest_rank),
    )
