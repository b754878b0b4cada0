"""The demo cases: opened once through the services, synthetic, idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from strom.cases.demo import DEMO_CASES
from strom.cases.models import Case, Person

pytestmark = pytest.mark.django_db


def test_load_demo_opens_the_demo_cases_once():
    call_command("load_demo", stdout=StringIO())
    assert Case.objects.count() == len(DEMO_CASES)
    call_command("load_demo", stdout=StringIO())
    assert Case.objects.count() == len(DEMO_CASES)
    assert set(Person.objects.values_list("pseudonym", flat=True)) == {row[0] for row in DEMO_CASES}
    assert all(person.family_names == "Sample" and person.given_names.startswith("Demo ")
               for person in Person.objects.all())
    moved = Case.objects.get(person__pseudonym="Frost-Otter-1004")
    assert moved.stage == "long_term_inclusion" and moved.lead_organisation.name == "Caritas Lithuania"
    assert moved.stage_changes.count() == 5


def test_the_demo_has_a_near_duplicate_across_organisations():
    from strom.accounts.models import User
    from strom.accounts.policies import actor_for_user
    from strom.cases import duplicates

    call_command("load_demo", stdout=StringIO())
    variant = Person.objects.get(pseudonym="Aspen-Plover-1006")
    original = Person.objects.get(pseudonym="Linden-Swan-1005")
    assert variant.given_names != original.given_names
    riga = actor_for_user(User.objects.get(username="case.manager"))
    answer = duplicates.find_possible_duplicates(riga, duplicates.fields_of(variant), exclude_person=variant)
    assert [m.organisation for m in answer.elsewhere] == ["Caritas Lithuania"] and not answer.visible


def test_demo_people_from_before_duplicate_detection_get_their_keys():
    from strom.cases.models import PersonNameKey

    call_command("load_demo", stdout=StringIO())
    PersonNameKey.objects.all().delete()
    Case.objects.update(age_group="unknown")
    call_command("load_demo", stdout=StringIO())
    assert set(PersonNameKey.objects.values_list("person__pseudonym", flat=True)) == {row[0] for row in DEMO_CASES}
    assert Case.objects.get(person__pseudonym="Cedar-Lark-1002").age_group == "child"
