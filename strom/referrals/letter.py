"""The referral letter's language: the receiving organisation's language setting when it has one, else
the official language of its municipality's country when we have a catalogue for it, else English."""

from __future__ import annotations

from django.conf import settings

OFFICIAL_LANGUAGE = {
    "LV": "lv",
    "LT": "lt",
    "EE": "et",
    "FI": "fi",
    "SE": "sv",
    "DK": "da",
    "NO": "nb",
    "DE": "de",
    "AT": "de",
    "PL": "pl",
    "NL": "nl",
    "UA": "uk",
}


def letter_language(organisation) -> str:
    available = {code for code, _name in settings.LANGUAGES}
    own = getattr(organisation, "language", "")  # an organisation language setting, when one is added
    if own in available:
        return own
    municipality = organisation.municipality
    country = (municipality.country if municipality is not None else organisation.country).code
    language = OFFICIAL_LANGUAGE.get(country, "")
    return language if language in available else "en"
