""""My work" for screening: her own drafts, to be resumed (strom/web/work.py lists the providers)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from strom.screening.models import Screening, ScreeningStatus
from strom.screening.policies import RUN

MAX_DRAFTS = 5


def screening_items(actor) -> list:
    """Her unfinished screenings in the organisation she acts for, newest first; no labels (a pseudonym
    is still the screening's data, read only on its own pages)."""
    from strom.web.work import WorkItem

    if actor.organisation is None or not actor.can(RUN):
        return []
    drafts = list(Screening.objects.filter(organisation=actor.organisation, screener=actor.user,
                                           status=ScreeningStatus.DRAFT)
                  .select_related("framework").order_by("-created", "-id")[:MAX_DRAFTS + 1])
    items = [WorkItem(_("Continue the screening started on %(date)s") % {
                          "date": date_format(localtime(draft.created), "DATETIME_FORMAT")},
                      draft.framework.title, reverse("screening:summary", args=[draft.pk]))
             for draft in drafts[:MAX_DRAFTS]]
    if len(drafts) > MAX_DRAFTS:
        items.append(WorkItem(_("More unfinished screenings"), _("See all the screenings of your organisation."),
                              reverse("screening:index")))
    return items
