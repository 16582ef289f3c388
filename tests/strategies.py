"""Hypothesis strategies for VALID incident files, derived from the model.

:func:`incident_files` draws the plain data of an incident file (what ``json.loads`` would give) that
:func:`engine.load.parse_text` accepts without error or warning, with ``today`` = :data:`TODAY`:

* every fact of :func:`engine.facts.fact_paths` is left out, ``null`` (unknown), or given a value
  of its type within the model's bounds (yes/no, numbers, categories, counts with ``min <= max``), with
  attacker knowledge, ``found_afterwards``, a note and cited sources drawn too;
* sources are declared with unique ids, and every declared source is cited at least once; pseudonyms
  are unique and never read as another source's id;
* competing accounts restate some facts with values of their own;
* the cross-field rules hold in the base facts and in every account's version of them (no more killed,
  nor killed and injured, than the upper bound present; no warning given without a time nor a time for
  a warning not given; a warning time the loader reads, never after the attack; no effective warning
  not given or where circumstances did not permit one; no attack both directed and not directable at a
  specific objective; no civilians killed, injured, counted or observable where none were present, none
  counted where some were; no guided category for an unguided weapon or the reverse; a time in its
  part of the day; no warning recorded as not given without a source), no interview or site visit
  before the attack, and every date is on or before :data:`TODAY`;
* attacking states are names the treaty-status data knows (:data:`STATES`).

Text is drawn from all of Unicode except unpaired surrogates, control characters and bidirectional
overrides (which the model refuses), and is never blank, so the serialisers and the loader are
exercised too.
"""

from __future__ import annotations

import copy
import datetime as dt
import typing
from enum import Enum
from typing import Any

from hypothesis import strategies as st
from pydantic.fields import FieldInfo

from engine import accounts as accounts_mod
from engine import law
from engine.facts import fact_paths
from engine.load import _part_of_day
from engine.model import (_INVISIBLE, AttackType, Basis, Count, Fact, Incident, Knowledge, Precision, Reliability,
                          SourceType, WeaponCategory)

TODAY = dt.date(2026, 1, 1)
STATES = sorted(set(law.known_states().values()))
FACT_PATHS = list(fact_paths())  # the facts written in a file (no twins, count bounds or aggregates)

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # overrides, embeddings, isolates: refused


def _not_blank(value: str) -> bool:
    return not _INVISIBLE.fullmatch(value)


text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=BIDI), min_size=1,
               max_size=24).filter(_not_blank)
names = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=BIDI), min_size=1,
                max_size=16).filter(_not_blank)
dates = st.dates(min_value=dt.date(1949, 8, 12), max_value=TODAY).map(dt.date.isoformat)
times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
warning_times = st.builds(lambda n, unit: f"{n} {unit} before the attack", st.integers(1, 99),
                          st.sampled_from(["minutes", "hours", "days"]))  # as the loader reads them
source_ids = st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{0,5}", fullmatch=True)


def _fact_value_type(path: str) -> Any:
    """The type ``T`` of the :class:`Fact` at ``path`` (relative to the incident)."""
    model: Any = Incident
    for part in path.split("."):
        model = model.model_fields[part].annotation
    assert issubclass(model, Fact), path
    (arg,) = model.__pydantic_generic_metadata__["args"]
    return arg


