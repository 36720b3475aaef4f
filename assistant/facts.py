"""What a policy passage states: sentences, periods, e-mail and postal addresses, phone numbers, dates, key facts.

Usage::

    extract_facts("We keep invoices for 7 years.").durations   # ((7, 'year'),)
    names_phone("Call +31 (0)20 261 4883.")                     # True

Everything here is pattern matching on text; `assistant.compose` uses it to choose and state what it quotes. What a
question asks for is in `assistant.question_asks`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from types import MappingProxyType

__all__ = [
    "TERMINATORS",
    "KeyFacts",
    "extract_facts",
    "NAMED_CHANNELS",
    "named_channel",
    "names_channel",
    "names_complaint",
    "names_date",
    "names_email_address",
    "names_phone",
    "names_postal_address",
    "names_registration",
    "names_seat",
    "names_transfer_safeguard",
    "phone_numbers",
    "postal_addresses",
    "registration_numbers",
    "sentence_spans",
    "states_controller",
    "states_effective_date",
]

# ---------------------------------------------------------------------------------------------- fact patterns

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10, "twelve": 12,
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "tien": 10, "twaalf": 12,
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "eines": 1, "einer": 1, "zwei": 2, "drei": 3, "fünf": 5, "sechs": 6, "sieben": 7,
    "zehn": 10, "zwölf": 12,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "dix": 10, "douze": 12,
}
_UNIT_WORDS = {
    "hour": r"hours?|uur|uren|stunden?|heures?",
    "day": r"days?|dagen|dag|tage?n?|jours?",
    "week": r"weeks?|weken|wochen?|semaines?",
    "month": r"months?|maanden|maand|monate?n?|monats|mois",
    "year": r"years?|jaren|jaar|jahre?n?|jahres|ans?|années?",
}
_DURATION = re.compile(
    r"\b(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\s+(?:\((?P<again>\d{1,3})\)\s+)?"
    r"(?:[^\W\d]+\s+)?(?P<unit>" + "|".join(f"(?P<{unit}>{words})" for unit, words in _UNIT_WORDS.items()) + r")\b",
    re.IGNORECASE,
)
# "reviewed every six months", "alle sechs Monate": how often something happens, not how long data is kept.
_EVERY = re.compile(r"\b(?:every|each|elke|iedere?|om de|alle|jede[nrs]?|tou(?:te)?s les|chaque)\s+$", re.IGNORECASE)
_AS_NEEDED = re.compile(
    r"as long as (?:is |it is )?(?:strictly )?(?:necessary|needed|required)|longer than (?:is )?(?:strictly )?necessary"
    r"|zolang (?:als |dat )?(?:dat )?(?:nodig|noodzakelijk)|langer dan (?:strikt )?(?:nodig|noodzakelijk)"
    r"|so lange (?:wie )?(?:nötig|erforderlich|notwendig)|länger als (?:nötig|erforderlich|notwendig)"
    r"|aussi longtemps que (?:nécessaire|requis)|plus longtemps que (?:nécessaire|requis)",
    re.IGNORECASE,
)
# Kept for the periods the law sets, with no number named: "not longer than permitted by the legal terms".
_LEGAL_PERIOD = re.compile(
    r"\b(?:legal (?:retention )?(?:terms|periods?)"
    r"|(?:legal|statutory) retention (?:periods?|obligations?|requirements?)"
    r"|statutory (?:periods?|terms)|longer than (?:is )?(?:permitted|allowed|required) by (?:law|the legal)"
    r"|(?:kept|stored|retained) (?:for )?as (?:long as )?(?:permitted|required) by law"
    r"|wettelijke (?:bewaar)?termijn(?:en)?|(?:wettelijke|fiscale|administratieve) bewaar(?:plicht|verplichting)(?:en)?"
    r"|(?:gesetzlichen?|steuerrechtlichen?|handelsrechtlichen?) (?:Aufbewahrungs)?fristen?"
    r"|Aufbewahrungs(?:frist|pflicht)(?:en)?"
    r"|délais légaux de conservation|(?:durées?|obligations?) légales? de conservation)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_AUTHORITY = re.compile(
    r"(?:\b[A-Z][\w-]+\s+)*?(?:Personal Data Protection Authority|Data Protection Authority|Autoriteit Persoonsgegevens"
    r"|Gegevensbeschermingsautoriteit|Autorité de protection des données|Datenschutzbehörde|CNIL"
    r"|[Ss]upervisory [Aa]uthority|toezichthoudende autoriteit|Aufsichtsbehörde|autorité de contrôle)"
)
_NAME = re.compile(r"\b[A-Z][\w&.-]*[\w&](?:\s+[A-Z][\w&.-]*[\w&])*")
_NOT_RECIPIENTS = frozenset({
    "GDPR", "AVG", "DSGVO", "RGPD", "EU", "EEA", "EER", "EWR", "EEE", "IP", "SSL", "We", "Wij", "Wir", "Nous", "The",
    "De", "Die", "Der", "Le", "La", "Les", "Our", "Onze", "Unsere", "Nos", "You", "U", "Sie", "Vous", "In", "If",
    "Data Protection Authority", "Personal Data Protection Authority",
})

_MONTH = (r"(?:jan|feb|fév|fev|mar|mär|maa|apr|avr|may|mai|mei|jun|juin|jul|juil|aug|aoû|aou|sep|oct|okt|nov|dec|dez"
          r"|déc)[a-zäéû]*\.?")
_DATE = re.compile(rf"\b(?:\d{{1,2}}[./-]\d{{1,2}}[./-](?:19|20)\d{{2}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}"
                   rf"|\d{{1,2}}(?:st|nd|rd|th|er)?\.? {_MONTH} (?:19|20)\d{{2}}|{_MONTH} \d{{1,2}},? (?:19|20)\d{{2}})\b",
                   re.IGNORECASE)
# Words that make a date the date a text applies from or was changed on (not a date it merely mentions).
_EFFECTIVE = re.compile(
    r"in(?:to)? force|effective|starting date|applies from|last (?:updated|changed|modified)|version"
    r"|van kracht|ingangsdatum|in werking|gewijzigd|bijgewerkt|versie"
    r"|in kraft|gültig|geändert|aktualisiert|stand:|fassung"
    r"|en vigueur|applicable à compter|mise à jour|modifié", re.IGNORECASE)
# ---------------------------------------------------------------------------------------------- sentences

TERMINATORS = ".!?:;"
_LIST_MARKER = re.compile(r"\s*(?:[-•*·]\s+|\(?\d{1,2}[.)](?:\s+|$)|\(?[a-z]\)\s+)")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZÀ-ÖØ-Þ0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split a passage into sentence spans `(start, end)` with `text[start:end]` a trimmed sentence.

    Line breaks inside a sentence (the hard-wrapped lines of a scraped policy) are kept inside it; a new
    sentence starts after a terminator followed by a capital, at a list item, or after a short heading line.
    List markers (`-`, `•`, `1.`) are left out of the span.
    """
    lines: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            lines.append((offset, offset + len(body)))
        offset += len(line)

    blocks: list[list[int]] = []
    previous = ""
    for start, end in lines:
        current = text[start:end].strip()
        if not blocks or _starts_new_sentence(previous, current):
            blocks.append([start, end])
        else:
            blocks[-1][1] = end
        previous = current

    spans: list[tuple[int, int]] = []
    for start, end in blocks:
        block = text[start:end]
        cuts = [0, *(m.start() for m in _SENTENCE_BREAK.finditer(block)), len(block)]
        for a, b in pairwise(cuts):
            piece = block[a:b]
            marker = _LIST_MARKER.match(piece)
            lead = marker.end() if marker else len(piece) - len(piece.lstrip())
            s, e = start + a + lead, start + a + len(piece.rstrip())
            if e > s and sum(ch.isalpha() for ch in text[s:e]) >= 3:
                spans.append((s, e))
    return spans


