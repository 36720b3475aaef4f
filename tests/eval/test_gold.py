"""The shipped gold set is valid, balanced and split as documented; the validator reports bad items per line."""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from core.errors import ConfigError, GoldSetError
from core.manifest import load_corpus
from core.settings import LANGUAGES
from eval.gold import (
    CATEGORIES,
    CONCEPT_SPLIT_SEED,
    QUOTE_WORDS,
    SPLITS,
    GoldItem,
    GoldItemError,
    GoldSet,
    concept_splits,
    load_gold,
    validate_gold,
)
from eval.gold_corpus import GoldCorpus

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = PROJECT_ROOT / "policies_corpus"
GOLD_DIR = PROJECT_ROOT / "eval" / "gold"
GOLD_FILE = GOLD_DIR / "gold.jsonl"
_PROBE_ID = re.compile(r"p\d+-")
SPLIT_SEED = 20261122  # documented in eval/gold/README.md
CONCEPT_SEED = 20261205  # documented in eval/gold/README.md
SHOPS = ("m3d-print", "j3d-prints", "online-3d-printen", "materialise", "pixeljet")
M3D_DOC = "000_48002a1284e2571b.txt"
M3D_RETENTION = "Data retention period"
M3D_RETENTION_QUOTE = (
    "Invoices and accounting records are kept for the statutory retention period required by Belgian tax law."
)


@pytest.fixture(scope="module")
def corpus() -> GoldCorpus:
    return GoldCorpus.from_dir(CORPUS_DIR)


@pytest.fixture(scope="module")
def gold(corpus: GoldCorpus) -> GoldSet:
    return load_gold(GOLD_DIR, corpus=corpus)


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _share(items: list[GoldItem], key: str, value: str) -> float:
    return sum(getattr(item, key) == value for item in items) / len(items)


# ---------------------------------------------------------------- the shipped gold set


def test_shipped_gold_set_validates_against_the_corpus(corpus: GoldCorpus) -> None:
    assert [str(problem) for problem in validate_gold(GOLD_DIR, corpus=corpus)] == []


def test_every_quote_is_verbatim_in_its_file_and_inside_a_parsed_section_with_the_named_label(
    gold: GoldSet, corpus: GoldCorpus
) -> None:
    low, high = QUOTE_WORDS
    for item in gold:
        for ref in item.gold:
            assert ref.quote in corpus.texts[ref.doc], item.id
            assert low <= len(ref.quote.split()) <= high, item.id
            assert ref.section in corpus.labels(ref.doc), f"{item.id}: {ref.section!r} not a parsed label"
            named = [s for s in corpus.sections[ref.doc] if s.label == ref.section]
            assert any(ref.quote in s.text for s in named), f"{item.id}: quote outside {ref.section!r}"


def test_gold_set_has_at_least_200_items_in_the_agreed_language_mix(gold: GoldSet) -> None:
    # The agreed mix is that of the hand-written items; the probes (`probes.jsonl`) ask 25 % in each language.
    items = [item for item in gold if not _PROBE_ID.match(item.id)]
    assert len(items) >= 200
    targets = {"en": 0.30, "nl": 0.25, "de": 0.25, "fr": 0.20}
    for lang, target in targets.items():
        assert abs(_share(items, "lang", lang) - target) <= 0.03, lang


def test_the_probes_ask_as_much_in_every_language_and_only_on_the_dev_side(gold: GoldSet) -> None:
    probes = [item for item in gold if _PROBE_ID.match(item.id)]
    assert len(probes) >= 290
    assert {item.split for item in probes} == {"dev"}
    assert all(abs(_share(probes, "lang", lang) - 0.25) <= 0.01 for lang in LANGUAGES)


def test_every_category_is_asked_in_every_language(gold: GoldSet) -> None:
    seen = {(item.category, item.lang) for item in gold}
    missing = [(category, lang) for category in CATEGORIES for lang in LANGUAGES if (category, lang) not in seen]
    assert missing == []


def test_every_shop_is_asked_about_in_every_language_and_the_gdpr_has_its_own_questions(gold: GoldSet) -> None:
    seen = {(item.company, item.lang) for item in gold}
    assert [(shop, lang) for shop in SHOPS for lang in LANGUAGES if (shop, lang) not in seen] == []
    assert {item.lang for item in gold if item.company == "gdpr"} == set(LANGUAGES)


