"""Specification of personal-data redaction: what is found and replaced, and what numbers are left alone."""

from __future__ import annotations

import itertools
import logging
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.redact import Match, RedactingFilter, find_personal_data, redact

CORPUS = Path(__file__).resolve().parents[2] / "policies_corpus"


def kinds_found(text: str) -> list[tuple[str, str]]:
    return [(match.kind, match.text) for match in find_personal_data(text)]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # e-mail
        ("Mail me at jan.peeters@example.be please", "EMAIL", "jan.peeters@example.be"),
        ("mijn adres is j.de-vries+shop@mail.example.nl.", "EMAIL", "j.de-vries+shop@mail.example.nl"),
        ("Schreiben Sie an müller@beispiel.de bitte", "EMAIL", "müller@beispiel.de"),
        # phone numbers, per country format
        ("bel +31 (0)20 261 4883 vandaag", "PHONE", "+31 (0)20 261 4883"),
        ("bel 06-12345678 vandaag", "PHONE", "06-12345678"),
        ("bel 020 261 4883 vandaag", "PHONE", "020 261 4883"),
        ("bel +31 6 12345678 vandaag", "PHONE", "+31 6 12345678"),
        ("bel 0470 12 34 56 vandaag", "PHONE", "0470 12 34 56"),
        ("appelez +32 470 12 34 56 ou", "PHONE", "+32 470 12 34 56"),
        ("bel 02 123 45 67 vandaag", "PHONE", "02 123 45 67"),
        ("Tel. 030/1234567 oder", "PHONE", "030/1234567"),
        ("Tel. 0171-1234567 oder", "PHONE", "0171-1234567"),
        ("Tel. 030 / 123 456 78 oder", "PHONE", "030 / 123 456 78"),
        ("Tel. +49 30 12345678 oder", "PHONE", "+49 30 12345678"),
        ("Tel. 0049 30 1234567 oder", "PHONE", "0049 30 1234567"),
        ("tél 01 23 45 67 89 ou", "PHONE", "01 23 45 67 89"),
        ("tél 06.12.34.56.78 ou", "PHONE", "06.12.34.56.78"),
        ("tél +33 6 12 34 56 78 ou", "PHONE", "+33 6 12 34 56 78"),
        ("call +4917612345678 now", "PHONE", "+4917612345678"),
        ("call +44 20 7946 0958 now", "PHONE", "+44 20 7946 0958"),
        ("call (555) 123-4567 now", "PHONE", "(555) 123-4567"),
        ("call 555-123-4567 now", "PHONE", "555-123-4567"),
        ("call +1 555 123 4567 now", "PHONE", "+1 555 123 4567"),
        # IBANs with and without spaces, checksum valid
        ("IBAN NL91 ABNA 0417 1643 00 graag", "IBAN", "NL91 ABNA 0417 1643 00"),
        ("IBAN NL91ABNA0417164300 graag", "IBAN", "NL91ABNA0417164300"),
        ("IBAN BE68 5390 0754 7034 svp", "IBAN", "BE68 5390 0754 7034"),
        ("IBAN BE68539007547034 svp", "IBAN", "BE68539007547034"),
        ("IBAN DE89 3704 0044 0532 0130 00 bitte", "IBAN", "DE89 3704 0044 0532 0130 00"),
        ("IBAN FR14 2004 1010 0505 0001 3M02 606 merci", "IBAN", "FR14 2004 1010 0505 0001 3M02 606"),
        ("iban nl91abna0417164300 graag", "IBAN", "nl91abna0417164300"),
        # street addresses, per language format
        ("Ik woon op de Kerkstraat 5 in Gent", "ADDRESS", "Kerkstraat 5"),
        ("Johan van Hasseltweg 39-J 1021 KN Amsterdam", "ADDRESS", "Johan van Hasseltweg 39-J 1021 KN Amsterdam"),
        ("Drukpersstraat 35, 1000 Brussels (contact)", "ADDRESS", "Drukpersstraat 35, 1000 Brussels"),
        ("located on Technologielaan 15, 3001 Leuven, Belgium", "ADDRESS", "Technologielaan 15, 3001 Leuven"),
        ("Ich wohne in der Hauptstraße 5, 10115 Berlin.", "ADDRESS", "Hauptstraße 5, 10115 Berlin"),
        ("Ich wohne in der Berliner Straße 12a heute", "ADDRESS", "Berliner Straße 12a"),
        ("Lieferung an Goethestr. 7 bitte", "ADDRESS", "Goethestr. 7"),
        ("J'habite au 12 rue de la Paix, 75002 Paris.", "ADDRESS", "12 rue de la Paix, 75002 Paris"),
        ("Envoyez à Rue de la Loi 16, 1040 Bruxelles.", "ADDRESS", "Rue de la Loi 16, 1040 Bruxelles"),
        ("I live at 221B Baker Street, London NW1 6XE.", "ADDRESS", "221B Baker Street, London NW1 6XE"),
        ("Ship it to 10 Downing Street today", "ADDRESS", "10 Downing Street"),
    ],
)
def test_personal_data_is_found_with_its_exact_span(text: str, kind: str, expected: str) -> None:
    assert kinds_found(text) == [(kind, expected)]
    assert redact(text) == text.replace(expected, f"[{kind}]")


