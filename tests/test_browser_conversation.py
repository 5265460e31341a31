"""A conversation in a real browser: refine, replace, count, ask again as new, new question (Chromium).

The app runs the real pipeline (linker, value index, post-processing, PostgreSQL) with a scripted
model that answers each turn's own words, as the model now sees them (no history in the prompt).
Each turn's SQL panel is checked against the merged query and its "Kept from before" line; a
screenshot goes to reports/screenshots/conversation.png.
Needs /usr/bin/chromium, as tests/test_browser_chat.py. Run:
.venv/bin/python -m pytest -q -p no:xdist tests/test_browser_conversation.py
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser_chat import TIMEOUT_MS, browser, catalogue_count, table_rows  # noqa: F401 (fixture)

from bench.cold_start import free_port
from chat_app.ui import build_ui, launch
from text2sql.factory import build_pipeline
from text2sql.generators.fake import FunctionGenerator

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("chat_app")]

S = "SELECT strainid FROM detailedstrain"
STANDALONE = {  # the model's answer to each turn's own words
    "Give me all the Aspergillus strains with Marine sediment": (
        f"{S} WHERE genus = 'Aspergillus' AND substrate = 'Marine sediment'"
    ),
    "only those from Italy": f"{S} WHERE country = 'Italy'",
    "and from Norway?": f"{S} WHERE country = 'Norway'",
    "how many?": "SELECT COUNT(*) FROM detailedstrain",
    "How many strains are there per organism type?": (
        "SELECT organismtype, COUNT(*) FROM detailedstrain GROUP BY organismtype"
    ),
}
SCREENSHOT = Path(__file__).resolve().parent.parent / "reports" / "screenshots" / "conversation.png"
KEPT = "Kept from before: genus = 'Aspergillus', substrate IN ('Marine sediment', 'Marine sediments')"


def respond(prompt: str) -> str:
    return STANDALONE.get(prompt.rsplit("Question: ", 1)[-1].strip(), "I do not know.")


@pytest.fixture
def app_url(db_settings, value_index, tmp_path):
    pipeline = build_pipeline(db_settings, generator=FunctionGenerator(respond))
    demo = build_ui(pipeline, csv_dir=tmp_path)
    yield launch(demo, "127.0.0.1", free_port(), block=False)
    demo.close()
    pipeline.catalogue.close()


def answered(page, turn: int):
    """The `turn`-th assistant message, once it is complete."""
    message = page.locator("#chat .bot").nth(turn - 1)
    message.get_by_text("Answered in").wait_for()
    return message


def ask(page, question: str, turn: int):
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    return answered(page, turn)


def shown_sql(page) -> str:
    return " ".join(page.locator("#sql .cm-content").inner_text().split())


def test_refine_replace_count_and_new_question_in_chromium(browser, app_url, catalogue):  # noqa: F811
    page = browser.new_page(viewport={"width": 1440, "height": 1300})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(app_url)

    first = ask(page, "Give me all the Aspergillus strains with Marine sediment", 1)
    assert "Kept from before" not in first.inner_text() and catalogue_count(catalogue, shown_sql(page)) == 23
    assert not page.locator("#ask-as-new").is_visible()

    refined = ask(page, "only those from Italy", 2)
    sql = shown_sql(page)
    assert KEPT in refined.inner_text()
    assert "genus = 'Aspergillus'" in sql and "Marine sediments" in sql and "'Italy'" in sql
    assert catalogue_count(catalogue, sql) == 14
    page.get_by_text("Results: showing 14 of 14").wait_for()
    assert table_rows(page) == 14

    replaced = ask(page, "and from Norway?", 3)
    sql = shown_sql(page)
    assert KEPT in replaced.inner_text() and "'Norway'" in sql and "Italy" not in sql
    assert catalogue_count(catalogue, sql) == 9
    page.locator("#ask-as-new").wait_for(state="visible")

    counted = ask(page, "how many?", 4)
    sql = shown_sql(page)
    assert "The answer is 9." in counted.inner_text()
    assert f"{KEPT}, country = 'Norway'" in counted.inner_text()
    assert sql.startswith("SELECT COUNT(*) FROM detailedstrain WHERE genus = 'Aspergillus'") and "'Norway'" in sql
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)  # the count, what it kept, the ask-as-new button

    page.locator("#ask-as-new").click()  # the same words, nothing kept: every strain counted
    again = answered(page, 5)
    assert "The answer is 7216." in again.inner_text() and "Kept from before" not in again.inner_text()
    assert shown_sql(page) == "SELECT COUNT(*) FROM detailedstrain"

    new = ask(page, "How many strains are there per organism type?", 6)
    sql = shown_sql(page)
    assert "Kept from before" not in new.inner_text() and "WHERE" not in sql and "GROUP BY organismtype" in sql
    page.get_by_text("Results: showing 3 of 3").wait_for()
    page.locator("#ask-as-new").wait_for(state="hidden")
    page.close()
