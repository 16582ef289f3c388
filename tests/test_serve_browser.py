"""The review page of ``ihl serve`` in a real browser: headless Chromium through Playwright, with the
driver and skip logic of the HTML memo tests (:mod:`test_browser`). The server runs on 127.0.0.1 in
a thread; every request the page makes to anywhere else is refused and fails the test.

Signs in, uploads an example, expands a finding in the trace explorer, runs a what-if and downloads
the Markdown memo.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import uvicorn

from engine import api
from engine.serve import Limits, create_app

from test_browser import CHROMIUM, FLAGS, playwright, pytestmark  # noqa: F401 - the skip logic

A1 = Path(__file__).resolve().parent.parent / "examples/raqqa-2017/a1-aswad-2017-06-28.yaml"
TOKEN = "browser-token-0123456789"


@pytest.fixture(scope="module")
def server():
    config = uvicorn.Config(create_app(TOKEN, Limits(workers=1, timeout=120)), host="127.0.0.1", port=0,
                            log_level="warning", access_log=False)
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started and thread.is_alive():
        threading.Event().wait(0.05)
    host, port = running.servers[0].sockets[0].getsockname()[:2]
    yield f"http://{host}:{port}"
    running.should_exit = True
    thread.join()


@pytest.fixture
def page(server, tmp_path):
    outside = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1400}, accept_downloads=True)

        def only_this_server(route):
            if route.request.url.startswith(server + "/"):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_this_server)
        yield context.new_page()
        context.close()
        browser.close()
    assert outside == []  # the page needs nothing from anywhere else


def test_review_page_upload_trace_what_if_and_memo(page, server, tmp_path):
    page.goto(server + "/")
    page.fill('input[name="token"]', TOKEN)
    page.click('button:has-text("Sign in")')
    page.set_input_files('input[name="upload"]', str(A1))
    page.click('button:has-text("Assess")')
    row = page.locator('#review-findings tr[data-finding="indiscriminate.not_directed_at_specific_objective"]')
    assert row.inner_text().split("\t")[1].strip() == "inconclusive"

    explorer = page.locator("#trace-explorer")
    explorer.locator("summary").first.click()
    finding = explorer.locator('details.finding[data-finding="indiscriminate.not_directed_at_specific_objective"]')
    finding.locator("summary").first.click()
    assert finding.evaluate("d => d.open")
    assert finding.locator("details.rule").first.is_visible()

    page.select_option('select[data-fact="attack.directed_at_specific_objective"]',
                       "attack.directed_at_specific_objective=false")
    page.click('button:has-text("Run the what-if")')
    flip = page.locator('#what-if table.flips tr[data-finding="indiscriminate.not_directed_at_specific_objective"]')
    assert flip.inner_text().split("\t")[1:] == ["inconclusive", "violation indicated"]
    page.screenshot(path=str(tmp_path / "review.png"), full_page=False)
    assert (tmp_path / "review.png").stat().st_size > 10_000

    with page.expect_download() as download:
        page.click('button:has-text("Download Markdown")')
    assert download.value.suggested_filename == "memo.md"
    memo = Path(download.value.path()).read_text(encoding="utf-8")
    assert memo == api.memo(api.load_bytes(A1.read_bytes(), "a1-aswad-2017-06-28.yaml"))