def test_abstention_and_comparison_items_have_the_agreed_proportions(gold: GoldSet) -> None:
    """Over the stand-alone items: concept items are parallel translations and would only dilute the shares."""
    items = [item for item in gold if item.concept is None and not _PROBE_ID.match(item.id)]  # probes: 40 % silent
    assert 0.08 <= _share(items, "category", "unanswerable") <= 0.12
    assert 0.04 <= _share(items, "category", "out_of_scope") <= 0.07
    assert 0.05 <= _share(items, "category", "comparison") <= 0.08


def test_unanswerable_items_have_no_gold_and_comparisons_cite_several_companies(
    gold: GoldSet, corpus: GoldCorpus
) -> None:
    for item in gold:
        if item.category in ("unanswerable", "out_of_scope"):
            assert not item.answerable and item.gold == () and item.facts == (), item.id
        else:
            assert item.answerable and item.gold and item.facts, item.id
    comparisons = [item for item in gold if item.category == "comparison"]
    assert all(item.company is None for item in comparisons)
    several = [item for item in comparisons if len({corpus.owners[ref.doc] for ref in item.gold}) >= 2]
    assert len(several) >= len(comparisons) * 0.7


def test_every_fact_can_be_found_in_the_items_own_quotes(gold: GoldSet) -> None:
    for item in gold:
        quotes = _space(" ".join(ref.quote for ref in item.gold))
        for fact in item.facts:
            assert any(_space(alt) in quotes for alt in fact), f"{item.id}: {fact}"


def test_j3d_english_questions_cite_the_english_half_and_dutch_questions_the_dutch_half(
    gold: GoldSet, corpus: GoldCorpus
) -> None:
    checked = 0
    for item in gold:
        if item.company != "j3d-prints" or item.lang not in ("en", "nl") or _PROBE_ID.match(item.id):
            continue  # a probe may quote a section J3D names alike in both halves ("PostNL") in either half
        for ref in item.gold:
            languages = {s.language for s in corpus.sections[ref.doc] if s.label == ref.section and ref.quote in s.text}
            assert languages == {item.lang}, item.id
            checked += 1
    assert checked >= 20


def test_gdpr_questions_cite_the_regulation_in_the_question_language(gold: GoldSet) -> None:
    gdpr_items = [item for item in gold if item.company == "gdpr"]
    assert gdpr_items
    for item in gdpr_items:
        assert {ref.doc for ref in item.gold} == {f"gdpr-{item.lang}.txt"}, item.id


def test_company_in_question_says_whether_the_question_names_a_company() -> None:
    listing = load_corpus(CORPUS_DIR)
    names = {m.id: {m.id, m.name.casefold(), *(a.casefold() for a in m.aliases)} for m in listing.manifests}

    def named(question: str) -> set[str]:
        text = question.casefold()
        return {company for company, aliases in names.items()
                if any(re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text) for alias in aliases)}

    for item in load_gold(GOLD_FILE):
        found = named(item.question)
        if item.category == "comparison":
            assert (len(found) >= 2) == item.company_in_question, item.id
        elif item.company_in_question:
            assert item.company in found, item.id
        else:
            assert found == set(), item.id
    assert sum(1 for item in load_gold(GOLD_FILE) if item.company and not item.company_in_question) >= 10


def test_ids_name_language_and_category_and_questions_are_unique(gold: GoldSet) -> None:
    for item in gold:
        prefix = f"p{item.id[1:].split('-')[0]}-{item.lang}-" if _PROBE_ID.match(item.id) else f"{item.lang}-{item.category}-"
        assert item.id.startswith(prefix), item.id  # a probe: p{set}-{lang}-{company}-{n}
    assert len(set(gold.ids)) == len(gold)
    questions = Counter(_space(item.question) for item in gold)
    assert [q for q, n in questions.items() if n > 1] == []


def test_dev_and_test_splits_are_disjoint_halves_covering_every_language_and_category(corpus: GoldCorpus) -> None:
    whole = load_gold(GOLD_FILE, corpus=corpus)
    dev = load_gold(GOLD_FILE, corpus=corpus, split="dev")
    test = load_gold(GOLD_FILE, corpus=corpus, split="test")
    assert set(dev.ids).isdisjoint(test.ids)
    assert sorted(dev.ids + test.ids) == sorted(whole.ids)
    assert abs(len(dev) - len(test)) <= 0.1 * len(whole)
    for part in (dev, test):
        assert {item.lang for item in part} == set(LANGUAGES)
        assert {item.category for item in part} == set(CATEGORIES)
    assert {_space(i.question) for i in dev}.isdisjoint({_space(i.question) for i in test})


