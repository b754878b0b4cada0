from django.apps import AppConfig


class LibTestsConfig(AppConfig):
    """A test-only app: installed by the tests that need it, never in settings.INSTALLED_APPS."""

    name = "strom.lib.tests.testapp"
    label = "strom_lib_tests"
    default_auto_field = "django.db.models.BigAutoField"
