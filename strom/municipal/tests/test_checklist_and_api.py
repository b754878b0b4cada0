"""The checklist loader (idempotent; an unused version rewritten, a used one superseded, bad files refused)
and the API (same rules as the pages)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from strom.accounts.policies import actor_for_user
from strom.municipal import checklist as loader
from strom.municipal import services
from strom.municipal.models import Assessment, Checklist, ChecklistItem
from strom.testing import sign_in

pytestmark = pytest.mark.django_db


def _copy_with(tmp_path, old: str, new: str):
    text = (loader.DATA_DIR / "checklist_v1.toml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "checklist_v1.toml").write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def test_load_is_idempotent_and_covers_the_nine_areas(db):
    assert loader.load_checklists() == [("municipal-guidelines", 1, "created")]
    assert loader.load_checklists() == [("municipal-guidelines", 1, "unchanged")]
    checklist = Checklist.objects.get()
    assert [area.code for area in checklist.areas.all()] == [
        "mandate", "local_mapping", "partnership", "referral", "identification", "assistance", "prevention",
        "administrative", "monitoring"]
    assert "CBSS" in checklist.source and sorted(checklist.levels) == ["0", "1", "2", "3"]


def test_changed_file_rewrites_an_unused_version_and_supersedes_a_used_one(network, tmp_path):
    loader.load_checklists()
    changed = _copy_with(tmp_path, "Schools take part in prevention.", "Schools teach about safe work abroad.")
    assert loader.load_checklists(changed) == [("municipal-guidelines", 1, "replaced")]
    assessment = services.start_assessment(actor_for_user(network.local_coordinator), network.riga)
    again = _copy_with(tmp_path, "Schools take part in prevention.", "Schools run prevention lessons.")
    assert loader.load_checklists(again) == [("municipal-guidelines", 2, "superseded")]
    old = Checklist.objects.get(version=1)
    assert old.superseded_at is not None
    assert ChecklistItem.objects.get(area__checklist=old, code="prevention.schools").text == \
        "Schools teach about safe work abroad."
    assert Assessment.objects.get().checklist == old == assessment.checklist


@pytest.mark.parametrize(("old", "new"), [
    ('code = "mandate.budget"', 'code = "mandate.focal_point"'),
    ('valid_from = "2026-01-01"', 'valid_from = "soon"'),
    ('3 = "Formal and reviewed', '4 = "Formal and reviewed'),
    ('input = "trained_share"', 'input = "guess"'),
])
def test_bad_definitions_are_refused_with_the_file_named(tmp_path, old, new, db):
    with pytest.raises(ValidationError) as error:
        loader.load_checklists(_copy_with(tmp_path, old, new))
    assert "checklist_v1.toml" in error.value.messages[0]
    assert not Checklist.objects.exists()


def api(user):
    client = APIClient()
    sign_in(client, user)
    return client


def test_api_scores_completes_and_compares(network, checklist, vilnius_coordinator):
    keeper = api(network.local_coordinator)
    assessment = services.start_assessment(actor_for_user(network.local_coordinator), network.riga)
    base = f"/api/v1/municipal/assessments/{assessment.pk}/"
    assert api(vilnius_coordinator).get(base).status_code == 404
    assert api(network.social_worker).get(base).status_code == 403
    assert api(network.national_coordinator).get(base).status_code == 403  # a draft
    bad = keeper.post(base + "answers/", {"answers": [{"item": "no.such", "score": 1}]}, format="json")
    assert bad.status_code == 400
    out_of_range = keeper.post(base + "answers/", {"answers": [{"item": "mandate.budget", "score": 5}]},
                               format="json")
    assert out_of_range.status_code == 400
    codes = list(ChecklistItem.objects.filter(area__checklist=checklist).values_list("code", flat=True))
    response = keeper.post(base + "answers/", {"answers": [{"item": code, "score": 2} for code in codes],
                                               "frontline_staff": 10, "trained_staff": 3}, format="json")
    assert response.status_code == 200
    assert {area["mean"] for area in response.json()["areas"]} == {"2.0"}
    assert keeper.post(base + "complete/").json()["status"] == "completed"
    assert api(network.social_worker).post(base + "complete/").status_code == 403
    listed = api(network.national_coordinator).get(
        f"/api/v1/municipal/municipalities/{network.riga.pk}/assessments/").json()
    assert [row["id"] for row in listed] == [str(assessment.pk)]
    national = api(network.national_coordinator).get("/api/v1/municipal/national/").json()
    assert [(row["name"], row["as_of"]) for row in national] == [("Rīga", timezone.localdate().isoformat())]
    assert api(network.local_coordinator).get("/api/v1/municipal/national/").status_code == 403


def test_api_mapping_versions_for_keepers_not_for_outsiders(network, checklist, vilnius_coordinator):
    keeper = actor_for_user(network.local_coordinator)
    services.save_mapping(keeper, network.riga, as_of=timezone.localdate(), populations="Care leavers")
    services.save_mapping(keeper, network.riga, as_of=timezone.localdate(), populations="Care leavers\nSeasonal")
    url = f"/api/v1/municipal/municipalities/{network.riga.pk}/mapping/"
    assert [row["version"] for row in api(network.local_coordinator).get(url).json()] == [2, 1]
    assert api(vilnius_coordinator).get(url).status_code == 404
    assert api(network.social_worker).get(url).status_code == 403
    assert api(network.national_coordinator).get(url).status_code == 403


def test_every_wording_of_the_checklists_is_marked_for_translation():
    import tomllib

    from strom.municipal.checklist import DATA_DIR
    from strom.municipal.checklist_messages import MESSAGES

    texts = set()
    for path in DATA_DIR.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        texts |= {data["title"], *data["levels"].values()}
        texts |= {text for area in data["areas"] for text in (area["title"], *(i["text"] for i in area["items"]))}
    assert texts == set(MESSAGES)


def test_the_checklist_reads_in_the_readers_language(checklist):
    from django.utils import translation

    area = checklist.areas.get(code="mandate")
    item = area.items.get(code="mandate.focal_point")
    assert (area.name, checklist.level_meanings()["0"]) == ("Mandate", "None: nothing in place.")
    with translation.override("lv"):
        assert area.name == "Mandāts" and item.wording != item.text and checklist.name != checklist.title
