"""Search across the directory: organisations and services, in any language of the region.

`search_directory()` is the one entry point (its docstring is the contract). Matching is accent- and
case-insensitive on both databases because both sides of every comparison go through one folding
function in the database, `strom_fold(text)`:

- PostgreSQL: `lower(unaccent(text))`, an IMMUTABLE SQL function created by migration
  0004_search_extensions together with GIN trigram indexes on the folded names and descriptions, so a
  term's `LIKE '%term%'` can be an index scan. When nothing matches as written, a second pass lets
  words of four letters or more match names by trigram word similarity (`%>`, with
  word_similarity_threshold 0.5), which forgives a typo.
- SQLite: `fold()` below, registered on the connection as a Python function (with a cache). SQLite
  scans the services, folding each name and description; there is no typo tolerance.

`fold()` follows PostgreSQL's unaccent rules for the region's alphabets (a test checks both agree):
NFKD, drop combining marks after Latin letters, casefold, and a small table for the letters that do
not decompose (ł, ø, đ, æ, œ, þ, ð, ı, ħ, ŋ; ß becomes ss by casefolding). Cyrillic keeps its marks
(й, ї, ў stay letters of their own) except ё, which becomes е as unaccent does.

Cyrillic to Latin transliteration of the *query* ("Рига" finds "Riga") happens when the `anyascii`
package is installed; without it a Cyrillic query matches Cyrillic text only. Latin queries never
find text stored in Cyrillic: that needs a stored transliterated search key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.lookups import Contains, Exact, StartsWith
from django.utils import translation

from strom.network.models import Municipality, Organisation, OrganisationType, Service, ServiceType

try:  # optional: transliterates Cyrillic (and other scripts) in queries to Latin
    from anyascii import anyascii
except ImportError:  # pragma: no cover - depends on the environment
    anyascii = None

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MAX_LIMIT = 200
MIN_TERM = 2  # shorter words ("a", "i") are ignored
_WORDS = re.compile(r"[^\W_]+")  # letters and digits: punctuation, "_" and "%" separate words
MIN_FUZZY_TERM = 4  # trigram similarity only for words this long (PostgreSQL)
# pg_trgm's word_similarity_threshold for the %> operator (default 0.6): at 0.5 "talin" finds "Tallinn"
# and "vilnus" finds "Vilnius"; set for the session before each search that uses it.
WORD_SIMILARITY = 0.5

# What a term scores by where it matched (the best place counts), and bonuses for the whole query.
WEIGHTS = {
    "name_word_start": 12.0,  # a word of the name starts with the term
    "name": 10.0,  # anywhere in the name
    "organisation": 5.0,  # a service whose organisation's name matches
    "name_fuzzy": 5.0,  # similar to a word of the name (PostgreSQL), plus the similarity (0-1)
    "type": 4.0,  # the service type (or organisation type), in any of the interface languages
    "municipality": 3.0,  # the organisation's municipality, local or English name
    "description": 1.0,
    "phrase_equals": 20.0,  # the folded name is the whole query
    "phrase_starts": 8.0,  # the folded name starts with the whole query
}

# --- Folding ------------------------------------------------------------------------------------

# Combining marks, unless they follow a Cyrillic letter (or another mark of one).
_LATIN_MARKS = re.compile(r"(?<![\u0400-\u04ff\u0300-\u036f])[\u0300-\u036f]+")
# Letters that NFKD leaves alone, mapped as PostgreSQL's unaccent.rules maps them (after casefold).
_LETTERS = str.maketrans({
    "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŋ": "n", "ŧ": "t", "ŀ": "l",
    "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ĸ": "q", "ё": "е",
})


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    if word.isascii():
        return word.lower()
    # The table before NFKD (which would make "ŀ" "l·") and after it (a decomposed "ё" is whole again).
    word = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    word = unicodedata.normalize("NFC", _LATIN_MARKS.sub("", word))
    return word.translate(_LETTERS)


def fold(text: str) -> str:
    """Lower case without accents: "Rīga" → "riga", "Łódź" → "lodz", "ĀRSTS" → "arsts", "Ёлка" → "елка".

    Word by word, with a cache: words repeat, and this runs for every row SQLite scans.
    """
    if text.isascii():
        return text.lower()
    return " ".join(map(_fold_word, text.split(" ")))


# SQLite folds every row it scans, once per term and condition; most of a search's time on SQLite
# is this function. The cache keeps the folded names and descriptions of a directory of about
# 10,000 services (some 15 MB for descriptions of 350 characters): a repeated search then costs
# about a third. Longer texts are folded each time, so that the cache stays bounded.
SQLITE_FOLD_CACHE = 32768
SQLITE_FOLD_CACHE_CHARS = 1024


@lru_cache(maxsize=SQLITE_FOLD_CACHE)
def _fold_cached(text: str) -> str:
    return fold(text)


def _sqlite_fold(text: str | None) -> str | None:
    if text is None:  # as a STRICT SQL function: NULL in, NULL out
        return None
    return _fold_cached(text) if len(text) <= SQLITE_FOLD_CACHE_CHARS else fold(text)


class Fold(Func):
    """strom_fold(expression): the database's own folding (see the module docstring)."""

    function = "strom_fold"
    output_field = TextField()


