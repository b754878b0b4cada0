"""Load the seed practices from `data/practices.toml` (see its header for what it is and where from).

Strict: an unknown key, a missing text in the original language or a value the services would refuse
stops the load with the practice's key named, and nothing is written. Idempotent and gentle: it adds
the practices (by key) and the texts (by language) that are missing and never overwrites what keepers
changed in the application.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from strom.audit.services import record
from strom.network.languages import is_language_code
from strom.practices.models import Practice, PracticeText
from strom.practices.services import clean_facts, clean_words

DATA = Path(__file__).parent / "data" / "practices.toml"
ORIGINAL = "en"  # the seed's texts were written in English
FACT_KEYS = {"key", "country", "actors", "contact_organisation", "contact_point", "links", "target_groups",
             "exploitation_forms", "chain_stages", "texts"}
TEXT_KEYS = {"title", "problem", "approach", "results", "needs_review"}


class PracticeDataError(ValueError):
    """The data file is not as described; the message names the practice and the problem."""


@dataclass(frozen=True)
class Loaded:
    practices: int
    texts: int


def _checked(entry: dict, defaults: dict) -> tuple[str, dict, dict[str, dict]]:
    key = entry.get("key", "")
    unknown = set(entry) - FACT_KEYS
    if not key or unknown:
        raise PracticeDataError(f"practice {key or '(no key)'}: unknown or missing keys {sorted(unknown) or ['key']}")
    texts = entry.get("texts", {})
    if ORIGINAL not in texts:
        raise PracticeDataError(f"practice {key}: no text in {ORIGINAL}")
    try:
        facts = clean_facts({**entry, "original_language": ORIGINAL})
        words = {}
        for language, text in texts.items():
            if set(text) - TEXT_KEYS:
                raise PracticeDataError(f"practice {key}, {language}: unknown keys {sorted(set(text) - TEXT_KEYS)}")
            if not is_language_code(language):
                raise PracticeDataError(f"practice {key}: {language!r} is not a language code")
            words[language] = clean_words({"results": defaults.get(language, ""), **text})
    except ValidationError as error:
        raise PracticeDataError(f"practice {key}: {error.messages}") from error
    return key, facts, words


def read(path: Path = DATA) -> tuple[str, list[tuple[str, dict, dict[str, dict]]]]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    defaults = data.get("default_results", {})
    entries = [_checked(entry, defaults) for entry in data.get("practices", [])]
    keys = [key for key, _facts, _words in entries]
    if len(keys) != len(set(keys)):
        raise PracticeDataError("two practices share a key")
    return data.get("source", ""), entries


@transaction.atomic
def load_practices(path: Path = DATA) -> Loaded:
    source, entries = read(path)
    practices = texts = 0
    for key, facts, words in entries:
        practice, created = Practice.objects.get_or_create(key=key, defaults={**facts, "source": source})
        practices += created
        have = set(practice.texts.values_list("language", flat=True))
        for language, text in words.items():
            if language not in have:
                PracticeText.objects.create(practice=practice, language=language, **text)
                texts += 1
    if practices or texts:
        record("practices.loaded", target_type="practices.practice",
               detail={"practices": practices, "texts": texts, "file": path.name})
    return Loaded(practices, texts)
