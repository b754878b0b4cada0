"""The demo month loads through the services, is idempotent, and looks like a hotline's month."""

import pytest
from django.core.management import call_command

from strom.hotline.models import Caller, Contact, FollowUp

pytestmark = pytest.mark.django_db


def test_demo_month(capsys):
    from strom.hotline.demo import load_demo_hotline

    call_command("load_demo")
    capsys.readouterr()
    contacts = Contact.objects.filter(organisation__name="Living for Tomorrow")
    count = contacts.count()
    assert count > 30
    assert contacts.filter(topic="working_abroad").count() > count / 3
    assert contacts.filter(topic="crisis").count() == 3
    assert Caller.objects.count() < count  # some callers called again
    assert FollowUp.objects.filter(done_at__isnull=True).count() >= 3
    assert not contacts.filter(person__isnull=False).exists()
    assert load_demo_hotline() == 0 and Contact.objects.count() == count
