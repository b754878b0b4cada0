"""Directory search (strom/network/search.py) in the languages of the region.

The same expectations hold on SQLite and PostgreSQL unless a test says otherwise: tests marked
`postgres` need trigram similarity or the database's own strom_fold; tests named `..._on_sqlite`
record what the SQLite fallback does not do.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import connection
from django.utils import translation

from strom.accounts.policies import Actor, load_memberships
from strom.network import search
from strom.network.models import Municipality, Organisation, OrganisationType, Service, ServiceType
from strom.network.search import Hit, fold, parse_terms, search_directory

ALPHABETS = {
    # The letters with diacritics of the region's Latin alphabets, and the Cyrillic ones.
    "lv": ("āčēģīķļņšūž ĀČĒĢĪĶĻŅŠŪŽ", "acegiklnsuz acegiklnsuz"),
    "lt": ("ąčęėįšųūž ĄČĘĖĮŠŲŪŽ", "aceeisuuz aceeisuuz"),
    "et": ("šžõäöü ŠŽÕÄÖÜ", "szoaou szoaou"),
    "fi/sv": ("åäö ÅÄÖ", "aao aao"),
    "da/nb": ("æøå ÆØÅ", "aeoa aeoa"),
    "de": ("äöüß ÄÖÜ", "aouss aou"),
    "pl": ("ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ", "acelnoszz acelnoszz"),
    "nl": ("éëïĳ ÉËÏĲ", "eeiij eeiij"),
    "ru": ("Ёлка Йошкар-Ола ЖУК", "елка йошкар-ола жук"),
    "uk": ("Її Ґанок Ўсё", "її ґанок ўсе"),
}


def test_fold_follows_the_unaccent_rules_for_every_alphabet_of_the_region():
    for language, (text, folded) in ALPHABETS.items():
        assert fold(text) == folded, language
    assert fold("Riga Safe House") == "riga safe house"
    assert fold("Rīga\u00a0centrs") == "riga centrs"  # NFKD: a no-break space is a space
    assert fold("Ri\u0304ga") == "riga"  # decomposed input (macOS keyboards) folds the same
    assert fold("вс\u0435\u0308") == "все"


@pytest.mark.postgres
@pytest.mark.django_db
def test_strom_fold_in_postgresql_agrees_with_fold():
    with connection.cursor() as cursor:
        for language, (text, _folded) in ALPHABETS.items():
            cursor.execute("SELECT strom_fold(%s)", [text])
            assert cursor.fetchone()[0] == fold(text), language


def test_terms():
    assert [t.folded for t in parse_terms("  Rīga, SAFE-house  riga a ")] == ["riga", "safe", "house"]
    assert parse_terms("") == parse_terms("a b c") == parse_terms("  ,. ") == []
    assert len(parse_terms(" ".join(f"word{i}" for i in range(20)))) == search.MAX_TERMS


@pytest.fixture
def directory(network):
    """The persona network plus organisations and services written in the region's languages."""
    kind = {code: ServiceType.objects.get(code=code) for code in (
        "safe_accommodation", "psychological", "material_help", "hotline", "legal_counselling", "medical_care")}
    tallinn = Municipality.objects.create(country="EE", name="Tallinn", name_en="Tallinn")
    narva = Municipality.objects.create(country="EE", name="Narva", name_en="Narva")
    lodz = Municipality.objects.create(country="PL", name="Łódź", name_en="Lodz")
    munich = Municipality.objects.create(country="DE", name="München", name_en="Munich")
    baerum = Municipality.objects.create(country="NO", name="Bærum", name_en="Baerum")
    org = Organisation.objects.create
    ngo = OrganisationType.NGO
    sodzius = org(name="Sodžiaus bendruomenės centras", type=ngo, country="LT", municipality=network.vilnius)
    kriisikodu = org(name="Tallinna Naiste Kriisikodu", type=OrganisationType.SHELTER, country="EE",
                     municipality=tallinn)
    narva_centre = org(name="Кризисный центр Нарва", type=ngo, country="EE", municipality=narva)
    fundacja = org(name="Fundacja Łódzka Pomoc Ofiarom", type=ngo, country="PL", municipality=lodz)
    beratung = org(name="Beratungsstelle Übergänge", type=ngo, country="DE", municipality=munich)
    krisesenter = org(name="Krisesenteret i Bærum", type=OrganisationType.SHELTER, country="NO",
                      municipality=baerum)
    closed = org(name="Closed Riga Foundation", type=ngo, country="LV", municipality=network.riga, is_active=False)

    def service(organisation, type_code, name, description="", is_public=True, **extra):
        return Service.objects.create(organisation=organisation, type=kind[type_code], name=name,
                                      description=description, is_public=is_public, **extra)

    return {
        "patversme": service(network.shelter, "safe_accommodation", "Drošā patversme sievietēm",
                             "Diennakts patversme Rīgā sievietēm un bērniem."),
        "psiholoģiskā": service(network.shelter, "psychological", "Psiholoģiskā palīdzība",
                                "Individuālas konsultācijas; pēc tam patversme, ja vajag.", is_public=False),
        "sociālā": service(network.social, "material_help", "Sociālā palīdzība Rīgā",
                           "Pabalsti un pārtikas kartes."),
        "policija": service(network.police, "legal_counselling", "Policijas palīdzības dienests",
                            "Tikai partneriem.", is_public=False),
        "pagalbos linija": service(network.hotline, "hotline", "Pagalbos linija 24/7",
                                   "Nemokama ir anoniminė pagalba visą parą.", whole_country=True),
        "sodžiaus": service(sodzius, "safe_accommodation", "Sodžiaus pagalbos namai", "Laikinas apgyvendinimas."),
        "turvaline": service(kriisikodu, "safe_accommodation", "Turvaline majutus",
                             "Tallinna kesklinnas, ööpäevaringselt."),
        "кризисный": service(narva_centre, "psychological", "Кризисный центр «Надежда»",
                             "Психологическая помощь на русском языке, всё бесплатно."),
        "гаряча лінія": service(narva_centre, "hotline", "Гаряча лінія допомоги", "Українською мовою."),
        "pomoc prawna": service(fundacja, "legal_counselling", "Pomoc prawna dla ofiar handlu ludźmi",
                                "Bezpłatne porady w Łodzi."),
        "rechtsberatung": service(beratung, "legal_counselling", "Rechtsberatung für Betroffene",
                                  "Unterstützung in der Schillerstraße, auch für Männer."),
        "trygt": service(krisesenter, "safe_accommodation", "Trygt botilbud i Bærum", "Døgnåpent for kvinner."),
        "inactive": service(network.shelter, "medical_care", "Slēgtā ārsta pieņemšana", "Vairs nedarbojas.",
                            is_active=False),
        "closed org": service(closed, "safe_accommodation", "Riga Closed Shelter", "Slēgts."),
        "orgs": {"sodzius": sodzius, "kriisikodu": kriisikodu, "narva": narva_centre, "fundacja": fundacja,
                 "beratung": beratung, "krisesenter": krisesenter, "closed": closed},
    }


