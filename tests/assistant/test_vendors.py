"""Vendors a question names, and whether a shop's policy names them (`assistant.vendors`)."""

from __future__ import annotations

from assistant.vendors import PolicyVendors, names_any, vendors_in
from core.categories import normalize


def test_names_any_matches_whole_words_of_folded_text() -> None:
    assert names_any(normalize("Wij gebruiken Google Analytics voor statistieken."), ("google analytics",))
    assert not names_any(normalize("We use upsells and groups."), ("ups",))


def test_named_lists_each_vendor_once_in_question_order() -> None:
    assert PolicyVendors.named("Via Mollie of PayPal? En Mollie ook voor refunds?") == ("mollie", "paypal")


def test_silent_on_names_the_vendors_a_policy_does_not_name() -> None:
    vendors = PolicyVendors(policy_texts={"pixeljet": "We use Google Analytics and Facebook pixels."})
    assert vendors.silent_on("Deelt Pixeljet mijn naam met Trustpilot?", company="pixeljet") == ("trustpilot",)


def test_silent_on_counts_another_name_of_the_same_company() -> None:
    vendors = PolicyVendors(policy_texts={"pixeljet": "We use Google Analytics."})
    assert vendors.silent_on("Does Pixeljet run Google Ads?", company="pixeljet") == ()


def test_silent_on_is_empty_for_a_company_without_a_policy_text() -> None:
    assert PolicyVendors(policy_texts={}).silent_on("Gebruiken jullie Hotjar?", company="pixeljet") == ()


def test_vendors_in_lists_names_as_written_once_and_not_inside_longer_ones() -> None:
    assert vendors_in(["We use Google Analytics and Google Ads.", "Betalen via Mollie of mollie.",
                       "We make back-ups every night."]) == ["Google Analytics", "Google Ads", "Mollie"]