def test_split_is_the_documented_seeded_stratified_shuffle() -> None:
    items = list(load_gold(GOLD_FILE))
    strata: dict[tuple[str, str], list[GoldItem]] = defaultdict(list)
    for item in items:
        strata[(item.lang, item.category)].append(item)
    rng = random.Random(SPLIT_SEED)
    side = 0
    expected: dict[str, str] = {}
    for key in sorted(strata):
        members = list(strata[key])
        rng.shuffle(members)
        for index, item in enumerate(members):
            expected[item.id] = SPLITS[(index + side) % 2]
        side ^= len(members) % 2
    assert {item.id: item.split for item in items} == expected


def _documented_concept_split(items: list[GoldItem]) -> dict[str, str]:
    """The concept split exactly as eval/gold/README.md words it, written out independently of eval.gold."""
    by_category: dict[str, set[str]] = defaultdict(set)
    for item in items:
        assert item.concept is not None
        by_category[item.category].add(item.concept)
    rng = random.Random(CONCEPT_SEED)
    side = 0
    expected: dict[str, str] = {}
    for category in sorted(by_category):
        concepts = sorted(by_category[category])
        rng.shuffle(concepts)
        for index, concept in enumerate(concepts):
            expected[concept] = ("dev", "test")[(index + side) % 2]
        side ^= len(concepts) % 2
    return expected


def test_concept_items_are_split_by_concept_with_the_documented_seeded_shuffle(gold: GoldSet) -> None:
    """Over the concept items of every shipped gold file together."""
    concept_items = [item for item in gold if item.concept is not None]
    expected = _documented_concept_split(concept_items)
    assert concept_splits(gold) == expected
    assert set(expected) == {item.concept for item in concept_items}
    assert {item.id: item.split for item in concept_items} == {
        item.id: expected[item.concept] for item in concept_items if item.concept is not None
    }


@pytest.mark.parametrize("split", ["dev", "test"])
def test_each_split_asks_at_least_30_concepts_in_all_four_languages(gold: GoldSet, split: str) -> None:
    languages: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        if item.concept is not None and item.split == split:
            languages[item.concept].add(item.lang)
    assert sum(1 for langs in languages.values() if langs == set(LANGUAGES)) >= 30


def test_concept_items_never_go_in_gold_jsonl() -> None:
    assert [item.id for item in load_gold(GOLD_FILE) if item.concept is not None] == []


def test_concept_split_keeps_each_concept_whole_and_the_halves_even() -> None:
    categories = ("retention", "rights", "cookies")
    items = [
        GoldItem(id=f"{lang}-{category}-pxj-{n:02d}", lang=lang, question=f"{category} {n} {lang}",
                 company="pixeljet", answerable=True, gold=(), facts=(), category=category, split="dev",
                 concept=f"{category}-pxj-topic{n}")
        for category in categories for n in range(len(category)) for lang in ("en", "de")
    ]
    splits = concept_splits(items)
    assert CONCEPT_SPLIT_SEED == CONCEPT_SEED
    assert splits == _documented_concept_split(items)
    assert splits == concept_splits(reversed(items))  # file order does not matter
    assert len(splits) == sum(len(category) for category in categories) == 22
    assert Counter(splits.values()) == {"dev": 11, "test": 11}
    for category in categories:
        assert {splits[c] for c in splits if c.startswith(category)} == {"dev", "test"}


def test_concept_split_refuses_a_concept_with_two_categories() -> None:
    item = GoldItem(id="en-retention-pxj-20", lang="en", question="q", company="pixeljet", answerable=True, gold=(),
                    facts=(), category="retention", split="dev", concept="retention-pxj-orders")
    other = GoldItem(id="nl-rights-pxj-20", lang="nl", question="v", company="pixeljet", answerable=True, gold=(),
                     facts=(), category="rights", split="dev", concept="retention-pxj-orders")
    with pytest.raises(ValueError, match="concept 'retention-pxj-orders' has items of categories 'retention' and "
                                         "'rights'"):
        concept_splits([item, other])


# ---------------------------------------------------------------- the validator


