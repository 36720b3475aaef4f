"""What a question asks for: the kinds of fact it wants (a period, names, a channel, a date) and the GDPR right it
is about.

Usage::

    wanted_facts("Who gets my address?", ("sharing",))      # frozenset({'who', 'recipients'})
    gdpr_reference("How do I request access to my data?")   # GdprReference(right='access', article=15)

`assistant.facts` says what a passage states; `assistant.compose` matches the two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.text import unaccented

__all__ = ["GdprReference", "gdpr_reference", "wanted_facts"]


def _pattern(source: str, flags: int) -> re.Pattern[str]:
    """`source` compiled without its accents, to search questions passed through `unaccented`: customers type
    "numero de telephone" as often as "numéro de téléphone"."""
    return re.compile(unaccented(source), flags)


# Which kind of fact a question asks for, beyond its categories ("who gets my address" wants recipients).
_ASKS: dict[str, re.Pattern[str]] = {
    "durations": _pattern(
        r"how long|how quickly|how soon|hoe lang|hoelang|hoe snel|binnen welke|wie lange|wie schnell|wann"
        r"|combien de temps|dans quel délai|quel délai|durée", re.IGNORECASE),
    # "who gets my data" asks for names; "do you share with third parties" (category sharing) only wants them.
    "who": _pattern(
        r"who (?:gets|receives|sees|has access)|with whom|which (?:parties|companies|partners)"
        r"|wie (?:krijgt|ontvangt|ziet)|met wie|welke (?:partijen|bedrijven)"
        r"|wer (?:bekommt|kriegt|erhält|sieht)|an wen|welche (?:firmen|unternehmen|partner|empfänger)"
        r"|qui (?:reçoit|obtient|voit|a accès)|avec qui|à qui|quels (?:partenaires|destinataires)", re.IGNORECASE),
    "emails": _pattern(r"e-?mail|mail|contact|reach|bereik|erreich|joindre|adresse", re.IGNORECASE),
    # which provider or tool of a kind, by name: "which payment provider", "welke betaalprovider", "welcher
    # Zahlungsanbieter", "quel prestataire de paiement"; not "which service providers get my data"
    "provider_name": _pattern(
        r"\b(?:which|what|welke?|welche[rsmn]?|quel(?:le)?s?)\s+(?:payment|hosting|shipping|delivery|analytics?"
        r"|tracking|e-?mail|newsletter|courier|parcel|betaal|betalings|verzend|bezorg|koeriers?|pakket|zahlungs"
        r"|versand|liefer|kurier|paket|analyse|statistik)"
        r"[\s-]?(?:provider|processor|tool|platform|service|dienst|anbieter|dienstleister|plattform)s?\b"
        r"|\bquel(?:le)?s?\s+(?:prestataire|outil|plate-?forme|service)s?\s+d(?:e\s+|')(?:paiement|h[ée]bergement"
        r"|livraison|analyse|statistiques?|mesure d'audience|newsletter)"
        r"|\b(?:which|what|welke?|welche[rsmn]?|quel(?:le)?s?)\s+(?:(?!(?:do|does|did|are|is|zijn|sind|sont|est|ont"
        r"|hebben|haben)\b)[^\W\d]+\s+)?(?:courier|carrier|delivery company"
        r"|shipping company|accounting firm|accounting office|accountant|accountantskantoor|bookkeeper|tax advis[eo]r"
        r"|boekhouder|boekhoudkantoor|belastingadviseur|steuerberater|steuerkanzlei|steuerbüro|buchhalter"
        r"|buchhaltungsfirma|expert-comptable|experts-comptables|cabinet comptable|fiduciaire"
        r"|parcel service|transporteur|livreur|bezorgbedrijf|bezorger|bezorgdienst|vervoerder|koerier|pakketdienst"
        r"|paketdienst|kurier|versanddienstleister|versanddienst|zusteller|lieferdienst|hoster|hébergeur|webhost"
        r"|hosting company)s?\b"
        r"|\b(?:which|what|welke?|welche[rsmn]?|quel(?:le)?s?)\s+(?:tool|software|outil|logiciel|prestataire)s?\b"
        r"|\b(?:which|what|welke?|welche[rsmn]?|quel(?:le)?s?)\s+(?:service|dienst|company|bedrijf|firma|unternehmen"
        r"|entreprise|société)\s+(?:\w+\s+)?(?:deliver|liefert|levert|bezorgt|livre|hosts?|hostet|host|sends?"
        r"|verschickt|verstuurt|envoie)"
        r"|\b(?:who|wie|wer|qui)\s+(?:hosts?|host|hostet|héberge)\b|\b(?:gehostet|gehost|hosted|hébergée?s?)\b"
        r"|\b(?:bei|von|mit|chez|bij|with|at)\s+(?:welche[rmn]?|welk|which|quelle)\s+(?:firma|unternehmen|anbieter"
        r"|dienstleister|bedrijf|company|provider|entreprise|société)\b"
        r"|\b(?:which|what|welk|welche[sr]?|quelle)\s+(?:company|bedrijf|firma|unternehmen|entreprise|société)\s+"
        r"(?:does|doet|macht|fait|runs|handles|verzorgt|übernimmt|gère|réalise)\b"
        r"|\b(?:who|wie|wer|qui)\s+(?:sends?|verstuurt|verschickt|versendet|envoie)\s+(?:the|de|het|die|den|das|les|le|la)\s+(?:e-?mails?"
        r"|newsletters?|nieuwsbrie[fv]e?n?|mails)"
        r"|\b(?:which|what|welke|welche|quelles?)\s+(?:companies|bedrijven|firmen|unternehmen|entreprises|sociétés)\s+"
        r"(?:send|versturen|verschicken|versenden|envoient)", re.IGNORECASE),
    # a number of years, months or days: only a stated period answers, not "as long as necessary".
    "period_number": _pattern(
        r"how many (?:years|months|weeks|days)|hoeveel (?:jaar|jaren|maanden|weken|dagen)"
        r"|wie ?viele (?:jahre|monate|wochen|tage)|combien (?:d'années|d'ans|de mois|de semaines|de jours)",
        re.IGNORECASE),
    # where to lodge a complaint (not which authority a policy names): a sentence on complaining answers.
    "complaint_route": _pattern(r"complain|klacht|klagen|beschwer|plainte|plaindre|r[ée]clamation", re.IGNORECASE),
    # who answers for the data: the controller named, not only a way to reach them (contact questions).
    "controller": _pattern(
        r"\bcontroller|who is responsible|who(?:'s| is) in charge of|verantwoordelijk|verantwortlich|zuständig"
        r"|responsible for (?:my |your |the )?(?:personal )?(?:data|information|processing)"
        r"|responsable (?:du |de |des )?(?:traitement|mes données|de mes données|des données)|qui est responsable",
        re.IGNORECASE),
    # which kinds of cookie: "which cookies do you use", "welke soorten cookies", "quels types de cookies"
    "cookie_kinds": _pattern(
        r"\b(?:which|what|welke?|welche[rsmn]?|quel(?:le)?s?)\s+(?:(?:kinds?|types?|sorts?|soorten|arten|typen"
        r"|genres?|sortes?)\s+(?:of\s+|van\s+|von\s+|de\s+|d')?)?(?:cookies?|tracker|traceurs?)", re.IGNORECASE),
    # a number to call (used for contact questions only).
    "phones": _pattern(
        r"call (?:you|them|someone)|can i (?:call|phone)|number (?:to|can i|i can|should i|i should) call|by phone|phone number"
        r"|what'?s (?:the|your|their) number|which number|welk (?:telefoon)?nummer|welche (?:telefon)?nummer"
        r"|quel numéro"
        r"|\bbellen\b|opbellen|telefonisch|telefoonnummer|anrufen|\banruf\b|telefonnummer|appeler|par téléphone"
        r"|numéro de téléphone", re.IGNORECASE),
    # a channel asked for by name: only a postal address answers "where can I send a letter" (contact questions).
    "postal": _pattern(
        r"postal address|post address|\bby (?:post|letter)\b|postadres|\bper (?:brief|post)\b|postanschrift|anschrift"
        r"|adresse postale|par courrier|par la poste|par lettre"
        r"|\b(?:your|their|hun|jullie|ihre|votre|leur) (?:address|adres|adresse|anschrift)\b", re.IGNORECASE),
    # where the company is: a postal address answers, so does the clause naming the controller and its seat
    "location": _pattern(
        r"where (?:are (?:you|they)|is \w+) (?:located|based)|waar zit|waar (?:is|zijn) \w+ gevestigd|wo sitzt"
        r"|où se trouve|où (?:est|sont) \w+ (?:situé|basé|installé)", re.IGNORECASE),
    # how to reach the company at all: a contact form answers it, even where an e-mail address is asked for too
    "reach": _pattern(r"\b(?:how|hoe|comment)\b[^?]{0,30}?\b(?:contact(?:eer|eren|er|e|es|ez)?\b(?! ?(?:details|form|gegevens"
                      r"|persoon|person))|reach|get in touch|bereik|joindre)|\bwie\b[^?]{0,30}?\b(?:erreich|kontaktier)",
                      re.IGNORECASE),
    "email_address": _pattern(r"e-?mail ?address|e-?mail ?adres|mailadres|e-?mail-?adresse"
                                r"|adresse (?:e-?mail|mail|électronique)|courriel", re.IGNORECASE),
    # the shop's own number (a customer's VAT number is not asked for here)
    "registration": _pattern(r"company number|registration number|chamber of commerce|\bkvk\b|ondernemingsnummer"
                               r"|handelsregister|numéro d'entreprise", re.IGNORECASE),
    # since when a text applies, or when it last changed: a date answers.
    "dates": _pattern(
        r"since when|which date|what date|in(?:to)? force|effective (?:date|from|as of)|last (?:updated|changed|modified)"
        r"|sinds wanneer|vanaf wanneer|welke datum|van kracht|laatst (?:gewijzigd|bijgewerkt|aangepast)"
        r"|seit wann|ab wann|welche[ms]? datum|in kraft|zuletzt (?:geändert|aktualisiert)"
        r"|depuis quand|à partir de quand|quelle date|en vigueur|dernière (?:mise à jour|modification)|date de quand|datée? de quand"
        r"|de quand date|how old is|hoe oud is|wie alt ist|from when|van wanneer|von wann", re.IGNORECASE),
}
_POLICY_WORD = _pattern(r"polic|statement|notice|privacy|rules|beleid|verklaring|voorwaarden|regels|erklärung"
                          r"|hinweis|richtlinie|politique|déclaration|charte|règles", re.IGNORECASE)
_FACTS_BY_CATEGORY = {"retention": {"durations"}, "sharing": {"recipients"}, "contact": {"emails"}, "rights": {"emails"}}


# A period written into the question, as a number and a unit.
_PERIOD_NAMED = re.compile(r"\b\d{1,3}\s*(?:hours?|uur|stunden?|heures?|days?|dagen|tage?n?|jours?|weeks?|weken|wochen?"
                           r"|semaines?|months?|maanden|maand|monate?n?|mois|years?|jaar|jaren|jahre?n?|ans?|annees?)\b"
                           r"(?![\s-]*(?:old|oude?|alte?[nrs]?)\b)",  # "my 14 year old son": an age
                           re.IGNORECASE)


def wanted_facts(question: str, categories: Sequence[str]) -> frozenset[str]:
    """The kinds of key fact a question wants: `durations`, `recipients`, `emails`, `dates`; `who` when it asks who
    gets the data; `phones`, `postal` or `email_address` when it names that channel; `reach` when it asks how to
    reach the company; `location` when it asks where the company is; `provider_name` when it asks which provider or
    tool; `period_number` when it asks how many years, months or days; `complaint_route` when it asks where to
    complain; `controller` when it asks who is responsible for the data; `cookie_kinds` when it asks which
    cookies; `registration` for the shop's company number."""
    question = unaccented(question)
    wanted = {kind for kind, pattern in _ASKS.items() if pattern.search(question)}
    if "dates" in wanted and not _POLICY_WORD.search(question):
        wanted.discard("dates")  # "since when do you keep my data?" asks about the data, not the policy's date
    if "dates" in wanted:
        wanted.discard("durations")  # "seit wann gilt die Erklärung" asks for a date, not a period
    if "complaint_route" in wanted:
        wanted -= {"postal", "location"}  # "which authority do I complain to, and where is it": the authority's
    if "who" in wanted:
        wanted.add("recipients")
    if _PERIOD_NAMED.search(question):
        wanted.add("durations")  # "Werden die Logfiles nach 30 Tagen gelöscht?": the period is part of the answer
    for category in categories:
        wanted |= _FACTS_BY_CATEGORY.get(category, set())
    return frozenset(wanted)


