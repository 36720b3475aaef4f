"""Specification of comparison answers on the real index: every shop retrieved on its own, one line per shop, each
cited shop with its own citation and verified quote, and a silent shop said to be silent without citation."""

from __future__ import annotations

import re

import pytest

from assistant import templates
from assistant.pipeline import AskPipeline
from assistant.quotes import verify_quotes
from assistant.types import Answer, Status

SHOPS = ("j3d-prints", "m3d-print", "materialise", "online-3d-printen", "pixeljet")
NAMES = {"j3d-prints": "J3D Prints", "m3d-print": "M3D-Print", "materialise": "Materialise NV",
         "online-3d-printen": "online-3d-printen.nl", "pixeljet": "Pixeljet"}


def company_lines(answer: Answer) -> dict[str, str]:
    """Each shop's line of a comparison ("- Name: ..."), by shop id."""
    lines = [line[2:] for line in answer.answer.splitlines() if line.startswith("- ")]
    return {company: line for company in SHOPS for line in lines if line.startswith(NAMES[company])}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "language"),
    [("Which shops keep my data longest?", "en"), ("Welke winkels bewaren mijn gegevens het langst?", "nl"),
     ("Wer speichert meine Daten am längsten?", "de"), ("Quelles boutiques conservent mes données le plus longtemps ?",
                                                        "fr")],
)
def test_a_comparison_answers_every_shop_on_its_own_line_with_its_own_citation(seed_pipeline: AskPipeline,
                                                                               question: str, language: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert (answer.status, answer.language, answer.company, answer.companies) == (Status.ANSWERED, language, None,
                                                                                  SHOPS)
    lines = company_lines(answer)
    assert list(lines) == list(SHOPS)
    verify_quotes(answer.citations)
    # Every shop's policy has a retention section: each one is cited, once, on its own line.
    assert [citation.company for citation in answer.citations] == list(SHOPS)
    for citation in answer.citations:
        assert lines[citation.company].endswith(f"[{citation.n}]")
    assert answer.timing_ms["compare.retrieve"] > 0 and "retrieve" not in answer.timing_ms


@pytest.mark.slow
def test_a_shop_whose_policy_is_silent_gets_a_line_saying_so_and_no_citation(seed_pipeline: AskPipeline) -> None:
    """Materialise's notice has no cookie section (only a footer link); the four other shops describe their cookies."""
    answer = seed_pipeline.run(question="Which shops use analytics cookies?")
    assert answer.status is Status.ANSWERED
    lines = company_lines(answer)
    assert lines["materialise"] == templates.render("comparison.silent", "en", company=NAMES["materialise"])
    cited = [citation.company for citation in answer.citations]
    assert "materialise" not in cited and len(cited) == len(set(cited)) >= 3
    for company in cited:
        assert re.search(r"\[\d+\]$", lines[company])


@pytest.mark.slow
def test_two_named_shops_are_compared_in_the_order_named(seed_pipeline: AskPipeline) -> None:
    answer = seed_pipeline.run(question="Wie lange speichern Pixeljet und online-3d-printen meine Daten?")
    assert answer.companies == ("pixeljet", "online-3d-printen")
    assert [citation.company for citation in answer.citations] == ["pixeljet", "online-3d-printen"]
    assert answer.answer.index("- Pixeljet:") < answer.answer.index("- online-3d-printen.nl:")


@pytest.mark.slow
def test_a_question_about_one_shop_is_answered_for_that_shop_only(seed_pipeline: AskPipeline) -> None:
    answer = seed_pipeline.run(question="Welke bedrijven krijgen mijn gegevens van Pixeljet?")
    assert (answer.company, answer.companies) == ("pixeljet", ("pixeljet",))
    assert {citation.company for citation in answer.citations} <= {"pixeljet", "gdpr"}
    assert "compare" not in answer.timing_ms


@pytest.mark.slow
def test_a_shop_line_without_a_stated_fact_quotes_a_sentence_of_its_quote_not_the_heading(
        seed_pipeline: AskPipeline) -> None:
    answer = seed_pipeline.run(question="Which shops use analytics cookies?")
    lines = company_lines(answer)
    quoted = [citation for citation in answer.citations if "“" in lines[citation.company]]
    assert len(quoted) >= 3  # cookie sections state no period, party or channel: each line quotes its policy
    for citation in quoted:
        line = lines[citation.company]
        sentence = line[line.index("“") + 1:line.index("”")].rstrip("…")
        assert sentence in citation.display and len(sentence.split()) > len(citation.section.split()) + 2  # a statement


@pytest.mark.slow
@pytest.mark.parametrize("question", ["Quels magasins transfèrent mes données hors UE ?",
                                      "quels sites mettent des cookies de réseaux sociaux ?"])
def test_french_magasins_and_sites_ask_about_every_shop(seed_pipeline: AskPipeline, question: str) -> None:
    answer = seed_pipeline.run(question=question)
    assert (answer.status, answer.language, answer.companies) == (Status.ANSWERED, "fr", SHOPS)
    assert answer.citations and all(citation.company in SHOPS for citation in answer.citations)


@pytest.mark.slow
def test_a_misspelt_privacy_word_still_compares_the_named_shops(seed_pipeline: AskPipeline) -> None:
    """"adress" is read as "address": the question asks whom the address is given to, a privacy question."""
    answer = seed_pipeline.run(question="m3d print or J3D - who do they give my adress to for shipping?")
    assert (answer.status, answer.companies) == (Status.ANSWERED, ("m3d-print", "j3d-prints"))
    assert {citation.company for citation in answer.citations} == {"m3d-print", "j3d-prints"}


@pytest.mark.slow
def test_a_shop_line_states_only_facts_of_the_kind_asked_for(seed_pipeline: AskPipeline) -> None:
    """Deleting data is asked about: a rights section's supervisory authority and e-mail address are in its quote,
    not on the shop's line, which quotes the sentence that answers best."""
    answer = seed_pipeline.run(question="which shops will delete my data if i ask for it")
    lines = company_lines(answer)
    assert answer.status is Status.ANSWERED and len(answer.citations) >= 3
    for company in {citation.company for citation in answer.citations}:
        line = lines[company]
        assert "Supervisory authority" not in line and "E-mail:" not in line, line
        assert "“" in line, line
    assert "Request deletion of personal data" in lines["m3d-print"]  # the list item, not the list's lead-in


@pytest.mark.slow
def test_quels_sites_with_a_shop_named_asks_about_that_shops_partners(seed_pipeline: AskPipeline) -> None:
    answer = seed_pipeline.run(question="Vers quels sites Pixeljet envoie-t-il mes données ?")
    assert answer.companies == ("pixeljet",)
