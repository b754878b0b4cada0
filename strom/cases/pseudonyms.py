"""Pseudonyms that everyone may see: two words and four digits, e.g. “Amber-Heron-4821”.

Drawn at random (the `secrets` module), never derived from the person's identity, so a pseudonym
reveals nothing and cannot be recomputed from a name. 64 × 64 × 9000 ≈ 37 million combinations; the
database's unique constraint decides, and `services.open_case` draws again on a clash.
Words are plain, neutral English nouns of nature and colour, easy to say on the telephone.
"""

from __future__ import annotations

import random
import secrets

FIRST = (
    "Amber", "Ash", "Azure", "Birch", "Bright", "Brook", "Calm", "Cedar", "Clear", "Cloud", "Copper", "Coral",
    "Crisp", "Dawn", "Dew", "Dune", "Elm", "Fern", "Field", "Flint", "Frost", "Gentle", "Golden", "Green",
    "Grey", "Harbour", "Hazel", "Heath", "Hill", "Iris", "Ivory", "Jade", "Juniper", "Lake", "Linden", "Maple",
    "Meadow", "Mist", "Moss", "North", "Oak", "Ocean", "Olive", "Pearl", "Pine", "Quiet", "Rain", "River",
    "Rowan", "Sage", "Sand", "Silver", "Sky", "Snow", "Spring", "Still", "Stone", "Summer", "Sun", "Swift",
    "Teal", "Violet", "Willow", "Winter",
)
SECOND = (
    "Badger", "Bay", "Bear", "Beacon", "Bell", "Bloom", "Bridge", "Brook", "Crane", "Creek", "Crest", "Deer",
    "Dove", "Falcon", "Finch", "Fjord", "Forest", "Fox", "Garden", "Glade", "Grove", "Hare", "Harbor", "Hawk",
    "Heron", "Island", "Kestrel", "Lark", "Leaf", "Lynx", "Marsh", "Meadow", "Moon", "Moor", "Otter", "Owl",
    "Path", "Pebble", "Pond", "Raven", "Reed", "Ridge", "Robin", "Rock", "Sail", "Seal", "Shore", "Sparrow",
    "Spruce", "Star", "Stream", "Swan", "Thistle", "Tide", "Trail", "Valley", "Wave", "Wharf", "Wind", "Wolf",
    "Wren", "Yarrow", "Beech", "Cove",
)
PATTERN = r"[A-Z][a-z]+-[A-Z][a-z]+-[1-9][0-9]{3}"


def generate(rng: random.Random | None = None) -> str:
    """A fresh pseudonym; `rng` only for reproducible tests and demo data."""
    choose = rng.choice if rng else secrets.choice
    number = rng.randint(1000, 9999) if rng else 1000 + secrets.randbelow(9000)
    return f"{choose(FIRST)}-{choose(SECOND)}-{number}"
