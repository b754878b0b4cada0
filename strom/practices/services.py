"""Writes of the practices library: a practice's facts and its texts per language.

Each function checks `policies.require_managing` before its transaction (`strom.lib.services.service`),
validates, saves and appends its audit event in the same transaction: bad input raises ValidationError
and changes nothing. Audit events name the fields written and the language, never the words.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django_countries import countries

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.lib.services import service
from strom.network.languages import is_language_code
from strom.practices.models import Practice, PracticeText
from strom.practices.policies import require_managing
from strom.practices.vocabularies import ChainStage, ExploitationForm, TargetGroup
from strom.prevention.services import _codes_of, _text

MAX_TITLE = 200
MAX_TEXT = 6000
MAX_LINKS = 10
FACT_FIELDS = ("country", "original_language", "actors", "contact_organisation", "contact_point", "links",
               "target_groups", "exploitation_forms", "chain_stages")
TEXT_FIELDS = ("title", "problem", "approach", "results", "needs_review")


def _language(value, field: str) -> str:
    if not is_language_code(value or ""):
        raise ValidationError({field: _("Choose a language.")})
    return value


def _links(values) -> list[str]:
    links = list(dict.fromkeys(v.strip() for v in (values or []) if v and v.strip()))
    if len(links) > MAX_LINKS:
        raise ValidationError({"links": _("Give at most %(max)d links.") % {"max": MAX_LINKS}})
    check = URLValidator(schemes=["https", "http"])
    for link in links:
        try:
            check(link)
        except ValidationError as error:
            raise ValidationError({"links": _("“%(link)s” is not a web address.") % {"link": link[:80]}}) from error
    return links


def clean_facts(fields: dict) -> dict:
    """A practice's facts as stored; used by the services and by load_practices alike."""
    country = str(fields.get("country") or "")
    if country not in dict(countries):
        raise ValidationError({"country": _("Choose a country.")})
    return {
        "country": country,
        "original_language": _language(fields.get("original_language"), "original_language"),
        "actors": _text(fields.get("actors"), "actors", 1000),
        "contact_organisation": _text(fields.get("contact_organisation"), "contact_organisation", 200),
        "contact_point": _text(fields.get("contact_point"), "contact_point", 300),
        "links": _links(fields.get("links")),
        "target_groups": _codes_of(fields.get("target_groups"), TargetGroup, "target_groups"),
        "exploitation_forms": _codes_of(fields.get("exploitation_forms"), ExploitationForm, "exploitation_forms"),
        "chain_stages": _codes_of(fields.get("chain_stages"), ChainStage, "chain_stages"),
    }


def clean_words(fields: dict) -> dict:
    return {
        "title": _text(fields.get("title"), "title", MAX_TITLE, required=True),
        "problem": _text(fields.get("problem"), "problem", MAX_TEXT, required=True),
        "approach": _text(fields.get("approach"), "approach", MAX_TEXT, required=True),
        "results": _text(fields.get("results"), "results", MAX_TEXT),
        "needs_review": bool(fields.get("needs_review")),
    }


@service(require_managing)
def create_practice(actor: Actor, *, request=None, **fields) -> Practice:
    """A practice with its text in its original language."""
    facts, words = clean_facts(fields), clean_words(fields)
    practice = Practice.objects.create(created_by=actor.user, **facts)
    PracticeText.objects.create(practice=practice, language=practice.original_language, **words)
    record("practices.created", actor=actor.user, organisation=actor.organisation, target=practice,
           fields=[*FACT_FIELDS, *TEXT_FIELDS], detail={"language": practice.original_language}, request=request)
    return practice


@service(require_managing)
def update_facts(actor: Actor, practice: Practice, *, request=None, **fields) -> list[str]:
    """Save what changed of the facts; returns the changed field names (none: nothing is recorded)."""
    facts = clean_facts(fields)
    if facts["original_language"] != practice.original_language and not \
            practice.texts.filter(language=facts["original_language"]).exists():
        raise ValidationError({"original_language": _("Add the text in that language first.")})
    changed = [name for name, value in facts.items() if getattr(practice, name) != value]
    if changed:
        for name, value in facts.items():
            setattr(practice, name, value)
        practice.save()
        record("practices.updated", actor=actor.user, organisation=actor.organisation, target=practice,
               fields=changed, request=request)
    return changed


@service(require_managing)
def save_text(actor: Actor, practice: Practice, language: str, *, request=None, **fields) -> list[str]:
    """Add the practice's text in `language` or change it; returns the changed field names."""
    language = _language(language, "language")
    words = clean_words(fields)
    text = practice.texts.filter(language=language).first()
    if text is None:
        text = PracticeText.objects.create(practice=practice, language=language, **words)
        changed = list(TEXT_FIELDS)
    else:
        changed = [name for name, value in words.items() if getattr(text, name) != value]
        for name, value in words.items():
            setattr(text, name, value)
        if changed:
            text.save()
    if changed:
        practice.save(update_fields=["updated"])
        record("practices.text_saved", actor=actor.user, organisation=actor.organisation, target=practice,
               fields=changed, detail={"language": language}, request=request)
    return changed


@service(require_managing)
def remove_text(actor: Actor, practice: Practice, language: str, *, request=None) -> None:
    if language == practice.original_language:
        raise ValidationError(_("The text in the original language stays; change the original language first."))
    deleted, _rows = practice.texts.filter(language=language).delete()
    if deleted:
        record("practices.text_removed", actor=actor.user, organisation=actor.organisation, target=practice,
               detail={"language": language}, request=request)
