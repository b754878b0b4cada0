from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    name = "strom.prevention"
    label = "prevention"
    verbose_name = _("Prevention")

    def ready(self) -> None:
        from strom.prevention import evidence  # noqa: F401 — registers the self-assessment's prevention providers
