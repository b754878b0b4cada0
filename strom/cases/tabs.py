"""The sections of a case page, shown as a sub-navigation on every page of one case.

Each area that adds pages to a case (protection, assistance, notes and documents, referrals) registers
its tab in its AppConfig.ready(), so no area edits another's templates to be reachable.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CaseTab:
    key: str  # what a page passes as "current"
    label: str
    url_name: str  # takes the case id as its only argument
    order: int


TABS: dict[str, CaseTab] = {}


def register(tab: CaseTab) -> None:
    TABS[tab.key] = tab


def tabs_for(case, current: str) -> list[dict]:
    return [{"label": tab.label, "url": reverse(tab.url_name, args=[case.pk]), "current": tab.key == current}
            for tab in sorted(TABS.values(), key=lambda tab: tab.order)]


register(CaseTab("overview", _("Overview"), "cases:detail", 0))
