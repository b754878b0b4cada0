"""Duplicates at intake: name keys kept with the person, the lookup across organisations and what each
persona learns from it, the confirmation token, and the measured recall through the database."""

from __future__ import annotations

import collections
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.cases import duplicates, services
from strom.cases.models import Case, Person, PersonNameKey
from strom.cases.tests.helpers import open_shelter_case
from strom.lib.tests.synthetic_names import base_and_variants, distinct_people
from strom.testing import sign_in

pytestmark = pytest.mark.django_db

# Synthetic: one Ukrainian name as the shelter writes it, and as a Polish NGO would transliterate it.
SHELTER_PERSON = {"given_names": "Oleksandr", "family_names": "Shevchenko", "birth_date": "1990-05-01"}
POLISH_SPELLING = {"given_names": "Ołeksandr", "family_names": "Szewczenko", "birth_date": "1990-05-01"}
CYRILLIC = {"given_names": "Олександр", "family_names": "Шевченко", "birth_date": "1990-05-01"}


@pytest.fixture
def shelter_case(network):
    return open_shelter_case(network, person={**SHELTER_PERSON, "gender": "Masculine"})


def digests_of(person) -> set[str]:
    return set(PersonNameKey.objects.filter(person=person).values_list("digest", flat=True))


# --- Keys kept with the person --------------------------------------------------------------------


def test_opening_stores_digests_never_names(shelter_case):
    stored = PersonNameKey.objects.filter(person=shelter_case.person)
    assert stored.count() > 10
    assert {row.kind for row in stored} == {"dated", "whole_name"}
    everything = " ".join(stored.values_list("digest", flat=True)).lower()
    assert "shevchenko" not in everything and "sevcenko" not in everything and "1990" not in everything
    assert all(len(digest) == 64 for digest in stored.values_list("digest", flat=True))


def test_keys_follow_the_names_and_only_the_names(network, shelter_case):
    actor = actor_for_user(network.case_manager)
    before = digests_of(shelter_case.person)
    ids_before = set(PersonNameKey.objects.filter(person=shelter_case.person).values_list("pk", flat=True))
    services.update_person(actor, shelter_case, contact="+371 2000 0001")
    assert set(PersonNameKey.objects.filter(person=shelter_case.person).values_list("pk", flat=True)) == ids_before
    services.update_person(actor, shelter_case, family_names="Kovalenko")
    after = digests_of(shelter_case.person)
    assert after and after != before
    services.update_person(actor, shelter_case, family_names="Shevchenko")
    assert digests_of(shelter_case.person) == before


# --- What each persona learns -------------------------------------------------------------------------


def test_another_organisation_learns_only_who_to_contact(network, shelter_case):
    outsider = actor_for_user(network.outsider_case_manager)
    answer = duplicates.find_possible_duplicates(outsider, POLISH_SPELLING)
    assert answer.visible == []
    assert [(m.organisation, m.country) for m in answer.elsewhere] == [("Riga Safe House", "Latvia")]
    data = str(answer.as_data())
    assert shelter_case.person.pseudonym not in data and str(shelter_case.pk) not in data
    assert str(shelter_case.person.pk) not in data
    event = AuditEvent.objects.filter(action="person.duplicate_check").latest("seq")
    assert event.detail == {"matches": 1} and event.actor_id == network.outsider_case_manager.pk
    assert "Szewczenko" not in str(event.__dict__) and "Shevchenko" not in str(event.__dict__)


def test_the_lead_organisation_gets_a_link_to_its_own_case(network, shelter_case):
    answer = duplicates.find_possible_duplicates(actor_for_user(network.case_manager), CYRILLIC)
    assert [(m.pseudonym, m.url) for m in answer.visible] == [
        (shelter_case.person.pseudonym, reverse("cases:detail", args=[shelter_case.pk]))]
    assert answer.elsewhere == []


def test_other_people_and_other_years_do_not_match(network, shelter_case):
    outsider = actor_for_user(network.outsider_case_manager)
    assert not duplicates.find_possible_duplicates(outsider, {**POLISH_SPELLING, "birth_date": "1992-05-01"})
    assert not duplicates.find_possible_duplicates(outsider, {"given_names": "Oleksandr", "family_names": "Bondarenko",
                                                              "birth_date": "1990-05-01"})
    # an estimated age around the year meets the known date
    assert duplicates.find_possible_duplicates(outsider, {**POLISH_SPELLING, "birth_date": "", "estimated_age": 35,
                                                          "age_estimated_on": date(2026, 1, 10)})


