"""Property-based fuzz of the HTTP API from its own OpenAPI document (schemathesis): requests drawn
from every route's schema — incident files from the format's JSON Schema, YAML text, query values —
never get a server error (HTTP 5xx). Bounded: a fixed number of examples per route, derandomized, so
the suite stays fast and the same examples run every time."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from engine.serve import Limits, create_app

TOKEN = "fuzz-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
APP = create_app(TOKEN, Limits(workers=2, timeout=120))
# The examples and fuzzing phases only: the coverage phase's boundary cases number in the hundreds per route.
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}})
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, headers=AUTH, config=CONFIG)


@pytest.fixture(scope="module", autouse=True)
def workers():
    with TestClient(APP):  # the lifespan: the worker pool runs while the module's tests do
        yield


@schema.parametrize()
@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case):
    response = case.call(headers=AUTH, timeout=300)  # a slow machine is not a failure; a 5xx is
    case.validate_response(response, checks=[not_a_server_error])