def _prepare_connection() -> bool:
    """Make strom_fold() available; True on PostgreSQL (where the migration created it)."""
    if connection.vendor == "postgresql":
        return True
    connection.ensure_connection()
    # Cheap (a C call), and safe to repeat: connections can be replaced at any time (CONN_MAX_AGE),
    # so registering here is more reliable than once per connection_created signal.
    connection.connection.create_function("strom_fold", 1, _sqlite_fold, deterministic=True)
    return False


# --- Queries as terms ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    """One word of the query: its folded form (for Python-side matching) and what to send the DB."""

    folded: str
    variants: tuple[str, ...]  # raw spellings; the database folds them with strom_fold

    @property
    def folded_variants(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(fold(v) for v in self.variants))


def parse_terms(text: str) -> list[Term]:
    """The query's words (runs of letters and digits), folded, without duplicates or words under MIN_TERM."""
    text = unicodedata.normalize("NFC", (text or "")[:MAX_QUERY_CHARS])
    terms: dict[str, Term] = {}
    for word in _WORDS.findall(text):
        folded = fold(word)
        if len(folded) < MIN_TERM or folded in terms:
            continue
        variants = [word]
        if anyascii is not None and not word.isascii():
            latin = anyascii(word)
            if latin and fold(latin) != folded and len(latin) >= MIN_TERM:
                variants.append(latin)
        terms[folded] = Term(folded, tuple(variants))
        if len(terms) == MAX_TERMS:
            break
    return list(terms.values())


# --- Vocabularies matched in Python (translated labels) -------------------------------------------

def _labels_in_all_languages(label) -> frozenset[str]:
    """The folded label in English and in every interface language (its gettext translations)."""
    folded = {fold(str(label))}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            folded.add(fold(translation.gettext(str(label))))
    return frozenset(folded)


