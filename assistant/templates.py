"""Localized answer and abstention texts (en, nl, de, fr), kept in one table and rendered by key.

Every text the assistant writes itself (not quoted from a policy) comes from `TEXTS`. A key maps each
supported language to a `str.format` template; a missing language falls back to English, so adding a
language means adding one column, never a code path.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "FALLBACK_LANGUAGE",
    "LANGUAGE_NAMES",
    "OBJECT_NAMES",
    "TEXTS",
    "UNITS",
    "duration",
    "join_list",
    "language_name",
    "object_name",
    "render",
]

FALLBACK_LANGUAGE = "en"

TEXTS: dict[str, dict[str, str]] = {
    # Lead-ins of a grounded answer, one per privacy category (core.types.CATEGORIES).
    "lead.dates": {
        "en": "According to {company}'s privacy policy, this is the date it applies from.",
        "nl": "Volgens het privacybeleid van {company} is dit de datum waarop het geldt.",
        "de": "Laut der Datenschutzerklärung von {company} gilt sie ab diesem Datum.",
        "fr": "Selon la politique de confidentialité de {company}, voici la date à laquelle elle s'applique.",
    },
    "lead.retention": {
        "en": "According to {company}'s privacy policy, this is how long your data is kept.",
        "nl": "Volgens het privacybeleid van {company} geldt voor het bewaren van uw gegevens het volgende.",
        "de": "Laut der Datenschutzerklärung von {company} gilt für die Speicherung Ihrer Daten Folgendes.",
        "fr": "Selon la politique de confidentialité de {company}, voici combien de temps vos données sont conservées.",
    },
    "lead.sharing": {
        "en": "According to {company}'s privacy policy, your data is shared with these parties.",
        "nl": "Volgens het privacybeleid van {company} worden uw gegevens met deze partijen gedeeld.",
        "de": "Laut der Datenschutzerklärung von {company} werden Ihre Daten an diese Empfänger weitergegeben.",
        "fr": "Selon la politique de confidentialité de {company}, vos données sont partagées avec ces destinataires.",
    },
    "lead.rights": {
        "en": "According to {company}'s privacy policy, this is how you can exercise your rights.",
        "nl": "Volgens het privacybeleid van {company} kunt u uw rechten zo uitoefenen.",
        "de": "Laut der Datenschutzerklärung von {company} können Sie Ihre Rechte so ausüben.",
        "fr": "Selon la politique de confidentialité de {company}, voici comment exercer vos droits.",
    },
    "lead.response_time": {
        "en": "According to {company}'s privacy policy, this is how quickly your request is handled.",
        "nl": "Volgens het privacybeleid van {company} wordt uw verzoek binnen deze termijn behandeld.",
        "de": "Laut der Datenschutzerklärung von {company} wird Ihre Anfrage innerhalb dieser Frist bearbeitet.",
        "fr": "Selon la politique de confidentialité de {company}, voici le délai de traitement de votre demande.",
    },
    "lead.security": {
        "en": "According to {company}'s privacy policy, your data is protected as follows.",
        "nl": "Volgens het privacybeleid van {company} worden uw gegevens zo beveiligd.",
        "de": "Laut der Datenschutzerklärung von {company} werden Ihre Daten so geschützt.",
        "fr": "Selon la politique de confidentialité de {company}, vos données sont protégées ainsi.",
    },
    "lead.cookies": {
        "en": "According to {company}'s privacy policy, cookies are used as follows.",
        "nl": "Volgens het privacybeleid van {company} worden cookies zo gebruikt.",
        "de": "Laut der Datenschutzerklärung von {company} werden Cookies so eingesetzt.",
        "fr": "Selon la politique de confidentialité de {company}, les cookies sont utilisés ainsi.",
    },
    "lead.contact": {
        "en": "According to {company}'s privacy policy, you can reach them about privacy as follows.",
        "nl": "Volgens het privacybeleid van {company} kunt u hen zo bereiken over privacy.",
        "de": "Laut der Datenschutzerklärung von {company} erreichen Sie das Unternehmen zum Datenschutz so.",
        "fr": "Selon la politique de confidentialité de {company}, vous pouvez les joindre ainsi pour la protection des données.",
    },
    "lead.collection": {
        "en": "According to {company}'s privacy policy, this personal data is collected.",
        "nl": "Volgens het privacybeleid van {company} worden deze persoonsgegevens verzameld.",
        "de": "Laut der Datenschutzerklärung von {company} werden diese personenbezogenen Daten erhoben.",
        "fr": "Selon la politique de confidentialité de {company}, ces données personnelles sont collectées.",
    },
    "lead.purpose": {
        "en": "According to {company}'s privacy policy, your data is used for these purposes.",
        "nl": "Volgens het privacybeleid van {company} worden uw gegevens voor deze doeleinden gebruikt.",
        "de": "Laut der Datenschutzerklärung von {company} werden Ihre Daten für diese Zwecke verwendet.",
        "fr": "Selon la politique de confidentialité de {company}, vos données sont utilisées à ces fins.",
    },
    "lead.legal_basis": {
        "en": "According to {company}'s privacy policy, your data is processed on these legal grounds.",
        "nl": "Volgens het privacybeleid van {company} worden uw gegevens op deze grondslagen verwerkt.",
        "de": "Laut der Datenschutzerklärung von {company} werden Ihre Daten auf diesen Rechtsgrundlagen verarbeitet.",
        "fr": "Selon la politique de confidentialité de {company}, vos données sont traitées sur ces bases juridiques.",
    },
    "lead.transfer": {
        "en": "According to {company}'s privacy policy, this is what happens when data leaves the EU.",
        "nl": "Volgens het privacybeleid van {company} gebeurt dit wanneer gegevens de EU verlaten.",
        "de": "Laut der Datenschutzerklärung von {company} gilt Folgendes, wenn Daten die EU verlassen.",
        "fr": "Selon la politique de confidentialité de {company}, voici ce qui se passe quand des données quittent l'UE.",
    },
    "lead.changes": {
        "en": "According to {company}'s privacy policy, the policy can change as follows.",
        "nl": "Volgens het privacybeleid van {company} kan het beleid zo wijzigen.",
        "de": "Laut der Datenschutzerklärung von {company} kann sie sich so ändern.",
        "fr": "Selon la politique de confidentialité de {company}, la politique peut changer ainsi.",
    },
    "lead.breach": {
        "en": "According to {company}'s privacy policy, this is what happens after a data breach.",
        "nl": "Volgens het privacybeleid van {company} gebeurt dit na een datalek.",
        "de": "Laut der Datenschutzerklärung von {company} geschieht dies nach einer Datenpanne.",
        "fr": "Selon la politique de confidentialité de {company}, voici ce qui se passe en cas de violation de données.",
    },
    "lead.controller": {
        "en": "According to {company}'s privacy policy, this is who is responsible for your personal data.",
        "nl": "Volgens het privacybeleid van {company} is dit de verantwoordelijke voor uw persoonsgegevens.",
        "de": "Laut der Datenschutzerklärung von {company} ist dies der Verantwortliche für Ihre personenbezogenen Daten.",
        "fr": "Selon la politique de confidentialité de {company}, voici qui est responsable de vos données personnelles.",
    },
    "lead.general": {
        "en": "According to {company}'s privacy policy:",
        "nl": "Volgens het privacybeleid van {company}:",
        "de": "Laut der Datenschutzerklärung von {company}:",
        "fr": "Selon la politique de confidentialité de {company} :",
    },
    "lead.gdpr": {
        "en": "According to the General Data Protection Regulation (GDPR):",
        "nl": "Volgens de Algemene verordening gegevensbescherming (AVG):",
        "de": "Laut der Datenschutz-Grundverordnung (DSGVO):",
        "fr": "Selon le Règlement général sur la protection des données (RGPD) :",
    },
    # Key facts found in the quoted sentences.
    "fact.durations": {
        "en": "Periods named: {items}.",
        "nl": "Genoemde termijnen: {items}.",
        "de": "Genannte Fristen: {items}.",
        "fr": "Durées mentionnées : {items}.",
    },
    "fact.legal_period": {
        "en": "No fixed period is named: the retention period follows the periods set by law.",
        "nl": "Er wordt geen vaste termijn genoemd: de bewaartermijn volgt de wettelijke bewaartermijnen.",
        "de": "Eine feste Frist wird nicht genannt: die Speicherdauer richtet sich nach den gesetzlichen Fristen.",
        "fr": "Aucune durée fixe n'est indiquée : la durée de conservation suit les durées fixées par la loi.",
    },
    "fact.as_needed": {
        "en": "No fixed period is named: data is kept as long as necessary.",
        "nl": "Er wordt geen vaste termijn genoemd: gegevens worden bewaard zolang dat nodig is.",
        "de": "Eine feste Frist wird nicht genannt: Daten werden so lange wie nötig gespeichert.",
        "fr": "Aucune durée fixe n'est indiquée : les données sont conservées aussi longtemps que nécessaire.",
    },
    "fact.phones": {
        "en": "Phone: {items}.", "nl": "Telefoon: {items}.", "de": "Telefon: {items}.", "fr": "Téléphone : {items}.",
    },
    "fact.registration": {
        "en": "Company number: {items}.", "nl": "Ondernemingsnummer: {items}.", "de": "Unternehmensnummer: {items}.",
        "fr": "Numéro d'entreprise : {items}.",
    },
    "fact.postal": {
        "en": "Address: {items}.", "nl": "Adres: {items}.", "de": "Anschrift: {items}.", "fr": "Adresse : {items}.",
    },
    "fact.emails": {
        "en": "E-mail: {items}.",
        "nl": "E-mail: {items}.",
        "de": "E-Mail: {items}.",
        "fr": "E-mail : {items}.",
    },
    "fact.authorities": {
        "en": "Supervisory authority: {items}.",
        "nl": "Toezichthouder: {items}.",
        "de": "Aufsichtsbehörde: {items}.",
        "fr": "Autorité de contrôle : {items}.",
    },
    "fact.named": {
        "en": "Named in the policy: {items}.",
        "nl": "Genoemd in het beleid: {items}.",
        "de": "In der Erklärung genannt: {items}.",
        "fr": "Cités dans la politique : {items}.",
    },
    "fact.links": {
        "en": "Link: {items}",
        "nl": "Link: {items}",
        "de": "Link: {items}",
        "fr": "Lien : {items}",
    },
    "fact.period_of": {
        "en": "{what}: {items}.",
        "nl": "{what}: {items}.",
        "de": "{what}: {items}.",
        "fr": "{what} : {items}.",
    },
    # The direct answer to a yes/no question, stated only when a cited unit says it.
    "answer.no.sell": {
        "en": "No, {company} does not sell your data.",
        "nl": "Nee, {company} verkoopt uw gegevens niet.",
        "de": "Nein, {company} verkauft Ihre Daten nicht.",
        "fr": "Non, {company} ne vend pas vos données.",
    },
    "answer.no.share": {
        "en": "No, {company} does not share your data with third parties.",
        "nl": "Nee, {company} deelt uw gegevens niet met derden.",
        "de": "Nein, {company} gibt Ihre Daten nicht an Dritte weiter.",
        "fr": "Non, {company} ne partage pas vos données avec des tiers.",
    },
    "answer.no.store": {  # a cited sentence denies it ("Je BSN wordt niet bewaard"), whoever it says does not store
        "en": "No: according to {company}'s privacy policy, this is not stored.",
        "nl": "Nee: volgens het privacybeleid van {company} wordt dit niet opgeslagen.",
        "de": "Nein: Laut der Datenschutzerklärung von {company} wird das nicht gespeichert.",
        "fr": "Non : selon la politique de confidentialité de {company}, ce n'est pas conservé.",
    },
    "answer.no.collect": {
        "en": "No: according to {company}'s privacy policy, this is not collected.",
        "nl": "Nee: volgens het privacybeleid van {company} wordt dit niet verzameld.",
        "de": "Nein: Laut der Datenschutzerklärung von {company} wird das nicht erhoben.",
        "fr": "Non : selon la politique de confidentialité de {company}, ce n'est pas collecté.",
    },
    "answer.yes_named": {
        "en": "Yes: {company}'s privacy policy names {items}.",
        "nl": "Ja: het privacybeleid van {company} noemt {items}.",
        "de": "Ja: Die Datenschutzerklärung von {company} nennt {items}.",
        "fr": "Oui : la politique de confidentialité de {company} cite {items}.",
    },
    "answer.courier_not_named": {
        "en": "No courier is named; the policy names: {items}.",
        "nl": "Er wordt geen bezorgdienst genoemd; het beleid noemt: {items}.",
        "de": "Ein Paketdienst wird nicht genannt; die Erklärung nennt: {items}.",
        "fr": "Aucun transporteur n'est cité ; la politique cite : {items}.",
    },
    "answer.faq": {
        "en": "{answer}, says the policy's answer to \u201c{faq}\u201d.",
        "nl": "{answer}, zegt het antwoord van het beleid op \u201c{faq}\u201d.",
        "de": "{answer}, sagt die Antwort der Erklärung auf \u201e{faq}\u201c.",
        "fr": "{answer}, selon la réponse de la politique à \u00ab {faq} \u00bb.",
    },
    "answer.no_except": {
        "en": "No: {company} does not share your data with third parties, except with: {items}.",
        "nl": "Nee: {company} deelt uw gegevens niet met derden, behalve met: {items}.",
        "de": "Nein: {company} gibt Ihre Daten nicht an Dritte weiter, außer an: {items}.",
        "fr": "Non : {company} ne partage pas vos données avec des tiers, sauf avec : {items}.",
    },
    "quote.note": {
        "en": "Quoted from the policy ({language}):",
        "nl": "Citaat uit het beleid ({language}):",
        "de": "Zitat aus der Richtlinie ({language}):",
        "fr": "Extrait de la politique ({language}) :",
    },
    "gdpr.lead": {
        "en": "The GDPR, {article}, says:",
        "nl": "De AVG, {article}, bepaalt:",
        "de": "Die DSGVO, {article}, bestimmt:",
        "fr": "Le RGPD, {article}, dispose :",
    },
    "comparison.lead": {
        "en": "What each privacy policy says:",
        "nl": "Wat elk privacybeleid zegt:",
        "de": "Was die einzelnen Datenschutzerklärungen sagen:",
        "fr": "Ce que dit chaque politique de confidentialité :",
    },
    "comparison.silent": {
        "en": "{company}: the privacy policy does not say.",
        "nl": "{company}: het privacybeleid zegt hier niets over.",
        "de": "{company}: Die Datenschutzerklärung sagt dazu nichts.",
        "fr": "{company} : la politique de confidentialité ne dit rien à ce sujet.",
    },
    # Abstentions, notices and errors.
    "not_in_policy": {
        "en": "{company}'s privacy policy does not say anything about this. Contact: {contact}",
        "nl": "Het privacybeleid van {company} zegt hier niets over. Contact: {contact}",
        "de": "Die Datenschutzerklärung von {company} sagt dazu nichts. Kontakt: {contact}",
        "fr": "La politique de confidentialité de {company} ne dit rien à ce sujet. Contact : {contact}",
    },
    "not_in_reference": {
        "en": "The {company} does not answer this in so many words.",
        "nl": "De {company} beantwoordt dit niet uitdrukkelijk.",
        "de": "Die {company} regelt das nicht ausdrücklich.",
        "fr": "Le {company} ne répond pas expressément à cette question.",
    },
    "out_of_scope": {
        "en": "I can only answer questions about privacy and personal data, from the shops' privacy policies. "
              "For other questions, such as prices, delivery or opening hours, please contact the shop.",
        "nl": "Ik beantwoord alleen vragen over privacy en persoonsgegevens, op basis van het privacybeleid van de winkels. "
              "Voor andere vragen, zoals prijzen, levering of openingstijden, neemt u contact op met de winkel.",
        "de": "Ich beantworte nur Fragen zu Datenschutz und personenbezogenen Daten anhand der Datenschutzerklärungen der Shops. "
              "Für andere Fragen, etwa zu Preisen, Versand oder Öffnungszeiten, wenden Sie sich bitte an den Shop.",
        "fr": "Je réponds uniquement aux questions sur la vie privée et les données personnelles, d'après les politiques de "
              "confidentialité des boutiques. Pour toute autre question (prix, livraison, horaires), contactez la boutique.",
    },
    "unknown_company": {
        "en": "Which shop do you mean? I know the privacy policies of {companies}.",
        "nl": "Welke winkel bedoelt u? Ik ken het privacybeleid van {companies}.",
        "de": "Welchen Shop meinen Sie? Ich kenne die Datenschutzerklärungen von {companies}.",
        "fr": "De quelle boutique parlez-vous ? Je connais les politiques de confidentialité de {companies}.",
    },
    "unknown_company.named": {
        "en": "I do not know the privacy policy of \"{name}\". I know the privacy policies of {companies}.",
        "nl": "Ik ken het privacybeleid van \"{name}\" niet. Ik ken het privacybeleid van {companies}.",
        "de": "Die Datenschutzerklärung von \"{name}\" kenne ich nicht. Ich kenne die von {companies}.",
        "fr": "Je ne connais pas la politique de confidentialité de « {name} ». Je connais celles de {companies}.",
    },
    "unsupported_language": {
        "en": "I answer in English; supported languages: {languages}.",
        "nl": "Ik antwoord in het Engels; ondersteunde talen: {languages}.",
        "de": "Ich antworte auf Englisch; unterstützte Sprachen: {languages}.",
        "fr": "Je réponds en anglais ; langues prises en charge : {languages}.",
    },
    "error": {
        "en": "Sorry, something went wrong while answering your question. Please try again later.",
        "nl": "Sorry, er ging iets mis bij het beantwoorden van uw vraag. Probeer het later opnieuw.",
        "de": "Entschuldigung, bei der Beantwortung Ihrer Frage ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.",
        "fr": "Désolé, une erreur s'est produite en répondant à votre question. Veuillez réessayer plus tard.",
    },
    "list.and": {"en": "and", "nl": "en", "de": "und", "fr": "et"},
    "gdpr.short": {"en": "GDPR", "nl": "AVG", "de": "DSGVO", "fr": "RGPD"},
    # The kind of a source document (core.types.DOCUMENT_KINDS), in citations and the sources panel.
    "kind.policy": {
        "en": "privacy policy", "nl": "privacybeleid", "de": "Datenschutzerklärung", "fr": "politique de confidentialité",
    },
    "kind.cookie_policy": {
        "en": "cookie policy", "nl": "cookiebeleid", "de": "Cookie-Richtlinie", "fr": "politique relative aux cookies",
    },
    "kind.terms": {"en": "terms and conditions", "nl": "algemene voorwaarden", "de": "AGB", "fr": "conditions générales"},
    "kind.regulation": {"en": "regulation", "nl": "verordening", "de": "Verordnung", "fr": "règlement"},
}

# Name of each language (column), written in each answer language (row).
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "nl": "Dutch", "de": "German", "fr": "French"},
    "nl": {"en": "Engels", "nl": "Nederlands", "de": "Duits", "fr": "Frans"},
    "de": {"en": "Englisch", "nl": "Niederländisch", "de": "Deutsch", "fr": "Französisch"},
    "fr": {"en": "anglais", "nl": "néerlandais", "de": "allemand", "fr": "français"},
}

# Time units for durations: unit -> language -> (singular, plural).
UNITS: dict[str, dict[str, tuple[str, str]]] = {
    "hour": {"en": ("hour", "hours"), "nl": ("uur", "uur"), "de": ("Stunde", "Stunden"), "fr": ("heure", "heures")},
    "day": {"en": ("day", "days"), "nl": ("dag", "dagen"), "de": ("Tag", "Tage"), "fr": ("jour", "jours")},
    "week": {"en": ("week", "weeks"), "nl": ("week", "weken"), "de": ("Woche", "Wochen"), "fr": ("semaine", "semaines")},
    "month": {"en": ("month", "months"), "nl": ("maand", "maanden"), "de": ("Monat", "Monate"), "fr": ("mois", "mois")},
    "year": {"en": ("year", "years"), "nl": ("jaar", "jaar"), "de": ("Jahr", "Jahre"), "fr": ("an", "ans")},
}


def _column(table: dict[str, str], language: str) -> str:
    return table.get(language) or table[FALLBACK_LANGUAGE]


OBJECT_NAMES: dict[str, dict[str, str]] = {
    "invoices": {"en": "Invoices", "nl": "Facturen", "de": "Rechnungen", "fr": "Factures"},
    "payment_data": {"en": "Payment data", "nl": "Betaalgegevens", "de": "Zahlungsdaten", "fr": "Données de paiement"},
    "ip_address": {"en": "IP address", "nl": "IP-adres", "de": "IP-Adresse", "fr": "Adresse IP"},
    "email_address": {"en": "E-mail address", "nl": "E-mailadres", "de": "E-Mail-Adresse", "fr": "Adresse e-mail"},
    "phone_number": {"en": "Phone number", "nl": "Telefoonnummer", "de": "Telefonnummer",
                     "fr": "Numéro de téléphone"},
    "contact_details": {"en": "Contact details", "nl": "Contactgegevens", "de": "Kontaktdaten",
                        "fr": "Coordonnées"},
    "postal_address": {"en": "Address", "nl": "Adres", "de": "Adresse", "fr": "Adresse"},
    "log_files": {"en": "Server log files", "nl": "Logbestanden", "de": "Server-Logdateien", "fr": "Fichiers journaux"},
    "uploaded_files": {"en": "Uploaded files", "nl": "Geüploade bestanden", "de": "Hochgeladene Dateien",
                       "fr": "Fichiers téléversés"},
    "order_history": {"en": "Orders", "nl": "Bestellingen", "de": "Bestellungen", "fr": "Commandes"},
    "account": {"en": "Account", "nl": "Account", "de": "Konto", "fr": "Compte"},
    "marketing": {"en": "Newsletter and marketing", "nl": "Nieuwsbrief en marketing", "de": "Newsletter und Werbung",
                  "fr": "Lettre d'information et marketing"},
    "cookies": {"en": "Cookies", "nl": "Cookies", "de": "Cookies", "fr": "Cookies"},
}
"""How an answer line names a data object asked about ("Invoices: 7 years")."""


def object_name(name: str, language: str) -> str:
    """The display name of data object `name` in `language`, or "" when it has none."""
    return OBJECT_NAMES.get(name, {}).get(language, "")


def render(key: str, language: str, **fields: object) -> str:
    """Fill the template `key` in `language` (English when the language has no column).

    Raises:
        KeyError: `key` is not in `TEXTS`, or the template needs a field that was not given.
    """
    return _column(TEXTS[key], language).format(**fields)


def join_list(items: Sequence[str], language: str) -> str:
    """Join items as prose: `a, b and c` in English, `a, b en c` in Dutch, and so on."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {render('list.and', language)} {items[-1]}"


def language_name(code: str, language: str) -> str:
    """The name of language `code` written in `language` (`language_name("de", "fr") == "allemand"`)."""
    return _column(LANGUAGE_NAMES.get(language, LANGUAGE_NAMES[FALLBACK_LANGUAGE]), code) if code in LANGUAGE_NAMES else code


def duration(amount: int, unit: str, language: str) -> str:
    """A duration in `language`: `duration(7, "year", "de") == "7 Jahre"`.

    Raises:
        KeyError: `unit` is not one of `UNITS`.
    """
    singular, plural = UNITS[unit].get(language) or UNITS[unit][FALLBACK_LANGUAGE]
    return f"{amount} {singular if amount == 1 else plural}"
