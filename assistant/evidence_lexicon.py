"""How policies word what a question asks about: the policy-side terms of intents, data objects, rights and actions.

Data only; `assistant/unit_scoring.py` compiles these with the term syntax of `assistant/intent_lexicon.py` and
matches them on evidence units in the unit's own language. They bridge languages: a German question about
"Rechnungen" classifies as the object `invoices`, whose English policy terms ("invoice", "accounting records") then
find the answering sentence of an English policy. A label names an `Intent` value, an object, a right or an action of
`assistant/object_lexicon.py`.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.object_lexicon import TOPIC_ACTIONS
from assistant.topic_lexicon import PRIVACY_TOPIC_LABELS, TOPIC_POLICY_TERMS, TOPIC_QUESTION_TERMS

__all__ = [
    "ACTION_VERBS", "COOKIE_KIND_LABELS", "EXTRA_QUESTION_TERMS", "PARTY_LABELS", "POLICY_TERMS", "PRIVACY_TOPIC_LABELS",
    "PROVIDER_KINDS", "SENSITIVE_LABELS", "TOPIC_LABELS",
]

Table = Mapping[str, Mapping[str, tuple[str, ...]]]

POLICY_TERMS: Table = {
    # intents
    "duration": {
        "en": ("retention", "retain", "=kept", "keep", "stored for", "storage period", "deleted after", "as long as"),
        "nl": ("~bewaartermijn", "bewaar", "bewar", "~termijn", "zolang", "verwijderd"),
        "de": ("~aufbewahrung", "aufbewahr", "speicherdauer", "gespeichert", "~frist", "solange", "geloscht"),
        "fr": ("conserv", "duree", "supprim", "aussi longtemps"),
    },
    "recipients": {
        "en": ("third part", "recipient", "processor", "partner", "provider", "share", "=shared", "disclose",
               "supplier", "service provider"),
        "nl": ("derden", "derde partij", "ontvanger", "verwerker", "partner", "~leverancier", "gedeeld", "delen",
               "verstrekk", "~dienstverlener"),
        "de": ("dritte", "~dritte", "empfanger", "~verarbeiter", "partner", "~dienstleister", "weitergegeben",
               "weitergabe", "ubermittel"),
        "fr": ("tiers", "destinataire", "sous traitant", "partenaire", "prestataire", "partag", "communiqu",
               "transmi"),
    },
    "transfer": {
        "*": ("=usa", "=eu", "=eea", "=eer", "=ewr", "=ee"),
        "en": ("outside the", "third countr", "united states", "america", "transfer", "standard contractual",
               "adequacy"),
        "nl": ("buiten de", "derde land", "verenigde staten", "amerika", "doorgifte", "doorgegeven"),
        "de": ("ausserhalb", "~drittland", "~drittstaat", "vereinigte staaten", "amerika", "ubermittlung"),
        "fr": ("en dehors", "hors de", "pays tiers", "etats unis", "americ", "transfert"),
    },
    "legal_basis": {
        "*": ("6 1", "~6 1", "art 6"),
        "en": ("legal basis", "legal ground", "lawful", "legitimate interest", "consent", "contract",
               "legal obligation"),
        "nl": ("grondslag", "rechtsgrond", "gerechtvaardigd belang", "toestemming", "overeenkomst",
               "wettelijke verplichting"),
        "de": ("rechtsgrundlage", "berechtigt", "einwilligung", "vertrag", "rechtliche verpflichtung"),
        "fr": ("base legale", "fondement", "interet legitime", "consentement", "contrat", "obligation legale"),
    },
    "contact": {
        "en": ("contact", "e mail", "email", "write to", "data protection officer", "privacy officer", "address"),
        "nl": ("contact", "e mail", "email", "functionaris", "adres", "schrijf"),
        "de": ("kontakt", "e mail", "email", "datenschutzbeauftragt", "anschrift", "adresse"),
        "fr": ("contact", "e mail", "courriel", "delegue", "adresse", "ecri"),
    },
    "response_time": {
        "en": ("within", "respond", "response", "reply", "=days", "month", "undue delay"),
        "nl": ("binnen", "reactie", "antwoord", "reageren", "dagen", "maand", "onverwijld"),
        "de": ("innerhalb", "antwort", "beantwort", "tagen", "monat", "unverzuglich"),
        "fr": ("dans un delai", "dans les", "repon", "jours", "mois", "meilleurs delais"),
    },
    # parties a question may name (`EXTRA_QUESTION_TERMS`)
    "courier": {
        "*": ("postnl", "bpost", "=dhl", "=dpd", "=ups", "=gls", "mondial relay", "sendcloud", "myparcel"),
        "en": ("shipping", "delivery", "courier", "carrier", "logistic", "postal service"),
        "nl": ("verzend", "verzenden", "bezorg", "koerier", "~vervoerder", "logistiek", "pakket"),
        "de": ("versand", "liefer", "zustell", "kurier", "paketdienst", "logistik"),
        "fr": ("livraison", "expedition", "transporteur", "coursier", "logistique"),
    },
    # kinds of cookie a question may name (`EXTRA_QUESTION_TERMS`)
    "analytics_cookies": {"en": ("analytics cookie", "analytic cookie", "analytical cookie", "analysis cookie",
                                 "web analytics", "audience measurement"),
                          "nl": ("analytische cookie", "analytics cookie", "~analysecookie", "~bezoekersstatistieken",
                                 "~webstatistieken"),
                          "de": ("analyse cookie", "~analysecookie", "analytische cookie", "~webanalyse",
                                 "~reichweitenmessung"),
                          "fr": ("cookies analytiques", "cookie analytique", "cookies d analyse", "mesure d audience",
                                 "mesure de l audience", "statistiques de visite")},
    "functional_cookies": {"en": ("functional cookie", "functionality cookie"), "nl": ("functionele cookie",),
                           "de": ("funktionale cookie", "funktionelle cookie"),
                           "fr": ("cookies fonctionnels", "cookie fonctionnel")},
    "necessary_cookies": {"en": ("necessary cookie", "strictly necessary", "essential cookie"),
                          "nl": ("noodzakelijke cookie", "essentiele cookie"),
                          "de": ("notwendige cookie", "essenzielle cookie", "erforderliche cookie"),
                          "fr": ("cookies necessaires", "cookie necessaire", "cookies essentiels")},
    "marketing_cookies": {"en": ("marketing cookie", "advertising cookie", "advertisement cookie", "targeting cookie"),
                          "nl": ("marketing cookie", "~marketingcookie", "advertentiecookie", "~targetingcookie"),
                          "de": ("marketing cookie", "~marketingcookie", "werbe cookie", "~werbecookie",
                                 "~targetingcookie"),
                          "fr": ("cookies publicitaires", "cookie publicitaire", "cookies marketing")},
    **TOPIC_POLICY_TERMS,  # topics of their own (`assistant/topic_lexicon.py`)
    # data objects
    "invoices": {
        "en": ("invoice", "accounting", "tax", "bookkeeping", "order data"),
        "nl": ("~factu", "~boekhoud", "fiscale", "~bestelgegevens", "administratie"),
        "de": ("rechnung", "buchhaltung", "~steuer", "bestelldaten"),
        "fr": ("factur", "comptab", "fiscal"),
    },
    "log_files": {
        "*": ("log file", "logfile", "~logfile", "=logs", "server logs", "access logs"),
        "nl": ("logbestand", "~logbestand", "log bestand", "loggegevens"),
        "de": ("log datei", "~logdatei", "protokolldatei", "~protokolldatei", "~logdaten", "protokolldaten"),
        "fr": ("fichier journal", "fichiers journaux", "journaux de connexion", "journal de connexion",
               "journalisation"),
    },
    "uploaded_files": {
        "*": ("=stl", "=obj", "3mf", "=cad", "~upload"),
        "en": ("=files", "print file", "3d file", "model", "design", "drawing"),
        "nl": ("bestanden", "3d bestand", "ontwerp", "model"),
        "de": ("dateien", "3d datei", "hochgeladen", "modell", "entwurf"),
        "fr": ("fichiers", "fichier 3d", "telecharg", "modele", "conception"),
    },
    "ip_address": {"*": ("=ip", "ip adres", "ip address", "adresse ip", "~ipadres")},
    "email_address": {"*": ("e mail", "email", "~mailadres", "courriel")},
    "postal_address": {
        "en": ("address", "shipping", "delivery"), "nl": ("adres", "~adres", "verzend", "bezorg", "lever"),
        "de": ("adresse", "anschrift", "versand", "liefer", "zustell"),
        "fr": ("adresse", "livraison", "expedition"),
    },
    "payment_data": {
        "*": ("paypal", "mollie", "stripe", "iban"),
        "en": ("payment", "bank", "credit card"), "nl": ("~betaal", "~betaling", "bank"),
        "de": ("zahlung", "bank", "kreditkarte"), "fr": ("paiement", "bancaire", "carte de credit"),
    },
    "marketing": {
        "*": ("newsletter", "marketing"),
        "en": ("advertis", "promotion", "unsubscribe"), "nl": ("nieuwsbrief", "reclame", "afmeld", "uitschrijv"),
        "de": ("werbung", "abmeld"), "fr": ("publicit", "prospection", "desinscri", "desabonn"),
    },
    "cookies": {"*": ("cookie", "~cookie", "tracking", "pixel")},
    "phone_number": {"*": ("phone", "telefoon", "telefon", "telephone", "=tel")},
    "device_data": {
        "*": ("browser", "user agent"), "en": ("operating system",), "nl": ("besturingssysteem",),
        "de": ("betriebssystem",), "fr": ("systeme d exploitation", "navigateur"),
    },
    "breach": {
        # an incident about security or data, not any incident ("camerabeelden: 4 weken, tenzij er een incident is
        # vastgelegd"); "=": not "incidental", "captation incidente"
        "en": ("breach", "data leak", "security incident", "data incident", "privacy incident", "incident response",
               "incident management", "=incident * personal data"),
        "nl": ("~datalek", "inbreuk", "~beveiligingsincident", "incidentenbeheer", "incidentbeheer",
               "incidentrespons", "=incident * persoonsgegevens"),
        "de": ("~datenpanne", "~datenleck", "datenschutzverletzung", "verletzung des schutzes", "vorfall"),
        "fr": ("violation de donnees", "violation de la securite", "fuite", "incident de securite",
               "incidents de securite", "=incident * donnees", "en cas d incident"),
    },
    "call_recording": {
        "en": ("phone call", "telephone conversation", "call recording", "recorded", "voice"),
        "nl": ("~telefoongesprek", "~gesprekken", "opname van", "~spraakopname", "~stemopname", "~spraakbericht"),
        "de": ("~telefonat", "~gesprach", "aufzeichnung", "aufgezeichnet", "~sprachaufnahme", "~sprachnachricht"),
        "fr": ("appel telephonique", "appels", "conversation telephonique", "enregistrement", "vocal", "vocaux"),
    },
    "national_number": {
        "*": ("=bsn", "=nir"),
        "en": ("social security number", "citizen service number", "national identification number"),
        "nl": ("burgerservicenummer", "sofinummer", "rijksregisternummer"),
        "de": ("sozialversicherungsnummer", "steueridentifikationsnummer", "identifikationsnummer"),
        "fr": ("securite sociale", "numero d identification"),
    },
    "camera_images": {
        "en": ("camera", "video", "cctv", "surveillance"), "nl": ("camera", "~beelden", "video"),
        "de": ("kamera", "video", "uberwachung"), "fr": ("camera", "video", "surveillance"),
    },
    "location": {
        "en": ("location", "geolocation", "gps"), "nl": ("locatie", "gps"), "de": ("standort", "gps"),
        "fr": ("localisation", "geolocalisation", "gps"),
    },
    "account": {"en": ("account",), "nl": ("~account", "~profiel"),
                "de": ("konto", "account", "kundenkonto", "benutzerkonto", "nutzerkonto"), "fr": ("compte",)},
    # rights
    "erasure": {
        "en": ("erasure", "delete", "deletion", "erase", "removal", "forgotten"),
        "nl": ("verwijder", "wissen", "vergeten", "~vergeetverzoek"),
        "de": ("loschung", "losch", "vergessen"), "fr": ("effacement", "suppression", "supprim", "oubli"),
    },
    "access": {
        "en": ("access", "copy", "inspect", "inspection"), "nl": ("inzage", "inzien", "kopie"),
        "de": ("auskunft", "kopie", "einsicht"), "fr": ("acces", "copie"),
    },
    "rectification": {
        "en": ("rectif", "correct", "update", "modify"), "nl": ("rectific", "correctie", "verbeter", "aanpass"),
        "de": ("berichtig", "korrektur", "aktualisier"), "fr": ("rectif", "corrig", "modifi", "mettre a jour"),
    },
    "objection": {
        "en": ("object", "objection", "unsubscribe", "opt out"), "nl": ("bezwaar", "afmeld", "uitschrijv"),
        "de": ("widerspruch", "widersprech", "abmeld", "abbestell"), "fr": ("opposition", "opposer", "desinscri",
                                                                         "desabonn"),
    },
    "portability": {
        "en": ("portab", "machine readable", "transfer your data"),
        "nl": ("overdraagbaar", "~overdraagbaarheid", "machineleesbaar"),
        "de": ("ubertragbar", "~ubertragbarkeit", "maschinenlesbar"), "fr": ("portabilit", "lisible par machine"),
    },
    "restriction": {
        "en": ("restrict", "restriction"), "nl": ("beperk",), "de": ("einschrank",), "fr": ("limitation", "limiter"),
    },
    "withdraw_consent": {
        "en": ("withdraw", "revoke", "unsubscribe", "opt out", "disable", "reject", "refuse", "settings"),
        "nl": ("intrekken", "ingetrokken", "intrekk", "afmeld", "uitschakel", "weiger", "instellingen"),
        "de": ("widerruf", "abmeld", "deaktivier", "ablehn", "einstellungen"),
        "fr": ("retirer", "retrait", "desinscri", "desactiv", "refus", "parametres"),
    },
    "complaint": {
        "en": ("complaint", "supervisory authority", "data protection authority"),
        "nl": ("klacht", "toezichthoud", "autoriteit persoonsgegevens", "gegevensbeschermingsautoriteit"),
        "de": ("beschwerde", "aufsichtsbehorde", "datenschutzbehorde"),
        "fr": ("plainte", "autorite de controle", "autorite de protection", "cnil"),
    },
    # actions
    "sell": {
        "en": ("sell", "=sold", "sale", "trade", "rent"), "nl": ("verkop", "verkoch", "verhuur"),
        "de": ("verkauf", "vermiet"), "fr": ("vend", "vente", "lou"),
    },
    "share": {
        "en": ("share", "=shared", "disclose", "third part", "provide to", "processor", "partner", "recipient"),
        "nl": ("delen", "gedeeld", "derden", "verstrekk", "verwerker", "partner", "ontvanger", "openbaar"),
        "de": ("weitergeb", "weitergabe", "dritte", "teilen", "ubermittel", "~verarbeiter", "partner", "empfanger",
               "veroffentlich"),
        "fr": ("partag", "tiers", "communiqu", "sous traitant", "partenaire", "destinataire", "rendues publiques"),
    },
    "store": {
        "en": ("store", "stored", "storage", "keep", "=kept", "retain", "retention"),
        "nl": ("opslag", "opgeslagen", "bewaar"),
        "de": ("speicher", "aufbewahr"), "fr": ("stock", "conserv", "enregistr"),
    },
    "track": {"*": ("cookie", "tracking", "analytics", "pixel")},
    "profile": {  # profiling, not a user profile ("évaluer votre profil", "your profile page")
        "en": ("profiling", "automated decision", "automated individual decision"),
        "nl": ("profiler", "geautomatiseerde"), "de": ("profiling", "profilbildung", "automatisiert"),
        "fr": ("profilage", "decision automatis", "decision individuelle automatis"),
    },
}
"""label -> language (or `*` for all) -> terms, in the syntax of `assistant/intent_lexicon.py`."""

EXTRA_QUESTION_TERMS: Table = {
    **TOPIC_QUESTION_TERMS,
    "courier": {
        "*": ("postnl", "bpost", "=dhl", "=dpd", "=gls"),  # not "ups": "back-ups"
        "en": ("courier", "carrier", "delivery company", "delivery service", "shipping company", "parcel service",
               "shipping provider", "shipping partner", "delivery partner", "shipping service", "who delivers", "who ships"),
        "nl": ("koerier", "~vervoerder", "pakketdienst", "bezorger", "bezorgdienst", "postbode", "verzendpartner",
               "verzenddienst", "bezorgbedrijf", "verzendbedrijf", "pakketbezorger", "wie bezorgt",
               "wie levert"),
        "de": ("kurier", "paketdienst", "zusteller", "spediteur", "versanddienst", "lieferdienst", "wer liefert",
               "wer stellt * zu"),
        "fr": ("coursier", "transporteur", "livreur", "service de livraison", "prestataire de livraison", "qui livre"),
    },
    "analytics_cookies": {
        "en": ("analytics cookie", "analytical cookie", "analytic cookie", "analysis cookie", "statistics cookie"),
        "nl": ("analytische cookie", "analytics cookie", "analysecookie", "analyse cookie", "statistische cookie"),
        "de": ("analyse cookie", "analysecookie", "~analysecookies", "analytische cookie", "statistik cookie"),
        "fr": ("cookies analytiques", "cookie analytique", "cookies d analyse", "cookies de mesure",
               "cookies statistiques"),
    },
    "functional_cookies": {
        "en": ("functional cookie", "functionality cookie", "preference cookie"),
        "nl": ("functionele cookie", "voorkeurscookie"),
        "de": ("funktionale cookie", "funktionalen cookie", "funktionelle cookie", "funktionscookie"),
        "fr": ("cookies fonctionnels", "cookie fonctionnel", "cookies de preference"),
    },
    "necessary_cookies": {
        "en": ("necessary cookie", "essential cookie", "strictly necessary", "required cookie"),
        "nl": ("noodzakelijke cookie", "essentiele cookie", "strikt noodzakelijk"),
        "de": ("notwendige cookie", "notwendigen cookie", "essenzielle cookie", "technisch notwendig",
               "erforderliche cookie"),
        "fr": ("cookies necessaires", "cookie necessaire", "cookies essentiels", "strictement necessaire"),
    },
    "marketing_cookies": {
        "en": ("marketing cookie", "advertising cookie", "advertisement cookie", "targeting cookie", "ad cookie"),
        "nl": ("marketing cookie", "marketingcookie", "advertentiecookie", "reclamecookie", "targeting cookie",
               "targetingcookie"),
        "de": ("marketing cookie", "marketingcookie", "werbe cookie", "werbecookie", "targeting cookie",
               "targetingcookie"),
        "fr": ("cookies publicitaires", "cookie publicitaire", "cookies marketing", "cookies de ciblage"),
    },
}
"""label -> language -> terms of what a question may ask about beyond the data objects of the intent classifier: a kind
of recipient ("the courier"), a kind of cookie ("analytische cookies") and the topics of their own of
`assistant/topic_lexicon.py` (sensitive data, clauses such as children or a sale of the business, shop features such
as an app). Matched like the intent tables; the label's `POLICY_TERMS` must then be found in a cited unit."""

