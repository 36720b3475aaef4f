"""Specifications of the JSON API over real HTTP: the app served by uvicorn on 127.0.0.1 over the seed index.

One JSON contract serves the API and `python -m assistant ask --json`; abstentions are answers; bad bodies are 422;
`PA_API_TOKEN` closes `/api/v1` with 401; a full answer queue is a 429; the OpenAPI schema and its docs page cover
the API only and load nothing from outside.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from assistant.contact_routes import contact_line
from assistant.types import Answer, Status
from core.settings import LANGUAGES, Settings
from webapp.api_models import AnswerOut, CompaniesOut
from webapp.limits import AnswerLimiter
from webapp.server import create_app, server_options
from webapp.service import AssistantService

pytestmark = [pytest.mark.slow, pytest.mark.server]

PROJECT = Path(__file__).resolve().parents[2]
TOKEN = "api-test-token-0123456789"
NL_QUESTION = "Hoe lang bewaart online-3d-printen.nl mijn persoonsgegevens?"
EMAIL = "jan.peeters@example.be"
TIMEOUT = 120.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _serve(settings: Settings, service: AssistantService, limiter: AnswerLimiter | None = None) -> Iterator[str]:
    """Run `create_app` with the options `serve` uses, on a free loopback port in a thread; yield the base URL."""
    settings = settings.replace(host="127.0.0.1", port=_free_port())
    app = create_app(settings=settings, service=service, answer_limiter=limiter)
    server = uvicorn.Server(uvicorn.Config(app, **server_options(settings)))
    thread = threading.Thread(target=server.run, name="api-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    try:
        yield f"http://{settings.host}:{settings.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def service(seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    """A warm service on the seed index (real embedders), with its own chat-log folder."""
    service = AssistantService(settings=seed_settings.replace(data_dir=tmp_path_factory.mktemp("api-data")))
    service.warm_up()
    return service


@pytest.fixture(scope="module")
def limiter(service: AssistantService) -> AnswerLimiter:
    """The open server's answer queue: one answer at a time, one waiting."""
    return AnswerLimiter(concurrency=1, max_waiting=1)


@pytest.fixture(scope="module")
def open_api(service: AssistantService, limiter: AnswerLimiter) -> Iterator[str]:
    """The app without PA_API_TOKEN, with concurrency_limit 1 and max_queue 1."""
    settings = service.settings.replace(concurrency_limit=1, max_queue=1)
    with _serve(settings, service, limiter) as base:
        yield base


@pytest.fixture(scope="module")
def closed_api(service: AssistantService) -> Iterator[str]:
    """The app with PA_API_TOKEN set."""
    with _serve(service.settings.replace(api_token=TOKEN), service) as base:
        yield base


def _ask(base: str, body: dict, **headers: str) -> httpx.Response:
    return httpx.post(f"{base}/api/v1/ask", json=body, headers=headers, timeout=TIMEOUT)


