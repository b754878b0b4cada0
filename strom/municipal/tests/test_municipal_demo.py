"""The demo: Riga's two self-assessments (improving) with an action plan and its local mapping, made once;
and the pre-filled evidence for the demo municipalities with and without each piece (acceptance point)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.municipal.models import Action, Assessment, LocalMapping
from strom.municipal.results import result_of
from strom.municipal.work import municipal_items
from strom.network.models import Municipality

pytestmark = pytest.mark.django_db

# item → found in Riga, Vilnius, Tallinn (from the demo network in load_demo and municipal/demo.py)
EXPECTED = {
    "partnership.group": (True, False, False),
    "partnership.agreement_meetings": (True, False, False),
    "referral.contact_24_7": (True, True, True),
    "referral.interpreters": (True, False, False),  # a Latvian interpretation service serves the whole country
    "referral.directory": (True, True, True),
    "identification.child_protocol": (True, False, False),
    "assistance.shelter": (True, True, True),
    "assistance.pathways": (True, True, False),
    "mapping.document": (True, False, False),
    "monitoring.annual_review": (True, False, False),
}


def test_demo_assessments_mapping_and_evidence():
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    riga, vilnius, tallinn = (Municipality.objects.get(name=name) for name in ("Rīga", "Vilnius", "Tallinn"))
    last_year, this_year = Assessment.objects.filter(municipality=riga).order_by("as_of")
    assert last_year.status == this_year.status == Assessment.Status.COMPLETED
    result = result_of(this_year)
    assert result.previous == last_year and result.overall > result.overall_before
    assert all(row["change"] is None or row["change"] >= 0 for row in result.rows)
    assert LocalMapping.objects.filter(municipality=riga).count() == 1
    assert Action.objects.filter(assessment=this_year).count() == 2
    assert not Assessment.objects.filter(municipality__in=[vilnius, tallinn]).exists()
    social_worker = actor_for_user(User.objects.get(username="social.worker"))
    assert any(item.title.startswith("Municipal action:") for item in municipal_items(social_worker))

    answers = {answer.item.code: answer for answer in this_year.answers.select_related("item")}
    from strom.municipal.evidence import evidence_for

    today = timezone.localdate()
    for code, (in_riga, in_vilnius, in_tallinn) in EXPECTED.items():
        assert answers[code].evidence_found is in_riga, code
        assert evidence_for(code, vilnius, today).found is in_vilnius, code
        assert evidence_for(code, tallinn, today).found is in_tallinn, code
    assert answers["referral.procedure"].suggested_score == 2  # Riga's chain is complete, with instructions
    assert evidence_for("referral.procedure", tallinn, today).suggested_score == 1  # no psychological help
    assert "45 of 120" in answers["identification.trained_staff"].evidence_summary
