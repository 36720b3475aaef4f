"""Load and validate the `manifest.toml` of each company folder in the policy corpus."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from core.contacts import Contact, contact_problem, is_email, is_web_address
from core.errors import IngestError
from core.settings import LANGUAGES
from core.types import DOCUMENT_KINDS, CompanyManifest, DocumentSpec

__all__ = ["MANIFEST_NAME", "CorpusListing", "load_corpus", "load_manifest"]

MANIFEST_NAME = "manifest.toml"

_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_REQUIRED_TEXT = ("id", "name", "country", "website")
_OPTIONAL_TEXT = ("controller", "contact_email", "supervisory_authority", "effective_date")
_COMPANY_KEYS = (*_REQUIRED_TEXT, *_OPTIONAL_TEXT, "contacts", "aliases", "reference", "documents")
_DOCUMENT_KEYS = ("file", "languages", "language_split", "starts_after", "ends_before", "kind", "policy",
                  "effective", "version")
_CONTACT_KEYS = ("kind", "value", "label")
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class CorpusListing:
    """Every company manifest of a corpus folder that loaded, and one error per folder that did not."""

    manifests: tuple[CompanyManifest, ...]
    errors: tuple[IngestError, ...]

    def get(self, company_id: str) -> CompanyManifest | None:
        """Return the manifest with id `company_id`, or None when no such company loaded."""
        return next((m for m in self.manifests if m.id == company_id), None)

    @property
    def reference_ids(self) -> frozenset[str]:
        """The ids of the reference sets (the GDPR), which are not a shop's policy."""
        return frozenset(m.id for m in self.manifests if m.reference)


def load_corpus(corpus_dir: Path) -> CorpusListing:
    """Load the manifest of every company folder in `corpus_dir`, in folder-name order.

    A folder whose manifest is missing or invalid becomes an entry of `errors`; the other folders still load.

    Args:
        corpus_dir: the corpus folder, holding one sub-folder per company.

    Returns:
        The loaded manifests and the errors.

    Raises:
        IngestError: `corpus_dir` does not exist or is not a folder.
    """
    if not corpus_dir.is_dir():
        raise IngestError(corpus_dir, None, "corpus folder not found", hint="set corpus_dir (--corpus, or env PA_CORPUS_DIR)")
    manifests: list[CompanyManifest] = []
    errors: list[IngestError] = []
    for folder in sorted(p for p in corpus_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        try:
            manifests.append(load_manifest(folder / MANIFEST_NAME))
        except IngestError as exc:
            errors.append(exc)
    return CorpusListing(manifests=tuple(manifests), errors=tuple(errors))


def load_manifest(path: Path) -> CompanyManifest:
    """Read and validate one company manifest.

    Args:
        path: the `manifest.toml` file; its folder name must equal the manifest's `id`.

    Returns:
        The validated manifest; document paths are resolved against the manifest's folder.

    Raises:
        IngestError: the file is missing, is not valid TOML, has a missing, unknown or invalid field, names an
            invalid company id, a source file that does not exist, an unknown language code, document kind or
            contact kind, an invalid contact route or date, or (for a shop) no contact route at all. The error
            names the file, the line when it is known, and the reason.
    """
    if not path.is_file():
        raise IngestError(path, None, "manifest not found", hint=f"every company folder needs a {MANIFEST_NAME}")
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(path, None, f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x})",
                          hint="save the file as UTF-8") from exc
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "invalid TOML"
        raise IngestError(path, line, f"invalid TOML: {reason}") from exc
    return _Validator(path, source).company(data)


