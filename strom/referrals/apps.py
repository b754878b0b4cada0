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
        if referral_edges not in EDGE_SOURCES:
            EDGE_SOURCES.append(referral_edges)
