"""Caller references: short codes an operator reads out on the phone ("K7M-4PX").

The alphabet leaves out what is misheard or misread (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V), so that a code
read out, written on a scrap of paper and read back weeks later still names the same caller. Pure
functions: the service asks for a fresh code until the database says it is free.
"""

from __future__ import annotations

import secrets

ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
LENGTH = 6
# Separators and spaces a caller or operator may add when reading a code back.
IGNORED = " -_.·/"


def new_reference(choose=secrets.choice) -> str:
    """A random code of LENGTH letters of ALPHABET (stored without the dash)."""
    return "".join(choose(ALPHABET) for _ in range(LENGTH))


def normalise_reference(text: str) -> str | None:
    """The stored form of a typed code, or None when it cannot be one of ours."""
    code = "".join(char for char in (text or "").upper() if char not in IGNORED)
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def display_reference(code: str) -> str:
    """Read-out form: two groups of three."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if code else ""
