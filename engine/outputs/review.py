"""The review page of ``ihl serve``: one server-rendered HTML page, plain forms, no script.

A lawyer pastes or uploads an incident file and gets, on the same page: every finding with its status,
basis and standard of proof (per account, side by side); the trace explorer (the same template as ``ihl
trace --format html``, collapsed under its heading); a what-if form (each yes/no fact of the incident
with its recorded value and a choice of true, false or unknown) that shows which findings flip;
the account and position to assess under; and buttons that download the memo in Markdown, Word or
HTML. The page never sends the incident file back (it holds the witnesses' identities): the server
keeps the file, in memory, under a random ``draft`` key that the form carries (:mod:`engine.serve`).

Rendered through :func:`engine.outputs.html.environment` (autoescape on). Witnesses are named by
pseudonym only, as in every output (:mod:`engine.outputs.context`).
"""

from __future__ import annotations

from typing import Any, Sequence

from engine import accounts, api, settings
from engine.facts import elements, fact_paths
from engine.infer import record
from engine.load import Loaded
from engine.outputs import context, html
from engine.settings import DEFAULT_POSITION, Settings


def _choices(position: str, account: str | None, names: Sequence[str]) -> dict[str, Any]:
    """The position and account selectors: every shipped position, and the file's accounts."""
    return {"positions": [{"name": n, "title": p.title} for n, p in settings.positions().items()],
            "position": position, "accounts": list(names), "account": account}


def _render(**values: Any) -> str:
    return html.environment().get_template("review.html.j2").render(**values)


def login(message: str | None = None) -> str:
    """The page that asks for the access token (``message``: why it is shown again, e.g. a wrong token)."""
    return _render(login=True, message=message, form=None, problems=[], result=False)


def form(problems: Sequence[dict[str, Any]] = (), position: str = DEFAULT_POSITION, account: str | None = None) -> str:
    """The empty review page, or the page with the located ``problems`` (dicts of
    :meth:`engine.load.Problem.as_dict`) of a file that could not be read."""
    return _render(login=False, message=None, result=False, problems=list(problems),
                   form={"draft": "", "name": ""} | _choices(position, account, []))


def _toggles(loaded: Loaded, changes: Sequence[str]) -> list[dict[str, Any]]:
    """The yes/no facts of the incident (as recorded in its shared base), in the file's order, each
    with its recorded status (``true``, ``false``, ``unknown``) and the what-if value chosen for it."""
    chosen = dict(c.partition("=")[::2] for c in changes)
    recorded = elements(accounts.resolve(loaded.file, None))
    labels = context.fact_labels()["facts"]
    return [{"id": fact_id, "label": labels[fact_id]["label"], "recorded": record(recorded[fact_id]).status,
             "chosen": chosen.get(fact_id, "")}
            for fact_id in labels if fact_paths().get(fact_id) == "bool"]


def _summary(assessments: list[Any]) -> list[dict[str, Any]]:
    """One row per finding: its title and, per assessment, status, basis and the standard of proof met
    (shown for a finding that indicates a violation or none)."""
    return [{"id": f.id, "title": f.title,
             "cells": [{"status": a.findings[i].status, "basis": a.findings[i].basis,
                        "standard": a.findings[i].evidence.standard_label if a.findings[i].evidence else None}
                       for a in assessments]}
            for i, f in enumerate(assessments[0].findings)]


def page(loaded: Loaded, account: str | None, run: Settings, changes: Sequence[str] = (), draft: str = "") -> str:
    """The review page for ``loaded`` assessed for every account (or ``account``) under ``run``; with
    ``changes`` (``PATH=VALUE``), also the findings that flip under them; ``draft``: the key under which
    the server holds the file, carried by the form. Raises what
    :func:`engine.api.assess` and :func:`engine.api.what_if_assignments` raise."""
    assessments = api.assess(loaded, account, run)
    values = context.build(loaded, assessments, what_if=True, run=run)
    names = [a.name for a in loaded.file.accounts]
    whatif = api.what_if_assignments(loaded, changes, account, run) if changes else None
    return _render(**values, login=False, message=None, result=True, problems=[],
                   form={"draft": draft, "name": loaded.path} | _choices(run.position, account, names),
                   summary=_summary(assessments), toggles=_toggles(loaded, changes), whatif=whatif,
                   titles={f.id: f.title for f in assessments[0].findings})
