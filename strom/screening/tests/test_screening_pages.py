"""The interview and its summary: who may do what, what is stored and how, what is recorded.

Outsiders get 404, members without the right a recorded 403; the answers' notes and the label are
encrypted; every read of a screening's answers is an audit event; every version is kept.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from strom.accounts.models import Membership
from strom.accounts.policies import actor_for_user
from strom.accounts.roles import Role
from strom.audit.models import AuditEvent
from strom.screening import rules, services
from strom.screening.models import Screening, ScreeningAnswer, ScreeningStatus
from strom.testing import sign_in

pytestmark = pytest.mark.django_db

NOTE = "Said her passport is kept by the boss"
LABEL = "bus station, Tuesday"


def url(name, *args):
    return reverse(f"screening:{name}", args=args)


@pytest.fixture
def draft(network, frameworks):
    """An adult labour screening by the social worker, with one answered indicator and a note."""
    actor = actor_for_user(network.social_worker)
    screening = services.start_screening(actor, age_group="adult", exploitation_forms=["labour"], label=LABEL)
    services.save_answers(actor, screening, answers={"d5.documents": ("present", "account", NOTE)})
    return screening


def start(client, **data):
    return client.post(url("start"), {"age_group": "adult", "exploitation_forms": ["labour"], **data})


# --- Starting ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("age_group", "forms", "expected"), [
    ("adult", ["labour"], "adults_labour"),
    ("adult", ["sexual", "labour"], "adults_sexual"),
    ("adult", [], "adults_labour"),
    ("child", ["begging"], "children_labour"),
    ("uncertain", ["labour"], "children_labour"),  # presumed a child
    ("uncertain", ["sexual"], "children_sexual"),
])
def test_the_set_is_inferred_from_age_and_exploitation(client, network, frameworks, age_group, forms, expected):
    sign_in(client, network.hotline_operator)
    response = client.post(url("start"), {"age_group": age_group, "exploitation_forms": forms})
    screening = Screening.objects.get()
    assert screening.framework.code == expected
    assert screening.organisation == network.hotline and screening.screener == network.hotline_operator
    first = "act" if expected.startswith("children") else "D1"
    assert response["Location"] == url("step", screening.pk, first)


def test_uncertain_age_cannot_use_an_adult_set(client, network, frameworks):
    sign_in(client, network.social_worker)
    response = client.post(url("start"), {"age_group": "uncertain",
                                          "framework": frameworks["adults_labour"].pk})
    assert response.status_code == 200
    assert "presumed to be a child" in response.content.decode()
    assert not Screening.objects.exists()


def test_the_age_must_fit_the_group(client, network, frameworks):
    sign_in(client, network.social_worker)
    response = start(client, age="15")
    assert response.status_code == 200 and "does not fit" in response.content.decode()
    assert not Screening.objects.exists()


# --- The interview -------------------------------------------------------------------------------
def test_a_step_saves_and_moves_on_back_or_stops(client, network, draft):
    sign_in(client, network.social_worker)
    page = client.get(url("step", draft.pk, "D1"))
    body = page.content.decode()
    assert page.status_code == 200 and "<legend" in body and "Step 1 of 6" in body
    response = client.post(url("step", draft.pk, "D1"), {"i0_value": "present", "i0_source": "document",
                                                          "i0_note": "contract says waiter", "go": "next"})
    assert response["Location"] == url("step", draft.pk, "D2")
    answer = ScreeningAnswer.objects.get(screening=draft, indicator__code="d1.job_nature")
    assert (answer.value, answer.source, answer.note) == ("present", "document", "contract says waiter")
    assert client.post(url("step", draft.pk, "D2"), {"go": "back"})["Location"] == url("step", draft.pk, "D1")
    assert client.post(url("step", draft.pk, "D3"), {"go": "stop"})["Location"] == url("index")
    assert client.post(url("step", draft.pk, "D6"), {"go": "next"})["Location"] == url("summary", draft.pk)


def test_resuming_shows_what_was_answered(client, network, draft):
    sign_in(client, network.social_worker)
    body = client.get(url("step", draft.pk, "D5")).content.decode()
    assert NOTE in body
    assert 'value="present" id="id_i0_value_0" checked' in body


def test_bad_input_is_explained_and_changes_nothing(client, network, draft):
    sign_in(client, network.social_worker)
    response = client.post(url("step", draft.pk, "D5"), {"i0_value": "maybe", "i1_value": "present", "go": "next"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert ScreeningAnswer.objects.filter(screening=draft).count() == 1
    assert ScreeningAnswer.objects.get(screening=draft).value == "present"


def test_unknown_step_is_404(client, network, draft):
    sign_in(client, network.social_worker)
    assert client.get(url("step", draft.pk, "act")).status_code == 404  # adults have no act step
    assert client.get(url("step", draft.pk, "D9")).status_code == 404


def test_completing_stores_the_outcome_and_closes_the_draft(client, network, draft):
    sign_in(client, network.social_worker)
    assert client.post(url("complete", draft.pk))["Location"] == url("summary", draft.pk)
    draft.refresh_from_db()
    assert draft.status == ScreeningStatus.COMPLETED and draft.completed
    assert (draft.outcome, draft.partial) == (rules.NOT_ENOUGH_INFORMATION, "")
    assert client.get(url("step", draft.pk, "D1")).status_code == 403  # final now
    assert "Continue answering" not in client.get(url("summary", draft.pk)).content.decode()


# --- The summary ---------------------------------------------------------------------------------
def test_summary_explains_says_it_is_no_decision_and_that_the_set_needs_verification(client, network, draft):
    actor = actor_for_user(network.social_worker)
    services.save_answers(actor, draft, answers={
        "d1.job_nature": ("present", "account", ""), "d1.wages": ("present", "account", ""),
        "d4.excessive_hours": ("present", "observation", ""), "d4.low_pay": ("present", "account", ""),
        "d5.isolation": ("present", "account", "")})
    sign_in(client, network.social_worker)
    body = client.get(url("summary", draft.pk)).content.decode()
    assert "Indicators of trafficking met" in body
    assert "not an identification decision" in body
    assert "This indicator set needs verification" in body
    assert "Excessive working days or hours (strong)" in body  # which indicators made D4
    assert NOTE in body and LABEL in body


def test_summary_of_a_published_set_has_no_warning(client, network, draft):
    draft.framework.status = "published"
    draft.framework.save()
    sign_in(client, network.social_worker)
    body = client.get(url("summary", draft.pk)).content.decode()
    assert "needs verification" not in body and "not an identification decision" in body


def test_summary_names_the_next_questions(client, network, draft):
    actor = actor_for_user(network.social_worker)
    services.save_answers(actor, draft, answers={"d1.job_nature": ("present", "", ""), "d1.wages": ("present", "", ""),
                                                 "d5.isolation": ("present", "", "")})
    sign_in(client, network.social_worker)
    body = client.get(url("summary", draft.pk)).content.decode()
    # Recruitment and coercion are met: the questions are about exploitative conditions, strongest first.
    assert "What is missing" in body
    assert body.index("far more days or hours than the law allows") < body.index("crowded, unhealthy")


# --- Rights --------------------------------------------------------------------------------------
PAGES = [("summary", "get"), ("step", "get"), ("complete", "post")]


def _hit(client, name, method, screening):
    args = (screening.pk, "D1") if name == "step" else (screening.pk,)
    return getattr(client, method)(url(name, *args))


@pytest.mark.parametrize(("name", "method"), PAGES)
def test_outsiders_get_404(client, network, draft, name, method):
    Membership.objects.create(user=network.outsider_case_manager, organisation=network.outsider,
                              role=Role.FRONTLINE_WORKER)
    sign_in(client, network.outsider_case_manager)
    assert _hit(client, name, method, draft).status_code == 404
    # …a case manager elsewhere in Riga too: screenings belong to the screener's organisation.
    sign_in(client, network.case_manager)
    assert _hit(client, name, method, draft).status_code == 404


@pytest.mark.parametrize(("name", "method"), PAGES)
def test_members_without_the_right_get_403_recorded(client, network, draft, name, method):
    sign_in(client, network.local_coordinator)  # same organisation, no screening rights
    assert _hit(client, name, method, draft).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied", actor=network.local_coordinator).exists()


def test_a_colleague_reads_but_does_not_answer_for_the_screener(client, network, draft):
    colleague = network.local_coordinator
    Membership.objects.create(user=colleague, organisation=network.social, role=Role.FRONTLINE_WORKER)
    sign_in(client, colleague)
    assert client.get(url("summary", draft.pk)).status_code == 200
    assert client.get(url("step", draft.pk, "D1")).status_code == 403
    assert client.post(url("complete", draft.pk)).status_code == 403


def test_the_list_shows_only_her_organisations_screenings(client, network, draft):
    sign_in(client, network.hotline_operator)
    assert LABEL not in client.get(url("index")).content.decode()
    sign_in(client, network.social_worker)
    assert LABEL in client.get(url("index")).content.decode()
    sign_in(client, network.no_role)
    assert client.get(url("index")).status_code == 403
    assert client.get(url("start")).status_code == 403


def test_navigation_offers_screenings_to_those_who_may_read_them(client, network, frameworks):
    sign_in(client, network.social_worker)
    assert f'href="{url("index")}"' in client.get("/").content.decode()
    sign_in(client, network.local_coordinator)
    assert f'href="{url("index")}"' not in client.get("/").content.decode()


# --- Sensitive data: encrypted, audited, versioned -----------------------------------------------
def _raw(table: str, column: str, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk.hex if connection.vendor == "sqlite"  # noqa: S608
                                                                        else pk])
        return cursor.fetchone()[0]


def test_notes_and_label_are_encrypted_at_rest(draft):
    answer = ScreeningAnswer.objects.get(screening=draft)
    assert _raw("screening_screeninganswer", "note", answer.pk).startswith("v1:")
    assert NOTE not in _raw("screening_screeninganswer", "note", answer.pk)
    assert _raw("screening_screening", "label", draft.pk).startswith("v1:")


def test_every_read_of_the_answers_is_recorded(client, network, draft):
    sign_in(client, network.social_worker)
    client.get(url("summary", draft.pk))
    event = AuditEvent.objects.filter(action="screening.viewed").latest("seq")
    assert event.target_id == str(draft.pk) and event.actor == network.social_worker
    assert "notes" in event.fields and NOTE not in str(event.detail)


def test_every_change_is_kept_in_history(network, draft):
    actor = actor_for_user(network.social_worker)
    services.save_answers(actor, draft, answers={"d5.documents": ("absent", "third_party", "")})
    answer = ScreeningAnswer.objects.get(screening=draft)
    assert [h.value for h in answer.history.order_by("history_date")] == ["present", "absent"]
    assert answer.history.latest("history_date").history_user == network.social_worker
    assert AuditEvent.objects.filter(action="screening.answered", target_id=str(draft.pk)).count() == 2


# --- The quick checklist -------------------------------------------------------------------------
def test_checklist_suggests_the_full_screening_and_stores_nothing(client, network, frameworks):
    sign_in(client, network.police_officer)
    events = AuditEvent.objects.count()
    body = client.post(url("checklist"), {"observed": ["documents", "debt"]}).content.decode()
    assert "You noticed 2 signs of forced labour. Run the full screening." in body
    assert not Screening.objects.exists() and AuditEvent.objects.count() == events
    sign_in(client, network.local_coordinator)
    assert client.get(url("checklist")).status_code == 403


def test_my_work_lists_her_drafts_without_labels(client, network, draft):
    sign_in(client, network.social_worker)
    body = client.get("/").content.decode()
    assert "Continue the screening started on" in body and url("summary", draft.pk) in body
    assert LABEL not in body
    sign_in(client, network.local_coordinator)  # same organisation, not hers and no right
    assert url("summary", draft.pk) not in client.get("/").content.decode()
    services.complete_screening(actor_for_user(network.social_worker), draft)
    sign_in(client, network.social_worker)
    assert url("summary", draft.pk) not in client.get("/").content.decode()


def test_the_summary_as_pdf(client, network, draft):
    sign_in(client, network.social_worker)
    response = client.get(url("summary_pdf", draft.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="screening-summary.pdf"'
    assert AuditEvent.objects.filter(action="screening.viewed", target_id=str(draft.pk)).exists()
    sign_in(client, network.hotline_operator)
    assert client.get(url("summary_pdf", draft.pk)).status_code == 404
    sign_in(client, network.local_coordinator)
    assert client.get(url("summary_pdf", draft.pk)).status_code == 403
