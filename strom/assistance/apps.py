from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "strom.assistance"
    label = "assistance"
    verbose_name = _("Assistance")

    def ready(self) -> None:
        from strom.cases.tabs import CaseTab, register

        register(CaseTab("assistance", _("Assistance"), "assistance:overview", 20))
