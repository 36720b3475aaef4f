"""The customer chat: a streaming Chatbot with company and language pickers, a sources panel and feedback.

A page opened as `/?company=<id>&lang=<xx>` (the widget preset, `webapp.preset`) answers for that shop only, in
that language by default, with its interface in that language.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.question_reading import QuestionRejected
from assistant.types import Answer, Turn
from core.errors import AssistantError
from core.settings import LANGUAGES, Settings
from webapp.preset import Preset, PresetProblem, answer_language, foreign_shop, parse_preset
from webapp.render import escape_markdown, render_answer_markdown, render_sources_html
from webapp.texts import EXAMPLE_QUESTIONS, FEEDBACK_REASONS, LANGUAGE_NAMES, text

if TYPE_CHECKING:
    from webapp.service import AssistantService

__all__ = ["AUTO", "ChatHandlers", "Exchange", "build_chat"]

logger = logging.getLogger(__name__)

AUTO = "auto"
_STREAM_WORDS = 6  # words added per streamed update
_WAIT_FOR_WARM_UP = 60.0  # seconds a question waits for the start-up before asking the customer to come back


@dataclass(frozen=True)
class Exchange:
    """What the session remembers of one answered question, for feedback on its chat message."""

    message_index: int
    question: str
    answer: str
    status: str
    company: str | None
    language: str
    chunk_ids: tuple[str, ...]
    index_version: str


class ChatHandlers:
    """The chat's event handlers, kept apart from the layout so they can be called directly in tests.

    Args:
        service: the assistant service (answers, library, feedback store).
        settings: validated settings (fallback UI language, question length).
    """

    def __init__(self, *, service: AssistantService, settings: Settings) -> None:
        self.service = service
        self.settings = settings

    def respond(self, message: str, chat: list[dict[str, Any]], turns: list[Turn], exchanges: list[Exchange],
                company: str, language: str, preset: Preset | None = None,
                ) -> Iterator[tuple[str, list[dict[str, Any]], list[Turn], list[Exchange], str, Any]]:
        """Answer `message`, streaming the reply into the chat.

        Yields (textbox, chat, turns, exchanges, sources panel, privacy notice); the notice switches to the
        answer's language once it is known.

        Abstentions arrive as normal answers with the privacy contact; a rejected question gets a localized hint.
        On a preset page the preset's shop replaces the company picker, and a question about another shop gets
        the `other_shop` reply instead of an answer (`webapp.preset.foreign_shop`).
        """
        chat = list(chat or [])
        turns = list(turns or [])
        exchanges = list(exchanges or [])
        preset = preset or Preset()
        chosen = None if language == AUTO else language
        fallback = chosen if chosen in LANGUAGES else preset.language or self.settings.ui_language
        chat.append({"role": "user", "content": escape_markdown(message)})
        chat.append({"role": "assistant", "content": "…"})
        yield "", list(chat), turns, exchanges, "", gr.skip()
        if not self.service.ready:
            chat[-1] = {"role": "assistant", "content": escape_markdown(text("preparing", fallback))}
            yield "", list(chat), turns, exchanges, "", gr.skip()
            if not self.service.wait_ready(_WAIT_FOR_WARM_UP):
                key = "unavailable" if self.service.state == "failed" else "still_preparing"
                chat[-1] = {"role": "assistant", "content": escape_markdown(text(key, fallback))}
                yield "", list(chat), turns, exchanges, "", gr.skip()
                return
        if preset.company or preset.language:
            found = self.service.question_language(message)
            chosen = answer_language(chosen=chosen, preset=preset.language, detected=found.detected,
                                     confident=found.confident)
            refusal = self._other_shop(message, preset, language=chosen or found.language)
            if refusal:
                chat[-1] = {"role": "assistant", "content": escape_markdown(refusal)}
                yield "", list(chat), turns, exchanges, "", gr.skip()
                return
        shop = preset.company or (None if company == AUTO else company)
        try:
            answer = self.service.ask(question=message, company=shop, language=chosen, history=turns,
                                      id=uuid.uuid4().hex)
        except QuestionRejected:
            reply = text("rejected", fallback, limit=self.settings.max_question_chars)
            chat[-1] = {"role": "assistant", "content": escape_markdown(reply)}
            yield "", list(chat), turns, exchanges, "", gr.skip()
            return
        except AssistantError as exc:
            logger.error("answering failed: %s", exc)
            chat[-1] = {"role": "assistant", "content": escape_markdown(text("unavailable", fallback))}
            yield "", list(chat), turns, exchanges, "", gr.skip()
            return
        library = self.service.library
        contact = library.contact(answer.company) if answer.company else ""
        reply = render_answer_markdown(answer, contact=contact)
        sources = render_sources_html(answer, library=library)
        words = reply.split(" ")
        for end in range(_STREAM_WORDS, len(words), _STREAM_WORDS):
            chat[-1] = {"role": "assistant", "content": " ".join(words[:end])}
            yield "", list(chat), turns, exchanges, "", gr.skip()
        chat[-1] = {"role": "assistant", "content": reply}
        turns.append(Turn(question=answer.question, company=answer.company, categories=answer.categories,
                          language=answer.language))
        exchanges.append(self._exchange(len(chat) - 1, answer))
        self.service.log_answer(answer)
        yield "", list(chat), turns, exchanges, sources, self.notice(answer.language)

    def _other_shop(self, message: str, preset: Preset, *, language: str) -> str:
        """The reply to a question about another shop than the preset's, in `language`; "" when there is none."""
        if preset.company is None:
            return ""
        mentions = self.service.shops_in(message)
        other = foreign_shop(preset.company, named=mentions.named, unknown=mentions.unknown)
        if other is None:
            return ""
        return text("other_shop", language, company=self.service.shop_name(preset.company),
                    other=self.service.shop_name(other))

    def load(self, request: gr.Request) -> tuple[Preset, str, Any, Any, Any, Any, Any, Any, str, Any, str]:
        """Page load: read the widget preset from the page's address and set the page up for it.

        Returns (preset, intro, problems message, company picker, answer-language picker, chat, question box,
        examples, privacy notice, other-languages accordion, other-languages notices). Every value from the
        address is escaped before it is shown. A shop's page hides the company picker and the examples (they
        name other shops).
        """
        params = getattr(request, "query_params", None) if request is not None else None
        preset = parse_preset({str(k): str(v) for k, v in dict(params or {}).items()},
                              shops=self.service.shop_names())
        lang = preset.language or self.settings.ui_language
        intro = text("shop_intro", lang, company=self.service.shop_name(preset.company)) if preset.company \
            else text("intro", lang)
        problems = "\n\n".join(escape_markdown(self._problem(problem, lang)) for problem in preset.problems)
        return (preset, "## Privacy assistant\n" + escape_markdown(intro),
                gr.update(value=problems, visible=bool(problems)),
                gr.update(visible=preset.company is None, label=text("company", lang)),
                gr.update(label=text("answer_language", lang)),
                gr.update(label=text("conversation", lang)),
                gr.update(placeholder=text("placeholder", lang)),
                gr.update(visible=preset.company is None),
                self.notice(lang),
                gr.update(label=text("other_notices", lang)),
                "\n\n".join(self.notice(code) for code in LANGUAGES if code != lang))

    def _problem(self, problem: PresetProblem, language: str) -> str:
        key = "unknown_company_param" if problem.parameter == "company" else "unknown_lang_param"
        return text(key, language, value=problem.value, known=", ".join(problem.known))

    def notice(self, language: str) -> str:
        """The assistant's own privacy notice in `language`, as escaped Markdown."""
        return escape_markdown(text("privacy_notice", language, days=self.settings.retention_days))

    def clear(self) -> tuple[list[Turn], list[Exchange], str, Any]:
        """Forget the conversation when the customer clears the chat."""
        return [], [], "", gr.update(visible=False)

    def _exchange(self, index: int, answer: Answer) -> Exchange:
        return Exchange(message_index=index, question=answer.question, answer=answer.answer,
                        status=answer.status.value, company=answer.company, language=answer.language,
                        chunk_ids=tuple(c.chunk_id for c in answer.citations),
                        index_version=self.service.index_version)

    def feedback(self, exchanges: list[Exchange], index: int | tuple[int, int] | list[int], liked: bool | str,
                 *, reason: str = "", comment: str = "") -> bool:
        """Store a like or dislike of the chat message at `index`; return False when no answer is there.

        Args:
            exchanges: the session's answered questions.
            index: the message index from the Chatbot's like event.
            liked: True / "Like" for a like, False / "Dislike" for a dislike.
            reason: one of FEEDBACK_REASONS (dislikes), or empty.
            comment: free text from the customer (redacted by the feedback store).
        """
        position = index[0] if isinstance(index, (tuple, list)) else index
        exchange = next((e for e in exchanges or [] if e.message_index == position), None)
        if exchange is None:
            return False
        up = liked is True or (isinstance(liked, str) and liked.lower() in {"like", "liked", "up"})
        self.service.feedback.record(
            rating="like" if up else "dislike", reason=reason if reason in FEEDBACK_REASONS else "",
            question=exchange.question, answer=exchange.answer, chunk_ids=list(exchange.chunk_ids),
            index_version=exchange.index_version, company=exchange.company or "", language=exchange.language,
            comment=comment,
        )
        return True

    def on_like(self, exchanges: list[Exchange], data: gr.LikeData) -> tuple[Any, Any, Any]:
        """Chatbot like event: a like is stored at once; a dislike opens the reason form for that message."""
        liked = data.liked
        if liked is None or liked == "":  # a second click took the like or dislike back
            return gr.update(visible=False), None, gr.update(visible=False)
        up = liked is True or (isinstance(liked, str) and liked.lower() == "like")
        position = data.index[0] if isinstance(data.index, (tuple, list)) else data.index
        if up:
            stored = self.feedback(exchanges, position, True)
            note = "Thank you for your feedback." if stored else ""
            return gr.update(visible=False), None, gr.update(value=note, visible=bool(note))
        if not any(e.message_index == position for e in exchanges or []):
            return gr.update(visible=False), None, gr.update(visible=False)
        return gr.update(visible=True), position, gr.update(visible=False)

    def on_reason(self, exchanges: list[Exchange], pending: int | None, reason: str,
                  comment: str) -> tuple[Any, Any, Any, Any]:
        """Store the pending dislike with its reason and comment, then close the form."""
        stored = pending is not None and self.feedback(exchanges, pending, False, reason=reason or "other",
                                                       comment=comment or "")
        note = "Thank you for your feedback." if stored else ""
        return gr.update(visible=False), None, gr.update(value=note, visible=bool(note)), ""


