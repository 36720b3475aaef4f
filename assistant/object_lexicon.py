"""The tables naming what a privacy question is about: data objects, rights and the action a yes/no question asks.

Data only; `assistant/intent.py` compiles and applies them. The term syntax is the one described in
`assistant/intent_lexicon.py`; here a leading `?` marks an everyday word that counts only in a question already
about personal data or privacy.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["ACTION_TERMS", "CHANNEL_OBJECTS", "GENERIC_ACTIONS", "NOT_OBJECT_TERMS", "OBJECT_TERMS", "POSSESSIVES", "RIGHT_TERMS",
           "TOPIC_ACTIONS"]

Table = Mapping[str, Mapping[str, tuple[str, ...]]]

# data object -> language -> terms. Matched in this order, and each match is blanked before the next object is
# looked for, so the specific comes first: "IP-Adresse" is an IP address, never also a postal address.
OBJECT_TERMS: Table = {
    "ip_address": {
        "*": ("ip", "~ipadres", "ip adres", "ip address", "adresse ip", "ip nummer", "ip number"),
    },
    "marketing": {
        "*": ("newsletter", "marketing", "~marketing", "~newsletter", "retargeting", "remarketing"),
        "en": ("advertis", "=ads", "promotion", "promotional", "direct mail", "mailing list"),
        "nl": ("nieuwsbrief", "~nieuwsbrief", "reclame", "~reclame", "aanbieding", "advertentie", "aan te prijzen",
               "aanprijzen"),
        "de": ("werbung", "~werbung", "werbe", "~werbemail", "~werbeanzeig", "personalisierte anzeig"),
        "fr": ("publicit", "=pub", "=pubs", "prospection", "lettre d information", "offres commerciales"),
    },
    "email_address": {
        "en": ("e mail address", "email address", "mail address", "e mail", "email", "=mail", "=mails"),
        "nl": ("~mailadres", "e mailadres", "e mail adres", "e mail", "email", "=mail", "=mails"),
        "de": ("~mailadresse", "e mail adresse", "e mail", "email", "=mail", "=mails"),
        "fr": ("adresse e mail", "adresse mail", "adresse email", "adresse electronique", "courriel", "e mail",
               "email", "=mail", "=mails"),
    },
    "payment_data": {
        "*": ("iban", "=bic", "paypal", "mollie", "stripe"),
        "en": ("payment data", "payment details", "payment information", "payment info", "credit card", "card number",
               "bank account", "bank details", "billing details"),
        "nl": ("~betaalgegevens", "~betalingsgegevens", "~betaalinformatie", "~betalingsinformatie", "creditcard",
               "~bankrekening", "bankgegevens", "~rekeningnummer"),
        "de": ("~zahlungsdaten", "~zahlungsinformation", "kreditkart", "~kreditkarte", "bankverbindung", "bankdaten",
               "~kontonummer", "bankkonto"),
        "fr": ("donnees de paiement", "informations de paiement", "coordonnees bancaires", "donnees bancaires",
               "carte bancaire", "carte de credit", "numero de carte"),
    },
    "invoices": {
        "en": ("invoice", "receipt", "billing", "=bills"),
        "nl": ("factu", "~factuur", "~facturen", "~facturatie"),
        "de": ("rechnung", "~rechnung", "quittung", "belege"),
        "fr": ("factur", "~facture"),
    },
    # Before the phone number: "telefoongesprekken" / "phone calls" are recorded calls, not a number.
    "call_recording": {
        "en": ("phone call", "record * call", "recorded call", "recording * call", "call * recorded",
               "conversation * recorded", "voice recording", "voice message"),
        "nl": ("~telefoongesprek", "~telefoongesprekken", "=gesprekken", "~spraakopname", "~stemopname",
               "~spraakbericht", "gesprek * opgenomen"),  # not "contact opnemen"
        "de": ("~telefonat", "~telefonate", "~telefongesprach", "anrufe * aufgezeichnet", "aufzeichn", "aufgezeichnet",
               "~sprachaufnahme", "~stimmaufnahme", "~sprachnachricht"),
        "fr": ("appels", "appel telephonique", "appel * enregistre", "conversation * enregistre", "enregistre * appel",
               "conversations telephoniques", "enregistrement vocal", "enregistrements vocaux", "message vocal",
               "messages vocaux"),
    },
    "phone_number": {
        "en": ("phone", "telephone", "mobile number", "cell number"),
        "nl": ("telefoon", "~telefoonnummer", "gsm", "mobiel nummer", "06 nummer"),
        "de": ("telefon", "~telefonnummer", "handy", "~handynummer", "mobilnummer", "ruft mich",
               "ruft ihr mich", "ruft sie mich", "rufen sie mich"),  # not "ruft ihr über mich ab"
        "fr": ("telephone", "numero de telephone", "numero de portable", "portable", "numero de tel"),
    },
    "contact_details": {
        "en": ("contact details", "contact data", "contact information", "contact info"),
        "nl": ("contactgegevens", "~contactgegevens", "contactinformatie"),
        "de": ("kontaktdaten", "~kontaktdaten", "kontaktinformation"),
        "fr": ("coordonnees", "informations de contact"),
    },
    "postal_address": {
        "en": ("address", "home address", "postal", "delivery address", "shipping address", "billing address"),
        "nl": ("=adres", "adressen", "~adres", "postcode", "woonplaats", "~adresgegevens"),
        "de": ("adresse", "~adresse", "anschrift", "~anschrift", "postleitzahl", "wohnort"),
        "fr": ("adresse", "code postal", "domicile"),
    },
    "log_files": {  # before uploaded files: "Server-Log-Dateien" are logs, not files a customer uploads
        "*": ("log file", "logfile", "~logfile", "=logs", "server logs", "access logs"),
        "nl": ("logbestand", "~logbestand", "log bestand", "loggegevens"),
        "de": ("log datei", "~logdatei", "protokolldatei", "~protokolldatei", "~logdaten", "protokolldaten"),
        "fr": ("fichier journal", "fichiers journaux", "journaux de connexion", "journal de connexion",
               "journalisation"),
    },
    "cookies": {  # before uploaded files: "les petits fichiers" on my computer are cookies
        "*": ("cookie", "~cookie", "tracking", "~tracking", "tracker", "=pixel", "=pixels", "google analytics",
              "analytics", "hotjar", "tag manager"),
        "en": ("web beacon", "local storage", "small files"),
        "nl": ("volgcookie", "kleine bestand"),
        "de": ("~tracker", "zahlpixel", "kleine dateien"),
        "fr": ("traceur", "temoin", "petits fichiers"),
    },
    "uploaded_files": {
        "*": ("stl", "=obj", "3mf", "=step", "=cad", "3d model", "3d file", "3d bestand", "3d datei", "fichier 3d",
              "fichiers 3d"),
        "en": ("file", "upload", "model", "design", "drawing", "print file", "photo"),
        "nl": ("bestand", "~bestand", "upload", "geupload", "ontwerp", "tekening", "model", "~model", "foto"),
        "de": ("datei", "~datei", "hochgelad", "hochlad", "~upload", "modell", "~modell", "entwurf", "zeichnung",
               "foto"),
        "fr": ("fichier", "~fichier", "televers", "modele", "conception", "plans", "photo"),
    },
    "order_history": {
        "en": ("order history", "purchase history", "order data", "order details", "my orders", "past orders",
               "=orders", "purchases"),
        "nl": ("~bestelgeschiedenis", "~bestelgegevens", "bestellingen", "~orderhistorie", "aankopen"),
        "de": ("~bestellhistorie", "~bestellverlauf", "~bestelldaten", "bestellungen", "~kaufhistorie", "einkaufe"),
        "fr": ("historique de commande", "historique d achat", "donnees de commande", "commandes", "achats"),
    },
    "account": {
        "*": ("account", "~account", "login"),
        "en": ("profile", "user name", "username", "password"),
        "nl": ("profiel", "gebruikersnaam", "wachtwoord"),
        "de": ("=konto", "kundenkonto", "~konto", "profil", "benutzerkonto", "passwort"),
        "fr": ("=compte", "compte client", "profil", "identifiant", "mot de passe"),
    },
    "name": {
        "en": ("my name", "full name", "first name", "last name", "surname"),
        "nl": ("naam", "voornaam", "achternaam", "~naam"),
        "de": ("=name", "=namen", "vorname", "nachname", "~namen"),
        "fr": ("=nom", "prenom", "nom de famille", "nom complet"),
    },
    "location": {
        "*": ("gps", "geoloc"),
        "en": ("location", "where i am"),
        "nl": ("locatie", "~locatie", "waar ik ben"),
        "de": ("standort", "~standort", "aufenthaltsort"),
        "fr": ("localisation", "geolocalisation", "ou je suis"),
    },
    # how one browses, which any tracking clause words
    "browsing_data": {
        "en": ("browsing", "surfing"), "nl": ("surfgedrag", "~surfgedrag", "klikgedrag"),
        "de": ("surfverhalten", "~surfverhalten", "nutzungsdaten"), "fr": ("navigation",),
    },
    # the technical data of the device, which a policy lists among the data collected
    "device_data": {
        "en": ("browser", "device", "user agent", "operating system"), "nl": ("browser", "apparaat", "besturingssysteem"),
        "de": ("browser", "gerat", "endgerat", "betriebssystem"), "fr": ("navigateur", "appareil", "systeme d exploitation"),
    },
    "camera_images": {
        "*": ("camera", "cctv", "video"),
        "nl": ("~camera", "~beelden", "bewakingsbeeld"),
        "de": ("kamera", "~kamera", "videouberwachung"),
        "fr": ("videosurveillance", "images de"),
    },
    "national_number": {  # before the identity document: "BSN" is a number, not a document
        "*": ("=bsn", "=nir"),
        "en": ("social security number", "citizen service number", "national id number",
               "national identification number", "national insurance number", "personal identification number"),
        "nl": ("burgerservicenummer", "~burgerservicenummer", "sofinummer", "rijksregisternummer",
               "~rijksregisternummer"),
        "de": ("sozialversicherungsnummer", "steueridentifikationsnummer", "steuer id", "identifikationsnummer",
               "personalausweisnummer"),
        "fr": ("numero de securite sociale", "numero d identification", "numero national"),
    },
    "identity_document": {
        "en": ("id card", "passport", "identity document", "driving licen", "copy of my id"),
        "nl": ("~identiteitsbewijs", "paspoort", "identiteitskaart", "rijbewijs", "kopie id"),
        "de": ("~ausweis", "personalausweis", "reisepass", "fuhrerschein"),
        "fr": ("piece d identite", "carte d identite", "passeport", "permis de conduire"),
    },
    # A topic rather than data: a cited unit must word the topic itself (`TOPIC_LABELS`; also `call_recording`).
    "breach": {
        # a hack or a theft, not the hackers a security measure protects against ("schützt ihr sie vor Hackern")
        "*": ("=hack", "hacked"),
        "en": ("data breach", "breach", "data leak", "leaked", "stolen data", "=steal", "=steals"),
        "nl": ("~datalek", "gehackt", "lekt", "gelekt", "inbraak", "gestolen", "=stelen", "=steelt"),
        "de": ("~datenleck", "~datenpanne", "gehackt", "datenschutzverletzung", "gestohlen", "=stehlen", "=stiehlt",
               "geklaut", "=klauen", "=klaut"),
        "fr": ("pirate", "piratage", "fuite de donnees", "violation de donnees", "donnees volees", "=voler", "=vole"),
    },
}

# language -> idioms that hold an object's word but name no data, masked before objects are looked for: "file a
# complaint" uploads no file, an "accountant" or "accounting firm" holds no customer account.
NOT_OBJECT_TERMS: Mapping[str, tuple[str, ...]] = {
    "en": ("file a complaint", "file an objection", "file a claim", "file a request", "file a report", "on file",
           "accounting firm", "accounting office", "accountant", "keep browsing", "continue browsing",
           "continue to browse"),
    "nl": ("accountant",),
}

# Actions that are topics of their own (`assistant.evidence_lexicon.TOPIC_LABELS`): named anywhere in a question,
# they are what it asks about, whatever verb comes first ("gebruikt ... voor profilering").
TOPIC_ACTIONS = frozenset({"profile"})
# Verbs that say nothing of what is done with the data beyond its use; a topic action named later outranks them.
GENERIC_ACTIONS = frozenset({"use", "process", "protect"})

# Objects that are also ways to reach the shop: in a contact question they name the shop's channel, not the
# customer's data, unless a first-person possessive stands right before them ("my e-mail address").
CHANNEL_OBJECTS = ("email_address", "phone_number", "postal_address", "contact_details")

# right -> language -> terms. A right named in so many words ("inzage", "Auskunft"... ) makes a question a privacy
# question by itself; a `?` term is an everyday verb ("delete", "wrong", "disable") that names a right only in a
# question already about personal data or privacy.
RIGHT_TERMS: Table = {
    "erasure": {
        "en": ("erasure", "be forgotten", "deletion request", "erasure request", "?delete", "?deletion", "?erase",
               "?remove", "?removal", "?close my account", "?wipe"),
        "nl": ("~verwijderingsverzoek", "~verwijderverzoek", "vergetelheid", "?verwijder", "?~verwijdering",
               "?wissen", "?gewist", "?vergeten", "?opheffen", "?opzeggen"),
        "de": ("~loschungsanspruch", "~loschungsantrag", "~loschantrag", "~loschanfrage", "?losch", "?~loschung",
               "?~loschen", "?entfern", "?vergessen", "verlangen * geloscht", "fordern * geloscht",
               "beantragen * geloscht", "will * geloscht", "mochte * geloscht", "wollen * geloscht"),
        "fr": ("effacement", "droit a l oubli", "demande de suppression", "?supprim", "?suppression", "?effac",
               "?oubli"),
    },
    "access": {
        "en": ("access request", "subject access", "data you hold", "data you have about", "?=access",
               "?what you have on me", "?what you have about me", "?what you know about me",
               "?access to my", "?see my", "?see the data", "?see what", "?copy of my", "?copy of the data",
               "?view my"),
        "nl": ("inzage", "~inzage", "?inzien", "?kopie van mijn", "?kopie van de gegevens", "?kopie van alles", "?opvragen",
               "?welke gegevens * over mij", "?gegevens die jullie over mij", "?gegevens die u over mij",
               "?wat jullie over mij", "?wat jullie van mij"),
        "de": ("~auskunftsersuchen", "~auskunftsrecht", "~auskunftsantrag", "~auskunftsanfrage", "?auskunft",
               "?~auskunft", "?einsicht", "?kopie meiner", "?kopie der daten", "?daten die sie uber mich", "?was ihr uber mich",
               "?was sie uber mich",
               "?einsehen"),
        "fr": ("droit d acces", "demande d acces", "?=acces", "?acceder", "?copie de mes", "?copie des donnees",
               "?donnees que vous avez sur moi", "?donnees que vous detenez", "?consulter"),
    },
    "rectification": {
        "en": ("rectif", "?correct my", "?correct the", "?update my", "?change my", "?fix my", "?wrong", "?incorrect",
               "?inaccurate"),
        "nl": ("rectific", "?corrig", "?verbeter", "?mijn * aanpass", "?mijn * wijzig", "?onjuist", "?klopt niet",
               "?=fout"),
        "de": ("berichtig", "~berichtigung", "?korrigier", "?meine * andern", "?falsch", "?unrichtig"),
        "fr": ("rectif", "?corrig", "?modifier mes", "?modifier mon", "?inexact", "?erron"),
    },
    "objection": {
        "en": ("unsubscribe", "right to object", "?object", "?objection", "?opt out", "?stop * marketing",
               "?stop * newsletter"),
        "nl": ("bezwaar", "uitschrijven", "?afmelden", "?opt out", "?geen * meer ontvangen"),
        "de": ("widerspr", "~widerspruch", "abbestell", "?abmelden", "?austragen"),
        "fr": ("desabonn", "desinscri", "droit d opposition", "?opposer", "?oppose", "?opposition"),
    },
    "portability": {
        "en": ("portab", "machine readable", "?export my", "?move my data", "?transfer my data to", "?what format",
               "?which format", "?file format", "?to another company", "?to another provider", "?export",
               "?to another shop", "?to another store", "?take it to another", "?take my data"),
        "nl": ("overdraagbaar", "~overdraagbaarheid", "~portabiliteit", "?overdragen", "?exporteren", "?meenemen",
               "?welk formaat", "?~bestandsformaat", "?naar een ander bedrijf", "?naar een andere aanbieder",
               "?naar een andere winkel", "?naar een andere webshop"),
        "de": ("ubertragbarkeit", "~ubertragbarkeit", "~portabilitat", "?exportier", "?mitnehmen", "?welchem format",
               "?welches format", "?~dateiformat", "?zu einem anderen anbieter", "?an ein anderes unternehmen",
               "?an eine andere firma", "?zu einer anderen firma", "?an einen anderen anbieter", "?zu einem anderen shop"),
        "fr": ("portabilite", "recuperer mes donnees", "?exporter", "?recuperer mes", "?quel format",
               "?transferer ailleurs", "?les transferer", "?envoyer a une autre", "?vers un autre prestataire",
               "?a une autre entreprise", "?vers une autre entreprise"),
    },
    "restriction": {
        "en": ("restriction of processing", "?restrict", "?restriction", "?limit the processing", "?limit processing"),
        "nl": ("beperking van de verwerking", "?beperk", "?~beperking"),
        "de": ("einschrankung der verarbeitung", "?einschrank", "?~einschrankung", "?sperr", "?~sperrung"),
        "fr": ("limitation du traitement", "?limitation", "?limiter"),
    },
    "withdraw_consent": {
        "en": ("?withdraw", "?revoke", "?take back my consent", "?disable", "?turn off", "?reject * cookies",
               "?refuse * cookies", "?manage * cookies"),
        "nl": ("?intrekken", "?trek * in", "?herroep", "?uitzetten", "?uitschakel", "?weigeren", "?cookies beheren",
               "?beheer * cookies"),
        "de": ("?widerruf", "?~widerruf", "?~widerrufen", "?zuruckzieh", "?zuruckzunehmen", "?deaktivier",
               "?ablehnen", "?abschalt", "?cookies verwalten", "?verwalte * cookies"),
        "fr": ("?retirer", "?retrait", "?revoquer", "?desactiv", "?refuser", "?gerer * cookies"),
    },
    "complaint": {
        "en": ("supervisory authority", "data protection authority", "?regulator", "?complain", "?complaint",
               "?lodge"),
        "nl": ("toezichthouder", "autoriteit persoonsgegevens", "gegevensbeschermingsautoriteit", "?klacht",
               "?~klacht", "?klagen"),
        "de": ("aufsichtsbehord", "~aufsichtsbehorde", "datenschutzbehord", "?beschwer", "?~beschwerde"),
        "fr": ("cnil", "autorite de controle", "autorite de protection", "?plainte", "?reclamation", "?plaindre"),
    },
}

# action -> language -> terms: what a yes/no question asks the shop to confirm ("do you sell ...").
ACTION_TERMS: Table = {
    "sell": {
        "en": ("=sell", "=sells", "selling", "sold", "=sale"),  # not "seller"
        "nl": ("verkoop", "verkopen", "verkocht"),
        "de": ("verkaufen", "verkauft", "verkaufst", "=verkaufe", "=verkauf", "~weiterverkauf"),  # not "Verkäufer"
        "fr": ("=vend", "vendez", "vendons", "vendent", "vendr", "vendu", "revend"),  # not "vendeur"
    },
    "share": {
        "en": ("share", "shared", "sharing", "pass on", "pass my", "=hand", "hand over", "give", "disclose",
               "forward", "publish", "make * public", "anywhere public", "publicly"),
        "nl": ("deel", "delen", "gedeeld", "doorgeven", "doorgegeven", "geeft * door", "geef", "geven", "verstrek",
               "doorsturen", "openbaar", "publiceer", "publiceren"),
        "de": ("teil", "geteilt", "gibt * weiter", "gebt * weiter", "geben * weiter", "leitet * weiter",
               "leiten * weiter", "reicht * weiter", "reichen * weiter", "weitergeb", "weitergegeben", "weiterleit",
               "gibt * an", "geben * an", "ubergeb", "ubermittel", "veroffentlich", "offentlich"),  # not "weiter nutzen"
        "fr": ("partag", "transmet", "transmis", "communiqu", "=donne", "donnez", "donner", "donnent", "cede",
               "publie", "rend * public", "rendre public", "rendues publiques"),
    },
    "use": {
        "en": ("=use", "=uses", "used", "using"),
        "nl": ("gebruik", "benut"),
        "de": ("verwend", "nutz", "benutz"),
        "fr": ("utilis", "se sert"),
    },
    "store": {
        "en": ("store", "stored", "save", "saved"),
        "nl": ("opslaan", "slaan * op", "slaat * op", "opgeslagen"),
        "de": ("speicher", "gespeichert"),
        "fr": ("stock", "enregistr", "sauvegard"),
    },
    "collect": {
        "en": ("collect", "gather", "record"),
        "nl": ("verzamel",),
        "de": ("erheb", "erhoben", "sammel", "erfass"),
        "fr": ("collect", "recueill"),
    },
    "process": {
        "en": ("process",),
        "nl": ("verwerk",),
        "de": ("verarbeit",),
        "fr": ("trait",),
    },
    "track": {
        "en": ("track", "monitor", "follow me"),
        "nl": ("=volg", "=volgen", "=volgt", "gevolgd", "track"),
        "de": ("verfolg", "track", "uberwach"),
        "fr": ("suivre", "suivent", "traqu", "=trace", "=tracent", "=tracer", "=tracez", "=traces", "=tracee",
               "=tracees", "tracage", "tracking", "tracker", "pistage", "pister"),  # not "traçabilité"
    },
    "market": {
        "en": ("send me", "call me", "email me", "mail me", "spam"),
        "nl": ("sturen", "stuurt", "mailen", "bellen", "benaderen"),
        "de": ("schick", "zusend", "senden", "anruf", "ruft mich", "ruft ihr mich", "ruft sie mich",
               "rufen sie mich"),
        "fr": ("m appeler", "me telephoner", "m envoy", "m envoi", "envoyer des", "envoie des", "envoyez des",
               "demarch"),  # not "vous appeler", not "envoie mes donnees a"
    },
    "profile": {
        "en": ("profiling", "automated decision", "profile me", "algorithm * decid", "decided by * algorithm",
               "decisions by * algorithm", "automatic decision", "decided by a computer", "decision * by a computer",
               "automatically decide"),
        "nl": ("profilering", "geautomatiseerd", "profiel van mij", "algoritme * beslis", "beslist * algoritme",
               "automatisch beslis", "automatische beslis", "automatisch over mij beslis", "computer beslist",
               "profiling"),
        "de": ("profiling", "profilbildung", "automatisiert", "algorithmus * entscheid", "entscheidet * algorithmus",
               "automatisch entscheid", "computer entscheid"),
        "fr": ("profilage", "profiling", "decisions automatis", "decision automatis", "decisions automatiques",
               "decision * par un algorithme", "decide * par un algorithme", "algorithme decide", "decision automatique",
               "decision * par un ordinateur", "automatiquement decid"),
    },
    "protect": {
        "en": ("protect", "secure", "safe", "encrypt"),
        "nl": ("beveilig", "bescherm", "veilig", "versleutel", "waarborg"),
        "de": ("schutz", "sicher", "verschlussel", "=garantien", "abgesichert", "absicher"),
        "fr": ("proteg", "securis", "chiffr", "en securite", "=garanties"),
    },
    "inform": {
        "en": ("tell me", "=inform", "informs", "informed", "notify", "let me know"),
        "nl": ("informeren", "laten weten", "melden", "op de hoogte"),
        "de": ("informier", "benachrichtig", "mitteil", "bescheid"),
        "fr": ("informer", "informez", "=informe", "informera", "prevenir", "previen", "notifi"),
    },
}

# First-person possessives, per language ("my e-mail address" is the customer's data, not the shop's channel).
POSSESSIVES: Mapping[str, frozenset[str]] = {
    "en": frozenset({"my", "mine"}),
    "nl": frozenset({"mijn", "mn", "n"}),
    "de": frozenset({"mein", "meine", "meinen", "meiner", "meinem", "meines"}),
    "fr": frozenset({"mon", "ma", "mes"}),
}
