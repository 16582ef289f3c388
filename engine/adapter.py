"""The only module that touches durable_rules.

Each method or step says which durable_rules call it stands for. The rest of the project sees
:func:`run`: element facts in, the rules that fired (with the facts they matched) out.

Known traps of durable_rules 2.0.28 (see DESIGN.md) and how each is guarded here:

1. ``post`` sends an event that the first matching rule consumes → facts are only ever *asserted*
   (``Host.assert_facts`` / ``Closure.assert_fact``); ``post`` is never called.
2. A fact no rule matches raises ``MessageNotHandledException`` → every fact is checked before it is
   asserted: its id and status must be cited by some clause, and a rule's conclusion is asserted back
   only if a later rule cites it. Measured here: deleting the
   state of a session whose facts went unhandled double-frees and kills the process, so such a
   state is never deleted.
3. Errors inside actions are swallowed into ``state['exception']`` → the state is checked after every
   call and turned into :class:`EngineFault`.
4. At most 1,024 live states per ruleset → every incident's state is deleted in ``finally``.
5. Mixed-type comparisons match wrongly → :func:`_checked` refuses any fact whose status or value
   has the wrong type before it reaches the engine; numbers written with an exponent are misread, so
   every number is passed through :func:`engine_number`.
6. Not thread-safe, background threads that never stop → one host per process, created without its
   dispatch threads (every action runs inside the call that triggered it), every call under one lock.
7. Registering a ruleset twice breaks later ones; registration mutates its input → each rulebook is
   registered once per process, under a name derived from its content, from a definition built for
   that registration alone.
8. Batching across sessions delivers results asynchronously or not at all → one session (``sid``)
   per incident, asserted in one synchronous call.
9. No record of which rule fired on which facts → every action records a :class:`Firing`.
10. Correlated rules can crash the process → no clause compares two facts with each other; callers
    that assess many incidents isolate them in worker processes (:mod:`engine.isolation`).
11. A fact that more than 64 of a ruleset's conditions match overflows the alpha network's fixed stack
    (``MAX_STACK_SIZE`` in the C extension's events.c): ``assert_facts`` fails with error 303, and
    deleting that session then double-frees → the rules are split, in the order they cite each other,
    into several rulesets none of which has more than :data:`ALPHA_STACK` conditions a fact's status can
    match (:func:`parts`); a session runs them one after the other, each part receiving as facts the
    conclusions of earlier parts that its rules cite. A session whose assertion failed is never deleted.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

import durable.engine as _dr

from engine.logic import Clause, Condition

RULESET = "ihl"

_STATES = {"T", "F", "U", "K", "N"}


class EngineFault(Exception):
    """durable_rules failed while assessing an incident; no partial result may be used.

    ``rule`` names the rule being evaluated when the fault was detected, where known.
    """

    def __init__(self, message: str, rule: str | None = None):
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class Firing:
    """One rule reaching a conclusion: ``outcome`` (T/F/U/N) by matching ``premises``.

    ``premises`` are ``(id, status)`` pairs — element facts or earlier conclusions — in clause order;
    ``clause`` is the index of the matched clause among the rule's clauses for that outcome.
    """

    rule: str
    outcome: str
    clause: int
    premises: tuple[tuple[str, str], ...]


@dataclass
class _Run:
    firings: list[Firing] = field(default_factory=list)
    concluded: dict[str, str] = field(default_factory=dict)
    also: list[Firing] = field(default_factory=list)


class _QuietHost(_dr.Host):
    """A durable_rules Host without the dispatch threads it would start (trap 6)."""

    def _run(self) -> None:  # overrides Host._run, which starts two never-ending timer threads
        return None


_lock = threading.Lock()
_host: _QuietHost | None = None
_registered: set[str] = set()  # rulebook names whose parts are registered with _host
_parts: dict[str, list["Part"]] = {}  # rulebook name → its rulesets, in the order they run
_current: _Run | None = None
_sids = itertools.count(1)
_handled: dict[str, dict[str, frozenset[str]]] = {}


def _handled_states_cached(name: str, clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> dict[str, frozenset[str]]:
    if name not in _handled:
        _handled[name] = handled_states(clauses)
    return _handled[name]


# Measured on 2.0.28: a number written with an exponent (1e-12, 1e+16: how Python writes very small and
# very large floats) is misread, and the incident's facts then match no rule at all. Numbers reach the
# engine rounded to a thousandth (a millimetre, a gram) and within ±1e15, which Python writes plainly.
_LIMIT = 1e15


def engine_number(value: float) -> float:
    """``value`` as durable_rules can read it: rounded to three decimals, within ±1e15."""
    return max(-_LIMIT, min(_LIMIT, round(float(value), 3))) + 0.0


def condition_json(fact_id: str, cond: Condition) -> dict[str, Any]:
    """One clause condition in durable_rules' JSON rule syntax (also used by the benchmark baseline)."""
    terms: list[dict[str, Any]] = [{"id": fact_id}]
    states = sorted(cond.states)
    terms.append({"s": states[0]} if len(states) == 1 else {"$or": [{"s": s} for s in states]})
    for fieldname, op, operand in cond.constraints:
        if isinstance(operand, float):
            operand = engine_number(operand)
        if op == "$in":  # one of several values
            terms.append({"$or": [{fieldname: v} for v in operand]})
        elif op == "$nin":  # none of them
            terms.append({"$and": [{"$neq": {fieldname: v}} for v in operand]})
        else:
            terms.append({fieldname: operand} if op == "$eq" else {op: {fieldname: operand}})
    return {"$and": terms}


