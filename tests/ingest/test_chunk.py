"""Specification of the chunker: passages fit, never cross a section, and are exact slices of the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import ChunkError, ConfigError
from core.manifest import load_manifest
from core.types import DocumentSpec, Section
from ingest.chunk import Chunker
from ingest.parse import Parser, read_policy_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "policies_corpus"


def parse_company(policy_parser: Parser, company: str) -> tuple[list[Section], dict[str, str]]:
    manifest = load_manifest(CORPUS / company / "manifest.toml")
    sections, texts = [], {}
    for doc in manifest.documents:
        sections.extend(policy_parser.run(spec=doc, company=company).sections)
        texts[doc.file] = read_policy_text(doc.path)
    return sections, texts


@pytest.mark.parametrize("company", ["online-3d-printen", "materialise", "j3d-prints"])
def test_short_sections_become_one_chunk_each(policy_parser, company):
    sections, _ = parse_company(policy_parser, company)
    chunks = Chunker(max_chars=4000).run(sections=sections).chunks
    assert [c.section_id for c in chunks] == [s.id for s in sections]
    assert all(c.text == s.text and c.passages == 1 and c.id == f"{s.id}#0" for c, s in zip(chunks, sections, strict=True))


@pytest.mark.parametrize(("company", "max_chars"), [
    ("materialise", 400), ("online-3d-printen", 300), ("gdpr", 1200), ("pixeljet", 250),
])
def test_long_sections_are_split_within_the_section_into_exact_slices(policy_parser, company, max_chars):
    sections, texts = parse_company(policy_parser, company)
    min_chars = max_chars // 6
    chunks = Chunker(max_chars=max_chars, min_chars=min_chars).run(sections=sections).chunks
    by_id = {s.id: s for s in sections}
    for chunk in chunks:
        section = by_id[chunk.section_id]
        assert section.start <= chunk.start < chunk.end <= section.end
        assert texts[chunk.document][chunk.start:chunk.end] == chunk.text
        assert texts[chunk.document][:chunk.start].count("\n") + 1 == chunk.line_start
        assert chunk.line_start + chunk.text.count("\n") == chunk.line_end
        assert len(chunk.text) <= max_chars + min_chars
        assert chunk.id == f"{section.id}#{chunk.passage}"
        assert (chunk.company, chunk.language, chunk.label, chunk.categories) == (
            section.company, section.language, section.label, section.categories)
    assert len(chunks) > len(sections)


def test_split_prefers_paragraph_boundaries(tmp_path, policy_parser):
    paragraphs = [f"Paragraph {n} says that we keep order number {n} for seven years. " * 3 for n in range(6)]
    body = "Retention\n\n" + "\n\n".join(p.strip() for p in paragraphs) + "\n"
    path = tmp_path / "long.txt"
    path.write_text(body, encoding="utf-8")
    spec = DocumentSpec(file=path.name, path=path, languages=("en",))
    sections = policy_parser.run(spec=spec, company="shop").sections
    chunks = Chunker(max_chars=500, min_chars=100).run(sections=sections).chunks
    assert len(chunks) > 1
    for chunk in chunks[1:]:
        assert chunk.text.startswith("Paragraph")
        assert body[chunk.start - 2:chunk.start] == "\n\n"


def test_a_paragraph_without_breaks_is_split_at_sentence_ends(tmp_path, policy_parser):
    body = "Retention\n\n" + " ".join(f"Sentence {n} is about keeping data for {n} years." for n in range(40)) + "\n"
    path = tmp_path / "sentences.txt"
    path.write_text(body, encoding="utf-8")
    spec = DocumentSpec(file=path.name, path=path, languages=("en",))
    sections = policy_parser.run(spec=spec, company="shop").sections
    chunks = Chunker(max_chars=300, min_chars=50).run(sections=sections).chunks
    assert len(chunks) > 3
    assert all(chunk.text.endswith(".") for chunk in chunks)


def test_chunk_ids_are_stable_across_runs(policy_parser):
    sections, _ = parse_company(policy_parser, "pixeljet")
    first = [c.id for c in Chunker(max_chars=300).run(sections=sections).chunks]
    second = [c.id for c in Chunker(max_chars=300).run(sections=sections).chunks]
    assert first == second
    assert len(set(first)) == len(first)


@pytest.mark.parametrize(("options", "message"), [
    ({"max_chars": 50}, "max_chars must be at least 100, got 50"),
    ({"max_chars": "1200"}, "max_chars must be an integer, got '1200'"),
    ({"min_chars": -1}, "min_chars must be between 0 and max_chars - 1 \\(1199\\), got -1"),
    ({"max_chars": 500, "min_chars": 500}, "got 500"),
    ({"min_chars": True}, "min_chars must be an integer, got True"),
])
def test_bad_settings_are_config_errors_quoting_the_value(options, message):
    with pytest.raises(ConfigError, match=message):
        Chunker(**options)


def test_section_without_text_is_a_chunk_error():
    empty = Section(company="shop", document="p.txt", language="en", label="Cookies", title="Cookies",
                    path=("Cookies",), text="  ", start=0, end=2, line_start=1, line_end=1)
    with pytest.raises(ChunkError, match=r"shop/p\.txt:1: section 'Cookies' has no text"):
        Chunker().run(sections=[empty])


@settings(max_examples=60, deadline=None)
@given(
    paragraphs=st.lists(st.text(alphabet=st.sampled_from("abcdefgh .,;\n\t"), min_size=1, max_size=400),
                        min_size=1, max_size=12),
    max_chars=st.integers(min_value=100, max_value=600),
)
def test_any_section_is_cut_into_exact_slices_that_cover_it(paragraphs, max_chars):
    text = ("Heading\n\n" + "\n\n".join(paragraphs)).strip()
    section = Section(company="shop", document="p.txt", language="en", label="Heading", title="Heading",
                      path=("Heading",), text=text, start=10, end=10 + len(text), line_start=3,
                      line_end=3 + text.count("\n"))
    min_chars = max_chars // 4
    chunks = Chunker(max_chars=max_chars, min_chars=min_chars).run(sections=[section]).chunks
    assert [c.passage for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert text[chunk.start - 10:chunk.end - 10] == chunk.text
        assert len(chunk.text) <= max_chars + min_chars
        assert chunk.line_start == 3 + text.count("\n", 0, chunk.start - 10)
    bounds = [0, *(b for c in chunks for b in (c.start - 10, c.end - 10)), len(text)]
    assert bounds == sorted(bounds)
    gaps = [text[a:b] for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
    assert all(not gap.strip() for gap in gaps)  # in order, no overlap, nothing but whitespace left out