def _starts_new_sentence(previous: str, current: str) -> bool:
    if _LIST_MARKER.match(current):
        return True
    first = current[:1]
    if previous.endswith(tuple(TERMINATORS)):
        return not first.islower()
    return len(previous) <= 60 and (first.isupper() or first.isdigit())


# ---------------------------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class KeyFacts:
    """Facts found by pattern in a quoted text; durations as (amount, unit) so they can be re-phrased."""

    durations: tuple[tuple[int, str], ...] = ()
    as_needed: bool = False
    legal_period: bool = False
    emails: tuple[str, ...] = ()
    authorities: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.durations or self.as_needed or self.legal_period or self.emails or self.authorities
                    or self.recipients)


def names_date(text: str) -> bool:
    """Whether `text` holds a calendar date ("02/07/2025", "2025-07-02", "2 juli 2025", "July 2, 2025")."""
    return bool(_DATE.search(text))


_PHONE = re.compile(r"(?<![\w./-])(?:\+\d{1,3}[ .-]?(?:\(0\))?[ .-]?|0)\d{1,4}(?:[ .-]?\d{2,4}){2,4}(?!\w|[./-]\d)")
# Numbers of other kinds that look like phone numbers: company, VAT and bank numbers, and opening hours.
_NOT_PHONE = re.compile(r"(?:\bbe|btw|vat|tva|ust|kbo|bce|kvk|ondernemingsnummer|company number|enterprise number"
                        r"|registration number|entreprise|handelsregister|idnr)(?:[^\S\n]*\([^)\n]{1,10}\))?[\s:.-]*"
                        r"(?:nummer|number|n°|nr\.?)?[\s:.-]*$"
                        r"|\b(?:iban|bic|swift)\b"
                        r"|(?-i:\b[A-Z]{2})[^\S\n]+$", re.IGNORECASE)  # a US state before a ZIP code: "MA 02205-5071"
