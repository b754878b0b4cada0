"""Erasure of a case's protection records at the end of retention (registered with strom.cases.retention):
the free text goes (why extended, risks, measures, the guardian, the conclusion, task titles); the dates,
levels and grounds stay for statistics, and the case no longer holds any deadline."""

from __future__ import annotations

from strom.cases.retention import blank_fields


def erase_protection(case) -> None:
    from strom.protection.models import BestInterests, CaseTask, Deadline, Guardian, PeriodExtension, RiskAssessment

    blank_fields(PeriodExtension.objects.filter(period__case=case), "why")
    blank_fields(RiskAssessment.objects.filter(case=case), "risks", "measures")
    blank_fields(Guardian.objects.filter(case=case), "guardian")
    blank_fields(BestInterests.objects.filter(case=case), "conclusion")
    blank_fields(CaseTask.objects.filter(case=case), "title")
    Deadline.objects.filter(case=case).delete()
