"""The toolkit's pages and services: who gets 404 and 403, starting, scoring and completing an assessment
(suggestion and choice both kept), the result with the comparison, the action plan on My work, the local
mapping and its reminder, the national view."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.municipal import services
from strom.municipal.models import Action, Answer, Assessment, LocalMapping
from strom.municipal.tests.conftest import add_service
from strom.municipal.work import municipal_items
from strom.testing import sign_in

pytestmark = pytest.mark.django_db


def client_of(client, user):
    sign_in(client, user)
    return client


def keeper(network):
    return actor_for_user(network.local_coordinator)


def completed(network, *, days_ago=0, score=1):
    assessment = services.start_assessment(keeper(network), network.riga,
                                           as_of=timezone.localdate() - timedelta(days=days_ago))
    services.save_answers(keeper(network), assessment,
                          answers={a.pk: {"score": score} for a in assessment.answers.all()})
    return services.complete_assessment(keeper(network), assessment)


def test_start_prefills_evidence_and_keeps_suggested_and_chosen(network, checklist, client):
    add_service(network.shelter, "interpretation", areas=[network.riga])
    client_of(client, network.local_coordinator)
    response = client.post("/municipal/assessments/start/", {"as_of": timezone.localdate().isoformat()})
    assessment = Assessment.objects.get()
    assert response.url == f"/municipal/assessments/{assessment.pk}/edit/"
    interpreters = assessment.answers.get(item__code="referral.interpreters")
    assert (interpreters.evidence_found, interpreters.suggested_score, interpreters.score) == (True, 2, None)
    assert "Strom holds no training records" in assessment.answers.get(
        item__code="identification.trained_staff").evidence_summary
    page = client.get(response.url)
    assert page.status_code == 200
    assert "An interpretation service serves the municipality." in page.content.decode()
    data = {f"score_{a.pk}": "1" for a in assessment.answers.all()}
    data.update({f"score_{interpreters.pk}": "3", f"comment_{interpreters.pk}": "Reviewed in May",
                 "frontline_staff": "40", "trained_staff": "20", "complete": "1"})
    response = client.post(response.url, data)
    assert response.url == f"/municipal/assessments/{assessment.pk}/"
    interpreters.refresh_from_db()
    assert (interpreters.suggested_score, interpreters.score, interpreters.comment) == (2, 3, "Reviewed in May")
    trained = assessment.answers.get(item__code="identification.trained_staff")
    assert trained.suggested_score == 2 and "20 of 40" in trained.evidence_summary
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.COMPLETED
    assert AuditEvent.objects.filter(action="municipal.assessment_completed").count() == 1
    result = client.get(response.url).content.decode()
    assert "<svg" in result and 'id="result-table"' in result


def test_bad_input_changes_nothing(network, checklist, client):
    client_of(client, network.local_coordinator)
    assessment = services.start_assessment(keeper(network), network.riga)
    answer = assessment.answers.first()
    response = client.post(f"/municipal/assessments/{assessment.pk}/edit/",
                           {f"score_{answer.pk}": "7", "frontline_staff": "5", "trained_staff": "9"})
    assert response.status_code == 200 and "ds-error-summary" in response.content.decode()
    answer.refresh_from_db()
    assessment.refresh_from_db()
    assert answer.score is None and assessment.frontline_staff is None


def test_completing_needs_every_score_and_completed_is_final(network, checklist):
    assessment = services.start_assessment(keeper(network), network.riga)
    with pytest.raises(ValidationError):
        services.complete_assessment(keeper(network), assessment)
    assert Assessment.objects.get().status == Assessment.Status.DRAFT
    with pytest.raises(ValidationError):  # a second draft is refused while one is open
        services.start_assessment(keeper(network), network.riga)
    assessment.delete()
    done = completed(network)
    with pytest.raises(ValidationError):
        services.save_answers(keeper(network), done, answers={})


def test_result_compares_with_the_previous_assessment(network, checklist, client):
    completed(network, days_ago=365, score=1)
    now = completed(network, score=2)
    client_of(client, network.local_coordinator)
    page = client.get(f"/municipal/assessments/{now.pk}/").content.decode()
    assert "+1.0" in page and 'id="overall">2.0' in page


def test_a_score_of_zero_reads_zero_not_missing(network, checklist, client):
    completed(network, days_ago=365, score=0)
    now = completed(network, score=0)
    client_of(client, network.local_coordinator)
    page = client.get(f"/municipal/assessments/{now.pk}/").content.decode()
    assert 'id="overall">0.0 (previously 0.0)' in page and "<td>0.0</td><td>0.0</td>" in page


@pytest.mark.parametrize("path", ["/municipal/assessments/{a}/", "/municipal/assessments/{a}/edit/",
                                  "/municipal/assessments/{a}/actions/new/", "/municipal/actions/{action}/",
                                  "/municipal/municipalities/{riga}/mapping/", "/municipal/mapping/{mapping}/",
                                  "/municipal/municipalities/{riga}/mapping/new/"])
def test_outsiders_get_404_members_without_the_right_403(network, checklist, client, vilnius_coordinator, path):
    assessment = services.start_assessment(keeper(network), network.riga)
    action = services.add_action(keeper(network), assessment, text="Write the council policy",
                                 owner=network.local_coordinator, due=timezone.localdate())
    mapping = services.save_mapping(keeper(network), network.riga, as_of=timezone.localdate(), populations="Care")
    url = path.format(a=assessment.pk, action=action.pk, riga=network.riga.pk, mapping=mapping.pk)
    for user in (vilnius_coordinator, network.outsider_case_manager, network.hotline_coordinator):
        assert client_of(client, user).get(url).status_code == 404, user
    assert client_of(client, network.social_worker).get(url).status_code == 403
    assert client_of(client, network.local_coordinator).get(url).status_code == 200


def test_national_coordinator_reads_completed_assessments_of_her_country_only(network, checklist, client):
    draft = services.start_assessment(keeper(network), network.riga)
    client_of(client, network.national_coordinator)
    assert client.get(f"/municipal/assessments/{draft.pk}/").status_code == 403
    draft.delete()
    done = completed(network)
    assert client.get(f"/municipal/assessments/{done.pk}/").status_code == 200
    assert client.get(f"/municipal/assessments/{done.pk}/edit/").status_code == 403
    assert client.get("/municipal/").url == "/municipal/national/"
    page = client.get("/municipal/national/").content.decode()
    assert "Rīga" in page and "Vilnius" not in page and "<svg" in page
    assert client_of(client, network.local_coordinator).get("/municipal/national/").status_code == 403
    assert client_of(client, network.no_role).get("/municipal/").status_code == 403


def test_national_view_query_count_stays_flat(network, checklist, client, django_assert_max_num_queries):
    from strom.network.models import Municipality

    completed(network)
    client_of(client, network.national_coordinator)
    client.get("/municipal/national/")
    source = Assessment.objects.get()
    for n in range(4):  # more municipalities, each with a completed assessment of its own
        town = Municipality.objects.create(country="LV", name=f"Town {n}")
        copy = Assessment.objects.create(municipality=town, checklist=checklist, organisation=network.social,
                                         as_of=source.as_of, status=Assessment.Status.COMPLETED)
        Answer.objects.bulk_create(Answer(assessment=copy, item=a.item, score=n % 4) for a in source.answers.all())
    with django_assert_max_num_queries(14):
        page = client.get("/municipal/national/").content.decode()
    assert page.count("<svg") == 5


def test_action_plan_owner_sees_it_on_my_work_and_changes_its_status(network, checklist, client):
    assessment = completed(network, score=0)
    client_of(client, network.local_coordinator)
    page = client.get(f"/municipal/assessments/{assessment.pk}/").content.decode()
    assert 'id="proposals"' in page
    item = assessment.answers.get(item__code="mandate.council_policy").item
    form = client.get(f"/municipal/assessments/{assessment.pk}/actions/new/?item={item.pk}").content.decode()
    assert item.text in form
    response = client.post(f"/municipal/assessments/{assessment.pk}/actions/new/", {
        "item": item.pk, "text": "Draft the council policy", "owner": network.social_worker.pk,
        "due": (timezone.localdate() + timedelta(days=30)).isoformat()})
    assert response.status_code == 302
    action = Action.objects.get()
    titles = [entry.title for entry in municipal_items(actor_for_user(network.social_worker))]
    assert titles == ["Municipal action: Draft the council policy"]
    client_of(client, network.social_worker)
    assert client.get(f"/municipal/actions/{action.pk}/").status_code == 200
    assert client.get(f"/municipal/actions/{action.pk}/edit/").status_code == 403
    client.post(f"/municipal/actions/{action.pk}/", {"status": "done"})
    assert Action.objects.get().status == "done"
    assert municipal_items(actor_for_user(network.social_worker)) == []


def test_an_owner_must_work_in_the_municipality(network, checklist):
    assessment = services.start_assessment(keeper(network), network.riga)
    with pytest.raises(ValidationError) as error:
        services.add_action(keeper(network), assessment, text="x", owner=network.outsider_case_manager,
                            due=timezone.localdate())
    assert "owner" in error.value.message_dict and not Action.objects.exists()


def test_mapping_versions_history_links_and_reminder(network, checklist, client):
    actor = keeper(network)
    reminders = [i.title for i in municipal_items(actor)]
    assert reminders == ["Update the local mapping of Rīga"]
    service = add_service(network.shelter, "safe_accommodation", areas=[network.riga])
    elsewhere = add_service(network.hotline, "safe_accommodation", areas=[network.vilnius])
    client_of(client, network.local_coordinator)
    url = f"/municipal/municipalities/{network.riga.pk}/mapping/new/"
    response = client.post(url, {"as_of": (timezone.localdate() - timedelta(days=800)).isoformat(),
                                 "populations": "Care leavers", "services": [str(elsewhere.pk)]})
    assert response.status_code == 200 and not LocalMapping.objects.exists()
    client.post(url, {"as_of": (timezone.localdate() - timedelta(days=800)).isoformat(),
                      "populations": "Care leavers", "services": [str(service.pk)]})
    assert "more than 24 months ago" in municipal_items(actor)[0].description
    client.post(url, {"as_of": timezone.localdate().isoformat(), "populations": "Care leavers\nSeasonal workers",
                      "places": "Car washes"})
    assert list(LocalMapping.objects.order_by("version").values_list("version", "places")) == [(1, ""),
                                                                                                (2, "Car washes")]
    assert municipal_items(actor) == []
    newest = LocalMapping.objects.get(version=2)
    page = client.get(f"/municipal/mapping/{newest.pk}/").content.decode()
    assert "<li>Seasonal workers</li>" in page
    # People of today's partnership members read it; the keeper's index links to it.
    from strom.network.models import Partnership, PartnershipMember

    group = Partnership.objects.create(municipality=network.riga, name="Riga group")
    PartnershipMember.objects.create(partnership=group, organisation=network.shelter, active_from=timezone.localdate())
    assert client_of(client, network.case_manager).get(f"/municipal/mapping/{newest.pk}/").status_code == 200
    assert client.get(f"/municipal/municipalities/{network.riga.pk}/mapping/new/").status_code == 403


def test_index_for_the_keeper(network, checklist, client):
    client_of(client, network.local_coordinator)
    page = client.get("/municipal/").content.decode()
    assert "Start a self-assessment" in page and "No local mapping yet." in page
    assert Answer.objects.count() == 0


def test_the_error_summary_names_the_item_and_links_to_it(network, checklist, client):
    client_of(client, network.local_coordinator)
    assessment = services.start_assessment(keeper(network), network.riga)
    answer = assessment.answers.select_related("item").first()
    response = client.post(f"/municipal/assessments/{assessment.pk}/edit/", {f"score_{answer.pk}": "7"})
    page = response.content.decode()
    summary = page[page.index("ds-error-summary"):page.index("</div>", page.index("ds-error-summary"))]
    assert f'href="#item-{answer.pk}"' in summary and answer.item.wording in summary and 'href="#"' not in summary
    # The staff figures follow the item they are asked for.
    trained = assessment.answers.get(item__input="trained_share")
    assert page.index(f'id="item-{trained.pk}"') < page.index('name="frontline_staff"')
