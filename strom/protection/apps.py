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
