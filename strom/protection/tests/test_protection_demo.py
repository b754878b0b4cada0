"""The demo protection on Amber-Heron-1001: a period ending within 7 days that My work shows; made once."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.cases.models import Case
from strom.protection.work import protection_items

pytestmark = pytest.mark.django_db


def test_load_demo_records_protection_once_and_my_work_shows_it():
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    case = Case.objects.get(person__pseudonym="Amber-Heron-1001")
    period = case.reflection_periods.get()
    today = timezone.localdate()
    assert today <= period.last_day <= today + timedelta(days=7)
    assert case.residence_permits.count() == 1 and case.risk_assessments.count() == 1 and case.tasks.count() == 2
    titles = [item.title for item in protection_items(actor_for_user(User.objects.get(username="case.manager")))]
    assert any(title.startswith("Amber-Heron-1001: The reflection period ends") for title in titles)
    assert any(title.startswith("Amber-Heron-1001: A task is") and "overdue" in title for title in titles)
