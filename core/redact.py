"""Find and redact personal data (e-mail addresses, phone numbers, IBANs, street addresses) in free text.

Questions, answers, comments and log lines pass through `redact()` before they are stored or logged.
Each kind of personal data becomes a typed placeholder: `[EMAIL]`, `[PHONE]`, `[IBAN]`, `[ADDRESS]`.
Numbers that are not personal data (years, durations, article numbers, dates, company numbers) are kept.

Usage:
    >>> redact("Mail jan.peeters@example.be or call +32 470 12 34 56.")
    'Mail [EMAIL] or call [PHONE].'
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

__all__ = ["KINDS", "Match", "RedactingFilter", "find_personal_data", "redact"]

KINDS = ("EMAIL", "IBAN", "PHONE", "ADDRESS")


@dataclass(frozen=True)
class Match:
    """One span of personal data: `text == source[start:end]`, `kind` is one of `KINDS`."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def placeholder(self) -> str:
        return f"[{self.kind}]"


# --- e-mail ---------------------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}\b")

def _find_emails(text: str) -> list[Match]:
    return [Match("EMAIL", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)]


# --- IBAN -----------------------------------------------------------------------------------------------

# Lengths of the IBANs of the countries our shops and customers are in; other countries need 15..34 chars.
_IBAN_LENGTHS = {
    "AT": 20, "BE": 16, "CH": 21, "DE": 22, "DK": 18, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "IE": 22,
    "IT": 27, "LU": 20, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "SE": 24,
}
_IBAN_START = re.compile(r"(?<![\w])([A-Za-z]{2})(\d{2})(?=[ ]?[A-Za-z0-9])")


# An IBAN-shaped run of groups; one that fails the checksum is left alone (and not read as a phone number).
_IBAN_SHAPE = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\w])")


