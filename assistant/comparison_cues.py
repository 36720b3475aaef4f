"""Comparison cues: the wordings that make a question a comparison of shops, in EN/NL/DE/FR, as one table.

A cue is one of two kinds. A *shops* cue puts several shops in the question by itself ("which shops", "welke
winkels", "alle Shops", "les autres boutiques"): the question compares every shop even when it names one of them
("Does Pixeljet keep my data longer than the other shops?"), counted shops too ("the five shops", "alle vijf de
bedrijven"). An *unnamed* cue compares only when the question names no shop: "which companies", "compare ...",
differences between the shops, who does something most or more ("who keeps my data longest?"), or where data fares best or worst
("where is my data kept longest?"; "where can I read more" is no comparison). With
one shop named these read as a question about that shop: "Welke bedrijven krijgen mijn gegevens van Pixeljet?"
asks for Pixeljet's recipients, and "Wie lange speichert Pixeljet ...?" is German for "how long". "Other companies"
("andere bedrijven", "autres entreprises") are third parties, never a cue.

Patterns are matched in folded text (lower case, no accents: "längsten" reads "langsten", "sociétés" "societes").

Usage::

    comparison_cue("Welke winkels bewaren mijn gegevens het langst?")   # CueKind.SHOPS
    comparison_cue("who keeps my data longest?")                        # CueKind.UNNAMED
    comparison_cue("how long does pixeljet keep my data?")              # None
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

__all__ = ["CUES", "ComparisonCue", "CueKind", "comparison_cue"]


class CueKind(Enum):
    """How strongly a cue makes a comparison: `SHOPS` whatever the question names, `UNNAMED` only without a name."""

    SHOPS = "shops"
    UNNAMED = "unnamed"


@dataclass(frozen=True)
class ComparisonCue:
    """One row of the table: a pattern over folded text, its kind, and a question it matches (checked by a test)."""

    language: str
    kind: CueKind
    pattern: str
    example: str


_SHOP_EN = r"(?:web ?|online )?(?:shops?|stores?|sellers?|(?:3d[- ]?)?print(?:ing)? services?)"
_SHOP_NL = r"(?:web)?(?:winkels?|shops?)|printservices?|verkopers?"
_SHOP_DE = r"(?:online-?|web)?shops?|handler[n]?|verkaufer[n]?|druckdienste?"
_SHOP_FR = r"(?:boutiques?|magasins?)(?: en ligne)?|marchands?|vendeurs?|sites? marchands?"
_COMPANY_EN = r"compan(?:y|ies)|providers?|businesses|firms?"
_COMPANY_NL = r"bedrij(?:f|ven)|aanbieders?|firma'?s?"
_COMPANY_DE = r"anbieter[ns]?|unternehmen|firm(?:a|en)"
_COMPANY_FR = r"entreprises?|societes?|prestataires?"
# After "de"/"deze" and "die"/"den" only a plural names the shops as a group: "die Firma" is one company.
_COMPANIES_NL = r"bedrijven|aanbieders|firma'?s"
_COMPANIES_DE = r"anbietern|unternehmen|firmen"
_NUMBER = {"en": r"two|three|four|five|six|\d+", "nl": r"twee|drie|vier|vijf|zes|\d+",
           "de": r"zwei|drei|vier|funf|sechs|\d+", "fr": r"deux|trois|quatre|cinq|six|\d+"}
_PRINTING = {"en": r"(?:3d[- ]?print(?:ing)? )?", "nl": r"(?:3d[- ]?print(?:ing)?-? ?)?", "de": r"(?:3d-?druck-? ?)?"}

# Plural words for the shops as a group: a difference is a comparison of shops only next to one of them.
_GROUP = {"en": r"shops|stores|sellers|companies|providers|businesses|services",
          "nl": r"winkels|webwinkels|webshops|shops|bedrijven|aanbieders|verkopers",
          "de": r"shops|onlineshops|anbietern?|unternehmen|handlern?|firmen|druckdienste",
          "fr": r"boutiques|entreprises|societes|prestataires|vendeurs|marchands"}


def _differ(word: str, group: str) -> str:
    """`word` and a plural group word in one sentence, in either order ("how do the shops differ")."""
    return rf"\b(?:{word})\b[^?.!]*\b(?:{group})\b|\b(?:{group})\b[^?.!]*\b(?:{word})\b"


CUES: tuple[ComparisonCue, ...] = (
    # English
    ComparisonCue("en", CueKind.SHOPS, rf"\b(?:which|what|all|every|each|both|any|other|across|among)"
                                       rf"(?: of)?(?: the| these| your| those)?(?: other)?(?: (?:{_NUMBER['en']}))? "
                                       rf"{_PRINTING['en']}(?:{_SHOP_EN})\b",
                  "Which of the shops name their shipping companies?"),
    ComparisonCue("en", CueKind.SHOPS, rf"\b(?:the|these|those|your) (?:{_NUMBER['en']}) {_PRINTING['en']}"
                                       rf"(?:{_SHOP_EN})\b",
                  "How do the five shops differ in how long they keep data?"),
    ComparisonCue("en", CueKind.UNNAMED, rf"\b(?:which|what|all|every|each|both|any)(?: of)?(?: the| these| those)?"
                                         rf"(?: (?:{_NUMBER['en']}))? {_PRINTING['en']}(?:{_COMPANY_EN})\b",
                  "Which of these 3D printing companies let me download my data?"),
    ComparisonCue("en", CueKind.UNNAMED, rf"\bcompar(?:e|es|ed|ing|ison)\b|{_differ(r'differ(?:s|ences?)?', _GROUP['en'])}",
                  "Compare the retention periods"),
    ComparisonCue("en", CueKind.UNNAMED, r"\bwho\b[^?.!]*\b(?:longest|shortest|most|least|fastest|quickest|slowest"
                                         r"|safest|best|worst|longer|shorter|more|less|fewer|faster|quicker|slower"
                                         r"|safer|better|worse)\b", "Who keeps my data longest?"),
    ComparisonCue("en", CueKind.UNNAMED, r"\bwhere\b[^?.!]*\b(?:longest|shortest|safest)\b",
                  "Where is my data kept longest?"),
    ComparisonCue("en", CueKind.UNNAMED, rf"\b(?:the|these|those) {_PRINTING['en']}(?:shops|stores)\b",
                  "How fast do the shops answer an access request?"),
    # Dutch
    ComparisonCue("nl", CueKind.SHOPS, rf"\b(?:welke|alle|elke|iedere|beide|andere)(?: van)?(?: de| deze| jullie)?"
                                       rf"(?: andere)?(?: (?:{_NUMBER['nl']}))?(?: de)? {_PRINTING['nl']}(?:{_SHOP_NL})\b",
                  "Welke van de vijf webshops mailen je bij een wijziging?"),
    ComparisonCue("nl", CueKind.SHOPS, rf"\b(?:de|deze|die|alle) (?:{_NUMBER['nl']})(?: de)? {_PRINTING['nl']}"
                                       rf"(?:{_SHOP_NL})\b",
                  "Hebben alle vijf de webwinkels een functionaris voor gegevensbescherming?"),
    ComparisonCue("nl", CueKind.UNNAMED, rf"\b(?:welke|alle|elke|iedere|beide)(?: van)?(?: de| deze)?"
                                         rf"(?: (?:{_NUMBER['nl']}))?(?: de)? {_PRINTING['nl']}(?:{_COMPANY_NL})\b"
                                         rf"|\b(?:de|deze)(?: (?:{_NUMBER['nl']}))? {_PRINTING['nl']}(?:{_COMPANIES_NL})\b",
                  "Welke bedrijven gebruiken cookies?"),
    ComparisonCue("nl", CueKind.UNNAMED, rf"\bvergelijk(?:en|ing|t)?\b|{_differ(r'verschil(?:len|t)?', _GROUP['nl'])}",
                  "Vergelijk de bewaartermijnen"),
    ComparisonCue("nl", CueKind.UNNAMED, r"\bwie\b[^?.!]*\b(?:(?:het|de) (?:langst|kortst|meeste?|minste?|snelst"
                                         r"|veiligst|best|slechtst)"
                                         r"|langer|korter|meer|minder|sneller|trager|veiliger|beter|slechter)\b",
                  "Wie bewaart mijn gegevens het langst?"),
    ComparisonCue("nl", CueKind.UNNAMED, r"\bwaar\b[^?.!]*\bhet (?:langst|kortst|veiligst)\b",
                  "Waar worden mijn gegevens het langst bewaard?"),
    ComparisonCue("nl", CueKind.UNNAMED, rf"\b(?:de|deze) {_PRINTING['nl']}(?:winkels|webwinkels|webshops|shops)\b",
                  "Hoe snel reageren de winkels op een inzageverzoek?"),
    # German
    ComparisonCue("de", CueKind.SHOPS, rf"\b(?:welche[rsmn]?|alle[n]?|jede[rsmn]?|beide[n]?|andere[nr]?|den anderen)"
                                       rf"(?: der| von den| dieser)?(?: anderen)?"
                                       rf"(?: (?:{_NUMBER['de']}))? {_PRINTING['de']}(?:{_SHOP_DE})\b",
                  "Welche Shops nennen eine Frist?"),
    ComparisonCue("de", CueKind.SHOPS, rf"\b(?:die|den|der|diese[nr]?|alle[n]?) (?:{_NUMBER['de']}) "
                                       rf"{_PRINTING['de']}(?:{_SHOP_DE})\b",
                  "Haben alle fünf Shops einen Datenschutzbeauftragten?"),
    ComparisonCue("de", CueKind.UNNAMED, rf"\b(?:welche[rsmn]?|alle[n]?|jede[rsmn]?|beide[n]?)(?: der| von den)?"
                                         rf"(?: (?:{_NUMBER['de']}))? {_PRINTING['de']}(?:{_COMPANY_DE})\b"
                                         rf"|\b(?:die|den)(?: (?:{_NUMBER['de']}))? {_PRINTING['de']}(?:{_COMPANIES_DE})\b"
                                         rf"|\bdie (?:{_NUMBER['de']}) {_PRINTING['de']}anbieter\b",
                  "Welche Anbieter geben Daten weiter?"),
    ComparisonCue("de", CueKind.UNNAMED, rf"\bvergleich(?:e|en|t)?\b"
                                         rf"|{_differ(r'unterschied(?:e|en|lich)?|unterscheiden', _GROUP['de'])}",
                  "Vergleiche die Aufbewahrungsfristen"),
    ComparisonCue("de", CueKind.UNNAMED, r"\bwer\b[^?.!]*\b(?:am (?:langsten|kurzesten|meisten|wenigsten|schnellsten"
                                         r"|sichersten|besten|schlechtesten)|langer|kurzer|mehr|weniger|schneller"
                                         r"|langsamer|sicherer|besser|schlechter)\b", "Wer speichert meine Daten am längsten?"),
    ComparisonCue("de", CueKind.UNNAMED, r"\bwo\b[^?.!]*\bam (?:langsten|kurzesten|sichersten)\b",
                  "Wo werden meine Daten am längsten gespeichert?"),
    ComparisonCue("de", CueKind.UNNAMED, rf"\b(?:die|diese) {_PRINTING['de']}(?:shops|onlineshops|handler)\b",
                  "Wie schnell beantworten die Shops eine Auskunftsanfrage?"),
    # French
    ComparisonCue("fr", CueKind.SHOPS, rf"\b(?:quel(?:le)?s?|toutes les|tous les|chaque|les deux|les autres|autres"
                                       rf"|lesquel(?:le)?s)(?: des| de ces| parmi les)? (?:{_SHOP_FR})\b",
                  "Quelles boutiques utilisent des cookies ?"),
    ComparisonCue("fr", CueKind.UNNAMED, r"\b(?:quel(?:le)?s?|tous les|chaque|lesquels)(?: des| de ces| parmi les)?"
                                         r" (?:web)?(?:sites?|shops?)(?: web| internet)?\b",  # with a shop named: its partners
                  "Quels sites mettent des cookies de Facebook ?"),
    ComparisonCue("fr", CueKind.SHOPS, rf"\b(?:les|ces|des) (?:{_NUMBER['fr']}) (?:{_SHOP_FR})\b",
                  "Est-ce que les cinq boutiques ont un délégué à la protection des données ?"),
    ComparisonCue("fr", CueKind.UNNAMED, rf"\b(?:quel(?:le)?s?|toutes les|tous les|chaque|les deux|lesquel(?:le)?s|les|ces)"
                                         rf"(?: des| de ces)?(?: (?:{_NUMBER['fr']}))? (?:{_COMPANY_FR})\b",
                  "Quelles entreprises conservent mes données ?"),
    ComparisonCue("fr", CueKind.UNNAMED, rf"\bcompar(?:er|ez|e|ons|aison|atif)\b"
                                         rf"|{_differ(r'differences?|different', _GROUP['fr'])}",
                  "Comparer les durées de conservation"),
    ComparisonCue("fr", CueKind.UNNAMED, r"\bqui\b[^?.!]*\b(?:le plus|le moins|plus longtemps|moins longtemps|plus vite"
                                         r"|plus rapidement|le mieux|mieux|davantage)\b",
                  "Qui conserve mes données le plus longtemps ?"),
    ComparisonCue("fr", CueKind.UNNAMED, r"^(?:ou|chez qui)\b[^?.!]*\b(?:le plus longtemps|le moins longtemps"
                                         r"|le plus en securite)\b",
                  "Où mes données sont-elles conservées le plus longtemps ?"),
    ComparisonCue("fr", CueKind.UNNAMED, r"\b(?:les|ces) (?:boutiques|magasins|marchands)\b",
                  "En combien de temps les boutiques répondent-elles à une demande d'accès ?"),
)
"""Every cue, by language; `comparison_cue` tries the `SHOPS` rows first."""

_COMPILED = {kind: re.compile("|".join(f"(?:{cue.pattern})" for cue in CUES if cue.kind is kind))
             for kind in CueKind}


def comparison_cue(folded: str) -> CueKind | None:
    """The strongest comparison cue in `folded` (a question in lower case without accents), or None.

    Args:
        folded: the question folded as company detection folds it (NFKD without combining marks, casefolded).
    """
    for kind in CueKind:
        if _COMPILED[kind].search(folded):
            return kind
    return None
