"""At the end of a case's retention the hotline's free text about it goes; the figures stay."""

import pytest
from django.utils import timezone

from strom.cases.retention import ERASERS
from strom.cases.tests.helpers import open_shelter_case
from strom.hotline.models import Contact, FollowUp
from strom.hotline.tests.conftest import record

pytestmark = pytest.mark.django_db


def test_the_eraser_blanks_the_contacts_that_led_to_the_case(network):
    case = open_shelter_case(network)
    follow_up = {"task": "Call back about the farm", "due_on": timezone.localdate(),
                 "owner": network.hotline_operator}
    linked = record(network.hotline_operator, topic="crisis", outcome="police", police_reason="A child at risk",
                    notes="Named the farm owner", follow_up=follow_up)
    Contact.objects.filter(pk=linked.pk).update(person=case.person, escalated_at=timezone.now())
    other = record(network.hotline_operator, notes="Another caller's story")

    ERASERS["hotline"](case)

    linked.refresh_from_db()
    assert (linked.notes, linked.police_reason, linked.topic, linked.outcome) == ("", "", "crisis", "police")
    assert FollowUp.objects.get(contact=linked).task == ""
    other.refresh_from_db()
    assert other.notes == "Another caller's story"
