"""Which text of a practice a reader sees: pure rules (no database).

The reader's language when the practice has it; else the practice's original language; else English;
else the first language there is. The other languages are offered as "also in …".
"""

from __future__ import annotations

from collections.abc import Iterable


def base_language(code: str) -> str:
    """"en-gb" → "en", "nb-NO" → "nb"; Norwegian "no" is read as Bokmål ("nb"), as the interface has it."""
    code = (code or "").lower().replace("_", "-").split("-")[0]
    return "nb" if code == "no" else code


def choose_language(available: Iterable[str], wanted: str, original: str) -> str | None:
    languages = list(dict.fromkeys(available))
    for candidate in (base_language(wanted), original, "en"):
        if candidate in languages:
            return candidate
    return languages[0] if languages else None


def also_in(available: Iterable[str], shown: str | None) -> list[str]:
    """The other languages, sorted by code so that the list does not jump around between pages."""
    return sorted(code for code in set(available) if code != shown)
