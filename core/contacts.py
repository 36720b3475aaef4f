"""The contact routes of a company (e-mail, web page, postal address, DPO, request portal) and their checks.

A manifest lists its routes as `contacts = [{kind = "email", value = "privacy@shop.example"}, ...]`; the older
single `contact_email` field becomes one route (`legacy_contact`).

Usage::

    contact_problem("request_portal", "j3dprints.nl/contact")  # 'must be an http(s) URL, got ...'
    legacy_contact("https://j3dprints.nl/contact")             # Contact(kind='url', value='https://...')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

__all__ = ["CONTACT_KINDS", "Contact", "contact_problem", "is_email", "is_web_address", "legacy_contact"]

CONTACT_KINDS: tuple[str, ...] = ("email", "url", "postal", "dpo", "request_portal")
"""Every accepted `kind` of a contact route: an e-mail address, a web page, a postal address, the data protection
officer (an e-mail address or a web page) and a portal for data subject requests (a web page)."""

_EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Contact:
    """One way to reach a company about privacy.

    `kind` is one of `CONTACT_KINDS`; `value` the address, URL or postal text; `label` an optional note for staff
    and display ("Privacy officer", "contact form").
    """

    kind: str
    value: str
    label: str = ""


def is_email(value: str) -> bool:
    """Whether `value` is an e-mail address (`name@domain.tld`, no spaces)."""
    return bool(_EMAIL.fullmatch(value))


def is_web_address(value: str) -> bool:
    """Whether `value` is an absolute http(s) URL with a host and no spaces."""
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and not re.search(r"\s", value)


def contact_problem(kind: str, value: str) -> str | None:
    """Why `value` is not a valid contact route of `kind`, or None when it is.

    Args:
        kind: the route's kind; anything outside `CONTACT_KINDS` is a problem.
        value: the address, URL or postal text, already stripped.

    Returns:
        A short reason naming the bad value (and, for an unknown kind, the accepted kinds), or None.
    """
    if kind not in CONTACT_KINDS:
        return f"unknown contact kind {kind!r}; accepted: {', '.join(CONTACT_KINDS)}"
    if not value:
        return f"contact of kind {kind!r} has an empty value"
    if kind == "email" and not is_email(value):
        return f"contact of kind 'email' must be an e-mail address, got {value!r}"
    if kind in ("url", "request_portal") and not is_web_address(value):
        return f"contact of kind {kind!r} must be an http(s) URL, got {value!r}"
    if kind == "dpo" and not (is_email(value) or is_web_address(value)):
        return f"contact of kind 'dpo' must be an e-mail address or an http(s) URL, got {value!r}"
    return None


def legacy_contact(value: str) -> Contact:
    """The route the single `contact_email` field stands for: kind `url` for a web address, else `email`."""
    return Contact(kind="url" if is_web_address(value) else "email", value=value)
