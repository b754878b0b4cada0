from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "strom.assistance"
    label = "assistance"
    verbose_name = _("Assistance")

    def ready(self) -> None:
        from strom.cases.tabs import CaseTab, register

        register(CaseTab("assistance", _("Assistance"), "assistance:overview", 20))
        from strom.assistance.retention import erase_assistance
        from strom.assistance.summary import summary_context
        from strom.cases import retention, summary

        summary.register_section("assistance/summary_section.html", summary_context, 20)
        retention.register_eraser("assistance", erase_assistance)
