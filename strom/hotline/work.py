""""My work" items of the hotline: the actor's open follow-ups, due first (one statement)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

MAX_ITEMS = 10


def hotline_items(actor) -> list:
    from strom.hotline.models import FollowUp
    from strom.hotline.policies import RECORD
    from strom.web.work import WorkItem

    if actor.organisation is None or not actor.can(RECORD):
        return []
    today = timezone.localdate()
    rows = (FollowUp.objects.filter(organisation=actor.organisation, owner=actor.user, done_at__isnull=True)
            .order_by("due_on", "created", "id")[:MAX_ITEMS])
    items = []
    for follow_up in rows:
        due = date_format(follow_up.due_on)
        description = (_("Overdue: it was due on %(date)s.") if follow_up.due_on < today
                       else _("Due on %(date)s.")) % {"date": due}
        items.append(WorkItem(_("Hotline follow-up: %(task)s") % {"task": Truncator(follow_up.task).chars(80)},
                              description, reverse("hotline:detail", args=[follow_up.contact_id])))
    return items
