"""Erasure of a case's assistance records at the end of retention (registered with strom.cases.retention):
the free text goes (needs note, goals, review notes, protection measures, against whom a claim is made);
needs, services delivered with their cost, proceedings' kind and stage stay for statistics and costs."""

from __future__ import annotations

from strom.cases.retention import blank_fields


def erase_assistance(case) -> None:
    from strom.assistance.models import CompensationClaim, Goal, NeedsAssessment, PlanReview, Proceeding

    blank_fields(NeedsAssessment.objects.filter(case=case), "note")
    blank_fields(Goal.objects.filter(plan__case=case), "text")
    blank_fields(PlanReview.objects.filter(plan__case=case), "note")
    blank_fields(Proceeding.objects.filter(case=case), "protection_measures")
    blank_fields(CompensationClaim.objects.filter(proceeding__case=case), "against")
