"""The demo screenings: one on a Riga demo case's timeline, one waiting to be attached; made once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from strom.screening.demo import DEMO_SCREENINGS
from strom.screening.models import Screening, ScreeningStatus

pytestmark = pytest.mark.django_db


def test_load_demo_makes_the_demo_screenings_once():
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    screenings = {screening.label: screening for screening in Screening.objects.all()}
    assert set(screenings) == {row[0] for row in DEMO_SCREENINGS}
    attached = screenings["Demo: first interview at the shelter"]
    assert attached.case.person.pseudonym == "Amber-Heron-1001"
    assert attached.status == ScreeningStatus.COMPLETED and attached.outcome == "pattern_present"
    assert attached.framework.code == "adults_sexual"
    loose = screenings["Demo: call from a bus station, night shift"]
    assert loose.case is None and loose.outcome == "partial"