class _Validator:
    """Checks the parsed TOML of one manifest; errors point at the line that holds the offending key."""

    def __init__(self, path: Path, source: str) -> None:
        self.path = path
        self.lines = source.splitlines()
        self._table: int | None = None  # the [[documents]] entry being checked, to point at its lines

    def company(self, data: dict[str, Any]) -> CompanyManifest:
        self._unknown_keys(data, _COMPANY_KEYS, "manifest")
        text = {key: self._text(data, key, required=True) for key in _REQUIRED_TEXT}
        text |= {key: self._text(data, key) for key in _OPTIONAL_TEXT}
        company_id = text["id"]
        if not _ID_PATTERN.fullmatch(company_id):
            raise self._error("id", f"invalid company id {company_id!r}",
                              hint="use lower-case letters, digits and single hyphens, e.g. 'my-shop'")
        folder = self.path.parent.name
        if company_id != folder:
            raise self._error("id", f"company id {company_id!r} does not match its folder {folder!r}",
                              hint=f"rename the folder or set id = {folder!r}")
        if not text["name"]:
            raise self._error("name", "field 'name' is empty")
        aliases = self._text_list(data, "aliases")
        reference = data.get("reference", False)
        if not isinstance(reference, bool):
            raise self._error("reference", f"field 'reference' must be true or false, got {reference!r}")
        legacy = text["contact_email"]
        if legacy and not (is_email(legacy) or is_web_address(legacy)):
            raise self._error("contact_email", f"field 'contact_email' must be an e-mail address or an http(s) URL, "
                                               f"got {legacy!r}")
        contacts = self.contacts(data.get("contacts", []))
        if not reference and not contacts and not legacy:
            raise IngestError(self.path, None, "no contact route: a shop's answers name a contact when its policy is "
                                               "silent", hint='add contacts = [{kind = "email", value = "..."}]')
        self._date(text["effective_date"], "effective_date")
        raw_documents = data.get("documents")
        if not isinstance(raw_documents, list) or not raw_documents:
            raise self._error("documents", "no [[documents]] entries", hint="add a [[documents]] table with file = ...")
        documents = tuple(self.document(raw, index, default_effective=text["effective_date"])
                          for index, raw in enumerate(raw_documents))
        self._table = None
        files = [doc.file for doc in documents]
        for file in files:
            if files.count(file) > 1:
                raise self._error(f"file = \"{file}\"", f"document {file!r} is listed twice")
        return CompanyManifest(
            id=company_id,
            name=text["name"],
            country=text["country"],
            website=text["website"],
            contact_email=legacy,
            supervisory_authority=text["supervisory_authority"],
            effective_date=text["effective_date"],
            aliases=tuple(dict.fromkeys(alias.strip() for alias in aliases if alias.strip())),
            documents=documents,
            manifest_path=self.path,
            reference=reference,
            contacts=contacts,
            controller=text["controller"],
        )

    def contacts(self, raw: Any) -> tuple[Contact, ...]:
        if not isinstance(raw, list):
            raise self._error("contacts", f"field 'contacts' must be a list of tables, got {raw!r}",
                              hint='e.g. contacts = [{kind = "email", value = "privacy@shop.example"}]')
        routes: list[Contact] = []
        for number, entry in enumerate(raw, start=1):
            if not isinstance(entry, dict):
                raise self._error("contacts", f"contacts entry {number} is not a table, got {entry!r}")
            for key in entry:
                if key not in _CONTACT_KEYS:
                    raise self._error_at(entry, f"unknown field {key!r} in contacts entry {number}",
                                         hint=f"accepted: {', '.join(_CONTACT_KEYS)}")
            fields = {key: entry.get(key, "") for key in _CONTACT_KEYS}
            for key, value in fields.items():
                if not isinstance(value, str):
                    raise self._error_at(entry, f"contacts entry {number}: field {key!r} must be a string, "
                                                f"got {value!r}")
            route = Contact(kind=fields["kind"].strip(), value=fields["value"].strip(), label=fields["label"].strip())
            problem = contact_problem(route.kind, route.value)
            if problem:
                raise self._error_at(entry, f"contacts entry {number}: {problem}")
            if any((r.kind, r.value) == (route.kind, route.value) for r in routes):
                raise self._error_at(entry, f"contacts entry {number}: {route.kind} {route.value!r} is listed twice",
                                     repeated=True)
            routes.append(route)
        return tuple(routes)

    def document(self, raw: Any, index: int, *, default_effective: str = "") -> DocumentSpec:
        self._table = index
        if not isinstance(raw, dict):
            raise self._error("[[documents]]", f"documents entry {index + 1} is not a table")
        self._unknown_keys(raw, _DOCUMENT_KEYS, f"documents entry {index + 1}")
        file = self._text(raw, "file", required=True)
        anchor = f"file = \"{file}\"" if file else "[[documents]]"
        relative = PurePosixPath(file)
        if not file or "\\" in file or relative.is_absolute() or ".." in relative.parts or str(relative) != file:
            raise self._error(anchor, f"documents entry {index + 1}: 'file' must be a path inside the company "
                                      f"folder such as 'privacy.txt' or 'en/privacy.md', got {file!r}")
        source = self.path.parent / file
        if not source.is_file():
            raise self._error(anchor, f"source file {file!r} not found next to the manifest")
        languages = self._text_list(raw, "languages")
        for code in languages:
            if code not in LANGUAGES:
                raise self._error("languages", f"unknown language code {code!r} for {file!r}",
                                  hint=f"accepted: {', '.join(LANGUAGES)} (or [] to detect)")
        if len(set(languages)) != len(languages):
            raise self._error("languages", f"languages of {file!r} repeat a code: {languages!r}")
        language_split = self._text(raw, "language_split")
        if language_split and len(languages) != 2:
            raise self._error("language_split", f"language_split of {file!r} needs exactly two languages, "
                                                f"got {languages!r}")
        if len(languages) > 1 and not language_split:
            raise self._error("languages", f"{file!r} lists {len(languages)} languages but no language_split",
                              hint="set language_split to the line that starts the second language")
        kind = self._text(raw, "kind") or "policy"
        if kind not in DOCUMENT_KINDS:
            raise self._error("kind", f"unknown kind {kind!r} for {file!r}", hint=f"accepted: {', '.join(DOCUMENT_KINDS)}")
        effective = self._text(raw, "effective")
        self._date(effective, "effective")
        policy = self._text(raw, "policy")
        if policy and not _ID_PATTERN.fullmatch(policy):
            raise self._error("policy", f"invalid policy id {policy!r} for {file!r}",
                              hint="use lower-case letters, digits and single hyphens, e.g. 'privacy-notice'")
        return DocumentSpec(
            policy=policy,
            file=file,
            path=source,
            languages=tuple(languages),
            language_split=language_split,
            starts_after=self._text(raw, "starts_after"),
            ends_before=self._text(raw, "ends_before"),
            kind=kind,
            effective=effective or default_effective,
            version=self._text(raw, "version"),
        )

    def _text(self, data: dict[str, Any], key: str, *, required: bool = False) -> str:
        if key not in data:
            if required:
                raise IngestError(self.path, None, f"missing field {key!r}")
            return ""
        value = data[key]
        if not isinstance(value, str):
            raise self._error(key, f"field {key!r} must be a string, got {value!r}")
        return value.strip()

    def _text_list(self, data: dict[str, Any], key: str) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._error(key, f"field {key!r} must be a list of strings, got {value!r}")
        return [item.strip() for item in value]

    def _date(self, value: str, key: str) -> None:
        """An empty value or an ISO date (YYYY-MM-DD) that exists."""
        if not value:
            return
        try:
            valid = bool(_ISO_DATE.fullmatch(value)) and date.fromisoformat(value) is not None
        except ValueError:
            valid = False
        if not valid:
            raise self._error(key, f"field {key!r} must be a date written YYYY-MM-DD, got {value!r}",
                              hint="put a free-text version in the document's 'version'" if key == "effective" else None)

    def _unknown_keys(self, data: dict[str, Any], accepted: tuple[str, ...], where: str) -> None:
        for key in data:
            if key not in accepted:
                misplaced = self._table is not None and key in _COMPANY_KEYS
                raise self._error(key, f"unknown field {key!r} in {where}",
                                  hint="company fields go above the first [[documents]] table" if misplaced
                                  else f"accepted: {', '.join(accepted)}")

    def _error(self, anchor: str, reason: str, *, hint: str | None = None) -> IngestError:
        return IngestError(self.path, self._line_of(anchor), reason, hint=hint)

    def _error_at(self, entry: dict[str, Any], reason: str, *, hint: str | None = None,
                  repeated: bool = False) -> IngestError:
        """An error on one contacts entry: the line holding its value (or kind; for a `repeated` entry its second
        listing), else the `contacts` line."""
        start = self._line_of("contacts") or self._line_of("[[contacts]]")
        for value in (entry.get(field) for field in ("value", "kind", "label")):
            if not isinstance(value, str) or not value:
                continue
            line = self._line_holding(value, after=start)
            if line is not None and repeated:
                line = self._line_holding(value, after=line + 1) or line
            if line is not None:
                return IngestError(self.path, line, reason, hint=hint)
        return IngestError(self.path, start, reason, hint=hint)

    def _line_holding(self, value: str, *, after: int | None) -> int | None:
        """The first line, from line `after` on, that holds `value` as a quoted TOML string."""
        start = (after or 1) - 1
        for number, line in enumerate(self.lines[start:], start=start + 1):
            if f'"{value}"' in line or f"'{value}'" in line:
                return number
        return None

    def _line_of(self, anchor: str) -> int | None:
        """The first line that assigns `anchor`: a key (`id`), a key with its value (`file = "x.txt"`) or a header.

        While a documents entry is checked, the search starts at that entry's `[[documents]]` header.
        """
        key, _, value = (part.strip() for part in anchor.partition("="))
        headers = [i for i, line in enumerate(self.lines) if line.strip() == "[[documents]]"]
        first = headers[self._table] if self._table is not None and self._table < len(headers) else 0
        for number, line in enumerate(self.lines[first:], start=first + 1):
            stripped = line.strip()
            if key.startswith("[") and stripped == key:
                return number
            if re.match(re.escape(key) + r"\s*=", stripped) and (not value or value in stripped):
                return number
        return None
