"""A multilingual (EN/NL/DE/FR) privacy-concept lexicon that tags sections and customer questions with categories."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from core.types import CATEGORIES

__all__ = ["LEXICON", "categorize", "category_scores", "normalize"]

# category -> language -> terms. Terms are written accent-free and lower case and match at the start of a word, so
# `bewaar` finds `bewaard` and `bewaartermijn`, and a typo at the end of a word still matches.
# A term of up to three letters, or one starting with `=`, must match a whole word (`fg`, `dpo`, `=sicher` but not
# `sicherstellen`); a term starting with `~` matches anywhere inside a word, for the compounds of Dutch and German
# (`~termijn` in `opslagtermijn`); a term with spaces is a phrase whose words match in order. `*` lists terms
# shared by all languages. A term starting with `?` is a bare question phrasing ("how long", "who gets"): it counts
# only when the text also names personal data (`_DATA_WORDS`), so "Wie lange dauert der Versand?" (shipping) is
# not a retention question.
LEXICON: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "retention": {
        "en": ("retention", "retain", "?how long", "storage period", "kept for", "keep your", "keep data",
               "keep personal", "keep the", "for as long as", "no longer than", "stored for", "deleted after",
               "anonymi"),
        "nl": ("bewaar", "bewar", "~bewaartermijn", "~bewaarplicht", "?hoe lang", "?hoelang", "termijn", "zolang",
               "opslagduur", "~termijn", "geanonimiseerd"),
        "de": ("aufbewahr", "~aufbewahrung", "speicherdauer", "~speicherdauer", "dauer der speicherung",
               "?wie lange", "bewahren", "~frist", "gespeichert", "anonymisi"),
        "fr": ("conservation", "conserv", "duree de", "?combien de temps", "?pendant combien", "anonymis", "garde t",
               "garder", "gardez"),
    },
    "rights": {
        "en": ("right of access", "right to", "rights", "=access", "access your", "access to your", "you hold about",
               "?wrong", "?incorrect", "?get it fixed", "?outdated",
               "rectif", "erasure", "erase", "delete", "deletion", "remove", "removal", "portability", "restrict",
               "withdraw", "inspect", "object to", "objection", "right to object", "correct", "copy of",
               "data subject", "complaint", "complain", "supervisory authority", "protection authority"),
        "nl": ("inzage", "inzien", "rechten", "~rechten", "recht op", "recht van", "rectificatie", "verwijder", "?klopt niet",
               "?onjuist", "?verouderd", "?verbeter", "?=fout", "?=foute",
               "wissen", "overdraagbaar", "~overdraagbaarheid", "bezwaar", "beperking", "beperken", "intrekken",
               "klacht", "betrokkene", "corrigeren", "autoriteit persoonsgegevens", "gegevensbeschermingsautoriteit"),
        "de": ("auskunft", "berichtigung", "losch", "~loschung", "widerspruch", "widersprechen", "widerruf", "?falsch",
               "?korrigier", "?veraltet",
               "einschrankung", "ubertragbarkeit", "~ubertragbarkeit", "beschwer", "~beschwerde", "betroffene",
               "ihre rechte", "rechte", "recht auf", "aufsichtsbehorde", "sperrung", "beschweren"),
        "fr": ("=acces", "acceder", "droit d", "droit a", "droits", "rectification", "rectifier", "effacement", "?fausse",
               "?erron", "?corrig",
               "effacer", "supprim", "suppression", "portabilite", "opposition", "opposer", "limitation", "reclamation",
               "plainte", "cnil", "personne concernee", "retirer"),
    },
    "sharing": {
        "en": ("third part", "share", "sharing", "shared", "disclose", "processor", "sub processor", "recipient",
               "sell", "partner", "service provider", "on our behalf", "social media", "?who gets", "?who receives",
               "?who can see", "?with whom", "hand over", "hand my"),
        "nl": ("derde", "derden", "delen", "deelt", "gedeeld", "verwerker", "~verwerkersovereenkomst", "ontvanger",
               "verstrek", "verkopen", "verkoopt", "doorgeven", "namens ons", "partner", "?wie krijgt",
               "?wie ontvangt", "?wie kan zien", "?met wie", "krijgt hij", "krijgt zij"),
        "de": ("dritte", "~dritte", "weitergabe", "weitergeben", "weitergegeben", "auftragsverarbeit",
               "~auftragsverarbeit", "empfanger", "verkauf", "dienstleister", "~anbieter", "?wer kriegt",
               "?wer bekommt", "?wer erhalt", "?wer sieht", "?an wen", "weiter"),
        "fr": ("tiers", "partage", "partag", "sous traitant", "destinataire", "transmettre", "transmis",
               "communiqu", "vendre", "vend", "prestataire", "avoir acces", "?qui recoit", "?qui a acces",
               "?qui voit", "?a qui", "?avec qui", "donne t il mes", "donner mes"),
    },
    "cookies": {
        "*": ("cookie", "~cookie", "google analytics", "analytics", "=pixel", "=pixels", "tracking", "tracker",
              "hotjar", "clarity", "tag manager"),
        "en": ("browser", "web beacon", "local storage", "small files"),
        "nl": ("~trackingtechnolog", "=volgen", "=gevolgd", "kleine bestand"),  # never "volgens" (according to)
        "de": ("~tracking", "webtracker", "zahlpixel", "kleine dateien"),
        "fr": ("traceur", "temoin", "navigateur", "petits fichiers"),
    },
    "security": {
        "en": ("security", "secure", "encrypt", "ssl", "tls", "firewall", "unauthori", "access control",
               "technical and organi", "password", "antivirus", "misuse", "safe", "protect my", "protect your", "=viruses"),
        "nl": ("beveilig", "~beveiliging", "versleutel", "encryptie", "onbevoegd", "technische en organisatorische",
               "wachtwoord", "misbruik", "firewall", "veilig", "beschermt", "beschermen", "=virussen"),
        "de": ("sicherheit", "=sicher", "~sicherheit", "verschlussel", "~verschlusselung",
               "technische und organisatorische", "passwort", "unbefugt", "schutzmassnahm", "schutzt", "schutzen",
               "geschutzt", "virenschutz", "=viren"),
        "fr": ("securit", "securis", "chiffr", "mesures techniques", "mot de passe", "non autoris", "protege",
               "proteger"),
    },
    "breach": {
        "en": ("breach", "data leak", "leak", "incident", "notify the authorit"),
        "nl": ("datalek", "~datalek", "lek", "incident", "~incident"),
        "de": ("datenpanne", "~panne", "datenleck", "~leck", "verletzung des schutzes", "sicherheitsvorfall",
               "~vorfall"),
        "fr": ("violation", "fuite", "incident"),
    },
    "transfer": {
        "en": ("transfer", "outside the eea", "outside the european", "outside the eu", "third countr",
               "international", "standard contractual", "adequa", "privacy shield", "headquartered", "where is",
               "stored in", "outside europe", "united states", "abroad", "to the us", "in the us", "the usa", "america"),
        "nl": ("doorgifte", "buiten de eer", "buiten de europese", "buiten de eu", "derde land", "derde landen",
               "binnen de eer", "binnen de grenzen", "europese economische ruimte", "locatie", "opgeslagen binnen",
               "waar worden", "buitenland", "verenigde staten", "amerika", "naar de vs", "in de vs", "usa"),
        "de": ("drittland", "~drittland", "ausserhalb der eu", "ausserhalb der europaischen", "ausserhalb des ewr",
               "ubermittlung in", "internation", "standardvertragsklausel", "angemessenheit", "usa", "ausland",
               "vereinigte staaten", "amerika"),
        "fr": ("transfert", "hors de l union", "en dehors de l union", "pays tiers", "clauses contractuelles",
               "adequation", "hors ue", "etats unis", "ou sont stockees", "a l etranger", "usa", "amerique"),
    },
    "contact": {
        "en": ("contact", "e mail", "email", "dpo", "data protection officer", "privacy officer", "controller",
               "reach us", "questions", "who is responsible"),
        "nl": ("contact", "functionaris voor gegevensbescherming", "fg", "verwerkingsverantwoordelijke",
               "verantwoordelijk", "vragen", "e mail", "mailto"),
        "de": ("kontakt", "datenschutzbeauftragt", "~datenschutzbeauftragt", "verantwortlich", "~verantwortliche",
               "fragen", "e mail", "telefon", "erreich"),
        "fr": ("contact", "dpd", "delegue a la protection", "responsable de traitement", "responsable du traitement",
               "questions", "courriel"),
    },
    "changes": {
        "en": ("change", "update", "amend", "revis", "modif", "latest version", "new version", "effective date",
               "last updated", "?since when", "?in force"),
        "nl": ("wijzig", "~wijziging", "bijgewerkt", "bijwerken", "nieuwe versie", "recente versie", "aanpass", "aangepast",
               "=aanpast", "past * aan",
               "verander", "van kracht", "?sinds wanneer"),
        "de": ("anderung", "~anderung", "andern", "andert", "aktualisier", "neue fassung", "in kraft",
               "?seit wann"),
        "fr": ("modification", "modifi", "mise a jour", "mettre a jour", "evolu", "nouvelle version", "en vigueur",
               "?depuis quand"),
    },
    "legal_basis": {
        "en": ("legal basis", "legal bases", "legal ground", "lawful", "consent", "legitimate interest",
               "performance of a contract", "legal obligation", "article 6", "art 6"),
        "nl": ("grondslag", "~grondslag", "rechtsgrond", "toestemming", "gerechtvaardigd belang",
               "wettelijke verplichting", "uitvoering van de overeenkomst", "artikel 6"),
        "de": ("rechtsgrundlage", "~rechtsgrundlage", "einwilligung", "berechtigte", "berechtigten interess",
               "vertragserfullung", "rechtliche verpflichtung", "art 6", "?stimme ich zu", "?zustimm"),
        "fr": ("base legale", "base juridique", "fondement", "consentement", "interet legitime",
               "obligation legale", "execution d un contrat", "liceite", "?mon accord", "?donne mon accord"),
    },
    "purpose": {
        "en": ("purpose", "why do you", "why we", "use your", "we use", "used for", "in order to", "process your",
               "?why does", "?what for", "?need my"),
        "nl": ("doel", "~doeleinden", "waarvoor", "waarom", "gebruiken", "gebruikt voor", "om uw", "?nodig hebben"),
        "de": ("zweck", "~zweck", "wofur", "warum", "verwenden", "nutzen", "verwendung", "?wozu", "?warum brauch", "?braucht ihr"),
        "fr": ("finalite", "pourquoi", "utilis", "a quoi", "afin de", "?besoin de mes"),
    },
    "collection": {
        "en": ("collect", "gather", "obtain", "what data", "which data", "what information", "which information",
               "information we", "types of personal", "categories of personal", "provided by", "you provide",
               "source of", "?where do you get", "?where did you get"),
        "nl": ("verzamel", "welke gegevens", "welke persoonsgegevens", "soorten", "we verwerken", "wij verwerken",
               "verstrekt", "ontvangen", "verkrijgen", "bron van", "?vandaan", "?waar halen"),
        "de": ("erheb", "~erhebung", "erhoben", "sammel", "erfass", "welche daten", "verarbeiten wir",
               "bereitstellung", "herkunft", "quelle der", "?woher"),
        "fr": ("collect", "quelles donnees", "donnees traitees", "recueill", "categories de donnees", "obten",
               "provenance", "origine des", "?d ou viennent", "?d ou provien", "?d ou vous"),
    },
}

# Stems that name personal data or a customer's records, in every language, found anywhere inside a word
# (`kontaktdaten`, `klantgegevens`); a `?` question phrasing counts only next to one of them.
_DATA_STEMS = ("data", "daten", "gegeven", "donnee", "informati", "detail", "adres", "mail", "account", "konto",
               "compte", "profil", "naam", "name", "telef", "address", "adress", "phone", " ip ", "file", "datei", "fichier", "bestand",
               "rechnung", "factu", "invoice", "foto", "photo", "beeld", "bild", "image", "cookie", "record")
_FOREIGN_WEIGHT = 0.5
_TITLE_WEIGHT = 3.0
_MAX_HITS_PER_TERM = 3
_KEEP_RATIO = 0.2
_COMBINING = re.compile(r"[\u0300-\u036f]+")
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Fold `text` for matching: lower case, accents removed, every run of non-letters/digits one space."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return " " + _NON_WORD.sub(" ", folded).strip() + " "


@dataclass(frozen=True)
class _Matcher:
    """One lexicon term, compiled: `gate` is a word prefix (or, for infix terms, a substring) every match needs."""

    category: str
    language: str
    infix: bool
    weak: bool
    gate: str
    pattern: re.Pattern[str]


def _matcher(category: str, language: str, term: str) -> _Matcher:
    infix = term.startswith("~")
    weak = term.startswith("?")
    words = normalize(term.lstrip("~=?")).split()
    if infix:
        pattern = re.compile(re.escape(" ".join(words)))
    elif len(words) == 1 and (len(words[0]) <= 3 or term.startswith("=")):
        pattern = re.compile(rf" {re.escape(words[0])} ")
    else:
        pattern = re.compile(" " + r"\w* ".join(re.escape(word) for word in words))
    return _Matcher(category, language, infix, weak, words[0], pattern)


_MATCHERS: tuple[_Matcher, ...] = tuple(
    _matcher(category, language, term)
    for category, by_language in LEXICON.items()
    for language, terms in by_language.items()
    for term in terms
)


class _Folded:
    """A normalized text with the set of every prefix of its words, so most terms are ruled out in O(1)."""

    def __init__(self, text: str) -> None:
        self.text = normalize(text) if text else ""
        words = set(self.text.split())
        self.names_data = any(stem in self.text for stem in _DATA_STEMS)
        self.prefixes = {word[:k] for word in words for k in range(1, len(word) + 1)}

    def could_match(self, matcher: _Matcher) -> bool:
        if matcher.weak and not self.names_data:
            return False
        return matcher.gate in self.text if matcher.infix else matcher.gate in self.prefixes


def category_scores(text: str, *, language: str | None = None, title: str = "") -> dict[str, float]:
    """Score every category that `text` (and its `title`) mentions.

    Args:
        text: a section or a question, in any of en/nl/de/fr.
        language: the text's language; terms of other languages then count half.
        title: a heading; its matches weigh three times as much.

    Returns:
        Category -> score, only for categories with a match.
    """
    body, head = _Folded(text), _Folded(title)
    scores: dict[str, float] = {}
    for matcher in _MATCHERS:
        hits = 0.0
        if body.could_match(matcher):
            hits = min(len(matcher.pattern.findall(body.text)), _MAX_HITS_PER_TERM)
        if head.could_match(matcher) and matcher.pattern.search(head.text):
            hits += _TITLE_WEIGHT
        if hits:
            weight = 1.0 if language is None or matcher.language in ("*", language) else _FOREIGN_WEIGHT
            scores[matcher.category] = scores.get(matcher.category, 0.0) + weight * hits
    return scores


def categorize(text: str, *, language: str | None = None, title: str = "") -> tuple[str, ...]:
    """Return the privacy categories of `text`, best first; an empty tuple when no term matches.

    Categories scoring under a fifth of the best one are left out, so a long section is not tagged with every
    concept it mentions in passing.

    Args:
        text: a section or a customer question (short, informal, typos at word ends are fine).
        language: the text's language (en, nl, de, fr), when known.
        title: the section heading, which weighs more than the body.

    Returns:
        Category names from `core.types.CATEGORIES`, ranked by score, ties in declaration order.
    """
    scores = category_scores(text, language=language, title=title)
    if not scores:
        return ()
    best = max(scores.values())
    ranked = sorted(scores, key=lambda category: (-scores[category], CATEGORIES.index(category)))
    return tuple(category for category in ranked if scores[category] >= _KEEP_RATIO * best)
