"""People's names: normalisation, transliteration and match keys for duplicate detection.

Duplicates are looked for across all organisations of an instance without showing anyone a name
that is not theirs to see. So names are never compared as text: each person gets a small set of
**match keys**, the keys are stored only as keyed HMAC digests (`digests()`, through
`strom.lib.crypto.blind_index`), and two records are a *possible match* when one's probe digests
and the other's stored digests have one in common. Equality of digests is all the database does.

How a name becomes keys
-----------------------
1. **Words.** `name_words()` splits a field at spaces, hyphens and punctuation; apostrophes vanish
   ("Ol'ga", "O'Brien"). NFKC first, so ligatures and full-width letters are letters.
2. **Latin letters.** Cyrillic (and any other script) is transliterated with `anyascii`; Latin
   diacritics are dropped (ā→a, ł→l, ø→o, æ→ae, ß→ss, õ→o, ü→u, ș→s, đ→d, þ→th). A Cyrillic word
   with г gives a second reading with h, as Ukrainian and Belarusian spell it ("Олег": Oleg, Oleh).
3. **Baltic endings.** Latvian and Lithuanian add nominative endings to foreign names: Ivanovs,
   Ivanovas, Sergejs, Sergejus, Igoris, Boriss, Borisas. They are taken off (again and again while
   the stem keeps three letters), so all of these meet the bare form: `-js`→`-j`, `-jus`→`-j`,
   `-ss`→`-s`, consonant+`as`/`is`/`us`→consonant, consonant+`s`→consonant. The same rule shortens
   Baltic names themselves (Bērziņš → berzin) on both sides, which is all a key needs.
4. **Skeleton.** Spellings that transliteration systems and languages write differently collapse
   to one letter: sh/sch/sz/š/shch/szcz/šč → s; zh/ž/ż → z; ch/cz/č/tsch/ts/tz/c → c (and "ch" also
   reads h: German and Polish write х as ch, "Chabarow"); kh/h → h; w → v; y/j/i → i; x → ks;
   ph → f; th → t; ck/q → k; ae/oe/ue → a/o/u (Mueller, Soeren). Then doubled letters become one,
   "ie" becomes "e" (Yelena/Elena, Vasil'ev/Vasilyev, Siergiej) and "io" between consonants "e"
   (Pyotr/Petr/Piotr, Fyodor/Fedor). A skeleton is not a name; it is a bucket for names that people
   and transliteration tables write in more than one way.
5. **Keys.** A key is a pair of words of the name, one given and one family (in either order, so
   swapped fields still meet; within one field when only one is filled), with the birth year:
   `y1990:p1:ana/kovalska`. A name of two words stores its pairs as class `p1` and probes `p1` and
   `p2`; a longer name stores its pairs as `p2` and its triples of words as `t`, and probes `p1`
   and `t`. So a two-word name meets a longer one sharing two words ("Anna Kowalska", "Anna Maria
   Kowalska"), but two longer names must share three ("Anna Maria Kowalska" and "Anna Ewa
   Kowalska" stay apart, as do "Nguyễn Văn An" and "Nguyễn Văn Bình"). Other names (aliases,
   former names) pair with every word as `p2`.
   **Typos**: each key also comes with one word's skeleton missing one letter, the others exact
   (`_one_off`). For pairs only in words of TYPO_MIN_LENGTH letters, from position TYPO_FIRST on,
   and the last letter only when it is a consonant other than s; for triples any letter but the
   first. A change, an added or dropped letter, or two letters swapped then meet.
   A single word gives no key: it is too weak to suggest that two records are one person.

Birth year
----------
- Known: the year is part of every key, exactly. A wrong year is not forgiven (it would triple the
  chance that two different people meet); record an estimate instead.
- Estimated (age estimated or disputed): keys for the year and the years either side, so an
  estimate meets a known year within one year, and another estimate within two.
- Unknown: no year key. Instead the *whole* name must agree: a year-less key made of every given
  and family word (`n:anna kovalska`), stored under class `nu` for a record without a year and
  under class `nk` for a record with one. A record without a year probes both; a record with a
  year probes only `nu`. Two records with years therefore never meet without their years agreeing:
  Anna Kowalska born 1985 and Anna Kowalska born 1999 are two people.

So a record has **stored** keys and **probe** keys (`NameKeys`); a lookup is "stored digests of
other records IN probe digests of this one". For records with a known year the two differ only in
the year-less class. The relation is symmetric: `possible_match(a, b) == possible_match(b, a)`.

What it cannot do
-----------------
Two different people with the same name and birth year are one possible match (the organisations
sort it out by talking). Nicknames (Sasha, Aleksandr), language forms of a name (Jan, Johannes),
a changed family name without the former one in other names, typos in the first or last letter,
two typos in one word, and a wrong birth year are not found. German spellings of ж and ц (Schukow,
Zwetkow) are not merged with the others.

Keys are plaintext derived from a name: they never leave this module except through `digests()`,
and `NameKeys` hides them from repr so that they do not end up in a log or an error page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations, islice, product

from anyascii import anyascii

from strom.lib.crypto import blind_index

PURPOSE = "names.match"  # the blind-index purpose of the digests, unless a caller names another
YEAR_WINDOW = 1  # an estimated year stands for the years this far either side
TYPO_MIN_LENGTH = 6  # shorter skeletons get no one-letter-off pair keys (Maria/Marta, Kask/Kaasik)
TYPO_FIRST = 2  # one-letter-off keys keep the letters before this position
MAX_READINGS = 8  # readings of one word (ch as c or h, г as g or h, two Baltic stems); more are cut off
MIN_STEM = 3  # Baltic endings are taken off only while this much of the word is left
MIN_WORD = 2  # skeletons shorter than this (initials) are no words for a key

_SPLIT = re.compile(r"[^\w'\u2019\u0060\u00b4]+|_")  # anything but letters, digits and apostrophes separates words
_APOSTROPHES = re.compile(r"['\u2019\u02bc\u02b9\u0060\u00b4]")
_VOWELS = "aeiou"
_NOT_LETTERS = re.compile(r"[^a-z]+")

# The skeleton's rewrite rules, longest spelling first; a rule with two outputs gives two readings.
_RULES: dict[str, tuple[str, ...]] = {
    "schtsch": ("s",), "shch": ("s",), "szcz": ("s",), "tsch": ("c",), "shh": ("s",), "sch": ("s",),
    "tch": ("c",), "sh": ("s",), "sz": ("s",), "sc": ("s",), "zh": ("z",), "kh": ("g",), "h": ("g",),
    "ch": ("c", "g"), "cz": ("c",), "ts": ("c",), "tz": ("c",), "ph": ("f",), "th": ("t",), "ck": ("k",),
    "ae": ("a",), "oe": ("o",), "ue": ("u",), "q": ("k",), "x": ("ks",), "w": ("v",), "y": ("i",),
    "j": ("i",),
}
_RULE = re.compile("|".join(sorted(_RULES, key=len, reverse=True)))
_DOUBLES = re.compile(r"([a-z])\1+")
_IO = re.compile(r"(?<=[b-df-hj-np-tv-z])io(?=[b-df-hj-np-tv-z])")


# --- Normalisation --------------------------------------------------------------------------------

def latin(word: str) -> str:
    """`word` in lower-case ASCII letters: transliterated, without diacritics, apostrophes or digits."""
    text = unicodedata.normalize("NFKC", word).casefold()
    return _NOT_LETTERS.sub("", anyascii(_APOSTROPHES.sub("", text)).lower())


def normalise_name(text: str) -> str:
    """The name as lower-case ASCII words separated by single spaces: "Bērziņa-Ozola, Anna" → "berzina ozola anna".

    Idempotent, and blind to case, diacritics, the Unicode normal form and punctuation.
    """
    return " ".join(filter(None, (latin(word) for word in name_words(text))))


def name_words(text: str) -> list[str]:
    """The words of a name field as written (NFKC), split at spaces, hyphens and punctuation."""
    text = unicodedata.normalize("NFKC", text or "")
    return [word for word in _SPLIT.split(text) if _APOSTROPHES.sub("", word)]


# --- Skeletons ------------------------------------------------------------------------------------

def baltic_stems(word: str) -> list[str]:
    """`word` (lower-case ASCII) without the nominative endings Latvian and Lithuanian add to names.

    Usually one stem. Consonant + "is" gives two, because it is either an ending of its own (Igoris
    for Igor) or an "s" after a name's own "i" (Kovalskis for Kowalski); "ts" keeps the word as it is
    too, because it may be how ц is written (Kravets) rather than t + ending (Šmits).
    """
    stems: list[str] = []
    pending = [word]
    while pending:
        current = pending.pop()
        shorter = [stem for stem in _strip_once(current) if len(stem) >= MIN_STEM]
        pending.extend(shorter)
        if (not shorter or current.endswith("ts")) and current not in stems:
            stems.append(current)
    return stems


def _strip_once(word: str) -> list[str]:
    consonant = len(word) > 2 and word[-3] not in _VOWELS
    if word.endswith("jus"):  # Sergejus, Dmitrijus (Lithuanian) → Sergej, Dmitrij
        return [word[:-2]]
    if word.endswith(("js", "ss")):  # Sergejs (Latvian) → Sergej; Boriss → Boris
        return [word[:-1]]
    if word.endswith(("as", "us")) and consonant:  # Ivanovas, Markus → Ivanov, Mark
        return [word[:-2]]
    if word.endswith("is") and consonant:  # Igoris → Igor; Kovalskis → Kovalski
        return [word[:-2], word[:-1]]
    if word.endswith("s") and len(word) > 1 and word[-2] not in _VOWELS:  # Ivanovs, Mihails → Ivanov, Mihail
        return [word[:-1]]
    return []


def _rewrite(word: str) -> list[str]:
    """The rewrite rules applied left to right, every combination of the two-way rules (capped)."""
    pieces: list[tuple[str, ...]] = []
    position = 0
    for match in _RULE.finditer(word):
        if match.start() > position:
            pieces.append((word[position:match.start()],))
        pieces.append(_RULES[match.group()])
        position = match.end()
    pieces.append((word[position:],))
    return ["".join(parts) for parts in islice(product(*pieces), MAX_READINGS)]


def _vowels(word: str) -> str:
    word = _DOUBLES.sub(r"\1", word)
    word = _IO.sub("e", word.replace("ie", "e"))
    return _DOUBLES.sub(r"\1", word)


def skeletons(word: str) -> frozenset[str]:
    """The skeletons of one written word (usually one, at most MAX_READINGS); empty for an initial."""
    found: list[str] = []
    for stem in baltic_stems(latin(word)):
        for rewritten in _rewrite(stem):
            skeleton = _vowels(rewritten)
            if len(skeleton) >= MIN_WORD and skeleton not in found:
                found.append(skeleton)
    return frozenset(found[:MAX_READINGS])


def _field_words(text: str) -> list[frozenset[str]]:
    """Each word's skeletons, particles left out unless nothing else is left."""
    words = [skeletons(word) for word in name_words(text)]
    return [forms for forms in words if forms]


