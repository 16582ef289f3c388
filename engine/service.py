"""What a worker process of ``ihl serve`` does with one request: incident bytes in, an answer out.

The HTTP server (:mod:`engine.serve`) never runs the rules engine itself: durable_rules is not
thread-safe and can crash the process (DESIGN.md traps 6 and 10), so every request that reads an
incident is handed, as a :class:`Request`, to a worker of an :class:`engine.isolation.Pool`, which
calls :func:`answer`. Everything here goes through :mod:`engine.api`, as the command line does, so
the API and the CLI give the same findings, the same located errors and the same bytes.

An :class:`Answer` is plain data (it crosses a pipe): ``ok`` with the body to send, ``bad_input`` with
the located problems (the CLI's ``--format json`` errors), or ``fault`` when the rules engine failed
(:class:`engine.adapter.EngineFault`), naming the incident and rule. No answer holds a witness's
identity: the outputs and the error messages name witnesses by pseudonym only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from engine import api, isolation
from engine.accounts import UnknownAccount
from engine.adapter import EngineFault
from engine.load import InputError, Loaded, Problem
from engine.settings import DEFAULT_POSITION, SettingsError, from_options

JSON = "application/json"
MEDIA = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@dataclass(frozen=True)
class Request:
    """One request for a worker. ``body``: the incident file's bytes (YAML or JSON, as ``suffix``
    ``.json``/``.yaml`` says); ``name``: how the file is named in located errors; ``account``: one
    account or ``None`` for all; ``position``, ``params`` (``NAME=VALUE``) and ``forum`` as ``--position``,
    ``--param`` and ``--forum`` (None: the elements of war crimes are not assessed); ``changes`` (``PATH=VALUE``) as ``ihl what-if --set``; ``fmt``: the memo format
    (``md``, ``html``, ``docx``); ``draft``: for the review page, the key the server holds the file under."""

    action: str
    body: bytes
    name: str = "request.yaml"
    suffix: str = ".yaml"
    account: str | None = None
    position: str = DEFAULT_POSITION
    params: tuple[str, ...] = ()
    forum: str | None = None
    changes: tuple[str, ...] = ()
    fmt: str = "md"
    draft: str = ""


@dataclass(frozen=True)
class Answer:
    """A worker's answer. ``kind``: ``ok``, ``bad_input`` or ``fault``. ``body`` and ``media_type``: what
    to send for ``ok`` (and the page, for a ``page`` request with bad input); ``problems``: the located
    problems (:meth:`engine.load.Problem.as_dict`) for ``bad_input``; ``incident``: the incident id,
    once the file was read; ``message``: what failed, for ``fault``."""

    kind: str
    body: str | bytes = ""
    media_type: str = JSON
    problems: tuple[dict[str, Any], ...] = ()
    incident: str | None = None
    message: str = ""


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _run(request: Request, loaded: Loaded) -> Answer:
    """The action of ``request`` on the validated file ``loaded``."""
    run = from_options(request.position, request.params, request.forum)
    incident = loaded.file.incident.id
    action = request.action
    if action == "validate":
        body: str | bytes = _json({"file": loaded.path, "ok": True, "problems": [p.as_dict() for p in loaded.warnings]})
    elif action == "assess":
        body = api.to_json(api.assess(loaded, request.account, run))
    elif action == "trace":
        body = api.to_json(api.assess(loaded, request.account, run), trace=True)
    elif action == "trace-html":
        body = api.trace_html(loaded, request.account, run)
    elif action == "what-if":
        body = _json(api.what_if_assignments(loaded, request.changes, request.account, run))
    elif action == "memo":
        if request.fmt not in api.MEMO_FORMATS:
            raise SettingsError(f"unknown memo format {request.fmt!r}; use one of {', '.join(api.MEMO_FORMATS)}")
        return Answer("ok", api.memo(loaded, request.account, run, request.fmt), MEDIA[request.fmt], incident=incident)
    elif action == "page":
        from engine.outputs import review

        body = review.page(loaded, request.account, run, request.changes, request.draft)
        return Answer("ok", body, MEDIA["html"], incident=incident)
    else:
        raise ValueError(f"unknown action {action!r}")
    return Answer("ok", body, MEDIA["html"] if action == "trace-html" else JSON, incident=incident)


def answer(request: Request) -> Answer:
    """Answer ``request`` (runs in a worker process; see the module's docstring). Never raises for bad
    input or an engine fault: they come back as answers. Any other exception is a defect, which the
    pool reports as the item's ``error``."""
    incident = None

    def bad(problems: list[Problem]) -> Answer:
        dicts = tuple(p.as_dict() for p in problems)
        if request.action == "page":
            from engine.outputs import review

            return Answer("bad_input", review.form(dicts, request.position, request.account), MEDIA["html"], dicts,
                          incident)
        return Answer("bad_input", problems=dicts, incident=incident)

    try:
        loaded = api.load_bytes(request.body, request.name, request.suffix)
        incident = loaded.file.incident.id
        isolation.note(incident)
        isolation.crash_point(incident)  # test-only hook
        return _run(request, loaded)
    except InputError as exc:
        return bad(exc.problems)
    except SettingsError as exc:
        return bad([Problem(request.name, None, None, "position/param/forum/format", str(exc))])
    except UnknownAccount as exc:
        return bad([Problem(request.name, None, None, "account", f"no account {exc.args[0]!r} in the file; "
                                                                  f"its accounts: {', '.join(exc.names) or 'none'}")])
    except EngineFault as exc:
        where = f" (rule {exc.rule})" if exc.rule else ""
        return Answer("fault", incident=incident,
                      message=f"engine error{where} assessing incident {incident!r}: {exc}. No finding was reported.")
