"""How policies word what a question asks about: the policy-side terms of intents, data objects, rights and actions.

Data only; `assistant/evidence.py` compiles these with the term syntax of `assistant/intent_lexicon.py` and matches
them on evidence units in the unit's own language. They bridge languages: a German question about "Rechnungen"
classifies as the object `invoices`, whose English policy terms ("invoice", "accounting records") then find the
answering sentence of an English policy. A label names an `Intent` value, an object, a right or an action of
`assistant/object_lexicon.py`.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["ACTION_VERBS", "EXTRA_QUESTION_TERMS", "FEATURE_LABELS", "PARTY_LABELS", "POLICY_TERMS", "SENSITIVE_LABELS", "TOPIC_LABELS"]

Table = Mapping[str, Mapping[str, tuple[str, ...]]]

# Biometrics is worded alike in questions and policies.
_BIOMETRICS = {
    "en": ("biometric", "facial recognition", "face recognition", "fingerprint"),
    "nl": ("biometr", "gezichtsherkenning", "vingerafdruk"), "de": ("biometr", "gesichtserkennung", "fingerabdruck"),
    "fr": ("biometr", "reconnaissance faciale", "empreinte"),
}

# Special categories of data (GDPR art. 9-10) and other sensitive topics, worded alike in questions and policies; a
# policy that names "special categories" or "sensitive data" words all of them.
_SPECIAL = {
    "en": ("special categor", "sensitive personal", "sensitive categor"),  # not "privacy-sensitive data"
    "nl": ("bijzondere persoonsgegevens", "bijzondere categorie", "gevoelige gegevens", "gevoelige persoonsgegevens"),
    "de": ("besondere kategorie", "sensible daten", "sensiblen daten", "sensible personenbezogene"),
    "fr": ("categories particulieres", "donnees sensibles"),
}
_HEALTH = {
    "en": ("health", "medical"), "nl": ("gezondheid", "~gezondheidsgegevens", "medisch", "medische"),
    "de": ("gesundheit", "~gesundheitsdaten", "medizinisch"), "fr": ("sante", "medical", "medicaux"),
}
_GENETIC = {
    "*": ("=dna", "=adn"), "en": ("genetic",), "nl": ("genetisch",), "de": ("genetisch", "erbgut"),
    "fr": ("genetique",),
}
_BELIEFS = {
    "en": ("politic", "religio", "ethnic", "racial origin", "sexual orientation", "sex life", "trade union"),
    "nl": ("politiek", "politieke", "religie", "religieuze", "godsdienst", "etnisch", "ras", "seksuele",
           "vakbond"),
    "de": ("politisch", "religion", "religios", "weltanschau", "ethnisch", "sexuelle", "gewerkschaft"),
    "fr": ("opinion politique", "opinions politiques", "publicite politique", "parti politique", "partis politiques",
           "religi", "ethnique", "orientation sexuelle", "syndica"),
}
_CRIMINAL = {
    "en": ("criminal record", "criminal conviction", "conviction"),
    "nl": ("strafblad", "strafrechtelijk verleden", "strafrechtelijke gegevens", "=vog"),
    "de": ("vorstrafe", "fuhrungszeugnis", "strafregister", "strafrechtlich"),
    "fr": ("casier judiciaire", "condamnation"),
}
_AUTHORITIES = {
    "en": ("police", "law enforcement", "government", "court order", "tax authorit", "public authorit"),
    "nl": ("=politie", "justitie", "overheid", "~belastingdienst", "opsporing", "rechter"),
    "de": ("polizei", "strafverfolg", "staatsanwalt", "finanzamt", "=gericht", "=gerichte", "regierung"),
    "fr": ("police", "forces de l ordre", "justice", "tribunal", "administration fiscale", "gouvernement"),
}
_SOCIAL_MEDIA = {
    "*": ("facebook", "instagram", "linkedin", "tiktok", "twitter", "youtube", "pinterest"),
    "en": ("social media", "social network"), "nl": ("sociale media", "social media", "sociale netwerk"),
    "de": ("soziale medien", "social media", "soziale netzwerk", "sozialen netzwerk"),
    "fr": ("reseaux sociaux", "reseau social", "medias sociaux"),
}
_BLOCKCHAIN = {"*": ("blockchain", "distributed ledger")}
# Topics policies often have a clause on (children, a sale of the business, job applicants, debt collection,
# passwords, Do Not Track, personal prices); a question about one is answered only from a clause that words it.
_CHILDREN = {
    "en": ("child", "children", "=kid", "=kids", "minor", "minors", "minimum age", "age limit", "underage",
           "parental"),
    "nl": ("kind", "kinderen", "minderjarig", "minimumleeftijd", "leeftijdsgrens", "ouderlijk"),
    "de": ("=kind", "kinder", "minderjahrig", "mindestalter", "altersgrenze", "jugendlich"),
    "fr": ("enfant", "mineur", "age minimum", "parental"),
}
_BUSINESS_SALE = {
    "en": ("merger", "acquisition", "acquired by", "bankrupt", "insolven", "taken over", "takeover",
           "out of business"),
    "nl": ("fusie", "overname", "overgenomen", "failliss", "failliet"),
    "de": ("fusion", "ubernahme", "ubernommen", "insolvenz", "konkurs", "pleite"),
    "fr": ("fusion", "rachat", "rachete", "faillite", "acquisition"),
}
_JOB_APPLICANTS = {
    "*": ("=cv",),
    "en": ("apply for a job", "job application", "resume", "applicant", "vacanc", "recruit"),
    "nl": ("sollicit", "vacature"), "de": ("bewerb", "lebenslauf", "stellenanzeige"),
    "fr": ("candidature", "recrutement", "offre d emploi"),
}
_DEBT_COLLECTION = {
    "en": ("debt collect", "collection agenc", "unpaid", "bailiff"),
    "nl": ("~incasso", "deurwaarder", "onbetaald", "betalingsachterstand"),
    "de": ("~inkasso", "gerichtsvollzieher", "unbezahlt", "mahnverfahren"),
    "fr": ("recouvrement", "huissier", "impaye"),
}
_PASSWORDS = {
    "*": ("=2fa",),
    "en": ("password", "two factor", "multi factor", "hashed"),
    "nl": ("~wachtwoord", "tweestapsverificatie", "twee factor"),
    "de": ("~passwort", "~kennwort", "zwei faktor", "gehasht"),
    "fr": ("mot de passe", "mots de passe", "double authentification", "deux facteurs"),
}
_DO_NOT_TRACK = {"*": ("do not track", "=dnt", "global privacy control")}
_PERSONAL_PRICES = {
    "en": ("personalised price", "personalized price", "dynamic pricing", "price discrimination"),
    "nl": ("gepersonaliseerde prijs", "persoonlijke prijs", "dynamische prijs"),
    "de": ("personalisierte preis", "individuelle preis", "dynamische preis"),
    "fr": ("prix personnalise", "tarification dynamique", "prix dynamique"),
}
# Shop features with a clause of their own in many policies (an app, contests, referrals, loyalty points, surveys,
# text messages, cart reminders, backups), a fee for a request and a request made for someone else.
_MOBILE_APP = {"*": ("=app", "=apps", "=appli"), "en": ("mobile application",), "nl": ("applicatie",),
               "de": ("applikation",), "fr": ("application mobile",)}
_CONTESTS = {
    "en": ("contest", "competition", "giveaway", "sweepstake", "prize draw", "raffle"),
    "nl": ("wedstrijd", "winactie", "prijsvraag", "loterij", "verloting"),
    "de": ("gewinnspiel", "wettbewerb", "verlosung", "preisausschreiben"),
    "fr": ("concours", "tirage au sort", "loterie"),
}
_REFERRALS = {
    "en": ("referral", "refer a friend", "refer * friend"), "nl": ("doorverwijz", "aanbreng", "vriendenkorting"),
    "de": ("freunde werben", "freundschaftswerbung", "empfehlungsprogramm", "weiterempfehl"),
    "fr": ("parrainage", "parrain", "filleul"),
}
_LOYALTY = {
    "en": ("loyalty", "reward point", "points program", "bonus point"),
    "nl": ("loyaliteit", "spaarpunt", "klantenkaart", "spaarprogramma", "puntenprogramma"),
    "de": ("treueprogramm", "bonuspunkt", "punkteprogramm", "kundenkarte", "treuepunkt"),
    "fr": ("fidelite", "programme de points", "carte client"),
}
_SURVEYS = {
    "en": ("survey", "questionnaire"), "nl": ("enquete", "vragenlijst", "tevredenheidsonderzoek"),
    "de": ("umfrage", "fragebogen", "kundenbefragung", "zufriedenheitsbefragung"),
    "fr": ("enquete", "sondage", "questionnaire"),
}
_REQUEST_FEE = {
    "en": ("=fee", "=fees", "charge * for", "free of charge", "at no cost", "at no charge"),
    "nl": ("kosteloos", "kosten * verzoek", "verzoek * kosten", "betalen * verzoek", "verzoek * betalen"),
    "de": ("gebuhr", "kostenlos", "unentgeltlich", "kostet es * anforder", "kosten * antrag", "antrag * kosten"),
    "fr": ("frais", "payant", "gratuit", "sans frais"),
}
_ON_BEHALF = {
    "en": ("on my behalf", "on behalf of", "authorised agent", "authorized agent", "representative"),
    "nl": ("namens", "gemachtigde", "machtiging", "vertegenwoordig"),
    "de": ("in meinem namen", "im namen", "bevollmacht", "vollmacht", "vertreter"),
    "fr": ("en mon nom", "pour mon compte", "mandataire", "procuration", "representant"),
}
_TEXT_MESSAGES = {"*": ("=sms",), "en": ("text message",), "nl": ("sms bericht", "tekstbericht"),
                  "de": ("textnachricht", "kurznachricht"), "fr": ("=texto", "message texte")}
_SHOPPING_CART = {"en": ("shopping cart", "shopping basket", "abandoned cart", "=cart"), "nl": ("winkelwagen",),
                  "de": ("warenkorb",), "fr": ("panier",)}
_BACKUPS = {"*": ("backup", "back up"), "nl": ("reservekopie",), "de": ("datensicherung", "sicherungskopie"),
            "fr": ("sauvegarde",)}
_SHOP_FEATURES: dict[str, Mapping[str, tuple[str, ...]]] = {
    "mobile_app": _MOBILE_APP, "contests": _CONTESTS, "referrals": _REFERRALS, "loyalty": _LOYALTY,
    "surveys": _SURVEYS, "request_fee": _REQUEST_FEE, "on_behalf": _ON_BEHALF, "text_messages": _TEXT_MESSAGES,
    "shopping_cart": _SHOPPING_CART, "backups": _BACKUPS,
}
_OWN_TOPICS: dict[str, Mapping[str, tuple[str, ...]]] = {
    **_SHOP_FEATURES,
    "children": _CHILDREN, "business_sale": _BUSINESS_SALE, "job_applicants": _JOB_APPLICANTS,
    "debt_collection": _DEBT_COLLECTION, "passwords": _PASSWORDS, "do_not_track": _DO_NOT_TRACK,
    "personal_prices": _PERSONAL_PRICES,
}


def _with(table: Mapping[str, tuple[str, ...]], *more: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """`table` with the terms of `more` added per language."""
    merged = {language: tuple(terms) for language, terms in table.items()}
    for extra in more:
        for language, terms in extra.items():
            merged[language] = (*merged.get(language, ()), *terms)
    return merged


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
        "*": ("~usa", "=eu", "=eea", "=eer", "=ewr", "=ee"),
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
    # sensitive processing a question may ask about (`EXTRA_QUESTION_TERMS`)
    "biometrics": _BIOMETRICS,
    "ai_training": {
        "*": ("=ai", "=ki", "=ia", "machine learning"),
        "en": ("artificial intelligence", "train", "language model"), "nl": ("kunstmatige intelligentie", "trainen"),
        "de": ("kunstliche intelligenz", "trainier"), "fr": ("intelligence artificielle", "entrain"),
    },
    "credit_check": {
        "*": ("schufa", "experian", "equifax", "focum"),
        "en": ("credit check", "credit score", "creditworth", "solvency", "credit rating"),
        "nl": ("~kredietcheck", "kredietwaardig", "~kredietwaardigheid", "solvabiliteit"),
        "de": ("bonitat", "~bonitatsprufung", "kreditwurdig", "scoring"),
        "fr": ("solvabilite", "scoring", "cotation"),
    },
    "health_data": _with(_HEALTH, _SPECIAL),
    "genetic_data": _with(_GENETIC, _SPECIAL),
    "beliefs": _with(_BELIEFS, _SPECIAL),
    "criminal_data": _with(_CRIMINAL, _SPECIAL, {"en": ("criminal",), "nl": ("strafrecht",), "fr": ("penal",)}),
    "authorities": _with(_AUTHORITIES, {
        "en": ("competent authorit", "judicial", "investigating"), "nl": ("~overheidswege", "strafrechtelijk onderzoek"),
        "de": ("zustandige behorde", "strafverfolgungsbehorde", "behorden"), "fr": ("autorites competentes", "judiciaire"),
    }),
    "social_media": _SOCIAL_MEDIA,
    "blockchain": _BLOCKCHAIN,
    **_OWN_TOPICS,
    # data objects
    "invoices": {
        "en": ("invoice", "accounting", "tax", "bookkeeping", "order data"),
        "nl": ("~factu", "~boekhoud", "fiscale", "~bestelgegevens", "administratie"),
        "de": ("rechnung", "buchhaltung", "~steuer", "bestelldaten"),
        "fr": ("factur", "comptab", "fiscal"),
    },
    "log_files": {
        "*": ("log file", "logfile", "~logfile", "=logs", "server logs", "access logs"),
        "nl": ("logbestand", "~logbestand", "log bestand"),
        "de": ("log datei", "~logdatei", "protokolldatei", "~protokolldatei"),
        "fr": ("fichier journal", "fichiers journaux", "journaux de connexion", "journal de connexion"),
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
    "breach": {
        "en": ("breach", "data leak", "incident"), "nl": ("~datalek", "inbreuk", "incident"),
        "de": ("~datenpanne", "~datenleck", "datenschutzverletzung", "verletzung des schutzes", "vorfall"),
        "fr": ("violation de donnees", "violation de la securite", "fuite", "incident"),
    },
    "call_recording": {
        "en": ("phone call", "telephone conversation", "call recording", "recorded", "voice"),
        "nl": ("~telefoongesprek", "~gesprekken", "opname van", "~spraakopname", "~stemopname", "~spraakbericht"),
        "de": ("~telefonat", "~gesprach", "aufzeichnung", "aufgezeichnet", "~sprachaufnahme", "~sprachnachricht"),
        "fr": ("appel telephonique", "appels", "conversation telephonique", "enregistrement", "vocal", "vocaux"),
    },
    "camera_images": {
        "en": ("camera", "video", "cctv", "surveillance"), "nl": ("camera", "~beelden", "video"),
        "de": ("kamera", "video", "uberwachung"), "fr": ("camera", "video", "surveillance"),
    },
    "location": {
        "en": ("location", "geolocation", "gps"), "nl": ("locatie", "gps"), "de": ("standort", "gps"),
        "fr": ("localisation", "geolocalisation", "gps"),
    },
    "account": {"en": ("account",), "nl": ("account", "~profiel"), "de": ("konto", "account"), "fr": ("compte",)},
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
        "en": ("rectif", "correct"), "nl": ("rectific", "correctie", "verbeter", "aanpass"),
        "de": ("berichtig", "korrektur"), "fr": ("rectif", "corrig"),
    },
    "objection": {
        "en": ("object", "objection", "unsubscribe", "opt out"), "nl": ("bezwaar", "afmeld", "uitschrijv"),
        "de": ("widerspruch", "widersprech", "abmeld", "abbestell"), "fr": ("opposition", "opposer", "desinscri",
                                                                         "desabonn"),
    },
    "portability": {
        "en": ("portab", "machine readable", "transfer your data"), "nl": ("overdraagbaar", "machineleesbaar"),
        "de": ("ubertragbar", "maschinenlesbar"), "fr": ("portabilit", "lisible par machine"),
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
        "nl": ("delen", "gedeeld", "derden", "verstrekk", "verwerker", "partner", "ontvanger"),
        "de": ("weitergeb", "weitergabe", "dritte", "teilen", "ubermittel", "~verarbeiter", "partner", "empfanger"),
        "fr": ("partag", "tiers", "communiqu", "sous traitant", "partenaire", "destinataire"),
    },
    "store": {
        "en": ("store", "stored", "storage", "keep", "=kept", "retain", "retention"),
        "nl": ("opslag", "opgeslagen", "bewaar"),
        "de": ("speicher", "aufbewahr"), "fr": ("stock", "conserv", "enregistr"),
    },
    "track": {"*": ("cookie", "tracking", "analytics", "pixel")},
    "profile": {
        "en": ("profil", "automated decision"), "nl": ("profiler", "geautomatiseerde"),
        "de": ("profil", "automatisiert"), "fr": ("profil", "decision automatis"),
    },
}
"""label -> language (or `*` for all) -> terms, in the syntax of `assistant/intent_lexicon.py`."""

EXTRA_QUESTION_TERMS: Table = {
    "biometrics": _BIOMETRICS,
    "ai_training": {
        "*": ("=ai", "=ki", "=ia", "machine learning"),
        "en": ("artificial intelligence", "train"), "nl": ("kunstmatige intelligentie", "trainen"),
        "de": ("kunstliche intelligenz", "trainier"), "fr": ("intelligence artificielle", "entrain"),
    },
    "credit_check": {
        "en": ("credit check", "credit score", "creditworth", "solvency", "credit rating"),
        "nl": ("~kredietcheck", "kredietwaardig", "solvabiliteit"), "de": ("bonitat", "schufa", "kreditwurdig"),
        "fr": ("solvabilite", "scoring", "verification de credit"),
    },
    "health_data": _HEALTH,
    "genetic_data": _GENETIC,
    "beliefs": _BELIEFS,
    "criminal_data": _CRIMINAL,
    "authorities": _AUTHORITIES,
    "social_media": _SOCIAL_MEDIA,
    "blockchain": _BLOCKCHAIN,
    **_OWN_TOPICS,
    "courier": {
        "*": ("postnl", "bpost", "=dhl", "=dpd", "=ups", "=gls"),
        "en": ("courier", "carrier", "delivery company", "delivery service", "shipping company", "parcel service"),
        "nl": ("koerier", "~vervoerder", "pakketdienst", "bezorger", "bezorgdienst", "postbode"),
        "de": ("kurier", "paketdienst", "zusteller", "spediteur", "versanddienst"),
        "fr": ("coursier", "transporteur", "livreur"),
    },
}
"""label -> language -> terms of what a question may ask about beyond the data objects of the intent classifier: a kind
of recipient ("the courier", the authorities) and sensitive data or processing (biometrics, health, political
opinions, AI training, credit checks, social media, blockchain). Matched like the
intent tables; the label's `POLICY_TERMS` must then be found in a cited unit."""