# --- Keys -----------------------------------------------------------------------------------------

@dataclass(frozen=True, repr=False)
class NameKeys:
    """A person's match keys: `stored` go with the record, `probes` are looked up for it.

    Both hold plaintext derived from the name: pass them through `digests()` before they go anywhere.
    """

    stored: frozenset[str] = field(default_factory=frozenset)
    probes: frozenset[str] = field(default_factory=frozenset)

    def __repr__(self) -> str:  # never the keys themselves: they are nearly the name
        return f"<NameKeys: {len(self.stored)} stored, {len(self.probes)} probes>"


def _one_off(skeleton: str, *, loose: bool = False) -> set[str]:
    """The skeleton and its forms with one letter deleted, where a typo is likelier than another name.

    Pairs (two words decide alone): skeletons of TYPO_MIN_LENGTH letters or more, deletions from
    TYPO_FIRST on, the last letter only when it is a consonant other than s. Different names one
    letter apart near the start (Jansson, Jönsson; Savchenko, Shevchenko) or by a final vowel or s
    (Ivan, Ivana; Aleksandr, Aleksandra; Andrea, Andreas) are commoner than typos there. `loose`
    (triples, where two other words agree exactly): any letter but the first, of a skeleton of four
    letters or more (Dũng and Hùng stay apart).
    """
    forms = {skeleton}
    if loose:
        if len(skeleton) >= 4:
            forms.update(skeleton[:i] + skeleton[i + 1:] for i in range(1, len(skeleton)))
        return forms
    if len(skeleton) >= TYPO_MIN_LENGTH:
        last = len(skeleton) - 1 if skeleton[-1] in _VOWELS + "s" else len(skeleton)
        forms.update(skeleton[:i] + skeleton[i + 1:] for i in range(TYPO_FIRST, last))
    return forms


