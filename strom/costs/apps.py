from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostsConfig(AppConfig):
    name = "strom.costs"
    label = "costs"
    verbose_name = _("Cost of assistance")

    def ready(self) -> None:
        from strom.cases.tabs import CaseTab, register

        # After assistance (20): the cost is computed from its services delivered and its plan.
        register(CaseTab("costs", _("Cost"), "costs:case", 25))
        from strom.costs import evidence  # noqa: F401 — registers the self-assessment's cost provider