def _cli_ask(settings: Settings, *args: str) -> dict:
    """`python -m assistant ask ... --json` on the same index, parsed."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PA_")}
    env.update({"PA_CORPUS_DIR": str(settings.corpus_dir), "PA_STORE_DIR": str(settings.store_dir),
                "PA_EMBEDDERS": ",".join(settings.embedders), "PA_EMBED_CACHE": str(settings.embed_cache),
                "PA_DATA_DIR": str(settings.data_dir), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"})
    result = subprocess.run([sys.executable, "-m", "assistant", "ask", *args, "--json"], cwd=PROJECT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


# ---------------------------------------------------------------- the contract


def test_ask_returns_the_answer_object_of_ask_json_field_for_field(open_api, service):
    response = _ask(open_api, {"question": NL_QUESTION, "company": "online-3d-printen"})
    assert response.status_code == 200, response.text
    body = response.json()
    contract = Answer(id="", question="", language="", company=None, status=Status.ANSWERED, answer="").as_dict()
    assert list(body) == list(contract)
    assert set(AnswerOut.model_fields) == set(contract)
    AnswerOut.model_validate(body, strict=True)
    assert (body["status"], body["language"], body["company"]) == ("answered", "nl", "online-3d-printen")
    assert body["citations"] and all(c["quote"] in c["text"] for c in body["citations"])

    cli = _cli_ask(service.settings, NL_QUESTION, "--company", "online-3d-printen")
    assert set(cli) == set(body)
    for key in ("status", "language", "company", "answer", "categories", "intent", "generator", "contact"):
        assert body[key] == cli[key], key
    assert ([(c["chunk_id"], c["quote"]) for c in body["citations"]]
            == [(c["chunk_id"], c["quote"]) for c in cli["citations"]])


def test_an_unknown_company_is_an_answer_as_on_the_command_line_not_an_http_error(open_api):
    response = _ask(open_api, {"question": "How long do you keep my data?", "company": "acme-shop"})
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "unknown_company"


def test_history_lets_a_follow_up_keep_the_topic_of_the_earlier_answer(open_api):
    first = _ask(open_api, {"question": "How long does M3D-Print keep my personal data?", "lang": "en"}).json()
    assert first["company"] == "m3d-print" and "retention" in first["categories"]
    turn = {key: first[key] for key in ("question", "company", "categories")}
    follow_up = _ask(open_api, {"question": "And for Pixeljet?", "lang": "en", "history": [turn]})
    assert follow_up.status_code == 200, follow_up.text
    assert follow_up.json()["company"] == "pixeljet"
    assert "retention" in follow_up.json()["categories"]
    alone = _ask(open_api, {"question": "And for Pixeljet?", "lang": "en"}).json()
    assert "retention" not in alone["categories"]


def test_companies_lists_every_shop_with_its_contact_and_indexed_languages(open_api, service):
    response = httpx.get(f"{open_api}/api/v1/companies", timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    companies = CompaniesOut.model_validate(response.json(), strict=True).companies
    shops = [m for m in service.manifests if not m.reference]
    assert [c.id for c in companies] == [m.id for m in shops]
    assert len(companies) >= 5
    for company, manifest in zip(companies, shops, strict=True):
        assert (company.name, company.website, company.contact) == (manifest.name, manifest.website,
                                                                    contact_line(manifest))
        assert company.contact, f"{company.id} has no privacy contact"
        assert [(c.kind, c.value) for c in company.contacts] == [(c.kind, c.value) for c in manifest.contacts]
        assert company.languages and set(company.languages) <= set(LANGUAGES)
    assert {c.id: c.languages for c in companies}["j3d-prints"] == ["en", "nl"]


@pytest.mark.parametrize("body, where, message", [
    ({"question": ""}, ["body", "question"], "the question is empty"),
    ({"question": " \t\u200b "}, ["body", "question"], "the question is empty"),
    ({"question": "x" * 2001}, ["body", "question"], "2001 characters long; the limit is 2000"),
    ({"question": "Wie lange?", "lang": "es"}, ["body", "lang"], "'en', 'nl', 'de' or 'fr'"),
    ({"question": "Wie lange?", "language": "de"}, ["body", "language"], "Extra inputs are not permitted"),
    ({"company": "pixeljet"}, ["body", "question"], "Field required"),
    ({"question": "and for Pixeljet?", "history": [{"question": "", "company": "m3d-print"}]},
     ["body", "history", 0, "question"], "the question is empty"),
    ({"question": "and for Pixeljet?", "history": [{"question": "how long?", "categories": ["weather"]}]},
     ["body", "history", 0, "categories"], "unknown category 'weather'; accepted: collection"),
])
def test_a_bad_body_is_a_422_naming_the_field_and_the_reason(open_api, body, where, message):
    response = _ask(open_api, body)
    assert response.status_code == 422, response.text
    errors = response.json()["detail"]
    assert any(error["loc"] == where and message in error["msg"] for error in errors), errors


def test_a_body_that_is_not_json_is_a_422(open_api):
    response = httpx.post(f"{open_api}/api/v1/ask", content=b"{question: hi", timeout=TIMEOUT,
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"


def test_an_assistant_not_ready_yet_is_a_503_with_its_state(service, tmp_path):
    cold = AssistantService(settings=service.settings.replace(data_dir=tmp_path / "data"))
    with _serve(cold.settings, cold) as base:
        response = _ask(base, {"question": NL_QUESTION})
    assert response.status_code == 503
    assert response.json()["state"] == "starting"
    assert int(response.headers["Retry-After"]) > 0


# ---------------------------------------------------------------- the token


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token-0123456789", f"Basic {TOKEN}", TOKEN])
def test_with_a_token_set_a_request_without_it_gets_401(closed_api, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    for response in (httpx.get(f"{closed_api}/api/v1/companies", headers=headers, timeout=TIMEOUT),
                     _ask(closed_api, {"question": NL_QUESTION}, **headers),
                     _ask(closed_api, {"question": ""}, **headers)):  # a bad body too: 401 before 422
        assert response.status_code == 401, response.text
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert response.json() == {"detail": "missing or wrong bearer token"}


def test_with_a_token_set_a_request_with_it_is_answered(closed_api):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert httpx.get(f"{closed_api}/api/v1/companies", headers=headers, timeout=TIMEOUT).status_code == 200
    response = _ask(closed_api, {"question": NL_QUESTION}, **headers)
    assert response.status_code == 200, response.text
    assert response.json()["company"] == "online-3d-printen"


def test_the_schema_and_docs_stay_public_and_document_the_bearer_scheme(closed_api):
    schema = httpx.get(f"{closed_api}/api/openapi.json", timeout=TIMEOUT).json()
    assert schema["components"]["securitySchemes"]["bearer"] == {
        "type": "http", "scheme": "bearer", "description": "The value of PA_API_TOKEN, sent as "
                                                           "`Authorization: Bearer <token>`."}
    assert httpx.get(f"{closed_api}/api/docs", timeout=TIMEOUT).status_code == 200


# ---------------------------------------------------------------- the queue


def test_a_request_beyond_the_queue_gets_429_with_retry_after_and_the_waiting_one_is_answered(open_api, limiter):
    waiting: dict[str, httpx.Response] = {}

    def ask_and_wait() -> None:
        waiting["response"] = _ask(open_api, {"question": NL_QUESTION})

    with limiter.held():  # the single answering slot
        thread = threading.Thread(target=ask_and_wait)
        thread.start()
        deadline = time.monotonic() + 30
        while limiter.admitted < 2:  # the slot holder and the request in the queue
            assert time.monotonic() < deadline, "the first request never reached the queue"
            time.sleep(0.02)
        refused = _ask(open_api, {"question": NL_QUESTION})
        health = httpx.get(f"{open_api}/healthz", timeout=5)  # the event loop is not blocked by the waiting one
        assert "response" not in waiting  # still waiting for the slot
    thread.join(timeout=TIMEOUT)
    assert refused.status_code == 429, refused.text
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.json()["detail"] == "too many questions at once; try again later"
    assert refused.json()["retry_after"] == int(refused.headers["Retry-After"])
    assert health.status_code == 200 and health.json()["ready"] is True
    assert waiting["response"].status_code == 200
    assert limiter.admitted == 0


# ---------------------------------------------------------------- schema, docs, privacy


def test_the_openapi_schema_covers_the_api_only(open_api):
    response = httpx.get(f"{open_api}/api/openapi.json", timeout=TIMEOUT)
    assert response.status_code == 200
    schema = response.json()
    assert set(schema["paths"]) == {"/v1/ask", "/v1/companies"}
    assert schema["servers"] == [{"url": "/api"}]
    assert "securitySchemes" not in schema.get("components", {})  # no token set: the API is open


def test_the_docs_page_lists_the_operations_and_loads_nothing_from_outside(open_api):
    response = httpx.get(f"{open_api}/api/docs", timeout=TIMEOUT)
    assert response.status_code == 200
    page = response.text
    for operation in ("/api/v1/ask", "/api/v1/companies", "AskRequest", "AnswerOut", "HistoryTurn"):
        assert operation in page
    assert "<script" not in page and "src=" not in page and "<link" not in page
    assert "http://" not in page and "https://" not in page


def test_questions_stay_out_of_the_logs_and_are_redacted_in_the_chat_log(open_api, service, caplog):
    caplog.set_level(logging.DEBUG)
    question = f"Hoe lang bewaart Pixeljet mijn gegevens? Mail me op {EMAIL}"
    response = _ask(open_api, {"question": question})
    assert response.status_code == 200, response.text
    assert caplog.records, "no log record was captured"
    assert EMAIL not in caplog.text and "Mail me op" not in caplog.text
    records = (service.settings.data_dir / "chat.jsonl").read_text(encoding="utf-8").splitlines()
    logged = [json.loads(line) for line in records if "Mail me op" in line]
    assert len(logged) == 1
    assert "[EMAIL]" in logged[0]["question"] and EMAIL not in records[-1]
