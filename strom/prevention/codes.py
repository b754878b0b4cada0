"""Campaign codes: the pure rules (no database).

A code is what a caller says on the phone ("code SAFE-WORK-26"), so it is short, upper case, Latin
letters, digits and hyphens only, 3 to 20 characters (`[A-Z0-9-]{3,20}`), with no hyphen at either end
and no two hyphens together (they are hard to say and to hear). Callers mistype and misspeak, so lookups
normalise first: spaces and underscores become hyphens, letters are upper-cased and accents dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

MIN_LENGTH = 3
MAX_LENGTH = 20
CODE = re.compile(r"[A-Z0-9]+(-[A-Z0-9]+)*")
_SEPARATORS = re.compile(r"[\s_\-–—./]+")
_NOT_CODE = re.compile(r"[^A-Z0-9-]")
_HYPHENS = re.compile(r"-{2,}")
# Words that carry no meaning in a code.
_SMALL_WORDS = frozenset({"A", "AN", "AND", "THE", "OF", "FOR", "IN", "ON", "TO", "AT", "BY", "WITH"})


def _latin(text: str) -> str:
    """Upper case without accents ("Drošs darbs" → "DROSS DARBS"); letters outside Latin are dropped."""
    decomposed = unicodedata.normalize("NFKD", text.upper())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """What a user typed or said, as a code: " safe work_26 " → "SAFE-WORK-26" (not checked for validity)."""
    text = _NOT_CODE.sub("", _SEPARATORS.sub("-", _latin(text or "").strip()))
    return _HYPHENS.sub("-", text).strip("-")


def is_valid(code: str) -> bool:
    return MIN_LENGTH <= len(code) <= MAX_LENGTH and CODE.fullmatch(code) is not None


def suggest(title: str, year: int, taken: Container[str] = ()) -> str:
    """A free code from the title's first words and the year: "Safe work abroad", 2026 → "SAFE-WORK-26".

    Up to two meaningful words (cut to eight letters each), then the year's last two digits; when that is
    taken, "-2", "-3"… is added. A title without Latin letters gives "CAMPAIGN-26".
    """
    words = [w for w in normalise(title).split("-") if w and w not in _SMALL_WORDS and not w.isdigit()]
    stem = "-".join(w[:8] for w in words[:2]) or "CAMPAIGN"
    base = f"{stem}-{year % 100:02d}"
    if base not in taken:
        return base
    for number in range(2, 1000):
        suffix = f"-{number}"
        candidate = base[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
    raise ValueError("No free campaign code for this title and year.")
