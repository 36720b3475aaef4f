"""Specification of evidence units: the sentences, list items and table rows that answers quote, on the real policies.

Runs on the seed policies in `policies_corpus/` and on the real policies of other organisations in
`../shared/extra_policies/<lang>/` (skipped with a reason when that folder is not next to the project).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.evidence_units import EvidenceUnit, passage_units, split_units

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT_ROOT / "policies_corpus"
EXTRA = PROJECT_ROOT.parent / "shared" / "extra_policies"
MISSING_EXTRA = f"{EXTRA} is absent: the shared extra policies are not next to this project"


def _params(folder: Path, pattern: str) -> list:
    found = sorted(folder.glob(pattern))
    if not found:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no policy matches {folder}/{pattern}"))]
    return [pytest.param(path, id=f"{path.parent.name}/{path.name}") for path in found]


SEEDS = _params(CORPUS, "*/*.txt")
EXTRAS = _params(EXTRA, "*/*.md")


def policy(name: str) -> Path:
    """A policy by short name: `materialise` (the seed of that company), `gdpr-de`, or `extra:de/octoprint`."""
    if name.startswith("extra:"):
        found = sorted(EXTRA.glob(name.removeprefix("extra:") + "*.md"))
        if not found:
            pytest.skip(MISSING_EXTRA)
        return found[0]
    if name.startswith("gdpr-"):
        return CORPUS / "gdpr" / f"{name}.txt"
    return next((CORPUS / name).glob("*.txt"))


@cache
def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def units_of(path: Path, *, bridge: bool = False) -> tuple[EvidenceUnit, ...]:
    units = split_units(read(path), bridge_blank_lines=bridge)
    assert units, f"{path} gave no units"
    return units


def unit_with(units: tuple[EvidenceUnit, ...], display: str) -> tuple[int, EvidenceUnit]:
    """The one unit whose display is `display` (or starts with it when `display` ends in '...')."""
    wanted = display.removesuffix("...")
    found = [(i, u) for i, u in enumerate(units)
             if (u.display.startswith(wanted) if display.endswith("...") else u.display == wanted)]
    assert len(found) == 1, f"{len(found)} units show {display!r}"
    return found[0]


def assert_well_formed(text: str, units: tuple[EvidenceUnit, ...]) -> None:
    previous_end = 0
    for index, unit in enumerate(units):
        quote = unit.quote(text)
        assert 0 <= unit.start < unit.end <= len(text)
        assert quote == text[unit.start:unit.end] and quote == quote.strip(), f"unit {index}: {quote!r}"
        assert unit.start >= previous_end, f"unit {index} overlaps or precedes unit {index - 1}"
        assert unit.display and unit.display == " ".join(unit.display.split()), f"unit {index}: {unit.display!r}"
        previous_end = unit.end
        if unit.lead_in is not None:
            assert 0 <= unit.lead_in < index and units[unit.lead_in].kind in ("lead_in", "item")
            assert unit.kind in ("item", "table_row")


# --- the slice guarantee ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bridge", [False, True], ids=["default", "bridged"])
@pytest.mark.parametrize("path", SEEDS + EXTRAS)
def test_every_unit_is_a_stripped_verbatim_slice_in_text_order(path: Path, bridge: bool) -> None:
    assert_well_formed(read(path), units_of(path, bridge=bridge))


@pytest.mark.parametrize("path", SEEDS + EXTRAS)
def test_a_blank_line_always_ends_a_unit(path: Path) -> None:
    units = units_of(path)
    assert [u for u in units if re.search(r"\n[^\S\n]*\n", u.quote(read(path)))] == []


@pytest.mark.parametrize("path", SEEDS + EXTRAS)
def test_display_shows_no_markdown_syntax(path: Path) -> None:
    units = units_of(path)
    for unit in units:
        assert "](" not in unit.display and "**" not in unit.display and not unit.display.startswith("#")
    assert [u.display for u in units if u.kind == "table_row" and "|" in u.display] == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("aZé .,:;!?()[]|#*-_•\\/\n\n\t1 9°<>@\u00a0")) | st.characters(),
               max_size=300))
def test_random_text_gives_well_formed_units(text: str) -> None:
    assert_well_formed(text, split_units(text))
    assert_well_formed(text, split_units(text, bridge_blank_lines=True))


@cache
def _real_lines() -> tuple[str, ...]:
    paths = [*sorted(CORPUS.glob("*/*.txt")), *sorted(EXTRA.glob("*/*.md"))]
    return tuple(line for path in paths for line in read(path).split("\n")[:400])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_policy_lines_in_any_order_give_well_formed_units(data: st.DataObject) -> None:
    lines = data.draw(st.lists(st.sampled_from(_real_lines()), min_size=1, max_size=30))
    text = data.draw(st.sampled_from(["\n", "\n\n"])).join(lines)
    assert_well_formed(text, split_units(text))
    assert_well_formed(text, split_units(text, bridge_blank_lines=True))


# --- abbreviations, references and numbers ----------------------------------------------------------------------------

REAL_ABBREVIATIONS = [
    ("en", "art. 6(1)(f)", "m3d-print", r"\bart\. 6\(1\)\([a-f]\)"),
    ("en", "e.g. (scraped)", "materialise", r"\be\.\s*g\."),
    ("en", "i.e. (scraped)", "materialise", r"\bi\.\s*e\."),
    ("en", "initials U.S.", "extra:en/3dhubs", r"\bU\.S\."),
    ("en", "initials B.V.", "extra:en/3dhubs", r"\bB\.V\."),
    ("de", "z.B.", "extra:de/octoprint", r"z\.B\."),
    ("de", "z.B.", "extra:de/neosearch", r"z\.B\."),
    ("de", "z. B.", "gdpr-de", r"z\. B\."),
    ("de", "bzw.", "gdpr-de", r"bzw\."),
    ("de", "bzw.", "extra:de/octoprint", r"bzw\."),
    ("de", "ggf.", "extra:de/neosearch", r"ggf\."),
    ("de", "Art. 6 Abs. 1 lit. f", "extra:de/octoprint", r"Art\. 6 Abs\. 1 lit\. f"),
    ("de", "i.S.d. Art.", "extra:de/neosearch", r"i\.S\.d\. Art\."),
    ("de", "insb.", "extra:de/neosearch", r"insb\."),
    ("de", "sog.", "extra:de/neosearch", r"sog\."),
    ("de", "vgl.", "extra:de/neosearch", r"vgl\."),
    ("de", "o. Ä.", "extra:de/octoprint", r"o\. Ä\."),
    ("de", "Nr.", "gdpr-de", r"Nr\. \d"),
    ("de", "date 25. Mai 2018", "gdpr-de", r"\b\d{1,2}\. Mai \d{4}"),
    ("nl", "nr.", "gdpr-nl", r"nr\. \d"),
    ("nl", "bv.", "extra:nl/coronacheck", r"\bbv\."),
    ("fr", "n°", "extra:fr/ecobalyse", r"n° ?\d"),
    ("fr", "n°", "extra:fr/demarches", r"n° ?\d"),
]


@pytest.mark.parametrize(("language", "abbreviation", "name", "pattern"), REAL_ABBREVIATIONS,
                         ids=[f"{row[0]}-{row[1]}-{row[2]}" for row in REAL_ABBREVIATIONS])
def test_an_abbreviation_in_a_real_policy_never_ends_a_unit(language: str, abbreviation: str, name: str,
                                                             pattern: str) -> None:
    path = policy(name)
    text, units = read(path), units_of(path)
    quoted = [(m, u) for m in re.finditer(pattern, text) for u in units if u.start <= m.start() < u.end]
    assert quoted, f"no unit of {path.name} quotes {abbreviation!r}"
    assert [u.quote(text)[-60:] for m, u in quoted if u.end <= m.end()] == []


SENTENCE_PAIRS = [
    ("en", "Our contact is Mr. Smith at St. Louis.", "He answers within 30 days."),
    ("en", "We keep logs, incl. IP addresses, for 7 days.", "Then we delete them."),
    ("en", "We use analytics, ads etc. on this site.", "You can refuse them."),
    ("en", "Processing relies on art. 6(1)(f) GDPR, i.e. our legitimate interest.", "You may object."),
    ("en", "J. R. Smith is our data protection officer.", "Write to him."),
    ("en", "Version 3.5 of this policy dates from 25.05.2018.", "It replaces version 3.4."),
    ("en", "We employ 1.200 people in Leuven.", "Each one is trained."),
    ("nl", "Wij delen gegevens met vervoerders, bijv. PostNL.", "Zij bezorgen uw pakket."),
    ("nl", "Wij delen gegevens met o.a. PostNL en DHL.", "Zij bezorgen uw pakket."),
    ("nl", "Wij bewaren facturen, d.w.z. uw naam en adres, 7 jaar.", "Dat is wettelijk verplicht."),
    ("nl", "Zie Verordening (EU) nr. 2016/679, incl. art. 6.", "Daarin staan de grondslagen."),
    ("de", "Wir speichern Daten, z.B. Namen bzw. Adressen.", "Sie können widersprechen."),
    ("de", "Rechtsgrundlage ist Art. 6 Abs. 1 lit. f DSGVO.", "Sie können widersprechen."),
    ("de", "Wir löschen die Daten ggf. Früher als geplant.", "Sie können widersprechen."),
    ("de", "Die Verordnung gilt ab dem 25. Mai 2018.", "Sie ersetzt die Richtlinie."),
    ("fr", "Voir la loi n° 78-17, art. 82.", "Elle s'applique aux cookies."),
    ("fr", "Écrivez à M. Dupont, délégué à la protection des données.", "Il vous répondra."),
    ("fr", "Nous traitons vos données (c.-à-d. Votre nom).", "Vous pouvez vous opposer."),
    ("fr", "Nous conservons les journaux, etc. pendant un an.", "Vous pouvez vous opposer."),
]


@pytest.mark.parametrize(("language", "first", "second"), SENTENCE_PAIRS,
                         ids=[f"{row[0]}-{row[1][:30]}" for row in SENTENCE_PAIRS])
def test_a_full_stop_after_an_abbreviation_number_or_initial_does_not_end_the_sentence(
        language: str, first: str, second: str) -> None:
    text = f"{first} {second}"
    assert [u.quote(text) for u in split_units(text)] == [first, second]


def test_company_number_be_0441_131_254_stays_in_one_sentence() -> None:
    path = policy("materialise")
    index, unit = unit_with(units_of(path), "MATERIALISE NV is registered in Belgium under company number...")
    assert unit.display.endswith("BE 0441.131.254.")
    assert unit.quote(read(path)).endswith("BE 0441.\n131.\n254.")
    assert units_of(path)[index + 1].display.startswith("Its main establishment is located on Technologielaan 15")


def test_gdpr_references_like_6_1_f_stay_inside_their_unit() -> None:
    _, unit = unit_with(units_of(policy("m3d-print")), "Legal bases (article 6 GDPR): executing quotes...")
    for reference in ("(art. 6(1)(b))", "art. 6(1)(c)", "(art. 6(1)(a))", "(art. 6(1)(f)), with a right to object."):
        assert reference in unit.display


# --- line breaks inside a sentence (scrape, markdown wrap) ------------------------------------------------------------

SCRAPED = [
    ("materialise", "(i.e., process)"),
    ("materialise", "(e.g. for handling your payment details when you purchase software licenses from us)"),
    ("materialise", "the EU-U.S. Privacy Shield."),
    ("materialise", "which personal data we collect about you (Section 3.1), what legal grounds we rely on"),
    ("materialise", "based on your explicit consent. whether we process the personal data for our own"),
    ("extra:de/octoprint", "(z.B. bei der Kommunikation per E-Mail) Sicherheitslücken aufweisen kann."),
]


@pytest.mark.parametrize(("name", "joined"), SCRAPED, ids=[row[1][:40] for row in SCRAPED])
def test_a_line_break_inside_a_scraped_sentence_is_not_a_boundary(name: str, joined: str) -> None:
    path = policy(name)
    found = [u for u in units_of(path) if joined in u.display]
    assert len(found) == 1, f"{len(found)} units show {joined!r}"
    assert "\n" in found[0].quote(read(path))


@pytest.mark.parametrize(("heading", "first_words"), [
    ("PERSONAL DATA WE COLLECT ABOUT YOU", "Because data privacy is of high importance for us"),
    ("Your Personal Data", "Under the applicable legislation, personal data may only be collected"),
    ("RIGHT OF ACCESS", "You have the right to request access to a copy of the personal data"),
    ("RIGHT TO ERASURE", "To the extent that (i) your personal data is no longer necessary"),
])
def test_a_heading_run_into_its_text_by_the_scrape_is_cut_off(heading: str, first_words: str) -> None:
    path = policy("materialise")
    _, unit = unit_with(units_of(path), first_words + "...")
    assert unit.quote(read(path)).startswith(first_words)
    assert [u.display for u in units_of(path) if heading in u.display] == []


# --- headings ---------------------------------------------------------------------------------------------------------

HEADINGS = [
    ("m3d-print", "Recipients and processors"),
    ("j3d-prints", "Right of inspection"),
    ("pixeljet", "Sharing with third parties"),
    ("materialise", "YOUR RIGHTS AS DATA SUBJECTS."),
    ("online-3d-printen", "Artikel 6: Bewaartermijn van Gegevens"),
    ("gdpr-de", "## Artikel 17"),
    ("gdpr-fr", "CHAPITRE III"),
    ("extra:de/octoprint", "### Server-Log-Dateien"),
    ("extra:de/neosearch", "1. Verantwortlicher i.S.d. Art. 4 Abs. 7 DSGVO"),
    ("extra:en/3dhubs", "2.2. **Private messages**"),
    ("extra:en/3dhubs", "1\\. General"),
    ("extra:fr/ecobalyse", "## V - Pendant combien de temps conservons-nous ces données ?"),
]


@pytest.mark.parametrize(("name", "heading"), HEADINGS, ids=[f"{row[0]}-{row[1][:30]}" for row in HEADINGS])
def test_a_heading_line_is_never_part_of_a_unit(name: str, heading: str) -> None:
    path = policy(name)
    spans = [m.span() for m in re.finditer(rf"^[^\S\n]*{re.escape(heading)}[^\S\n]*$", read(path), re.M)]
    assert spans, f"{heading!r} is not a line of {path.name}"
    assert [u.display for u in units_of(path) for a, b in spans if u.start < b and a < u.end] == []


@pytest.mark.parametrize("path", EXTRAS)
def test_no_unit_overlaps_a_markdown_heading(path: Path) -> None:
    headings = [m.span() for m in re.finditer(r"^ {0,3}#{1,6} .*$", read(path), re.M)]
    assert headings
    assert [u.display for u in units_of(path) for a, b in headings if u.start < b and a < u.end] == []


def test_a_roman_numeral_heading_run_into_a_bullet_is_cut_out() -> None:
    units = units_of(policy("extra:fr/ecobalyse"))
    assert unit_with(units, "Envoi d’une infolettre.")[1].kind == "item"
    assert [u.display for u in units if "III - Quelles" in u.display or "IV - Qu’est-ce" in u.display] == []
    assert unit_with(units, "Ecobalyse traite des données à caractère personnel en se basant...")[1].kind == "sentence"


# --- markdown: tables and links ---------------------------------------------------------------------------------------

TABLE_ROWS = [
    ("extra:fr/ecobalyse", "| Données de compte ",
     "Type de données: Données de compte; Durée de la conservation: 1 an à compter de la dernière connexion"),
    ("extra:fr/ecobalyse", "| Scalingo ",
     "Sous-traitants: Scalingo; Régions/Pays: France; Traitement réalisé: Hébergeur; Garanties: "
     "https://scalingo.com/fr/contrat-gestion- traitements-donnees-personnelles"),
    ("extra:fr/demarches", "| Données de journalisation ",
     "Type de données: Données de journalisation; Durée de conservation: 12 mois"),
]


@pytest.mark.parametrize(("name", "row_start", "display"), TABLE_ROWS, ids=[row[1].strip("| ") for row in TABLE_ROWS])
def test_a_table_row_is_one_unit_shown_with_its_header(name: str, row_start: str, display: str) -> None:
    path = policy(name)
    _, unit = unit_with(units_of(path), display)
    assert unit.kind == "table_row"
    assert unit.quote(read(path)).startswith(row_start) and unit.quote(read(path)).endswith("|")
    assert [u for u in units_of(path) if u.quote(read(path)).startswith(("| Type de données", "| ---"))] == []


def test_a_table_after_a_lead_in_belongs_to_it() -> None:
    units = units_of(policy("extra:fr/demarches"))
    lead, _ = unit_with(units, "Cookies exemptés de consentement strictement nécessaires au fonctionnement du service :")
    rows = [u.display for u in units if u.lead_in == lead]
    assert rows == ["Nom du cookie: _DS_session; Finalité: Technique/ données de session; Durée de conservation: Durée de "
                    "la session", "Nom du cookie: _csrf_token; Finalité: Sécurité; Durée de conservation: 1 an"]


LINKS = [
    ("extra:nl/coronacheck", "Deze kun je vinden op de website van de Autoriteit Persoonsgegevens.",
     ("https://autoriteitpersoonsgegevens.nl/nl/onderwerpen/algemene-informatie-avg/rechten-van-betrokkenen",)),
    ("extra:en/shapeways", "If you wish to have your account and personal data deleted send your request to us.",
     ("https://web.archive.org/contact/contact-form?email_to=service@shapeways.com",)),
    ("extra:fr/ecobalyse", "Pour les exercer, contactez-nous à : ecobalyse@beta.gouv.fr", ("ecobalyse@beta.gouv.fr",)),
    ("extra:fr/demarches", "Ces droits s’exercent auprès de la DINUM à l’adresse contact@demarche.numerique.gouv.fr.",
     ("mailto:contact@demarche.numerique.gouv.fr",)),
]


@pytest.mark.parametrize(("name", "display", "links"), LINKS, ids=[row[0] for row in LINKS])
def test_a_link_shows_as_its_text_and_keeps_its_target(name: str, display: str, links: tuple[str, ...]) -> None:
    path = policy(name)
    _, unit = unit_with(units_of(path), display)
    assert unit.links == links
    assert re.search(r"\]\(|<\S+>", unit.quote(read(path)))


# --- lead-ins and their lists -----------------------------------------------------------------------------------------

LISTS = [
    ("m3d-print", "Main processors and partners include:", [
        "Milan Blairon (site owner and operational contact for m3dprint.be).",
        "Shipping providers such as BPost or Mondial Relay.",
        "Analytics services such as Google Analytics.",
        "Marketing analytics integrations such as Meta Pixel when consent is granted."]),
    ("m3d-print", "In accordance with GDPR, you have the right to:", [
        "Access your personal data.", "Correct inaccurate personal data.",
        "Request deletion of personal data where legally possible.", "Object to specific processing activities.",
        "Request data portability.", "Withdraw consent by email at info@m3dprint.be.",
        "Lodge a complaint with the Belgian Data Protection Authority (Gegevensbeschermingsautoriteit / Autorité de "
        "protection des données), Drukpersstraat 35, 1000 Brussels (contact@apd-gba.be, dataprotectionauthority.be)."]),
    ("pixeljet", "We use the following data for the purposes mentioned in this privacy policy:", [
        "Address data;", "Phone number;", "E-mail address;", "IP address."]),
    ("online-3d-printen", "Wij verzamelen de volgende persoonsgegevens:", [
        "Naam", "E-mailadres", "Telefoonnummer", "Adres", "Betalingsinformatie", "Geüploade bestanden",
        "IP-adressen", "Browsertype en versie", "Besturingssysteem"]),
    ("extra:de/octoprint", "Dies sind:", [
        "Browsertyp und Browserversion", "verwendetes Betriebssystem", "Referrer URL", "Uhrzeit der Serveranfrage",
        "IP-Adresse"]),
    ("extra:fr/ecobalyse", "Ecobalyse traite les données à caractère personnel suivantes :", [
        "Données de compte : nom, prénom, adresse email, dénomination de son organisation professionnelle, et si "
        "entreprise numéro de SIREN ;",
        "Données de contact : nom, prénom, adresse mail, organisation ;",
        "Données de connexion : adresse IP (collectée automatiquement lors de la navigation et stockée temporairement "
        "dans les journaux d’accès) ;",
        "Données de l’infolettre : nom, prénom, adresse email, dénomination de son organisation professionnelle, et "
        "si entreprise numéro de SIREN."]),
    ("extra:fr/demarches", "ou par courrier à l’adresse suivante :", [
        "Services du Premier Ministre", "À l’attention du délégué à la protection des données", "56 rue de Varenne",
        "75007 Paris"]),
]


@pytest.mark.parametrize(("name", "lead_in", "items"), LISTS, ids=[f"{row[0]}-{row[1][:30]}" for row in LISTS])
def test_a_line_ending_in_a_colon_leads_the_list_after_it(name: str, lead_in: str, items: list[str]) -> None:
    units = units_of(policy(name))
    index, lead = unit_with(units, lead_in)
    assert lead.kind in ("lead_in", "item")
    assert [u.display for u in units if u.lead_in == index] == items
    assert all(u.kind == "item" for u in units if u.lead_in == index)


def test_an_unmarked_list_after_a_lead_in_keeps_its_label_value_items() -> None:
    units = units_of(policy("online-3d-printen"))
    index, _ = unit_with(units, "Wij bewaren persoonsgegevens gedurende de volgende termijnen:")
    items = [u.display for u in units if u.lead_in == index]
    assert items[:3] == ["Bestelgegevens en betalingsinformatie: 7 jaar, conform fiscale bewaarplicht.",
                         "Contactgegevens: 2 jaar na de laatste interactie.",
                         "Marketinggegevens: totdat u zich afmeldt voor marketingcommunicatie."]


def test_a_short_passage_of_a_text_with_doubled_line_breaks_keeps_its_sentence_whole() -> None:
    text = read(policy("online-3d-printen"))
    start = text.index("Artikel 9:")
    passage = text[start:text.index("Artikel 10:")].strip()
    assert len(passage.split("\n")) < 6  # short: a heading and one sentence broken by a blank line
    sentences = [u.display for u in passage_units(passage) if u.kind == "sentence"]
    assert sentences == ["Als u vragen heeft over dit privacybeleid of uw gegevensbeschermingsrechten wilt uitoefenen,"
                         " kunt u contact met ons opnemen via e-mail: info@online-3d-printen.nl."]


def test_a_blank_line_still_ends_a_sentence_when_line_breaks_are_not_doubled() -> None:
    text = "Privacy\n\nWe keep your data for one year\nafter your order.\nYou can ask us to delete it.\n\nor not"
    assert [u.display for u in passage_units(text)][-1] == "or not"


def test_a_nested_item_leads_back_to_its_parent_item_and_the_lead_in() -> None:
    units = units_of(policy("extra:nl/coronacheck"))
    _, child = unit_with(units, "een recente negatieve testuitslag en het type test;")
    assert child.lead_in is not None
    parent = units[child.lead_in]
    assert (parent.kind, parent.display) == ("item", "Als je een bewijs wilt op basis van een negatieve test:")
    assert parent.lead_in is not None
    assert units[parent.lead_in].display.startswith("Aanvullend op bovenstaande gegevens zijn onderstaande gegevens")


def test_a_lead_in_ends_at_the_end_of_its_line_inside_a_paragraph() -> None:
    units = units_of(policy("online-3d-printen"))
    index, lead = unit_with(units, "Wij gebruiken de volgende soorten cookies:")
    assert lead.kind == "lead_in"
    assert units[index + 1].lead_in == index
    assert units[index + 1].display.startswith("Strikt noodzakelijke cookies: deze cookies zijn essentieel")


# --- bridging blank lines of a PDF extraction -------------------------------------------------------------------------

def test_bridging_joins_a_sentence_that_a_blank_line_cut_in_two() -> None:
    path = policy("online-3d-printen")
    sentence = "Wij delen persoonsgegevens niet met derden, behalve met de volgende diensten voor tracking en marketing:"
    _, bridged = unit_with(units_of(path, bridge=True), sentence)
    assert bridged.kind == "lead_in" and "\n\n" in bridged.quote(read(path))
    unit_with(units_of(path), "Wij delen persoonsgegevens niet met derden, behalve met de volgende diensten voor")
    assert unit_with(units_of(path), "tracking en marketing:")[1].kind == "lead_in"


def test_bridging_leaves_text_whose_paragraphs_end_in_punctuation_alone() -> None:
    path = policy("m3d-print")
    assert units_of(path, bridge=True) == units_of(path)


def test_bridging_joins_the_last_word_of_a_sentence_cut_off_by_a_blank_line() -> None:
    text = "Wij zorgen ervoor dat zij de gegevens verwerken volgens de\n\nAVG.\n\nAlle tools zijn ingesteld.\n"
    units = split_units(text, bridge_blank_lines=True)
    assert [u.display for u in units] == [
        "Wij zorgen ervoor dat zij de gegevens verwerken volgens de AVG.", "Alle tools zijn ingesteld."]


def test_a_sentence_wrapped_before_a_capitalised_word_stays_whole_in_a_text_with_doubled_line_breaks() -> None:
    text = read(policy("online-3d-printen"))
    start = text.index("Artikel 18 - Nationale Aanpassingen")
    passage = text[start:text.index("Artikel", start + 10)].strip()
    assert "Autoriteit\n\nPersoonsgegevens (AP)" in passage  # the extraction wrapped the line before a noun
    displays = [u.display for u in passage_units(passage)]
    assert ("Wij voldoen aan de specifieke vereisten van de Nederlandse Autoriteit Persoonsgegevens (AP) en de "
            "Belgische Gegevensbeschermingsautoriteit (GBA).") in displays
    assert "Dit omvat onder andere:" in displays  # a lead-in still ends its sentence
