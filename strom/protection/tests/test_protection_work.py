"""My work: items appear and disappear on the right working day, for the right people, capped."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.protection import services
from strom.protection.tests.helpers import case_in, manager
from strom.protection.work import MAX_ITEMS, protection_items
from strom.web.work import work_for

pytestmark = pytest.mark.django_db


def _titles(network, today, user=None):
    return [item.title for item in protection_items(actor_for_user(user or network.case_manager), today=today)]


def test_reflection_period_appears_seven_working_days_before_counting_easter(network):
    """LV, 30 days from 12 March 2026 end on Friday 10 April. Seven working days before it, with Good
    Friday (3 April) and Easter Monday (6 April) off, is Monday 30 March (weekends alone: 1 April)."""
    case = case_in(network, "LV")
    period = services.start_period(manager(network), case, start=date(2026, 3, 12), authority="Police")
    assert period.last_day == date(2026, 4, 10)
    assert _titles(network, date(2026, 3, 27)) == []
    name = case.person.pseudonym
    assert _titles(network, date(2026, 3, 30)) == [f"{name}: The reflection period ends in 7 working days."]
    assert _titles(network, date(2026, 4, 10)) == [f"{name}: The reflection period ends today."]
    assert _titles(network, date(2026, 4, 13)) == [f"{name}: The reflection period has ended: record what happened."]
    services.end_period(manager(network), period, ended_on=date(2026, 4, 10), reason="residence_permit")
    assert _titles(network, date(2026, 4, 13)) == []


def test_task_due_on_a_saturday_shows_on_friday_and_is_overdue_after(network):
    case = case_in(network, "LV")
    services.add_task(manager(network), case, title="Synthetic private detail", due_on=date(2026, 3, 14))
    assert _titles(network, date(2026, 3, 12)) == []
    assert _titles(network, date(2026, 3, 13)) == [f"{case.person.pseudonym}: A task is due."]
    titles = _titles(network, date(2026, 3, 17))
    assert titles == [f"{case.person.pseudonym}: A task is 2 working days overdue."]
    assert "private" not in " ".join(item.description for item in protection_items(
        manager(network), today=date(2026, 3, 17)))


def test_permit_expiring_within_thirty_working_days_and_risk_review(network):
    actor = manager(network)
    case = case_in(network, "LV")
    services.record_permit(actor, case, ground="cooperation", valid_from=date(2026, 1, 1),
                           valid_until=date(2026, 6, 30), authority="OCMA")
    services.assess_risk(actor, case, assessed_on=date(2026, 5, 1), level="low", next_review=date(2026, 5, 20))
    assert _titles(network, date(2026, 5, 4)) == []
    titles = _titles(network, date(2026, 5, 20))
    assert f"{case.person.pseudonym}: The risk assessment is due for review." in titles
    assert any("residence permit expires in" in title for title in titles)
    # Overdue first: the missed review leads the permit that is still ahead.
    overdue = f"{case.person.pseudonym}: The risk assessment's review is overdue."
    assert _titles(network, date(2026, 5, 21))[0] == overdue


def test_plan_reviews_tracked_by_another_app_show_too(network):
    from strom.protection.deadlines import track

    case = case_in(network, "LV")
    source = services.add_task(manager(network), case, title="stands in for a plan")  # any model with a pk
    track(case, "plan_review", date(2026, 3, 16), source)
    assert _titles(network, date(2026, 3, 9)) == [f"{case.person.pseudonym}: The assistance plan is due for review."]


def test_only_case_writers_of_the_lead_organisation_see_them(network):
    case = case_in(network, "LV")
    services.add_task(manager(network), case, title="Synthetic", due_on=date(2026, 3, 10))
    for persona in ("org_admin", "social_worker", "outsider_case_manager", "national_coordinator", "no_role"):
        assert _titles(network, date(2026, 3, 12), getattr(network, persona)) == []


def test_at_most_fifteen_most_urgent_first(network):
    actor = manager(network)
    case = case_in(network, "LV")
    for day in range(20):
        services.add_task(actor, case, title=f"Synthetic {day}", due_on=date(2026, 3, 2) + timedelta(days=day))
    titles = _titles(network, date(2026, 3, 31))
    assert len(titles) == MAX_ITEMS
    assert titles[0].endswith("A task is 21 working days overdue.")


def test_my_work_page_lists_the_item(client, network):
    from django.urls import reverse

    from strom.testing import sign_in

    case = case_in(network, "LV")
    services.add_task(manager(network), case, title="Synthetic", due_on=timezone.localdate() - timedelta(days=7))
    assert any(case.person.pseudonym in item.title for item in work_for(manager(network)))
    sign_in(client, network.case_manager)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert reverse("protection:overview", args=[case.pk]) in response.content.decode()


def test_the_rule_notice_rides_along(network):
    case = case_in(network, "LT")
    services.start_period(manager(network), case, start=date(2026, 3, 2), authority="Police")
    items = protection_items(manager(network), today=date(2026, 3, 30))
    assert [item.description for item in items] == [
        "Reflection period ends on March 31, 2026. The country's rule for this still needs verification."]


def test_a_closed_cases_deadlines_leave_my_work(network):
    from strom.cases import services as case_services
    from strom.cases.models import Case

    case = case_in(network, "LV")
    services.add_task(manager(network), case, title="Synthetic task", due_on=date(2026, 3, 12))
    assert _titles(network, date(2026, 3, 17)) == [f"{case.person.pseudonym}: A task is 3 working days overdue."]
    Case.objects.filter(pk=case.pk).update(stage="follow_up")
    case_services.change_stage(manager(network), Case.objects.get(pk=case.pk), to_stage="closed",
                               why="Goals reached.", closure_reason="goals_reached")
    assert _titles(network, date(2026, 3, 17)) == []