_HOURS = re.compile(r"^\d{2}[.:]\d{2}\s*-\s*\d{2}[.:]\d{2}$")
# A Belgian enterprise (KBO/BCE) number, "0789.512.364": dotted phone numbers group their digits in twos.
_ENTERPRISE_NUMBER = re.compile(r"^[01]\d{3}\.\d{3}\.\d{3}$")


def phone_numbers(text: str) -> list[str]:
    """The phone numbers in `text`, each once, in order: at least 8 digits, not a date, opening hours or a number
    labelled as a company, VAT or bank number."""
    found = []
    for match in _PHONE.finditer(text):
        number = match.group(0).strip()
        if (sum(char.isdigit() for char in number) < 8 or _DATE.search(number) or _HOURS.match(number)
                or _ENTERPRISE_NUMBER.match(number) or _NOT_PHONE.search(text[max(0, match.start() - 20):match.start()])):
            continue
        found.append(number)
    return list(dict.fromkeys(found))


def names_phone(text: str) -> bool:
    """Whether `text` holds a phone number ("+31 (0)20 261 4883", "09 123 45 67"; not a VAT number "BE 0441.131.254")."""
    return bool(phone_numbers(text))


# A street, a house number, then a postcode and a town: "Technologielaan 15, 3001 Leuven",
# "Johan van Hasseltweg 39-J 1021 KN Amsterdam"; or in the French order, "56 rue de Varenne, 75007 Paris".
_POSTAL_ADDRESS = re.compile(r"\b[A-Z][\w'-]*(?:[^\S\n]+(?:van|de|der|den|la|le|du|des|[A-Z][\w'-]*)){0,2}[^\S\n]+"
                             r"\d+(?:-?[A-Za-z])?,?[^\S\n]+\d{4,5}[^\S\n]?(?:[A-Z]{2}[^\S\n]+)?[A-Z][a-zäöüéèâ]+"
                             r"|\b\d{1,4}(?:[^\S\n]?(?:bis|ter))?,?[^\S\n]+(?i:rue|avenue|boulevard|place|quai|chemin|allée"
                             r"|impasse|route|cours)[^\S\n]+[^,\n\d]{2,50}?,?[^\S\n]+\d{5}[^\S\n]+[A-Z][\w'-]+")
# Words before a number that make it a date or a reference, not a street: "May 25, 2018 Pixeljet", "Article 17, 2016".
_NOT_A_STREET = re.compile(r"(?:jan|feb|mar|apr|may|mai|mei|jun|jul|aug|sep|oct|okt|nov|dec|dez|article|artikel|art"
                           r"|version|versie|fassung|since|sinds|seit|depuis)\w*[^\S\n]+\d", re.IGNORECASE)


