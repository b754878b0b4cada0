"""The Django side of disclosure control: the configured threshold and who may see figures exact."""

from django.test import override_settings

from strom.accounts.policies import actor_for_user
from strom.cases.models import Case
from strom.cases.tests.helpers import open_shelter_case
from strom.stats.disclosure import Table
from strom.stats.disclosure_config import may_see_exact, protect_configured, threshold

TABLE = Table("by_sex", ("sex",), (("female", "male"),), {("female",): 6, ("male",): 30})


def test_the_threshold_comes_from_the_settings():
    assert threshold() == 10
    assert protect_configured(TABLE).cell("female").suppressed
    with override_settings(DISCLOSURE_THRESHOLD=5):
        assert not protect_configured(TABLE).cell("female").suppressed


def test_exact_figures_only_for_those_who_see_every_case_behind_them(network):
    open_shelter_case(network)
    cases = Case.objects.all()
    assert may_see_exact(actor_for_user(network.case_manager), cases)
    for persona in (network.outsider_case_manager, network.national_coordinator, network.org_admin,
                    network.no_role):
        assert not may_see_exact(actor_for_user(persona), cases)
    assert may_see_exact(actor_for_user(network.outsider_case_manager), Case.objects.none())