PARTY_LABELS = frozenset({"courier"})
"""The labels of `EXTRA_QUESTION_TERMS` that name a kind of recipient."""
PROVIDER_KINDS = frozenset({"courier", "payment_provider", "hosting_provider", "email_provider", "accountant"})
"""Kinds of provider a customer may ask the name of ("which courier", "who hosts", "welcher Steuerberater")."""

COOKIE_KIND_LABELS = frozenset({"analytics_cookies", "functional_cookies", "necessary_cookies", "marketing_cookies"})
"""The labels of `EXTRA_QUESTION_TERMS` that name a kind of cookie: the section on that kind answers, not the one on
cookies in general."""

SENSITIVE_LABELS = frozenset(TOPIC_QUESTION_TERMS)
"""The labels of `EXTRA_QUESTION_TERMS` that are topics of their own (`assistant/topic_lexicon.py`)."""

TOPIC_LABELS = frozenset({"breach", "call_recording", *TOPIC_ACTIONS, *SENSITIVE_LABELS})
"""Labels that are topics of their own: when a question names one, a cited unit must word it (not another label)."""

ACTION_VERBS: Table = {
    "sell": {"en": ("sell", "=sold", "rent out", "commercial purposes"),
             "nl": ("verkop", "verkoch", "verhur", "commerciele doeleinden"),
             "de": ("verkauf", "vermiet", "kommerzielle zwecke"), "fr": ("vend", "louer", "fins commerciales")},
    "share": {
        "en": ("share", "=shared", "disclose", "provide", "pass on", "transfer"),
        "nl": ("delen", "gedeeld", "verstrek", "doorgeven", "doorgegeven"),
        "de": ("weitergeb", "weitergabe", "teilen", "ubermittel", "offenleg"),
        "fr": ("partag", "communiqu", "transmet", "transmis", "divulgu"),
    },
    "store": {
        "en": ("store", "stored", "=keep", "=kept", "retain", "=save", "=saved"),
        "nl": ("opslaan", "opgeslagen", "slaan * op", "slaat * op", "bewaard", "bewaren", "bewaart"),
        "de": ("speicher", "gespeichert", "aufbewahr", "aufgehoben"),
        "fr": ("stock", "conserv", "enregistr", "garde"),
    },
    "collect": {
        "en": ("collect", "gather", "ask for", "request"),
        "nl": ("verzamel", "vragen", "gevraagd", "vraagt"),
        "de": ("erheb", "erhoben", "sammel", "erfass", "abgefragt"),
        "fr": ("collect", "recueill", "demand"),
    },
}
"""The verbs of the actions a yes/no answer may deny ("We never *sell* your data to third parties", "Je BSN wordt niet
*bewaard*"): a "no" needs the asked verb itself in a negated sentence, not just a mention of third parties."""
