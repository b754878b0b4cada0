"""Normalising text before it is compared or indexed."""

from __future__ import annotations

import unicodedata


def normalise_for_index(value: str) -> str:
    """The form of ``value`` that a blind index is computed over.

    A blind index only supports exact search, so everything a person would call "the same name"
    must map to the same string: compatibility forms (ligatures, full-width letters) and
    composed/decomposed accents via NFKC, letter case via casefold (ß → ss), and any run of
    Unicode whitespace to one space. NFKC runs again after casefold because casefolding can
    produce text that is no longer normalised.
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value).casefold())
    return " ".join(folded.split())