def member(user) -> Actor:
    return Actor(user=user, memberships=load_memberships(user))


def names(hits: list[Hit], kind: str | None = None) -> list[str]:
    return [hit.name for hit in hits if kind is None or hit.kind == kind]


# (language, query, a service that must be found, and found first)
QUERIES = [
    ("lv", "patversme", "Drošā patversme sievietēm"),
    ("lv", "DROSA PATVERSME", "Drošā patversme sievietēm"),
    ("lv", "socialā palidziba", "Sociālā palīdzība Rīgā"),
    ("lv", "psiholoģiskā", "Psiholoģiskā palīdzība"),
    ("lt", "sodziaus", "Sodžiaus pagalbos namai"),
    ("lt", "SODŽIAUS namai", "Sodžiaus pagalbos namai"),
    ("lt", "pagalbos linija", "Pagalbos linija 24/7"),
    ("et", "turvaline", "Turvaline majutus"),
    ("et", "ööpäevaringselt", "Turvaline majutus"),
    ("et", "kriisikodu", "Turvaline majutus"),  # through the organisation's name
    ("pl", "pomoc prawna", "Pomoc prawna dla ofiar handlu ludźmi"),
    ("pl", "handlu ludzmi", "Pomoc prawna dla ofiar handlu ludźmi"),
    ("pl", "lodz", "Pomoc prawna dla ofiar handlu ludźmi"),  # Łódź, the municipality and the organisation
    ("pl", "ŁÓDŹ", "Pomoc prawna dla ofiar handlu ludźmi"),
    ("de", "rechtsberatung", "Rechtsberatung für Betroffene"),
    ("de", "fur betroffene", "Rechtsberatung für Betroffene"),
    ("de", "schillerstrasse", "Rechtsberatung für Betroffene"),  # ß folds to ss
    ("de", "ubergange", "Rechtsberatung für Betroffene"),
    ("de", "munchen", "Rechtsberatung für Betroffene"),
    ("nb", "baerum", "Trygt botilbud i Bærum"),  # æ folds to ae
    ("nb", "døgnåpent", "Trygt botilbud i Bærum"),
    ("nb", "dognapent", "Trygt botilbud i Bærum"),
    ("ru", "кризисный", "Кризисный центр «Надежда»"),
    ("ru", "НАДЕЖДА", "Кризисный центр «Надежда»"),
    ("ru", "психологическая помощь на русском", "Кризисный центр «Надежда»"),
    ("ru", "все бесплатно", "Кризисный центр «Надежда»"),  # ё folds to е, as unaccent does
    ("uk", "ЛІНІЯ допомоги", "Гаряча лінія допомоги"),
    ("en", "riga", "Sociālā palīdzība Rīgā"),
    ("en", "accommodation tallinn", "Turvaline majutus"),  # service type's name and municipality
]