def _action(rule_id: str, outcome: str, index: int, aliases: list[tuple[str, str, str | None]], cited: bool) -> Callable:
    """The action of one clause. ``aliases``: per matched fact, its alias in the clause, its id, and its
    status where the clause admits only one (then it is not read back from the engine: reading a matched
    fact costs more than the rest of the action)."""
    def act(c: Any) -> None:
        run = _current
        assert run is not None, "durable_rules action outside an assessment"
        premises = tuple([(fact_id, status or getattr(c, alias)["s"]) for alias, fact_id, status in aliases])
        firing = Firing(rule_id, outcome, index, premises)
        previous = run.concluded.get(rule_id)
        if previous is not None:
            if previous != outcome:
                raise RuntimeError(f"rule {rule_id} reached both {previous} and {outcome}")
            run.also.append(firing)
            return
        run.concluded[rule_id] = outcome
        run.firings.append(firing)
        if cited:  # only conclusions a later rule cites are asserted; any other would be unhandled (trap 2)
            c.assert_fact({"id": rule_id, "s": outcome})  # Closure.assert_fact → later rules build on it

    return act


# durable_rules' MAX_STACK_SIZE (events.c): the alpha nodes one asserted fact may leave pending (trap 11).
ALPHA_STACK = 64


def _cited(clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> set[str]:
    return {fact_id for outcomes in clauses.values() for dnf in outcomes.values() for clause in dnf for fact_id, _ in clause}


def _paths(outcomes: dict[str, tuple[Clause, ...]]) -> list[tuple[tuple[str, str], Any]]:
    """The alpha paths one rule's conditions add, each under the ``(fact id, status)`` that can match it.

    Measured on durable_rules 2.0.28: identical conditions written without ``$or`` (one status, no
    ``$in``) share one path, so they are keyed by the condition itself; a condition with ``$or`` gets
    paths of its own, only one of which a given fact can match, so it counts once per status it accepts.
    """
    out = []
    for dnf in outcomes.values():
        for clause in dnf:
            for fact_id, cond in clause:
                shared = len(cond.states) == 1 and all(op != "$in" for _, op, _ in cond.constraints)
                key = cond if shared else object()
                out.extend(((fact_id, status), key) for status in cond.states)
    return out


def parts(clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> list[dict[str, dict[str, tuple[Clause, ...]]]]:
    """``clauses`` (each rule after the rules it cites) cut, in that order, into the fewest consecutive
    parts in which no fact's status can match more than :data:`ALPHA_STACK` condition paths (trap 11).

    Raises :class:`EngineFault` if a rule cites a rule after it, or one rule alone exceeds the limit.
    """
    out: list[dict[str, dict[str, tuple[Clause, ...]]]] = [{}]
    paths: dict[tuple[str, str], set[Any]] = {}
    for rule_id, outcomes in clauses.items():
        later = sorted(f for f in _cited({rule_id: outcomes}) if f in clauses and not any(f in p for p in out))
        if later:
            raise EngineFault(f"rule {rule_id} cites {', '.join(later)}, which comes after it", rule=rule_id)
        own: dict[tuple[str, str], set[Any]] = {}
        for k, key in _paths(outcomes):
            own.setdefault(k, set()).add(key)
        grown = {k: paths.get(k, set()) | keys for k, keys in own.items()}
        if out[-1] and any(len(v) > ALPHA_STACK for v in grown.values()):
            out.append({})
            paths = {}
            grown = own
        if any(len(v) > ALPHA_STACK for v in grown.values()):
            raise EngineFault(f"rule {rule_id} alone has more than {ALPHA_STACK} conditions one fact can match", rule=rule_id)
        paths.update(grown)
        out[-1][rule_id] = outcomes
    return out


def definitions(clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> dict[str, Any]:
    """The durable_rules ruleset definition (JSON form, with Python actions) for compiled clauses (one
    part, :func:`parts`: a rule's conclusion is asserted back only where a rule of the same part cites it)."""
    ruleset: dict[str, Any] = {}
    cited = _cited(clauses)
    for rule_id, outcomes in clauses.items():
        for outcome, dnf in sorted(outcomes.items()):
            for index, clause in enumerate(dnf):
                aliases = [(f"f{i}", fact_id, next(iter(cond.states)) if len(cond.states) == 1 else None)
                           for i, (fact_id, cond) in enumerate(clause)]
                ruleset[f"{rule_id}|{outcome}|{index}"] = {
                    "all": [{alias: condition_json(fid, cond)} for (alias, fid, _), (_, cond) in zip(aliases, clause)],
                    "run": _action(rule_id, outcome, index, aliases, rule_id in cited),
                }
    return ruleset


_names: dict[int, tuple[Any, str]] = {}  # id(clauses) → (clauses, name): the clauses are kept alive


def ruleset_name(clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> str:
    """A name derived from the clauses' content: the same rules always get the same name.

    Hashing the clauses costs a quarter of an assessment, so the name is computed once per clauses
    object (held here, so its id cannot be reused by another object).
    """
    known = _names.get(id(clauses))
    if known is not None and known[0] is clauses:
        return known[1]
    digest = hashlib.sha256(repr(sorted(clauses.items())).encode("utf-8")).hexdigest()[:16]
    name = f"{RULESET}_{digest}"
    _names[id(clauses)] = (clauses, name)
    return name


@dataclass(frozen=True)
class Part:
    """One registered ruleset of a rulebook (trap 11): its ``name``, its ``clauses``, and the
    conclusions of earlier parts its rules cite (``carried``)."""

    name: str
    clauses: dict[str, dict[str, tuple[Clause, ...]]]
    carried: frozenset[str]


def _ensure_ruleset(clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> tuple[_QuietHost, list[Part]]:
    """The process's one host, with ``clauses`` registered exactly once (traps 6, 7 and 11)."""
    global _host
    if _host is None:
        _host = _QuietHost()
    name = ruleset_name(clauses)
    if name not in _registered:
        cut = parts(clauses)
        registered = []
        for index, part in enumerate(cut):
            part_name = name if len(cut) == 1 else f"{name}_{index}"
            carried = frozenset(_cited(part) & set().union(*cut[:index]))
            # Host.register_rulesets deletes each rule's "run" key: it gets a definition built for it alone.
            _host.register_rulesets({part_name: definitions(part)})
            registered.append(Part(part_name, part, carried))
        _parts[name] = registered
        _registered.add(name)
    return _host, _parts[name]


def _checked(fact: dict[str, Any]) -> dict[str, Any]:
    """Refuse any fact whose fields are not of the exact expected types (trap 5)."""
    ok = (
        isinstance(fact.get("id"), str)
        and fact.get("s") in _STATES
        and all(k in {"id", "s", "n", "e", "sid"} for k in fact)
        and ("n" not in fact or (type(fact["n"]) is float and fact["s"] == "K"))
        and ("e" not in fact or (type(fact["e"]) is str and fact["s"] == "K"))
    )
    if not ok:
        raise EngineFault(f"refusing an untyped or malformed fact: {fact!r}")
    return fact


def handled_states(clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> dict[str, frozenset[str]]:
    """For each fact id some clause cites, the statuses some clause accepts (trap 2 pre-flight; also what
    the benchmark's raw baseline asserts into each ruleset)."""
    states: dict[str, set[str]] = {}
    for outcomes in clauses.values():
        for dnf in outcomes.values():
            for clause in dnf:
                for fact_id, cond in clause:
                    states.setdefault(fact_id, set()).update(cond.states)
    return {k: frozenset(v) for k, v in states.items()}


def _raise_on_exception(state: Any, run: _Run) -> None:
    if isinstance(state, dict) and state.get("exception"):
        last = run.firings[-1].rule if run.firings else None
        raise EngineFault(f"an action failed inside durable_rules: {state['exception']}", rule=last)


def run(clauses: dict[str, dict[str, tuple[Clause, ...]]], facts: list[dict[str, Any]]) -> tuple[list[Firing], list[Firing]]:
    """Assert ``facts`` (``{id, s[, n | e]}``) for one incident and return what fired.

    ``clauses`` list each rule after the rules it cites. Returns ``(firings, also)``: the first firing of
    each rule in firing order, and later firings of a rule that had already concluded (other clauses
    matching the same outcome). Raises :class:`EngineFault` if durable_rules raises, swallows an error,
    or leaves a rule undecided.
    """
    global _current
    with _lock:
        host, registered = _ensure_ruleset(clauses)
        accepted = _handled_states_cached(ruleset_name(clauses), clauses)  # by every part of the rulebook
        batch = []
        for fact in facts:
            if type(fact.get("n")) is float:  # a copy: the caller's fact is left as it was
                fact = fact | {"n": engine_number(fact["n"])}
            if _checked(fact)["s"] not in accepted.get(fact["id"], ()):
                raise EngineFault(f"fact {fact['id']!r} with status {fact['s']!r} is cited by no rule; it would not be handled")
            batch.append(fact)
        _current = _Run()
        try:
            for part in registered:
                handled = _handled_states_cached(part.name, part.clauses)
                carried = [{"id": r, "s": _current.concluded[r]} for r in sorted(part.carried) if r in _current.concluded]
                # a fact only this part's rules can match: any other would go unhandled here (trap 2)
                _assert(host, part.name, [f for f in batch + carried if f["s"] in handled.get(f["id"], ())])
            undecided = sorted(set(clauses) - set(_current.concluded))
            if undecided:
                raise EngineFault(f"rules reached no conclusion: {', '.join(undecided)}", rule=undecided[0])
            return list(_current.firings), list(_current.also)
        finally:
            _current = None


def _assert(host: _QuietHost, name: str, facts: list[dict[str, Any]]) -> None:
    """One session of ruleset ``name``: ``facts`` asserted in one synchronous call (trap 8), checked
    for a swallowed error (trap 3), then deleted (trap 4) unless the assertion failed (traps 2, 11)."""
    assert _current is not None
    sid = str(next(_sids))
    try:
        state = host.assert_facts(name, [f | {"sid": sid} for f in facts])
    except _dr.MessageNotHandledException as exc:
        raise EngineFault(f"a fact matched no rule: {exc}") from exc
    except Exception as exc:  # the C extension raises plain exceptions
        raise EngineFault(f"durable_rules raised: {exc}") from exc
    # Deleting a state whose assertion failed double-frees in the C extension: that one is left behind.
    try:
        _raise_on_exception(state, _current)
        _raise_on_exception(host.get_state(name, sid), _current)  # Host.get_state (trap 3)
    finally:
        host.delete_state(name, sid)  # Host.delete_state (trap 4)
