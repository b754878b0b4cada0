"""A second organisation in Riga that receives referrals: a women's shelter with a case worker and an
administrator, and its safe accommodation service (answer within 24 hours, verbal consent)."""

import pytest

from strom.accounts.policies import actor_for_user
from strom.accounts.roles import Role
from strom.cases import consent
from strom.cases import services as case_services
from strom.cases.tests.helpers import open_shelter_case
from strom.network.models import Organisation, OrganisationType, Service, ServiceType
from strom.testing import make_user


@pytest.fixture
def receiver(network):
    return Organisation.objects.create(
        name="Riga Women's Shelter", type=OrganisationType.SHELTER, country="LV", municipality=network.riga
    )


@pytest.fixture
def shelter_worker(receiver):
    return make_user("shelter_worker", (receiver, Role.CASE_MANAGER))


@pytest.fixture
def receiver_admin(receiver):
    return make_user("receiver_admin", (receiver, Role.ORG_ADMIN))


def accommodation():
    # get_or_create: a transactional (browser) test may run after another one flushed the data migration's rows.
    return ServiceType.objects.get_or_create(code="safe_accommodation", defaults={"name": "Safe accommodation"})[0]


@pytest.fixture
def service(receiver):
    return Service.objects.create(
        organisation=receiver,
        type=accommodation(),
        name="Emergency beds",
        consent="verbal",
        answer_time=24,
        answer_unit="hours",
    )


@pytest.fixture
def case(network):
    return open_shelter_case(network)


def give_consent(network, case, organisation, state="given", how="written", legal_basis=""):
    return case_services.record_consent(
        actor_for_user(network.case_manager),
        case,
        purpose=consent.Purpose.SHARE_FOR_REFERRAL,
        state=state,
        how=how,
        legal_basis=legal_basis,
        recipient_organisation=organisation,
    )


@pytest.fixture
def consented(network, case, receiver):
    return give_consent(network, case, receiver)
