from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasefilesConfig(AppConfig):
    name = "strom.casefiles"
    label = "casefiles"
    verbose_name = _("Notes and documents of a case")

    def ready(self):
        from strom.cases import summary, tabs

        tabs.register(tabs.CaseTab("files", _("Notes and documents"), "casefiles:files", 30))
        from strom.casefiles.summary import summary_context

        summary.register_section("casefiles/summary_section.html", summary_context, 30)
        from strom.casefiles.retention import erase_case_files
        from strom.cases.retention import register_eraser

        register_eraser("notes and documents", erase_case_files)
