"""End-to-end specifications of the app: `python app.py` on a free port, driven in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.language import detect_language
from core.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.server, pytest.mark.browser]

PROJECT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT / "test-artifacts"
SCREENSHOTS = PROJECT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
STAFF_USER = "staff"
STAFF_PASSWORD = "browser-test-password"
ATTACK = "<img src=x onerror=alert(1)>"
READY_TIMEOUT = 300.0
ANSWER_TIMEOUT_MS = 180_000  # generous: the first answer of a fresh app while the other test worker loads models


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health(base: str) -> dict:
    with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def app_server(seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """`python app.py` serving the seed index on a free port, with its own feedback folder and staff account."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make chromium)")
    data_dir = tmp_path_factory.mktemp("app-data")
    port = _free_port()
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False",
        "PA_CORPUS_DIR": str(seed_settings.corpus_dir), "PA_STORE_DIR": str(seed_settings.store_dir),
        "PA_EMBED_CACHE": str(seed_settings.embed_cache), "PA_EMBEDDERS": ",".join(seed_settings.embedders),
        "PA_ST_MODEL": seed_settings.st_model, "PA_DATA_DIR": str(data_dir), "PA_HOST": "127.0.0.1",
        "PA_PORT": str(port), "PA_STAFF_USER": STAFF_USER, "PA_STAFF_PASSWORD": STAFF_PASSWORD,
    }
    log = (tmp_path_factory.mktemp("app-log") / "app.log").open("w+", encoding="utf-8")
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"app.py exited with {process.returncode}:\n{log.read()[-4000:]}")
            try:
                if _health(base)["ready"]:
                    break
            except OSError:
                pass
            if time.monotonic() - started > READY_TIMEOUT:
                log.seek(0)
                pytest.fail(f"app.py not ready after {READY_TIMEOUT:.0f} s:\n{log.read()[-4000:]}")
            time.sleep(0.25)
        yield {"base": base, "data_dir": data_dir, "ready_seconds": time.monotonic() - started, "log": log}
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, app_server):
    context = browser.new_context(viewport={"width": 1200, "height": 1400})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def _ask(page, base: str, question: str) -> object:
    """Open the chat, ask `question` and return the locator of the finished bot reply."""
    page.goto(base + "/")
    box = page.locator("#pa-question textarea")
    box.wait_for(timeout=30_000)
    box.fill(question)
    box.press("Enter")
    bot = page.locator("#pa-chat .message.bot").last
    page.wait_for_function(
        "() => document.querySelector('#pa-sources .pa-sources') !== null",
        timeout=ANSWER_TIMEOUT_MS,
    )
    return bot


def _screenshot(page, name: str, *, publish: bool = False) -> Path:
    """Save a full-page screenshot to test-artifacts/; with PA_SAVE_SCREENSHOTS=1 a `publish`ed one also goes to
    docs/screenshots/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if publish and os.environ.get("PA_SAVE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SCREENSHOTS / path.name)
    return path


@pytest.mark.parametrize("language, question", [
    ("nl", "Hoe lang bewaart online-3d-printen.nl mijn persoonsgegevens?"),
    ("en", "How long does Pixeljet keep my personal data?"),
    ("de", "Wie lange speichert Materialise meine personenbezogenen Daten?"),
    ("fr", "Combien de temps M3D-Print conserve-t-il mes données personnelles ?"),
])
def test_a_question_gets_an_answer_in_its_language_with_a_citation_and_sources(page, app_server, language,
                                                                                question):
    bot = _ask(page, app_server["base"], question)
    reply = bot.inner_text()
    assert "[1]" in reply
    body = reply.split("[1]")[0]
    assert detect_language(body, fallback="en") == language, reply
    sources = page.locator("#pa-sources")
    assert sources.locator(".pa-source").count() >= 1
    assert sources.locator(".pa-quote").first.inner_text().strip()
    sources.locator("details summary").first.click()
    assert sources.locator(".pa-section-text").first.is_visible()
    _screenshot(page, f"chat-{language}", publish=True)


def test_the_privacy_contact_of_an_abstention_is_a_working_link_without_visible_backslashes(page, app_server):
    bot = _ask(page, app_server["base"], "Speichert Materialise meinen Fingerabdruck?")
    assert "\\" not in bot.inner_text()
    link = bot.locator('a[href="https://www.materialise.com/en/legal/privacy-notice"]')
    assert link.count() == 1
    assert link.inner_text() == "https://www.materialise.com/en/legal/privacy-notice"


def test_markup_in_a_question_is_shown_as_text_and_never_runs(page, app_server):
    _ask(page, app_server["base"], f"{ATTACK} How long does Pixeljet keep my data?")
    user = page.locator("#pa-chat .message.user").last
    assert ATTACK in user.inner_text()
    assert page.locator('#pa-chat img[src="x"]').count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []
    _screenshot(page, "chat-markup-as-text")


def test_a_like_is_stored_with_the_cited_chunks_and_the_index_version(page, app_server):
    _ask(page, app_server["base"], "Hoe lang bewaart online-3d-printen.nl mijn persoonsgegevens?")
    page.locator("#pa-chat .message-wrap button[aria-label='Like']").last.click()
    page.locator("#pa-feedback-thanks").wait_for(state="visible", timeout=10_000)
    feedback = app_server["data_dir"] / "feedback.jsonl"
    records = [json.loads(line) for line in feedback.read_text(encoding="utf-8").splitlines()]
    assert records[-1]["rating"] == "like"
    assert records[-1]["chunk_ids"] and all("#" in chunk_id for chunk_id in records[-1]["chunk_ids"])
    assert records[-1]["index_version"] == _health(app_server["base"])["index_version"]
    assert records[-1]["language"] == "nl"


def test_staff_console_refuses_no_login_and_a_wrong_password_then_serves_the_staff(page, app_server):
    base = app_server["base"]
    page.goto(base + "/staff/")
    page.get_by_text("Login").first.wait_for(timeout=30_000)
    assert page.locator("#pa-console-query").count() == 0
    page.locator("input[type='password']").wait_for(timeout=10_000)
    page.locator("input[type='text']").first.fill(STAFF_USER)
    page.locator("input[type='password']").fill("not-the-password")
    page.get_by_role("button", name="Login").click()
    page.wait_for_timeout(1500)
    assert page.locator("#pa-console-query").count() == 0
    _screenshot(page, "console-login-refused")
    page.locator("input[type='text']").first.fill(STAFF_USER)  # the login form clears itself after a failure
    page.locator("input[type='password']").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Login").click()
    query = page.locator("#pa-console-query textarea, #pa-console-query input").first
    query.wait_for(timeout=30_000)
    query.fill("Artikel 6")
    query.press("Enter")
    page.locator("#pa-console-results .pa-clause").first.wait_for(timeout=30_000)
    assert "Bewaartermijn van Gegevens" in page.locator("#pa-console-results").inner_text()
    _screenshot(page, "console", publish=True)

