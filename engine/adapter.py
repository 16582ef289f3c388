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
_registered: set[str] = set()  # ruleset names registered with _host
_current: _Run | None = None
_sids = itertools.count(1)
_handled: dict[str, dict[str, frozenset[str]]] = {}


def _handled_states_cached(name: str, clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> dict[str, frozenset[str]]:
    if name not in _handled:
        _handled[name] = _handled_states(clauses)
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
        premises = tuple((fact_id, status or getattr(c, alias)["s"]) for alias, fact_id, status in aliases)
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


def definitions(clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> dict[str, Any]:
    """The durable_rules ruleset definition (JSON form, with Python actions) for compiled clauses."""
    ruleset: dict[str, Any] = {}
    cited = {fact_id for outcomes in clauses.values() for dnf in outcomes.values() for clause in dnf for fact_id, _ in clause}
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


def _ensure_ruleset(clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> tuple[_QuietHost, str]:
    """The process's one host, with ``clauses`` registered exactly once (traps 6 and 7)."""
    global _host
    if _host is None:
        _host = _QuietHost()
    name = ruleset_name(clauses)
    if name not in _registered:
        # Host.register_rulesets deletes each rule's "run" key: it gets a definition built for it alone.
        _host.register_rulesets({name: definitions(clauses)})
        _registered.add(name)
    return _host, name


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


def _handled_states(clauses: dict[str, dict[str, tuple[Clause, ...]]]) -> dict[str, frozenset[str]]:
    """For each fact id some clause cites, the statuses some clause accepts (trap 2 pre-flight)."""
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

    Returns ``(firings, also)``: the first firing of each rule in firing order, and later firings of a
    rule that had already concluded (other clauses matching the same outcome). Raises
    :class:`EngineFault` if durable_rules raises, swallows an error, or leaves a rule undecided.
    """
    global _current
    with _lock:
        host, name = _ensure_ruleset(clauses)
        handled = _handled_states_cached(name, clauses)
        sid = str(next(_sids))
        batch = [_checked({**f, "sid": sid} | ({"n": engine_number(f["n"])} if type(f.get("n")) is float else {}))
                 for f in facts]
        for fact in batch:
            if fact["s"] not in handled.get(fact["id"], ()):
                raise EngineFault(f"fact {fact['id']!r} with status {fact['s']!r} is cited by no rule; it would not be handled")
        _current = _Run()
        delete = True
        try:
            try:
                state = host.assert_facts(name, batch)  # one sid, one synchronous call (trap 8)
            except _dr.MessageNotHandledException as exc:
                # Deleting a state whose facts went unhandled double-frees in the C extension:
                # leave that one state behind rather than crash the process.
                delete = False
                raise EngineFault(f"a fact matched no rule: {exc}") from exc
            except Exception as exc:  # the C extension raises plain exceptions
                raise EngineFault(f"durable_rules raised: {exc}") from exc
            _raise_on_exception(state, _current)
            _raise_on_exception(host.get_state(name, sid), _current)  # Host.get_state (trap 3)
            undecided = sorted(set(clauses) - set(_current.concluded))
            if undecided:
                raise EngineFault(f"rules reached no conclusion: {', '.join(undecided)}", rule=undecided[0])
            return list(_current.firings), list(_current.also)
        finally:
            _current = None
            if delete:
                host.delete_state(name, sid)  # Host.delete_state (trap 4)
