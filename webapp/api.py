"""The JSON API, mounted at `/api`: `POST /api/v1/ask`, `GET /api/v1/companies`, its OpenAPI schema and docs page.

`POST /api/v1/ask` returns exactly the object `python -m assistant ask --json` prints (`Answer.as_dict()`).
Errors: 401 without the bearer token when `PA_API_TOKEN` is set, 422 for a bad body (FastAPI's shape: a list of
`{loc, msg, type}`), 429 when the answer queue is full, 503 while the assistant is not ready. Abstentions
(`not_in_policy`, `out_of_scope`, `unknown_company`) are answers with status 200, as on the command line.
"""

from __future__ import annotations

import hmac
import logging
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Request, Security
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from fastapi.telemetry import TelemetryConfig

from assistant.contact_routes import contact_line
from assistant.question_reading import QuestionRejected, sanitize_question
from assistant.types import Answer, Turn
from core.errors import AssistantError
from core.settings import Settings
from core.types import CompanyManifest
from webapp.api_docs import render_docs_html
from webapp.api_models import AnswerOut, AskRequest, CompaniesOut, CompanyOut, ContactOut, ErrorOut
from webapp.limits import AnswerLimiter, QueueFull

if TYPE_CHECKING:
    from webapp.service import AssistantService

__all__ = ["API_PATH", "NO_TELEMETRY", "BearerGuard", "build_api"]

logger = logging.getLogger(__name__)

API_PATH = "/api"
NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False, "operation_spans": False,
                                 "auto_configure": False}
"""FastAPI's native OpenTelemetry switched off: no spans, metrics or logs (its logs would hold request bodies)."""

_RETRY_WHILE_STARTING = 5  # seconds a client is asked to wait while the assistant starts
_BEARER = HTTPBearer(auto_error=False, scheme_name="bearer",
                     description="The value of PA_API_TOKEN, sent as `Authorization: Bearer <token>`.")
_DESCRIPTION = """Ask the shops' privacy policies from a helpdesk or an integration.

`POST /api/v1/ask` returns the same JSON object as `python -m assistant ask --json`. Abstentions (`not_in_policy`,
`out_of_scope`, `unknown_company`) are answers (200), not errors. Questions are redacted before they are stored in
the chat log and never written to logs in clear."""


class BearerGuard:
    """The API's bearer-token check (constant-time), as a FastAPI dependency.

    Args:
        token: the expected token (settings.api_token); never logged or shown in `repr`.

    Raises:
        ValueError: `token` is empty.
    """

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("the API bearer token is empty")
        self._token = token.encode("utf-8")

    def __repr__(self) -> str:
        return "BearerGuard(token=***)"

    def allows(self, authorization: str | None) -> bool:
        """Return True when the `Authorization` header value is `Bearer <the token>`."""
        scheme, credentials = get_authorization_scheme_param(authorization)
        return scheme.lower() == "bearer" and hmac.compare_digest(credentials.encode("utf-8"), self._token)

    def __call__(self, request: Request,
                 _: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)]) -> None:
        """Raise 401 (with `WWW-Authenticate: Bearer`) unless the request carries the token."""
        if not self.allows(request.headers.get("Authorization")):
            raise HTTPException(status_code=401, detail="missing or wrong bearer token",
                                headers={"WWW-Authenticate": "Bearer"})


class ApiHandlers:
    """The endpoints of `/api/v1`, kept apart from the routing.

    Args:
        settings: validated settings (question length).
        service: the assistant service that answers.
        limiter: the answer queue (at most `concurrency_limit` answering, `max_queue` waiting).
    """

    def __init__(self, *, settings: Settings, service: AssistantService, limiter: AnswerLimiter) -> None:
        self.settings = settings
        self.service = service
        self.limiter = limiter

    async def ask(self, body: AskRequest) -> JSONResponse:
        """Answer one question; the body is `Answer.as_dict()`, exactly as `python -m assistant ask --json`.

        A bad body is a 422 naming the field: an empty question, one longer than max_question_chars, an unknown
        `lang`, category or field.
        """
        self._clean(body.question, ("body", "question"))
        history = tuple(Turn(question=self._clean(turn.question, ("body", "history", n, "question")),
                             company=turn.company or None, categories=tuple(turn.categories))
                        for n, turn in enumerate(body.history))
        if not self.service.ready:
            return _error(503, f"the assistant is not ready yet ({self.service.state})",
                          state=self.service.state, retry_after=_RETRY_WHILE_STARTING)

        def answer() -> Answer:
            answer = self.service.ask(question=body.question, company=body.company, language=body.lang,
                                      history=history)
            self.service.log_answer(answer)
            return answer

        try:
            result = await self.limiter.run(answer)
        except QueueFull as exc:
            return _error(429, "too many questions at once; try again later", retry_after=exc.retry_after)
        except QuestionRejected as exc:
            raise _invalid(("body", "question"), str(exc)) from exc
        except AssistantError as exc:
            logger.error("API answering failed: %s", exc)
            return _error(503, "the assistant cannot answer right now", state=self.service.state,
                          retry_after=_RETRY_WHILE_STARTING)
        return JSONResponse(result.as_dict())

    def companies(self) -> CompaniesOut | JSONResponse:
        """Every shop: id, name, country, website, privacy contact and the languages of its indexed policy."""
        try:
            manifests = [m for m in self.service.manifests if not m.reference]
        except AssistantError as exc:
            logger.error("API companies failed: %s", exc)
            return _error(503, "the company list cannot be read right now", state=self.service.state)
        indexed: dict[str, list[str]] = {}
        if self.service.ready:
            for company, _, languages in self.service.library.documents():
                found = indexed.setdefault(company, [])
                found.extend(code for code in languages if code not in found)
        return CompaniesOut(companies=[
            CompanyOut(id=m.id, name=m.name, country=m.country, website=m.website, contact=contact_line(m),
                       contacts=[ContactOut(kind=c.kind, value=c.value, label=c.label) for c in m.contacts],
                       languages=indexed.get(m.id) or _declared_languages(m))
            for m in manifests
        ])

    def _clean(self, question: str, loc: tuple[str | int, ...]) -> str:
        """The question as the pipeline will read it; an empty or too long one is a 422 naming its place."""
        try:
            return sanitize_question(question, max_chars=self.settings.max_question_chars)
        except QuestionRejected as exc:
            raise _invalid(loc, str(exc)) from exc


