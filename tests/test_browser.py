"""The HTML memo and the trace explorer in a real browser: headless Chromium (Debian's ``chromium``,
which ``.ci/run`` installs where missing), driven by Playwright for Python with that browser (no
browser is downloaded). A screenshot of each page is kept under the test's tmp dir for debugging.

Skipped, with the reason, only where Chromium or Playwright cannot be had on the machine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine import api
from engine.load import parse_text

from test_memo import BASE, WITNESS_NAME, _with_accounts

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install '.[test]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium; .ci/run does it)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with playwright.sync_playwright() as p:
        profile = tmp_path_factory.mktemp("chromium-profile")
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, viewport={"width": 1280, "height": 1400},
            offline=True)  # the pages must need nothing from the network
        yield context
        context.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    loaded = parse_text(_with_accounts(BASE), "test.yaml")
    (folder / "memo.html").write_text(api.memo(loaded, fmt="html"), encoding="utf-8")
    (folder / "trace.html").write_text(api.trace_html(loaded), encoding="utf-8")
    return folder


def test_trace_explorer_expands_a_finding_and_follows_a_fact_to_its_source(browser, pages, tmp_path):
    page = browser.new_page()
    page.goto((pages / "trace.html").as_uri())
    finding = page.locator('section[data-account="survivors"] details.finding[data-finding="precautions.cancel_or_suspend"]')
    assert not finding.evaluate("d => d.open")
    finding.locator("summary").first.click()
    assert finding.evaluate("d => d.open")
    assert "Violation indicated" in finding.locator("summary").first.inner_text()
    fact = finding.locator('li.fact[data-fact="precautions.cancel_or_suspend.became_apparent"]').first
    assert fact.is_visible()
    assert "yes" in fact.inner_text() and "incident file line" in fact.inner_text()
    assert "driver" in (fact.get_attribute("class") or "")  # the fact that drives the accounts apart
    fact.locator("a.source-link", has_text="Witness A").click()
    assert page.evaluate("location.hash") == "#source-2"
    source = page.locator("li#source-2")
    assert source.evaluate("e => e.matches(':target')")
    assert "witness interview, reliability medium" in source.inner_text()
    assert "identity withheld" in source.inner_text()
    assert WITNESS_NAME not in page.content()
    page.screenshot(path=str(tmp_path / "trace.png"), full_page=False)
    assert (tmp_path / "trace.png").stat().st_size > 10_000


def test_html_memo_opens_with_its_conclusion_and_links_citations_to_sources(browser, pages, tmp_path):
    page = browser.new_page()
    page.goto((pages / "memo.html").as_uri())
    headings = page.locator("h2").all_inner_texts()
    assert headings[0] == "Conclusion" and "Annex: sources" in headings
    assert page.locator("header.draft").inner_text() == "DRAFT — not a legal determination"
    page.locator('a[href="#source-2"]').first.click()
    row = page.locator("tr#source-2")
    assert row.evaluate("e => e.matches(':target')")
    assert row.inner_text().split("\t")[:3] == ["Witness A", "witness interview", "medium"]
    page.screenshot(path=str(tmp_path / "memo.png"))
    assert (tmp_path / "memo.png").stat().st_size > 10_000