def test_people_without_case_write_may_not_look(network, shelter_case):
    for user in (network.social_worker, network.auditor, network.no_role):
        with pytest.raises(PermissionDenied):
            duplicates.find_possible_duplicates(actor_for_user(user), POLISH_SPELLING)
    assert AuditEvent.objects.filter(action="permission.denied").count() == 3


def test_break_glass_does_not_turn_a_match_into_a_link(network, shelter_case):
    outsider = actor_for_user(network.outsider_case_manager)
    services.break_glass(outsider, shelter_case, reason="The person is at our door and needs help now.")
    answer = duplicates.find_possible_duplicates(actor_for_user(network.outsider_case_manager), POLISH_SPELLING)
    assert answer.visible == [] and len(answer.elsewhere) == 1


# --- Confirmation token ----------------------------------------------------------------------------


def test_the_confirmation_binds_actor_and_fields(network):
    actor = actor_for_user(network.case_manager)
    token = duplicates.confirmation_token(actor, POLISH_SPELLING)
    assert duplicates.check_confirmation(actor, dict(POLISH_SPELLING), token)
    assert "Szewczenko" not in token and "1990" not in token.split(".", 1)[1]
    issued, signature = token.split(".")
    tampered = f"{issued}.{signature[:-1]}{'0' if signature[-1] != '0' else '1'}"
    assert not duplicates.check_confirmation(actor, POLISH_SPELLING, tampered)
    assert not duplicates.check_confirmation(actor, POLISH_SPELLING, f"{int(issued) + 1}.{signature}")
    assert not duplicates.check_confirmation(actor, {**POLISH_SPELLING, "family_names": "Kowalska"}, token)
    assert not duplicates.check_confirmation(actor_for_user(network.outsider_case_manager), POLISH_SPELLING, token)
    assert not duplicates.check_confirmation(actor, POLISH_SPELLING, "")
    assert not duplicates.check_confirmation(actor, POLISH_SPELLING, token,
                                             now=int(issued) + duplicates.CONFIRMATION_MAX_AGE + 1)


def open_form(municipality, person: dict, **extra) -> dict:
    data = {"person-given_names": person["given_names"], "person-family_names": person["family_names"],
            "person-birth_date": person["birth_date"], "person-gender": "Masculine",
            "person-contact_safety": "unknown", "person-documents_status": "unknown",
            "case-municipality": str(municipality.pk), "places-TOTAL_FORMS": "3", "places-INITIAL_FORMS": "0"}
    data.update(extra)
    return data


def test_opening_a_near_duplicate_warns_and_open_anyway_needs_the_token(client, network, shelter_case):
    sign_in(client, network.outsider_case_manager)
    url = reverse("cases:open")
    form = open_form(network.vilnius, POLISH_SPELLING)
    page = client.post(url, form)
    assert page.status_code == 200 and Case.objects.count() == 1
    text = page.content.decode()
    assert "Riga Safe House" in text and "Open the case anyway" in text
    assert shelter_case.person.pseudonym not in text
    token = page.context["confirmation"]
    # the same data again without the token, or with a tampered one: still only the warning
    assert client.post(url, form).status_code == 200
    assert client.post(url, {**form, "confirmation": token[:-2] + "00"}).status_code == 200
    assert client.post(url, {**form, "confirmation": token,
                             "person-other_names": "Sasza"}).status_code == 200  # changed: checked again
    assert Case.objects.count() == 1
    opened = client.post(url, {**form, "confirmation": token})
    assert opened.status_code == 302 and Case.objects.count() == 2
    event = AuditEvent.objects.get(action="case.opened", actor=network.outsider_case_manager)
    assert event.detail["possible_duplicates_confirmed"] == 1


def test_no_warning_for_a_new_person(client, network, shelter_case):
    sign_in(client, network.outsider_case_manager)
    response = client.post(reverse("cases:open"), open_form(network.vilnius, {
        "given_names": "Ramunė", "family_names": "Petrauskaitė", "birth_date": "1988-02-02"}))
    assert response.status_code == 302 and Case.objects.count() == 2


