"""Topics of their own a question may name, in EN/NL/DE/FR: sensitive data and processing, clauses many policies
have (children, a sale of the business, job applicants, ...) and shop features (an app, contests, loyalty points).

Data only, in the term syntax of `assistant/intent_lexicon.py`. A topic named in a question is its only key label: a
cited unit must word the topic (`TOPIC_POLICY_TERMS`), not just personal data in general, however close retrieval
reads. Question terms are kept narrow, since one misread word refuses an answerable question: "wijzigingen
aanbrengen" is no referral, "Wettbewerber" no contest, "minor changes" no child, "police d'assurance" no police.

Usage::

    TOPIC_QUESTION_TERMS["health_data"]["nl"]   # ("gezondheid", "~gezondheidsgegevens", ...)
    "health_data" in PRIVACY_TOPIC_LABELS       # True: "Speichert ihr Gesundheitsdaten?" is a privacy question
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["PRIVACY_TOPIC_LABELS", "TOPIC_POLICY_TERMS", "TOPIC_QUESTION_TERMS"]

Terms = Mapping[str, tuple[str, ...]]

# Sensitive data and processing, worded alike in questions and policies. A policy that names "special categories"
# or "sensitive personal data" words all special categories (not "privacy-sensitive data", Pixeljet's definition).
_SPECIAL: Terms = {
    "en": ("special categor", "sensitive personal", "sensitive categor"),
    "nl": ("bijzondere persoonsgegevens", "bijzondere categorie", "gevoelige gegevens", "gevoelige persoonsgegevens"),
    "de": ("besondere kategorie", "sensible daten", "sensiblen daten", "sensible personenbezogene"),
    "fr": ("categories particulieres", "donnees sensibles"),
}
_BIOMETRICS: Terms = {
    "en": ("biometric", "facial recognition", "face recognition", "fingerprint"),
    "nl": ("biometr", "gezichtsherkenning", "vingerafdruk"), "de": ("biometr", "gesichtserkennung", "fingerabdruck"),
    "fr": ("biometr", "reconnaissance faciale", "empreinte"),
}
_HEALTH: Terms = {
    "en": ("health", "medical data", "medical information", "medical record"),
    "nl": ("gezondheid", "~gezondheidsgegevens", "medische gegevens", "medisch dossier"),
    "de": ("gesundheit", "~gesundheitsdaten", "medizinische daten", "krankheit"),
    "fr": ("sante", "donnees medicales", "dossier medical"),
}
_GENETIC: Terms = {"*": ("=dna", "=adn"), "en": ("genetic",), "nl": ("genetisch",), "de": ("genetisch", "erbgut"),
                   "fr": ("genetique",)}
_BELIEFS: Terms = {
    "en": ("politic", "religio", "ethnic", "racial origin", "sexual orientation", "sex life", "trade union"),
    "nl": ("politiek", "politieke", "religie", "religieuze", "godsdienst", "etnisch", "seksuele", "vakbond"),
    "de": ("politisch", "religion", "religios", "weltanschau", "ethnisch", "sexuelle", "gewerkschaft"),
    "fr": ("opinion politique", "opinions politiques", "publicite politique", "parti politique", "partis politiques",
           "religi", "ethnique", "orientation sexuelle", "syndica"),
}
_CRIMINAL: Terms = {
    "en": ("criminal record", "criminal conviction"), "nl": ("strafblad", "strafrechtelijk verleden", "=vog"),
    "de": ("vorstrafe", "fuhrungszeugnis", "strafregister"), "fr": ("casier judiciaire",),
}
_AI_TRAINING: Terms = {
    "*": ("machine learning",),  # "=ai" not in French: "j'ai"
    "en": ("=ai", "artificial intelligence", "train ai", "train * models", "train * algorithms", "training data"),
    "nl": ("=ai", "kunstmatige intelligentie", "ai * trainen", "modellen * trainen", "trainingsdata"),
    "de": ("=ki", "=ai", "kunstliche intelligenz", "ki * trainier", "modelle * trainier", "trainingsdaten"),
    "fr": ("=ia", "intelligence artificielle", "entrainer l ia", "entrainer des modeles", "donnees d entrainement"),
}
_CREDIT_CHECK: Terms = {
    "en": ("credit check", "credit score", "creditworth", "solvency", "credit rating"),
    "nl": ("~kredietcheck", "kredietwaardig", "solvabiliteit"), "de": ("bonitat", "schufa", "kreditwurdig"),
    "fr": ("solvabilite", "scoring", "verification de credit"),
}
# Police and justice; tax authorities are left out, since invoices are kept "for the tax authorities".
_AUTHORITIES: Terms = {
    "en": ("police", "law enforcement", "court order"),
    "nl": ("=politie", "justitie", "opsporingsdienst"),
    "de": ("polizei", "strafverfolg", "staatsanwalt"),
    "fr": ("la police", "forces de l ordre", "autorites judiciaires"),
}
_SOCIAL_MEDIA: Terms = {
    "*": ("facebook", "instagram", "linkedin", "tiktok", "twitter", "youtube", "pinterest"),
    "en": ("social media", "social network"), "nl": ("sociale media", "social media", "sociale netwerk"),
    "de": ("soziale medien", "social media", "soziale netzwerk", "sozialen netzwerk"),
    "fr": ("reseaux sociaux", "reseau social", "medias sociaux"),
}
_BLOCKCHAIN: Terms = {"*": ("blockchain", "distributed ledger")}
# Clauses many policies have.
_CHILDREN: Terms = {
    "en": ("child", "children", "=kid", "=kids", "minimum age", "age limit", "underage", "what age",
           "how old do", "how old must", "how old * have to be", "my son is", "my daughter is", "teenager", "under 13",
           "year old son", "year old daughter", "years old",
           "under 16", "under 18"),
    "nl": ("kinderen", "=kind", "minderjarig", "minimumleeftijd", "leeftijdsgrens", "welke leeftijd", "hoe oud moet",
           "mijn zoon is", "mijn dochter is", "=tiener", "jarige zoon", "jarige dochter", "jaar oud", "onder de 16",
           "onder de 18", "jonger dan"),
    "de": ("=kind", "=kinder", "=kindern", "minderjahrig", "mindestalter", "altersgrenze", "jugendliche",
           "welchem alter", "wie alt muss", "mein sohn ist", "meine tochter ist", "jahriger sohn",
           "jahrige tochter", "jahre alt", "unter 16", "unter 18"),
    "fr": ("enfant", "=mineur", "=mineurs", "age minimum", "a partir de quel age", "quel age faut", "quel age doit",
           "=mineure", "mon fils a", "ma fille a", "adolescent", "moins de 16", "moins de 18"),
}
_BUSINESS_SALE: Terms = {
    "en": ("merger", "acquired by", "bankrupt", "insolven", "taken over", "takeover", "out of business"),
    # the shop as what is sold, not data sold by the shop ("Hat das Unternehmen meine Daten verkauft?")
    "nl": ("fusie", "overname", "bedrijf * overgenomen", "overgenomen door een ander", "bedrijf wordt verkocht",
           "failliss", "failliet"),
    "de": ("fusion", "firmenubernahme", "unternehmen * ubernommen", "unternehmen verkauft wird", "firma verkauft wird",
           "shop verkauft wird", "insolvenz", "konkurs", "pleite"),
    "fr": ("fusion", "rachat", "rachete", "entreprise est vendue", "societe est vendue", "faillite"),
}
_JOB_APPLICANTS: Terms = {
    "*": ("=cv",),
    "en": ("apply for a job", "job application", "applicant", "vacanc", "recruit"),
    "nl": ("sollicit", "vacature"), "de": ("~bewerbung", "bewerber", "lebenslauf", "stellenanzeige"),
    "fr": ("candidature", "recrutement", "offre d emploi"),
}
_DEBT_COLLECTION: Terms = {
    "en": ("debt collect", "collection agenc", "bailiff"), "nl": ("~incasso", "deurwaarder", "betalingsachterstand"),
    "de": ("~inkasso", "gerichtsvollzieher", "mahnverfahren"), "fr": ("recouvrement", "huissier"),
}
_PASSWORDS: Terms = {
    "en": ("password", "hashed"), "nl": ("~wachtwoord",), "de": ("~passwort", "~kennwort", "gehasht"),
    "fr": ("mot de passe", "mots de passe"),
}
# A second login step, which a policy that only says passwords are hashed does not offer.
_TWO_FACTOR: Terms = {
    "*": ("=2fa", "=mfa"),
    "en": ("two factor", "multi factor", "two step", "2 step"),
    "nl": ("tweestapsverificatie", "twee factor", "tweefactor", "twee staps"),
    "de": ("zwei faktor", "2 faktor", "zweistufig", "mehrstufig"),
    "fr": ("double authentification", "deux facteurs", "double facteur", "authentification forte"),
}
_HUMAN_REVIEW: Terms = {  # the right to have a person look at an automated decision (GDPR Art. 22(3)), asked for:
    # "is it automated or does a human check?" asks whether it is automated, which a policy may well say
    "en": ("human intervention", "human review", "ask for a human", "ask that a human", "ask for a person to",
           "demand a human", "request a human", "right to a human"),
    "nl": ("menselijke tussenkomst", "menselijke beoordeling", "eisen dat een mens", "vragen dat een mens",
           "vragen om een mens", "recht op een mens", "een medewerker * naar kijk", "een medewerker * bekijk",
           "een medewerker * beoordeel"),
    "de": ("menschliches eingreifen", "menschliche uberprufung", "dass ein mensch", "einen menschen verlangen",
           "ein mitarbeiter * pruft", "ein mitarbeiter * ansieht", "ein mitarbeiter * anschaut"),
    "fr": ("intervention humaine", "exiger qu un humain", "demander qu un humain", "demander un humain",
           "une personne * examine", "une personne * regarde"),
}
_DO_NOT_TRACK: Terms = {"*": ("do not track signal", "do not track setting", "=dnt", "global privacy control"),
                        "en": ("honour do not track", "honor do not track", "respect do not track"),
                        "nl": ("do not track",), "de": ("do not track",), "fr": ("do not track",)}
_STAFF_TRAINING: Terms = {
    "en": ("staff trained", "staff training", "train its staff", "train their staff", "train your staff",
           "trained staff", "employees trained", "train employees", "train their employees", "train its employees",
           "staff * trained", "employees * trained"),
    "nl": ("medewerkers * getraind", "personeel * getraind", "getraind personeel", "personeel opgeleid",
           "medewerkers opgeleid", "training van personeel", "training aan medewerkers", "training voor medewerkers",
           "medewerkers * geschoold", "personeel * geschoold"),
    "de": ("=geschult", "~schulung", "~schulungen", "mitarbeiter schulen"),
    "fr": ("=personnel est forme", "=personnel est il forme", "employes sont formes", "salaries sont formes",
           "formation du personnel", "formation des employes", "forme son personnel", "forment leur personnel",
           "personnel * forme", "employes * forme", "salaries * forme", "collaborateurs * forme"),
}
_ENCRYPTION: Terms = {"*": ("encrypt", "=ssl", "=tls", "=https"),
                      "en": ("secure connection",), "nl": ("versleutel", "beveiligde verbinding"),
                      "de": ("verschlussel", "sichere verbindung"), "fr": ("chiffr", "cryptage", "connexion securisee")}
_IDENTITY_CHECK: Terms = {
    "en": ("verify my identity", "verify who i am", "prove my identity", "proof of identity", "identity check",
           "identify myself", "check my identity", "check who i am", "copy of my id", "copy of my passport",
           "id card", "=passport", "photo id"),
    "nl": ("identiteit * controler", "identiteit * verifi", "controleren wie ik ben", "legitimeren", "identificeren",
           "kopie van mijn id", "kopie van mn id", "kopie * identiteitsbewijs", "kopie * paspoort", "legitimatie", "identiteitsbewijs",
           "=paspoort", "id kaart", "identiteitskaart"),
    "de": ("identitat * pruf", "identitat * uberpruf", "identitat * nachweis", "identitatsprufung",
           "identitatsnachweis", "ausweisen", "~ausweiskopie", "kopie * ausweis", "=ausweis", "personalausweis",
           "reisepass"),
    "fr": ("verifie * identite", "verifier * identite", "verification d identite", "justificatif d identite",
           "prouver mon identite", "verifie qui je suis", "copie de ma carte d identite", "copie * piece d identite",
           "copie * passeport", "piece d identite", "carte d identite", "=passeport"),
}
# Kinds of provider that receive data: naming one makes a question a privacy question, and a cited unit must name
# that kind or a company of that kind.
_PAYMENT_PROVIDER: Terms = {
    "*": ("=psp",),
    "en": ("payment provider", "payment service provider", "payment processor", "payment company", "payment partner",
           "who processes * payments", "who handles * payments"),
    "nl": ("~betaalprovider", "betaaldienst", "betalingsprovider", "betaalpartij", "betaalplatform", "betaalpartner",
           "wie verwerkt de betaling", "wie handelt de betaling"),
    "de": ("~zahlungsanbieter", "~zahlungsdienst", "zahlungsabwickler", "zahlungspartner", "wickelt * zahlungen",
           "zahlungen abwickelt"),
    "fr": ("prestataire de paiement", "fournisseur de paiement", "service de paiement", "plateforme de paiement",
           "processeur de paiement", "partenaire de paiement", "qui gere les paiements", "qui traite les paiements"),
}
_HOSTING_PROVIDER: Terms = {
    "en": ("hosting provider", "hosting company", "web host", "which host", "who hosts", "hosting partner",
           "servers hosted", "site hosted", "website hosted"),
    "nl": ("~hostingprovider", "hostingpartij", "=webhost", "hosting partij", "hosting provider", "welke host",
           "wie host"),
    "de": ("=hoster", "~hostinganbieter", "hosting anbieter", "~hostingdienst", "welchem hoster", "wer hostet"),
    "fr": ("hebergeur", "fournisseur d hebergement", "prestataire d hebergement", "qui heberge"),
}
_ACCOUNTANT: Terms = {  # the firm that keeps the books: "which accountant gets my invoices"; the same words as
    # the accountant nouns of `question_asks`'s `provider_name`; not "comptable" alone ("données comptables")
    "en": ("accountant", "accounting firm", "accounting office", "bookkeeper", "tax advisor", "tax adviser"),
    "nl": ("~accountant", "~boekhouder", "boekhoudkantoor", "belastingadviseur"),
    "de": ("~steuerberater", "steuerkanzlei", "steuerburo", "~buchhalter", "buchhaltungsfirma"),
    "fr": ("expert comptable", "experts comptables", "cabinet comptable", "fiduciaire"),
}
_EMAIL_PROVIDER: Terms = {  # who sends the e-mails, not the customer's e-mail address nor "send me e-mails"
    "en": ("sends the e mails", "send the e mails", "sends the emails", "send the emails", "sends the newsletter",
           "e mail service", "email service", "mailing service", "newsletter service"),
    "nl": ("verstuurt de e mails", "versturen de e mails", "verstuurt de mails", "versturen de mails",
           "verstuurt de nieuwsbrie", "e maildienst", "~mailprovider", "nieuwsbriefdienst"),
    "de": ("verschick * die e mails", "versend * die e mails", "verschick * die mails", "versend * die mails",
           "e mail dienst", "~newsletterdienst", "~maildienst"),
    "fr": ("envoie les e mails", "envoie les mails", "envoient les mails", "envoient les e mails", "envoi des mails",
           "envoi des e mails", "service d emailing", "routeur"),
}
_DATA_FORMAT: Terms = {
    "*": ("=csv", "=pdf", "=json", "=xml", "excel"),
    "en": ("what format", "which format", "file format", "in what form"),
    "nl": ("welk formaat", "welke vorm", "~bestandsformaat", "in welk formaat"),
    "de": ("welchem format", "welches format", "~dateiformat", "in welcher form"),
    "fr": ("quel format", "sous quelle forme", "format de fichier"),
}
_DECEASED: Terms = {"en": ("deceased", "passed away", "died"), "nl": ("overleden", "overlijden"),
                    "de": ("verstorben", "gestorben", "todesfall"), "fr": ("decede", "deces", "defunt")}
_CHATBOT: Terms = {"*": ("chatbot", "live chat", "livechat"), "nl": ("chatfunctie",), "de": ("chatfunktion",),
                   "fr": ("tchat", "clavardage")}
_EVENTS: Terms = {
    "*": ("webinar",),
    "en": ("trade fair", "trade show", "tradeshow", "my badge", "badge scan", "booth"),
    "nl": ("=beurs", "mijn badge", "evenement"),
    "de": ("=messe", "mein badge", "meinen badge", "veranstaltung"),
    "fr": ("webinaire", "=salon", "mon badge", "evenement"),
}
# A certificate is not a test: a yearly penetration test does not make a policy say "ISO 27001 certified".
_SECURITY_CERTIFICATION: Terms = {
    "*": ("iso 27001", "=27001", "soc 2"),
    "en": ("security certification", "certification"),  # not "certified as deleted"
    "nl": ("gecertificeerd", "certificering"), "de": ("zertifiziert", "zertifizierung"),
    "fr": ("certifie", "certification"),
}
_SECURITY_TESTING: Terms = {
    "*": ("pentest", "penetration test"),
    "en": ("security audit", "audited"), "nl": ("~penetratietest", "beveiligingsaudit"),
    "de": ("~penetrationstest", "sicherheitsaudit"), "fr": ("test d intrusion", "tests d intrusion", "audit de securite"),
}
# A data protection officer: "is there a DPO" is answered by the clause on one (or on having none), not by the
# shop's privacy e-mail address.
_DPO: Terms = {
    "*": ("=dpo",),  # not "dpd", the courier
    "en": ("data protection officer", "privacy officer"),
    "nl": ("functionaris voor gegevensbescherming", "functionaris gegevensbescherming", "privacy officer"),
    "de": ("~datenschutzbeauftragt",),
    "fr": ("delegue a la protection", "delegue protection"),
}
_PERSONAL_PRICES: Terms = {
    "en": ("personalised price", "personalized price", "dynamic pricing", "price discrimination"),
    "nl": ("gepersonaliseerde prijs", "persoonlijke prijs", "dynamische prijs"),
    "de": ("personalisierte preis", "individuelle preis", "dynamische preis"),
    "fr": ("prix personnalise", "tarification dynamique", "prix dynamique"),
}
# Shop features with a clause of their own in many policies.
_MOBILE_APP: Terms = {"*": ("=app", "=apps", "=appli"), "en": ("mobile application",), "nl": ("applicatie",),
                      "de": ("applikation",), "fr": ("application mobile",)}
_CONTESTS: Terms = {
    "en": ("in a contest", "enter a contest", "=contests", "giveaway", "sweepstake", "prize draw", "raffle"),
    "nl": ("wedstrijd", "winactie", "prijsvraag", "verloting"),
    "de": ("gewinnspiel", "=wettbewerb", "verlosung", "preisausschreiben"),
    "fr": ("concours", "tirage au sort", "loterie"),
}
_REFERRALS: Terms = {
    "en": ("referral", "refer a friend", "refer * friend"),
    "nl": ("vriend aanbrengen", "vrienden aanbrengen", "aanbrengpremie", "doorverwijzingsprogramma", "vriendenkorting"),
    "de": ("freunde werben", "freundschaftswerbung", "empfehlungsprogramm"),
    "fr": ("parrainage", "parrain", "filleul"),
}
_LOYALTY: Terms = {
    "en": ("loyalty", "reward point", "points program", "bonus point"),
    "nl": ("loyaliteit", "spaarpunt", "klantenkaart", "spaarprogramma", "puntenprogramma"),
    "de": ("treueprogramm", "bonuspunkt", "punkteprogramm", "kundenkarte", "treuepunkt"),
    "fr": ("fidelite", "programme de points", "carte client"),
}
_SURVEYS: Terms = {
    "en": ("survey", "questionnaire"), "nl": ("enquete", "vragenlijst", "tevredenheidsonderzoek"),
    "de": ("umfrage", "fragebogen", "kundenbefragung", "zufriedenheitsbefragung"),
    "fr": ("enquete", "sondage", "questionnaire"),
}
_REQUEST_FEE: Terms = {
    "en": ("=fee", "=fees", "charge me for", "free of charge", "does it cost", "cost anything", "cost me anything",
           "is it free", "cost money"),
    "nl": ("kosteloos", "kosten * verzoek", "verzoek * kosten", "betalen * verzoek", "verzoek * betalen",
           "kost het * geld", "kost het iets", "kost dat iets", "kost het wat", "kost dat wat", "is het gratis"),
    "de": ("gebuhr", "kostenlos", "unentgeltlich", "kostet es * anforder", "kosten * antrag", "antrag * kosten",
           "kostet es etwas", "kostet das etwas", "kostet * anfrage", "anfrage * etwas kostet", "kostet * auskunft",
           "kostet es was", "kostet das was", "kostet * kopie"),
    "fr": ("frais * demande", "demande * frais", "payant", "gratuit", "sans frais", "ca coute", "cela coute",
           "facture des frais", "des frais pour", "frais * copie"),
}
_ON_BEHALF: Terms = {
    "en": ("on my behalf", "authorised agent", "authorized agent"),
    "nl": ("namens mij", "gemachtigde", "machtiging"),
    "de": ("in meinem namen", "bevollmacht", "vollmacht"),
    "fr": ("en mon nom", "mandataire", "procuration"),
}
_TEXT_MESSAGES: Terms = {"*": ("=sms",), "en": ("text message",), "nl": ("sms bericht", "tekstbericht"),
                         "de": ("textnachricht", "kurznachricht"), "fr": ("=texto", "message texte")}
_SHOPPING_CART: Terms = {"en": ("shopping cart", "shopping basket", "abandoned cart", "=cart"), "nl": ("winkelwagen",),
                         "de": ("warenkorb",), "fr": ("panier",)}
_BACKUPS: Terms = {"*": ("backup", "back up", "back ups"), "nl": ("reservekopie",), "de": ("datensicherung", "sicherungskopie"),
                   "fr": ("copie de sauvegarde", "copies de sauvegarde")}

# Where the data comes from (GDPR Article 14): "from you directly", "from public sources".
_DATA_SOURCE: Terms = {
    "en": ("where do you get", "where did you get", "where does * get", "where does * * get", "source of my",
           "sources of my", "obtain my data from"),
    "nl": ("waar halen", "waar haalt", "gegevens vandaan", "mijn * vandaan", "herkomst van mijn", "bron van mijn"),
    "de": ("woher habt", "woher haben", "woher hat", "woher bekommt", "woher bekommen", "woher stammen",
           "herkunft meiner", "herkunft der daten", "quelle meiner"),
    "fr": ("d ou viennent", "d ou provienn", "d ou * recupere", "d ou * * recupere", "recuperez * * d ou",
           "provenance de mes", "source de mes", "sources de mes"),
}


def _with(table: Terms, *more: Terms) -> dict[str, tuple[str, ...]]:
    """`table` with the terms of `more` added per language."""
    merged = {language: tuple(terms) for language, terms in table.items()}
    for extra in more:
        for language, terms in extra.items():
            merged[language] = (*merged.get(language, ()), *terms)
    return merged


_FEATURES: dict[str, Terms] = {
    "mobile_app": _MOBILE_APP, "contests": _CONTESTS, "referrals": _REFERRALS, "loyalty": _LOYALTY,
    "surveys": _SURVEYS, "request_fee": _REQUEST_FEE, "on_behalf": _ON_BEHALF, "text_messages": _TEXT_MESSAGES,
    "shopping_cart": _SHOPPING_CART, "backups": _BACKUPS, "chatbot": _CHATBOT, "events": _EVENTS,
}
_SENSITIVE: dict[str, Terms] = {
    "biometrics": _BIOMETRICS, "ai_training": _AI_TRAINING, "credit_check": _CREDIT_CHECK, "health_data": _HEALTH,
    "genetic_data": _GENETIC, "beliefs": _BELIEFS, "criminal_data": _CRIMINAL,
}
_CLAUSES: dict[str, Terms] = {
    "authorities": _AUTHORITIES, "social_media": _SOCIAL_MEDIA, "blockchain": _BLOCKCHAIN, "children": _CHILDREN,
    "business_sale": _BUSINESS_SALE, "job_applicants": _JOB_APPLICANTS, "debt_collection": _DEBT_COLLECTION,
    "passwords": _PASSWORDS, "two_factor": _TWO_FACTOR, "do_not_track": _DO_NOT_TRACK, "personal_prices": _PERSONAL_PRICES,
    "staff_training": _STAFF_TRAINING, "encryption": _ENCRYPTION, "identity_check": _IDENTITY_CHECK,
    "data_format": _DATA_FORMAT, "deceased": _DECEASED, "security_certification": _SECURITY_CERTIFICATION,
    "security_testing": _SECURITY_TESTING,
    "dpo": _DPO, "data_source": _DATA_SOURCE, "human_review": _HUMAN_REVIEW,
}

_PROVIDERS: dict[str, Terms] = {"payment_provider": _PAYMENT_PROVIDER, "hosting_provider": _HOSTING_PROVIDER,
                                 "email_provider": _EMAIL_PROVIDER, "accountant": _ACCOUNTANT}

TOPIC_QUESTION_TERMS: dict[str, Terms] = {**_SENSITIVE, **_PROVIDERS, **_CLAUSES, **_FEATURES}
"""label -> language (or `*`) -> the terms that name the topic in a question."""

TOPIC_POLICY_TERMS: dict[str, Terms] = {
    **TOPIC_QUESTION_TERMS,
    "ai_training": _with(_AI_TRAINING, {"en": ("language model",)}),
    "credit_check": _with(_CREDIT_CHECK, {"*": ("experian", "equifax", "focum"), "nl": ("~kredietwaardigheid",),
                                          "de": ("~bonitatsprufung", "scoring"), "fr": ("cotation",)}),
    "health_data": _with(_HEALTH, _SPECIAL),
    "genetic_data": _with(_GENETIC, _SPECIAL),
    "beliefs": _with(_BELIEFS, _SPECIAL),
    "criminal_data": _with(_CRIMINAL, _SPECIAL, {"en": ("criminal",), "nl": ("strafrecht",), "fr": ("penal",)}),
    "authorities": _with(_AUTHORITIES, {
        "en": ("competent authorit", "judicial", "investigating", "criminal investigation"),
        "nl": ("~overheidswege", "strafrechtelijk onderzoek"),
        "de": ("zustandige behorde", "strafverfolgungsbehorde"), "fr": ("autorites competentes", "judiciaire"),
    }),
    "request_fee": _with(_REQUEST_FEE, {"en": ("at no cost", "at no charge", "without charge"),
                                        "de": ("kostenfrei",), "fr": ("sans frais",)}),
    "staff_training": {"en": ("training", "awareness"), "nl": ("~training", "bewustwording", "opleiding"),
                       "de": ("~schulung", "sensibilisierung"), "fr": ("formation", "sensibilisation")},
    "payment_provider": _with(_PAYMENT_PROVIDER, {
        "*": ("mollie", "paypal", "stripe", "adyen", "buckaroo", "multisafepay", "ingenico", "worldline", "klarna",
              "ogone", "sisow", "pay nl", "=ccv"),
        "en": ("payment platform", "payment service"), "nl": ("betaalplatform", "betalingsplatform"),
        "de": ("zahlungsplattform",), "fr": ("plateforme de paiement",)}),
    "hosting_provider": _with(_HOSTING_PROVIDER, {
        "*": ("~hosting", "amazon web services", "=aws", "azure", "google cloud", "=ovh", "ovhcloud", "hetzner", "transip",
              "neostrada", "combell", "strato", "ionos", "hostnet", "vimexx"),
        "en": ("hosted by",), "nl": ("gehost",), "de": ("gehostet",), "fr": ("heberg",)}),
    "email_provider": _with(_EMAIL_PROVIDER, {
        "*": ("brevo", "sendinblue", "mailchimp", "dolist", "sendgrid", "mailjet", "mailgun", "postmark", "klaviyo"),
        "en": ("sending e mails", "sending of e mails", "mailing"), "nl": ("verzenden van e mails", "~mailing"),
        "de": ("versand von e mails", "~mailversand", "~newsletterversand"),
        "fr": ("envoi de mails", "envoi d e mails", "envoi de courriels", "emailing")}),
    "data_format": _with(_DATA_FORMAT, {"en": ("format", "machine readable"), "nl": ("formaat", "machineleesba"),
                                        "de": ("format", "maschinenlesbar"), "fr": ("format", "lisible par")}),
    "identity_check": {"en": ("identify yourself", "your identity", "proof of * identity", "verify * identity",
                              "confirm * identity", "identity document", "copy of * id"),  # not "identification data"
                       "nl": ("legitimeren", "uw identiteit", "identiteit * vast", "~identiteitsbewijs", "identificeren"),
                       "de": ("ihre identitat", "identitat * nachweis", "~ausweis", "identifizieren"),
                       "fr": ("votre identite", "justificatif d identite", "piece d identite", "vous identifier")},
    "dpo": _with(_DPO, {"en": ("data processing officer",), "nl": ("functionaris voor de gegevensbescherming",)}),
    "data_source": {"en": ("sources", "provided directly", "provided by you", "you provide", "obtained from",
                           "collected from", "received from", "publicly available"),
                    "nl": ("bronnen", "verkregen van", "verkregen via", "afkomstig van", "afkomstig uit",
                           "zelf aan ons", "door u verstrekt", "u ons verstrekt"),
                    "de": ("quellen", "stammen aus", "erhalten von", "erhoben bei", "direkt bei ihnen",
                           "von ihnen bereitgestellt", "von ihnen mitgeteilt", "offentlich zuganglich", "herkunft"),
                    "fr": ("proviennent", "obtenues aupres", "collectees aupres", "recueillies aupres",
                           "directement aupres", "vous nous fournissez", "fournies par vous", "provenance")},
    "social_media": _with(_SOCIAL_MEDIA, {"*": ("meta pixel", "=meta")}),
    "on_behalf": {"en": ("on your behalf", "authorised agent", "authorized agent", "legal representative"),
                  "nl": ("namens u", "namens jou", "gemachtigde", "machtiging", "wettelijk vertegenwoordiger"),
                  "de": ("in ihrem namen", "bevollmacht", "vollmacht", "gesetzlicher vertreter"),
                  "fr": ("en votre nom", "mandataire", "procuration", "representant legal")},
}
"""label -> language -> how a policy words the topic."""

PRIVACY_TOPIC_LABELS = frozenset({**_SENSITIVE, **_PROVIDERS})
"""Sensitive data and processing, and kinds of provider that receive data: naming one makes a question a privacy
question ("Speichert ihr DNA?", "Welke betaalprovider gebruiken jullie?"). Other topics
count only in a question already about privacy ("Do you have a Facebook page?" is not)."""
