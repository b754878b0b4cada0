from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "strom.hotline"
    label = "hotline"
    verbose_name = _("Hotline")

    def ready(self) -> None:
        from strom.hotline.stats import contacts_section
        from strom.stats.dashboards import register_section

        register_section("hotline", _("Hotline contacts"), contacts_section, order=40)
        from strom.cases.retention import register_eraser
        from strom.hotline.retention import erase_hotline

        register_eraser("hotline", erase_hotline)