PARTY_LABELS = frozenset({"courier"})
"""The labels of `EXTRA_QUESTION_TERMS` that name a kind of recipient."""

SENSITIVE_LABELS = frozenset({"biometrics", "ai_training", "credit_check", "health_data", "genetic_data", "beliefs",
                              "criminal_data", "authorities", "social_media", "blockchain", *_OWN_TOPICS})
"""The labels of `EXTRA_QUESTION_TERMS` for sensitive data or processing and other clauses of their own (children,
a sale of the business, passwords, ...): topics, never answered by a unit that only words personal data in general."""

FEATURE_LABELS = frozenset(_SHOP_FEATURES)
"""The sensitive labels that name a shop feature (an app, a contest, a fee): naming one does not make a question a
privacy question ("Heeft Materialise een app?" is out of scope; "welke gegevens verzamelt de app?" is not)."""

TOPIC_LABELS = frozenset({"breach", "call_recording", "profile", *SENSITIVE_LABELS})
"""Labels that are topics of their own: when a question names one, a cited unit must word it (not another label)."""

ACTION_VERBS: Table = {
    "sell": {"en": ("sell", "=sold", "rent out"), "nl": ("verkop", "verkoch", "verhur"), "de": ("verkauf", "vermiet"),
             "fr": ("vend", "louer")},
    "share": {
        "en": ("share", "=shared", "disclose", "provide", "pass on", "transfer"),
        "nl": ("delen", "gedeeld", "verstrek", "doorgeven", "doorgegeven"),
        "de": ("weitergeb", "weitergabe", "teilen", "ubermittel", "offenleg"),
        "fr": ("partag", "communiqu", "transmet", "transmis", "divulgu"),
    },
}
"""The verbs of the actions a yes/no answer may deny ("We never *sell* your data to third parties"): a "no" needs the
asked verb itself in a negated sentence, not just a mention of third parties."""
