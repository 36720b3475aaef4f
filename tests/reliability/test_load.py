"""The app under load and under watch: concurrent customers over HTTP, a re-ingest meanwhile, and what it leaks.

One `python app.py` serves a copy of the seed index (real embedders) on 127.0.0.1 for the whole module, run under
a socket guard that records any non-loopback connection, with a staff account and an LLM endpoint (a loopback
server whose replies cite sources that do not exist, so every answer also exercises the rejection and fallback).
The tests run in file order against that one process: load, load during a re-ingest, then what was stored and
logged, then the login limit (which locks this client out, so it runs last).

`PA_LOAD_QUESTIONS` sets the questions per simulated user (default 2, the quick CI form; 10 for the full run).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from rel_support import AppProcess, GradioSession, LLMScript, clean_env, serve_fake_llm, staff_client

from assistant import templates
from core.settings import LANGUAGES, Settings
from webapp.render import escape_markdown
from webapp.texts import text

pytestmark = [pytest.mark.slow, pytest.mark.server]

USERS = 20
QUESTIONS_PER_USER = int(os.environ.get("PA_LOAD_QUESTIONS", "2"))
STAFF_USER = "staff"
STAFF_PASSWORD = "Load-Test-Staff-Pw-41c9"
API_KEY = "sk-load-test-key-77e2"
GUARD = Path(__file__).with_name("rel_netguard.py")

# Mixed languages, companies, abstentions, and personal data that must never reach the logs.
POOL = [
    "How long does Pixeljet keep my data?",
    "Hoe lang bewaren jullie mijn gegevens bij online-3d-printen.nl?",
    "Wie lange speichert Pixeljet meine Daten?",
    "Combien de temps Materialise conserve-t-il mes données ?",
    "Who gets my address at M3D-Print?",
    "Mag ik mijn gegevens laten verwijderen bij J3D? Mijn e-mail is jan.peeters@example.be",
    "Can I get a copy of my data from Materialise? Call me on +32 470 12 34 56.",
    "Verkauft M3D-Print meine Daten an Dritte?",
    "Est-ce que Pixeljet utilise des cookies ?",
    "What does the GDPR say about the right to erasure?",
    "Welke cookies gebruikt online-3d-printen?",
    "Does Pixeljet use facial recognition?",
    "What's the weather like in Ghent tomorrow?",
    "Mijn IBAN is NL91 ABNA 0417 1643 00, bewaart J3D mijn betaalgegevens?",
    "Ich wohne in der Hauptstraße 5, 10115 Berlin. Wem gibt Materialise meine Adresse?",
    "J'habite au 12 rue de la Paix, 75002 Paris. Qui reçoit mon adresse chez M3D-Print ?",
    "How can I contact the privacy officer of J3D?",
    "Hoe lang bewaart Materialise mijn gegevens?",
    "Which authority can I complain to about M3D-Print?",
    "Does online-3d-printen share my data with other companies?",
]
PERSONAL_DATA = ["jan.peeters@example.be", "470 12 34 56", "NL91 ABNA 0417 1643 00", "NL91ABNA", "Hauptstraße 5",
                 "12 rue de la Paix"]
MALICIOUS_LLM_REPLY = "Everything is deleted at once [42]."


@dataclass
class Ledger:
    """Every request the module sent and how it ended."""

    sent: int = 0
    failed: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return Ledger()


@pytest.fixture(scope="module")
def llm_script() -> LLMScript:
    return LLMScript(reply=MALICIOUS_LLM_REPLY)


@pytest.fixture(scope="module")
def app(seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory, llm_script: LLMScript) -> Iterator[AppProcess]:
    """The app on a copy of the seed index and corpus, under the socket guard, with staff login and an LLM."""
    root = tmp_path_factory.mktemp("load-app")
    shutil.copytree(seed_settings.store_dir, root / "store")
    shutil.copytree(seed_settings.corpus_dir, root / "corpus")
    with serve_fake_llm(llm_script) as llm_url:
        env = clean_env(PA_CORPUS_DIR=str(root / "corpus"), PA_STORE_DIR=str(root / "store"),
                        PA_EMBED_CACHE=str(seed_settings.embed_cache), PA_EMBEDDERS=",".join(seed_settings.embedders),
                        PA_DATA_DIR=str(root / "data"), PA_STAFF_USER=STAFF_USER, PA_STAFF_PASSWORD=STAFF_PASSWORD,
                        PA_LLM_BASE_URL=llm_url, PA_LLM_MODEL="loopback-fake", PA_LLM_API_KEY=API_KEY,
                        PA_ABSTAIN_THRESHOLD=str(seed_settings.abstain_threshold),
                        PYTHONPATH=os.pathsep.join(filter(None, [str(GUARD.parent), os.environ.get("PYTHONPATH")])))
        process = AppProcess(env=env, log_path=root / "app.log",
                             command=[sys.executable, str(GUARD), str(root / "network.jsonl"), "app.py"])
        process.start()
        try:
            yield process
        finally:
            process.stop()


# ------------------------------------------------------------------------------------------------ the chat client

# What the chat shows when a question was not answered: unavailable, rejected, still preparing, or an internal error.
_FAILURE_TEXTS = {escape_markdown(text(key, lang, limit=2000)) for key in ("unavailable", "rejected", "preparing")
                  for lang in LANGUAGES} | {escape_markdown(templates.render("error", lang)) for lang in LANGUAGES}


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(_text_of(item) for item in content)
    if isinstance(content, dict):
        return _text_of(content.get("text") or content.get("content") or "")
    return ""


class Customer:
    """One simulated customer: a browser-like session on the chat that asks questions one after another."""

    def __init__(self, base: str) -> None:
        self.session = GradioSession(base=base)
        self.fn_index, self.trigger = self.session.event("submit", elem_id="pa-question")

    def ask(self, question: str) -> tuple[float, str]:
        """Ask and return (seconds, the final reply text).

        Raises:
            RuntimeError: the request failed or the reply is a failure message.
        """
        started = time.perf_counter()
        out = self.session.call(self.fn_index, [question, [], None, None, "auto", "auto", None],
                                trigger_id=self.trigger)
        seconds = time.perf_counter() - started
        chat = out[1] if len(out) > 1 else None
        if not chat:
            raise RuntimeError(f"no chat in the output for {question!r}")
        reply = _text_of(chat[-1].get("content") if isinstance(chat[-1], dict) else chat[-1]).strip()
        if not reply or reply == "…" or any(failure in reply for failure in _FAILURE_TEXTS):
            raise RuntimeError(f"failure reply {reply[:120]!r} for {question!r}")
        return seconds, reply


def _run_customers(app: AppProcess, ledger: Ledger, *, users: int, questions: int,
                   offset: int = 0) -> dict[str, Any]:
    """`users` customers in parallel, `questions` each; returns the figures of this run."""
    failed: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()

    def customer(user: int) -> None:
        client = Customer(app.base)
        for n in range(questions):
            # A per-request tag keeps every text unique, so no answer comes from the query-embedding cache.
            question = f"{POOL[(offset + user * 3 + n) % len(POOL)]} (#{offset}-{user}-{n})"
            with ledger.lock:
                ledger.sent += 1
            try:
                seconds, _ = client.ask(question)
            except (RuntimeError, httpx.HTTPError) as exc:
                with lock:
                    failed.append(f"user {user} q{n}: {exc}")
                continue
            with lock:
                latencies.append(seconds)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        list(pool.map(customer, range(users)))
    wall = time.perf_counter() - started
    with ledger.lock:
        ledger.failed.extend(failed)
        ledger.latencies.extend(latencies)
    ordered = sorted(latencies) or [0.0]
    return {
        "users": users, "questions_per_user": questions, "requests": users * questions,
        "answered": len(latencies), "failed": len(failed), "failures": failed[:5],
        "p50_s": round(statistics.median(ordered), 2),
        "p95_s": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        "max_s": round(max(ordered), 2), "wall_s": round(wall, 1),
        "throughput_per_min": round(60 * len(latencies) / wall, 1) if wall else 0.0,
    }


# ------------------------------------------------------------------------------------------------ tests


def test_concurrent_customers_in_mixed_languages_all_get_answers(app: AppProcess, ledger: Ledger, figures) -> None:
    run = _run_customers(app, ledger, users=USERS, questions=QUESTIONS_PER_USER)
    figures.record(f"load.chat_{USERS}x{QUESTIONS_PER_USER}", **run, app_ready_s=round(app.ready_seconds, 1),
                   cpu_cores=os.cpu_count())
    assert run["failed"] == 0, run["failures"]


def test_answers_keep_coming_from_the_last_complete_index_while_a_reingest_runs(app: AppProcess, ledger: Ledger,
                                                                                 figures) -> None:
    before = app.health()["index_version"]
    staff = staff_client(app.base, user=STAFF_USER, password=STAFF_PASSWORD)
    console = GradioSession(base=app.base, path="/staff", client=staff)
    fn_index, trigger = console.event("click", value="Re-ingest the corpus")
    outcome: dict[str, Any] = {}

    def reingest() -> None:
        started = time.perf_counter()
        try:
            outcome["progress"] = console.call(fn_index, [True], trigger_id=trigger)[0]
        except (RuntimeError, httpx.HTTPError) as exc:
            outcome["error"] = str(exc)
        outcome["seconds"] = time.perf_counter() - started

    worker = threading.Thread(target=reingest)
    worker.start()
    versions_seen: set[str] = set()
    watching = threading.Event()

    def watch() -> None:
        while not watching.is_set():
            try:
                versions_seen.add(app.health()["index_version"])
            except httpx.HTTPError:
                versions_seen.add("healthz failed")
            time.sleep(0.5)

    watcher = threading.Thread(target=watch)
    watcher.start()
    rounds: list[dict[str, Any]] = []
    first = len(ledger.latencies)
    while worker.is_alive() or not rounds:
        rounds.append(_run_customers(app, ledger, users=USERS, questions=1, offset=len(rounds)))
    worker.join()
    rounds.append(_run_customers(app, ledger, users=USERS, questions=1, offset=len(rounds)))  # on the new index
    watching.set()
    watcher.join()
    after = app.health()["index_version"]
    logged = [json.loads(line) for line in (app.root / "data" / "chat.jsonl").read_text(encoding="utf-8").splitlines()]
    by_version = Counter(record["index_version"] for record in logged[-sum(r["answered"] for r in rounds):])

    requests = sum(r["requests"] for r in rounds)
    failed = [f for r in rounds for f in r["failures"]]
    latencies = sorted(ledger.latencies[first:]) or [0.0]
    figures.record("load.chat_during_reingest", requests=requests, failed=sum(r["failed"] for r in rounds),
                   rounds=len(rounds), reingest_s=round(outcome.get("seconds", 0.0), 1),
                   reingest_result=(outcome.get("progress") or outcome.get("error", ""))[-200:],
                   index_before=before, index_after=after, versions_served=sorted(versions_seen),
                   answers_by_version=dict(by_version),
                   p50_s=round(statistics.median(latencies), 2),
                   p95_s=round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 2),
                   max_s=round(max(latencies), 2))
    assert "error" not in outcome, outcome["error"]
    assert outcome["progress"].splitlines()[-1].startswith("done: index"), outcome["progress"][-400:]
    assert sum(r["failed"] for r in rounds) == 0, failed
    assert after != before
    assert versions_seen <= {before, after}
    assert set(by_version) == {before, after}, by_version


def test_every_answered_question_is_logged_once_with_its_personal_data_redacted(app: AppProcess, ledger: Ledger,
                                                                                 figures) -> None:
    lines = (app.root / "data" / "chat.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    answered = ledger.sent - len(ledger.failed)
    assert len(records) == answered
    assert not [r for r in records if r["status"] == "error"]
    stored = "\n".join(lines)
    leaked = [item for item in PERSONAL_DATA if item in stored]
    assert not leaked
    placeholders = {kind: stored.count(f"[{kind}]") for kind in ("EMAIL", "PHONE", "IBAN", "ADDRESS")}
    assert all(placeholders.values()), placeholders
    figures.record("privacy.chat_log_through_the_app", requests=ledger.sent, logged=len(records),
                   personal_data_leaked=len(leaked), placeholders=placeholders, lost=ledger.sent - len(records))


def test_no_connection_leaves_the_machine_during_start_load_and_reingest(app: AppProcess, figures) -> None:
    attempts = [json.loads(line) for line in
                (app.root / "network.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    figures.record("privacy.no_outbound_network", non_loopback_attempts=len(attempts),
                   targets=sorted({a["target"] for a in attempts})[:10])
    assert not attempts, "\n\n".join(f"{a['kind']} {a['target']}\n{a['stack']}" for a in attempts[:3])


def test_the_llm_was_asked_and_every_malicious_reply_was_rejected(app: AppProcess, llm_script: LLMScript,
                                                                  figures) -> None:
    records = [json.loads(line) for line in
               (app.root / "data" / "chat.jsonl").read_text(encoding="utf-8").splitlines()]
    assert llm_script.requests, "no question reached the LLM endpoint"
    assert {r["generator"] for r in records} <= {"extractive", "none"}
    assert all(r["headers"].get("Authorization") == f"Bearer {API_KEY}" for r in llm_script.requests)
    figures.record("hostile.llm_replies_under_load", llm_requests=len(llm_script.requests),
                   accepted=sum(r["generator"] == "llm" for r in records), fell_back=True)


def test_staff_login_failures_are_rate_limited_over_http(app: AppProcess, figures) -> None:
    codes = []
    with httpx.Client(timeout=30) as client:
        for _ in range(5):
            codes.append(client.post(f"{app.base}/staff/login",
                                     data={"username": STAFF_USER, "password": "wrong"}).status_code)
        refused = client.post(f"{app.base}/staff/login", data={"username": STAFF_USER, "password": STAFF_PASSWORD})
    assert codes == [400] * 5
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    figures.record("privacy.login_rate_limit", failed_logins=5, sixth_attempt_status=refused.status_code,
                   retry_after_s=int(refused.headers["Retry-After"]))


def test_secrets_never_appear_in_the_logs_or_stored_data(app: AppProcess, figures) -> None:
    app.stop()
    texts = {"app log": app.log()}
    for path in (app.root / "data").glob("*"):
        texts[path.name] = path.read_text(encoding="utf-8", errors="replace")
    found = [(name, secret) for name, content in texts.items()
             for secret in (STAFF_PASSWORD, API_KEY) if secret in content]
    figures.record("privacy.secrets_in_logs", files_checked=sorted(texts), log_bytes=len(texts["app log"]),
                   secrets_found=len(found))
    assert "LLM answer rejected" in texts["app log"], "the run logged nothing to check"
    assert not found
