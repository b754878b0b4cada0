"""Erasure of the hotline's free text about a case at the end of its retention (registered with
strom.cases.retention): the notes, the police reason and the follow-up tasks of the contacts that led
to the case or to its person go; channel, topic, caller type, place and outcome stay for the figures."""

from __future__ import annotations

from django.db.models import Q

from strom.cases.retention import blank_fields


def erase_hotline(case) -> None:
    from strom.hotline.models import Contact, FollowUp

    about_case = Q(case=case) | Q(person_id=case.person_id)
    blank_fields(Contact.objects.filter(about_case), "notes", "police_reason")
    blank_fields(FollowUp.objects.filter(contact__in=Contact.objects.filter(about_case)), "task")
