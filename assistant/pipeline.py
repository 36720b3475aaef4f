"""The answering flow in one function: language -> company -> retrieve -> abstain or compose -> verify quotes.

Usage::

    pipeline = build_engine(load_settings(os.environ)).pipeline      # assistant.engine wires and warms it
    answer = pipeline.run(question="Hoe lang bewaren jullie mijn gegevens?", company="online-3d-printen")
    answer.status, answer.citations[0].section   # Status.ANSWERED, 'Artikel 6'
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from functools import partial
from typing import Any

import numpy as np

from assistant import templates
from assistant.companies import CompanyDirectory, read_manifests
from assistant.comparison import Comparer
from assistant.compose import REFERENCE_COMPANY, Composition, ExtractiveComposer
from assistant.contact_routes import contact_line
from assistant.fact_sections import with_fact_sections
from assistant.gdpr_articles import GdprArticles
from assistant.grounding import grounded
from assistant.intent import Intent, IntentClassifier, QuestionIntent
from assistant.llm import LLMComposer, LLMReply
from assistant.object_lexicon import RIGHT_TERMS
from assistant.question_asks import gdpr_reference, wanted_facts
from assistant.question_reading import QuestionReader, QuestionRejected, ReadQuestion, sanitize_question
from assistant.quotes import verify_quotes
from assistant.retrieval import Retriever, with_alternates
from assistant.spelling import QuestionSpeller
from assistant.types import Answer, Hit, Status, Turn
from assistant.vendors import PolicyVendors
from core.errors import LLMError, ModelUnavailable, QuoteMismatch, StoreError
from core.language import LanguageDetector
from core.redact import redact
from core.settings import LANGUAGES, Settings
from core.text import quote_insensitive
from core.types import Chunk
from index.unit_vectors import UNIT_EMBEDDER

__all__ = ["AskPipeline", "shop_language_detector"]

logger = logging.getLogger(__name__)

# Below abstain_threshold minus this margin no passage is close enough to quote, whatever its words. Between the
# floor and the threshold an answer is given only when a cited unit words what the question asks (dev split).
_EVIDENCE_MARGIN = 0.03


class AskPipeline:
    """Answer one customer question from the shops' privacy policies, with verified citations.

    `assistant.engine.build_engine` builds the components from one store and one reading of the manifests and
    hands them in. Given only `settings`, the pipeline builds them itself in `warm_up()`, the same way.

    Args:
        settings: validated settings (index location, top_k, abstain_threshold, LLM endpoint, ui_language).
        directory: the companies of the corpus; by default read from `settings.corpus_dir`.
        detector: the question language detector, which ignores the shops' names; by default one for `directory`.
        retriever: the retriever; by default one on the store of `settings`, masking the manifests' company names.
        composer: the grounded composer; by default one with the shops' display names.
        out_of_scope_threshold: relevance under which a question without any privacy category is out of scope;
            None uses `settings.abstain_threshold`.

    Raises:
        ConfigError: a component rejects its configuration.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        directory: CompanyDirectory | None = None,
        detector: LanguageDetector | None = None,
        retriever: Retriever | None = None,
        composer: ExtractiveComposer | None = None,
        out_of_scope_threshold: float | None = None,
    ) -> None:
        self.settings = settings
        self.out_of_scope_threshold = (settings.abstain_threshold if out_of_scope_threshold is None
                                       else float(out_of_scope_threshold))
        self.directory = directory
        self.detector = detector
        self.retriever = retriever
        self.composer = composer
        self.llm = (LLMComposer(base_url=settings.llm_base_url, model=settings.llm_model,
                                api_key=settings.llm_api_key, timeout=settings.llm_timeout)
                    if settings.llm_base_url else None)
        self._articles = GdprArticles()
        self._vendors = PolicyVendors(policy_texts={})
        self.reader: QuestionReader | None = None
        self.comparer: Comparer | None = None
        self._lock = threading.Lock()
        self._warm = False

    def warm_up(self) -> None:
        """Build the components not handed in, then load the embedders, the index and the language profiles; safe to
        call twice.

        Raises:
            IngestError: the corpus folder is missing.
            ModelUnavailable: an embedder cannot be loaded offline.
            StoreError: the index is missing or was built by other embedders.
        """
        with self._lock:
            if self._warm:
                return
            if self.directory is None:
                self.directory = CompanyDirectory(manifests=read_manifests(self.settings.corpus_dir))
            if self.detector is None:
                self.detector = shop_language_detector(self.settings, self.directory)
            if self.composer is None:
                self.composer = ExtractiveComposer(names=self.directory.display_names(),
                                                   kinds=self.directory.document_kinds())
            if self.retriever is None:
                self.retriever = Retriever(settings=self.settings, manifests=self.directory.manifests)
            self.retriever.warm_up()
            self._articles = GdprArticles.build(self.retriever.snapshot.chunks)
            texts: dict[str, list[str]] = {}
            for chunk in self.retriever.snapshot.chunks:
                texts.setdefault(chunk.company, []).append(f"{chunk.title}\n{chunk.text}")
            self._vendors = PolicyVendors(policy_texts={company: "\n".join(parts) for company, parts in texts.items()})
            self.reader = QuestionReader(
                directory=self.directory, detector=self.detector, classifier=IntentClassifier(
                    names=self.directory.shop_aliases()), scorer=self.composer.scorer,
                speller=QuestionSpeller(texts=[text for parts in texts.values() for text in parts]))
            self.reader.warm_up()
            self.comparer = Comparer(
                retriever=self.retriever, composer=self.composer, top_k=self.settings.top_k,
                floor=self.settings.abstain_threshold - _EVIDENCE_MARGIN,
                grounded=lambda answer, categories, hits, relevance: grounded(
                    answer, categories, hits, relevance, threshold=self.settings.abstain_threshold))
            self._warm = True

    # ------------------------------------------------------------------ the flow

    def run(self, *, question: str, company: str | None = None, language: str | None = None,
            history: Sequence[Turn] = (), id: str = "") -> Answer:
        """Answer `question`.

        Args:
            question: the customer's question (any language; answered in en, nl, de or fr).
            company: the shop chosen in the UI or on the command line (id, name or alias), if any.
            language: the answer language chosen by the customer; wins over detection.
            history: earlier turns of the conversation, oldest first, for follow-ups ("and for Pixeljet?").
            id: an id echoed in the answer (the `--questions` item id).

        Returns:
            An Answer: answered with verified citations, an abstention (not_in_policy, out_of_scope,
            unknown_company) or, when something unexpected failed, status error with a generic message.

        Raises:
            QuestionRejected: the question is empty or too long, or `language` is not en, nl, de or fr.
            StoreError, ModelUnavailable: the index or a model cannot be used (nothing can be answered).
        """
        started = time.perf_counter()
        cleaned = sanitize_question(question, max_chars=self.settings.max_question_chars)
        if language is not None and language not in LANGUAGES:
            raise QuestionRejected(f"unsupported answer language {language!r}; accepted: {', '.join(LANGUAGES)}")
        self.warm_up()
        timing: dict[str, float] = {}
        try:
            answer = self._answer(cleaned, company=company, language=language, history=history, id=id, timing=timing)
        except (StoreError, ModelUnavailable):
            raise
        except Exception:  # any other failure becomes a generic answer; the log names it, redacted
            logger.exception("answering failed for question %r", redact(cleaned))
            answer = Answer(id=id, question=cleaned, language=language or self.settings.ui_language, company=None,
                            status=Status.ERROR, answer=templates.render("error", language or "en"), generator="none")
        timing["total"] = 1000 * (time.perf_counter() - started)
        return _with_timing(answer, timing)

    def _answer(self, question: str, *, company: str | None, language: str | None, history: Sequence[Turn],
                id: str, timing: dict[str, float]) -> Answer:
        """The flow, stage by stage; every abstention returns early."""
        assert self.reader is not None and self.retriever is not None and self.composer is not None  # warm
        asked = self.reader.run(question=question, company=company, language=language,
                                previous=history[-1] if history else None)
        timing.update(asked.timing_ms)
        lang, match = asked.language, asked.match
        base: dict[str, Any] = dict(id=id, question=question, language=lang, categories=asked.categories, notice=asked.notice,
                                    intent=asked.intent.intent.value)
        question = asked.question  # as read from here on: typing errors corrected ("klahct")

        if match.unknown_name:
            text = templates.render("unknown_company.named", lang, name=match.unknown_name,
                                    companies=self._known(lang))
            return Answer(**base, company=None, status=Status.UNKNOWN_COMPANY, answer=text, generator="none")

        single = match.companies[0] if len(match.companies) == 1 else None
        privacy = asked.privacy
        if asked.off_topic:
            return Answer(**base, company=single, status=Status.OUT_OF_SCOPE,
                          answer=templates.render("out_of_scope", lang), generator="none")

        if match.comparison and len(match.companies) > 1:
            return self._compare(base, asked=asked, privacy=privacy, timing=timing)
        if single and _asks_about_vendors(asked.intent) and self._vendors.silent_on(question, company=single):
            return self._not_in_policy(base, target=single, companies=match.companies,
                                       contact=self._contact(single, question=question))
        gdpr_only = not match.companies and match.gdpr
        scope = (REFERENCE_COMPANY,) if gdpr_only else match.companies
        stage = time.perf_counter()
        retrieval = self.retriever.run(question=asked.query, companies=scope, language=lang,
                                       categories=asked.categories, top_k=self.settings.top_k * (4 if gdpr_only else 1),
                                       asked=asked.intent)
        timing["retrieve"] = 1000 * (time.perf_counter() - stage)
        timing.update({f"retrieve.{name}": value for name, value in retrieval.timing_ms.items()})

        if not privacy and (retrieval.relevance < self.out_of_scope_threshold or not (match.companies or match.gdpr)):
            return Answer(**base, company=single, status=Status.OUT_OF_SCOPE,
                          answer=templates.render("out_of_scope", lang), generator="none")
        if not match.companies and not gdpr_only:
            return Answer(**base, company=None, status=Status.UNKNOWN_COMPANY,
                          answer=templates.render("unknown_company", lang, companies=self._known(lang)),
                          generator="none")

        target = REFERENCE_COMPANY if gdpr_only else match.companies[0]
        contact = self._contact(target, question=question) if target else ""
        named = self._articles.named(question, language=lang) if gdpr_only else ()  # "was regelt Artikel 15 DSGVO"
        if not named and (not retrieval.hits
                          or retrieval.relevance < self.settings.abstain_threshold - _EVIDENCE_MARGIN):
            return self._not_in_policy(base, target=target, companies=match.companies, contact=contact)

        hits = self._with_article(list(retrieval.hits), question=question, categories=asked.categories, language=lang,
                                  gdpr_only=gdpr_only, named=named)
        if target and target != REFERENCE_COMPANY:
            hits = self._with_right_sections(hits, company=target, asked=asked.intent, categories=asked.categories)
            kinds = self.composer.scorer.provider_kinds(asked.intent)
            names_provider = partial(self.composer.scorer.names_provider, kinds=kinds) if kinds else None
            hits = with_fact_sections(hits, chunks=self.retriever.snapshot.chunks, company=target, language=lang,
                                      wanted=wanted_facts(asked.query, asked.categories), intent=asked.intent.intent,
                                      names_provider=names_provider)

        stage = time.perf_counter()
        composition, generator = self._compose(question=asked.query, language=lang, company=target, hits=hits,
                                               categories=asked.categories, contact=contact, asked=asked.intent,
                                               query_vector=retrieval.query_vectors.get(UNIT_EMBEDDER))
        if named and not any(citation.chunk_id in {chunk.id for chunk in named} for citation in composition.citations):
            composition = self.composer.article(hit=hits[0], question=asked.query, language=lang,
                                                categories=asked.categories)
        timing["compose"] = 1000 * (time.perf_counter() - stage)
        if not composition.citations or not (named or grounded(composition, asked.categories, retrieval.hits,
                                                                retrieval.relevance,
                                                                threshold=self.settings.abstain_threshold)):
            return self._not_in_policy(base, target=target, companies=match.companies, contact=contact)

        stage = time.perf_counter()
        verify_quotes(composition.citations)
        timing["verify"] = 1000 * (time.perf_counter() - stage)
        citations = with_alternates(composition.citations, snapshot=self.retriever.snapshot)
        return Answer(**base, company=target, companies=match.companies, status=Status.ANSWERED,
                      answer=composition.text, citations=citations, contact=contact, generator=generator)

    def _compare(self, base: dict[str, Any], *, asked: ReadQuestion, privacy: bool, timing: dict[str, float]) -> Answer:
        """A comparison of shops: each company retrieved and answered on its own (`assistant.comparison`)."""
        assert self.comparer is not None and self.retriever is not None and self.reader is not None  # warm
        companies = asked.match.companies
        stage = time.perf_counter()
        # Each company's answer is scored on the question without the shops' names, as its retrieval is.
        question = self.reader.without_names(asked.query) or asked.query
        compared = self.comparer.run(question=question, language=base["language"], companies=companies,
                                     categories=asked.categories, asked=asked.intent)
        timing["compare"] = 1000 * (time.perf_counter() - stage)
        timing.update(compared.timing_ms)
        if not privacy and compared.relevance < self.out_of_scope_threshold:
            return Answer(**base, company=None, status=Status.OUT_OF_SCOPE,
                          answer=templates.render("out_of_scope", base["language"]), generator="none")
        if not compared.composition.citations:
            return self._not_in_policy(base, target=None, companies=companies, contact="")
        stage = time.perf_counter()
        verify_quotes(compared.composition.citations)
        timing["verify"] = 1000 * (time.perf_counter() - stage)
        citations = with_alternates(compared.composition.citations, snapshot=self.retriever.snapshot)
        return Answer(**base, company=None, companies=companies, status=Status.ANSWERED,
                      answer=compared.composition.text, citations=citations, generator="extractive")

    def _not_in_policy(self, base: dict[str, Any], *, target: str | None, companies: Sequence[str],
                       contact: str) -> Answer:
        """The policy does not answer: say so and name the contact (per company in a comparison)."""
        assert self.composer is not None  # warm
        lang = base["language"]
        name = templates.render("gdpr.short", lang) if target == REFERENCE_COMPANY else self.composer.name(target)
        key = "not_in_reference" if target == REFERENCE_COMPANY else "not_in_policy"
        text = (templates.render(key, lang, company=name, contact=contact) if target
                else templates.render("comparison.lead", lang) + "\n" + "\n".join(
                    "- " + templates.render("comparison.silent", lang, company=self.composer.name(c))
                    for c in companies))
        return Answer(**base, company=target, companies=tuple(companies), status=Status.NOT_IN_POLICY, answer=text,
                      contact=contact, generator="none")

    def _compose(self, *, question: str, language: str, company: str | None, hits: Sequence[Hit],
                 categories: Sequence[str], contact: str, asked: QuestionIntent,
                 query_vector: np.ndarray | None) -> tuple[Composition, str]:
        """Compose with the LLM when one is configured, else (or on LLMError) extractively."""
        assert self.composer is not None  # warm
        if self.llm is not None and company is not None:
            try:
                reply = self.llm.run(question=question, language=language, sources=hits)
                composition = _llm_composition(reply, hits, composer=self.composer, question=question,
                                               language=language, categories=categories)
                verify_quotes(composition.citations)
                return composition, "llm"
            except (LLMError, QuoteMismatch) as exc:
                logger.warning("LLM answer rejected, falling back to the grounded composer: %s", exc)
        composition = self.composer.run(question=question, language=language, company=company, hits=hits,
                                        categories=categories, contact=contact, asked=asked,
                                        query_vector=query_vector)
        return composition, "extractive"

    # ------------------------------------------------------------------ helpers

    def _with_article(self, hits: list[Hit], *, question: str, categories: Sequence[str], language: str,
                      gdpr_only: bool, named: Sequence[Chunk] = ()) -> list[Hit]:
        """Add the GDPR article that governs a rights question, looked up by number in the answer language.

        For a question about the GDPR itself, only hits in the answer language are kept and the article comes first,
        after the article the question names by number (`named`), if any.
        """
        if gdpr_only:
            hits = [hit for hit in hits if hit.chunk.language == language] or hits
        reference = gdpr_reference(question, categories)
        governing = self._articles.get(language, reference.article) if reference is not None else ()
        chunks = (*named, *(chunk for chunk in governing if chunk not in named))
        if not chunks:
            return hits
        top = (hits[0].score if hits else 1.0) if gdpr_only else 0.0
        articles = [Hit(chunk=chunk, score=top, signals={"reference": 1.0}) for chunk in chunks]
        if not gdpr_only:
            return hits + articles
        seen = {article.chunk.id for article in articles}
        return articles + [hit for hit in hits if hit.chunk.id not in seen]

    def _with_right_sections(self, hits: list[Hit], *, company: str, asked: QuestionIntent,
                             categories: Sequence[str]) -> list[Hit]:
        """Add the company's sections whose heading names the right asked about ("8.6 DATA PORTABILITY" for
        "recht op dataportabiliteit"), which retrieval across languages can miss, else the passages that word it;
        for "which rights do I have", the sections of every right, in the language of the best hit."""
        assert self.composer is not None and self.retriever is not None  # warm
        listing = asked.right is None and asked.intent is Intent.LIST and "rights" in categories
        if not hits or (asked.right is None and not listing):
            return hits
        rights = tuple(RIGHT_TERMS) if listing else (asked.right or "",)
        seen = {hit.chunk.id for hit in hits}
        scorer = self.composer.scorer
        own = [chunk for chunk in self.retriever.snapshot.chunks if chunk.company == company]
        titled = [chunk for chunk in own if chunk.passage == 0
                  and (not listing or chunk.language == hits[0].chunk.language)
                  and any(scorer.matches(chunk.title, chunk.language, right) for right in rights)]
        if titled or listing:
            return hits + [Hit(chunk=chunk, score=hits[0].score, signals={"heading": 1.0})
                           for chunk in titled if chunk.id not in seen][:len(RIGHT_TERMS) if listing else 2]
        # No heading names the right: the passages that word it ("gegevensoverdraagbaarheid"), unless a hit does.
        worded = [chunk for chunk in own if any(scorer.matches(chunk.text, chunk.language, right) for right in rights)]
        if any(chunk.id in seen for chunk in worded):
            return hits
        return hits + [Hit(chunk=chunk, score=hits[0].score, signals={"worded": 1.0})
                       for chunk in worded if chunk.language == hits[0].chunk.language][:2]

    def _known(self, language: str) -> str:
        assert self.directory is not None
        return templates.join_list(list(self.directory.names()), language)

    def _contact(self, company: str, *, question: str) -> str:
        assert self.directory is not None
        if company not in self.directory.ids():
            return ""
        return contact_line(self.directory.get(company), question=question)


