"""The hotline's contacts on the statistics dashboards: counted by topic and channel and by caller, for
the scope's contacts only, small counts suppressed unless the figures may be exact."""

import pytest
from django.utils import timezone

from strom.hotline.tests.conftest import record
from strom.stats import dashboards
from strom.stats.queries import COUNTRY, MUNICIPALITY, ORGANISATION, Scope

pytestmark = pytest.mark.django_db


def _section(scope, exact):
    board = dashboards.build(scope, timezone.now().year, exact=exact)
    [figures] = [figures for section, figures in board.sections if section.key == "hotline"]
    return {figure.name: figure.protected for figure in figures}


def test_contacts_counted_for_the_hotline_and_its_place(network):
    for _ in range(12):
        record(network.hotline_operator, topic="working_abroad", channel="phone", caller_type="potential_victim",
               municipality=network.vilnius)
    record(network.hotline_operator, topic="crisis", channel="chat", caller_type="family_friend")
    own = Scope(ORGANISATION, str(network.hotline.pk), network.hotline.name, "LT")
    exact = _section(own, exact=True)
    assert exact["hotline_topic_channel"].cell("working_abroad", "phone").value == 12
    assert exact["hotline_topic_channel"].cell("crisis", "chat").value == 1
    assert exact["hotline_caller_type"].grand_total.value == 13

    protected = _section(own, exact=False)["hotline_topic_channel"]
    assert protected.cell("crisis", "chat").suppressed  # one contact: under the threshold
    shown = exact["hotline_topic_channel"]
    for cell in protected.cells:  # every figure either hidden or the true count
        assert cell.value is None or cell.value == shown.cell(*cell.key).value

    place = _section(Scope(MUNICIPALITY, str(network.vilnius.pk), "Vilnius", "LT"), exact=False)
    assert place["hotline_caller_type"].grand_total.value == 12  # the crisis call named no place
    riga = _section(Scope(MUNICIPALITY, str(network.riga.pk), "Riga", "LV"), exact=False)
    assert riga["hotline_caller_type"].grand_total.value == 0
    country = _section(Scope(COUNTRY, "LT", "Lithuania", "LT"), exact=True)
    assert country["hotline_caller_type"].cell("family_friend").suppressed  # exact only for an organisation
