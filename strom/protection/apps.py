from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionConfig(AppConfig):
    name = "strom.protection"
    label = "protection"
    verbose_name = _("Protection")

    def ready(self):
        # The case page's sub-navigation gets a "Protection" tab; no other app's template is edited.
        from strom.cases.tabs import CaseTab, register

        register(CaseTab("protection", _("Protection"), "protection:overview", 10))
        from strom.cases import retention, summary
        from strom.protection.retention import erase_protection
        from strom.protection.summary import summary_context

        summary.register_section("protection/summary_section.html", summary_context, 10)
        retention.register_eraser("protection", erase_protection)