def _bounds(metadata: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in metadata:
        for m in item.metadata if isinstance(item, FieldInfo) else [item]:
            for name in ("ge", "gt", "le", "lt"):
                if getattr(m, name, None) is not None:
                    out[name] = getattr(m, name)
    return out


def counts() -> st.SearchStrategy[dict[str, int | None]]:
    """``{min, max}`` with ``0 <= min <= max``; either may be ``None`` (unknown)."""
    bound = st.none() | st.integers(0, 500)
    return st.tuples(bound, bound).map(
        lambda t: {"min": t[0], "max": t[1]} if None in t else {"min": min(t), "max": max(t)})


def values_of(tp: Any) -> st.SearchStrategy[Any]:
    """JSON values a fact of type ``tp`` accepts (bounds from the model's ``Field(ge=…, gt=…)``)."""
    bounds: dict[str, Any] = {}
    if typing.get_origin(tp) is typing.Annotated:
        tp, *metadata = typing.get_args(tp)
        bounds = _bounds(metadata)
    if tp is bool:
        return st.booleans()
    if tp is int:
        low = bounds.get("ge", bounds["gt"] + 1 if "gt" in bounds else 0)
        return st.integers(low, bounds.get("le", 100_000))
    if tp is float:
        low = bounds.get("ge", bounds.get("gt", -1e6))
        return st.floats(low, bounds.get("le", 1e6), exclude_min="gt" in bounds, allow_nan=False,
                         allow_infinity=False) | st.integers(int(low) + 1, 10_000)
    if tp is Count:
        return counts()
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from([e.value for e in tp])
    if typing.get_origin(tp) is typing.Literal:
        return st.sampled_from(typing.get_args(tp))
    raise TypeError(f"no strategy for facts of type {tp!r}")


@st.composite
def facts(draw: st.DrawFn, path: str, ids: list[str]) -> dict[str, Any]:
    """One fact as written in a file: ``{value, sources?, attacker_knowledge?, found_afterwards?, note?}``."""
    fact: dict[str, Any] = {"value": draw(st.none() | values_of(_fact_value_type(path)))}
    if draw(st.booleans()):
        fact["sources"] = draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
    if draw(st.booleans()):
        fact["attacker_knowledge"] = draw(st.none() | st.sampled_from([k.value for k in Knowledge]))
    if draw(st.integers(0, 3)) == 0:
        fact["found_afterwards"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        fact["note"] = draw(text)
    return fact


def _put(tree: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    for part in parents:
        tree = tree.setdefault(part, {})
    tree[leaf] = value


def _get(tree: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        if not isinstance(tree, dict) or part not in tree:
            return None
        tree = tree[part]
    return tree


def _repairs(view: dict[str, Any], category: str) -> dict[str, dict[str, Any]]:
    """Facts to restate so that ``view`` (path → fact; the weapon of ``category``) obeys the loader's
    cross-field rules. Each fix is a copy: no fact object appears twice in the file (PyYAML would write
    it as an anchor and an alias, which the loader refuses)."""
    def value(path: str) -> Any:
        return (view.get(path) or {}).get("value")

    fixes: dict[str, dict[str, Any]] = {}

    def fix(path: str, new: Any) -> None:
        fixes[path] = {**copy.deepcopy(view[path]), "value": new}

    killed = value("outcome.civilians_killed")
    if value("civilians.present") is False:
        if killed and (killed["min"] or 0) > 0:
            killed = {"min": 0, "max": killed["max"]}
            fix("outcome.civilians_killed", killed)
        injured = value("outcome.civilians_injured")
        if injured and (injured["min"] or 0) > 0:
            fix("outcome.civilians_injured", {"min": 0, "max": injured["max"]})
        counted = value("civilians.count_present")
        if counted and (counted["min"] or 0) > 0:
            fix("civilians.count_present", {"min": 0, "max": counted["max"]})
        if value("civilians.presence_observable") is True:
            fix("civilians.presence_observable", None)
    counted = (fixes.get("civilians.count_present") or {}).get("value", value("civilians.count_present"))
    if value("civilians.present") is True and counted and counted["max"] == 0:
        fix("civilians.count_present", {"min": counted["min"], "max": None})
    guided = value("attack.weapon.guided")
    if (category in ("guided_bomb", "guided_missile") and guided is False) or (category == "unguided_bomb" and guided is True):
        fix("attack.weapon.guided", None)
    present = (fixes.get("civilians.count_present") or {}).get("value", value("civilians.count_present"))
    if present and killed and present["max"] is not None and killed["min"] is not None and killed["min"] > present["max"]:
        killed = {"min": present["max"], "max": killed["max"]}
        fix("outcome.civilians_killed", killed)
    injured = (fixes.get("outcome.civilians_injured") or {}).get("value", value("outcome.civilians_injured"))
    if present and killed and injured and None not in (present["max"], killed["min"], injured["min"]) \
            and killed["min"] + injured["min"] > present["max"]:
        fix("outcome.civilians_injured", {"min": present["max"] - killed["min"], "max": injured["max"]})
    if value("precautions.warning.given") is False and value("precautions.warning.effective") is True:
        fix("precautions.warning.effective", False)
    if value("precautions.warning.effective") is True and value("precautions.warning.circumstances_did_not_permit") is True:
        fix("precautions.warning.circumstances_did_not_permit", None)
    if value("attack.directed_at_specific_objective") is True and \
            value("attack.cannot_be_directed_at_specific_objective") is True:
        fix("attack.cannot_be_directed_at_specific_objective", None)
    if value("precautions.warning.given") is False and not view["precautions.warning.given"].get("sources"):
        fix("precautions.warning.given", None)  # "no warning" needs a source (the loader warns)
    return fixes


def _same(name: str) -> str:
    """How the loader compares pseudonyms with ids and with each other."""
    return name.strip().casefold()


@st.composite
def sources(draw: st.DrawFn, ids: list[str]) -> list[dict[str, Any]]:
    out = []
    taken = {_same(sid) for sid in ids}  # a pseudonym may equal its own source's id, and nothing else
    for sid in ids:
        kind = draw(st.sampled_from([t.value for t in SourceType]))
        source: dict[str, Any] = {"id": sid, "type": kind, "title": draw(text)}
        if kind == SourceType.witness_interview.value or draw(st.booleans()):
            pseudonym = draw(names.filter(lambda n, own=_same(sid): _same(n) == own or _same(n) not in taken))
            taken.add(_same(pseudonym))
            source["pseudonym"] = pseudonym
        if draw(st.booleans()):
            source["reliability"] = draw(st.sampled_from([r.value for r in Reliability]))
        if draw(st.booleans()):
            source["date"] = draw(dates)
        out.append(source)
    return out


@st.composite
def incident_files(draw: st.DrawFn, max_accounts: int = 2) -> dict[str, Any]:
    """A valid incident file as plain data (see the module docstring)."""
    ids = draw(st.lists(source_ids, min_size=1, max_size=5, unique_by=str.lower))
    cite = st.lists(st.sampled_from(ids), max_size=2, unique=True)
    incident: dict[str, Any] = {
        "id": draw(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)),
        "title": draw(text),
        "when": {"date": draw(dates), "precision": draw(st.sampled_from([p.value for p in Precision])),
                 "sources": draw(cite)},
        "place": {"name": draw(text), "country": draw(names), "sources": draw(cite)},
        "conflict": {},
        # States the treaty-status data knows (any other name is warned of, see engine.load).
        "attacker": {"party": draw(names), "states": draw(st.lists(st.sampled_from(STATES), max_size=3, unique=True))},
        "attack": {"type": draw(st.sampled_from([t.value for t in AttackType])),
                   "weapon": {"category": draw(st.sampled_from([c.value for c in WeaponCategory]))}},
        "object_struck": {"description": draw(text), "sources": draw(cite)},
        "target": {"basis": draw(st.lists(st.sampled_from([b.value for b in Basis]), max_size=4, unique=True))},
    }
    if draw(st.booleans()):
        incident["summary"] = draw(text)
    if draw(st.booleans()):
        incident["place"]["latitude"] = draw(st.floats(-90, 90, allow_nan=False))
        incident["place"]["longitude"] = draw(st.floats(-180, 180, allow_nan=False))
    if draw(st.booleans()):
        incident["acknowledgements"] = draw(st.lists(
            st.fixed_dictionaries({"position": text, "sources": cite}, optional={"date": dates}), max_size=2))
    if draw(st.booleans()):
        incident["when"]["time"] = draw(times)
        if draw(st.booleans()):
            incident["when"]["time_of_day"] = _part_of_day(incident["when"]["time"])
    category = incident["attack"]["weapon"]["category"]
    view: dict[str, dict[str, Any]] = {}
    for path in FACT_PATHS:
        if path == "conflict.classification" or draw(st.integers(0, 2)) > 0:  # classification is required
            view[path] = draw(facts(path, ids))
    view.update(_repairs(view, category))
    for path, fact in view.items():
        _put(incident, path, fact)
    given = (view.get("precautions.warning.given") or {}).get("value")
    if given is True or (given is None and draw(st.booleans())):  # a time only for a warning not denied
        _put(incident, "precautions.warning.time", draw(warning_times | st.just(incident["when"]["date"])))

    restatable = [p for p in FACT_PATHS if accounts_mod.overridable(p)]
    accounts = []
    for name in draw(st.lists(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True), max_size=max_accounts,
                              unique=True)):
        chosen = draw(st.lists(st.sampled_from(restatable), min_size=1, max_size=6, unique=True))
        own = {path: draw(facts(path, ids)) for path in chosen}
        own.update(_repairs({**view, **own}, category))
        account: dict[str, Any] = {"name": name, "held_by": draw(text), "facts": own}
        if draw(st.booleans()):
            account["description"] = draw(text)
        accounts.append(account)

    for kind in ("fighters", "weapons_or_equipment", "military_use"):  # "none found" says who looked
        seen = f"military_presence.{kind}.seen"
        if any((facts_.get(seen) or {}).get("value") is False for facts_ in (view, *(a["facts"] for a in accounts))):
            _put(incident, f"military_presence.{kind}.observed_by", ["witness"])

    data: dict[str, Any] = {"schema_version": 2, "incident": incident, "sources": draw(sources(ids))}
    attack_date = dt.date.fromisoformat(incident["when"]["date"])
    if incident["when"]["precision"] == Precision.month.value:
        attack_date = attack_date.replace(day=1)
    for source in data["sources"]:  # an interview or a visit on the spot is made after the attack
        if source["type"] in ("witness_interview", "site_visit") and source.get("date", "9") < attack_date.isoformat():
            source["date"] = attack_date.isoformat()
    if accounts:
        data["accounts"] = accounts
    cited = set(_citations([incident, accounts]))
    incident["when"]["sources"] += [sid for sid in ids if sid not in cited]  # every source is cited
    return data


def _citations(node: Any) -> list[str]:
    """Every source id cited below ``node`` (lists under ``sources``, ``claimed_sources``, ``damage_sources``)."""
    if isinstance(node, list):
        return [sid for item in node for sid in _citations(item)]
    if not isinstance(node, dict):
        return []
    out = []
    for key, value in node.items():
        if key in ("sources", "claimed_sources", "damage_sources") and isinstance(value, list):
            out += [sid for sid in value if isinstance(sid, str)]
        else:
            out += _citations(value)
    return out