def _iban_checksum_ok(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def _find_ibans(text: str) -> list[Match]:
    found: list[Match] = []
    for start_match in _IBAN_START.finditer(text):
        country = start_match.group(1).upper()
        lengths = [_IBAN_LENGTHS[country]] if country in _IBAN_LENGTHS else list(range(15, 35))
        compact = country + start_match.group(2)
        pos = start_match.end()
        ends: dict[int, int] = {}
        while len(compact) < max(lengths) and pos < len(text):
            step = 1
            if text[pos] == " " and pos + 1 < len(text) and text[pos + 1].isalnum():
                step = 2
            char = text[pos + step - 1]
            if not (char.isascii() and char.isalnum()):
                break
            compact += char.upper()
            pos += step
            ends[len(compact)] = pos
        for length in sorted(lengths, reverse=True):
            end = ends.get(length)
            if end is None or (end < len(text) and text[end].isalnum()):
                continue
            if _iban_checksum_ok(compact[:length]):
                found.append(Match("IBAN", start_match.start(), end, text[start_match.start():end]))
                break
    return found


# --- phone numbers --------------------------------------------------------------------------------------

_SEP = r"(?:[ .\-]|[ ]?/[ ]?)"
_PHONE = re.compile(
    rf"""
    (?<![\w+/.,-])                        # not glued to a word or to another number
    (?:\+|\b00)?                          # international prefix
    (?:\(\d{{1,4}}\)[ ]?|\d)              # (area code) or first digit
    (?:{_SEP}?(?:\(0\)[ ]?)?\d){{5,17}}   # further digits, with at most one separator between them
    (?![\w]|[.,/-]\d)                     # not followed by more of a number
    """,
    re.VERBOSE,
)
_DATE_SHAPE = re.compile(r"^\d{1,2}([./-])\d{1,2}\1\d{2,4}$")
_BE_COMPANY_NUMBER = re.compile(r"^0\d{3}\.\d{3}\.\d{3}$")
_US_SHAPE = re.compile(r"^(?:1[ .-])?(?:\(\d{3}\)[ ]?|\d{3}[ .-])\d{3}[ .-]\d{4}$")
# Digits after the country code, with a trunk "(0)" removed.
_NATIONAL_DIGITS = {"31": (9, 9), "32": (8, 9), "33": (9, 9), "49": (6, 13), "1": (10, 10), "44": (9, 10)}


def _phone_ok(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate.replace("(0)", ""))
    if candidate.startswith(("+", "00")):
        number = digits[2:] if candidate.startswith("00") else digits
        for code, (low, high) in _NATIONAL_DIGITS.items():
            if number.startswith(code):
                return low <= len(number) - len(code) <= high
        return 8 <= len(number) <= 15
    if _DATE_SHAPE.match(candidate) or _BE_COMPANY_NUMBER.match(candidate):
        return False
    if digits.startswith("0"):
        return digits[1] != "0" and 9 <= len(digits) <= 12
    return bool(_US_SHAPE.match(candidate))


def _find_phones(text: str) -> list[Match]:
    return [
        Match("PHONE", m.start(), m.end(), m.group())
        for m in _PHONE.finditer(text)
        if _phone_ok(m.group())
    ]


# --- street addresses -----------------------------------------------------------------------------------

_UP = r"[A-ZÀ-ÖØ-Þ]"
_WORD = r"[\w'’\-]"
_CAP = rf"(?:'s-)?{_UP}{_WORD}*"
_PARTICLE = r"(?:van|de|der|den|het|ten|ter|von)"  # "Johan van Hasseltweg", "Pieter de Hoochweg"
# Compound street words (Kerkstraat, Hauptstraße) and the same words on their own (Berliner Straße).
_STREET_SUFFIX = (
    r"(?:straat|steenweg|weg|laan|plein|gracht|kade|dijk|singel|dreef|steeg|kaai|lei|vest|markt|"
    r"straße|strasse|str\.|allee|platz|gasse|damm|ufer|chaussee|pfad)"
)
_HOUSE_NUMBER = r"\d{1,4}(?![\d.,:]\d)(?:[ ]?[A-Za-z](?!\w))?(?:[-/](?:\d{1,4}|[A-Za-z]{1,3})(?!\w))?"
_CITY = (
    rf"(?:(?:Den|La|Le|Les|Sint|Saint|Sankt|St\.|Bad|Bergen|New)\s+{_CAP}|{_CAP}"
    rf"(?:\s+(?:am|an\s+der|aan\s+de|aan\s+den|aan|sur|en|bei)\s+{_CAP})?)"
)
_POSTCODE_TAIL = (
    rf"(?:,?[ \t]+(?:(?:NL|B|BE|D|DE|F|FR|L)-)?(?:\d{{4}}[ ]?[A-Z]{{2}}(?![\w])|\d{{4,5}}(?!\w))[ \t]+{_CITY}"
    rf"|,?[ \t]+{_CITY},?[ \t]+[A-Z]{{1,2}}\d[A-Z\d]?[ ]?\d[A-Z]{{2}}\b"   # London NW1 6XE
    rf"|,?[ \t]+[A-Z]{{1,2}}\d[A-Z\d]?[ ]?\d[A-Z]{{2}}\b)?"
)
_EN_STREET_TYPE = (
    r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Drive|Boulevard|Blvd\.|Way|Court|Place|Square|Terrace|"
    r"Close|Crescent|Parkway|Row|Gardens|Highway)"
)
_FR_STREET_TYPE = (
    r"(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Aa]llée|[Ii]mpasse|[Qq]uai|[Rr]oute|"
    r"[Cc]ours|[Cc]haussée|[Ss]quare|[Pp]assage)"
)
_FR_NAME = rf"(?:(?:de|du|des|la|le|les|d'|l'|d’|l’)\s*)*{_CAP}(?:\s+(?:(?:de|du|des|la|le|les|d'|l'|d’|l’)\s*)*{_CAP})*"
_ADDRESS = re.compile(
    rf"""
    (?:
        (?<![\w'’-])
        (?:(?:{_CAP}\s+(?:{_PARTICLE}\s+){{1,2}})?{_UP}{_WORD}*?{_STREET_SUFFIX}   # (Johan van) Hasseltweg
          |(?:{_CAP}\s+){{1,2}}(?:Straße|Strasse|Straat|Weg|Laan|Allee|Platz|Gasse|Plein))  # Berliner Straße
        [ \t]+{_HOUSE_NUMBER}
      | (?<![\w.,/-])\d{{1,4}}[A-Za-z]?(?:[ ](?:bis|ter))?,?[ \t]+{_FR_STREET_TYPE}[ \t]+{_FR_NAME}  # 12 rue de la Paix
      | (?<![\w'’-])(?:Rue|Avenue|Boulevard|Place|Chaussée|Chemin|Quai)[ \t]+{_FR_NAME}[ \t]+{_HOUSE_NUMBER}  # Rue de la Loi 16
      | (?<![\w.,/-])\d{{1,5}}[A-Za-z]?[ \t]+(?:{_CAP}[ \t]+){{1,3}}{_EN_STREET_TYPE}(?!\w)  # 221B Baker Street
    )
    {_POSTCODE_TAIL}
    """,
    re.VERBOSE,
)


def _find_addresses(text: str) -> list[Match]:
    return [Match("ADDRESS", m.start(), m.end(), m.group()) for m in _ADDRESS.finditer(text)]


# --- public API -----------------------------------------------------------------------------------------

def find_personal_data(text: str) -> list[Match]:
    """Find the personal data in `text`.

    E-mail addresses win over IBANs, IBANs over phone numbers and phone numbers over addresses where
    spans overlap; the result does not overlap and is sorted by position. Text shaped like an IBAN
    whose checksum fails is neither an IBAN nor anything else.

    Args:
        text: any free text (a question, an answer, a comment, a log line).

    Returns:
        The matches, in order of `start`.
    """
    ibans = _find_ibans(text)
    # IBAN-shaped text that fails the checksum blocks the other finders but is not redacted itself.
    blocked = [
        (m.start(), m.end()) for m in _IBAN_SHAPE.finditer(text)
        if not any(iban.start < m.end() and m.start() < iban.end for iban in ibans)
    ]
    accepted: list[Match] = []
    for match in [*_find_emails(text), *ibans, *_find_phones(text), *_find_addresses(text)]:
        spans = [*blocked, *((kept.start, kept.end) for kept in accepted)]
        if all(match.end <= start or match.start >= end for start, end in spans):
            accepted.append(match)
    return sorted(accepted, key=lambda match: match.start)


def redact(text: str) -> str:
    """Replace every e-mail address, phone number, IBAN and street address in `text` by its placeholder.

    Args:
        text: any free text.

    Returns:
        The text with `[EMAIL]`, `[PHONE]`, `[IBAN]` and `[ADDRESS]` in place of the personal data.
    """
    matches = find_personal_data(text)
    if not matches:
        return text
    parts: list[str] = []
    position = 0
    for match in matches:
        parts.append(text[position:match.start])
        parts.append(match.placeholder)
        position = match.end
    parts.append(text[position:])
    return "".join(parts)


class RedactingFilter(logging.Filter):
    """A logging filter that redacts personal data from a record's message and arguments.

    The record's message is formatted with its arguments, redacted, and stored back with no arguments,
    so every handler after the filter sees only the redacted text. Attach it to handlers (it then covers
    records of every logger that reaches them):

        handler.addFilter(RedactingFilter())
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError, KeyError):
            message = " ".join([str(record.msg), *(str(arg) for arg in _args_of(record))])
        record.msg = redact(message)
        record.args = None
        return True


def _args_of(record: logging.LogRecord) -> list[object]:
    if isinstance(record.args, dict):
        return list(record.args.values())
    return list(record.args or ())
