"""The practices library: writes and their policy, search across translations, pages, the seed loader."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from strom.accounts.policies import actor_for_user
from strom.audit.models import AuditEvent
from strom.practices import loader, queries, services
from strom.practices.models import Practice, PracticeText
from strom.testing import sign_in

pytestmark = pytest.mark.django_db

FIELDS = {"country": "LV", "original_language": "en", "title": "Prevention sessions in Rīga schools",
          "problem": "Pupils do not know the risks of job offers abroad.", "approach": "Social workers visit schools.",
          "actors": "Riga Social Service", "target_groups": ["students"], "chain_stages": ["prevention"],
          "links": ["https://example.org/riga"]}


def _practice(network, **overrides):
    return services.create_practice(actor_for_user(network.local_coordinator), **{**FIELDS, **overrides})


def _found(network, **filters) -> list[str]:
    page = queries.practice_page(actor_for_user(network.no_role), queries.Filters(**filters), "en")
    return [row.text.title for row in page.rows]


def test_create_with_the_original_text_and_add_a_translation(network):
    practice = _practice(network)
    actor = actor_for_user(network.national_coordinator)
    assert services.save_text(actor, practice, "lv", title="Profilakse Rīgas skolās", problem="Skolēni nezina.",
                              approach="Sociālie darbinieki apmeklē skolas.", needs_review=True) == list(
        services.TEXT_FIELDS)
    assert sorted(practice.texts.values_list("language", "needs_review")) == [("en", False), ("lv", True)]
    events = AuditEvent.objects.filter(action__startswith="practices.").order_by("seq")
    assert [e.action for e in events] == ["practices.created", "practices.text_saved"]
    assert events[1].detail == {"language": "lv"} and "Profilakse" not in str(events[1].detail)


@pytest.mark.parametrize("persona", ["case_manager", "hotline_coordinator", "social_worker", "no_role"])
def test_only_keepers_write(network, persona):
    with pytest.raises(PermissionDenied):
        services.create_practice(actor_for_user(getattr(network, persona)), **FIELDS)
    assert not Practice.objects.exists()


@pytest.mark.parametrize(("overrides", "field"), [
    ({"title": ""}, "title"), ({"country": "XX"}, "country"), ({"original_language": "zz"}, "original_language"),
    ({"links": ["javascript:alert(1)"]}, "links"), ({"target_groups": ["aliens"]}, "target_groups"),
    ({"chain_stages": ["nowhere"]}, "chain_stages"), ({"problem": "x" * 7000}, "problem"),
])
def test_bad_input_changes_nothing(network, overrides, field):
    with pytest.raises(ValidationError) as error:
        _practice(network, **overrides)
    assert field in error.value.message_dict
    assert not Practice.objects.exists() and not PracticeText.objects.exists()


def test_the_original_text_stays(network):
    practice = _practice(network)
    actor = actor_for_user(network.local_coordinator)
    with pytest.raises(ValidationError):
        services.remove_text(actor, practice, "en")
    with pytest.raises(ValidationError) as error:
        services.update_facts(actor, practice, **{**FIELDS, "original_language": "lv"})
    assert "original_language" in error.value.message_dict
    assert practice.texts.count() == 1


def test_search_is_accent_and_case_insensitive_across_translations(network):
    practice = _practice(network)
    services.save_text(actor_for_user(network.local_coordinator), practice, "de", title="Prävention in Schulen",
                       problem="Schüler kennen die Risiken nicht.", approach="Besuche.")
    _practice(network, title="Hotline in Tallinn", country="EE", problem="Offers.", approach="Calls.",
              actors="Living for Tomorrow", target_groups=["work_abroad"], chain_stages=["referral"])
    assert _found(network, words="RIGA") == ["Prevention sessions in Rīga schools"]
    assert _found(network, words="schuler") == ["Prevention sessions in Rīga schools"]  # in the German text
    assert _found(network, words="living tomorrow") == ["Hotline in Tallinn"]  # in the actors, every word
    assert _found(network, words="riga tallinn") == []
    assert _found(network, country="EE") == ["Hotline in Tallinn"]
    assert _found(network, tag="target_groups:students") == ["Prevention sessions in Rīga schools"]
    assert _found(network, tag="chain_stages:referral") == ["Hotline in Tallinn"]
    assert _found(network, tag="chain_stages:nonsense") == []
    assert len(_found(network)) == 2


def test_everyone_signed_in_reads_in_her_language_with_the_others_listed(client, network):
    practice = _practice(network)
    services.save_text(actor_for_user(network.local_coordinator), practice, "lv", title="Profilakse Rīgas skolās",
                       problem="Skolēni nezina.", approach="Apmeklē skolas.", needs_review=True)
    sign_in(client, network.no_role)
    url = reverse("practices:detail", args=[practice.pk])
    english = client.get(url).content.decode()
    assert "Prevention sessions in Rīga schools" in english and 'href="?language=lv"' in english
    assert reverse("practices:edit", args=[practice.pk]) not in english
    latvian = client.get(url, HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert "Profilakse Rīgas skolās" in latvian and 'href="?language=en"' in latvian
    chosen = client.get(url, {"language": "lv"}).content.decode()
    assert "Profilakse Rīgas skolās" in chosen and "needs review" in chosen and 'lang="lv"' in chosen
    listing = client.get(reverse("practices:list"), {"words": "skolas"}).content.decode()
    assert "Prevention sessions in Rīga schools" in listing


def test_pages_404_and_403(client, network):
    practice = _practice(network)
    sign_in(client, network.case_manager)
    assert client.get(reverse("practices:detail", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404
    assert client.get(reverse("practices:new")).status_code == 403
    assert client.get(reverse("practices:edit", args=[practice.pk])).status_code == 403
    assert client.post(reverse("practices:text", args=[practice.pk, "new"]), {}).status_code == 403
    assert client.get(reverse("practices:text", args=[practice.pk, "en"])).status_code == 403
    sign_in(client, network.local_coordinator)
    assert client.get(reverse("practices:text", args=[practice.pk, "fi"])).status_code == 404  # no text in Finnish
    client.logout()
    assert client.get(reverse("practices:list")).status_code == 302  # sign-in first


def test_create_and_translate_through_the_forms(client, network):
    sign_in(client, network.national_coordinator)
    data = {**FIELDS, "links": "https://example.org/a\nhttps://example.org/b"}
    response = client.post(reverse("practices:new"), data)
    practice = Practice.objects.get()
    assert response.status_code == 302 and practice.links == ["https://example.org/a", "https://example.org/b"]
    bad = client.post(reverse("practices:text", args=[practice.pk, "new"]), {"language": "en", "title": "Again",
                                                                             "problem": "p", "approach": "a"})
    assert "ds-error-summary" in bad.content.decode() and practice.texts.count() == 1
    client.post(reverse("practices:text", args=[practice.pk, "new"]), {"language": "lv", "title": "Profilakse",
                                                                        "problem": "p", "approach": "a"})
    assert sorted(practice.texts.values_list("language", flat=True)) == ["en", "lv"]
    client.post(reverse("practices:text_remove", args=[practice.pk, "lv"]))
    assert list(practice.texts.values_list("language", flat=True)) == ["en"]


def test_the_seed_loads_once_and_never_overwrites(network):
    first = loader.load_practices()
    assert first.practices == Practice.objects.count() and 8 <= first.practices <= 12
    assert first.texts == PracticeText.objects.count() and first.texts >= 2 * first.practices
    assert not PracticeText.objects.filter(language="en", needs_review=True).exists()
    assert not PracticeText.objects.exclude(language="en").filter(needs_review=False).exists()
    assert all(p.source.startswith("Described after the STROM conference programme") for p in Practice.objects.all())
    text = PracticeText.objects.filter(language="en").first()
    text.title = "Changed by a keeper"
    text.save()
    assert loader.load_practices() == loader.Loaded(0, 0)
    assert PracticeText.objects.filter(title="Changed by a keeper").exists()


@pytest.mark.parametrize(("content", "message"), [
    ('[[practices]]\nkey = "a"\ncountry = "LV"\ncolour = "red"\n[practices.texts.en]\ntitle = "t"\nproblem = "p"\n'
     'approach = "a"\n', "colour"),
    ('[[practices]]\nkey = "a"\ncountry = "LV"\n[practices.texts.lv]\ntitle = "t"\nproblem = "p"\napproach = "a"\n',
     "no text in en"),
    ('[[practices]]\nkey = "a"\ncountry = "QQ"\n[practices.texts.en]\ntitle = "t"\nproblem = "p"\napproach = "a"\n',
     "country"),
])
def test_a_bad_data_file_stops_with_the_place_named(network, tmp_path: Path, content, message):
    path = tmp_path / "practices.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(loader.PracticeDataError, match=message):
        loader.load_practices(path)
    assert not Practice.objects.exists()