def _item(**changes: object) -> dict[str, object]:
    item: dict[str, object] = {
        "id": "en-retention-m3d-99",
        "lang": "en",
        "question": "How long do you keep my invoices?",
        "company": "m3d-print",
        "company_in_question": False,
        "answerable": True,
        "gold": [{"doc": M3D_DOC, "section": M3D_RETENTION, "quote": M3D_RETENTION_QUOTE}],
        "facts": [["tax law"]],
        "category": "retention",
        "split": "dev",
    }
    item.update(changes)
    return item


def _write(path: Path, *lines: object) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
                    encoding="utf-8")
    return path


def _reasons(problems: list[GoldSetError]) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.reason) for problem in problems]


def test_a_valid_item_loads_as_a_frozen_gold_item(tmp_path: Path, corpus: GoldCorpus) -> None:
    gold = load_gold(_write(tmp_path / "one.jsonl", _item()), corpus=corpus)
    (item,) = gold.items
    assert item.company == "m3d-print" and item.gold[0].section == M3D_RETENTION and item.line == 1
    assert item.facts == (("tax law",),)
    with pytest.raises(AttributeError):
        item.question = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"gold": [{"doc": M3D_DOC, "section": M3D_RETENTION,
                    "quote": M3D_RETENTION_QUOTE.replace("Belgian", "Dutch")}]},
         "gold[1] quote is not an exact substring of 000_48002a1284e2571b.txt"),
        ({"gold": [{"doc": M3D_DOC, "section": "Retention", "quote": M3D_RETENTION_QUOTE}]},
         f"gold[1] unknown section 'Retention' in {M3D_DOC}"),
        ({"gold": [{"doc": M3D_DOC, "section": "Your rights", "quote": M3D_RETENTION_QUOTE}]},
         "gold[1] quote is not inside section 'Your rights' of 000_48002a1284e2571b.txt; "
         "it is in 'Data retention period'"),
        ({"gold": [{"doc": "999_missing.txt", "section": M3D_RETENTION, "quote": M3D_RETENTION_QUOTE}]},
         "gold[1] unknown document '999_missing.txt'"),
        ({"gold": [{"doc": M3D_DOC, "section": M3D_RETENTION, "quote": "kept for the statutory retention period"}]},
         "gold[1] quote has 6 words; quotes must have 10 to 25"),
        ({"company": "acme-prints"}, "unknown company 'acme-prints'"),
        ({"company": "pixeljet"},
         "gold[1] document '000_48002a1284e2571b.txt' belongs to 'm3d-print', not to the item's company 'pixeljet'"),
        ({"lang": "es"}, "unknown language 'es'"),
        ({"split": "train"}, "unknown split 'train'"),
        ({"category": "pricing"}, "unknown category 'pricing'"),
        ({"answerable": "yes"}, "field 'answerable' must be true or false, got 'yes'"),
        ({"facts": ["tax law"]}, "field 'facts' must be a list of non-empty lists of non-empty strings"),
        ({"category": "unanswerable"}, "category 'unanswerable' needs answerable false"),
        ({"category": "comparison"}, "a comparison item must have company null"),
        ({"gold": []}, "an answerable item needs at least one gold reference"),
        ({"extra": 1}, "unknown field extra"),
    ],
)
def test_validator_names_the_problem_of_a_bad_item(tmp_path: Path, corpus: GoldCorpus, change: dict[str, object],
                                                   reason: str) -> None:
    path = _write(tmp_path / "bad.jsonl", _item(**change))
    problems = validate_gold(path, corpus=corpus)
    assert problems, change
    assert all(problem.line == 1 for problem in problems)
    assert any(problem.reason.startswith(reason) for problem in problems), _reasons(problems)


def test_validator_reports_every_bad_line_as_path_line_reason(tmp_path: Path, corpus: GoldCorpus) -> None:
    path = _write(
        tmp_path / "mixed.jsonl",
        _item(id="good-1"),
        '{"id": "broken", "lang": "en",',
        "",
        _item(id="bad-company", question="q2", company="acme-prints"),
        _item(id="bad-section", question="q3",
              gold=[{"doc": M3D_DOC, "section": "Nope", "quote": M3D_RETENTION_QUOTE}]),
        {key: value for key, value in _item(id="no-split", question="q4").items() if key != "split"},
    )
    problems = validate_gold(path, corpus=corpus)
    assert [problem.line for problem in problems] == [2, 4, 5, 6]
    for problem in problems:
        assert str(problem).startswith(f"{problem.path}:{problem.line}: {problem.reason}")
        assert problem.path == str(path)
    assert problems[0].reason.startswith("invalid JSON:")
    assert problems[3].reason == "missing field split"
    assert [getattr(p, "item_id", "") for p in problems] == ["", "bad-company", "bad-section", "no-split"]


