"""A passage is retrieved by its section's title after the heading it sits in (`assistant.retrieval.headings`), so
same-named sub-sections ("Dauer der Speicherung" under logs, under analytics) are told apart."""

from __future__ import annotations

from pathlib import Path

from assistant.retrieval.headings import section_headings
from assistant.retrieval.lexical import LexicalRetriever
from assistant.retrieval.snapshot import IndexSnapshot
from core.types import Chunk, DocumentSpec
from ingest.chunk import Chunker
from ingest.parse import Parser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extra_policies"
NEOSEARCH = FIXTURES / "de" / "neosearch-urteile-gesetze-datenschutzerklaerung.md"


def _chunks(path: Path, language: str) -> tuple[Chunk, ...]:
    spec = DocumentSpec(path=path, file=path.name, languages=(language,))
    return Chunker(max_chars=1200).run(sections=Parser().run(spec=spec, company="neosearch").sections).chunks


def test_a_sub_section_is_headed_by_its_parent_and_the_documents_own_title_is_left_out() -> None:
    chunks = _chunks(NEOSEARCH, "de")
    headings = section_headings(chunks)
    by_label = {chunk.label: headings[chunk.id] for chunk in chunks}
    assert by_label["Dauer der Speicherung"] == (
        "2. Bereitstellung der Website und Erstellung von Logfiles / Dauer der Speicherung")
    assert by_label["Dauer der Speicherung (3)"].startswith("4. Statistische Auswertung")
    assert by_label["Datenschutzerklärung"] == "Datenschutzerklärung"  # "Datenschutz-DSGVO" heads every section


def test_of_the_same_named_sections_the_one_under_the_log_files_heading_ranks_first_for_log_files() -> None:
    snapshot = IndexSnapshot.build(chunks=_chunks(NEOSEARCH, "de"), manifests=None)
    ranking = LexicalRetriever().run(query="Dauer der Speicherung der Logfiles?", companies=("neosearch",),
                                     indexes=snapshot.lexical)
    same_named = [snapshot.by_id[chunk_id].label for chunk_id, _ in ranking.scored
                  if snapshot.by_id[chunk_id].label.startswith("Dauer der Speicherung")]
    assert len(same_named) == 4 and same_named[0] == "Dauer der Speicherung", same_named
