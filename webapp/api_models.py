"""The JSON API's request and response bodies, as pydantic models (they are also its OpenAPI schema).

`AnswerOut` mirrors `Answer.as_dict()` field for field: the API returns that dict itself, the model documents it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.types import CATEGORIES

__all__ = ["AnswerOut", "AskRequest", "CitationOut", "CitationVersionOut", "CompaniesOut", "CompanyOut",
           "ErrorOut", "HistoryTurn", "Language"]

Language = Literal["en", "nl", "de", "fr"]
StatusName = Literal["answered", "not_in_policy", "out_of_scope", "unknown_company", "error"]  # assistant.types.Status

_MAX_HISTORY = 20
_MAX_COMPANY_CHARS = 200


class HistoryTurn(BaseModel):
    """One earlier turn of the conversation: copy `question`, `company` and `categories` from that turn's answer."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="The earlier question (the `question` field of its answer).")
    company: str | None = Field(None, max_length=_MAX_COMPANY_CHARS, description=(
        "The company that turn was answered for (the `company` field of its answer); a follow-up without a shop "
        "name is answered for it."))
    categories: list[str] = Field(default_factory=list, max_length=len(CATEGORIES), description=(
        "The privacy categories of that turn (the `categories` field of its answer); a bare follow-up such as "
        "'and for Pixeljet?' keeps this topic."))

    @field_validator("categories")
    @classmethod
    def _known_categories(cls, value: list[str]) -> list[str]:
        unknown = [name for name in value if name not in CATEGORIES]
        if unknown:
            raise ValueError(f"unknown category {unknown[0]!r}; accepted: {', '.join(CATEGORIES)}")
        return value


class AskRequest(BaseModel):
    """A customer question, with the shop, the answer language and the earlier turns when known."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"question": "Hoe lang bewaren jullie mijn gegevens?", "company": "online-3d-printen"},
        {"question": "And for Pixeljet?", "lang": "en",
         "history": [{"question": "How long do you keep my data?", "company": "m3d-print",
                      "categories": ["retention"]}]},
    ]})

    question: str = Field(description=(
        "The question, in any language (answered in en, nl, de or fr). Control characters are removed and blanks "
        "collapsed; empty or longer than the setting max_question_chars (default 2000) after that is a 422."))
    company: str | None = Field(None, max_length=_MAX_COMPANY_CHARS, description=(
        "The shop asked about: its id, name or alias (see GET /api/v1/companies), or 'all'. Omit it to detect the "
        "shop from the question. An unknown shop is an answer with status unknown_company, not an error."))
    lang: Language | None = Field(None, description=(
        "Answer language; omit it to answer in the question's language."))
    history: list[HistoryTurn] = Field(default_factory=list, max_length=_MAX_HISTORY, description=(
        f"Earlier turns of the conversation, oldest first (at most {_MAX_HISTORY}); the most recent one lets a "
        "follow-up ('and for Pixeljet?', 'en hoe lang?') keep its company and topic."))


class CitationVersionOut(BaseModel):
    """The cited section in another language version of the policy."""

    document: str
    section: str
    language: str
    chunk_id: str


class CitationOut(BaseModel):
    """A numbered source of an answer; `quote` is a verbatim substring of `text`."""

    n: int
    company: str
    document: str
    section: str
    language: str
    quote: str
    text: str
    score: float
    chunk_id: str
    section_path: list[str]
    display: str
    alternates: list[CitationVersionOut]


class AnswerOut(BaseModel):
    """The answer: exactly the object `python -m assistant ask --json` prints (`Answer.as_dict()`)."""

    id: str = Field(description="Always empty for the API (the CLI's --questions item id).")
    question: str = Field(description="The question as cleaned before answering.")
    language: str = Field(description="The answer language.")
    company: str | None = Field(description="The company answered for, or null (comparison, none found).")
    status: StatusName = Field(description="How the answer ended; abstentions are statuses, not HTTP errors.")
    answer: str = Field(description="The answer text with [n] markers pointing at citations.")
    citations: list[CitationOut]
    timing_ms: dict[str, float] = Field(description="Milliseconds per answering stage, and total.")
    companies: list[str] = Field(description="Every company a comparison answered for.")
    categories: list[str] = Field(description="Privacy categories of the question (pass them back in history).")
    contact: str = Field(description="The shop's privacy contact, given with abstentions.")
    notice: str = Field(description="A note for the reader, e.g. that the question's language is not supported.")
    generator: str = Field(description="extractive, llm, or none (abstentions and errors).")
    intent: str = Field(description="What the question asks for (yes_no, duration, recipients, ...).")


class ContactOut(BaseModel):
    """One way to reach a shop about privacy."""

    kind: str = Field(description="email, url, postal, dpo or request_portal.")
    value: str
    label: str = ""


class CompanyOut(BaseModel):
    """A shop the assistant answers about."""

    id: str = Field(description="Pass it as `company` to POST /api/v1/ask.")
    name: str
    country: str
    website: str
    contact: str = Field(description="The shop's privacy contact as answers name it: its best routes, joined by '; '.")
    contacts: list[ContactOut] = Field(description="Every privacy contact route of the shop's manifest, in order.")
    languages: list[str] = Field(description="Languages of the shop's indexed policy.")


class CompaniesOut(BaseModel):
    """Every shop in the corpus (reference sets such as the GDPR are left out)."""

    companies: list[CompanyOut]


class ErrorOut(BaseModel):
    """The body of 401, 429 and 503 answers."""

    detail: str
    state: str | None = Field(None, description="503 only: the start-up state (starting, ingesting, loading, "
                                                "failed).")
    retry_after: int | None = Field(None, description="429 and 503: seconds to wait, as in the Retry-After header.")
