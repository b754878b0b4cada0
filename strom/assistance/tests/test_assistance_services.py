"""The assistance services: plan versions, totals, validation messages, proceedings and return."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.assistance import money, queries, services
from strom.assistance.models import AssistancePlan, DeliveredService, Goal, NeedsAssessment
from strom.audit.models import AuditEvent
from strom.cases import services as case_services
from strom.network.models import ServiceType

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


def manager(network):
    return actor_for_user(network.case_manager)


def deliver(network, case, **overrides):
    fields = {"provider_name": "Night Shelter Co-op", "date_from": TODAY, "date_to": TODAY + timedelta(days=2),
              "units": Decimal("3"), "unit": "night", "unit_cost": Decimal("25.50"), "currency": "EUR",
              "payer": "municipality"}
    fields.update(overrides)
    return services.record_delivered(manager(network), case, **fields)


def errors_of(raised) -> dict:
    return raised.value.message_dict


# --- Needs ---------------------------------------------------------------------------------------


def test_needs_come_from_the_service_taxonomy_and_the_note_is_encrypted(network, case):
    needs = list(ServiceType.objects.filter(code__in=["safe_accommodation", "legal_counselling"]))
    assessment = services.assess_needs(manager(network), case, assessed_on=TODAY, needs=needs, urgency="immediate",
                                       note="Afraid of the recruiter")
    assert {need.code for need in assessment.needs.all()} == {"safe_accommodation", "legal_counselling"}
    assert "hotline" not in set(queries.need_types().values_list("code", flat=True))
    with connection.cursor() as cursor:  # the column as stored, past the field's decryption
        cursor.execute("SELECT note FROM assistance_needsassessment")
        stored = [row[0] for row in cursor.fetchall()]
    assert len(stored) == 1 and "recruiter" not in str(stored[0])
    assert NeedsAssessment.objects.get().note == "Afraid of the recruiter"
    event = AuditEvent.objects.filter(action="assistance.needs_assessed").get()
    assert "recruiter" not in str(event.detail)


def test_needs_without_a_need_or_in_the_future_are_refused(network, case):
    with pytest.raises(ValidationError) as raised:
        services.assess_needs(manager(network), case, assessed_on=TODAY, needs=[], urgency="soon")
    assert errors_of(raised) == {"needs": ["Choose at least one need."]}
    need = ServiceType.objects.get(code="psychological")
    with pytest.raises(ValidationError) as raised:
        services.assess_needs(manager(network), case, assessed_on=timezone.localdate() + timedelta(days=1),
                              needs=[need], urgency="soon")
    assert errors_of(raised) == {"assessed_on": ["This date is in the future."]}


# --- The plan ------------------------------------------------------------------------------------


def test_an_approved_version_never_changes_and_the_next_change_opens_a_copy(network, case, directory):
    actor = manager(network)
    services.add_goal(actor, case, text="A safe place to live", target_date=TODAY)
    services.plan_service(actor, case, service=directory["shelter"], date_from=TODAY, date_to=TODAY + timedelta(30))
    first = AssistancePlan.objects.get(case=case)
    review_day = timezone.localdate() + timedelta(days=30)
    services.approve_plan(actor, case, first, next_review_on=review_day)
    first.refresh_from_db()
    assert (first.version, first.status, first.approved_by, first.next_review_on) == (
        1, "approved", network.case_manager, review_day)

    with pytest.raises(ValidationError) as raised:
        services.approve_plan(actor, case, first, next_review_on=review_day)
    assert "approved and can no longer change" in raised.value.messages[0]
    with pytest.raises(ValueError, match="never changes"):
        Goal(plan=first, text="Slipped in").save()

    services.add_goal(actor, case, text="Work permit")
    second = AssistancePlan.objects.get(case=case, status="draft")
    assert second.version == 2
    assert sorted(goal.text for goal in second.goals.all()) == ["A safe place to live", "Work permit"]
    assert [planned.service for planned in second.planned_services.all()] == [directory["shelter"]]
    assert [goal.text for goal in first.goals.all()] == ["A safe place to live"]  # version 1 as approved
    assert [plan.version for plan in queries.plans_of(case)] == [2, 1]


def test_a_plan_is_approved_only_with_a_goal_and_a_later_review_day(network, case):
    actor = manager(network)
    services.add_goal(actor, case, text="Health check")
    plan = AssistancePlan.objects.get(case=case)
    with pytest.raises(ValidationError) as raised:
        services.approve_plan(actor, case, plan, next_review_on=timezone.localdate())
    assert errors_of(raised) == {"next_review_on": ["Set the next review on a day after today."]}
    Goal.objects.filter(plan=plan).delete()
    with pytest.raises(ValidationError) as raised:
        services.approve_plan(actor, case, plan, next_review_on=timezone.localdate() + timedelta(days=3))
    assert raised.value.messages == ["A plan needs at least one goal before it is approved."]


def test_a_review_moves_the_next_review_of_the_approved_plan(network, case):
    actor = manager(network)
    services.add_goal(actor, case, text="Counselling")
    plan = AssistancePlan.objects.get(case=case)
    with pytest.raises(ValidationError):
        services.review_plan(actor, case, plan, reviewed_on=timezone.localdate(), outcome="on_track")
    services.approve_plan(actor, case, plan, next_review_on=timezone.localdate() + timedelta(days=10))
    later = timezone.localdate() + timedelta(days=40)
    review = services.review_plan(actor, case, plan, reviewed_on=timezone.localdate(), outcome="on_track",
                                  next_review_on=later, note="Going well")
    plan.refresh_from_db()
    assert (plan.next_review_on, review.reviewed_by, review.note) == (later, network.case_manager, "Going well")


def test_the_next_review_of_the_newest_approved_version_is_a_deadline_on_my_work(network, case):
    from strom.protection.models import Deadline
    from strom.protection.work import protection_items

    actor = manager(network)
    today = timezone.localdate()
    services.add_goal(actor, case, text="Counselling")
    first = AssistancePlan.objects.get(case=case)
    services.approve_plan(actor, case, first, next_review_on=today + timedelta(days=3))
    assert list(Deadline.objects.filter(case=case).values_list("kind", "due_on")) == [
        ("plan_review", today + timedelta(days=3))]
    assert any(case.person.pseudonym in item.title for item in protection_items(actor, today=today))

    services.review_plan(actor, case, first, reviewed_on=today, outcome="on_track",
                         next_review_on=today + timedelta(days=90))
    assert list(Deadline.objects.filter(case=case).values_list("due_on", flat=True)) == [today + timedelta(days=90)]
    assert not any(case.person.pseudonym in item.title for item in protection_items(actor, today=today))

    services.add_goal(actor, case, text="Housing")  # opens version 2
    second = AssistancePlan.objects.get(case=case, status="draft")
    services.approve_plan(actor, case, second, next_review_on=today + timedelta(days=5))
    rows = list(Deadline.objects.filter(case=case).values_list("source_id", "due_on"))
    assert rows == [(str(second.pk), today + timedelta(days=5))]  # the superseded version holds none
    services.review_plan(actor, case, second, reviewed_on=today, outcome="on_track")  # no next review
    assert not Deadline.objects.filter(case=case).exists()


def test_planned_services_refuse_reversed_dates(network, case, directory):
    with pytest.raises(ValidationError) as raised:
        services.plan_service(manager(network), case, service=directory["shelter"], date_from=TODAY,
                              date_to=TODAY - timedelta(days=1))
    assert errors_of(raised) == {"date_to": ["The end date is before the start date."]}
    assert not AssistancePlan.objects.filter(case=case).exists()


def test_service_choices_put_the_case_municipality_first_then_its_country(network, case, directory):
    groups = queries.service_groups(case)
    assert [(label, [s.name for s in found]) for label, found in groups] == [
        ("Rīga", ["Counselling Rooms", "Safe Flat"]), ("Latvia", ["Victim Desk"])]
    searched = queries.service_groups(case, "talks")
    assert [[s.name for s in found] for _, found in searched] == [["Vilnius Talks"]]


# --- Services delivered and totals ---------------------------------------------------------------


def test_totals_are_exact_per_currency_and_per_payer_and_never_mix_currencies(network, case):
    deliver(network, case, units=Decimal("3"), unit_cost=Decimal("25.50"), currency="EUR", payer="municipality")
    deliver(network, case, units=Decimal("1.5"), unit_cost=Decimal("0.10"), currency="EUR", payer="municipality")
    deliver(network, case, units=Decimal("2"), unit_cost=Decimal("40.00"), currency="EUR", payer="ngo")
    deliver(network, case, units=Decimal("4"), unit_cost=Decimal("120.00"), currency="SEK", payer="ngo")
    totals = queries.totals_by_code(queries.delivered_of(case))
    assert totals["per_currency"] == [{"currency": "EUR", "amount": Decimal("156.65")},
                                      {"currency": "SEK", "amount": Decimal("480.00")}]
    assert totals["per_payer"] == [
        {"payer": "municipality", "currency": "EUR", "amount": Decimal("76.65")},
        {"payer": "ngo", "currency": "EUR", "amount": Decimal("80.00")},
        {"payer": "ngo", "currency": "SEK", "amount": Decimal("480.00")}]
    assert all(isinstance(row["amount"], Decimal) for row in totals["per_currency"])


def test_delivered_services_refuse_bad_input_with_clear_messages(network, case):
    cases = [({"units": Decimal("-1")}, {"units": ["The number of units cannot be negative."]}),
             ({"unit_cost": Decimal("-0.01")}, {"unit_cost": ["The cost per unit cannot be negative."]}),
             ({"currency": "XYZ"}, {"currency": ["Unknown currency code: use a three-letter ISO 4217 code "
                                                 "such as EUR."]}),
             ({"date_to": TODAY - timedelta(days=1)}, {"date_to": ["The end date is before the start date."]}),
             ({"provider_name": ""}, {"service": ["Choose a service from the directory or name the provider."]})]
    for overrides, expected in cases:
        with pytest.raises(ValidationError) as raised:
            deliver(network, case, **overrides)
        assert errors_of(raised) == expected
    assert not DeliveredService.objects.exists()


def test_currency_defaults_and_names_come_from_babel():
    assert money.default_currency("LV") == "EUR"
    assert money.default_currency("SE") == "SEK"
    assert money.is_currency("EUR") and not money.is_currency("eur") and not money.is_currency("XYZ")
    assert money.line_total(Decimal("3"), Decimal("0.335")) == Decimal("1.01")


# --- Proceedings and return ----------------------------------------------------------------------


def test_a_proceeding_with_a_compensation_claim(network, case):
    actor = manager(network)
    proceeding = services.record_proceeding(actor, case, kind="criminal", stage="investigation", role="victim",
                                            legal_aid=True, legal_aid_by="Riga Legal Aid Office",
                                            protection_measures="Testimony by video link")
    claim = services.add_claim(actor, case, proceeding, amount=Decimal("12000.00"), currency="EUR",
                               against="The employer", status="filed")
    assert (claim.amount, claim.currency, claim.against) == (Decimal("12000.00"), "EUR", "The employer")
    with pytest.raises(ValidationError) as raised:
        services.add_claim(actor, case, proceeding, amount=Decimal("-5"), currency="EUR", against="x",
                           status="filed")
    assert errors_of(raised) == {"amount": ["The amount cannot be negative."]}
    with pytest.raises(ValidationError) as raised:
        services.record_proceeding(actor, case, kind="civil", stage="trial", role="witness", legal_aid=False,
                                   legal_aid_by="Somebody")
    assert errors_of(raised) == {"legal_aid_by": ["Tick legal aid, or leave who gives it empty."]}


def test_a_return_plan_waits_for_the_return_stage(network, case):
    actor = manager(network)
    fields = {"destination_country": "UA", "assisting_organisation": "IOM Ukraine", "risk_assessment_done": True,
              "receiving_contact": "La Strada Ukraine", "status": "preparing"}
    with pytest.raises(ValidationError) as raised:
        services.save_return_plan(actor, case, **fields)
    assert raised.value.messages == ["A return plan is made once the case has moved to the return stage."]
    for stage in ["screening", "presumed_victim", "short_term_assistance", "return"]:
        case_services.change_stage(actor, case, to_stage=stage, why="Test move")
    case.refresh_from_db()
    plan = services.save_return_plan(actor, case, **fields)
    assert (plan.destination_country.code, plan.risk_assessment_done) == ("UA", True)


def test_only_the_lead_organisations_case_writers_write(network, case):
    for user in [network.org_admin, network.outsider_case_manager, network.social_worker]:
        with pytest.raises(PermissionDenied):
            services.record_delivered(
                actor_for_user(user), case, provider_name="X", date_from=TODAY, date_to=TODAY, units=Decimal(1),
                unit="day", unit_cost=Decimal(1), currency="EUR", payer="state")
    assert not DeliveredService.objects.exists()
    assert AuditEvent.objects.filter(outcome="denied").count() == 3