def postal_addresses(text: str) -> list[str]:
    """The postal addresses in `text`, as written ("Technologielaan 15, 3001 Leuven"); not a date ("May 25, 2018
    Pixeljet"), and not the address of a supervisory authority the sentence names."""
    if not _POSTAL_ADDRESS.search(text):
        return []  # most passages: no need to split and read them sentence by sentence
    found = []
    for start, end in sentence_spans(text) or [(0, len(text))]:
        sentence = text[start:end]
        if extract_facts(sentence, recipients=False).authorities:
            continue
        found += [" ".join(match.group().split()) for match in _POSTAL_ADDRESS.finditer(sentence)
                  if not _NOT_A_STREET.search(match.group())]
    return list(dict.fromkeys(found))


def names_postal_address(text: str) -> bool:
    """Whether `text` holds a postal address (`postal_addresses`)."""
    return bool(postal_addresses(text))


# Where the company has its seat, short of a full address: "based in Izegem", "wij zijn gevestigd te Leuven", "hat
# ihren Sitz in Köln", "siège social à Bruxelles"; not where servers or recipients are ("servers located in Germany").
_SEAT = re.compile(r"\b(?i:based|located|headquartered|registered office) (?i:in|at) [A-Z]"
                   r"|\b(?i:(?:is|zijn|zijn wij|wij zijn|we zijn) gevestigd (?:in|te|aan|op)) "
                   r"|\b(?i:(?:hat|haben) (?:seinen|ihren|unseren) sitz (?:in|an)) "
                   r"|\b(?i:siège social (?:est )?(?:à|au|en)) ")


# What a "located in" just before it is about when it is not the company: servers, data, recipients.
_NOT_THE_COMPANY = re.compile(r"server|data|gegevens|daten|donn[ée]es|host|stor|cloud|recipient|processor", re.IGNORECASE)


def names_seat(text: str) -> bool:
    """Whether `text` says where the company is: a postal address or its seat ("based in Izegem", "3D Hubs B.V.,
    located in Amsterdam"; not "our servers are located in Germany")."""
    return any(not _NOT_THE_COMPANY.search(text[max(0, found.start() - 40):found.start()])
               for found in _SEAT.finditer(text)) or names_postal_address(text)


def names_email_address(text: str) -> bool:
    """Whether `text` holds an e-mail address."""
    return bool(_EMAIL.search(text))


# A Belgian company number or a Dutch KvK number: "BE 0441.131.254", "BE 1025.037.897", "KvK 12345678".
# A scrape may break the number after its dots ("BE 0441.\n131.\n254").
_REGISTRATION = re.compile(r"\bBE[\s-]?[01]\d{3}\.?\s*\d{3}\.?\s*\d{3}\b|\b(?:kvk|kamer van koophandel)\D{0,20}\d{8}\b",
                           re.IGNORECASE)


def registration_numbers(text: str) -> list[str]:
    """The Belgian company numbers and Dutch KvK numbers in `text`, as one line ("BE 0441.131.254")."""
    return list(dict.fromkeys(" ".join(re.sub(r"\.\s+", ".", match.group()).split())
                              for match in _REGISTRATION.finditer(text)))


def names_registration(text: str) -> bool:
    """Whether `text` holds a Belgian company number or a Dutch KvK number."""
    return bool(_REGISTRATION.search(text))


def names_channel(text: str) -> bool:
    """Whether `text` gives a way to reach the company: an e-mail address, a phone number or a postal address."""
    return names_email_address(text) or names_phone(text) or names_postal_address(text)


NAMED_CHANNELS: Mapping[str, Callable[[str], bool]] = MappingProxyType({
    "phones": names_phone, "registration": names_registration, "postal": names_postal_address,
    "location": names_seat, "email_address": names_email_address})
"""The `wanted_facts` kinds a contact question names, in precedence order, and what tells a text holds one."""


def named_channel(wanted: frozenset[str]) -> Callable[[str], bool] | None:
    """The test for the channel a contact question names (`NAMED_CHANNELS`, first kind wanted), else None."""
    return next((holds for kind, holds in NAMED_CHANNELS.items() if kind in wanted), None)


