from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalConfig(AppConfig):
    name = "strom.municipal"
    label = "municipal"
    verbose_name = _("Municipal toolkit")
