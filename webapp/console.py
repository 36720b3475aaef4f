"""The staff console: clause search, comparison grid, policy viewer, feedback list and index status with re-ingest."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.feedback import REASONS
from core.errors import AssistantError
from core.settings import LANGUAGES, Settings
from core.types import CATEGORIES
from webapp.render import (
    document_note,
    escape_html,
    render_clause_html,
    render_feedback_html,
    render_grid_html,
    render_hits_html,
    render_policy_html,
    render_table_html,
)

if TYPE_CHECKING:
    from assistant.library import PolicyLibrary
    from webapp.service import AssistantService
__all__ = ["ANY", "ConsoleHandlers", "build_console", "build_console_disabled", "require_staff"]

logger = logging.getLogger(__name__)

ANY = "any"
_SEARCH_DEPTH = 40  # hits retrieved before the language and category filters
_SEARCH_SHOWN = 10  # hits shown


def require_staff(request: gr.Request | None) -> str:
    """Return the logged-in staff user of `request`; raise gr.Error when the session has no login.

    Every console handler calls this first, so the console refuses work even if its page were reached without
    Gradio's login wall.
    """
    user = getattr(request, "username", None) if request is not None else None
    if not user:
        raise gr.Error("Staff login required.")
    return user


def _choice(value: str | None) -> str | None:
    return None if value in (None, "", ANY) else value


class ConsoleHandlers:
    """The console's event handlers, apart from the layout so tests can call them directly.

    Args:
        service: the assistant service (retriever, library, feedback, ingest).
    """

    def __init__(self, *, service: AssistantService) -> None:
        self.service = service

    @property
    def library(self) -> PolicyLibrary:
        """The live library; raises gr.Error while the index is not loaded (first ingest, or a failed start)."""
        if not self.service.ready:
            raise gr.Error(f"The index is not loaded yet ({self.service.state}: {self.service.detail}).")
        return self.service.library

    def search(self, query: str, company: str, language: str, category: str, request: gr.Request) -> str:
        """Clause search with filters; a query that is an article label (`Artikel 6`, `8.3`) jumps to it."""
        require_staff(request)
        if not query.strip():
            return '<div class="pa-empty">Type a question, a phrase or an article label.</div>'
        library = self.library
        company_id, language_code = _choice(company), _choice(language)
        labelled = library.find_label(query, company=company_id, language=language_code)
        if labelled:
            return "".join(render_clause_html(section, library=library) for section in labelled)
        retrieval = self.service.search(question=query, companies=(company_id,) if company_id else (),
                                        language=language_code, top_k=_SEARCH_DEPTH,
                                        categories=(category,) if _choice(category) else None)
        hits = [hit for hit in retrieval.hits if language_code in (None, hit.chunk.language)
                and (not _choice(category) or category in hit.chunk.categories)]
        return render_hits_html(hits[:_SEARCH_SHOWN], library=library)

    def grid(self, categories: list[str], companies: list[str], request: gr.Request) -> str:
        """The category x company comparison grid."""
        require_staff(request)
        library = self.library
        chosen = companies or library.companies(include_reference=False)
        return render_grid_html(categories or list(CATEGORIES), chosen, library=library)

    def documents(self) -> list[tuple[str, str]]:
        """(label, value) of every indexed document version for the viewer's picker."""
        library = self.library
        choices = []
        for company, document, languages in library.documents():
            note = document_note(library, company, document, "en")
            label = f"{library.company_name(company)} — {document}" + (f" · {note}" if note else "")
            choices.append((f"{label} ({', '.join(languages)})", f"{company}|{document}"))
        return choices

    def policy(self, document: str, language: str, side_by_side: str, request: gr.Request) -> str:
        """A whole policy with section anchors, optionally beside its linked version in another language."""
        require_staff(request)
        if not document or "|" not in document:
            return '<div class="pa-empty">Pick a document.</div>'
        company, name = document.split("|", 1)
        library = self.library
        sections = library.sections_of(company, name, _choice(language))
        return render_policy_html(sections, library=library, linked_language=_choice(side_by_side))

    def feedback(self, rating: str, reason: str, company: str, language: str, request: gr.Request) -> str:
        """The feedback list, newest first, filtered."""
        require_staff(request)
        records = self.service.feedback.list(rating=_choice(rating), company=_choice(company),
                                             reason=None if reason == ANY else reason)
        if _choice(language):
            records = [r for r in records if r.get("language") == language]
        return render_feedback_html(reversed(records))

    def status(self, request: gr.Request) -> str:
        """Index status: version, time of the last ingest, embedders, documents and chunks."""
        require_staff(request)
        service = self.service
        if not service.ready:
            return f"<p>{escape_html(service.state)}: {escape_html(service.detail)}</p>"
        info = service.engine.info
        rows = [
            ("state", service.state),
            ("index version", info.version),
            ("last ingest", info.created_at),
            ("documents", len(info.documents)),
            ("chunks", info.count),
            ("embedders", ", ".join(f"{name} ({e.key}, {e.dim} d)" for name, e in info.embedders.items())),
            ("chunks by company", ", ".join(f"{k} {v}" for k, v in sorted(info.by_company.items()))),
            ("chunks by language", ", ".join(f"{k} {v}" for k, v in sorted(info.by_language.items()))),
        ]
        report = service.last_report
        if report is not None:
            rows.append(("last run", f"{report.embedded} embedded, {report.unchanged} unchanged, "
                                     f"{len(report.warnings)} warnings, {report.seconds:.1f} s"))
        return render_table_html(("", ""), rows)

    def reingest(self, rebuild: bool, request: gr.Request) -> Iterator[str]:
        """Run the ingest in a thread and stream its progress; answers keep coming from the old index meanwhile."""
        require_staff(request)
        logger.info("re-ingest started from the staff console")
        lines: queue.Queue[str | None] = queue.Queue()
        outcome: dict[str, str] = {}

        def work() -> None:
            try:
                report = self.service.reingest(rebuild=rebuild, progress=lines.put)
                outcome["done"] = (f"done: index {self.service.index_version}, {report.chunks} chunks, "
                                   f"{report.embedded} embedded, {len(report.warnings)} warnings, "
                                   f"{report.seconds:.1f} s")
            except AssistantError as exc:
                outcome["done"] = f"failed: {exc} (the previous index keeps serving)"
            finally:
                lines.put(None)

        threading.Thread(target=work, name="reingest", daemon=True).start()
        log: list[str] = []
        while (line := lines.get()) is not None:
            if log and line.split(":", 1)[0] == log[-1].split(":", 1)[0]:
                log[-1] = line
            else:
                log.append(line)
            yield "\n".join(log)
        log.append(outcome.get("done", "stopped"))
        yield "\n".join(log)


