"""Vendors a question may name: well-known service providers, written the same in every language.

A customer who asks "Gebruiken jullie Hotjar?" or "Via Mollie of PayPal?" asks about those companies. When the shop's
policy (any of its language versions) names none of them, the policy is silent on the question, however close its
sections about analytics or payments read; `PolicyVendors.silent_on()` says so before anything is retrieved.

Usage::

    vendors = PolicyVendors(policy_texts={"pixeljet": "... Google Analytics ... Facebook ..."})
    vendors.named("Deelt Pixeljet mijn naam met Trustpilot?")          # ("trustpilot",)
    vendors.silent_on("Deelt Pixeljet mijn naam met Trustpilot?", company="pixeljet")   # ("trustpilot",)
    vendors.silent_on("Gebruikt Pixeljet Google Analytics?", company="pixeljet")       # ()
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from core.categories import normalize

__all__ = ["VENDORS", "PolicyVendors", "names_any", "vendors_in"]

VENDORS: tuple[str, ...] = (
    # analytics, advertising and session recording
    "google", "google analytics", "google ads", "doubleclick", "facebook", "meta pixel", "instagram", "linkedin",
    "tiktok", "twitter", "pinterest", "snapchat", "youtube", "hotjar", "microsoft clarity", "matomo", "piwik",
    "criteo", "bing", "yandex", "mixpanel",
    # e-mail, support, reviews and chat
    "mailchimp", "brevo", "sendinblue", "dolist", "sendgrid", "mailjet", "klaviyo",
    "hubspot", "salesforce", "zendesk", "intercom", "freshdesk", "cleverreach", "rapidmail", "mailerlite",
    "getresponse", "activecampaign", "sendpulse", "campaign monitor", "mailgun", "amazon ses", "twilio", "userlike",
    "tidio", "zoho", "typeform", "calendly", "usercentrics", "cookiebot", "onetrust", "axeptio", "didomi",
    "trustpilot", "kiyoh", "trusted shops", "google reviews", "whatsapp", "telegram",
    # payments and credit
    "mollie", "paypal", "stripe", "adyen", "klarna", "afterpay", "riverty", "bancontact", "apple pay",
    "google pay", "schufa", "experian", "equifax", "focum", "buckaroo", "multisafepay", "payconiq", "worldline",
    "sisow", "ogone", "ingenico", "payone", "unzer", "sumup", "payplug", "giropay", "computop",
    # hosting, cloud and shop software
    "amazon web services", "aws", "azure", "microsoft", "google cloud", "cloudflare", "shopify", "woocommerce", "wordpress",
    "magento", "lightspeed", "openai", "chatgpt", "neostrada", "transip", "hostnet", "strato", "hetzner", "ionos",
    "combell", "vimexx", "ovh", "ovhcloud", "digitalocean", "xiti", "piano analytics", "eulerian", "scaleway", "scalingo",
    "clever cloud", "netcup", "vercel", "netlify", "heroku", "etracker", "econda", "at internet",
    # error and performance monitoring
    "sentry", "bugsnag", "datadog", "new relic",
    # design software whose makers a customer may ask about
    "autodesk",
    # couriers and parcel platforms
    "postnl", "bpost", "dhl", "dpd", "ups", "gls", "fedex", "tnt", "mondial relay", "sendcloud", "myparcel",
    "an post", "la poste", "colissimo", "chronopost", "stuart", "hermes", "royal mail", "deutsche post", "postnord",
    "budbee", "homerr", "trunkrs", "geodis", "dachser", "parcelforce", "evri",
)
"""Folded names (`core.categories.normalize`), matched as whole words."""

_SAME_VENDOR = {"sendinblue": "brevo", "meta pixel": "facebook", "aws": "amazon web services", "azure": "microsoft",
                "afterpay": "riverty", "google ads": "google", "google analytics": "google", "google cloud": "google",
                "google pay": "google", "google reviews": "google", "microsoft clarity": "microsoft",
                "doubleclick": "google", "piwik": "matomo", "instagram": "facebook", "whatsapp": "facebook"}
"""Names of one company or product line: a policy naming Brevo names the former Sendinblue."""

_NAMES = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, VENDORS), key=len, reverse=True)) + r")\b")
"""Whole words, not after a hyphen: "back-ups" names no UPS."""
_WRITTEN = re.compile(_NAMES.pattern, re.IGNORECASE)  # the same names in text as written
# Browsers named where a policy explains how to refuse cookies: "Google Chrome" is no service of the shop's.
_BROWSERS = re.compile(r"\b(?:google chrome|microsoft edge|internet explorer|microsoft internet explorer)\b", re.IGNORECASE)


class PolicyVendors:
    """Which vendors a question names, and whether a shop's policy names any of them.

    Args:
        policy_texts: the text of each company's policy (all its language versions, headings included).
    """

    def __init__(self, *, policy_texts: Mapping[str, str]) -> None:
        self._named_by = {company: _mentioned(normalize(text)) for company, text in policy_texts.items()}

    @staticmethod
    def named(question: str) -> tuple[str, ...]:
        """The vendors `question` names, in order, each once."""
        return tuple(dict.fromkeys(_NAMES.findall(normalize(question))))

    def silent_on(self, question: str, *, company: str) -> tuple[str, ...]:
        """The vendors `question` names when `company`'s policy names none of them, nor another name of the same
        company; () when it names one, when the question names none, or for a company without a policy text."""
        named = self.named(question)
        known = self._named_by.get(company)
        if not named or known is None or any(_owner(name) in known for name in named):
            return ()
        return named


def _owner(name: str) -> str:
    """The company behind a vendor name ("google analytics" -> "google", "sendinblue" -> "brevo")."""
    return _SAME_VENDOR.get(name, name)


def names_any(folded: str, vendors: Iterable[str]) -> bool:
    """Whether `folded` text (`core.text.normalize`) names one of the folded `vendors` as whole words."""
    return any(re.search(rf"(?<![\w-]){re.escape(vendor)}\b", folded) for vendor in vendors)


def vendors_in(texts: Iterable[str]) -> list[str]:
    """The vendors named in `texts`, as written there ("Mollie", "Google Analytics"), in order, each once; a name
    inside a longer one found ("Google" in "Google Analytics") is not listed on its own."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _WRITTEN.finditer(_BROWSERS.sub(" ", text)):
            found.setdefault(match.group().casefold(), match.group())
    return [name for key, name in found.items() if not any(key != other and key in other for other in found)]


def _mentioned(folded: str) -> frozenset[str]:
    """The companies behind every vendor named in `folded` text, browsers left out."""
    folded = _BROWSERS.sub(" ", folded)
    return frozenset(_owner(name) for name in VENDORS if names_any(folded, (name,)))
