"""Demo data of the municipal toolkit (from `load_demo`, after the network, partnership and cases):
the checklist, Riga's self-assessments of last year and this year (improving, with an action plan) and
Riga's local mapping. Vilnius and Tallinn have none, so the national view and the evidence differ.
Made through the services, as the demo local coordinator; idempotent (nothing is added twice)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from strom.accounts.models import User
from strom.accounts.policies import actor_for_user
from strom.municipal import services
from strom.municipal.checklist import load_checklists
from strom.municipal.models import Assessment, LocalMapping
from strom.municipal.queries import answers_of
from strom.network.models import Municipality
from strom.network.queries import services_serving

# Last year Riga scored each item one lower than Strom suggests now (at least 0); items without a
# suggestion get these scores, last year's first.
OWN_JUDGEMENT = {
    "mandate.council_policy": (1, 2), "mandate.budget": (0, 1), "referral.consent": (1, 2),
    "identification.trained_staff": (1, 1), "assistance.emergency_funds": (0, 1), "assistance.follow_up": (1, 1),
    "prevention.risk_groups": (1, 2), "prevention.schools": (0, 1), "prevention.hotline": (1, 2),
    "administrative.inspections": (0, 0), "administrative.licensing": (0, 1), "monitoring.costs": (0, 1),
}

MAPPING = {
    "populations": "Young people leaving care\nSeasonal and posted workers recruited through agencies\n"
                   "Women from neighbouring countries working in night-time venues",
    "trends": "Unemployment among young people above the national average\n"
              "Growth of recruitment for work abroad through social media",
    "places": "Car washes and construction sites on the city's edge\nNight clubs in the old town\n"
              "Bus station (arrivals from the east)",
    "actors": "Informal agencies recruiting for work abroad\nLandlords renting beds to groups of workers",
    "services_note": "Shelter places are often full in winter; no long-term housing service yet.",
}


def _score(answer, last_year: bool) -> int:
    own = OWN_JUDGEMENT.get(answer.item.code)
    if own is not None:
        return own[0] if last_year else own[1]
    suggested = answer.suggested_score if answer.suggested_score is not None else 1
    return max(suggested - 1, 0) if last_year else suggested


def _assess(keeper, riga, as_of, *, last_year: bool):
    assessment = services.start_assessment(keeper, riga, as_of=as_of)
    answers = {answer.pk: {"score": _score(answer, last_year), "evidence": "", "comment": ""}
               for answer in answers_of(assessment)}
    staff = (120, 18) if last_year else (120, 45)
    services.save_answers(keeper, assessment, answers=answers, frontline_staff=staff[0], trained_staff=staff[1])
    return services.complete_assessment(keeper, assessment)


def load_demo_municipal() -> None:
    load_checklists()
    riga = Municipality.objects.filter(country="LV", name="Rīga").first()
    keeper_user = User.objects.filter(username="local.coordinator").first()
    if riga is None or keeper_user is None:
        return
    keeper = actor_for_user(keeper_user)
    today = timezone.localdate()
    if not LocalMapping.objects.filter(municipality=riga).exists():
        services.save_mapping(keeper, riga, as_of=today - timedelta(days=200),
                              services=list(services_serving(riga).filter(type__code="safe_accommodation")),
                              **MAPPING)
    if Assessment.objects.filter(municipality=riga).exists():
        return
    _assess(keeper, riga, today - timedelta(days=365), last_year=True)
    current = _assess(keeper, riga, today, last_year=False)
    owner = User.objects.filter(username="social.worker").first() or keeper_user
    weakest = [answer for answer in answers_of(current) if answer.score is not None and answer.score <= 1]
    for answer, days in zip(weakest[:2], (60, 120), strict=False):
        services.add_action(keeper, current, item=answer.item, text=answer.item.text, owner=owner,
                            due=today + timedelta(days=days))