def build_api(*, settings: Settings, service: AssistantService, limiter: AnswerLimiter | None = None) -> FastAPI:
    """Build the API app, to be mounted at `API_PATH` (before Gradio's mount at `/`).

    Its OpenAPI schema is served at `/openapi.json` and a self-contained docs page (no CDN, no script) at `/docs`,
    both public: they describe the API and hold no data. With `settings.api_token` set, every `/v1` request needs
    `Authorization: Bearer <token>`; without it the API is open and a warning is logged.

    Args:
        settings: validated settings (token, queue limits, question length).
        service: the assistant service that answers.
        limiter: the answer queue; by default `settings.concurrency_limit` answering and `settings.max_queue` waiting.
    """
    limiter = limiter or AnswerLimiter(concurrency=settings.concurrency_limit, max_waiting=settings.max_queue)
    token = settings.api_token.get_secret_value()
    guard = BearerGuard(token) if token else None
    if guard is None:
        logger.warning("JSON API open to anyone who can reach it: set PA_API_TOKEN to require a bearer token")
    api = FastAPI(title="Privacy assistant API", version="1", description=_DESCRIPTION, openapi_url="/openapi.json",
                  docs_url=None, redoc_url=None, telemetry=NO_TELEMETRY)
    handlers = ApiHandlers(settings=settings, service=service, limiter=limiter)
    errors: dict[int | str, dict[str, Any]] = {401: {"model": ErrorOut, "description": "Missing or wrong token."}}
    router = APIRouter(prefix="/v1", dependencies=[Security(guard)] if guard else [],
                       responses=errors if guard else {})
    router.add_api_route("/ask", handlers.ask, methods=["POST"], response_model=AnswerOut, summary="Answer a question",
                         responses={429: {"model": ErrorOut, "description": "Answer queue full (see Retry-After)."},
                                    503: {"model": ErrorOut, "description": "The assistant is not ready."}})
    router.add_api_route("/companies", handlers.companies, methods=["GET"], response_model=CompaniesOut,
                         summary="List the shops",
                         responses={503: {"model": ErrorOut, "description": "The corpus cannot be read."}})
    api.include_router(router)

    async def validation_error(request: Request, exc: Exception) -> JSONResponse:
        """A bad body without the token is a 401, like any other request without it."""
        if guard is not None and not guard.allows(request.headers.get("Authorization")):
            return _error(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})
        assert isinstance(exc, RequestValidationError)
        return await request_validation_exception_handler(request, exc)

    async def docs(request: Request) -> HTMLResponse:
        return HTMLResponse(render_docs_html(api.openapi(), prefix=request.scope.get("root_path", "").rstrip("/")))

    api.add_exception_handler(RequestValidationError, validation_error)
    api.add_api_route("/docs", docs, methods=["GET"], include_in_schema=False)
    api.state.limiter = limiter
    return api


def _declared_languages(manifest: CompanyManifest) -> list[str]:
    """The languages a company manifest declares for its documents, in order (before the index is loaded)."""
    out: list[str] = []
    for document in manifest.documents:
        out.extend(code for code in document.languages if code not in out)
    return out


def _invalid(loc: tuple[str | int, ...], message: str) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": loc, "msg": message}])


def _error(status: int, detail: str, *, state: str | None = None, retry_after: int | None = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    """An error answer: `{detail, state?, retry_after?}`, with `Retry-After` when a retry is suggested."""
    body = ErrorOut(detail=detail, state=state, retry_after=retry_after).model_dump(exclude_none=True)
    headers = dict(headers or {})
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return JSONResponse(body, status_code=status, headers=headers)
