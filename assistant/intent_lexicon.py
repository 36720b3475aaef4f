"""The tables of the question-intent classifier: intent cues, question shapes, privacy and off-topic words.

Data only; `assistant/intent.py` compiles and applies them, with the data objects, rights and actions of
`assistant/object_lexicon.py`. Every table maps a label to a language (`en`, `nl`,
`de`, `fr`, or `*` for terms shared by all four) to terms. Terms are written lower case and accent-free, as
`core.categories.normalize` folds a question ("Übermittelt" -> "ubermittelt", "ß" -> "ss", "E-Mail" -> "e mail").

Term syntax:
- a word matches at the start of a word, so `bewaar` finds `bewaard` and `bewaren`; a word of up to three letters,
  or one written `=word`, must match a whole word (`eu`, `dpo`, `=kontakt` but not `kontaktdaten`);
- `~word` matches anywhere inside a word, for the compounds of Dutch and German (`~termijn` in `bewaartermijn`);
- words separated by spaces form a phrase that matches in order; `*` between two words allows up to five other
  words in between (`who * share` matches "who does Pixeljet share");
- a leading `!` makes an intent cue weigh 2 instead of 1; a leading `?` marks a bare question phrasing ("how
  long", "can I") or an everyday word ("address", "partner") that counts only in a question already about privacy:
  one that names personal data, a data object or a right, or matches a cue without `?`. Both may be combined (`!?`).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "FILLER_WORDS",
    "INTENT_PHRASINGS",
    "INTENT_TERMS",
    "OFF_TOPIC_TERMS",
    "PRIVACY_TERMS",
    "WH_WORDS",
    "YES_NO_OPENERS",
]

Table = Mapping[str, Mapping[str, tuple[str, ...]]]

# intent -> language -> cue words; `other` gathers topics with no answer type of their own (purpose, security,
# breach, changes), so that they are not mistaken for one. Matched cue words are reported as lexical evidence.
# The yes/no intent has no cues here: it comes from the shape of the question (`YES_NO_OPENERS`) and the asked
# action (`ACTION_TERMS` in `assistant/object_lexicon.py`); `exercise_right` also scores one per right named, and
# its phrasings ("how do I", "kann ich") count only when a right is named.
INTENT_TERMS: Table = {
    "duration": {
        "en": ("!retention period", "retention", "retain", "keep my", "keep your", "?keep it", "?keep them",
               "keep the data", "keep personal", "keep data", "=kept", "storage period", "stored for",
               "deleted after", "?=longest", "?=shortest", "?hold on to", "?hang on to"),
        "nl": ("!~bewaartermijn", "!~bewaarplicht", "!~opslagtermijn", "bewaar", "bewar", "opslagduur",
               "verwijderd na", "?het langst", "?het kortst"),
        "de": ("!~aufbewahrungsfrist", "!~aufbewahrungsdauer", "!~speicherdauer", "!~speicherfrist", "!~loschfrist",
               "aufbewahr", "~aufbewahrung", "geloscht nach", "?am langsten", "?am kurzesten"),
        "fr": ("!duree de conservation", "conserv", "?garde", "?garder", "?gardez", "?le plus longtemps",
               "?le moins longtemps"),
    },
    "response_time": {
        "en": ("!?take to answer", "!?take to respond", "!?take to reply", "!?response time", "?answer", "?respond",
               "?reply", "?deadline"),
        "nl": ("!?~reactietermijn", "!?~antwoordtermijn", "?antwoord", "?reageren", "?beantwoord", "?termijn"),
        "de": ("!?~antwortfrist", "?antwort", "?beantwort", "?reagier", "?=frist"),
        "fr": ("!?rapidement", "!?delai de reponse", "?repond", "?reponse", "?delai"),
    },
    "transfer": {
        "*": ("!usa", "!~drittland", "!~drittstaat"),
        "en": ("!outside the eu", "!outside the eea", "!outside europe", "!outside of the eu", "!leave the eu",
               "!leave europe", "!stored in europe", "!stored in the eu", "!abroad", "!third countr", "!united states",
               "!america", "!to the us", "!in the us", "!eu or outside", "!inside the eu", "!within the eu",
               "!keep * in europe", "!keep * in the eu", "!stay in europe", "!stay in the eu",
               "?store * in the eu", "?store * in europe", "?international", "?countr", "?transfer", "?stored in",
               "?servers", "?hosted", "?eu", "?eea", "?europe"),
        "nl": ("!buiten de eu", "!buiten europa", "!buiten de eer", "!buitenland", "!derde land", "!verenigde staten",
               "!naar de vs", "!in de vs", "!amerika", "doorgifte", "~doorgifte", "!in europa opgeslagen",
               "!in de eu opgeslagen", "!binnen de eu", "!binnen europa", "!in europa blijven", "!in europa blijft",
               "!houden * in europa", "!houden * in de eu", "!eu of daarbuiten", "!eu of buiten", "?opgeslagen in de eu",
               "?opgeslagen in europa", "?opslaan in de eu", "?bewaar * in de eu", "?bewaar * in europa", "?landen",
               "?servers", "?eu", "?eer", "?europa", "?verlaten"),
        "de": ("!ausserhalb der eu", "!ausserhalb europas", "!ausserhalb des ewr", "!ausland", "!drittland",
               "!vereinigte staaten", "!amerika", "ubermittel", "!eu oder ausserhalb", "!eu oder auch ausserhalb",
               "!innerhalb der eu", "!innerhalb europas", "!in europa bleiben", "!in der eu bleiben", "!bleiben * in europa",
               "!bleiben * in der eu", "?speicher * in der eu", "?speicher * in europa", "!in europa gespeichert",
               "!in der eu gespeichert", "?lander", "?server", "?eu", "?ewr", "?europa", "?verlassen"),
        "fr": ("!hors de l ue", "!hors ue", "!hors de l union", "!en dehors de l", "!hors d europe", "!etranger",
               "!pays tiers", "!etats unis", "!amerique", "!americain", "!stockees en europe", "!ue ou en dehors",
               "!ue ou hors", "!europe ou hors", "!reste en europe", "!reste dans l ue",
               "!garde * en europe", "?stock * dans l ue",
               "?stock * en europe", "!stockees dans l ue", "?transfert", "?transfer", "?serveur", "?ue", "?europe",
               "?quitte"),
    },
    "legal_basis": {
        "en": ("!legal basis", "!legal bases", "!legal ground", "!lawful basis", "!legitimate interest", "lawful",
               "?allowed to", "?permitted", "?legal"),
        "nl": ("!grondslag", "!~grondslag", "!rechtsgrond", "!gerechtvaardigd belang", "wettelijk", "rechtmatig",
               "?toegestaan"),
        "de": ("!rechtsgrundlage", "!~rechtsgrundlage", "!grundlage", "!berechtigte interess",
               "!berechtigtes interess", "rechtmassig", "?erlaubt", "?zulassig"),
        "fr": ("!base legale", "!base juridique", "!fondement", "!interet legitime", "licite", "?autorise"),
    },
    "contact": {
        "en": ("!?=contact", "!?contact you", "!?contact the", "!?reach", "!dpo", "!data protection officer",
               "!privacy officer", "!controller", "!supervisory authority", "!data protection authority",
               "?postal address", "!?headquarter", "!?get in touch", "!?write to", "?e mail address",
               "?email address", "?address of", "?phone number", "!?can i call", "!?number * call", "!?call you",
               "!company number", "!registration number", "!chamber of commerce",
               "!?where * based", "!?where * located", "!who is behind", "!which company is behind",
               "!privacy guy", "!privacy person", "!privacy contact"),
        "nl": ("!?=contact", "!?contact op", "!?contacteer", "!?contacteren", "!?~contactpersoon", "!functionaris",
               "!fg", "!dpo", "!?bereik", "!?bij wie kan ik terecht", "!?waar kan ik terecht", "!toezichthouder",
               "!autoriteit persoonsgegevens",
               "!gegevensbeschermingsautoriteit", "!verantwoordelijke", "!?gevestigd", "!?aanspreekpunt",
               "?postadres", "?~mailadres", "?e mailadres", "?e mail adres", "?het adres", "?uw adres",
               "?jullie adres", "?hun adres", "?adres van", "!?waar zit", "!wie zit er achter",
               "!welk bedrijf zit er achter", "!welk bedrijf * achter", "?telefoonnummer", "!?welk nummer", "!?kan ik * bellen",
               "!?kan ik * opbellen", "!?jullie opbellen", "!?hen opbellen", "!kvk", "!ondernemingsnummer",
               "!kamer van koophandel"),
        "de": ("!?=kontakt", "!?kontaktier", "!?erreich", "!~datenschutzbeauftragt", "!?ansprechp",
               "!?~ansprechpartner", "!aufsichtsbehord", "!~aufsichtsbehorde", "!datenschutzbehord",
               "!verantwortlich", "?anschrift", "?~anschrift", "!?sitz", "!?schreiben", "?e mail adresse",
               "?~mailadresse", "?ihre adresse", "?die adresse", "?adresse von", "?~postanschrift", "?telefonnummer", "!?anrufen",
               "!?welche nummer", "!?welcher nummer", "!?welchen nummer", "!?kann ich * anrufen",
               "!handelsregister", "!?firmensitz", "!?wo sitzt", "!wer steckt * dahinter",
               "!welche firma steckt", "!welches unternehmen steckt", "!?an wen wende ich mich",
               "!?an wen * wenden"),
        "fr": ("!?=contact", "!?contacter", "!?joindre", "!dpo", "!dpd", "!delegue", "!privacy officer", "?adresse postale", "!?courriel",
               "!?a qui * m adresse", "!?m adresse a qui",  # whom to contact, not who receives
               "!autorite", "!cnil", "!responsable du traitement", "!responsable de traitement", "!?ecrire", "!?=ecris",
               "!?siege", "!?interlocuteur", "?adresse e mail", "?adresse mail", "?l adresse", "?votre adresse",
               "?adresse de", "?numero de telephone", "!?quel numero", "!?vous appeler", "!?puis je appeler",
               "!numero d entreprise", "!?ou se trouve", "!?ou est situe", "!?ou est base",
               "!qui est derriere", "!quelle societe est derriere", "!quelle entreprise est derriere",
               "!quelle boite * derriere", "!?base ou", "!?situe ou"),
    },
    "recipients": {
        "en": ("third part", "recipient", "?partner", "processor", "?courier", "?tax authorit", "?tax office", "?police"),
        "nl": ("derden", "derde partij", "ontvanger", "verwerker", "?partner", "?koerier", "?~vervoerder",
               "?belastingdienst", "?politie"),
        "de": ("dritte", "~dritte", "empfanger", "?partner", "?~dienstleister", "?kurier", "?paketdienst",
               "?finanzamt", "?polizei"),
        "fr": ("tiers", "destinataire", "?partenaire", "sous traitant", "?prestataire", "?transporteur", "?livreur",
               "?police", "?fisc"),
    },
    "list": {
        "en": ("?categories of", "?list", "?overview"),
        "nl": ("?soorten", "?overzicht", "?lijst"),
        "de": ("?arten von", "?ubersicht", "?liste"),
        "fr": ("?categories de", "?liste"),
    },
    "exercise_right": {
        "en": ("?request", "right to", "right of", "exercise", "identify myself", "proof of identity"),
        "nl": ("?verzoek", "?~verzoek", "recht op", "recht van", "uitoefenen", "identificeren", "~identiteitsbewijs"),
        "de": ("?antrag", "?~antrag", "?ersuchen", "recht auf", "geltend", "ausweis", "identifizier"),
        "fr": ("?demande", "droit a", "droit de", "droit d", "exercer", "identite", "justificatif"),
    },
    "other": {
        "en": ("!purpose", "!secure", "!security", "!safe", "!protect", "!encrypt", "!breach", "!leak", "!hack",
               "?change", "?update"),
        "nl": ("!doel", "!~doeleinden", "!beveilig", "!veilig", "!bescherm", "!versleutel", "!datalek", "!~datalek",
               "!lek", "?wijzig", "?aanpass", "?verander"),
        "de": ("!zweck", "!~zweck", "!schutz", "!geschutzt", "!sicher", "!~sicherheit", "!verschlussel", "!~datenpanne",
               "!~datenleck", "?andert", "?anderung", "?andern"),
        "fr": ("!finalite", "!securis", "!securite", "!proteg", "!chiffr", "!violation", "!fuite", "?modifi"),
    },
}

# intent -> language -> question phrasings ("how long", "who gets", "which data"): they score like cue words but
# say nothing about the passage that answers, so they are never reported as lexical evidence.
INTENT_PHRASINGS: Table = {
    "duration": {
        "en": ("?how long", "?until when", "?how many years", "?how many months", "delete * after", "?after the",
               "?when * delete", "how long * stored", "how long * kept", "!?after how many"),
        "nl": ("?hoe lang", "?hoelang", "?hoeveel jaar", "?tot wanneer", "?na afloop", "?wanneer * verwijder",
               "?na de", "hoe lang * opgeslagen", "hoe lang * bewaard", "!?na hoeveel"),
        "de": ("?wie lange", "?wie viele jahre", "?bis wann", "?wann * losch", "?nach ablauf",
               "bleiben * gespeichert", "?nach der", "wie lange * gespeichert", "wie lange * aufbewahrt",
               "!?nach wie viel"),
        "fr": ("?combien de temps", "?pendant combien", "?jusqu a quand", "?quand * supprim", "?combien d annees",
               "?apres la", "?apres le", "combien de temps * conserv", "combien de temps * stock",
               "!?au bout de combien", "!?apres combien"),
    },
    "response_time": {
        "en": ("!?how fast", "!?how quickly", "!?how soon", "!?within how many", "!?have to answer",
               "!?have to respond", "!?answer * request", "!?respond to * request", "!?reply to * request",
               "?how many days", "!?how long * to answer", "!?how long * to respond", "!?how long * to reply",
               "!?answers faster", "!?responds faster", "!?how much time * to answer", "!?how much time * to respond",
               "!?how much time * to handle", "!?how much time * to process", "!?extend the deadline", "!?replies faster",
               "!?answers quicker", "!?responds quicker", "!?allowed to take", "!?how long can they take", "!?how long may they take"),
        "nl": ("!?hoe snel", "!?binnen hoeveel", "?hoeveel dagen", "!?reageren op * verzoek", "!?beantwoorden van",
               "!?reageert sneller", "!?sneller reageren", "!?antwoordt sneller", "!?sneller antwoord",
               "!?mogen * erover doen", "!?hoe lang mogen ze", "!?hoeveel tijd * om * te beantwoorden",
               "!?hoeveel tijd * om * te behandelen", "?termijn * verleng",
               "!?termijn voor * ~verzoek * verleng"),
        "de": ("!?wie schnell", "!?innerhalb welcher", "!?innerhalb von wie", "?wie viele tage",
               "!?zu beantworten", "!?antworten auf", "!?wie lange dauert * antwort", "!?wie lange * bis * antwort",
               "!?antwortet schneller", "!?reagiert schneller", "!?schneller * antwort", "!?wie lange durfen sie",
               "!?sich * zeit lassen", "!?wie viel zeit * um", "!?wieviel zeit * um", "!?zeit * zu bearbeiten",
               "!?zeit * zu beantworten"),
        "fr": ("!?dans quel delai", "!?sous quel delai", "!?sous combien", "?combien de jours", "!?pour repondre",
               "!?repondre a * demande", "!?pour traiter * demande", "!?repond en combien", "!?repondez en combien",
               "!?repondent en combien", "!?en combien de temps * repond", "!?combien de temps * pour traiter",
               "!?combien de temps * pour repondre", "!?repond plus vite", "!?repond le plus vite",
               "!?repond plus rapidement", "!?combien de temps ont ils", "!?ont le droit de prendre"),
    },
    "transfer": {
        "en": ("!where * stored", "!where * store", "!where * kept", "!where * hosted", "!where * servers"),
        "nl": ("!waar * opgeslagen", "!waar * opslaan", "!waar * bewaard", "!waar * servers"),
        "de": ("!wo * gespeichert", "!wo * gehostet", "!wo * server"),
        "fr": ("!ou sont stock", "!ou * stock", "!ou * heberg"),
    },
    "legal_basis": {
        "en": ("!on what basis", "!on what grounds", "!what grounds", "!without * consent", "!?by what right"),
        "nl": ("!op basis waarvan", "!zonder * toestemming", "?met welk recht"),
        "de": ("!auf welcher grundlage", "!ohne * einwilligung", "!ohne * zustimmung", "?mit welchem recht"),
        "fr": ("!sur quelle base", "!sans * consentement", "?le droit de", "?de quel droit"),
    },
    "contact": {
        "en": ("!who is responsible", "!where * complain", "!where can i * complain", "!which authority",
               "!?where * based", "?your address", "?the address", "?what address", "?which address", "?who do i ask"),
        "nl": ("!waar * klacht", "!waar kan ik * klacht", "!waar * klagen", "?welk adres"),
        "de": ("!wo * beschwer", "!wo kann ich * beschwer", "!welcher behorde", "?welche adresse"),
        "fr": ("!ou * plainte", "!ou puis je * plainte", "!ou * reclamation", "!?a quelle adresse", "!ou * plaindre",
               "!plaindre ou", "!plaindre aupres"),
    },
    "recipients": {
        "en": ("!who gets", "!who receives", "!who has access", "!has access to my", "!they have access to my",
               "!who can see", "!with whom", "!to whom", "!who * share", "!who * pass", "!who * give",
               "!who * disclose", "!who * forward", "!who * hand", "!?who delivers", "!which third", "!which partners",
               "!which companies", "!who else", "!see that i", "!sees that i", "!know that i", "!knows that i",
               "!can the * see", "!does the * see", "!will the * see", "!can they see", "!can others see",
               "!can other * see", "!get to see"),
        "nl": ("!heeft * toegang tot mijn", "!hebben * toegang tot mijn", "!kan de * zien", "!kunnen de * zien",
               "!ziet de", "!kunnen andere * zien", "!krijgt de * te zien", "!wie krijgt", "!wie ontvangt",
               "!wie kan * zien", "!met wie", "!aan wie", "!wie * toegang", "!?wie bezorgt", "!welke derden",
               "!welke partijen", "!welke bedrijven", "!krijgt hij", "!krijgt zij", "!ziet * dat ik",
               "!weet * dat ik"),
        "de": ("!wer bekommt", "!wer erhalt", "!wer kriegt", "!?wer liefert", "!wer * zugriff",
               "!hat * zugriff auf meine", "!haben * zugriff auf meine", "!wer sieht", "!an wen", "!mit wem",
               "!welche dritt", "!welche partner", "!welche unternehmen", "!wer kann * sehen", "!wer * einsehen",
               "!wem gebt", "!wem * gebt", "!wem * geben", "!wem * weiter", "!sieht * dass ich", "!weiss * dass ich",
               "!kann der * sehen", "!kann die * sehen", "!sieht der", "!konnen andere * sehen", "!bekommt der"),
        "fr": ("!qui recoit", "!?qui livre", "!a qui", "!avec qui", "!qui a acces", "!a acces a mes",
               "!ont acces a mes", "!qui * partag", "!qui * transm", "!quels tiers", "!quels partenaires",
               "!qui peut voir", "!qui peut consulter", "!voit que j", "!sait que j", "!peut il voir",
               "!peut elle voir", "!peuvent ils voir"),
    },
    "list": {
        "en": ("!which data", "!what data", "!what personal", "!which personal", "!what info",
               "!which information", "!what kind of", "!what kinds of", "!which cookies", "!what cookies",
               "!which rights", "!what rights", "!which types", "!what types", "!which tracking", "!which * collect",
               "!what * collect", "!?which * tools"),
        "nl": ("!welke gegevens", "!welke ~gegevens", "!welke data", "!welke info", "!welke cookies",
               "!welke rechten", "!welke soorten", "!wat voor gegevens", "!wat voor data", "!welke tracking",
               "!welke * verzamel", "!wat * verzamel"),
        "de": ("!welche daten", "!welche ~daten", "!welche info", "!welche cookies", "!welche rechte",
               "!welche arten", "!was fur daten", "!welche tracking", "!welche * erheb", "!welche * sammel",
               "!was * erheb", "!was * sammel"),
        "fr": ("!quelles donnees", "!quelles informations", "!quelles infos", "!quoi comme info",
               "!quoi comme donnees", "!quels cookies", "!quels droits",
               "!quels types", "!quel type", "!quelles categories", "!quels traceurs", "!quelles * collect",
               "!que * collect"),
    },
    "exercise_right": {
        "en": ("?how do i", "?how can i", "?can i", "?i want to", "?i would like", "?i d like", "?is it possible"),
        "nl": ("?hoe kan ik", "?kan ik", "?hoe moet ik", "?ik wil", "?ik zou graag", "?hoe vraag ik", "?mag ik"),
        "de": ("?wie kann ich", "?kann ich", "?ich mochte", "?ich will", "?wie bekomme ich", "?wie geht das",
               "?darf ich"),
        "fr": ("?comment", "?puis je", "?je veux", "?je voudrais", "?je souhaite", "?est il possible"),
    },
    "other": {
        "en": ("!why", "!what for", "!use my * for", "!use it for", "!used for", "!need my * for"),
        "nl": ("!waarom", "!waarvoor", "!?waar gebruik", "!?waar * voor gebruikt", "!?waar * voor nodig"),
        "de": ("!warum", "!wofur", "!wozu"),
        "fr": ("!pourquoi", "!a quoi", "!dans quel but"),
    },
}

# Words that make a question a privacy question even without any of the cues above.
PRIVACY_TERMS: Mapping[str, tuple[str, ...]] = {
    "*": ("gdpr", "avg", "dsgvo", "rgpd", "privacy", "~privacy", "=data", "datalek", "~datalek", "ssl", "tls",
          "https"),
    "en": ("personal", "data protection", "consent", "profiling", "automated decision", "my information", "my info",
           "my details", "information about me", "information you hold", "breach", "leak", "facial recognition",
           "biometric", "credit check", "anonymi", "pseudonym", "processing", "encrypt", "data security",
           "secure connection", "get from me", "track how i", "track what i", "track me",
           "what you have on me", "what you know about me", "what you have about me"),
    "nl": ("gegevens", "~gegevens", "~data", "persoonlijk", "toestemming", "profilering", "profiling",
           "geautomatiseerd", "automatisch beslis", "gezichtsherkenning", "biometr",
           "~kredietcheck", "kredietwaardig", "informatie over mij", "anonimi",
           "verwerking", "versleutel", "beveiligde verbinding", "wat ze van mij hebben", "wat jullie van mij hebben",
           "wat jullie over mij", "wat ze over mij", "volgen hoe ik", "volgen wat ik"),
    "de": ("daten", "~daten", "datenschutz", "~datenschutz", "personenbezogen", "personlich", "privatsphar",
           "einwilligung", "profiling", "automatisiert", "datenpanne", "~datenpanne", "~datenleck",
           "gesichtserkennung", "biometr", "bonitat", "schufa", "anonymi", "verarbeitung", "verschlussel",
           "sichere verbindung", "was ihr uber mich", "was sie uber mich", "angaben uber mich", "angaben zu mir",
           "korrigieren lassen", "berichtigen lassen", "verfolgen wie ich", "verfolgt wie ich",
           "verfolgen was ich", "verfolgt was ich"),
    "fr": ("donnees", "donnee", "infos perso", "informations perso", "personnelle", "vie privee", "confidentialite",
           "consentement", "profilage", "profiling", "decision automatique", "decisions automatis",
           "decision automatis", "violation de donnees", "fuite",
           "reconnaissance faciale", "biometr", "solvabilite", "anonymi", "traitement", "chiffr",
           "connexion securisee", "pistage", "traqu", "suivre ce que je", "suivre comment je"),
}

# Words of clearly unrelated shop questions. They veto a privacy reading only when the question names no personal
# data, no data object and no right ("What does shipping cost?" but not "Do you give my address to the courier?").
OFF_TOPIC_TERMS: Mapping[str, tuple[str, ...]] = {
    "en": ("price", "pricing", "cost", "how much", "ship", "shipping", "deliver", "opening hours", "weather", "ceo",
           "filament", "=material", "=materials", "resin", "discount", "coupon", "voucher", "in stock", "warranty",
           "refund", "return", "quality", "licen", "payment method", "pay with", "what time"),
    "nl": ("prijs", "prijzen", "kost", "kosten", "verzend", "lever", "openingstijd", "openingsuren", "het weer",
           "ceo", "directeur", "filament", "materiaal", "hars", "korting", "voorraad", "garantie", "retour",
           "terugbetal", "kwaliteit", "licentie", "betalen", "betaalmethode", "hoe laat"),
    "de": ("preis", "kost", "wie viel", "versand", "liefer", "offnungszeit", "wetter", "ceo", "geschaftsfuhr",
           "filament", "=material", "=materialien", "harz", "rabatt", "gutschein", "lagernd", "garantie", "rucksend",
           "erstatt", "qualitat", "lizenz", "bezahl", "zahlungsart", "wie spat", "uhrzeit"),
    "fr": ("prix", "cout", "combien coute", "livraison", "livrer", "=livre", "=livrez", "=colis", "frais de port",
           "expedi", "horaire", "meteo",
           "pdg", "directeur", "filament", "materiau", "resine", "reduction", "code promo", "en stock", "garantie",
           "rembours", "retour", "qualite", "licence", "payer", "moyen de paiement", "quelle heure"),
}

# Openings of a yes/no question, matched at the start of a sentence (after `FILLER_WORDS`). In Dutch and German
# a sentence that opens with one of the `ACTION_TERMS` ("Verkopen jullie ...", "Speichert Pixeljet ...") is a
# yes/no question too; in French so is a sentence with subject inversion ("partage-t-il") not opened by `WH_WORDS`.
YES_NO_OPENERS: Mapping[str, tuple[str, ...]] = {
    "en": ("do", "does", "did", "will", "would", "can", "could", "is", "are", "was", "were", "may", "might", "has",
           "have", "should", "must", "shall", "am", "is it true"),
    "nl": ("kan", "kun", "kunnen", "mag", "mogen", "moet", "moeten", "is", "zijn", "wordt", "worden", "werd", "heeft",
           "hebben", "heb", "hebt", "gaan", "gaat", "zal", "zullen", "wil", "willen", "doen", "doet", "krijg",
           "klopt het", "staat", "houden", "houdt", "maakt", "maken", "sturen", "stuurt", "slaan", "slaat", "bewaren",
           "bewaart", "informeren", "informeert", "bieden", "biedt", "neemt", "nemen"),
    "de": ("kann", "konnen", "darf", "durfen", "muss", "mussen", "ist", "sind", "wird", "werden", "wurde", "hat",
           "haben", "habe", "soll", "sollen", "will", "wollen", "bekommt", "bekommen", "erhalt", "stimmt es", "gehen",
           "geht", "behalt", "halten", "gibt", "geben", "macht", "machen", "setzt", "setzen", "speichert", "speichern",
           "schickt", "schicken", "informiert", "informieren", "bietet", "bieten", "trifft", "treffen", "nimmt",
           "nehmen", "gebt", "habt", "seid"),
    "fr": ("est ce que", "est ce qu", "y a t il", "vous", "avez vous", "pouvez vous", "est il vrai"),
}

WH_WORDS: Mapping[str, tuple[str, ...]] = {
    "en": ("what", "which", "who", "whom", "where", "when", "why", "how"),
    "nl": ("wat", "welke", "welk", "wie", "waar", "wanneer", "waarom", "hoe", "hoeveel", "waarvoor"),
    "de": ("was", "welche", "welcher", "welches", "wer", "wen", "wem", "wo", "wann", "warum", "wie", "wozu", "wofur"),
    "fr": ("quel", "quels", "quelle", "quelles", "qui", "que", "qu", "quoi", "ou", "quand", "pourquoi", "comment",
           "combien", "a qui", "dans quel", "sous quel", "pendant", "jusqu", "lequel", "laquelle", "lesquels"),
}

# Words skipped at the start of a sentence before looking for a yes/no opening ("And do you sell it?").
FILLER_WORDS = frozenset(
    "and but so also ok okay hi hello please then en maar dus ook oke hoi hallo dag graag dan und aber also auch "
    "hallo bitte dann et mais alors aussi bonjour salut donc".split()
)
