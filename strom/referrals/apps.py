from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "strom.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from strom.cases.tabs import CaseTab, register

        register(CaseTab("referrals", _("Referrals"), "referrals:case", 40))