@pytest.mark.parametrize(
    "text",
    [
        "We bewaren uw gegevens 7 jaar (Artikel 6).",
        "We keep your data for 30 days, since 2018.",
        "Wir speichern Daten 10 Jahre gemäß Artikel 17 DSGVO.",
        "Nous conservons vos données 3 ans (article 6, paragraphe 1).",
        "Regulation (EU) 2016/679, Article 17(1)(a), section 8.3 RIGHT TO ERASURE.",
        "The starting date is 01/01/2021; updated 12.05.2018 and 2023-05-25.",
        "M3D-Print (BE 1025.037.897) and company number 0403.170.701.",
        "More than 10 000 customers in 25 countries since 1990.",
        "Office hours 09:00-17:00, version 2.0, ISO 27001, price € 19,95.",
        "Chapter 3 Section 2 and Hoofdstuk 4 of the policy.",
        "Spring 2018 and during 2019 we changed the policy.",
        "Het kenmerk NL91 ABNA 0417 1643 01 is geen geldig rekeningnummer.",
        "Contact the authority via dataprotectionauthority.be for complaints.",
    ],
)
def test_numbers_that_are_not_personal_data_are_kept(text: str) -> None:
    assert find_personal_data(text) == []
    assert redact(text) == text


def test_iban_with_a_wrong_check_digit_is_not_an_iban_nor_a_phone_number() -> None:
    assert redact("NL91 ABNA 0417 1643 01") == "NL91 ABNA 0417 1643 01"
    assert redact("NL91 ABNA 0417 1643 00") == "[IBAN]"


def test_pixeljet_contact_line_from_the_seed_is_fully_redacted() -> None:
    line = next(
        line for line in (CORPUS / "pixeljet" / "004_d70c89b0774abc04.txt").read_text(encoding="utf-8").splitlines()
        if "Hasseltweg" in line
    )
    redacted = redact(line)
    for personal in ("k.dewit@karsten.nl", "261 4883", "Hasseltweg", "1021 KN", "info@pixeljet.nl"):
        assert personal in line
        assert personal not in redacted
    assert redacted.count("[EMAIL]") == 2
    assert redacted.count("[PHONE]") == 2
    assert redacted.count("[ADDRESS]") == 1
    assert "Pixeljet" in redacted


def test_m3d_authority_line_from_the_seed_keeps_its_words_and_loses_the_address() -> None:
    line = next(
        line for line in (CORPUS / "m3d-print" / "000_48002a1284e2571b.txt").read_text(encoding="utf-8").splitlines()
        if "Drukpersstraat" in line
    )
    redacted = redact(line)
    assert "Drukpersstraat 35, 1000 Brussels" not in redacted
    assert "contact@apd-gba.be" not in redacted
    assert "Lodge a complaint with the Belgian Data Protection Authority" in redacted
    assert [match.kind for match in find_personal_data(line)] == ["ADDRESS", "EMAIL"]


def test_several_kinds_in_one_question_keep_the_text_between_them() -> None:
    question = ("Ik ben Jan, jan@voorbeeld.nl, 06 12345678, Kerkstraat 5, 1021 KN Amsterdam, "
                "IBAN BE68 5390 0754 7034. Hoe lang bewaart Pixeljet dit?")
    assert redact(question) == "Ik ben Jan, [EMAIL], [PHONE], [ADDRESS], IBAN [IBAN]. Hoe lang bewaart Pixeljet dit?"


def test_matches_are_sorted_do_not_overlap_and_point_into_the_text() -> None:
    text = "a@b.nl NL91ABNA0417164300 +32 470 12 34 56 Kerkstraat 5"
    matches = find_personal_data(text)
    assert [m.kind for m in matches] == ["EMAIL", "IBAN", "PHONE", "ADDRESS"]
    for match in matches:
        assert isinstance(match, Match)
        assert text[match.start:match.end] == match.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))


def test_html_in_text_is_left_as_text() -> None:
    assert redact("<script>alert(1)</script>") == "<script>alert(1)</script>"


def test_redacting_filter_redacts_message_and_arguments(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test_redact.filter")
    redacting = RedactingFilter()
    logger.addFilter(redacting)
    try:
        with caplog.at_level(logging.INFO, logger="test_redact.filter"):
            logger.info("question from %s: %s", "jan@voorbeeld.nl", "bel me op 06-12345678")
            logger.info("iban NL91ABNA0417164300 in the message itself")
            logger.info("mapping %(mail)s", {"mail": "a@b.be"})
    finally:
        logger.removeFilter(redacting)
    messages = [record.getMessage() for record in caplog.records]
    assert messages == [
        "question from [EMAIL]: bel me op [PHONE]",
        "iban [IBAN] in the message itself",
        "mapping [EMAIL]",
    ]
    assert all(record.args is None for record in caplog.records)


def test_redacting_filter_keeps_a_record_whose_arguments_do_not_fit() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "mail %s %s", ("a@b.be",), None)
    assert RedactingFilter().filter(record) is True
    assert "a@b.be" not in record.getMessage()
    assert "[EMAIL]" in record.getMessage()


@given(st.text(alphabet="abcKS stra@.+-/()0123456789NLBE\n", max_size=80))
def test_redaction_is_idempotent_and_leaves_no_email_behind(text: str) -> None:
    once = redact(text)
    assert redact(once) == once
    assert not [match for match in find_personal_data(once) if match.kind == "EMAIL"]