def test_the_person_page_shows_matches_but_not_herself(client, network, shelter_case):
    other = services.open_case(actor_for_user(network.outsider_case_manager), person=dict(POLISH_SPELLING),
                               municipality=network.vilnius)
    sign_in(client, network.case_manager)
    page = client.get(reverse("cases:person_edit", args=[shelter_case.pk])).content.decode()
    assert "Vilnius Outsider NGO" in page and other.person.pseudonym not in page
    sign_in(client, network.outsider_case_manager)
    page = client.get(reverse("cases:person_edit", args=[other.pk])).content.decode()
    assert "Riga Safe House" in page and shelter_case.person.pseudonym not in page


# --- Rebuilding ---------------------------------------------------------------------------------


def test_rebuild_name_keys_after_a_key_rotation(network, shelter_case, settings):
    PersonNameKey.objects.all().delete()  # as for people recorded before duplicate detection
    Case.objects.update(age_group="unknown")
    call_command("rebuild_name_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = digests_of(shelter_case.person)
    assert first and Case.objects.get().age_group == "adult"
    settings.BLIND_INDEX_KEY = bytes(range(32))
    outsider = actor_for_user(network.outsider_case_manager)
    assert not duplicates.find_possible_duplicates(outsider, POLISH_SPELLING)  # stale digests meet nothing
    call_command("rebuild_name_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert digests_of(shelter_case.person).isdisjoint(first)
    assert duplicates.find_possible_duplicates(outsider, POLISH_SPELLING)
    assert AuditEvent.objects.filter(action="person.name_keys_rebuilt").count() == 2


# --- Age group ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("person", "group"), [
    ({"birth_date": "1990-05-01"}, "adult"),
    ({"estimated_age": 16}, "child"),
    ({"birth_date": "1990-05-01", "age_disputed": True}, "child"),
    ({}, "unknown"),
])
def test_cases_carry_the_age_group(network, person, group):
    case = services.open_case(actor_for_user(network.case_manager), municipality=network.riga,
                              person={"given_names": "Testa", "family_names": "Aetas", **person})
    assert case.age_group == group


def test_the_age_group_follows_the_person(network, shelter_case):
    actor = actor_for_user(network.case_manager)
    services.update_person(actor, shelter_case, birth_date="2015-01-01")
    assert Case.objects.get(pk=shelter_case.pk).age_group == "child"
    services.update_person(actor, shelter_case, birth_date="", estimated_age=None)
    assert Case.objects.get(pk=shelter_case.pk).age_group == "unknown"


# --- Measured through the database --------------------------------------------------------------------


def _store(people) -> list[Person]:
    """Synthetic people as Person rows with their keys (no cases: the lookup is by person)."""
    stored = []
    for i, synthetic in enumerate(people):
        fields = {"given_names": synthetic.given, "family_names": synthetic.family, "other_names": synthetic.other}
        if synthetic.year is not None and synthetic.year_estimated:
            fields.update(estimated_age=2026 - synthetic.year, age_estimated_on=date(2026, 6, 15))
        elif synthetic.year is not None:
            fields["birth_date"] = f"{synthetic.year}-06-15"
        person = Person.objects.create(pseudonym=f"Synthetic-Person-{i}", **fields)
        duplicates.store_name_keys(person)
        stored.append(person)
    return stored


def _fields(synthetic) -> dict:
    fields = {"given_names": synthetic.given, "family_names": synthetic.family, "other_names": synthetic.other}
    if synthetic.year is not None and synthetic.year_estimated:
        return {**fields, "estimated_age": 2026 - synthetic.year, "age_estimated_on": date(2026, 6, 15)}
    if synthetic.year is not None:
        return {**fields, "birth_date": f"{synthetic.year}-06-15"}
    return fields


def test_recall_and_no_false_match_through_the_database():
    variants = base_and_variants(2026)
    bases = _store([base for _kind, base, _variant in variants])
    found = collections.Counter()
    for (kind, _base, variant), person in zip(variants, bases, strict=True):
        found[kind] += person.pk in duplicates.matching_people(duplicates.keys_of(_fields(variant)))
    recall = sum(found.values()) / len(variants)
    print(f"\nrecall through the database {recall:.1%}: {dict(found)}")
    assert recall >= 0.9

    Person.objects.all().delete()
    distinct = distinct_people(2026)
    people = _store(distinct)
    false = sum(len(duplicates.matching_people(duplicates.keys_of(_fields(synthetic)), exclude_person=person))
                for synthetic, person in zip(distinct, people, strict=True))
    assert false == 0
