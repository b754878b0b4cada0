"""Retention: identity erased from closed cases past the (unverified) retention period, only when
confirmed; the pseudonymous case stays; other areas' erasers run; a dry run changes nothing."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.cases import duplicates, retention, services
from strom.cases.models import IDENTITY_FIELDS, Case, Person, PersonNameKey, StageChange
from strom.cases.tests.helpers import open_shelter_case

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 29)
ELEVEN_YEARS_AGO = timezone.now() - timedelta(days=11 * 366)


def close(network, case, *, when=ELEVEN_YEARS_AGO):
    services.change_stage(actor_for_user(network.case_manager), case, to_stage="closed",
                          why="The plan's goals were reached; she moved on.", closure_reason="goals_reached")
    Case.objects.filter(pk=case.pk).update(stage_changed=when)
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def old_case(network):
    return close(network, open_shelter_case(network))


def identity(person_id) -> dict:
    person = Person.objects.get(pk=person_id)
    return {name: getattr(person, name) for name in IDENTITY_FIELDS}


def test_the_retention_date_comes_from_the_country_rules_and_is_unverified(old_case):
    due = retention.erase_from(old_case)
    assert not due.verified
    assert due.erase_from.year == timezone.localdate(ELEVEN_YEARS_AGO).year + 10


def test_a_dry_run_counts_and_changes_nothing(old_case):
    before = identity(old_case.person_id)
    keys = PersonNameKey.objects.count()
    report = retention.apply_retention(today=TODAY, dry_run=True, confirm_unverified=True)
    assert (report.due, report.unverified, report.erased) == (1, 1, 0)
    assert identity(old_case.person_id) == before and PersonNameKey.objects.count() == keys
    assert not AuditEvent.objects.filter(action="case.identity_erased").exists()


def test_unverified_periods_are_not_erased_without_confirmation(old_case):
    report = retention.apply_retention(today=TODAY)
    assert (report.due, report.refused_unverified, report.erased) == (1, 1, 0)
    assert Person.objects.get(pk=old_case.person_id).given_names == "Testa"
    assert Person.objects.get(pk=old_case.person_id).identity_erased_at is None


def test_erasure_removes_identity_and_keys_and_keeps_the_case(network, old_case, monkeypatch):
    seen = []
    monkeypatch.setitem(retention.ERASERS, "notes", lambda case: seen.append(case.pk))
    report = retention.apply_retention(today=TODAY, confirm_unverified=True)
    assert report.erased == 1 and seen == [old_case.pk]
    person = Person.objects.get(pk=old_case.person_id)
    assert person.identity_erased_at is not None
    assert all(value == "" for value in identity(person.pk).values())
    assert all(getattr(row, name) == "" for row in person.history.all() for name in IDENTITY_FIELDS)
    assert not PersonNameKey.objects.filter(person=person).exists()
    case = Case.objects.get(pk=old_case.pk)  # the pseudonymous case stays for statistics
    assert case.stage == "closed" and case.exploitation_forms == ["labour"] and case.places.count() == 2
    assert person.pseudonym and case.age_group == "adult"
    assert all(change.why == "" for change in StageChange.objects.filter(case=case))
    event = AuditEvent.objects.get(action="case.identity_erased")
    assert set(event.fields) == set(IDENTITY_FIELDS) and "notes" in event.detail["erasers"]
    assert event.detail["unverified_period_confirmed"] is True
    # no duplicate warning points to her any more, and nobody edits an erased identity
    outsider = actor_for_user(network.outsider_case_manager)
    assert not duplicates.find_possible_duplicates(outsider, {"given_names": "Testa", "family_names": "Personae",
                                                              "birth_date": "1999-04-12"})
    with pytest.raises(ValidationError):
        services.update_person(actor_for_user(network.case_manager), case, given_names="Testa")
    # a second run finds nothing new; --all runs the erasers again on erased cases
    assert retention.apply_retention(today=TODAY, confirm_unverified=True).due == 0
    assert retention.apply_retention(today=TODAY, confirm_unverified=True, include_erased=True).erased == 1
    assert seen == [old_case.pk, old_case.pk]


def test_open_and_recently_closed_cases_are_kept(network):
    open_case = open_shelter_case(network)
    recent = close(network, open_shelter_case(network, person={"given_names": "Testa", "family_names": "Nova"}),
                   when=timezone.now() - timedelta(days=30))
    report = retention.apply_retention(today=TODAY, confirm_unverified=True)
    assert (report.due, report.not_yet, report.erased) == (0, 1, 0)
    assert Person.objects.get(pk=open_case.person_id).given_names == "Testa"
    assert Person.objects.get(pk=recent.person_id).identity_erased_at is None


def test_a_person_with_another_open_case_keeps_her_identity(network, old_case):
    second = Case.objects.create(person=old_case.person, lead_organisation=network.shelter, municipality=network.riga,
                                 stage="signal", stage_changed=timezone.now(), created=timezone.now())
    assert retention.apply_retention(today=TODAY, confirm_unverified=True).erased == 1
    person = Person.objects.get(pk=old_case.person_id)
    assert person.identity_erased_at is None and person.given_names == "Testa"
    assert all(change.why == "" for change in StageChange.objects.filter(case=old_case))
    assert second.pk


def test_the_command(old_case):
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", "--today", "2026-11-29", "--confirm-unverified", stdout=out)
    assert "past their retention period: 1" in out.getvalue() and "nothing was erased" in out.getvalue()
    assert "by country: LV 1" in out.getvalue()
    assert "Testa" not in out.getvalue() and old_case.person.pseudonym not in out.getvalue()
    out = io.StringIO()
    call_command("apply_retention", "--today", "2026-11-29", stdout=out)
    assert "erased: 0" in out.getvalue() and "--confirm-unverified" in out.getvalue()
    call_command("apply_retention", "--today", "2026-11-29", "--confirm-unverified", stdout=io.StringIO())
    assert Person.objects.get(pk=old_case.person_id).identity_erased_at is not None
    with pytest.raises(CommandError):
        call_command("apply_retention", "--today", "29.11.2026", stdout=io.StringIO())


def test_the_case_page_says_the_identity_was_erased(client, network, old_case):
    from django.urls import reverse

    from strom.testing import sign_in

    retention.apply_retention(today=TODAY, confirm_unverified=True)
    sign_in(client, network.case_manager)
    page = client.get(reverse("cases:detail", args=[old_case.pk])).content.decode()
    assert "was erased at the end of the retention period" in page and "Testa" not in page