@lru_cache(maxsize=8)
def _service_type_labels(rows: tuple[tuple[int, str, str], ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    return tuple((pk, _labels_in_all_languages(name) | {fold(code)}) for pk, code, name in rows)


@lru_cache(maxsize=1)
def _organisation_type_labels() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((value, _labels_in_all_languages(label) | {fold(value)}) for value, label in OrganisationType.choices)


def _label_matches(term: Term, labels: frozenset[str]) -> bool:
    return any(v in label for v in term.folded_variants for label in labels)


def _service_types_for(terms: list[Term]) -> list[set[int]]:
    rows = tuple(ServiceType.objects.order_by("pk").values_list("pk", "code", "name"))
    labels = _service_type_labels(rows)
    return [{pk for pk, names in labels if _label_matches(term, names)} for term in terms]


def _organisation_types_for(terms: list[Term]) -> list[set[str]]:
    labels = _organisation_type_labels()
    return [{value for value, names in labels if _label_matches(term, names)} for term in terms]


# --- Conditions ---------------------------------------------------------------------------------

def _contains(field: str, term: Term) -> Q:
    q = Q()
    for variant in term.variants:
        q |= Q(Contains(Fold(F(field)), Fold(Value(variant))))
    return q


def _set_similarity_threshold() -> None:
    # Every time: a SET made inside a transaction that is later rolled back is undone with it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(WORD_SIMILARITY)])


def _fuzzy(field: str, term: Term, fuzzy: bool) -> Q:
    """Trigram word similarity of the term to the field (PostgreSQL, terms of MIN_FUZZY_TERM+)."""
    if not fuzzy or len(term.folded) < MIN_FUZZY_TERM:
        return Q()
    from django.contrib.postgres.lookups import TrigramWordSimilar

    q = Q()
    for variant in term.variants:
        q |= Q(TrigramWordSimilar(Fold(F(field)), Fold(Value(variant))))
    return q


def _word_start(field: str, term: Term) -> Q:
    """A word of the field starts with the term: ' ' || strom_fold(field) contains ' ' || term."""
    spaced = Func(Fold(F(field)), template="(' ' || %(expressions)s)", output_field=TextField())
    q = Q()
    for variant in term.variants:
        q |= Q(Contains(spaced, Fold(Value(f" {variant}"))))
    return q


def _flag(q: Q) -> ExpressionWrapper:
    return ExpressionWrapper(q, output_field=BooleanField())


def _ids_in(field: str, ids) -> Q:
    """field IN ids, or a condition that is never true (Q() would be always true inside an OR)."""
    return Q(**{f"{field}__in": list(ids)}) if ids else Q(pk__in=[])


# --- The search -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Hit:
    kind: str  # "organisation" or "service"
    object: Organisation | Service
    score: float

    @property
    def name(self) -> str:
        return self.object.name


def search_directory(actor_or_none, text: str, *, municipality: Municipality | None = None,
                     public_only: bool = False, limit: int = 50) -> list[Hit]:
    """Organisations and services whose words match `text`, best first.

    Who sees what:
    - `actor_or_none` None (the public directory), or an Actor without a current organisation, or
      `public_only=True`: only active services marked `is_public` whose organisation is active, and
      active organisations that have at least one such service.
    - a member of an organisation: every active service of an active organisation, and every active
      organisation (the partners' directory). Confidential addresses are the caller's concern: the
      hits are model instances; show locations only as the directory's own rules allow.

    Matching:
    - `text` is cut to 200 characters and split into words (at most 8; words of one letter are
      ignored). Every word must match somewhere (AND); a word matches when its folded form is a
      substring of the folded service name, service description, organisation name, the
      organisation's municipality (local or English name), or a label of the service type in any of
      the interface languages (services); organisation name, municipality or organisation type label
      (organisations). Folding: case, accents and the region's special letters ("riga" finds "Rīga",
      "sodziaus" finds "Sodžiaus", "lodz" finds "Łódź").
    - PostgreSQL: when nothing matches as written, words of 4+ letters also match names by trigram
      word similarity ("talin" finds "Tallinn", "vilnus" finds "Vilnius"); SQLite does not.
    - With `anyascii` installed, Cyrillic words also match in Latin transliteration ("Рига" finds
      "Riga"); without it they match Cyrillic text only.
    - No usable word (empty text, only one-letter words) gives [].

    Ranking: each word scores by the best place it matched (WEIGHTS: a word start in the name 12,
    elsewhere in the name 10, organisation 5, a similar word in the name 5 plus its similarity
    (0–1), type 4, municipality 3, description 1); the whole query adds 8 when the name starts with
    it and 28 when the name is it. Equal scores: organisations first, then by name.

    `municipality`: only services serving it (listed in its areas, whole-country services of its
    country, or services of organisations based there) and organisations based there or working
    nationally in its country.

    Returns at most `limit` (capped at 200) Hit(kind, object, score); services come with
    organisation, its municipality and type loaded, organisations with municipality. Five queries
    whatever the number of hits (eleven on PostgreSQL when the search for typos runs).
    """
    limit = max(0, min(limit, MAX_LIMIT))
    terms = parse_terms(text)
    if not terms or limit == 0:
        return []
    public_only = public_only or actor_or_none is None or getattr(actor_or_none, "organisation", None) is None
    postgres = _prepare_connection()
    hits = _search(terms, public_only=public_only, municipality=municipality, limit=limit, fuzzy=False)
    if not hits and postgres and any(len(term.folded) >= MIN_FUZZY_TERM for term in terms):
        # Typos: only when nothing matches as written. Similarity costs a trigram set per row that
        # the GIN index does not rule out, too much to pay on every search of a large directory.
        _set_similarity_threshold()
        hits = _search(terms, public_only=public_only, municipality=municipality, limit=limit, fuzzy=True)
    return hits


def _search(terms: list[Term], *, public_only: bool, municipality, limit: int, fuzzy: bool) -> list[Hit]:
    municipality_ids = _municipalities_for(terms, fuzzy)
    service_types = _service_types_for(terms)
    organisation_types = _organisation_types_for(terms)
    matched = _organisations_for(terms, municipality_ids, organisation_types, fuzzy,
                                 public_only=public_only, municipality=municipality)
    hits = _organisation_hits(matched, limit)
    hits += _service_hits(terms, matched, service_types, fuzzy,
                          public_only=public_only, municipality=municipality, limit=limit)
    hits.sort(key=lambda hit: (-hit.score, hit.kind != "organisation", fold(hit.name), str(hit.object.pk)))
    return hits[:limit]


def _municipalities_for(terms: list[Term], fuzzy: bool) -> list[set]:
    """Per term, the ids of municipalities whose local or English name matches it."""
    flags = {}
    for i, term in enumerate(terms):
        flags[f"_t{i}"] = _flag(_contains("name", term) | _contains("name_en", term)
                                | _fuzzy("name", term, fuzzy) | _fuzzy("name_en", term, fuzzy))
    any_term = Q()
    for flag in flags.values():
        any_term |= Q(flag)
    rows = Municipality.objects.annotate(**flags).filter(any_term).values_list("pk", *flags)
    found: list[set] = [set() for _ in terms]
    for pk, *matches in rows:
        for i, hit in enumerate(matches):
            if hit:
                found[i].add(pk)
    return found


@dataclass
class _Organisations:
    by_name: list[set]  # per term: ids of active organisations whose name matches it
    by_municipality: list[set]  # per term: ids of active organisations whose municipality matches it
    scores: dict  # id -> score, for organisations that match every term and may be shown


def _phrase_score(terms: list[Term]):
    """The whole query against the name: starts with it, or is it (nested: one fold for most rows)."""
    phrase = Fold(Value(" ".join(term.variants[0] for term in terms)))
    equal = Case(When(Exact(Fold(F("name")), phrase), then=Value(WEIGHTS["phrase_equals"] + WEIGHTS["phrase_starts"])),
                 default=Value(WEIGHTS["phrase_starts"]), output_field=FloatField())
    return Case(When(StartsWith(Fold(F("name")), phrase), then=equal), default=Value(0.0), output_field=FloatField())


def _best(*candidates: tuple[bool, float]) -> float:
    return next((weight for matched, weight in candidates if matched), 0.0)


def _organisations_for(terms, municipality_ids, organisation_types, fuzzy, *, public_only, municipality):
    """One query over the active organisations that match any term: what services need, and the hits."""
    flags = {}
    any_term = _ids_in("municipality_id", set().union(*municipality_ids)) | _ids_in(
        "type", set().union(*organisation_types))
    for i, term in enumerate(terms):
        flags[f"_n{i}"] = _flag(_contains("name", term))
        flags[f"_s{i}"] = _flag(_word_start("name", term))
        similar = _fuzzy("name", term, fuzzy)
        if similar:
            flags[f"_f{i}"] = _flag(similar)
            flags[f"_fs{i}"] = _similarity(term, "name")
        any_term |= _contains("name", term) | similar
    shown = Q()
    if public_only:
        shown &= Q(Exists(Service.objects.filter(organisation=OuterRef("pk"), is_active=True, is_public=True)))
    if municipality is not None:
        shown &= Q(municipality=municipality) | Q(municipality__isnull=True, country=municipality.country)
    flags["_shown"] = _flag(shown) if shown else Value(True)
    flags["_phrase"] = _phrase_score(terms)
    rows = (Organisation.objects.filter(is_active=True).annotate(**flags).filter(any_term)
            .values("pk", "municipality_id", "type", *flags))
    result = _Organisations([set() for _ in terms], [set() for _ in terms], {})
    for row in rows:
        pk, total, every_term = row["pk"], 0.0, True
        for i in range(len(terms)):
            in_municipality = row["municipality_id"] in municipality_ids[i]
            if row[f"_n{i}"] or row.get(f"_f{i}"):
                result.by_name[i].add(pk)
            if in_municipality:
                result.by_municipality[i].add(pk)
            weight = _best((row[f"_s{i}"], WEIGHTS["name_word_start"]), (row[f"_n{i}"], WEIGHTS["name"]),
                           (row.get(f"_f{i}"), WEIGHTS["name_fuzzy"] + row.get(f"_fs{i}", 0.0)),
                           (row["type"] in organisation_types[i], WEIGHTS["type"]),
                           (in_municipality, WEIGHTS["municipality"]))
            every_term = every_term and weight > 0
            total += weight
        if every_term and row["_shown"]:
            result.scores[pk] = total + row["_phrase"]
    return result


def _organisation_hits(matched: _Organisations, limit: int) -> list[Hit]:
    best = sorted(matched.scores.items(), key=lambda item: (-item[1], str(item[0])))[:limit]
    objects = Organisation.objects.select_related("municipality").in_bulk([pk for pk, _score in best])
    return [Hit("organisation", objects[pk], score) for pk, score in best if pk in objects]


def _term_score(term: Term, i: int, matched: _Organisations, service_types, fuzzy) -> tuple[Q, Case]:
    """Where a term may match a service (a condition) and what it scores there (the best place)."""
    by_organisation = _ids_in("organisation_id", matched.by_name[i])
    by_type = _ids_in("type_id", service_types[i])
    by_municipality = _ids_in("organisation_id", matched.by_municipality[i])
    by_name, similar = _contains("name", term), _fuzzy("name", term, fuzzy)
    by_description = _contains("description", term)
    # Cheap id comparisons first: SQLite evaluates an OR from the left and stops at the first match.
    condition = by_organisation | by_type | by_municipality | by_name | similar | by_description
    places = [
        (_word_start("name", term), Value(WEIGHTS["name_word_start"])),
        (by_name, Value(WEIGHTS["name"])),
        (by_organisation, Value(WEIGHTS["organisation"])),
        (similar, Value(WEIGHTS["name_fuzzy"]) + _similarity(term, "name") if similar else None),
        (by_type, Value(WEIGHTS["type"])),
        (by_municipality, Value(WEIGHTS["municipality"])),
    ]
    # Every hit matched the term somewhere (the condition above): where none of the places did, it
    # was the description. So the score never folds the description, the longest text, again.
    score = Case(*[When(q, then=weight) for q, weight in places if q], default=Value(WEIGHTS["description"]),
                 output_field=FloatField())
    return condition, score


def _similarity(term: Term, field: str):
    from django.contrib.postgres.search import TrigramWordSimilarity

    return TrigramWordSimilarity(Fold(Value(term.variants[0])), Fold(F(field)))


def _service_hits(terms, matched: _Organisations, service_types, fuzzy, *, public_only, municipality,
                  limit) -> list[Hit]:
    services = Service.objects.filter(is_active=True, organisation__is_active=True)
    if public_only:
        services = services.filter(is_public=True)
    if municipality is not None:
        served = Service.areas.through.objects.filter(service_id=OuterRef("pk"), municipality_id=municipality.pk)
        services = services.filter(Q(Exists(served)) | Q(whole_country=True, organisation__country=municipality.country)
                                   | Q(organisation__municipality=municipality))
    score = _phrase_score(terms)
    for i, term in enumerate(terms):
        condition, term_score = _term_score(term, i, matched, service_types, fuzzy)
        services = services.filter(condition)
        score = score + term_score
    rows = (services.annotate(_score=ExpressionWrapper(score, output_field=FloatField()))
            .select_related("organisation__municipality", "type").order_by("-_score", "name", "pk")[:limit])
    return [Hit("service", service, float(service._score)) for service in rows]
