"""Specifications of the widget preset `/?company=<id>&lang=<xx>`: reading the address, the shop a question may be
about, and the answer language (webapp/preset.py, pure functions, on the real manifests of the corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.companies import read_manifests
from webapp.preset import Preset, PresetProblem, answer_language, foreign_shop, parse_preset

CORPUS = Path(__file__).resolve().parents[2] / "policies_corpus"
SHOPS = {m.id: (m.name, *m.aliases, m.website) for m in read_manifests(CORPUS) if not m.reference}
SHOP_IDS = ("j3d-prints", "m3d-print", "materialise", "online-3d-printen", "pixeljet")


def test_the_corpus_under_test_has_the_five_shops_and_no_reference_set():
    assert tuple(sorted(SHOPS)) == SHOP_IDS


def test_a_shop_id_and_a_language_code_preset_the_page():
    assert parse_preset({"company": "pixeljet", "lang": "fr"}, shops=SHOPS) == Preset(company="pixeljet",
                                                                                     language="fr")


def test_no_parameters_leave_the_page_unpreset_and_other_parameters_are_ignored():
    assert parse_preset({}, shops=SHOPS) == Preset()
    assert parse_preset({"utm_source": "shop", "company": " ", "lang": ""}, shops=SHOPS) == Preset()


@pytest.mark.parametrize("value, company", [
    ("online-3d-printen", "online-3d-printen"),
    ("Pixeljet", "pixeljet"),                    # display name, any case
    ("pixel jet", "pixeljet"),                   # alias
    ("https://www.materialise.com/", "materialise"),  # website, scheme and www. ignored
    ("m3dprint.be", "m3d-print"),                # domain alias
    ("J3D Prints", "j3d-prints"),
])
def test_a_shop_id_or_one_of_its_exact_names_selects_the_shop(value, company):
    assert parse_preset({"company": value}, shops=SHOPS).company == company


@pytest.mark.parametrize("value", ["pixeljte", "materialize-nv", "shapeways", "gdpr", "all"])
def test_a_near_miss_another_shop_or_a_reference_set_is_reported_not_guessed(value):
    preset = parse_preset({"company": value, "lang": "nl"}, shops=SHOPS)
    assert preset.company is None
    assert preset.language == "nl"
    assert preset.problems == (PresetProblem("company", value, SHOP_IDS),)


@pytest.mark.parametrize("value, language", [("fr", "fr"), ("NL", "nl"), ("de-AT", "de"), ("en_GB", "en"),
                                             (" fr ", "fr")])
def test_a_language_code_in_any_case_with_a_region_sets_the_language(value, language):
    assert parse_preset({"lang": value}, shops=SHOPS) == Preset(language=language)


@pytest.mark.parametrize("value", ["es", "french", "f", "fr-", "xx-YY"])
def test_an_unknown_language_is_reported_with_the_known_codes(value):
    preset = parse_preset({"company": "pixeljet", "lang": value}, shops=SHOPS)
    assert preset.company == "pixeljet"
    assert preset.language is None
    assert preset.problems == (PresetProblem("lang", value, ("en", "nl", "de", "fr")),)


def test_a_rejected_value_is_kept_as_received_text_on_one_line_and_cut_short():
    attack = "<script>alert(1)</script>\n" + "x" * 100
    (problem,) = parse_preset({"company": attack}, shops=SHOPS).problems
    assert problem.value.startswith("<script>alert(1)</script> xxx")  # escaping is the renderer's job
    assert len(problem.value) == 61 and problem.value.endswith("…")


def test_both_parameters_unknown_give_two_problems_in_parameter_order():
    preset = parse_preset({"lang": "klingon", "company": "acme"}, shops=SHOPS)
    assert [problem.parameter for problem in preset.problems] == ["company", "lang"]


def test_a_name_shared_by_two_shops_selects_neither():
    shops = {"a-shop": ("Print Shop",), "b-shop": ("print-shop",)}
    assert parse_preset({"company": "print shop"}, shops=shops).company is None
    assert parse_preset({"company": "b-shop"}, shops=shops).company == "b-shop"


def test_on_a_shop_page_only_another_named_or_unknown_shop_is_foreign():
    assert foreign_shop("pixeljet", named=("pixeljet",)) is None
    assert foreign_shop("pixeljet", named=()) is None
    assert foreign_shop("pixeljet", named=("pixeljet", "materialise")) == "materialise"
    assert foreign_shop("pixeljet", named=(), unknown="Shapeways") == "Shapeways"
    assert foreign_shop(None, named=("materialise",), unknown="Shapeways") is None


@pytest.mark.parametrize("chosen, preset, detected, confident, expected", [
    ("de", "fr", "nl", True, "de"),    # the page's language picker wins
    (None, None, "nl", False, None),   # no preset: the assistant detects as always
    (None, "fr", "fr", True, None),    # the question is in the page's language
    (None, "fr", "nl", True, None),    # clearly another language we answer in: the question's language
    (None, "fr", "nl", False, "fr"),   # a guess: the page's language
    (None, "nl", "", False, "nl"),     # nothing to detect ("?"): the page's language
    (None, "nl", "es", True, "nl"),    # a language we do not answer in: the page's language
])
def test_the_answer_language_rule(chosen, preset, detected, confident, expected):
    assert answer_language(chosen=chosen, preset=preset, detected=detected, confident=confident) == expected


# --- the chat page's load handler (webapp/chat.py), with the real manifests and no index ----------------------


@pytest.fixture()
def handlers(tmp_path):
    from core.settings import load_settings
    from webapp.chat import ChatHandlers
    from webapp.service import AssistantService

    settings = load_settings({}, corpus_dir=str(CORPUS), data_dir=str(tmp_path / "data"))
    return ChatHandlers(service=AssistantService(settings=settings), settings=settings)


def test_the_page_load_of_a_shop_page_names_the_shop_in_the_page_language_and_hides_the_company_picker(handlers):
    import gradio as gr

    preset, intro, problems, company, language, *_, notice, _accordion, _others = handlers.load(
        gr.Request(query_params={"company": "pixeljet", "lang": "fr"}))
    assert preset == Preset(company="pixeljet", language="fr")
    assert "Questions de confidentialité sur Pixeljet" in intro
    assert problems["visible"] is False
    assert company["visible"] is False
    assert language["label"] == "Langue de réponse"
    assert notice.startswith("À propos de cet assistant")


def test_the_page_load_shows_an_unknown_id_escaped_and_leaves_the_page_unpreset(handlers):
    import gradio as gr

    preset, _intro, problems, company, *_ = handlers.load(
        gr.Request(query_params={"company": "<img src=x onerror=alert(1)>"}))
    assert preset.company is None and company["visible"] is True
    assert problems["visible"] is True
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in problems["value"]
    assert "<img" not in problems["value"]
    assert "j3d\\-prints, m3d\\-print, materialise, online\\-3d\\-printen, pixeljet" in problems["value"]
