"""The assistance part of the case summary (registered in apps.py): the latest needs, the newest approved
plan (goals, planned services, next review), services delivered with totals per currency and payer,
proceedings and the return plan. Reading it is recorded like the assistance page."""

from __future__ import annotations

from strom.assistance import queries


def summary_context(actor, case, request=None) -> dict:
    queries.record_read(actor, case, part="summary", request=request)
    plans = queries.plans_of(case)
    delivered = queries.delivered_of(case)
    assessments = queries.assessments_of(case)
    return {"assessment": assessments[0] if assessments else None,
            "plan": next((plan for plan in plans if plan.is_approved), None),
            "delivered": delivered, "totals": queries.totals_of(delivered),
            "proceedings": queries.proceedings_of(case), "return_plan": queries.return_plan_of(case)}
