"""Demo of the hotline's crisis part (`manage.py load_demo`, after the demo month of contacts): the newest
working-abroad contact gets a job-offer check with warning signs, and the newest crisis not yet referred is
escalated to a referral to the Tallinn shelter's 24/7 safe accommodation. Through the ordinary services,
acting as the demo operator; idempotent (nothing is done when the hotline has a check or an escalation).
"""

from __future__ import annotations

from django.conf import settings

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.hotline import escalation
from strom.hotline.demo import HOTLINE
from strom.hotline.models import Contact, Escalation, JobOfferCheck
from strom.hotline.views_crisis import referral_initial
from strom.network.models import Organisation, Service

ANSWERS = {"employer_verifiable": "yes", "agency_verifiable": "unsure", "agency_licensed": "unsure",
           "written_contract": "yes", "contract_language": "no", "no_fee": "no", "keeps_passport": "unsure"}
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _check(actor, hotline) -> bool:
    contact = Contact.objects.filter(organisation=hotline, topic="working_abroad").order_by("-started_at").first()
    if contact is None:
        return False
    language = contact.language if contact.language in LANGUAGES else "en"
    escalation.save_job_offer_check(actor, contact, answers=ANSWERS, language=language,
                                    destination_country=str(contact.destination_country))
    return True


def _referral(actor, hotline) -> bool:
    contact = (Contact.objects.filter(organisation=hotline, topic="crisis").exclude(outcome="referred")
               .select_related("caller", "municipality").order_by("-started_at").first())
    shelter = Service.objects.filter(type__code="safe_accommodation", is_active=True, phone_24_7__gt="",
                                     organisation__country=hotline.country).order_by("name").first()
    if contact is None or shelter is None:
        return False
    values = referral_initial(contact)
    escalation.escalate_to_referral(actor, contact, service=shelter, reason=values["reason"],
                                    urgency=values["urgency"], needs=values["needs"], summary=values["summary"],
                                    languages=[contact.language] if contact.language else [], consent_how="verbal")
    return True


def load_demo_hotline_crisis() -> int:
    """Returns how many demo items were made (0 when there is nothing to do)."""
    hotline = Organisation.objects.filter(name=HOTLINE[0], country=HOTLINE[1]).first()
    operator = User.objects.filter(username="hotline.operator").first()
    if hotline is None or operator is None:
        return 0
    if JobOfferCheck.objects.filter(contact__organisation=hotline).exists() or \
            Escalation.objects.filter(contact__organisation=hotline).exists():
        return 0
    actor = actor_for_user(operator)
    return int(_check(actor, hotline)) + int(_referral(actor, hotline))