def _asks_about_vendors(asked: QuestionIntent) -> bool:
    """Whether vendors a question names may be what it asks about ("Via Mollie of PayPal?"), not the context of a
    question about a right, a period, a contact or selling ("I paid with PayPal; how do I delete my account?")."""
    return asked.right is None and asked.action != "sell" and asked.intent not in (
        Intent.EXERCISE_RIGHT, Intent.DURATION, Intent.RESPONSE_TIME, Intent.CONTACT)


def shop_language_detector(settings: Settings, directory: CompanyDirectory) -> LanguageDetector:
    """The detector of question languages: `settings.ui_language` as fallback, blind to the shops' names."""
    return LanguageDetector(fallback=settings.ui_language, names=directory.shop_aliases())


def _llm_composition(reply: LLMReply, hits: Sequence[Hit], *, composer: ExtractiveComposer, question: str,
                     language: str, categories: Sequence[str]) -> Composition:
    """Citations for a checked LLM reply: each cited source `[n]` keeps its number, quoted verbatim.

    The model's own quote is used when it is found in the source (white space aside); otherwise the
    source's best answering sentences are quoted.
    """
    citations = []
    for n in reply.cited:
        hit = hits[n - 1]
        quote = next((q for q in reply.quotes if quote_insensitive(q) in quote_insensitive(hit.chunk.text)), "")
        citations.append(composer.cite(n=n, hit=hit, question=question, language=language, categories=categories,
                                       quote=quote))
    return Composition(text=reply.text, citations=tuple(citations))


def _with_timing(answer: Answer, timing: dict[str, float]) -> Answer:
    return Answer(**{**answer.__dict__, "timing_ms": dict(timing)})
