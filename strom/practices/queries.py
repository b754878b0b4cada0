"""Reads of the practices library (everyone signed in reads it) and its search.

Search: every word must appear in a text of the practice in any language (title, problem, approach,
results) or in its actors or contact organisation, accent- and case-insensitively — the network
search's folding (`strom_fold`, `parse_terms`) so that "riga" finds "Rīga" and "lodz" finds "Łódź".
Country and tag narrow it. The list is a keyset page, newest first on (created, id).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.fields.tuple_lookups import Tuple, TupleLessThan
from django.http import Http404

from strom.accounts.policies import Actor
from strom.network.search import Term, _contains, _prepare_connection, parse_terms
from strom.practices.display import also_in, choose_language
from strom.practices.models import Practice, PracticeText
from strom.practices.vocabularies import ChainStage, ExploitationForm, TargetGroup

PAGE_SIZE = 25
TEXT_FIELDS = ("title", "problem", "approach", "results")
# A tag filter's value names its vocabulary: "target_groups:students", "chain_stages:referral".
TAG_FIELDS = {"target_groups": TargetGroup, "exploitation_forms": ExploitationForm, "chain_stages": ChainStage}


@dataclass(frozen=True)
class Filters:
    words: str = ""
    country: str = ""
    tag: str = ""


@dataclass(frozen=True)
class Shown:
    """A practice as one reader sees it: the text in her language (or the nearest) and the others."""

    practice: Practice
    text: PracticeText | None
    others: list[str]


@dataclass(frozen=True)
class Page:
    rows: list[Shown]
    next_cursor: str | None


def practices_visible_to(actor: Actor):
    """Everyone signed in (the views require sign-in): the library holds no personal data."""
    return Practice.objects.all()


def _word_matches(term: Term) -> Q:
    in_texts = Q()
    for field in TEXT_FIELDS:
        in_texts |= _contains(field, term)
    texts = PracticeText.objects.filter(in_texts, practice=OuterRef("pk"))
    return Q(Exists(texts)) | _contains("actors", term) | _contains("contact_organisation", term)


def _tag_q(tag: str) -> Q:
    field, _sep, code = tag.partition(":")
    vocabulary = TAG_FIELDS.get(field)
    if vocabulary is None or code not in vocabulary.values:
        return Q(pk__in=[])  # an unknown tag finds nothing rather than everything
    # JSON list membership, portable across SQLite and PostgreSQL: the code is a quoted word.
    return Q(**{f"{field}__icontains": f'"{code}"'})


def filtered(actor: Actor, filters: Filters):
    practices = practices_visible_to(actor)
    terms = parse_terms(filters.words)
    if terms:
        _prepare_connection()
        for term in terms:
            practices = practices.filter(_word_matches(term))
    if filters.country:
        practices = practices.filter(country=filters.country)
    if filters.tag:
        practices = practices.filter(_tag_q(filters.tag))
    return practices


def encode_cursor(practice) -> str:
    return f"{practice.created.isoformat()}_{practice.pk}"


def decode_cursor(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    """A mangled cursor shows the first page: it is navigation, not data."""
    if not cursor:
        return None
    try:
        created, pk = cursor.rsplit("_", 1)
        return datetime.fromisoformat(created), uuid.UUID(pk)
    except ValueError:
        return None


def shown(practice: Practice, language: str) -> Shown:
    texts = {t.language: t for t in practice.texts.all()}
    chosen = choose_language(texts, language, practice.original_language)
    return Shown(practice, texts.get(chosen), also_in(texts, chosen))


def practice_page(actor: Actor, filters: Filters, language: str, cursor: str | None = None,
                  size: int = PAGE_SIZE) -> Page:
    practices = filtered(actor, filters)
    after = decode_cursor(cursor)
    if after is not None:
        practices = practices.filter(TupleLessThan(Tuple(F("created"), F("id")), after), created__lte=after[0])
    rows = list(practices.prefetch_related("texts").order_by("-created", "-id")[: size + 1])
    page = rows[:size]
    return Page([shown(p, language) for p in page], encode_cursor(page[-1]) if len(rows) > size else None)


def get_practice_for(actor: Actor, practice_id) -> Practice:
    practice = practices_visible_to(actor).filter(pk=practice_id).prefetch_related("texts").first()
    if practice is None:
        raise Http404
    return practice


def text_of(practice: Practice, language: str) -> PracticeText | None:
    return next((t for t in practice.texts.all() if t.language == language), None)
