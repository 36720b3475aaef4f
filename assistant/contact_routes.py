"""Which of a company's contact routes an answer names: the DPO first for a question about the DPO, else the
e-mail address or request portal, and at most two routes.

Usage::

    contact_line(directory.get("pixeljet"), question="Who is Pixeljet's data protection officer?")
    # 'k.dewit@karsten.nl; info@pixeljet.nl'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.categories import normalize
from core.contacts import Contact
from core.types import CompanyManifest

__all__ = ["asks_for_dpo", "contact_line", "pick_contacts"]

# The data protection officer in EN/NL/DE/FR, matched on `normalize`d text (lower case, no accents, single spaces).
_DPO = re.compile(
    r" (?:dpo|dpd|fg|data protection officer|privacy officer|functionaris (?:voor de )?gegevensbescherming"
    r"|privacy ?functionaris|datenschutzbeauftragte\w*|delegue a la protection des donnees|delegue) "
)
_ORDER = ("email", "request_portal")
_DPO_ORDER = ("dpo", *_ORDER)
_FALLBACK = ("email", "request_portal", "dpo", "url", "postal")


def asks_for_dpo(question: str) -> bool:
    """Whether `question` asks about the data protection officer ("Wer ist der Datenschutzbeauftragte?")."""
    return bool(_DPO.search(normalize(question)))


def pick_contacts(contacts: Sequence[Contact], *, dpo: bool = False, limit: int = 2) -> tuple[Contact, ...]:
    """The routes an answer names, best first, each address once.

    Args:
        contacts: the company's routes, in manifest order.
        dpo: the question is about the data protection officer: `dpo` routes come first.
        limit: the most routes named.

    Returns:
        The `dpo` routes (when `dpo`), then the e-mail addresses and request portals, up to `limit`; when the
        company has none of these, its first route in the order e-mail, request portal, DPO, web page, postal.
        Empty when `contacts` is.
    """
    ranked = [c for kind in (_DPO_ORDER if dpo else _ORDER) for c in contacts if c.kind == kind]
    if not ranked:
        ranked = [c for kind in _FALLBACK for c in contacts if c.kind == kind][:1]
    unique = [c for i, c in enumerate(ranked) if c.value not in {r.value for r in ranked[:i]}]
    return tuple(unique[:limit])


def contact_line(manifest: CompanyManifest, *, question: str = "") -> str:
    """The contact an answer about `manifest`'s company names: the picked routes joined by "; ".

    The controller comes first when it differs from the display name ("Materialise NV, https://..."); the company's
    website stands in when it lists no route (the GDPR reference set).
    """
    routes = "; ".join(c.value for c in pick_contacts(manifest.contacts, dpo=asks_for_dpo(question)))
    if not routes:
        return manifest.website
    return f"{manifest.responsible}, {routes}" if manifest.responsible != manifest.name else routes
