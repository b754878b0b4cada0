from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "strom.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from strom.cases.tabs import CaseTab, register
        from strom.network.picture import EDGE_SOURCES
        from strom.referrals.picture import referral_edges

        register(CaseTab("referrals", _("Referrals"), "referrals:case", 40))
        from strom.cases.retention import register_eraser
        from strom.referrals.retention import erase_referrals

        register_eraser("referrals", erase_referrals)
        from strom.cases.summary import register_section
        from strom.referrals.summary import summary_context

        register_section("referrals/summary_section.html", summary_context, 40)
        if referral_edges not in EDGE_SOURCES:
            EDGE_SOURCES.append(referral_edges)
