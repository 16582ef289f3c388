"""``ihl serve``: the HTTP API and the review page, through FastAPI's test client (docs/serve.md).

The API answers as the command line does (same findings, same bytes, same located errors), keeps its
access, size, time and concurrency limits, and reports a crashed worker or an engine fault as HTTP 500
naming the incident, never a traceback.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import threading
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from engine import __version__, api, isolation, service, settings
from engine.cli import app as cli
from engine.serve import MIN_TOKEN, Limits, create_app, read_token

ROOT = Path(__file__).resolve().parent.parent
A1 = ROOT / "examples/raqqa-2017/a1-aswad-2017-06-28.yaml"
RTS = ROOT / "examples/calibration/nato-rts-belgrade.yaml"
TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
YAML = {"Content-Type": "application/yaml"}


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(TOKEN, Limits(workers=2, timeout=120))) as c:
        yield c


def post(client, route, body=A1.read_bytes(), headers=YAML, **params):
    return client.post(route, content=body, headers=AUTH | headers, params=params)


# ---------------------------------------------------------------------------------- access

ROUTES = [("get", "/rules"), ("get", "/schema"), ("get", "/openapi.json"), ("post", "/validate"), ("post", "/assess"),
          ("post", "/trace"), ("post", "/what-if"), ("post", "/memo"), ("post", "/"), ("post", "/download")]


@pytest.mark.parametrize("method, route", ROUTES)
@pytest.mark.parametrize("auth", [{}, {"Authorization": "Bearer wrong-token-0123456789"}, {"Authorization": TOKEN}],
                         ids=["none", "wrong", "not-bearer"])
def test_every_route_but_health_needs_the_token(client, method, route, auth):
    response = client.request(method, route, headers=auth, content=b"x: 1" if method == "post" else None)
    assert response.status_code == 401
    assert response.json() == {"error": "missing or wrong access token (send Authorization: Bearer <token>)"}
    assert response.headers["www-authenticate"] == "Bearer"


def test_health_is_open_and_the_page_asks_for_the_token(client):
    assert client.get("/health").json() == {"status": "ok", "version": __version__, "workers": 2}
    page = client.get("/")
    assert page.status_code == 401 and '<form method="post" action="/login">' in page.text


def test_the_token_comes_from_the_environment_or_a_file_never_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("IHL_TOKEN", "  from-the-environment-1234 \n")
    assert read_token() == "from-the-environment-1234"
    file = tmp_path / "token"
    file.write_text("from-a-file-0123456789\n", encoding="utf-8")
    assert read_token(file) == "from-a-file-0123456789"
    monkeypatch.setenv("IHL_TOKEN", "short")
    with pytest.raises(ValueError, match=f"use at least {MIN_TOKEN}"):
        read_token()
    monkeypatch.delenv("IHL_TOKEN")
    with pytest.raises(ValueError, match="set the environment variable IHL_TOKEN or pass --token-file"):
        read_token()
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2 and "no access token" in result.stderr
    assert "--token " not in CliRunner().invoke(cli, ["serve", "--help"]).stdout
    assert CliRunner().invoke(cli, ["serve", "--token", "x" * 20]).exit_code == 2  # no such option


def test_serve_listens_on_this_machine_only_by_default(monkeypatch):
    called = {}
    monkeypatch.setattr(api, "serve", lambda host, port, token_file, **limits: called.update(host=host, port=port, **limits))
    assert CliRunner().invoke(cli, ["serve"]).exit_code == 0
    assert called == {"host": "127.0.0.1", "port": 8000, "workers": 2, "timeout": 60.0, "waiting": 32}


# ---------------------------------------------------------------------------------- answers as the CLI's

def test_assess_gives_the_cli_json_byte_for_byte(client):
    response = post(client, "/assess")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.text == CliRunner().invoke(cli, ["assess", str(A1), "--format", "json"]).stdout
    assert post(client, "/assess").content == response.content  # same input, same bytes


def test_assess_one_account_under_another_position(client):
    response = post(client, "/assess", body=RTS.read_bytes(), account="icty-committee", position="us_dod")
    (assessment,) = response.json()
    assert assessment["account"] == "icty-committee" and assessment["settings"]["position"] == "us_dod"
    cli_out = CliRunner().invoke(cli, ["assess", str(RTS), "--format", "json", "-a", "icty-committee", "-p", "us_dod"])
    assert response.text == cli_out.stdout


def test_a_json_incident_is_read_as_json(client):
    data = json.dumps(api.load(A1).file.model_dump(mode="json", exclude_none=True))
    response = post(client, "/validate", body=data.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code == 200 and response.json()["ok"] is True and response.json()["file"] == "request.json"


def test_bad_input_gets_the_cli_located_errors_with_422(client, tmp_path):
    text = A1.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: 2\nbogus_field: 1", 1)
    file = tmp_path / "request.yaml"
    file.write_text(text, encoding="utf-8")
    expected = json.loads(CliRunner().invoke(cli, ["assess", str(file), "--format", "json"]).stdout)["errors"]
    for route in ("/validate", "/assess", "/trace", "/what-if", "/memo"):
        response = post(client, route, body=text.encode())
        assert response.status_code == 422, route
        got = response.json()["errors"]
        assert [e | {"file": ""} for e in got] == [e | {"file": ""} for e in expected]
        assert got[0]["file"] == "request.yaml" and got[0]["line"] == 9 and got[0]["path"] == "bogus_field"


@pytest.mark.parametrize("body, problem", [
    (b"", {"line": None, "path": "", "message": "the file is empty"}),
    (b"\xff\xfe", {"line": None, "path": "", "message": "the file is UTF-16 text; save it as UTF-8"}),
    (b"incident: [\n", {"line": 2, "path": ""}),
])
def test_unreadable_bodies_are_located_422(client, body, problem):
    response = post(client, "/assess", body=body)
    assert response.status_code == 422
    (first, *_) = response.json()["errors"]
    assert {k: first[k] for k in problem} == problem


def test_assess_and_memo_before_another_forum_as_the_cli(client):
    response = post(client, "/assess", forum="icty")
    (assessment,) = response.json()
    assert assessment["settings"]["forum"] == "icty" and {c["forum"] for c in assessment["crimes"]} == {"icty"}
    assert response.text == CliRunner().invoke(cli, ["assess", str(A1), "--format", "json", "--forum", "icty"]).stdout
    memo = post(client, "/memo", forum="icty")
    assert memo.text == api.memo(api.load_bytes(A1.read_bytes(), "request.yaml"), run=api.Settings(forum="icty"))
    plain = post(client, "/memo").text  # opt-in: without the forum, the elements are not assessed
    assert memo.text != plain and plain.count(settings.NOT_ASSESSED) == 1 and "## Elements of war crimes" not in plain
    (bare,) = post(client, "/assess").json()
    assert bare["crimes"] is None and bare["settings"]["forum"] is None and bare["settings"]["forum_note"] == settings.NOT_ASSESSED


@pytest.mark.parametrize("params, path, message", [
    ({"position": "nowhere"}, "position/param/forum/format", "unknown position 'nowhere'; known: icrc, uk, us_dod"),
    ({"account": "nobody"}, "account", "no account 'nobody' in the file; its accounts: none"),
    ({"param": "nonsense"}, "position/param/forum/format", "--param: expected NAME=VALUE"),
    ({"forum": "nuremberg"}, "position/param/forum/format", "unknown forum 'nuremberg'; known: icc, icty"),
])
def test_bad_options_are_422_naming_the_option(client, params, path, message):
    response = post(client, "/assess", **params)
    assert response.status_code == 422
    (problem,) = response.json()["errors"]
    assert problem["path"] == path and problem["message"].startswith(message)


def test_a_query_of_the_wrong_form_is_422_in_the_same_shape(client):
    response = post(client, "/memo", format="pdf")
    assert response.status_code == 422
    (problem,) = response.json()["errors"]
    assert problem["path"] == "query.format" and problem["file"] == "request"


def test_trace_json_and_html(client):
    traced = post(client, "/trace").json()
    assert "trace" in traced[0] and traced[0]["trace"]["facts"]
    page = post(client, "/trace", format="html")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.text == api.trace_html(api.load_bytes(A1.read_bytes(), "request.yaml"))


def test_what_if_shows_the_findings_that_flip(client):
    response = post(client, "/what-if", set=["attack.directed_at_specific_objective=false"])
    assert response.status_code == 200
    expected = api.what_if_assignments(api.load_bytes(A1.read_bytes(), "request.yaml"),
                                       ["attack.directed_at_specific_objective=false"])
    assert response.json() == json.loads(json.dumps(expected))
    assert response.json()["views"][0]["flips"] == [{"finding": "indiscriminate.not_directed_at_specific_objective",
                                                     "before": "inconclusive", "after": "violation_indicated"}]
    bad = post(client, "/what-if", set=["civilians.present=maybe"])
    assert bad.status_code == 422 and bad.json()["errors"][0]["path"].startswith("--set")


@pytest.mark.parametrize("fmt, media", [("md", "text/markdown; charset=utf-8"), ("html", "text/html; charset=utf-8"),
                                        ("docx", service.MEDIA["docx"])])
def test_memo_in_each_format(client, fmt, media):
    response = post(client, "/memo", format=fmt)
    assert response.status_code == 200 and response.headers["content-type"] == media
    assert response.headers["content-disposition"] == f'attachment; filename="memo.{fmt}"'
    if fmt == "docx":
        paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
        assert "Conclusion" in paragraphs
    else:
        assert response.text == api.memo(api.load_bytes(A1.read_bytes(), "request.yaml"), fmt=fmt)


def test_rules_and_schema(client):
    rules = client.get("/rules", headers=AUTH).json()
    assert rules == json.loads(CliRunner().invoke(cli, ["rules", "--format", "json"]).stdout)
    assert client.get("/schema", headers=AUTH).json() == api.schema()
    assert client.get("/rules", headers=AUTH, params={"position": "nowhere"}).status_code == 422


def test_openapi_publishes_every_route_with_the_incident_schema(client):
    document = client.get("/openapi.json", headers=AUTH).json()
    assert sorted(document["paths"]) == ["/assess", "/health", "/memo", "/rules", "/schema", "/trace", "/validate", "/what-if"]
    body = document["paths"]["/assess"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"] == {"$ref": "#/components/schemas/IncidentFile"}
    assert "Incident" in document["components"]["schemas"]
    assert document["paths"]["/health"]["get"]["security"] == []


# ---------------------------------------------------------------------------------- limits

def test_a_body_over_the_limit_is_413_and_one_without_a_length_411(client):
    big = b"#" * (Limits().max_bytes + 1)
    response = post(client, "/assess", body=big)
    assert response.status_code == 413
    assert response.json() == {"error": f"the request is {len(big):,} bytes; the limit is {Limits().max_bytes:,}"}
    chunked = client.post("/assess", content=iter([b"schema_version: 2\n"]), headers=AUTH)
    assert chunked.status_code == 411


def _wait_forever(_request):
    signal.pause()  # a request the engine never finishes: only the time limit ends it


def _crash(_request):
    os.abort()


def _defect(_request):
    raise RuntimeError("a defect with a witness name Zubayda inside")


def test_a_request_over_the_time_limit_is_504_and_its_worker_replaced():
    with TestClient(create_app(TOKEN, Limits(workers=1, timeout=1), handler=_wait_forever)) as c:
        (before,) = c.app.state.pool.pids()
        response = post(c, "/assess")
        assert response.status_code == 504
        assert response.json() == {"error": "the worker assessing incident (not yet read) stopped after 1 s (the time "
                                            "limit); it was replaced. No finding was reported."}
        (after,) = c.app.state.pool.pids()
        assert after != before
        with pytest.raises(ProcessLookupError):
            os.kill(before, 0)


def test_more_requests_than_workers_and_waiting_places_get_503():
    pool = isolation.Pool(_wait_forever, size=1, timeout=1, waiting=0)
    try:
        results = []
        first = threading.Thread(target=lambda: results.append(pool.call("first", None)))
        first.start()
        while pool._idle.qsize():  # until the first request holds the only worker
            threading.Event().wait(0.01)
        with pytest.raises(isolation.Busy, match="1 worker"):
            pool.call("second", None)
        first.join()
        assert results[0].crash == "stopped after 1 s (the time limit)"
    finally:
        pool.close()
    assert pool.pids() == []


def test_a_crashed_worker_is_500_naming_the_incident_and_is_replaced(monkeypatch):
    monkeypatch.setenv(isolation.CRASH_ENV, "raqqa-2017-a1")
    with TestClient(create_app(TOKEN, Limits(workers=1))) as c:
        response = post(c, "/assess")
        assert response.status_code == 500
        assert response.json() == {"error": "the worker assessing incident 'raqqa-2017-a1' killed by SIGABRT; it was "
                                            "replaced. No finding was reported."}
        assert post(c, "/assess", body=RTS.read_bytes()).status_code == 200  # the replacement works


def test_an_engine_fault_is_500_naming_the_incident(monkeypatch):
    from engine.adapter import EngineFault

    def fault(*args, **kwargs):
        raise EngineFault("durable_rules refused the facts", rule="distinction.target_lawful")

    monkeypatch.setattr(api, "assess", fault)  # before the workers fork: they inherit it
    with TestClient(create_app(TOKEN, Limits(workers=1))) as c:
        response = post(c, "/assess")
    assert response.status_code == 500
    assert response.json() == {"error": "engine error (rule distinction.target_lawful) assessing incident "
                                        "'raqqa-2017-a1': durable_rules refused the facts. No finding was reported."}


@pytest.mark.parametrize("handler", [_crash, _defect])
def test_a_defect_is_500_with_no_traceback_and_no_message(handler, caplog):
    with TestClient(create_app(TOKEN, Limits(workers=1), handler=handler)) as c:
        response = post(c, "/assess")
    assert response.status_code == 500
    assert "Traceback" not in response.text and "Zubayda" not in response.text and "Zubayda" not in caplog.text
    assert response.json()["error"].endswith("No finding was reported.")


# ---------------------------------------------------------------------------------- the review page

def _signed_in(client):
    assert client.post("/login", data={"token": "wrong"}).status_code == 401
    response = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
    assert response.status_code == 303
    assert "HttpOnly" in response.headers["set-cookie"] and "SameSite=strict" in response.headers["set-cookie"]
    return client


def test_review_page_assesses_an_upload_runs_a_what_if_and_downloads_the_memo(client):
    _signed_in(client)
    try:
        empty = client.get("/")
        assert empty.status_code == 200 and 'name="incident"' in empty.text
        page = client.post("/", files={"upload": ("a1.yaml", A1.read_bytes())},
                           data={"set": ["", "attack.directed_at_specific_objective=false"], "position": "icrc"})
        assert page.status_code == 200
        assert '<tr data-finding="precautions.effective_warning"><td>Effective advance warning</td>' in page.text
        assert 'id="trace-explorer"' in page.text and 'class="flips"' in page.text
        assert '<option value="attack.directed_at_specific_objective=false" selected>' in page.text
        assert ('<tr data-finding="indiscriminate.not_directed_at_specific_objective"><td>Attack not directed at a '
                'specific military objective <code>') in page.text  # it flips
        assert "sole survivor of the strike" not in page.text  # a witness source's title: the file is never sent back
        (draft,) = re.findall(r'name="draft" value="([^"]+)"', page.text)
        word = client.post("/download", params={"format": "docx"}, data={"draft": draft, "account": ""})
        assert word.status_code == 200 and word.headers["content-type"] == service.MEDIA["docx"]
        assert word.headers["content-disposition"] == 'attachment; filename="memo.docx"'
        bad = client.post("/", data={"incident": "schema_version: 2\nincident: {}\n"})
        assert bad.status_code == 422 and "The file cannot be assessed" in bad.text
        assert "pasted.yaml:2:11" in bad.text
        gone = client.post("/", data={"draft": "forgotten"})
        assert gone.status_code == 422 and "no incident file: upload or paste one" in gone.text
    finally:
        client.cookies.clear()


def test_review_page_shows_basis_and_standard_of_proof_of_a_decided_finding(client):
    _signed_in(client)
    try:
        page = client.post("/", files={"upload": ("rts.yaml", RTS.read_bytes())}, data={"account": "icty-committee"})
    finally:
        client.cookies.clear()
    (assessment,) = api.assess(api.load(RTS), "icty-committee")
    decided = [f for f in assessment.findings if f.status in ("violation_indicated", "no_violation_indicated")]
    assert decided
    for f in decided:
        row = re.search(rf'<tr data-finding="{re.escape(f.id)}">(.*?)</tr>', page.text, re.S).group(1)
        standard = f.evidence.standard_label if f.evidence and f.evidence.standard_label else "none reached"
        assert f"basis: {f.basis.replace('_', ' ')}; standard of proof: {standard}" in row
    assert '<option value="icty-committee" selected>' in page.text


def test_no_such_route_or_method_answers_in_the_shape_of_every_error(client):
    missing = client.get("/nowhere", headers=AUTH)
    assert (missing.status_code, missing.json()) == (404, {"error": "GET /nowhere: not found"})
    wrong = client.get("/assess", headers=AUTH)
    assert (wrong.status_code, wrong.json()) == (405, {"error": "GET /assess: method not allowed"})
    assert wrong.headers["allow"] == "POST"
