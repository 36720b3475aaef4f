"""Privacy of the assistant itself: what it stores is redacted, kept only as long as configured, and nothing leaves."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rel_support import PROJECT, clean_env

from assistant.cli import main as assistant_main
from assistant.feedback import ChatLog, FeedbackStore
from assistant.jsonl_log import JsonlLog
from core.redact import find_personal_data
from core.settings import Settings
from webapp.chat import ChatHandlers
from webapp.service import AssistantService

GUARD = Path(__file__).with_name("rel_netguard.py")

# One question per language carrying every kind of personal data in that language's usual format.
PERSONAL = {
    "en": ("How long does Pixeljet keep my data? I am john.smith@example.co.uk, +44 20 7946 0958, "
           "GB82 WEST 1234 5698 7654 32, 221B Baker Street, London NW1 6XE.",
           ["john.smith@example.co.uk", "+44 20 7946 0958", "GB82 WEST 1234 5698 7654 32", "221B Baker Street"]),
    "nl": ("Hoe lang bewaart Pixeljet mijn gegevens? Ik ben j.devries@voorbeeld.nl, 06-12345678, "
           "NL91 ABNA 0417 1643 00, Kerkstraat 5, 9000 Gent.",
           ["j.devries@voorbeeld.nl", "06-12345678", "NL91 ABNA 0417 1643 00", "Kerkstraat 5"]),
    "de": ("Wie lange speichert Pixeljet meine Daten? Ich bin müller@beispiel.de, Tel. 030/1234567, "
           "DE89 3704 0044 0532 0130 00, Hauptstraße 5, 10115 Berlin.",
           ["müller@beispiel.de", "030/1234567", "DE89 3704 0044 0532 0130 00", "Hauptstraße 5"]),
    "fr": ("Combien de temps Pixeljet conserve-t-il mes données ? Je suis marie.dupont@exemple.fr, "
           "+33 6 12 34 56 78, FR14 2004 1010 0505 0001 3M02 606, 12 rue de la Paix, 75002 Paris.",
           ["marie.dupont@exemple.fr", "+33 6 12 34 56 78", "FR14 2004 1010 0505 0001 3M02 606",
            "12 rue de la Paix"]),
}


@pytest.fixture(scope="module")
def small_index(make_index, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Pixeljet and M3D-Print indexed with the `hash` embedder."""
    import shutil

    root = tmp_path_factory.mktemp("privacy")
    corpus = root / "corpus"
    source = PROJECT / "policies_corpus"
    for company in ("pixeljet", "m3d-print"):
        shutil.copytree(source / company, corpus / company)
    return make_index(root, corpus_dir=corpus, embedders=("hash",)).replace(abstain_threshold=-1.0)


@pytest.fixture
def service(small_index: Settings, tmp_path: Path) -> Iterator[AssistantService]:
    service = AssistantService(settings=small_index.replace(data_dir=tmp_path / "data"))
    service.warm_up()
    yield service


@pytest.mark.parametrize("language", list(PERSONAL))
def test_questions_and_feedback_are_stored_redacted_end_to_end(service: AssistantService, language: str,
                                                               figures) -> None:
    question, personal = PERSONAL[language]
    assert {m.kind for m in find_personal_data(question)} == {"EMAIL", "PHONE", "IBAN", "ADDRESS"}
    handlers = ChatHandlers(service=service, settings=service.settings)
    *_, last = handlers.respond(question, [], [], [], "auto", "auto")
    exchanges = last[3]
    assert exchanges, "the question was not answered"
    assert handlers.feedback(exchanges, exchanges[-1].message_index, False, reason="other",
                             comment=f"Reach me at {personal[0]} or {personal[1]}")
    data = service.settings.data_dir
    stored = {name: (data / name).read_text(encoding="utf-8") for name in ("chat.jsonl", "feedback.jsonl")}
    for name, content in stored.items():
        leaked = [item for item in personal if item in content]
        assert not leaked, f"{name} keeps {leaked}"
    chat = json.loads(stored["chat.jsonl"])
    assert {"[EMAIL]", "[PHONE]", "[IBAN]", "[ADDRESS]"} <= {p for p in ("[EMAIL]", "[PHONE]", "[IBAN]", "[ADDRESS]")
                                                              if p in chat["question"]}
    feedback = json.loads(stored["feedback.jsonl"])
    assert "[EMAIL]" in feedback["comment"] and "[PHONE]" in feedback["comment"]
    figures.record(f"privacy.redaction_end_to_end[{language}]", kinds=4, leaked=0)