def test_strict_load_raises_the_first_problem_and_counts_the_rest(tmp_path: Path, corpus: GoldCorpus) -> None:
    path = _write(tmp_path / "bad.jsonl", _item(id="a", lang="xx"), _item(id="b", question="q2", split="x"))
    with pytest.raises(GoldItemError, match=r"bad\.jsonl:1: unknown language 'xx'; 1 more problem in the gold set"):
        load_gold(path, corpus=corpus)


def test_lenient_load_keeps_valid_items_and_returns_the_problems(tmp_path: Path, corpus: GoldCorpus) -> None:
    path = _write(tmp_path / "mixed.jsonl", _item(id="ok"), "[1, 2]", _item(id="dup-question"),
                  _item(id="ok", question="q"))
    gold = load_gold(path, corpus=corpus, strict=False)
    assert gold.ids == ("ok",)
    assert _reasons(list(gold.problems)) == [
        (2, "item must be a JSON object, got list"),
        (3, f"duplicate question (same question and company at {path}:1)"),
        (4, f"duplicate id 'ok' (first at {path}:1)"),
    ]


def test_without_a_corpus_only_the_fields_are_checked(tmp_path: Path) -> None:
    ref = {"doc": "acme.txt", "section": "Retention", "quote": "one two three four five six seven eight nine ten"}
    item = _item(company="acme-prints", gold=[ref])
    assert validate_gold(_write(tmp_path / "g.jsonl", item)) == []
    assert validate_gold(_write(tmp_path / "h.jsonl", _item(lang="es")))[0].reason == "unknown language 'es'"


def test_validator_works_with_any_corpus_folder(tmp_path: Path) -> None:
    folder = tmp_path / "corpus" / "acme"
    folder.mkdir(parents=True)
    (folder / "policy.txt").write_text(
        "Privacy at Acme\n\nRetention\n\n"
        "We keep your order records for seven years because the tax office asks us to.\n\n"
        "Your rights\n\nYou may ask us for a copy of everything we hold about you at any time.\n",
        encoding="utf-8",
    )
    (folder / "manifest.toml").write_text(
        'id = "acme"\nname = "Acme"\ncountry = "BE"\nwebsite = "https://acme.example"\n'
        'contact_email = "privacy@acme.example"\nsupervisory_authority = "GBA"\neffective_date = ""\n'
        '[[documents]]\nfile = "policy.txt"\nlanguages = ["en"]\n',
        encoding="utf-8",
    )
    quote = "We keep your order records for seven years because the tax office asks us to."
    good = _item(company="acme", gold=[{"doc": "policy.txt", "section": "Retention", "quote": quote}])
    wrong = _item(id="x", question="q", company="acme",
                  gold=[{"doc": "policy.txt", "section": "Your rights", "quote": quote}])
    problems = validate_gold(_write(tmp_path / "g.jsonl", good, wrong), corpus_dir=tmp_path / "corpus")
    assert _reasons(problems) == [
        (2, "gold[1] quote is not inside section 'Your rights' of policy.txt; it is in 'Retention'"),
    ]


def test_a_folder_loads_every_jsonl_file_and_filters_by_split(tmp_path: Path, corpus: GoldCorpus) -> None:
    _write(tmp_path / "a.jsonl", _item(id="a1", split="dev"))
    _write(tmp_path / "b.jsonl", _item(id="b1", question="other", split="test"))
    (tmp_path / "README.md").write_text("not a gold file", encoding="utf-8")
    assert load_gold(tmp_path, corpus=corpus).ids == ("a1", "b1")
    assert load_gold(tmp_path, corpus=corpus, split="test").ids == ("b1",)


def _concept_item(lang: str, **changes: object) -> dict[str, object]:
    """One language version of the concept `retention-m3d-invoices` (the M3D quote serves every language)."""
    fields: dict[str, object] = {"id": f"{lang}-retention-m3d-20", "lang": lang, "concept": "retention-m3d-invoices",
                                 "question": f"invoices kept how long? ({lang})"}
    return _item(**{**fields, **changes})


