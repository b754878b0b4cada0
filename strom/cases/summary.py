"""The case summary: one printable page (/cases/<id>/summary/) and the same as a PDF (summary.pdf).

It shows the pseudonym, the stage timeline, identification decisions and consents, the person's
identity only to a reader who may see it (recorded), and then the sections other areas register:

    from strom.cases import summary
    summary.register_section("protection/summary_section.html", protection_context, order=20)

in their AppConfig.ready(). `context_function(actor, case, request)` returns a dict for the template
(or None to leave the section out); it must read through the area's own scoped queries and record
its own reads. Break-glass may read the summary on screen but never gets the PDF: a printed copy
outlives the four hours of emergency access.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from strom.accounts.policies import Actor, actor_for, deny
from strom.cases import consent, queries
from strom.cases.models import IDENTITY_FIELDS
from strom.cases.policies import READ, Access, access_to


@dataclass(frozen=True)
class SummarySection:
    template: str
    context_function: Callable  # (actor, case, request) -> dict | None
    order: int


SECTIONS: dict[str, SummarySection] = {}


def register_section(template: str, context_function: Callable, order: int) -> None:
    """Add (or replace, by template name) a section of the case summary."""
    SECTIONS[template] = SummarySection(template, context_function, order)


def sections_for(actor: Actor, case, request=None) -> list[dict]:
    shown = []
    for section in sorted(SECTIONS.values(), key=lambda s: (s.order, s.template)):
        context = section.context_function(actor, case, request)
        if context is not None:
            shown.append({"template": section.template, "context": context})
    return shown


def may_see_identity(actor: Actor, case) -> bool:
    """The identity is for the lead organisation's readers and break-glass (who reads the case page
    too); organisations let in by another rule (a referral) see what that rule covers, not this."""
    access = access_to(actor, case)
    return access == Access.EMERGENCY or (access == Access.LEAD and case.lead_organisation_id == getattr(
        actor.organisation, "pk", None) and actor.can(READ))


def summary_context(request, actor: Actor, case) -> dict:
    person = (queries.identity_of(actor, case, fields=IDENTITY_FIELDS, request=request)
              if may_see_identity(actor, case) else None)
    ledger = queries.consent_ledger_of(case)
    return {"case": case, "person": person, "timeline": queries.timeline_of(case),
            "decisions": list(case.decisions.all()), "consents": consent.current(ledger),
            "sections": sections_for(actor, case, request), "tab": "summary",
            "emergency": access_to(actor, case) == Access.EMERGENCY}


@login_required
@require_GET
def summary_page(request, case_id):
    actor = actor_for(request)
    case = queries.get_case_for(actor, case_id)
    return render(request, "cases/summary.html", summary_context(request, actor, case))


def require_pdf(actor: Actor, case) -> None:
    """Emergency access reads on screen only."""
    if access_to(actor, case) == Access.EMERGENCY:
        deny(actor, READ, case)


@login_required
@require_GET
def summary_pdf(request, case_id):
    from weasyprint import HTML

    actor = actor_for(request)
    case = queries.get_case_for(actor, case_id)
    require_pdf(actor, case)
    html = render_to_string("cases/summary_pdf.html", summary_context(request, actor, case), request=request)
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="case-summary.pdf"'
    response["Cache-Control"] = "no-store"
    return response