def build_console(*, service: AssistantService, settings: Settings) -> gr.Blocks:
    """Build the staff console page (mount it behind Gradio's login; every handler checks the login again).

    Args:
        service: the assistant service.
        settings: validated settings.
    """
    del settings
    handlers = ConsoleHandlers(service=service)
    any_company = [("any", ANY), *((name, cid) for name, cid in service.shops()), ("GDPR", "gdpr")]
    any_language = [("any", ANY), *((code, code) for code in LANGUAGES)]
    with gr.Blocks(title="Privacy assistant — staff console", analytics_enabled=False) as blocks:
        gr.Markdown("## Staff console")
        with gr.Tab("Clause search"):
            with gr.Row():
                query = gr.Textbox(label="Question, phrase or article label (Artikel 6, 8.3)", scale=4,
                                   elem_id="pa-console-query")
                company = gr.Dropdown(any_company, value=ANY, label="Company")
                language = gr.Dropdown(any_language, value=ANY, label="Language")
                category = gr.Dropdown([ANY, *CATEGORIES], value=ANY, label="Category")
            search = gr.Button("Search", variant="primary")
            results = gr.HTML(elem_id="pa-console-results")
            for trigger in (query.submit, search.click):
                trigger(handlers.search, [query, company, language, category], results, api_visibility="private")
        with gr.Tab("Compare"):
            categories = gr.Dropdown(list(CATEGORIES), value=list(CATEGORIES), multiselect=True, label="Categories")
            companies = gr.Dropdown([(n, c) for n, c in service.shops()], value=[c for _, c in service.shops()],
                                    multiselect=True, label="Companies")
            compare = gr.Button("Build grid", variant="primary")
            grid = gr.HTML()
            compare.click(handlers.grid, [categories, companies], grid, api_visibility="private")
        with gr.Tab("Policy viewer"):
            with gr.Row():
                document = gr.Dropdown([], label="Document", scale=3)
                version = gr.Dropdown(any_language, value=ANY, label="Language version")
                twin = gr.Dropdown(any_language, value=ANY, label="Linked version side by side")
            show = gr.Button("Show", variant="primary")
            policy = gr.HTML()
            show.click(handlers.policy, [document, version, twin], policy, api_visibility="private")
        with gr.Tab("Feedback"):
            with gr.Row():
                rating = gr.Dropdown([ANY, "like", "dislike"], value=ANY, label="Rating")
                reason = gr.Dropdown([ANY, *(r for r in REASONS if r)], value=ANY, label="Reason")
                fb_company = gr.Dropdown(any_company, value=ANY, label="Company")
                fb_language = gr.Dropdown(any_language, value=ANY, label="Language")
            refresh = gr.Button("Show feedback", variant="primary")
            feedback = gr.HTML(elem_id="pa-console-feedback")
            refresh.click(handlers.feedback, [rating, reason, fb_company, fb_language], feedback,
                          api_visibility="private")
        with gr.Tab("Index"):
            status = gr.HTML()
            status_button = gr.Button("Refresh status")
            rebuild = gr.Checkbox(label="Rebuild (re-embed every chunk through the cache)", value=False)
            reingest = gr.Button("Re-ingest the corpus", variant="stop")
            progress = gr.Textbox(label="Ingest progress", lines=8, interactive=False)
            status_button.click(handlers.status, None, status, api_visibility="private")
            reingest.click(handlers.reingest, [rebuild], progress, api_visibility="private",
                           concurrency_limit=1, concurrency_id="reingest").then(
                handlers.status, None, status, api_visibility="private")

        def on_load(request: gr.Request) -> tuple[Any, str]:
            require_staff(request)
            if not service.wait_ready(0):
                return gr.update(choices=[]), handlers.status(request)
            return gr.update(choices=handlers.documents()), handlers.status(request)

        blocks.load(on_load, None, [document, status], api_visibility="private")
    return blocks


def build_console_disabled() -> gr.Blocks:
    """The page shown at the console's address when no staff credentials are configured."""
    with gr.Blocks(title="Privacy assistant — staff console", analytics_enabled=False) as blocks:
        gr.Markdown("## Staff console disabled\nSet `PA_STAFF_USER` and `PA_STAFF_PASSWORD` and restart the app "
                    "to enable the staff console.", elem_id="pa-console-disabled")
    return blocks