def _old(log: JsonlLog, days: float, n: int) -> None:
    for i in range(n):
        ts = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="milliseconds")
        log.append({"ts": ts, "id": f"{days}-{i}", "question": "q", "answer": "a", "rating": "like"})


@pytest.mark.parametrize("retention_days, removed", [(30, 2), (5, 5), (0, 8)])
def test_purge_command_removes_what_is_older_than_the_configured_retention(tmp_path: Path, retention_days: int,
                                                                          removed: int, figures) -> None:
    feedback, chat = FeedbackStore(data_dir=tmp_path), ChatLog(data_dir=tmp_path)
    for log in (feedback.log, chat.log):
        _old(log, 40, 2)
        _old(log, 10, 3)
        _old(log, 1, 3)
    out = io.StringIO()
    code = assistant_main(["purge", "--json"], environ={"PA_DATA_DIR": str(tmp_path),
                                                        "PA_RETENTION_DAYS": str(retention_days)}, stdout=out)
    assert code == 0
    payload = json.loads(out.getvalue())
    assert payload["retention_days"] == retention_days
    assert payload["removed"] == {"feedback": removed, "chat": removed}
    for log in (feedback.log, chat.log):
        assert len(log.read()) == 8 - removed
    figures.record(f"privacy.purge[retention={retention_days}]", records=16, removed=2 * removed)


def test_purge_with_a_negative_retention_is_refused_before_touching_the_logs(tmp_path: Path) -> None:
    _old(FeedbackStore(data_dir=tmp_path).log, 40, 1)
    out = io.StringIO()
    code = assistant_main(["purge", "--json"], environ={"PA_DATA_DIR": str(tmp_path), "PA_RETENTION_DAYS": "-1"},
                          stdout=out)
    assert code == 1
    assert "retention_days" in json.loads(out.getvalue())["error"]
    assert len(FeedbackStore(data_dir=tmp_path).log.read()) == 1


@pytest.mark.server
def test_a_cli_ask_opens_no_connection_outside_the_machine(small_index: Settings, tmp_path: Path, figures) -> None:
    record = tmp_path / "network.jsonl"
    env = clean_env(PA_CORPUS_DIR=str(small_index.corpus_dir), PA_STORE_DIR=str(small_index.store_dir),
                    PA_EMBEDDERS="hash", PA_EMBED_CACHE=str(small_index.embed_cache), PA_ABSTAIN_THRESHOLD="-1",
                    PYTHONPATH=str(GUARD.parent))
    done = subprocess.run([sys.executable, str(GUARD), str(record), "-m", "assistant", "ask",
                           "How long does Pixeljet keep my data?", "--json"], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["status"] == "answered"
    attempts = record.read_text(encoding="utf-8").splitlines()
    figures.record("privacy.no_outbound_network_cli", non_loopback_attempts=len(attempts))
    assert not attempts, attempts[:3]


def test_the_network_guard_itself_catches_an_outbound_connect(tmp_path: Path) -> None:
    record = tmp_path / "network.jsonl"
    probe = tmp_path / "probe.py"
    probe.write_text("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
                     "except OSError as exc:\n    print(type(exc).__name__)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(GUARD), str(record), str(probe)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(GUARD.parent)})
    assert done.returncode == 0, done.stderr
    assert "192.0.2.1" in record.read_text(encoding="utf-8")
