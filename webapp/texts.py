"""Localized interface strings of the web app (en, nl, de, fr): labels, notices and status hints."""

from __future__ import annotations

from core.settings import LANGUAGES

__all__ = ["EXAMPLE_QUESTIONS", "FEEDBACK_REASONS", "LANGUAGE_NAMES", "TEXT_KEYS", "text"]

LANGUAGE_NAMES: dict[str, str] = {"en": "English", "nl": "Nederlands", "de": "Deutsch", "fr": "Français"}

# Reasons a customer can give with a thumbs-down, stored as the key.
FEEDBACK_REASONS: dict[str, str] = {
    "wrong_citation": "Wrong citation",
    "wrong_language": "Wrong language",
    "not_answered": "Question not answered",
    "other": "Other",
}

# One question per language, shown as clickable examples under the chat.
EXAMPLE_QUESTIONS: tuple[str, ...] = (
    "How long does Pixeljet keep my personal data?",
    "Hoe lang bewaart online-3d-printen.nl mijn gegevens?",
    "Gibt Materialise meine Daten an Dritte weiter?",
    "Comment puis-je supprimer mes données chez M3D-Print ?",
)

_TEXTS: dict[str, dict[str, str]] = {
    "sources": {
        "en": "Sources", "nl": "Bronnen", "de": "Quellen", "fr": "Sources",
    },
    "show_context": {
        "en": "Show section in context", "nl": "Toon artikel in context",
        "de": "Abschnitt im Zusammenhang zeigen", "fr": "Afficher la section en contexte",
    },
    "privacy_contact": {
        "en": "Privacy contact", "nl": "Privacycontact", "de": "Datenschutzkontakt", "fr": "Contact vie privée",
    },
    "section": {"en": "Section", "nl": "Artikel", "de": "Abschnitt", "fr": "Section"},
    "language": {"en": "Language", "nl": "Taal", "de": "Sprache", "fr": "Langue"},
    "effective": {
        "en": "effective {date}", "nl": "geldig vanaf {date}", "de": "gültig ab {date}", "fr": "en vigueur le {date}",
    },
    "version": {"en": "version {version}", "nl": "versie {version}", "de": "Version {version}", "fr": "version {version}"},
    "no_sources": {
        "en": "No sources for this answer.", "nl": "Geen bronnen bij dit antwoord.",
        "de": "Keine Quellen zu dieser Antwort.", "fr": "Aucune source pour cette réponse.",
    },
    "preparing": {
        "en": "The assistant is still preparing its index; your question will be answered in a moment.",
        "nl": "De assistent bereidt zijn index nog voor; uw vraag wordt zo beantwoord.",
        "de": "Der Assistent bereitet seinen Index noch vor; Ihre Frage wird gleich beantwortet.",
        "fr": "L'assistant prépare encore son index ; votre question recevra une réponse dans un instant.",
    },
    "still_preparing": {
        "en": "The assistant is still building its index after its first start. Please ask again in a few minutes.",
        "nl": "De assistent bouwt na de eerste start nog zijn index op. Stel uw vraag over enkele minuten opnieuw.",
        "de": "Der Assistent baut nach dem ersten Start noch seinen Index auf. Bitte fragen Sie in einigen Minuten "
              "erneut.",
        "fr": "L'assistant construit encore son index après son premier démarrage. Veuillez reposer votre question "
              "dans quelques minutes.",
    },
    "unavailable": {
        "en": "The assistant is unavailable right now. Please try again later.",
        "nl": "De assistent is nu niet beschikbaar. Probeer het later opnieuw.",
        "de": "Der Assistent ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut.",
        "fr": "L'assistant n'est pas disponible pour le moment. Veuillez réessayer plus tard.",
    },
    "rejected": {
        "en": "Please ask a question of at most {limit} characters.",
        "nl": "Stel een vraag van hoogstens {limit} tekens.",
        "de": "Bitte stellen Sie eine Frage mit höchstens {limit} Zeichen.",
        "fr": "Veuillez poser une question de {limit} caractères au maximum.",
    },
    "intro": {
        "en": "Ask about how a shop handles your personal data. Every answer quotes the shop's privacy policy.",
        "nl": "Vraag hoe een winkel met uw persoonsgegevens omgaat. Elk antwoord citeert het privacybeleid van de "
              "winkel.",
        "de": "Fragen Sie, wie ein Shop mit Ihren personenbezogenen Daten umgeht. Jede Antwort zitiert die "
              "Datenschutzerklärung des Shops.",
        "fr": "Demandez comment une boutique traite vos données personnelles. Chaque réponse cite la politique de "
              "confidentialité de la boutique.",
    },
    "shop_intro": {
        "en": "Privacy questions about {company}. Every answer quotes its privacy policy.",
        "nl": "Privacyvragen over {company}. Elk antwoord citeert het privacybeleid.",
        "de": "Datenschutzfragen zu {company}. Jede Antwort zitiert die Datenschutzerklärung.",
        "fr": "Questions de confidentialité sur {company}. Chaque réponse cite sa politique de confidentialité.",
    },
    "company": {"en": "Company", "nl": "Winkel", "de": "Shop", "fr": "Boutique"},
    "conversation": {"en": "Conversation", "nl": "Gesprek", "de": "Unterhaltung", "fr": "Conversation"},
    "answer_language": {
        "en": "Answer language", "nl": "Antwoordtaal", "de": "Antwortsprache", "fr": "Langue de réponse",
    },
    "placeholder": {
        "en": "Type your question…", "nl": "Typ uw vraag…", "de": "Ihre Frage…",
        "fr": "Saisissez votre question…",
    },
    "other_notices": {
        "en": "Privacy notice in other languages", "nl": "Privacyverklaring in andere talen",
        "de": "Datenschutzhinweis in anderen Sprachen", "fr": "Avis de confidentialité dans d'autres langues",
    },
    "unknown_company_param": {
        "en": "This page's address names the shop \"{value}\", which is unknown. Known shop ids: {known}. Questions "
              "are answered for every shop.",
        "nl": "Het adres van deze pagina noemt de winkel \"{value}\", die onbekend is. Bekende winkel-id's: {known}. "
              "Vragen worden voor alle winkels beantwoord.",
        "de": "Die Adresse dieser Seite nennt den Shop \"{value}\", der unbekannt ist. Bekannte Shop-IDs: {known}. "
              "Fragen werden für alle Shops beantwortet.",
        "fr": "L'adresse de cette page nomme la boutique « {value} », qui est inconnue. Identifiants connus : "
              "{known}. Les questions reçoivent une réponse pour toutes les boutiques.",
    },
    "unknown_lang_param": {
        "en": "This page's address asks for the language \"{value}\", which is unknown. Known languages: {known}.",
        "nl": "Het adres van deze pagina vraagt de taal \"{value}\", die onbekend is. Bekende talen: {known}.",
        "de": "Die Adresse dieser Seite verlangt die Sprache \"{value}\", die unbekannt ist. Bekannte Sprachen: "
              "{known}.",
        "fr": "L'adresse de cette page demande la langue « {value} », qui est inconnue. Langues connues : {known}.",
    },
    "other_shop": {
        "en": "On this page I answer questions about the privacy policy of {company} only. For {other}, please read "
              "that shop's own privacy policy.",
        "nl": "Op deze pagina beantwoord ik alleen vragen over het privacybeleid van {company}. Voor {other} leest u "
              "het privacybeleid van die winkel zelf.",
        "de": "Auf dieser Seite beantworte ich nur Fragen zur Datenschutzerklärung von {company}. Zu {other} lesen "
              "Sie bitte die Datenschutzerklärung dieses Shops.",
        "fr": "Sur cette page, je réponds uniquement aux questions sur la politique de confidentialité de {company}. "
              "Pour {other}, veuillez consulter la politique de confidentialité de cette boutique.",
    },
    "privacy_notice": {
        "en": ("About this assistant: your questions are stored with e-mail addresses, phone numbers and other "
               "personal details removed, for at most {days} days, to improve the answers. No cookies for "
               "tracking, no analytics, no data shared with third parties. Answers quote the shop's privacy "
               "policy; they are not legal advice."),
        "nl": ("Over deze assistent: uw vragen worden bewaard zonder e-mailadressen, telefoonnummers en andere "
               "persoonsgegevens, hoogstens {days} dagen, om de antwoorden te verbeteren. Geen tracking-cookies, "
               "geen analytics, niets wordt gedeeld met derden. Antwoorden citeren het privacybeleid van de "
               "winkel; ze zijn geen juridisch advies."),
        "de": ("Über diesen Assistenten: Ihre Fragen werden ohne E-Mail-Adressen, Telefonnummern und andere "
               "personenbezogene Angaben höchstens {days} Tage gespeichert, um die Antworten zu verbessern. Kein "
               "Tracking, keine Analyse, keine Weitergabe an Dritte. Antworten zitieren die Datenschutzerklärung "
               "des Shops; sie sind keine Rechtsberatung."),
        "fr": ("À propos de cet assistant : vos questions sont conservées sans adresses e-mail, numéros de "
               "téléphone ni autres données personnelles, pendant {days} jours au plus, pour améliorer les "
               "réponses. Aucun traçage, aucune mesure d'audience, aucun partage avec des tiers. Les réponses "
               "citent la politique de confidentialité de la boutique ; elles ne sont pas un avis juridique."),
    },
}

TEXT_KEYS: tuple[str, ...] = tuple(_TEXTS)


def text(key: str, language: str, **values: object) -> str:
    """Return the interface string `key` in `language` (English when the language is not one of ours).

    Args:
        key: the string's name, e.g. `sources` or `privacy_notice`.
        language: en, nl, de or fr.
        values: placeholders filled with `str.format`.

    Raises:
        KeyError: `key` is not a known interface string.
    """
    table = _TEXTS[key]
    template = table[language] if language in LANGUAGES else table["en"]
    return template.format(**values) if values else template
