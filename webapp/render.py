"""Safe rendering of answers, sources, clauses and logs: every piece of outside text is escaped before display."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import quote

from assistant import templates
from assistant.library import PolicyLibrary, SectionView
from assistant.types import Answer, Hit, Status
from core.types import CompanyManifest
from webapp.texts import LANGUAGE_NAMES, text

__all__ = [
    "anchor_id",
    "document_note",
    "escape_html",
    "escape_markdown",
    "render_answer_markdown",
    "render_clause_html",
    "render_company_html",
    "render_feedback_html",
    "render_grid_html",
    "render_hits_html",
    "render_policy_html",
    "render_sources_html",
    "render_table_html",
]

# Every ASCII punctuation character Markdown (and the Chatbot's LaTeX delimiters) could give a meaning to.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$<>&])")


def escape_html(value: object) -> str:
    """Return `value` as text that HTML shows literally (`<`, `>`, `&` and quotes become entities)."""
    return html.escape(str(value), quote=True)


def escape_markdown(value: object) -> str:
    """Return `value` as Markdown that renders to exactly this text, with no markup, links or HTML tags.

    Markdown punctuation is backslash-escaped, and `<`, `>` and `&` become HTML entities, so a tag such as
    `<img src=x onerror=alert(1)>` is displayed, never parsed.
    """
    escaped = _MARKDOWN_SPECIAL.sub(lambda m: m.group(1) if m.group(1) in "<>&" else "\\" + m.group(1), str(value))
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_LINK_TARGET = re.compile(r"https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]|www\.[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]"
                          r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def markdown_with_links(value: object) -> str:
    """`escape_markdown(value)`, except that web addresses and e-mail addresses become plain, working links.

    A link is written `[address](target)`, so no escaping shows and the chat's own autolinking cannot pick up a
    backslash; only http(s) and mailto targets are ever made.
    """
    text_value, parts, last = str(value), [], 0
    for match in _LINK_TARGET.finditer(text_value):
        address = match.group()
        target = address if address.startswith("http") else (
            f"mailto:{address}" if "@" in address and "/" not in address else f"https://{address}")
        label = re.sub(r"([\\`*_\[\]])", r"\\\1", address)
        parts += [escape_markdown(text_value[last:match.start()]), f"[{label}]({quote(target, safe=':/?#=&%@+~.-_')})"]
        last = match.end()
    return "".join([*parts, escape_markdown(text_value[last:])])


def anchor_id(section_id: str) -> str:
    """An HTML id for a section, stable across renders (`pa-` + the section id with unsafe characters replaced)."""
    return "pa-" + re.sub(r"[^A-Za-z0-9_-]", "-", section_id)


def render_answer_markdown(answer: Answer, *, contact: str = "") -> str:
    """The chat message for `answer`: its escaped text with `[n]` markers, then the notice and, for abstentions,
    the privacy contact.

    Args:
        answer: the pipeline's answer.
        contact: fallback privacy contact when the answer carries none.
    """
    parts = [markdown_with_links(answer.answer)]
    if answer.notice:
        parts.append("_" + escape_markdown(answer.notice) + "_")
    contact = answer.contact or contact
    if contact and answer.status is not Status.ANSWERED and contact not in answer.answer:
        parts.append(f"**{escape_markdown(text('privacy_contact', answer.language))}:** {markdown_with_links(contact)}")
    return "\n\n".join(parts)


def document_note(library: PolicyLibrary | None, company: str, document: str, language: str) -> str:
    """What a source document is and from when it applies, in `language` ("cookie policy, effective 2025-07-02").

    Empty when the library or the document's manifest entry is unknown.
    """
    spec = library.document_spec(company, document) if library is not None else None
    if spec is None:
        return ""
    parts = [templates.render(f"kind.{spec.kind}", language)] if f"kind.{spec.kind}" in templates.TEXTS else []
    if spec.effective:
        parts.append(text("effective", language, date=spec.effective))
    if spec.version:
        parts.append(text("version", language, version=spec.version))
    return ", ".join(parts)


def _highlight(section_text: str, quote: str) -> str:
    """Escape `section_text` and wrap the first occurrence of `quote` in <mark>."""
    at = section_text.find(quote) if quote else -1
    if at < 0:
        return escape_html(section_text)
    return (escape_html(section_text[:at]) + "<mark>" + escape_html(quote) + "</mark>"
            + escape_html(section_text[at + len(quote):]))


def render_sources_html(answer: Answer, *, library: PolicyLibrary | None = None) -> str:
    """The sources panel of `answer`: per citation its number, company, section, language and verbatim quote,
    with a collapsed "show section in context" holding the whole section, the quote highlighted.

    Args:
        answer: the pipeline's answer.
        library: the indexed sections, for company names and whole section texts; the cited passage is shown
            when a section is not found.
    """
    language = answer.language
    if not answer.citations:
        return f'<div class="pa-sources pa-empty">{escape_html(text("no_sources", language))}</div>'
    items = []
    for citation in answer.citations:
        section = library.section(citation.chunk_id) if library is not None and citation.chunk_id else None
        company = library.company_name(citation.company) if library is not None else citation.company
        context = section.text if section is not None else citation.text
        note = document_note(library, citation.company, citation.document, language)
        items.append(
            f'<div class="pa-source" id="pa-source-{citation.n}">'
            f'<div class="pa-source-head"><span class="pa-marker">[{citation.n}]</span> '
            f'<strong>{escape_html(company)}</strong> · '
            + (f'<span class="pa-document">{escape_html(note)}</span> · ' if note else "")
            + f'{escape_html(citation.section)} · '
            f'{escape_html(LANGUAGE_NAMES.get(citation.language, citation.language))}</div>'
            f'<blockquote class="pa-quote">{escape_html(citation.display or citation.quote)}</blockquote>'
            f'<details class="pa-context"><summary>{escape_html(text("show_context", language))}</summary>'
            f'<div class="pa-section-text">{_highlight(context, citation.quote)}</div></details></div>'
        )
    heading = escape_html(text("sources", language))
    return f'<div class="pa-sources"><h4>{heading}</h4>{"".join(items)}</div>'


def render_clause_html(section: SectionView, *, library: PolicyLibrary | None = None, body: str | None = None,
                       anchor: bool = True) -> str:
    """One clause as a card: company, label, title, language, document (kind, effective date or version) and its
    text (or `body`), with an anchor id."""
    company = library.company_name(section.company) if library is not None else section.company
    ident = f' id="{anchor_id(section.id)}"' if anchor else ""
    title = f" — {escape_html(section.title)}" if section.title and section.title != section.label else ""
    note = document_note(library, section.company, section.document, "en")
    document = f"{section.document} ({note})" if note else section.document
    return (f'<section class="pa-clause"{ident}><h4>{escape_html(section.label)}{title}</h4>'
            f'<div class="pa-meta">{escape_html(company)} · {escape_html(section.language)} · '
            f'{escape_html(document)} · {escape_html(", ".join(section.categories) or "general")}</div>'
            f'<pre class="pa-section-text">{escape_html(section.text if body is None else body)}</pre></section>')


def render_company_html(manifest: CompanyManifest) -> str:
    """The staff console's card of one company: controller, contact routes and supervisory authority, each line
    left out when the manifest has no value for it."""
    lines = []
    if manifest.responsible != manifest.name:
        lines.append(("Controller", manifest.responsible))
    routes = " · ".join(f"{c.kind}{f' ({c.label})' if c.label else ''}: {c.value}" for c in manifest.contacts)
    lines += [("Contacts", routes), ("Supervisory authority", manifest.supervisory_authority)]
    rows = "".join(f'<div class="pa-meta"><strong>{escape_html(name)}:</strong> {escape_html(value)}</div>'
                   for name, value in lines if value)
    return f'<div class="pa-company"><h3>{escape_html(manifest.name)}</h3>{rows}</div>'


def render_hits_html(hits: Sequence[Hit], *, library: PolicyLibrary) -> str:
    """Clause-search results: each hit's score and passage, with the whole section collapsed beneath."""
    if not hits:
        return '<div class="pa-empty">No matching clauses.</div>'
    cards = []
    for rank, hit in enumerate(hits, start=1):
        chunk = hit.chunk
        section = library.section(chunk.section_id)
        signals = ", ".join(f"{name} {score:.3f}" for name, score in sorted(hit.signals.items()))
        whole = (f'<details><summary>Whole section</summary><pre class="pa-section-text">'
                 f'{escape_html(section.text)}</pre></details>') if section is not None else ""
        cards.append(
            f'<section class="pa-hit"><h4>{rank}. {escape_html(library.company_name(chunk.company))} · '
            f'{escape_html(chunk.label)} · {escape_html(chunk.language)}</h4>'
            f'<div class="pa-meta">score {hit.score:.4f} ({escape_html(signals)}) · {escape_html(chunk.id)}</div>'
            f'<pre class="pa-section-text">{escape_html(chunk.text)}</pre>{whole}</section>'
        )
    return "".join(cards)


