# ruff: noqa: F811 — fixtures come from crisis_helpers (no conftest of our own: the contact log owns it).
"""The crisis view: its pure rules (who to call now) exhaustively, and the page and htmx panel thinly."""

from __future__ import annotations

import pytest

from strom.hotline import crisis
from strom.hotline.crisis import Entry, Step
from strom.hotline.tests.crisis_helpers import contact, shelter_24_7, weekday_clinic  # noqa: F401
from strom.testing import sign_in


def entry(name="S", type_code="safe_accommodation", **facts) -> Entry:
    return Entry(service_id=name, name=name, organisation="O", type_code=type_code, **facts)


# --- number_now -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("facts", "number"), [
    ({"phone_24_7": "247", "phone": "1"}, "247"),  # the 24/7 line wins, open or not
    ({"phone_24_7": "247", "open_now": False}, "247"),
    ({"phone": "1", "always_open": True}, "1"),
    ({"phone": "1", "open_now": True}, "1"),
    ({"phone": "1", "open_now": False}, ""),  # a closed line is never offered
    ({}, ""),
    ({"always_open": True}, ""),  # open, but no phone to dial
])
def test_number_now(facts, number):
    assert crisis.number_now(entry(**facts)) == number


def test_round_the_clock_keeps_fitting_first_then_the_finders_order():
    a = entry("a", phone_24_7="1", fits=False)
    b = entry("b", phone="2", always_open=True)
    c = entry("c", phone="3", open_now=True)  # open now, but not at every hour: not listed
    d = entry("d", phone_24_7="4")
    e = entry("e", always_open=True)  # no phone: nothing to dial
    assert crisis.round_the_clock([a, b, c, d, e]) == [b, d, a]


def test_pathway_types_put_child_protection_first_for_a_child():
    assert crisis.pathway_types() == crisis.CRISIS_TYPES
    child_order = crisis.pathway_types(child=True)
    assert child_order[0] == "child_protection"
    assert sorted(child_order) == sorted(crisis.CRISIS_TYPES)
    assert crisis.pathway_types(child=True, types=("a", "b")) == ("a", "b")


def test_urgent_pathway_prefers_reachable_now_and_names_gaps():
    closed = entry("closed", phone="1")
    misfit = entry("misfit", phone_24_7="2", fits=False)
    late = entry("late", phone="3", open_now=True)
    extra = [entry(f"x{i}", phone_24_7=str(i)) for i in range(3)]
    medical = entry("medical", type_code="emergency_medical")
    types = ("safe_accommodation", "emergency_medical", "police_report")
    steps = crisis.urgent_pathway([closed, misfit, late, *extra, medical], types=types)
    assert [step.type_code for step in steps] == ["safe_accommodation", "emergency_medical", "police_report"]
    assert steps[0].first == late and steps[0].reachable_now
    assert steps[0].alternatives == (extra[0], extra[1])  # at most two, misfits never
    assert steps[1].first == medical and not steps[1].reachable_now
    assert steps[2].gap and crisis.gaps(steps) == ["police_report"]
    assert Step("x", None).gap


# --- The page and the panel ------------------------------------------------------------------------------


def test_panel_shows_the_24_7_shelter_with_its_number(client, network, shelter_24_7, weekday_clinic):
    sign_in(client, network.hotline_operator)
    response = client.get("/hotline/crisis/", {"municipality": network.riga.pk, "language": "uk",
                                               "exploitation_forms": ["labour", "no-such-form"]},
                          HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page  # the panel alone, for htmx
    assert "+371 2000 0247" in page and "Crisis beds" in page
    assert "Weekday clinic" in page and "+371 6700 1111" not in page  # closed now: no number offered
    assert "112" in page
    assert f"/network/municipalities/{network.riga.pk}/procedure/" in page


def test_whole_page_without_javascript_and_country_only(client, network, shelter_24_7):
    shelter_24_7.whole_country = True
    shelter_24_7.save()
    sign_in(client, network.hotline_coordinator)
    response = client.get("/hotline/crisis/", {"country": "LV"})
    page = response.content.decode()
    assert response.status_code == 200 and "<html" in page
    assert "+371 2000 0247" in page
    assert "Valsts darba inspekcija" in page  # the labour-rights contact of the country
    empty = client.get("/hotline/crisis/").content.decode()
    assert "Choose the caller's municipality or country first" in empty


@pytest.mark.parametrize("persona", ["case_manager", "outsider_case_manager", "local_coordinator", "no_role"])
def test_only_hotline_people_see_the_crisis_view(client, network, persona):
    sign_in(client, getattr(network, persona))
    assert client.get("/hotline/crisis/", {"municipality": network.riga.pk}).status_code == 403


def test_hotline_member_without_the_right_is_refused(client, hotline_admin, network):
    sign_in(client, hotline_admin)
    assert client.get("/hotline/crisis/").status_code == 403


def test_panel_queries_do_not_grow_with_the_services(client, network, shelter_24_7):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from strom.hotline.tests.crisis_helpers import service_type

    sign_in(client, network.hotline_operator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/hotline/crisis/", {"municipality": network.riga.pk}, HTTP_HX_REQUEST="true") \
                .status_code == 200
        return len(captured)

    queries()  # the first request of a session also loads the session and the actor's memberships
    first = queries()
    for code in ("emergency_medical", "police_report", "psychological", "safe_accommodation"):
        extra = shelter_24_7.__class__.objects.create(organisation=network.social, type=service_type(code),
                                                      name=f"More {code}", phone_24_7="+371 2000 0000")
        extra.areas.set([network.riga])
    assert queries() == first
