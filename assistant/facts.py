"""What a question asks for and what a policy passage states: wanted facts, GDPR articles, sentences, key facts.

Usage::

    gdpr_reference("How do I request access to my data?")   # GdprReference(right='access', article=15)
    wanted_facts("Who gets my address?", ("sharing",))      # frozenset({'who', 'recipients'})
    extract_facts("We keep invoices for 7 years.").durations   # ((7, 'year'),)

Everything here is pattern matching on text; `assistant.compose` uses it to choose and state what it quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from types import MappingProxyType

__all__ = [
    "TERMINATORS",
    "GdprReference",
    "KeyFacts",
    "extract_facts",
    "gdpr_reference",
    "NAMED_CHANNELS",
    "named_channel",
    "names_channel",
    "names_date",
    "names_email_address",
    "names_phone",
    "names_postal_address",
    "names_registration",
    "phone_numbers",
    "postal_addresses",
    "registration_numbers",
    "sentence_spans",
    "states_effective_date",
    "wanted_facts",
]

# ---------------------------------------------------------------------------------------------- fact patterns

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10, "twelve": 12,
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "tien": 10, "twaalf": 12,
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "zwei": 2, "drei": 3, "fünf": 5, "sechs": 6, "sieben": 7,
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
    r"\b(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\s+"
    r"(?:[^\W\d]+\s+)?(?P<unit>" + "|".join(f"(?P<{unit}>{words})" for unit, words in _UNIT_WORDS.items()) + r")\b",
    re.IGNORECASE,
)
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

# Which kind of fact a question asks for, beyond its categories ("who gets my address" wants recipients).
_ASKS: dict[str, re.Pattern[str]] = {
    "durations": re.compile(
        r"how long|how quickly|how soon|hoe lang|hoelang|hoe snel|binnen welke|wie lange|wie schnell|wann"
        r"|combien de temps|dans quel délai|quel délai|durée", re.IGNORECASE),
    # "who gets my data" asks for names; "do you share with third parties" (category sharing) only wants them.
    "who": re.compile(
        r"who (?:gets|receives|sees|has access)|with whom|which (?:parties|companies|partners)"
        r"|wie (?:krijgt|ontvangt|ziet)|met wie|welke (?:partijen|bedrijven)"
        r"|wer (?:bekommt|kriegt|erhält|sieht)|an wen|welche (?:firmen|unternehmen|partner|empfänger)"
        r"|qui (?:reçoit|obtient|voit|a accès)|avec qui|à qui|quels (?:partenaires|destinataires)", re.IGNORECASE),
    "emails": re.compile(r"e-?mail|mail|contact|reach|bereik|erreich|joindre|adresse", re.IGNORECASE),
    # which provider or tool of a kind, by name: "which payment provider", "welke betaalprovider", "welcher
    # Zahlungsanbieter", "quel prestataire de paiement"; not "which service providers get my data"
    "provider_name": re.compile(
        r"\b(?:which|what|welke?|welche[rsmn]?|quel(?:le)?s?)\s+(?:payment|hosting|shipping|delivery|analytics?"
        r"|tracking|e-?mail|newsletter|courier|parcel|betaal|betalings|verzend|bezorg|koeriers?|pakket|zahlungs"
        r"|versand|liefer|kurier|paket|analyse|statistik)"
        r"[\s-]?(?:provider|processor|tool|platform|service|dienst|anbieter|dienstleister|plattform)s?\b"
        r"|\bquel(?:le)?s?\s+(?:prestataire|outil|plate-?forme|service)s?\s+d(?:e\s+|')(?:paiement|h[ée]bergement"
        r"|livraison|analyse|statistiques?|mesure d'audience|newsletter)"
        r"|\b(?:which|what|welke?|welche[rsmn]?|quel(?:le)?s?)\s+(?:courier|carrier|delivery company|shipping company"
        r"|parcel service|transporteur|livreur|bezorgbedrijf|bezorger|bezorgdienst|vervoerder|koerier|pakketdienst"
        r"|paketdienst|kurier|versanddienstleister|versanddienst|zusteller|lieferdienst|hoster|hébergeur|webhost"
        r"|hosting company)s?\b", re.IGNORECASE),
    # a number of years, months or days: only a stated period answers, not "as long as necessary".
    "period_number": re.compile(
        r"how many (?:years|months|weeks|days)|hoeveel (?:jaar|jaren|maanden|weken|dagen)"
        r"|wie ?viele (?:jahre|monate|wochen|tage)|combien (?:d'années|d'ans|de mois|de semaines|de jours)",
        re.IGNORECASE),
    # where to lodge a complaint (not which authority a policy names): a sentence on complaining answers.
    "complaint_route": re.compile(r"complain|klacht|klagen|beschwer|plainte|plaindre|r[ée]clamation", re.IGNORECASE),
    # a number to call (used for contact questions only).
    "phones": re.compile(
        r"call (?:you|them|someone)|can i (?:call|phone)|number (?:to|can i|i can|should i|i should) call|by phone|phone number"
        r"|what'?s (?:the|your|their) number|which number|welk (?:telefoon)?nummer|welche (?:telefon)?nummer"
        r"|quel numéro"
        r"|\bbellen\b|opbellen|telefonisch|telefoonnummer|anrufen|\banruf\b|telefonnummer|appeler|par téléphone"
        r"|numéro de téléphone", re.IGNORECASE),
    # a channel asked for by name: only a postal address answers "where can I send a letter" (contact questions).
    "postal": re.compile(
        r"postal address|post address|\bby (?:post|letter)\b|postadres|\bper (?:brief|post)\b|postanschrift|anschrift"
        r"|adresse postale|par courrier|par la poste|par lettre"
        r"|\b(?:your|their|hun|jullie|ihre|votre|leur) (?:address|adres|adresse|anschrift)\b"
        r"|where (?:are (?:you|they)|is \w+) (?:located|based)|waar zit|waar (?:is|zijn) \w+ gevestigd|wo sitzt"
        r"|où se trouve|où (?:est|sont) \w+ (?:situé|basé|installé)", re.IGNORECASE),
    "email_address": re.compile(r"e-?mail ?address|e-?mail ?adres|mailadres|e-?mail-?adresse"
                                r"|adresse (?:e-?mail|mail|électronique)|courriel", re.IGNORECASE),
    # the shop's own number (a customer's VAT number is not asked for here)
    "registration": re.compile(r"company number|registration number|chamber of commerce|\bkvk\b|ondernemingsnummer"
                               r"|handelsregister|numéro d'entreprise", re.IGNORECASE),
    # since when a text applies, or when it last changed: a date answers.
    "dates": re.compile(
        r"since when|which date|what date|in(?:to)? force|effective (?:date|from|as of)|last (?:updated|changed|modified)"
        r"|sinds wanneer|welke datum|van kracht|laatst (?:gewijzigd|bijgewerkt|aangepast)"
        r"|seit wann|welche[ms]? datum|in kraft|zuletzt (?:geändert|aktualisiert)"
        r"|depuis quand|quelle date|en vigueur|dernière (?:mise à jour|modification)|date de quand|datée? de quand"
        r"|de quand date|how old is|hoe oud is|wie alt ist|from when|van wanneer|von wann", re.IGNORECASE),
}
_POLICY_WORD = re.compile(r"polic|statement|notice|privacy|rules|beleid|verklaring|voorwaarden|regels|erklärung"
                          r"|hinweis|richtlinie|politique|déclaration|charte|règles", re.IGNORECASE)
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
_FACTS_BY_CATEGORY = {"retention": {"durations"}, "sharing": {"recipients"}, "contact": {"emails"}, "rights": {"emails"}}


def wanted_facts(question: str, categories: Sequence[str]) -> frozenset[str]:
    """The kinds of key fact (`durations`, `recipients`, `emails`, `dates`; `who` when it asks who gets the data;
    `phones`, `postal` or `email_address` when it names that channel; `provider_name` when it asks which provider or
    tool; `period_number` when it asks how many years, months or days; `complaint_route` when it asks where to
    complain; `registration` for the shop's company number) a
    question wants."""
    wanted = {kind for kind, pattern in _ASKS.items() if pattern.search(question)}
    if "dates" in wanted and not _POLICY_WORD.search(question):
        wanted.discard("dates")  # "since when do you keep my data?" asks about the data, not the policy's date
    if "dates" in wanted:
        wanted.discard("durations")  # "seit wann gilt die Erklärung" asks for a date, not a period
    if "who" in wanted:
        wanted.add("recipients")
    for category in categories:
        wanted |= _FACTS_BY_CATEGORY.get(category, set())
    return frozenset(wanted)


# ---------------------------------------------------------------------------------------------- GDPR rights

_REQUEST = re.compile(r"request|verzoek|aanvraag|antrag|anfrage|demande|requête|\bright|recht|droit", re.IGNORECASE)
_RESPONSE = re.compile(
    r"respond|response|reply|answer|antwo|reageren|reactie|beantwort|antwort|répond|répons|délai|\bfrist", re.IGNORECASE
)
# (right, GDPR article, paragraph, question pattern), in order of precedence.
_RIGHTS: tuple[tuple[str, int, int | None, re.Pattern[str]], ...] = tuple(
    (name, article, paragraph, re.compile(pattern, re.IGNORECASE))
    for name, article, paragraph, pattern in (
        ("complaint", 77, None, r"complain|klacht|beschwer|plainte|réclamation|supervisory|toezichthouder"
                                r"|aufsichtsbehörde|autorité de contrôle|autoriteit persoonsgegevens|\bcnil\b"),
        ("portability", 20, None, r"portab|overdraagb|übertragb|meenemen|mitnehmen"),
        ("restriction", 18, None, r"restrict|beperk|einschränk|limitation|limiter"),
        ("objection", 21, None, r"\bobject|bezwaar|widersp|opposer|opposition"),
        ("erasure", 17, None, r"\beras|delet|remov|forgot|verwijder|wissen|gewist|lösch|vergessen|effac|supprim|oubli"),
        ("rectification", 16, None, r"rectif|\bcorrect|verbeter|berichtig|korrigier|corriger"),
        ("access", 15, None, r"\baccess|inzage|inzien|inspect|auskunft|einsicht|accès|accéder|kopie|copy of"),
    )
)


_BREACH = re.compile(r"datalek|breach|data leak|hacked|gehackt|datenpanne|datenleck|datenschutzverletzung"
                     r"|violation de(?:s)? données|violation de (?:la )?sécurité|fuite de données|piraté", re.IGNORECASE)
_COMPLAINT = re.compile(r"complain|klacht|beschwer|plainte|réclamation", re.IGNORECASE)

# Words of these rights also occur in questions about something else ("deleted after 7 years", "access my account").
_AMBIGUOUS_RIGHTS = frozenset({"erasure", "access"})


@dataclass(frozen=True)
class GdprReference:
    """The GDPR article (and paragraph) that governs the right a question is about."""

    right: str
    article: int
    paragraph: int | None = None

    @property
    def cite(self) -> str:
        """How the article is named in a citation: `Article 12(3)`."""
        return f"{self.article}({self.paragraph})" if self.paragraph else str(self.article)


def gdpr_reference(question: str, categories: Sequence[str] = ()) -> GdprReference | None:
    """The GDPR article for a data-subject-rights question, or None when the question is not about a right; a
    question about a data breach names the supervisory authority without asking to complain.

    Access -> Article 15, rectification 16, erasure 17, restriction 18, portability 20, objection 21,
    complaint 77, and the time to respond to a request -> Article 12(3).

    Args:
        question: the customer's question, in any supported language.
        categories: the question's privacy categories; without `rights`, an erasure or access word alone (say,
            "deleted" in a retention question) needs a request or right word next to it.
    """
    matched = [(name, article, paragraph) for name, article, paragraph, pattern in _RIGHTS if pattern.search(question)]
    about_rights = ("rights" in categories or bool(_REQUEST.search(question))
                    or any(name not in _AMBIGUOUS_RIGHTS for name, _, _ in matched))
    if not about_rights:
        return None
    if _BREACH.search(question) and not _COMPLAINT.search(question):
        # "when is a breach reported to the supervisory authority" asks no right; "erase my data after the breach" does
        matched = [right for right in matched if right[0] != "complaint"]
        if not matched:
            return None
    if _RESPONSE.search(question) and (matched or _REQUEST.search(question)):
        return GdprReference(right="response_time", article=12, paragraph=3)
    if matched:
        name, article, paragraph = matched[0]
        return GdprReference(right=name, article=article, paragraph=paragraph)
    return None


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
                        r"|registration number|entreprise|handelsregister|idnr)[\s:.-]*(?:nummer|number|n°|nr\.?)?[\s:.-]*$"
                        r"|\b(?:iban|bic|swift)\b", re.IGNORECASE)
_HOURS = re.compile(r"^\d{2}[.:]\d{2}\s*-\s*\d{2}[.:]\d{2}$")


def phone_numbers(text: str) -> list[str]:
    """The phone numbers in `text`, each once, in order: at least 8 digits, not a date, opening hours or a number
    labelled as a company, VAT or bank number."""
    found = []
    for match in _PHONE.finditer(text):
        number = match.group(0).strip()
        if (sum(char.isdigit() for char in number) < 8 or _DATE.search(number) or _HOURS.match(number)
                or _NOT_PHONE.search(text[max(0, match.start() - 20):match.start()])):
            continue
        found.append(number)
    return list(dict.fromkeys(found))


def names_phone(text: str) -> bool:
    """Whether `text` holds a phone number ("+31 (0)20 261 4883", "09 123 45 67"; not a VAT number "BE 0441.131.254")."""
    return bool(phone_numbers(text))


# A street, a house number, then a postcode and a town: "Technologielaan 15, 3001 Leuven",
# "Johan van Hasseltweg 39-J 1021 KN Amsterdam".
_POSTAL_ADDRESS = re.compile(r"\b[A-Z][\w'-]*(?:[^\S\n]+(?:van|de|der|den|la|le|du|des|[A-Z][\w'-]*)){0,2}[^\S\n]+"
                             r"\d+(?:-?[A-Za-z])?,?[^\S\n]+\d{4,5}[^\S\n]?(?:[A-Z]{2}[^\S\n]+)?[A-Z][a-zäöüéèâ]+")
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
    "email_address": names_email_address})
"""The `wanted_facts` kinds a contact question names, in precedence order, and what tells a text holds one."""


def named_channel(wanted: frozenset[str]) -> Callable[[str], bool] | None:
    """The test for the channel a contact question names (`NAMED_CHANNELS`, first kind wanted), else None."""
    return next((holds for kind, holds in NAMED_CHANNELS.items() if kind in wanted), None)


def states_effective_date(text: str) -> bool:
    """Whether one sentence of `text` holds both a date and a word saying the text applies or changed then."""
    return any(names_date(text[start:end]) and _EFFECTIVE.search(text[start:end])
               for start, end in sentence_spans(text))


def extract_facts(text: str, *, exclude_names: Sequence[str] = (), recipients: bool = True) -> KeyFacts:
    """Find durations ("7 jaar", "30 days", "2 Jahre", "1 an"), e-mail addresses, authority and recipient names.

    Args:
        text: policy text (any supported language).
        exclude_names: names never reported as recipients (the company itself).
        recipients: look for recipient names (capitalised names such as "BPost", "Google Analytics"); only
            meaningful in text about sharing data, where such names are the parties that receive it.
    """
    durations: list[tuple[int, str]] = []
    for match in _DURATION.finditer(text):
        raw = match.group("n").lower()
        amount = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
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
