"""Who uses the crisis view, the job-offer check and escalation (deny by default).

Only the hotline organisation's people with `hotline.record` (operators and coordinators): pages read
the contact with `queries.contact_for` (another organisation's contact is a 404, a member without the
right a recorded 403), and the write services check `require_contact` below. What a contact is
escalated to is then checked by the target's own policy (screening.run, referral.make, case.write).
"""

from __future__ import annotations

from strom.accounts.policies import Actor, deny
from strom.hotline.models import Contact
from strom.hotline.policies import RECORD


def require_contact(actor: Actor, contact: Contact, *args, **kwargs) -> None:
    """For services: the contact belongs to the organisation she acts for and she may record."""
    if actor.organisation is None or contact.organisation_id != actor.organisation.pk or not actor.can(RECORD):
        deny(actor, RECORD, contact)