@pytest.mark.parametrize(("language", "query", "expected"), QUERIES, ids=[f"{q[0]}:{q[1]}" for q in QUERIES])
def test_queries_in_the_languages_of_the_region(directory, network, language, query, expected):
    hits = search_directory(member(network.case_manager), query)
    services = names(hits, "service")
    assert expected in services, (query, services)
    if language != "en":  # "riga" finds several things that all say Rīga; the others have one best answer
        assert services[0] == expected, (query, services)


def test_a_kind_of_help_named_in_another_language_finds_services_written_in_any(directory, network):
    # The Russian name of the service type (from the Russian catalogue) finds the Latvian-written
    # psychological service too: the type matches, not the words of its name.
    services = names(search_directory(member(network.case_manager), "психологическая помощь"), "service")
    assert {"Psiholoģiskā palīdzība", "Кризисный центр «Надежда»"} <= set(services)


@pytest.mark.parametrize("query", ["talin", "vilnus", "rechtsberatnug"])
def test_typos_are_not_forgiven_on_sqlite(directory, network, query):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL forgives them: see test_typos_are_forgiven_on_postgresql")
    assert search_directory(member(network.case_manager), query) == []


@pytest.mark.postgres
@pytest.mark.parametrize(("query", "expected"), [
    ("talin", "Turvaline majutus"),  # Tallinn, the municipality
    ("vilnus", "Pagalbos linija 24/7"),  # Vilnius
    ("rechtsberatnug", "Rechtsberatung für Betroffene"),
    ("kriisikodo", "Turvaline majutus"),
])
def test_typos_are_forgiven_on_postgresql(directory, network, query, expected, django_assert_max_num_queries):
    # Only after the search as written found nothing: a second pass of five queries and the setting.
    with django_assert_max_num_queries(11):
        hits = search_directory(member(network.case_manager), query)
    assert expected in names(hits, "service")


@pytest.mark.postgres
def test_no_typo_search_when_something_matches_as_written(directory, network):
    # "policijas" is similar to "State Police of Latvia", but the Latvian service matches as written.
    assert names(search_directory(member(network.case_manager), "policijas")) == ["Policijas palīdzības dienests"]


def test_accents_and_case_are_ignored_in_both_directions(directory, network):
    actor = member(network.case_manager)
    plain = search_directory(actor, "sodziaus pagalbos")
    accented = search_directory(actor, "SODŽIAUS PAGALBOS")
    assert names(plain) == names(accented) and names(plain)
    # An accent in the query that the text does not have: "Rīga" finds "Riga Safe House".
    assert "Riga Safe House" in names(search_directory(actor, "Rīga"), "organisation")


def test_organisations_are_found_by_name_municipality_and_type(directory, network):
    actor = member(network.case_manager)
    assert names(search_directory(actor, "kriisikodu"), "organisation") == ["Tallinna Naiste Kriisikodu"]
    assert names(search_directory(actor, "łódzka"), "organisation") == ["Fundacja Łódzka Pomoc Ofiarom"]
    assert "Vilnius Hotline" in names(search_directory(actor, "vilnius"), "organisation")
    assert names(search_directory(actor, "police latvia"), "organisation") == ["State Police of Latvia"]
    assert set(names(search_directory(actor, "shelter"), "organisation")) >= {
        "Tallinna Naiste Kriisikodu", "Krisesenteret i Bærum", "Riga Safe House"}


def test_service_types_match_in_every_interface_language(directory, network):
    """A Latvian word for the type finds an Estonian service of that type (with a catalogue entry)."""
    real_gettext = translation.gettext

    def gettext(message):
        if message == "Safe accommodation" and translation.get_language() == "lv":
            return "Drošas naktsmītnes"
        return real_gettext(message)

    search._service_type_labels.cache_clear()
    try:
        with mock.patch.object(translation, "gettext", gettext):
            hits = search_directory(member(network.case_manager), "naktsmītnes")
    finally:
        search._service_type_labels.cache_clear()
    assert {"Turvaline majutus", "Trygt botilbud i Bærum", "Sodžiaus pagalbos namai"} <= set(names(hits))


