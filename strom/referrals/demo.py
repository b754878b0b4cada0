"""Demo referrals (`manage.py load_demo`, after the demo cases): the Riga demo case referred to the
crisis centre's accommodation under a recorded consent, and a case-less referral from a social worker;
`crisis.worker` (a case manager at the crisis centre) answers them. Made through the ordinary services;
found again on a second load, so nothing doubles. Synthetic data only."""

from __future__ import annotations

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.cases import consent
from strom.cases import services as case_services
from strom.cases.models import Case
from strom.network.models import Service
from strom.referrals import services
from strom.referrals.models import Referral

CASE_PSEUDONYM = "Amber-Heron-1001"
SERVICE_NAME = "Crisis accommodation for women and children"


def load_demo_referrals() -> int:
    service = Service.objects.filter(name=SERVICE_NAME).select_related("organisation").first()
    case = Case.objects.filter(person__pseudonym=CASE_PSEUDONYM).first()
    if service is None or case is None:
        return 0
    made = 0
    if not Referral.objects.filter(case=case, service=service).exists():
        manager = actor_for_user(User.objects.get(username="case.manager"))
        case_services.record_consent(
            manager,
            case,
            purpose=consent.Purpose.SHARE_FOR_REFERRAL,
            state=consent.State.GIVEN,
            how=consent.How.WRITTEN,
            recipient_organisation=service.organisation,
        )
        services.make_referral(
            manager,
            case=case,
            service=service,
            urgency="urgent",
            reason="Demo: needs a safe place after leaving the shelter's emergency room.",
            needs="A room with her child; a Russian-speaking counsellor.",
        )
        made += 1
    social = actor_for_user(User.objects.get(username="social.worker"))
    if not Referral.objects.filter(case=None, service=service, sender_organisation=social.organisation).exists():
        services.make_referral(
            social,
            service=service,
            urgency="immediate",
            consent_how=consent.How.VERBAL,
            reason="Demo: met at the night bus station, nowhere to sleep tonight.",
            needs="A bed tonight.",
            summary="Demo: a woman in her twenties, no documents.",
            languages=["uk"],
            age_group="18-24",
        )
        made += 1
    return made
