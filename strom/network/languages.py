"""Languages a service speaks and a person needs: ISO 639-1 codes, named by babel in the reader's language.

No hand-written list of names: babel's CLDR data names every ISO 639-1 code in every language of
the interface. The region's languages (and those common among the people assisted) come first.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The languages of the region, then English and languages often spoken by people assisted here.
REGION_LANGUAGES = ("lv", "lt", "et", "fi", "sv", "da", "nb", "de", "pl", "nl", "ru", "uk", "en",
                    "ro", "bg", "ar", "vi", "zh")


@lru_cache(maxsize=32)
def _names(locale: str) -> dict[str, str]:
    """ISO 639-1 code → name in `locale` (two-letter codes only: babel also knows 639-2/3 and variants)."""
    try:
        languages = Locale.parse(locale, sep="-").languages
    except (UnknownLocaleError, ValueError):
        languages = Locale.parse("en").languages
    return {code: name for code, name in languages.items() if len(code) == 2 and code.isalpha()}


def names() -> dict[str, str]:
    return _names(get_language() or "en")


def language_name(code: str) -> str:
    return names().get(code, code)


def language_names(codes) -> list[str]:
    return [language_name(code) for code in codes]


def is_language_code(code: str) -> bool:
    return code in _names("en")


def _first_upper(name: str) -> str:
    return name[:1].upper() + name[1:]


def region_choices() -> list[tuple[str, str]]:
    return [(code, _first_upper(language_name(code))) for code in REGION_LANGUAGES]


def other_choices() -> list[tuple[str, str]]:
    others = [(code, _first_upper(name)) for code, name in names().items() if code not in REGION_LANGUAGES]
    return sorted(others, key=lambda choice: choice[1].casefold())


def grouped_choices(empty_label) -> list:
    """For a <select>: nothing chosen, the region's languages, then every other ISO 639-1 language."""
    return [("", empty_label), (_("Languages of the region"), region_choices()),
            (_("Other languages"), other_choices())]
