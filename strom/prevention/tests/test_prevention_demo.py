"""The demo: three campaigns with activities and materials, and the practices seed; made once."""

from io import StringIO

import pytest
from django.core.management import call_command

from strom.practices.models import Practice
from strom.prevention.models import Activity, Campaign

pytestmark = pytest.mark.django_db


def test_load_demo_makes_the_campaigns_and_the_library_once():
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    campaigns = {c.code: c for c in Campaign.objects.select_related("organiser")}
    assert set(campaigns) == {"RIGA-SCHOOLS", "SAFE-WORK-EE", "SEASON-LV-LT"}
    assert campaigns["SAFE-WORK-EE"].organiser.name == "Living for Tomorrow"
    assert [p.name for p in campaigns["SEASON-LV-LT"].partners.all()] == ["Caritas Lithuania"]
    assert Activity.objects.count() == 11 and all(c.materials.count() == 2 for c in campaigns.values())
    assert Practice.objects.count() == 12
