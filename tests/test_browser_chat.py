"""The chat in a real browser: Playwright drives Debian's Chromium against the app on 127.0.0.1.

Asks a question, checks the SQL, the table's row count and the CSV download, asks a follow-up
that narrows it, signs in as a curator, accepts a link suggestion, and saves a screenshot to
reports/screenshots/chat.png.
Needs /usr/bin/chromium (`make browser-deps`); never downloads a browser.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_chat_app_handlers import real_pipeline

from bench.cold_start import free_port
from catalogue.curators import add_curator, remove_curator
from chat_app.ui import build_ui, launch

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("chat_app")]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = Path(__file__).resolve().parent.parent / "reports" / "screenshots" / "chat.png"
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):  # CI installs it through `make test`; its absence there is a failure
            pytest.fail("Debian's chromium is not installed (make browser-deps)")
        pytest.skip("Debian's chromium is not installed (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def app_url(db_settings, value_index, tmp_path):
    with real_pipeline(db_settings) as pipeline:
        demo = build_ui(pipeline, csv_dir=tmp_path)
        yield launch(demo, "127.0.0.1", free_port(), block=False)
        demo.close()


CURATOR, PASSWORD = "browser-curator", "a browser test passphrase"


@pytest.fixture
def curator(catalogue):
    add_curator(catalogue, CURATOR, PASSWORD)
    yield CURATOR
    remove_curator(catalogue, CURATOR)


def sign_in(page) -> None:
    page.locator("#curator-name textarea, #curator-name input").first.fill(CURATOR)
    page.locator("#curator-secret input, #curator-secret textarea").first.fill(PASSWORD)
    page.locator("#curator-sign-in").click()
    page.locator("#curator-status").get_by_text(f"Signed in as curator {CURATOR}").wait_for()


@pytest.fixture
def new_aliases(catalogue):
    before = catalogue.owner_execute("SELECT coalesce(max(id), 0) FROM value_alias")[0][0]
    yield lambda: catalogue.owner_execute(
        "SELECT alias, column_name, value, action FROM value_alias WHERE id > %s", (before,)
    )
    catalogue.owner_execute("DELETE FROM value_alias WHERE id > %s", (before,))


def ask(page, question: str, turn: int) -> None:
    """Ask `question` and wait for its answer: the `turn`-th assistant message and its table."""
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    page.locator("#chat .bot").nth(turn - 1).get_by_text("Answered in").wait_for()
    page.locator("#results-caption").get_by_text("showing").wait_for()


def catalogue_count(catalogue, sql: str) -> int:
    """How many rows the SQL shown in the page returns when run directly."""
    return catalogue.run_read(" ".join(sql.split()), max_rows=None).row_count


def table_rows(page) -> int:
    # The grid is virtualised (only visible rows exist in the DOM); aria-rowcount counts them all plus the header.
    return int(page.locator("#results [role=grid]").get_attribute("aria-rowcount")) - 1


def test_ask_follow_up_and_accept_a_link_in_chromium(browser, app_url, catalogue, new_aliases, curator):
    page = browser.new_page(viewport={"width": 1440, "height": 1300}, accept_downloads=True)
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(app_url)

    ask(page, "Give me all the Aspergillus strains with Marine sediment", turn=1)
    sql = page.locator("#sql .cm-content").inner_text()
    assert "substrate" in sql and "Marine sediment" in sql
    expected = catalogue_count(catalogue, sql)
    assert expected in (13, 23)
    assert page.locator("#results-caption").inner_text() == f"Results: showing {expected} of {expected}"
    assert table_rows(page) == expected
    page.locator("#chat").get_by_text(f"Found {expected} strains.").wait_for()
    page.locator("#links [role=gridcell]").get_by_text("isolationhabitat: Marine sediment (60)").wait_for()
    with page.expect_download() as download:
        page.locator("#download").click()
    csv_lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert csv_lines[0].startswith("strainid,") and len(csv_lines) == expected + 1

    ask(page, "only those from Tuscany", turn=2)
    sql = page.locator("#sql .cm-content").inner_text()
    narrowed = catalogue_count(catalogue, sql)
    assert "region" in sql and 0 < narrowed < expected
    assert table_rows(page) == narrowed
    page.locator("#links [role=gridcell]").get_by_text("Tuscany").first.wait_for()

    sign_in(page)
    page.locator("#link-pick input").click()
    page.get_by_role("option", name="Tuscany → region: Tuscany").click()
    page.locator("#link-accept").click()
    page.locator("#curation-message").get_by_text("Accepted: 'Tuscany' → region: Tuscany").wait_for()
    assert new_aliases() == [("Tuscany", "region", "Tuscany", "link")]

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.close()
