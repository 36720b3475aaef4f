"""Specifications of the evaluation runner's helpers: which company is passed, how the answer language is judged."""

from __future__ import annotations

import pytest

from assistant.types import Answer, Citation, Status
from core.language import LanguageDetector
from eval.gold import GoldItem, GoldRef
from eval.run import answer_text_language, company_to_pass

QUOTE = "The personal data described above are retained for as long as necessary to use our services."


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    detector = LanguageDetector(fallback="en")
    detector.warm_up()
    return detector


def item(*, company: str | None, in_question: bool) -> GoldItem:
    return GoldItem(id="x", lang="nl", question="Hoe lang bewaart Pixeljet mijn gegevens?", company=company,
                    answerable=True, gold=(GoldRef(doc="004_d70c89b0774abc04.txt", section="Retention periods",
                                                   quote=QUOTE),),
                    facts=(), category="retention", split="dev", company_in_question=in_question)


def test_company_is_withheld_when_the_question_names_it() -> None:
    assert company_to_pass(item(company="pixeljet", in_question=True)) is None
    assert company_to_pass(item(company="pixeljet", in_question=False)) == "pixeljet"


def answer(text: str, *, status: Status = Status.ANSWERED) -> Answer:
    citation = Citation(n=1, company="pixeljet", document="004_d70c89b0774abc04.txt", section="Retention periods",
                        language="en", quote=QUOTE, text="Retention periods\n\n" + QUOTE, score=1.0,
                        section_path=("Retention periods",))
    return Answer(id="x", question="q", language="nl", company="pixeljet", status=status, answer=text,
                  citations=(citation,))


def test_quotes_and_section_labels_from_an_english_policy_do_not_count_against_a_dutch_answer(
    detector: LanguageDetector,
) -> None:
    text = (f"Volgens het privacybeleid van Pixeljet worden uw gegevens zo lang bewaard als nodig is. [1]\n\n"
            f"[1] “{QUOTE}” (Pixeljet, Retention periods, Engels)")
    assert answer_text_language(answer(text), detector) == "nl"


def test_an_answer_in_the_wrong_language_is_detected(detector: LanguageDetector) -> None:
    text = f"According to the privacy policy of Pixeljet your data is kept as long as needed. [1] “{QUOTE}”"
    assert answer_text_language(answer(text), detector) == "en"


def test_abstentions_are_not_detected(detector: LanguageDetector) -> None:
    assert answer_text_language(answer("Het beleid zegt hier niets over.", status=Status.NOT_IN_POLICY),
                                detector) is None


def test_a_quote_as_displayed_does_not_count_against_the_answer_either(detector: LanguageDetector) -> None:
    verbatim = ("5.2. We use so-called “functional cookies” (first-party cookies), which only serve the technical"
                " operation of the Website and Services.\n\n5.3. We also use so-called “analytics cookies”"
                " (third-party cookies) to better understand how you interact with our Websites.")
    shown = ("We use so-called “functional cookies” (first-party cookies), which only serve the technical operation"
             " of the Website and Services. We also use so-called “analytics cookies” (third-party cookies) to"
             " better understand how you interact with our Websites.")
    citation = Citation(n=1, company="3d-hubs", document="3dhubs.md", section="5. Cookies", language="en",
                        quote=verbatim, text=verbatim, score=1.0, display=shown)
    text = f"Laut der Datenschutzerklärung von 3D Hubs werden Cookies so eingesetzt. [1]\n\n[1] “{shown}” (3D Hubs, 5. Cookies, Englisch)"
    answered = Answer(id="x", question="q", language="de", company="3d-hubs", status=Status.ANSWERED, answer=text,
                      citations=(citation,))
    assert answer_text_language(answered, detector) == "de"