def test_public_directory_never_shows_services_that_are_not_public(directory, network):
    queries = [query for _language, query, _expected in QUERIES] + ["palīdzība", "patversme", "policijas"]
    for query in queries:
        for actor in (None, member(network.no_role)):  # nobody signed in; signed in but no organisation
            for hit in search_directory(actor, query):
                if hit.kind == "service":
                    assert hit.object.is_public, (query, hit.name)
                else:
                    assert hit.object.services.filter(is_public=True, is_active=True).exists(), (query, hit.name)
        for hit in search_directory(member(network.case_manager), query, public_only=True):
            assert hit.kind == "organisation" or hit.object.is_public
    # Members see them; the public does not, not even the organisation that has no public service.
    assert names(search_directory(member(network.police_officer), "policijas")) == ["Policijas palīdzības dienests"]
    assert search_directory(None, "policijas") == []
    assert "State Police of Latvia" in names(search_directory(member(network.case_manager), "police"))
    assert "State Police of Latvia" not in names(search_directory(None, "police"))
    assert "Psiholoģiskā palīdzība" not in names(search_directory(None, "psiholoģiskā"))


def test_inactive_services_and_organisations_are_never_found(directory, network):
    actor = member(network.case_manager)
    for query in ("slēgtā ārsta", "closed riga", "riga closed shelter", "nedarbojas"):
        assert search_directory(actor, query) == [], query
    assert "Closed Riga Foundation" not in names(search_directory(actor, "riga"))


def test_ranking(directory, network):
    actor = member(network.case_manager)
    # The whole name first: the organisation, then its services and what else says Riga.
    hits = search_directory(actor, "Riga Safe House")
    assert hits[0].kind == "organisation" and hits[0].name == "Riga Safe House"
    assert set(names(hits[1:3])) == {"Drošā patversme sievietēm", "Psiholoģiskā palīdzība"}
    # A word in the name before the same word in the description.
    hits = names(search_directory(actor, "patversme"))
    assert hits.index("Drošā patversme sievietēm") < hits.index("Psiholoģiskā palīdzība")
    # Scores fall; every hit matched every word.
    hits = search_directory(actor, "palīdzība")
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert all(hit.score > 0 for hit in hits)
    assert search_directory(actor, "palīdzība pabalsti")[0].name == "Sociālā palīdzība Rīgā"
    assert search_directory(actor, "palīdzība tallinna") == []  # no service says both


def test_municipality_limits_to_services_that_serve_it(directory, network):
    actor = member(network.case_manager)
    riga = search_directory(actor, "palīdzība", municipality=network.riga)
    assert {"Sociālā palīdzība Rīgā", "Psiholoģiskā palīdzība"} <= set(names(riga, "service"))
    assert "Policijas palīdzības dienests" not in names(riga)  # national police: LV-wide only if whole_country
    vilnius = names(search_directory(actor, "pagalbos", municipality=network.vilnius))
    assert set(vilnius) == {"Pagalbos linija 24/7", "Sodžiaus pagalbos namai"}
    kaunas = Municipality.objects.create(country="LT", name="Kaunas")
    # The hotline serves the whole country; the Vilnius shelter does not serve Kaunas.
    assert names(search_directory(actor, "pagalbos", municipality=kaunas), "service") == ["Pagalbos linija 24/7"]
    assert "Vilnius Hotline" not in names(search_directory(actor, "vilnius", municipality=kaunas), "organisation")
    # National organisations belong to every municipality of their country.
    assert "State Police of Latvia" in names(search_directory(actor, "police", municipality=network.riga))


def test_limits_and_empty_queries(directory, network):
    actor = member(network.case_manager)
    assert search_directory(actor, "") == search_directory(actor, "   ") == search_directory(actor, "a") == []
    assert search_directory(actor, "riga", limit=0) == []
    assert len(search_directory(actor, "a riga", limit=2)) == 2
    # Punctuation separates words, so LIKE's wildcards never reach the database.
    assert names(search_directory(actor, "%_riga%")) == names(search_directory(actor, "riga"))


def test_a_bounded_number_of_queries(directory, network, django_assert_max_num_queries):
    actor = member(network.case_manager)
    for query in ("riga", "sociālā palīdzība rīgā pabalsti pārtikas kartes material"):
        # municipalities, service types, organisations, organisation hits, service hits
        with django_assert_max_num_queries(5):
            hits = search_directory(actor, query)
        assert hits
        for hit in hits:  # loaded with the hit: no query per row when a page shows them
            if hit.kind == "service":
                assert hit.object.organisation.municipality_id is None or hit.object.organisation.municipality.name
                assert hit.object.type.code


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_indexes_serve_the_folded_substring_search():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM network_service WHERE strom_fold(name) LIKE "
                       "'%%' || strom_fold(%s) || '%%' OR strom_fold(description) LIKE '%%x%%'", ["Rīga"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "network_service_name_fold_trgm" in plan and "network_service_description_fold_trgm" in plan, plan


def test_cyrillic_queries_find_latin_text_with_anyascii(directory, network):
    pytest.importorskip("anyascii", reason="transliteration needs the anyascii package")
    assert "Riga Safe House" in names(search_directory(member(network.case_manager), "Рига"))