_CONTROLLER = re.compile(
    r"controller|verwerkingsverantwoordelijke|\bverantwoordelijke? voor|\bis verantwoordelijk|verantwortliche?r?\b"
    r"|verantwortliche? stelle|\bist (?:\w+ )?verantwortlich|responsables? (?:du|de|des) traitement|est responsable"
    r"|is responsible for", re.IGNORECASE)


_TRANSFER_SAFEGUARD = re.compile(
    r"standard (?:contractual|data protection) clauses|model clauses|standaard ?contract(?:uele )?(?:bepalingen|clausules)"
    r"|modelcontract|standard ?(?:vertrags|datenschutz)klauseln|standard-(?:vertrags|datenschutz)klauseln"
    r"|clauses contractuelles types|binding corporate rules|bindende bedrijfsvoorschriften"
    r"|verbindliche interne datenschutzvorschriften|règles d'entreprise contraignantes|adequacy decision"
    r"|adequaatheidsbesluit|angemessenheitsbeschluss|décision d'adéquation|privacy shield|data privacy framework",
    re.IGNORECASE)


_COMPLAINT = re.compile(r"complain|klacht|beschwer|plainte|r[ée]clamation", re.IGNORECASE)


def names_transfer_safeguard(text: str) -> bool:
    """Whether `text` names how a transfer abroad is safeguarded: standard contractual clauses, binding corporate
    rules, an adequacy decision, the Privacy Shield or Data Privacy Framework."""
    return bool(_TRANSFER_SAFEGUARD.search(text))


def names_complaint(text: str) -> bool:
    """Whether `text` speaks of lodging a complaint ("Lodge a complaint with the Belgian Data Protection Authority");
    an authority named for another reason ("guidelines of the data protection authorities") is none."""
    return bool(_COMPLAINT.search(text))


def states_controller(text: str) -> bool:
    """Whether `text` says who is responsible for the data: "the data controller is", "ist verantwortlich",
    "verwerkingsverantwoordelijke", "responsable de traitement"."""
    return bool(_CONTROLLER.search(text))


def states_effective_date(text: str) -> bool:
    """Whether one sentence of `text` holds both a date and a word saying the text applies or changed then."""
    return any(names_date(text[start:end]) and _EFFECTIVE.search(text[start:end])
               for start, end in sentence_spans(text))


def extract_facts(text: str, *, exclude_names: Sequence[str] = (), recipients: bool = True) -> KeyFacts:
    """Find durations ("7 jaar", "30 days", "2 Jahre", "1 an"; not a frequency: "every six months"), e-mail
    addresses, authority and recipient names.

    Args:
        text: policy text (any supported language).
        exclude_names: names never reported as recipients (the company itself).
        recipients: look for recipient names (capitalised names such as "BPost", "Google Analytics"); only
            meaningful in text about sharing data, where such names are the parties that receive it.
    """
    durations: list[tuple[int, str]] = []
    for match in _DURATION.finditer(text):
        if _EVERY.search(text[max(0, match.start() - 12):match.start()]):
            continue
        raw = match.group("n").lower()
        amount = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        if match.group("again") and int(match.group("again")) != amount:
            continue  # "Article 12 (3) months" is no period; "three (3) years" is
        unit = next(unit for unit in _UNIT_WORDS if match.group(unit))
        if (amount, unit) not in durations:
            durations.append((amount, unit))
    emails = _unique(m.group(0).rstrip(".") for m in _EMAIL.finditer(text))
    authorities = _unique(m.group(0).strip() for m in _AUTHORITY.finditer(text))
    excluded = {name.lower() for name in exclude_names} | {a.lower() for a in authorities}
    names: list[str] = []
    for start, end in sentence_spans(text) if recipients else ():
        sentence = text[start:end]
        for match in _NAME.finditer(sentence):
            name = match.group(0).rstrip(".")
            if match.start() == 0 and " " not in name:
                continue  # a capitalised first word, not a name
            if name in _NOT_RECIPIENTS or name.lower() in excluded or "@" in name or any(ch.isdigit() for ch in name):
                continue
            if len(name) >= 3 and name not in names:
                names.append(name)
    return KeyFacts(durations=tuple(durations), as_needed=bool(_AS_NEEDED.search(text)),
                    legal_period=bool(_LEGAL_PERIOD.search(text)), emails=emails,
                    authorities=authorities, recipients=tuple(names))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))
