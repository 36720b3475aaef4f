"""End-to-end specifications of the widget preset `/?company=<id>&lang=<xx>`: `python app.py` on a free port,
driven in headless Chromium (the app, browser and page fixtures of test_app_browser.py)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
import test_app_browser as app_tests
from test_app_browser import ANSWER_TIMEOUT_MS, ATTACK, _screenshot

from core.language import detect_language

pytestmark = [pytest.mark.slow, pytest.mark.server, pytest.mark.browser]

# The fixtures of the app's browser specifications, reused here (module scope: this module starts its own app).
app_server = app_tests.app_server
browser = app_tests.browser
page = app_tests.page


def _open(page, base: str, **params: str) -> None:
    """Open the chat with the query parameters `params` and wait until the page load has applied them."""
    page.goto(f"{base}/?{urlencode(params)}")
    page.locator("#pa-question textarea").wait_for(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('#pa-intro')?.innerText.includes('Ask about how a shop')"
                           " || !location.search", timeout=30_000)


def _ask(page, question: str, *, sources: bool = True) -> str:
    """Ask `question` on the open page and return the text of the finished bot reply.

    With `sources` the reply is finished when the sources panel appears; without, when the bot message stops being
    the "…" placeholder (replies that answer nothing from a policy have no panel).
    """
    count = page.locator("#pa-chat .message.bot").count()
    box = page.locator("#pa-question textarea")
    box.fill(question)
    box.press("Enter")
    if sources:
        page.wait_for_function("() => document.querySelector('#pa-sources .pa-sources') !== null",
                               timeout=ANSWER_TIMEOUT_MS)
    else:
        page.wait_for_function(
            "n => { const m = document.querySelectorAll('#pa-chat .message.bot');"
            " return m.length > n && !['', '…'].includes(m[m.length - 1].innerText.trim()); }",
            arg=count, timeout=ANSWER_TIMEOUT_MS)
    return page.locator("#pa-chat .message.bot").last.inner_text()


def test_the_issue_case_pixeljet_in_french_answers_from_pixeljet_in_french_with_a_citation(page, app_server):
    _open(page, app_server["base"], company="pixeljet", lang="fr")
    assert "Questions de confidentialité sur Pixeljet" in page.locator("#pa-intro").inner_text()
    assert not page.locator("#pa-company").is_visible()
    assert page.locator("#pa-question textarea").get_attribute("placeholder") == "Saisissez votre question…"
    assert "À propos de cet assistant" in page.locator("#pa-privacy-notice").inner_text()

    reply = _ask(page, "Combien de temps gardez-vous mes données ?")
    assert "[1]" in reply, reply
    assert detect_language(reply.split("[1]")[0], fallback="en") == "fr", reply
    heads = page.locator("#pa-sources .pa-source-head").all_inner_texts()
    assert heads and all("Pixeljet" in head for head in heads), heads
    _screenshot(page, "widget-pixeljet-fr", publish=True)


def test_a_you_question_in_dutch_on_a_shop_page_is_answered_from_that_shop(page, app_server):
    _open(page, app_server["base"], company="online-3d-printen", lang="nl")
    assert "Privacyvragen over online-3d-printen.nl" in page.locator("#pa-intro").inner_text()

    reply = _ask(page, "Hoe lang bewaren jullie mijn gegevens?")
    assert "[1]" in reply, reply
    assert "Welke winkel bedoelt u" not in reply
    assert detect_language(reply.split("[1]")[0], fallback="en") == "nl", reply
    heads = page.locator("#pa-sources .pa-source-head").all_inner_texts()
    assert heads and all("online-3d-printen.nl" in head for head in heads), heads


def test_a_question_about_another_shop_on_a_shop_page_gets_a_clear_reply_not_an_answer(page, app_server):
    _open(page, app_server["base"], company="online-3d-printen", lang="nl")
    reply = _ask(page, "Verkoopt Materialise mijn gegevens?", sources=False)
    assert "alleen vragen over het privacybeleid van online-3d-printen.nl" in reply, reply
    assert "Materialise NV" in reply
    assert "[1]" not in reply


def test_an_unknown_shop_id_is_named_on_the_page_as_text_and_the_chat_still_works(page, app_server):
    _open(page, app_server["base"], company=ATTACK, lang="nl")
    message = page.locator("#pa-preset-problems")
    message.wait_for(state="visible", timeout=30_000)
    shown = message.inner_text()
    assert ATTACK in shown and "onbekend" in shown, shown
    assert "pixeljet" in shown and "online-3d-printen" in shown  # the known ids
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("#pa-company").is_visible()  # unpreset: the company picker stays
    _screenshot(page, "widget-unknown-company")

    reply = _ask(page, "Hoe lang bewaart Pixeljet mijn gegevens?")
    assert "[1]" in reply, reply
    assert page.dialogs == []
