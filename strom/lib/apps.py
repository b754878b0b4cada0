from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "strom.lib"
    label = "strom_lib"
    verbose_name = "Strom shared blocks"
