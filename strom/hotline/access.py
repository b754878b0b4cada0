"""Who uses the crisis view, the job-offer check and escalation (deny by default).

Only the hotline organisation's people with `hotline.record` (operators and coordinators). A contact
of another organisation is a 404 (nothing learnt), a member of the contact's organisation without
the right a recorded 403. What is escalated to is then checked by the target's own policy
(screening.run, referral.make, case.write) inside its service.
"""

from __future__ import annotations

from django.http import Http404

from strom.accounts.policies import Actor, deny
from strom.hotline.models import Contact

RECORD = "hotline.record"


def require_hotline(actor: Actor, *args, **kwargs) -> None:
    if actor.organisation is None or not actor.can(RECORD):
        deny(actor, RECORD)


def require_contact(actor: Actor, contact: Contact, *args, **kwargs) -> None:
    """For services: the contact belongs to the organisation she acts for and she may record."""
    if actor.organisation is None or contact.organisation_id != actor.organisation.pk or not actor.can(RECORD):
        deny(actor, RECORD, contact)


def contact_for(actor: Actor, contact_id) -> Contact:
    """The contact, for one of its organisation's operators: 404 to others, 403 without the right."""
    contact = (Contact.objects.select_related("organisation", "municipality", "caller", "referred_to")
               .filter(pk=contact_id).first())
    if contact is None or actor.organisation is None or contact.organisation_id != actor.organisation.pk:
        raise Http404
    if not actor.can(RECORD):
        deny(actor, RECORD, contact)
    return contact
