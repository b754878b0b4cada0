"""Deadlines computed on cases in several countries, through the services, as the page shows them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from strom.lib.deadlines import NoticeCode
from strom.protection import services
from strom.protection.models import Deadline, DeadlineKind
from strom.protection.queries import overview_of
from strom.protection.tests.helpers import case_in, manager

pytestmark = pytest.mark.django_db


def test_latvia_30_days_from_the_first_day(network):
    case = case_in(network, "LV")
    period = services.start_period(manager(network), case, start=date(2026, 3, 2), authority="State Police")
    assert period.last_day == date(2026, 3, 31)
    assert period.rule_country == "LV" and period.rule_valid_from == date(2008, 2, 1)
    assert Deadline.objects.get(case=case).due_on == date(2026, 3, 31)


def test_latvia_working_days_skip_midsummer(network):
    """10 working days from Monday 15 June 2026: 23 and 24 June (Līgo, Jāņi) are days off."""
    case = case_in(network, "LV")
    period = services.start_period(manager(network), case, start=date(2026, 6, 15), authority="State Police",
                                   granted_amount=10, granted_unit="working_days")
    assert period.last_day == date(2026, 6, 30)


def test_finland_working_days_skip_christmas(network):
    case = case_in(network, "FI")
    period = services.start_period(manager(network), case, start=date(2026, 12, 21), authority="Police",
                                   granted_amount=5, granted_unit="working_days")
    assert period.last_day == date(2026, 12, 29)


def test_lithuania_rule_needs_verification_and_the_page_says_so(network):
    case = case_in(network, "LT")
    period = services.start_period(manager(network), case, start=date(2026, 3, 2), authority="Police")
    assert period.last_day == date(2026, 3, 31)
    view = overview_of(manager(network), case.pk, today=date(2026, 3, 10)).period
    assert [notice.code for notice in view.terms.notices] == [NoticeCode.UNVERIFIED_RULE]
    assert view.notices == ["The country's rule for this still needs verification."]


def test_germany_three_calendar_months_end_at_the_month_end(network):
    case = case_in(network, "DE")
    period = services.start_period(manager(network), case, start=date(2026, 1, 31), authority="Ausländerbehörde")
    assert period.last_day == date(2026, 4, 30)


def test_poland_a_child_gets_four_months(network):
    case = case_in(network, "PL", birth_date="", estimated_age=15, age_disputed=True)
    period = services.start_period(manager(network), case, start=date(2026, 3, 1), authority="Straż Graniczna")
    assert period.child
    assert period.last_day == date(2026, 6, 30)


def test_estonia_extension_continues_and_over_the_total_is_noticed(network):
    actor = manager(network)
    case = case_in(network, "EE")
    period = services.start_period(actor, case, start=date(2026, 1, 5), authority="Police")
    assert period.last_day == date(2026, 2, 3)
    services.extend_period(actor, period, granted_on=date(2026, 1, 20), amount=30, unit="days", granted_by="Police")
    period.refresh_from_db()
    assert period.last_day == date(2026, 3, 5)
    view = overview_of(actor, case.pk, today=date(2026, 2, 1)).period
    assert view.notices == []
    services.extend_period(actor, period, granted_on=date(2026, 2, 20), amount=1, unit="days", granted_by="Police")
    period.refresh_from_db()
    assert period.last_day == date(2026, 3, 6)
    assert Deadline.objects.get(case=case, kind=DeadlineKind.REFLECTION_END).due_on == date(2026, 3, 6)
    view = overview_of(actor, case.pk, today=date(2026, 2, 1)).period
    assert [notice.code for notice in view.terms.notices] == [NoticeCode.OVER_TOTAL]


def test_ending_early_untracks_and_a_new_period_may_start(network):
    actor = manager(network)
    case = case_in(network, "LV")
    period = services.start_period(actor, case, start=date(2026, 3, 2), authority="Police")
    with pytest.raises(ValidationError):
        services.start_period(actor, case, start=date(2026, 3, 5), authority="Police")
    services.end_period(actor, period, ended_on=date(2026, 3, 20), reason="residence_permit", ended_by="Police")
    period.refresh_from_db()
    assert period.last_day == date(2026, 3, 20)
    assert not Deadline.objects.filter(case=case).exists()
    services.start_period(actor, case, start=date(2026, 5, 4), authority="Police")
    assert case.reflection_periods.count() == 2


def test_bad_input_changes_nothing(network):
    actor = manager(network)
    case = case_in(network, "LV")
    with pytest.raises(ValidationError):
        services.start_period(actor, case, start=date(2026, 3, 2), authority="  ")
    with pytest.raises(ValidationError):
        services.start_period(actor, case, start=date(2026, 3, 2), authority="Police", granted_amount=0,
                              granted_unit="days")
    period = services.start_period(actor, case, start=date(2026, 3, 2), authority="Police")
    with pytest.raises(ValidationError):
        services.end_period(actor, period, ended_on=date(2026, 3, 1), reason="other")
    with pytest.raises(ValidationError):
        services.extend_period(actor, period, granted_on=date(2026, 3, 1), amount=5, unit="days", granted_by="P")
    period.refresh_from_db()
    assert period.ended_on is None and period.last_day == date(2026, 3, 31) and not period.extensions.exists()


def test_permit_renewal_moves_the_expiry_and_only_the_current_permit_is_tracked(network):
    actor = manager(network)
    case = case_in(network, "PL")
    permit = services.record_permit(actor, case, ground="cooperation", valid_from=date(2026, 1, 15),
                                    authority="Wojewoda")
    permit.refresh_from_db()
    assert permit.expires == date(2026, 7, 14)  # PL: 6 months
    services.renew_permit(actor, permit, granted_on=date(2026, 7, 1), valid_until=date(2027, 1, 14),
                          authority="Wojewoda")
    permit.refresh_from_db()
    assert permit.expires == date(2027, 1, 14)
    newer = services.record_permit(actor, case, ground="personal_situation", valid_from=date(2027, 1, 15),
                                   valid_until=date(2028, 1, 14), authority="Wojewoda")
    assert list(Deadline.objects.filter(case=case).values_list("source_id", "due_on")) == [
        (str(newer.pk), date(2028, 1, 14))]


def test_risk_review_and_tasks_are_tracked_and_done_tasks_untracked(network):
    actor = manager(network)
    case = case_in(network, "LV")
    services.assess_risk(actor, case, assessed_on=date(2026, 3, 1), level="high", risks="Synthetic risk",
                         measures="Synthetic measure", next_review=date(2026, 4, 1))
    services.assess_risk(actor, case, assessed_on=date(2026, 3, 15), level="medium", next_review=date(2026, 5, 1))
    task = services.add_task(actor, case, title="Synthetic task", due_on=date(2026, 3, 20), assignee=actor.user)
    assert sorted(Deadline.objects.filter(case=case).values_list("kind", "due_on")) == [
        (DeadlineKind.RISK_REVIEW, date(2026, 5, 1)), (DeadlineKind.TASK_DUE, date(2026, 3, 20))]
    services.complete_task(actor, task)
    assert list(Deadline.objects.filter(case=case).values_list("kind", flat=True)) == [DeadlineKind.RISK_REVIEW]


def test_task_assignee_must_belong_to_the_lead_organisation(network):
    case = case_in(network, "LV")
    with pytest.raises(ValidationError):
        services.add_task(manager(network), case, title="Synthetic", assignee=network.social_worker)


def test_guardian_and_best_interests_refused_for_an_adult(network):
    case = case_in(network, "LV")  # born 1999
    with pytest.raises(ValidationError, match="adult"):
        services.appoint_guardian(manager(network), case, appointed_on=date(2026, 3, 1), authority="Orphan court",
                                  guardian="Synthetic Guardian NGO")
    with pytest.raises(ValidationError, match="adult"):
        services.assess_best_interests(manager(network), case, assessed_on=date(2026, 3, 1), assessed_by="Court",
                                       conclusion="Synthetic")
    assert not case.guardians.exists()


def test_guardian_for_a_person_whose_age_is_disputed(network):
    case = case_in(network, "LV", birth_date="", estimated_age=19, age_disputed=True)
    guardian = services.appoint_guardian(manager(network), case, appointed_on=date(2026, 3, 1),
                                         authority="Orphan court", guardian="Synthetic Guardian NGO")
    services.assess_best_interests(manager(network), case, assessed_on=date(2026, 3, 2), assessed_by="Orphan court",
                                   conclusion="Synthetic conclusion")
    assert case.guardians.get() == guardian


def test_guardian_refused_while_the_age_is_unknown(network):
    case = case_in(network, "LV", birth_date="")
    with pytest.raises(ValidationError, match="not known"):
        services.appoint_guardian(manager(network), case, appointed_on=date(2026, 3, 1), authority="Orphan court",
                                  guardian="Synthetic Guardian NGO")


def test_audit_names_fields_never_values(network):
    from strom.audit.models import AuditEvent

    case = case_in(network, "LV")
    services.assess_risk(manager(network), case, assessed_on=date(2026, 3, 1), level="acute",
                         risks="Synthetic secret risk", measures="Synthetic secret measure")
    event = AuditEvent.objects.get(action="protection.risk_assessed")
    assert event.fields == ["assessed_on", "level", "measures", "risks"]
    assert "secret" not in str(event.detail) and event.detail == {"case": str(case.pk)}