# ---------------------------------------------------------------------------------------------- GDPR rights

_REQUEST = _pattern(r"request|verzoek|aanvraag|antrag|anfrage|demande|requête|\bright|recht|droit", re.IGNORECASE)
_RESPONSE = _pattern(
    r"respond|response|reply|answer|antwo|reageren|reactie|beantwort|antwort|répond|répons|délai|\bfrist", re.IGNORECASE
)
# (right, GDPR article, paragraph, question pattern), in order of precedence.
_RIGHTS: tuple[tuple[str, int, int | None, re.Pattern[str]], ...] = tuple(
    (name, article, paragraph, _pattern(pattern, re.IGNORECASE))
    for name, article, paragraph, pattern in (
        ("complaint", 77, None, r"complain|klacht|klagen|beschwer|plainte|plaindre|réclamation|supervisory|toezichthouder"
                                r"|aufsichtsbehörde|autorité de contrôle|autoriteit persoonsgegevens|\bcnil\b"),
        ("portability", 20, None, r"portab|overdraagb|übertragb|meenemen|mitnehmen"),
        ("restriction", 18, None, r"restrict|beperk|einschränk|limitation|limiter"),
        ("objection", 21, None, r"\bobject|bezwaar|widersp|opposer|opposition"),
        ("erasure", 17, None, r"\beras|delet|remov|forgot|verwijder|wissen|gewist|lösch|vergessen|effac|supprim|oubli"),
        ("rectification", 16, None, r"rectif|\bcorrect|verbeter|berichtig|korrigier|corriger"),
        ("access", 15, None, r"\baccess|inzage|inzien|inspect|auskunft|einsicht|accès|accéder|kopie|copy of"),
    )
)


_BREACH = _pattern(r"datalek|breach|data leak|hacked|gehackt|datenpanne|datenleck|datenschutzverletzung"
                     r"|violation de(?:s)? données|violation de (?:la )?sécurité|fuite de données|piraté", re.IGNORECASE)
_COMPLAINT = _pattern(r"complain|klacht|klagen|beschwer|plainte|plaindre|réclamation", re.IGNORECASE)

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
    question = unaccented(question)
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
    complaint = bool(matched) and matched[0][0] == "complaint" and bool(_COMPLAINT.search(question))
    # "not happy with your response, where can I complain" asks where to complain, not how fast they answer
    if _RESPONSE.search(question) and (matched or _REQUEST.search(question)) and not complaint:
        return GdprReference(right="response_time", article=12, paragraph=3)
    if matched:
        name, article, paragraph = matched[0]
        return GdprReference(right=name, article=article, paragraph=paragraph)
    return None
