"""``ihl serve``: the HTTP API and the review page, for a team on its own machine (docs/serve.md).

Thin, like the command line: each route reads the request, hands the incident to a worker process
(:mod:`engine.service`, through an :class:`engine.isolation.Pool`: the rules engine never runs in the
server process) and sends back what the worker answered. Routes:

* ``POST /validate``, ``/assess``, ``/trace?format=json|html``, ``/what-if?set=PATH=VALUE``,
  ``/memo?format=md|html|docx``: the body is an incident file (``application/json``, or YAML as any
  other type); ``account``, ``position``, ``param`` and (assess, trace, memo) ``forum`` as the CLI's
  options.
* ``GET /rules``, ``/schema``, ``/health`` (the only route open without the token), ``/openapi.json``.
* ``GET /`` and ``POST /``, ``/download``, ``/login``: the review page (:mod:`engine.outputs.review`).

Answers: bad input, HTTP 422 with ``{"errors": [...]}`` — the CLI's located problems (file, line,
column, field path, message); an engine fault or a crashed worker, HTTP 500 ``{"error": ...}`` naming
the incident, never a traceback; 401 without the token; 404 and 405 (no such route or method); 411, 413, 503 (every worker busy and the
waiting line full) and 504 (a request over the time limit: its worker is stopped and replaced).

Access: a token, compared in constant time, from a ``Bearer`` header or the review page's cookie; the
server makes no outside request and loads nothing from the network (no CDN, no API docs page). Its log
says method, path, status and time only: never a body, a query string or a witness's identity.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import time
from collections import OrderedDict
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from engine import __version__, api, batch, compare, isolation, load, service
from engine.assessment import Assessment
from engine.load import Problem
from engine.model import IncidentFile
from engine.outputs import review
from engine.settings import DEFAULT_POSITION, SettingsError, from_options

log = logging.getLogger("ihl.serve")

TOKEN_ENV = "IHL_TOKEN"
MIN_TOKEN = 16  # characters: a token shorter than this is refused at start
COOKIE = "ihl_token"


@dataclass(frozen=True)
class Limits:
    """What one server takes on. ``workers``: worker processes (assessments at once); ``waiting``:
    requests that may wait for a worker beyond those (past it: 503 at once); ``timeout``: seconds a
    request may wait for a worker, and again to be answered (past it: 503, or 504 and the worker is
    replaced); ``max_bytes``: the largest request body (past it: 413), the incident-file limit
    :data:`engine.load.MAX_BYTES` plus room for a form's other fields; ``drafts``: incident files the
    review page holds in memory (each at most ``max_bytes``), the least recently used forgotten first."""

    workers: int = 2
    waiting: int = 32
    timeout: float = 60.0
    max_bytes: int = load.MAX_BYTES + 64 * 1024
    drafts: int = 32


class BadInput(BaseModel):
    """HTTP 422: every problem found, located as the CLI locates it."""

    errors: list[Problem]


class Failure(BaseModel):
    """HTTP 401, 411, 413, 500, 503, 504: what went wrong, in one sentence (never a traceback)."""

    error: str


class Validation(BaseModel):
    """``POST /validate``: the file is valid; its warnings."""

    file: str
    ok: bool
    problems: list[Problem]


class WhatIfView(BaseModel):
    """One account's what-if: the findings that flip, and the unknown facts that alone would decide
    each inconclusive finding after the change (see :func:`engine.api.what_if`)."""

    account: str | None
    flips: list[compare.Flip]
    decisive: dict[str, list[compare.Deciding]]


class WhatIf(BaseModel):
    views: list[WhatIfView]


def read_token(token_file: str | Path | None = None) -> str:
    """The access token: the content of ``token_file`` (surrounding whitespace removed) if given, else
    the environment variable ``IHL_TOKEN``; never a command-line value. Raises ``ValueError`` when
    there is none, or it is shorter than :data:`MIN_TOKEN` characters; ``OSError`` for an unreadable file."""
    token = Path(token_file).read_text(encoding="utf-8").strip() if token_file else os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise ValueError(f"no access token: set the environment variable {TOKEN_ENV} or pass --token-file")
    if len(token) < MIN_TOKEN:
        raise ValueError(f"the access token has {len(token)} characters; use at least {MIN_TOKEN} (e.g. python -c "
                         "'import secrets; print(secrets.token_urlsafe())')")
    return token


def _failure(status: int, message: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


INCIDENT_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/IncidentFile"}},
    "application/yaml": {"schema": {"type": "string", "description": "the incident file as YAML"}}}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Failure}, 413: {"model": Failure}, 422: {"model": BadInput}, 500: {"model": Failure},
    503: {"model": Failure}, 504: {"model": Failure}}
ACCOUNT = Query(None, description="Assess only this account of the facts (see the file's accounts).")
POSITION = Query(DEFAULT_POSITION, description="Interpretive position (rules/positions/: icrc, us_dod, uk).")
PARAM = Query([], description="NAME=VALUE: override a parameter of rules/parameters/ for this request.")
FORUM = Query(None, description="Set out the elements of war crimes before this forum (rules/forums/: icc; icty, "
                                "where wilfulness includes recklessness). Without it they are not assessed.")


def create_app(token: str, limits: Limits = Limits(), handler: Callable[[service.Request], service.Answer] = service.answer) -> FastAPI:
    """The ASGI application. ``token``: the access token (see :func:`read_token`); ``handler``: what a
    worker runs for each request (the default answers it; tests pass others). The worker pool starts
    with the application's lifespan and is stopped, every worker with it, when it ends."""
    secret = token.encode("utf-8")

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        batch.warm(memos=True)  # read-only data loaded once, inherited by every worker
        app.state.pool = isolation.Pool(handler, limits.workers, limits.timeout, limits.waiting)
        try:
            yield
        finally:
            app.state.pool.close()

    app = FastAPI(title="ihl-engine", version=__version__, lifespan=lifespan, openapi_url=None, docs_url=None,
                  redoc_url=None, description="Assess attacks in armed conflict against international humanitarian "
                  "law: findings, rule trace, what-if and draft memo for an incident file. A drafting and review "
                  "aid for a lawyer, never a verdict. Every route but /health needs the access token (Bearer).")

    def authorized(request: Request) -> bool:
        header = request.headers.get("authorization", "")
        given = header[7:] if header[:7].lower() == "bearer " else request.cookies.get(COOKIE, "")
        return hmac.compare_digest(given.encode("utf-8", "replace"), secret)

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        """Token, body size and the log line, before any route runs."""
        started = time.monotonic()
        path = request.url.path
        if request.method == "POST" and "content-length" not in request.headers:
            response: Response = _failure(411, "a request body needs a Content-Length header")
        elif request.method == "POST" and not request.headers["content-length"].isdigit():
            response = _failure(400, "the Content-Length header is not a number")
        elif request.method == "POST" and int(request.headers["content-length"]) > limits.max_bytes:
            response = _failure(413, f"the request is {int(request.headers['content-length']):,} bytes; the limit is "
                                     f"{limits.max_bytes:,}")
        elif path in ("/health", "/login") or authorized(request):
            response = await call_next(request)
        elif path == "/" and request.method == "GET":
            response = HTMLResponse(review.login(), status_code=401)
        else:
            response = _failure(401, "missing or wrong access token (send Authorization: Bearer <token>)",
                                **{"WWW-Authenticate": "Bearer"})
        log.info("%s %s %d %.0f ms", request.method, path, response.status_code, (time.monotonic() - started) * 1000)
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [Problem("request", None, None, ".".join(map(str, e["loc"])), load.describe(e)) for e in exc.errors()]
        return JSONResponse({"errors": [p.as_dict() for p in problems]}, status_code=422)

    @app.exception_handler(HTTPException)
    async def no_such_route(request: Request, exc: HTTPException) -> JSONResponse:
        # 404 and 405 in the shape of every other answer, not the framework's {"detail": ...}
        return _failure(exc.status_code, f"{request.method} {request.url.path}: {str(exc.detail).lower()}",
                        **(exc.headers or {}))

    @app.exception_handler(Exception)
    async def defect(request: Request, exc: Exception) -> JSONResponse:
        log.error("internal error on %s: %s", request.url.path, type(exc).__name__)
        return _failure(500, f"internal error ({type(exc).__name__}); nothing was assessed")

    async def ask(work: service.Request) -> service.Answer | Response:
        """Hand ``work`` to a worker; a failure of the worker as the HTTP answer to send."""
        try:
            outcome = await run_in_threadpool(app.state.pool.call, work.name, work)
        except isolation.Busy as exc:
            return _failure(503, f"the server is busy ({exc}); try again shortly", **{"Retry-After": "1"})
        incident = repr(outcome.label) if outcome.label else "(not yet read)"
        if outcome.crash:
            status = 504 if outcome.crash.startswith("stopped after") else 500
            return _failure(status, f"the worker assessing incident {incident} {outcome.crash.removeprefix('worker ')}; "
                                    "it was replaced. No finding was reported.")
        if outcome.error:
            log.error("internal error assessing incident %s: %s", incident, outcome.error.partition(":")[0])
            return _failure(500, f"internal error assessing incident {incident} "
                                 f"({outcome.error.partition(':')[0]}). No finding was reported.")
        return outcome.value

    async def incident_request(request: Request, action: str, **options: Any) -> service.Request:
        json_body = "json" in request.headers.get("content-type", "")
        suffix = ".json" if json_body else ".yaml"
        return service.Request(action, await request.body(), "request" + suffix, suffix, **options)

    def respond(answer: service.Answer | Response, filename: str | None = None) -> Response:
        if isinstance(answer, Response):
            return answer
        if answer.kind == "bad_input":
            if answer.media_type == service.JSON:
                return JSONResponse({"errors": list(answer.problems)}, status_code=422)
            return Response(answer.body, 422, media_type=answer.media_type)
        if answer.kind == "fault":
            return _failure(500, answer.message)
        headers = {"Content-Disposition": f'attachment; filename="{filename}"'} if filename else None
        return Response(answer.body, media_type=answer.media_type, headers=headers)

    @app.get("/health", tags=["server"])
    def health() -> dict[str, Any]:
        """Whether the server is up, with its version and worker count. Needs no token."""
        return {"status": "ok", "version": __version__, "workers": limits.workers}

    @app.get("/openapi.json", include_in_schema=False)
    def openapi() -> dict[str, Any]:
        return app.openapi()

    @app.get("/schema", tags=["reference"])
    def schema() -> dict[str, Any]:
        """The JSON Schema of the incident file format (``ihl schema``)."""
        return api.schema()

    @app.get("/rules", tags=["reference"], responses=ERRORS)
    def rules(position: str = POSITION, param: list[str] = PARAM) -> Response:
        """The encoded rules with their questions, citations and parameters (``ihl rules --format json``)."""
        try:
            book = api.rules(from_options(position, param))
        except SettingsError as exc:
            return JSONResponse({"errors": [Problem("request", None, None, "position/param", str(exc)).as_dict()]}, 422)
        return JSONResponse(api.rules_data(book))

    @app.post("/validate", tags=["incidents"], response_model=Validation, responses=ERRORS, openapi_extra=INCIDENT_BODY)
    async def validate(request: Request) -> Response:
        """Check an incident file; its warnings (200) or every problem, located (422)."""
        return respond(await ask(await incident_request(request, "validate")))

    @app.post("/assess", tags=["incidents"], response_model=list[Assessment], responses=ERRORS, openapi_extra=INCIDENT_BODY)
    async def assess(request: Request, account: str | None = ACCOUNT, position: str = POSITION,
                     param: list[str] = PARAM, forum: str | None = FORUM) -> Response:
        """One finding per legal question, per account, with the elements of war crimes for the forum
        (``ihl assess --format json``)."""
        return respond(await ask(await incident_request(request, "assess", account=account, position=position,
                                                        params=tuple(param), forum=forum)))

    @app.post("/trace", tags=["incidents"], response_model=list[Assessment], responses=ERRORS, openapi_extra=INCIDENT_BODY)
    async def trace(request: Request, format: Literal["json", "html"] = "json", account: str | None = ACCOUNT,
                    position: str = POSITION, param: list[str] = PARAM, forum: str | None = FORUM) -> Response:
        """The findings with their derivation (``json``), or the trace explorer page (``html``)."""
        action = "trace-html" if format == "html" else "trace"
        return respond(await ask(await incident_request(request, action, account=account, position=position,
                                                        params=tuple(param), forum=forum)))

    @app.post("/what-if", tags=["incidents"], response_model=WhatIf, responses=ERRORS, openapi_extra=INCIDENT_BODY)
    async def what_if(request: Request, set: list[str] = Query([], description="PATH=VALUE: a fact or field to set "
                      "(null makes a fact unknown), as `ihl what-if --set`. Repeatable."),
                      account: str | None = ACCOUNT, position: str = POSITION, param: list[str] = PARAM) -> Response:
        """Re-assess with facts changed: the findings that flip, and the facts that would decide the rest."""
        return respond(await ask(await incident_request(request, "what-if", account=account, position=position,
                                                        params=tuple(param), changes=tuple(set))))

    @app.post("/memo", tags=["incidents"], responses=ERRORS | {200: {"content": {
        service.MEDIA["md"]: {}, service.MEDIA["html"]: {}, service.MEDIA["docx"]: {}}}}, openapi_extra=INCIDENT_BODY)
    async def memo(request: Request, format: Literal["md", "html", "docx"] = "md", account: str | None = ACCOUNT,
                   position: str = POSITION, param: list[str] = PARAM, forum: str | None = FORUM) -> Response:
        """The draft legal memo (with the elements of war crimes for the forum): Markdown, one HTML page,
        or a Word document."""
        return respond(await ask(await incident_request(request, "memo", account=account, position=position,
                                                        params=tuple(param), forum=forum, fmt=format)), f"memo.{format}")

    # ------------------------------------------------------------------ the review page

    @app.get("/", include_in_schema=False)
    def page() -> HTMLResponse:
        return HTMLResponse(review.form())

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        given = str((await request.form()).get("token", ""))
        if not hmac.compare_digest(given.encode("utf-8", "replace"), secret):
            return HTMLResponse(review.login("That is not the access token."), status_code=401)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response

    drafts: OrderedDict[str, tuple[str, bytes]] = OrderedDict()  # the review page's files: key → (name, bytes)

    async def page_request(request: Request, action: str, fmt: str = "md") -> service.Request | Response:
        """The review form as a worker's request: a new upload or pasted text (then held under a new
        draft key, the oldest beyond ``limits.drafts`` forgotten), else the file held under the form's key."""
        form = await request.form(max_part_size=limits.max_bytes)
        upload, pasted, key = form.get("upload"), str(form.get("incident") or ""), str(form.get("draft") or "")
        options = {"account": str(form.get("account") or "") or None,
                   "position": str(form.get("position") or DEFAULT_POSITION)}
        if upload is not None and not isinstance(upload, str) and upload.filename:
            name, body = Path(upload.filename).name or "upload.yaml", await upload.read()
        elif pasted.strip():
            name, body = "pasted" + (".json" if pasted.lstrip().startswith("{") else ".yaml"), pasted.encode("utf-8")
        elif key in drafts:
            drafts.move_to_end(key)
            (name, body), key = drafts[key], key
        else:
            problem = Problem("", None, None, "", "no incident file: upload or paste one (the server keeps the last "
                                                  f"{limits.drafts} files it was given, in memory only)")
            return HTMLResponse(review.form([problem.as_dict()], **options), status_code=422)
        if key not in drafts or drafts[key] != (name, body):
            key = secrets.token_urlsafe(18)
            drafts[key] = (name, body)
            while len(drafts) > limits.drafts:
                drafts.popitem(last=False)
        suffix = ".json" if name.lower().endswith(".json") else ".yaml"
        return service.Request(action, body, name, suffix, **options, fmt=fmt, draft=key,
                               changes=tuple(str(c) for c in form.getlist("set") if c))

    @app.post("/", include_in_schema=False)
    async def review_page(request: Request) -> Response:
        work = await page_request(request, "page")
        return respond(work if isinstance(work, Response) else await ask(work))

    @app.post("/download", include_in_schema=False)
    async def download(request: Request, format: Literal["md", "html", "docx"] = "md") -> Response:
        work = await page_request(request, "memo", format)
        if isinstance(work, Response):
            return work
        answer = await ask(replace(work, changes=()))
        if isinstance(answer, service.Answer) and answer.kind == "bad_input":  # shown on the page
            answer = await ask(replace(work, action="page", changes=()))
        return respond(answer, f"memo.{format}")

    def components() -> dict[str, Any]:
        """The OpenAPI document, with the incident file's JSON Schema as the request body's schema."""
        if app.openapi_schema is None:
            document = FastAPI.openapi(app)
            incident = IncidentFile.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(incident.pop("$defs", {}))
            schemas["IncidentFile"] = incident
            document["components"]["securitySchemes"] = {"token": {"type": "http", "scheme": "bearer"}}
            document["security"] = [{"token": []}]
            document["paths"]["/health"]["get"]["security"] = []
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = components  # type: ignore[method-assign]
    return app


def run(host: str, port: int, token: str, limits: Limits = Limits()) -> None:
    """Serve on ``host``:``port`` until stopped (Ctrl-C or SIGTERM); the worker processes stop with it.
    Uvicorn's access log is off: it would print query strings."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    uvicorn.run(create_app(token, limits), host=host, port=port, access_log=False, log_level="info")