Words = list[frozenset[str]]  # per word of a field, the skeletons of its readings


def _word_pairs(given: Words, family: Words) -> list[tuple]:
    """Pairs of two words of the name: given × family, or within the one field that is filled."""
    if given and family:
        return [(g, f) for g in given for f in family]
    return list(combinations(given or family, 2))


def _word_triples(given: Words, family: Words) -> list[tuple]:
    """Triples of words of the name with both fields in them (when both are filled)."""
    return [triple for triple in combinations([*given, *family], 3)
            if not (given and family) or any(w in triple for w in given) and any(w in triple for w in family)]


def _keys_of(word_groups: list[tuple], *, loose: bool = False) -> set[str]:
    """Year-free keys of pairs or triples: one word exact or one letter off, the others exact, order-free.

    A key is the varied word, "/", and the other words sorted: every record of the same words makes
    the same keys whatever the order of its fields.
    """
    keys = set()
    for group in word_groups:
        for reading in islice(product(*(sorted(word) for word in group)), MAX_READINGS):
            for i, varied in enumerate(reading):
                rest = " ".join(sorted(reading[:i] + reading[i + 1:]))
                keys.update(f"{form}/{rest}" for form in _one_off(varied, loose=loose))
    return keys


def _whole_names(given: Words, family: Words) -> set[str]:
    """Every word of given and family names, sorted: the year-less key (one per combination of readings)."""
    words = [*given, *family]
    if len(words) < 2:
        return set()
    return {" ".join(sorted(combo)) for combo in islice(product(*(sorted(w) for w in words)), MAX_READINGS)}