def render_policy_html(sections: Sequence[SectionView], *, library: PolicyLibrary,
                       linked_language: str | None = None) -> str:
    """A whole policy under its company's card (`render_company_html`), with a table of contents and section
    anchors; with `linked_language`, each section's linked version in that language is shown side by side."""
    if not sections:
        return '<div class="pa-empty">No sections.</div>'
    manifest = library.manifest(sections[0].company)
    card = render_company_html(manifest) if manifest is not None else ""
    toc = "".join(f'<li><a href="#{anchor_id(s.id)}">{escape_html(s.label)}</a></li>' for s in sections)
    rows = []
    for section in sections:
        left = render_clause_html(section, library=library)
        if linked_language:
            twin = library.linked(section, linked_language)
            right = (render_clause_html(twin, library=library) if twin is not None
                     else '<div class="pa-empty">No linked section.</div>')
            rows.append(f'<div class="pa-side-by-side"><div>{left}</div><div>{right}</div></div>')
        else:
            rows.append(left)
    return f'{card}<nav class="pa-toc"><ol>{toc}</ol></nav>{"".join(rows)}'


def render_grid_html(categories: Sequence[str], companies: Sequence[str], *, library: PolicyLibrary) -> str:
    """The comparison grid: one row per category, one column per company, each cell the best clause linking to
    its full text below the grid."""
    head = "".join(f"<th>{escape_html(library.company_name(c))}</th>" for c in companies)
    rows = []
    shown: dict[str, SectionView] = {}
    for category in categories:
        cells = []
        for company in companies:
            section = library.best_clause(category, company)
            if section is None:
                cells.append('<td class="pa-empty">—</td>')
                continue
            shown.setdefault(section.id, section)
            cells.append(f'<td><a href="#{anchor_id(section.id)}">{escape_html(section.label)}</a></td>')
        rows.append(f"<tr><th>{escape_html(category)}</th>{''.join(cells)}</tr>")
    clauses = "".join(render_clause_html(s, library=library) for s in shown.values())
    return (f'<table class="pa-grid"><thead><tr><th>category</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table><div class="pa-grid-clauses">{clauses}</div>')


def render_table_html(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A plain table with every header and cell escaped."""
    head = "".join(f"<th>{escape_html(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape_html(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="pa-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render_feedback_html(records: Iterable[Mapping[str, object]]) -> str:
    """The feedback list as a table, newest first as given; every field is escaped."""
    columns = ("ts", "rating", "reason", "company", "language", "question", "answer", "chunk_ids", "comment")
    rows = []
    for record in records:
        row = []
        for column in columns:
            value = record.get(column, "")
            row.append(", ".join(map(str, value)) if isinstance(value, (list, tuple)) else ("" if value is None else value))
        rows.append(row)
    if not rows:
        return '<div class="pa-empty">No feedback matches.</div>'
    return render_table_html(columns, rows)