def test_items_of_one_concept_load_with_their_concept(tmp_path: Path, corpus: GoldCorpus) -> None:
    path = _write(tmp_path / "concepts.jsonl", *(_concept_item(lang) for lang in LANGUAGES), _item(id="alone"))
    gold = load_gold(path, corpus=corpus)
    assert [(item.lang, item.concept) for item in gold] == [
        *((lang, "retention-m3d-invoices") for lang in LANGUAGES), ("en", None)
    ]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"concept": "Retention-M3D-Invoices"}, "field 'concept' must be {category}-{company abbr}-{slug} in lower "
                                                "case, got 'Retention-M3D-Invoices'"),
        ({"concept": "retention-invoices"}, "field 'concept' must be {category}-{company abbr}-{slug}"),
        ({"concept": 7}, "field 'concept' must be {category}-{company abbr}-{slug}"),
        ({"concept": "rights-m3d-invoices"}, "concept 'rights-m3d-invoices' does not start with the item's "
                                             "category 'retention'"),
        ({"concept": "retention-pxj-invoices"}, "concept 'retention-pxj-invoices' names company abbreviation 'pxj' "
                                                "but the id is 'nl-retention-m3d-20'"),
    ],
)
def test_validator_checks_the_form_of_a_concept(tmp_path: Path, change: dict[str, object], reason: str) -> None:
    path = _write(tmp_path / "c.jsonl", _concept_item("en"), _concept_item("nl", **change))
    problems = validate_gold(path)
    assert any(problem.line == 2 and problem.reason.startswith(reason) for problem in problems), _reasons(problems)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"split": "test"}, "split 'test' (not 'dev')"),
        ({"company": "pixeljet"}, "company 'pixeljet' (not 'm3d-print')"),
        ({"company_in_question": True}, "company_in_question True (not False)"),
        ({"category": "unanswerable", "answerable": False, "gold": [], "facts": [],
          "id": "de-unanswerable-m3d-20", "concept": "unanswerable-m3d-invoices"}, None),
    ],
)
def test_items_of_a_concept_must_agree_across_files(tmp_path: Path, change: dict[str, object],
                                                    reason: str | None) -> None:
    _write(tmp_path / "a.jsonl", _concept_item("en"), _concept_item("nl"))
    second = _write(tmp_path / "b.jsonl", _item(id="other"), _concept_item("de", **change))
    problems = validate_gold(tmp_path)
    if reason is None:  # a different category is a different concept, asked in one language only
        assert _reasons(problems) == [(2, "concept 'unanswerable-m3d-invoices' is asked only in de; a concept needs "
                                          "items in at least 2 languages")]
        return
    assert [(p.path, p.line) for p in problems] == [(str(second), 2)]
    assert problems[0].reason == f"concept 'retention-m3d-invoices' differs from en-retention-m3d-20 at " \
                                 f"{tmp_path / 'a.jsonl'}:1: {reason}"


def test_a_concept_has_one_item_per_language_and_at_least_two_languages(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.jsonl",
                  _concept_item("en"), _concept_item("nl"), _concept_item("nl", id="nl-retention-m3d-21",
                                                                          question="nog een vraag"),
                  _concept_item("fr", concept="retention-m3d-cookies"))
    gold = load_gold(path, strict=False)
    assert _reasons(list(gold.problems)) == [
        (3, f"concept 'retention-m3d-invoices' already has a nl item (nl-retention-m3d-20 at {path}:2)"),
        (4, "concept 'retention-m3d-cookies' is asked only in fr; a concept needs items in at least 2 languages"),
    ]
    assert gold.ids == ("en-retention-m3d-20", "nl-retention-m3d-20")
    with pytest.raises(GoldItemError, match=r"c\.jsonl:3: concept 'retention-m3d-invoices' already has a nl item"):
        load_gold(path)


def test_unknown_split_and_missing_paths_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown gold split 'train'; accepted: dev, test, all"):
        load_gold(GOLD_FILE, split="train")
    with pytest.raises(GoldSetError, match=r"missing\.jsonl: gold file not found"):
        load_gold(tmp_path / "missing.jsonl")
    with pytest.raises(GoldSetError, match="no \\*.jsonl gold file in this folder"):
        validate_gold(tmp_path)


def test_a_gold_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(json.dumps(_item()).encode() + b"\n" + '{"question": "caf\u00e9"}'.encode("latin-1") + b"\n")
    with pytest.raises(GoldSetError, match=r"latin1\.jsonl:2: not valid UTF-8 \(byte 0xe9\)"):
        validate_gold(path)
