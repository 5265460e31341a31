"""The results panels in real Chromium, with every request off this machine refused: the map of
origins is drawn, the table shows why each row matched, and the alternative-reading button
answers again with the other column (real pipeline, scripted model; see test_browser_chat.py).
Saves reports/screenshots/results.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from test_browser_chat import TIMEOUT_MS, ask, browser, catalogue_count  # noqa: F401 (browser is a fixture)
from test_chat_app_handlers import real_pipeline

from bench.cold_start import free_port
from chat_app.ui import build_ui, launch

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("chat_app")]

SCREENSHOT = Path(__file__).resolve().parent.parent / "reports" / "screenshots" / "results.png"
QUESTION = "Give me all the Aspergillus strains with Marine sediment"


@pytest.fixture
def app_url(db_settings, value_index, tmp_path):
    with real_pipeline(db_settings) as pipeline:
        demo = build_ui(pipeline, csv_dir=tmp_path)
        yield launch(demo, "127.0.0.1", free_port(), block=False)
        demo.close()


def offline_page(browser, url: str):  # noqa: F811 (the fixture's value)
    """A page that may load only from the app's own host; returns it and the list of refused URLs."""
    page = browser.new_page(viewport={"width": 1440, "height": 1800})
    page.set_default_timeout(TIMEOUT_MS)
    refused: list[str] = []
    host = urlparse(url).hostname

    def only_local(route):
        if urlparse(route.request.url).hostname in (host, "localhost", "127.0.0.1"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(url)
    return page, refused


def header(page) -> list[str]:
    return [h.strip() for h in page.locator("#results [role=columnheader]").all_inner_texts()]


def test_map_why_each_row_and_another_reading_in_chromium(browser, app_url, catalogue):  # noqa: F811
    page, refused = offline_page(browser, app_url)
    ask(page, QUESTION, turn=1)
    sql = page.locator("#sql .cm-content").inner_text()
    assert "substrate" in sql and "isolationhabitat" not in sql
    strains = catalogue_count(catalogue, sql)
    assert "substrate" in header(page) and "accessionnumber" in header(page)

    caption = page.locator("#origins-caption")
    caption.get_by_text("places on the map").wait_for()
    mapped, places, *unmapped = map(int, re.findall(r"\d+", caption.inner_text()))
    assert mapped + sum(unmapped) == strains and 0 < places <= mapped
    page.locator("#origins-map .scattergeo").first.wait_for()  # plotly drew the geo traces
    assert page.locator("#origins-map .scattergeo path.point").count() >= 1
    assert page.locator("#origins-map .scattergeo path.js-line").count() >= 2  # land and borders
    assert not [u for u in refused if "plot.ly" in u or "topojson" in u], refused

    button = page.locator("#reading-0")
    assert button.inner_text() == "Read 'Marine sediment' as isolationhabitat instead (60 strains)"
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    button.click()
    page.locator("#chat .bot").nth(1).get_by_text("Answered in").wait_for()
    page.locator("#sql .cm-content").get_by_text("isolationhabitat").wait_for()
    sql = page.locator("#sql .cm-content").inner_text()
    assert "isolationhabitat" in sql and "substrate" not in sql
    page.locator("#chat .bot").nth(1).get_by_text("Reading 'Marine sediment' as isolationhabitat").wait_for()
    page.locator("#results [role=columnheader]").get_by_text("isolationhabitat").wait_for()
    page.locator("#reading-0").get_by_text("as substrate instead").wait_for()  # and back again
    page.close()
