from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", include("strom.api.urls")),
    path("audit/", include("strom.audit.urls")),
    path("cases/<uuid:case_id>/assistance/", include("strom.assistance.urls")),
    path("cases/", include("strom.cases.urls")),
    path("cases/<uuid:case_id>/protection/", include("strom.protection.urls")),
    path("cases/", include("strom.casefiles.urls")),  # /cases/<id>/files/…
    path("network/partnerships/", include("strom.network.partnership_urls")),
    path("network/", include("strom.network.urls")),
    path("screening/", include("strom.screening.urls")),
    path("referrals/", include("strom.referrals.urls")),
    path("directory/", include("strom.network.public_urls")),  # the public directory: no sign-in
    path("hotline/", include("strom.hotline.urls")),
    path("stats/", include("strom.stats.urls")),
    path("exchange/", include("strom.interchange.urls")),
    path("municipal/", include("strom.municipal.urls")),
    path("prevention/", include("strom.prevention.urls")),
    path("practices/", include("strom.practices.urls")),
    path("costs/", include("strom.costs.urls")),
    path("", include("strom.accounts.urls")),
    path("", include("strom.web.urls")),
]

handler403 = "strom.web.views.permission_denied"
handler404 = "strom.web.views.page_not_found"
handler500 = "strom.web.views.server_error"