def _dated(given: Words, family: Words, other: Words) -> tuple[set[str], set[str]]:
    """Year-free (stored, probes) keys by class: two-word names "p1", longer names "p2" and "t"."""
    pairs = _keys_of(_word_pairs(given, family))
    aliases = _keys_of([(o, w) for i, o in enumerate(other) for w in [*given, *family, *other[i + 1:]]])
    stored = {f"p2:{key}" for key in aliases}
    probes = {f"p1:{key}" for key in aliases}
    if len(given) + len(family) == 2:
        stored |= {f"p1:{key}" for key in pairs}
        probes |= {f"{cls}:{key}" for key in pairs for cls in ("p1", "p2")}
    else:
        triples = {f"t:{key}" for key in _keys_of(_word_triples(given, family), loose=True)}
        stored |= {f"p2:{key}" for key in pairs} | triples
        probes |= {f"p1:{key}" for key in pairs} | triples
    return stored, probes


def match_keys(given: str, family: str, other_names: str = "", birth_year: int | None = None, *,
               year_estimated: bool = False) -> NameKeys:
    """The match keys of a person (see the module docstring for what meets what).

    `given`, `family`, `other_names`: the fields as written, in any script; several words each.
    `birth_year`: None when unknown; `year_estimated` when it comes from an estimated age.
    """
    given_words, family_words = _field_words(given), _field_words(family)
    whole = _whole_names(given_words, family_words)
    if birth_year is None:
        return NameKeys(stored=frozenset(f"nu:{w}" for w in whole),
                        probes=frozenset(f"{cls}:{w}" for w in whole for cls in ("nu", "nk")))
    stored, probes = _dated(given_words, family_words, _field_words(other_names))
    spread = YEAR_WINDOW if year_estimated else 0
    years = range(birth_year - spread, birth_year + spread + 1)
    return NameKeys(stored=frozenset({f"y{y}:{k}" for y in years for k in stored} | {f"nk:{w}" for w in whole}),
                    probes=frozenset({f"y{y}:{k}" for y in years for k in probes} | {f"nu:{w}" for w in whole}))


def possible_match(a: NameKeys, b: NameKeys) -> bool:
    """Whether two records' keys meet, the comparison the digests make (symmetric)."""
    return bool(a.probes & b.stored)


def digests(keys: Iterable[str], purpose: str = PURPOSE) -> set[str]:
    """The keyed HMAC digests of `keys`: the only form in which keys may be stored or compared."""
    return {blind_index(key, purpose) for key in keys}
