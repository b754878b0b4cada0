from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "strom.stats"
    label = "stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from strom.stats.public_tables import register_report_tables

        register_report_tables()