def build_chat(*, service: AssistantService, settings: Settings) -> gr.Blocks:
    """Build the customer chat page.

    Args:
        service: the assistant service the handlers call.
        settings: validated settings (retention days for the privacy notice, UI language).
    """
    handlers = ChatHandlers(service=service, settings=settings)
    companies = [("Auto-detect", AUTO), *service.shops()]
    languages = [("Auto", AUTO), *((LANGUAGE_NAMES[code], code) for code in LANGUAGES)]
    ui = settings.ui_language  # until a page's `lang` preset says otherwise
    with gr.Blocks(title="Privacy assistant", analytics_enabled=False) as blocks:
        intro = gr.Markdown("## Privacy assistant\n" + escape_markdown(text("intro", ui)), elem_id="pa-intro")
        problems = gr.Markdown(visible=False, elem_id="pa-preset-problems", elem_classes=["pa-warning"])
        with gr.Row():
            company = gr.Dropdown(companies, value=AUTO, label=text("company", ui), elem_id="pa-company", scale=2)
            language = gr.Dropdown(languages, value=AUTO, label=text("answer_language", ui), elem_id="pa-language",
                                   scale=1)
        chatbot = gr.Chatbot(label=text("conversation", ui), elem_id="pa-chat", height=460, sanitize_html=True,
                             allow_tags=False, render_markdown=True, latex_delimiters=[],
                             feedback_options=("Like", "Dislike"), buttons=["copy"])
        with gr.Row():
            question = gr.Textbox(placeholder=text("placeholder", ui), show_label=False, elem_id="pa-question",
                                  scale=5, max_length=settings.max_question_chars, submit_btn=True)
        examples = gr.Examples(examples=[[q] for q in EXAMPLE_QUESTIONS], inputs=[question], label="Examples")
        thanks = gr.Markdown(visible=False, elem_id="pa-feedback-thanks")
        with gr.Group(visible=False, elem_id="pa-feedback-form") as reason_form:
            reason = gr.Radio([(label, key) for key, label in FEEDBACK_REASONS.items()], value="other",
                              label="What went wrong?", elem_id="pa-feedback-reason")
            comment = gr.Textbox(label="Comment (optional)", lines=2, max_length=1000)
            send = gr.Button("Send feedback", elem_id="pa-feedback-send")
        sources = gr.HTML(elem_id="pa-sources")
        notice = gr.Markdown(handlers.notice(ui), elem_id="pa-privacy-notice")
        with gr.Accordion(text("other_notices", ui), open=False, elem_id="pa-privacy") as other_notices:
            other_notice_text = gr.Markdown("\n\n".join(handlers.notice(code) for code in LANGUAGES if code != ui))
        turns = gr.State([])
        exchanges = gr.State([])
        pending = gr.State(None)
        preset = gr.State(Preset())  # per session: read from the page's address on load

        blocks.load(handlers.load, inputs=None,
                    outputs=[preset, intro, problems, company, language, chatbot, question, examples.dataset, notice,
                             other_notices, other_notice_text], api_visibility="private")
        question.submit(handlers.respond, inputs=[question, chatbot, turns, exchanges, company, language, preset],
                        outputs=[question, chatbot, turns, exchanges, sources, notice], api_visibility="private")
        chatbot.clear(handlers.clear, None, [turns, exchanges, sources, reason_form], api_visibility="private")
        chatbot.like(handlers.on_like, inputs=[exchanges], outputs=[reason_form, pending, thanks],
                     api_visibility="private")
        send.click(handlers.on_reason, inputs=[exchanges, pending, reason, comment],
                   outputs=[reason_form, pending, thanks, comment], api_visibility="private")
    return blocks
