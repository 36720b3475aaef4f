"""Check one line of a gold file: its fields, their consistency and, given a corpus, its references.

Every problem of the item is collected, not only the first. Given a `GoldCorpus`, the checks also ask that the
company and each document exist, that each document belongs to the item's company (or to a reference set), and that
every quote is an exact substring of its source file and lies inside a section with the named label as the ingest
parser cuts it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from core.errors import GoldSetError
from core.settings import LANGUAGES
from eval.gold_concepts import problem
from eval.gold_corpus import GoldCorpus
from eval.gold_items import ABSTAIN_CATEGORIES, CATEGORIES, QUOTE_WORDS, SPLITS, GoldItem, GoldRef

__all__ = ["ItemChecker"]

_REQUIRED = ("id", "lang", "question", "company", "company_in_question", "answerable", "gold", "facts",
             "category", "split")
_OPTIONAL = ("notes", "concept")
_REF_KEYS = ("doc", "section", "quote")
_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_COMPANY_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CONCEPT_PATTERN = re.compile(r"(?P<category>[a-z_]+)-(?P<abbr>[a-z0-9]+)-[a-z0-9]+(?:-[a-z0-9]+)*")
_SPACE = re.compile(r"\s+")


class ItemChecker:
    """Checks one decoded line of a gold file; collects every problem instead of stopping at the first."""

    def __init__(self, file: Path, line: int, corpus: GoldCorpus | None) -> None:
        self.file = file
        self.line = line
        self.corpus = corpus
        self.item_id = ""
        self.problems: list[GoldSetError] = []

    def fail(self, reason: str, hint: str | None = None) -> None:
        self.problems.append(problem(self.file, self.line, reason, self.item_id, hint))

    def check(self, data: Any) -> tuple[GoldItem | None, list[GoldSetError]]:
        if not isinstance(data, dict):
            self.fail(f"item must be a JSON object, got {type(data).__name__}")
            return None, self.problems
        if isinstance(data.get("id"), str):
            self.item_id = data["id"]
        missing = [key for key in _REQUIRED if key not in data]
        if missing:
            self.fail(f"missing field{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        unknown = sorted(key for key in data if key not in _REQUIRED and key not in _OPTIONAL)
        if unknown:
            self.fail(f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}",
                      hint=f"accepted: {', '.join((*_REQUIRED, *_OPTIONAL))}")
        if missing:
            return None, self.problems

        item_id = self._text(data, "id")
        if item_id and not _ID_PATTERN.fullmatch(item_id):
            self.fail(f"invalid id {item_id!r}", hint="use letters, digits, '-', '_' and '.'")
        question = self._text(data, "question")
        lang = self._choice(data, "lang", LANGUAGES, "language")
        category = self._choice(data, "category", CATEGORIES, "category")
        split = self._choice(data, "split", SPLITS, "split")
        company = self._company(data.get("company"))
        answerable = self._flag(data, "answerable")
        in_question = self._flag(data, "company_in_question")
        refs = self._refs(data.get("gold"))
        facts = self._facts(data.get("facts"))
        concept = self._concept(data.get("concept"))
        if self.problems:
            return None, self.problems

        self._consistency(category, company, answerable, in_question, refs, facts)
        if concept is not None:
            self._concept_names(concept, item_id, lang, category)
        if self.corpus is not None:
            for index, ref in enumerate(refs, start=1):
                self._check_ref(self.corpus, index, ref, company, category)
        item = GoldItem(id=item_id, lang=lang, question=question, company=company, answerable=answerable,
                        gold=refs, facts=facts, category=category, split=split, company_in_question=in_question,
                        concept=concept, line=self.line)
        return item, self.problems

    def _text(self, data: dict[str, Any], key: str) -> str:
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(f"field {key!r} must be a non-empty string, got {value!r}")
            return ""
        return value

    def _choice(self, data: dict[str, Any], key: str, accepted: tuple[str, ...], what: str) -> str:
        value = data[key]
        if value not in accepted:
            self.fail(f"unknown {what} {value!r}", hint=f"accepted: {', '.join(accepted)}")
            return ""
        return value

    def _flag(self, data: dict[str, Any], key: str) -> bool:
        value = data[key]
        if not isinstance(value, bool):
            self.fail(f"field {key!r} must be true or false, got {value!r}")
            return False
        return value

    def _company(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not _COMPANY_PATTERN.fullmatch(value):
            self.fail(f"field 'company' must be a company id or null, got {value!r}")
            return None
        if self.corpus is not None and value not in self.corpus.companies:
            self.fail(f"unknown company {value!r}", hint=f"known: {', '.join(sorted(self.corpus.companies))}")
        return value

    def _concept(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not _CONCEPT_PATTERN.fullmatch(value):
            self.fail(f"field 'concept' must be {{category}}-{{company abbr}}-{{slug}} in lower case, got {value!r}",
                      hint="e.g. retention-o3d-invoices")
            return None
        return value

    def _concept_names(self, concept: str, item_id: str, lang: str, category: str) -> None:
        """The concept starts with the item's category and names the company abbreviation of the item's id."""
        match = _CONCEPT_PATTERN.fullmatch(concept)
        assert match is not None  # checked by _concept
        if match["category"] != category:
            self.fail(f"concept {concept!r} does not start with the item's category {category!r}")
        elif not item_id.startswith(f"{lang}-{category}-{match['abbr']}-"):
            self.fail(f"concept {concept!r} names company abbreviation {match['abbr']!r} but the id is {item_id!r}",
                      hint=f"concept items have ids {lang}-{category}-{match['abbr']}-{{nn}}")

    def _refs(self, value: Any) -> tuple[GoldRef, ...]:
        if not isinstance(value, list):
            self.fail(f"field 'gold' must be a list of {{doc, section, quote}} objects, got {value!r}")
            return ()
        refs: list[GoldRef] = []
        for index, raw in enumerate(value, start=1):
            if not isinstance(raw, dict):
                self.fail(f"gold[{index}] must be an object with doc, section and quote")
                continue
            keys = sorted(set(raw) ^ set(_REF_KEYS))
            if keys:
                self.fail(f"gold[{index}] must have exactly the fields doc, section, quote (check {', '.join(keys)})")
                continue
            bad = [key for key in _REF_KEYS if not isinstance(raw[key], str) or not raw[key].strip()]
            if bad:
                self.fail(f"gold[{index}] field{'s' if len(bad) > 1 else ''} {', '.join(bad)} must be non-empty "
                          "strings")
                continue
            words = len(raw["quote"].split())
            low, high = QUOTE_WORDS
            if not low <= words <= high:
                self.fail(f"gold[{index}] quote has {words} words; quotes must have {low} to {high}")
                continue
            refs.append(GoldRef(doc=raw["doc"], section=raw["section"], quote=raw["quote"]))
        return tuple(refs)

    def _facts(self, value: Any) -> tuple[tuple[str, ...], ...]:
        if not isinstance(value, list) or not all(
            isinstance(fact, list) and fact and all(isinstance(alt, str) and alt.strip() for alt in fact)
            for fact in value
        ):
            self.fail(f"field 'facts' must be a list of non-empty lists of non-empty strings, got {value!r}",
                      hint='e.g. [["7 jaar", "7 years", "7 Jahre", "7 ans"]]')
            return ()
        return tuple(tuple(fact) for fact in value)

    def _consistency(self, category: str, company: str | None, answerable: bool, in_question: bool,
                     refs: tuple[GoldRef, ...], facts: tuple[tuple[str, ...], ...]) -> None:
        abstain = category in ABSTAIN_CATEGORIES
        if abstain and answerable:
            self.fail(f"category {category!r} needs answerable false")
        if not abstain and not answerable:
            self.fail(f"answerable is false but category {category!r} is answerable",
                      hint=f"use category {' or '.join(ABSTAIN_CATEGORIES)}")
        if not answerable and (refs or facts):
            self.fail("an unanswerable item must have empty gold and facts")
        if answerable and not refs:
            self.fail("an answerable item needs at least one gold reference")
        if category == "comparison" and company is not None:
            self.fail("a comparison item must have company null; its gold lists one entry per company")
        if company is None and in_question and category != "comparison":
            self.fail("company_in_question is true but company is null")

    def _check_ref(self, corpus: GoldCorpus, index: int, ref: GoldRef, company: str | None, category: str) -> None:
        text = corpus.texts.get(ref.doc)
        if text is None:
            self.fail(f"gold[{index}] unknown document {ref.doc!r}",
                      hint="doc is the source file name, e.g. 002_31825930765d3a6a.txt")
            return
        owner = corpus.owners[ref.doc]
        if company is not None and category != "comparison" and owner != company and owner not in corpus.references:
            self.fail(f"gold[{index}] document {ref.doc!r} belongs to {owner!r}, not to the item's company "
                      f"{company!r}")
        if ref.quote not in text:
            self.fail(f"gold[{index}] quote is not an exact substring of {ref.doc}: {_short(ref.quote)!r}",
                      hint="copy the quote from the file bytes, line breaks and spacing included")
            return
        sections = [s for s in corpus.sections[ref.doc] if s.label == ref.section]
        if not sections:
            labels = corpus.labels(ref.doc)
            shown = ", ".join(repr(label) for label in labels[:12]) + (", ..." if len(labels) > 12 else "")
            self.fail(f"gold[{index}] unknown section {ref.section!r} in {ref.doc}", hint=f"labels: {shown}")
            return
        if not any(ref.quote in section.text for section in sections):
            inside = [s.label for s in corpus.sections[ref.doc] if ref.quote in s.text]
            found = f"it is in {', '.join(repr(label) for label in inside)}" if inside else \
                "it crosses a section boundary or lies outside every section"
            self.fail(f"gold[{index}] quote is not inside section {ref.section!r} of {ref.doc}; {found}")


def _short(text: str, limit: int = 60) -> str:
    text = _SPACE.sub(" ", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
