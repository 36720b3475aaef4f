"""The app's engine room: opens the index (ingesting on first start), warms the engine, swaps it after re-ingest."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple

from assistant.companies import read_manifests
from assistant.engine import Engine, build_engine, open_store
from assistant.feedback import ChatLog, FeedbackStore
from assistant.library import PolicyLibrary
from assistant.types import Answer, Retrieval, Turn
from core.errors import AssistantError
from core.language import LanguageResult
from core.settings import Settings
from core.types import CompanyManifest, IngestReport
from ingest.pipeline import run_ingest

__all__ = ["AssistantService", "ShopMentions"]

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]
_LOG_EVERY_SECONDS = 5.0  # ingest progress is logged at most this often per stage


class ShopMentions(NamedTuple):
    """The shops a question names: ids of shops in the corpus, and a shop-like name the corpus does not hold."""

    named: tuple[str, ...]
    unknown: str


class AssistantService:
    """Everything the UI calls: answering, clause search, the policy library, feedback and (re-)ingest.

    The UI holds no retrieval or answer logic; it calls this object, which delegates to the live `Engine`
    (`assistant.engine`: pipeline, retriever, policy library), `run_ingest` and `FeedbackStore`.

    Usage::

        service = AssistantService(settings=settings)
        threading.Thread(target=service.warm_up, daemon=True).start()
        service.wait_ready(timeout=60)
        answer = service.ask(question="Hoe lang bewaren jullie mijn gegevens?")

    Args:
        settings: validated settings, read once by the entry point.
    """

    def __init__(self, *, settings: Settings) -> None:
        self.settings = settings
        self.feedback = FeedbackStore(data_dir=settings.data_dir)
        self.chat_log = ChatLog(data_dir=settings.data_dir)
        self._engine: Engine | None = None
        self._ready = threading.Event()
        self._settled = threading.Event()  # set once the start-up has ended, warm or failed
        self._ingest_lock = threading.Lock()
        self._state = "starting"
        self._detail = ""
        self._manifests: tuple[CompanyManifest, ...] = ()
        self.last_report: IngestReport | None = None

    # ------------------------------------------------------------------ state

    @property
    def state(self) -> str:
        """One of starting, ingesting, loading, ready, failed."""
        return self._state

    @property
    def detail(self) -> str:
        """The latest progress or error message of the start-up."""
        return self._detail

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until the first engine is warm, the start-up failed, or `timeout` seconds passed; return whether
        it is warm."""
        self._settled.wait(timeout)
        return self._ready.is_set()

    def _set(self, state: str, detail: str = "") -> None:
        self._state, self._detail = state, detail
        if detail:
            logger.info("%s: %s", state, detail)

    @property
    def engine(self) -> Engine:
        """The live engine generation.

        Raises:
            AssistantError: the service is not warm yet.
        """
        if self._engine is None:
            raise AssistantError(f"the assistant is not ready yet ({self._state})")
        return self._engine

    @property
    def manifests(self) -> tuple[CompanyManifest, ...]:
        """The company manifests of the corpus (read once; the first engine is built with them)."""
        if not self._manifests:
            self._manifests = read_manifests(self.settings.corpus_dir)
        return self._manifests

    def shops(self) -> list[tuple[str, str]]:
        """(display name, id) of every shop in the corpus, reference sets excluded, for the company selector."""
        return [(m.name, m.id) for m in self.manifests if not m.reference]

    def shop_names(self) -> dict[str, tuple[str, ...]]:
        """Every shop id with its display name, aliases and website (reference sets excluded), for the widget preset."""
        return {m.id: (m.name, *m.aliases, m.website) for m in self.manifests if not m.reference}

    def shop_name(self, company: str) -> str:
        """The display name of shop `company`; a name that is no shop id comes back as it is."""
        return next((m.name for m in self.manifests if m.id == company), company)

    # ------------------------------------------------------------------ start-up

    def warm_up(self, *, progress: Progress | None = None) -> None:
        """Ingest the corpus when the store holds no index, then load and warm the engine. Safe to call twice.

        Args:
            progress: called with each progress line of a first-start ingest.

        Raises:
            AssistantError: the index cannot be built or opened, or a model cannot be loaded.
        """
        if self._ready.is_set():
            return
        started = time.perf_counter()
        try:
            with self._ingest_lock:
                if self._ready.is_set():
                    return
                store = open_store(self.settings)
                if store.live() is None:
                    self._set("ingesting", f"no index in {store.where}; ingesting {self.settings.corpus_dir}")
                    self.last_report = self._ingest(rebuild=False, progress=progress)
                self._set("loading", "loading the models and the index")
                self._engine = build_engine(self.settings, store=store, manifests=self.manifests)
        except AssistantError as exc:
            self._set("failed", str(exc))
            self._settled.set()
            raise
        self._set("ready", f"ready in {time.perf_counter() - started:.1f} s "
                           f"(index {self._engine.info.version}, {self._engine.info.count} chunks)")
        self._ready.set()
        self._settled.set()

    def _ingest(self, *, rebuild: bool, progress: Progress | None) -> IngestReport:
        logged: dict[str, float] = {}

        def report(stage: str, done: int, total: int) -> None:
            line = f"{stage}: {done}/{total}"
            self._detail = line
            now = time.monotonic()
            if stage not in logged or done >= total or now - logged[stage] >= _LOG_EVERY_SECONDS:
                logged[stage] = now
                logger.info("ingest: %s", line)
            if progress is not None:
                progress(line)

        result = run_ingest(self.settings, rebuild=rebuild, progress=report)
        if not result.ok:
            raise AssistantError("ingest failed: " + "; ".join(result.errors))
        return result

    # ------------------------------------------------------------------ use

    def ask(self, *, question: str, company: str | None = None, language: str | None = None,
            history: Sequence[Turn] = (), id: str = "") -> Answer:
        """Answer one customer question with the live engine (see `AskPipeline.run`).

        Raises:
            QuestionRejected: the question is empty or too long.
            AssistantError: the service is not ready, or answering failed.
        """
        return self.engine.pipeline.run(question=question, company=company, language=language,
                                        history=tuple(history), id=id)

    def question_language(self, question: str) -> LanguageResult:
        """The language of `question` as the assistant detects it (the shops' names ignored), without a hint."""
        detector = self.engine.pipeline.detector
        assert detector is not None  # build_engine hands the pipeline its detector
        return detector.run(text=question)

    def shops_in(self, question: str) -> ShopMentions:
        """The shops `question` names (see `CompanyDirectory.named` and `CompanyMatch.unknown_name`)."""
        directory = self.engine.directory
        named = directory.named(question)
        return ShopMentions(named=named, unknown="" if named else directory.run(question=question).unknown_name)

    def log_answer(self, answer: Answer) -> None:
        """Record an answered question in the chat log (redacted there); a write failure is logged, not raised."""
        try:
            self.chat_log.record(question=answer.question, answer=answer.answer, status=answer.status.value,
                                 company=answer.company, language=answer.language,
                                 chunk_ids=[c.chunk_id for c in answer.citations], index_version=self.index_version,
                                 generator=answer.generator)
        except (AssistantError, OSError) as exc:
            logger.error("could not write the chat log: %s", exc)

    def search(self, *, question: str, companies: tuple[str, ...] = (), language: str | None = None,
               categories: tuple[str, ...] | None = None, top_k: int | None = None) -> Retrieval:
        """Clause search for the staff console (see `Retriever.run`); the GDPR is searched when named."""
        return self.engine.retriever.run(question=question, companies=companies, language=language,
                                         categories=categories, top_k=top_k)

    @property
    def library(self) -> PolicyLibrary:
        return self.engine.library

    @property
    def index_version(self) -> str:
        return self._engine.info.version if self._engine is not None else ""

    def reingest(self, *, rebuild: bool = False, progress: Progress | None = None) -> IngestReport:
        """Run the ingest in this process, then build the next engine generation (a fresh snapshot of the new index,
        the loaded models kept) and swap it in; until then answers keep coming from the current one.

        Raises:
            AssistantError: another ingest is running, or this one failed (the current engine keeps serving).
        """
        if not self._ingest_lock.acquire(blocking=False):
            raise AssistantError("an ingest is already running")
        try:
            report = self._ingest(rebuild=rebuild, progress=progress)
            if progress is not None:
                progress("loading the new index")
            engine = self._engine.reloaded() if self._engine is not None else build_engine(self.settings)
            self._engine = engine
            self.last_report = report
            if not self._ready.is_set():
                self._set("ready", f"index {engine.info.version}")
                self._ready.set()
                self._settled.set()
            return report
        finally:
            self._ingest_lock.release()
