from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from strom.api import views
from strom.assistance import api as assistance_api
from strom.casefiles import api as casefiles_api
from strom.cases import api as cases_api
from strom.costs import api as costs_api
from strom.hotline import api as hotline_api
from strom.hotline import api_crisis as hotline_crisis_api
from strom.interchange import api as interchange_api
from strom.municipal import api as municipal_api
from strom.network import api as hsds_api
from strom.practices import api as practices_api
from strom.prevention import api as prevention_api
from strom.protection import api as protection_api
from strom.referrals import api as referrals_api
from strom.screening import api as screening_api
from strom.stats import api as stats_api
from strom.stats import release_api as stats_release_api

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("v1/me/", views.MeView.as_view(), name="api_me"),
    path("v1/organisations/", views.OrganisationList.as_view(), name="api_organisations"),
    *hsds_api.urlpatterns(),  # /api/v1/hsds/… and /api/v1/hsds/public/… (HSDS 3.0)
    *screening_api.urlpatterns(),  # /api/v1/screening/…
    *cases_api.urlpatterns(),  # /api/v1/cases/…
    *referrals_api.urlpatterns(),  # /api/v1/referrals/…
    *protection_api.urlpatterns(),  # /api/v1/cases/{id}/protection/
    *casefiles_api.urlpatterns(),  # /api/v1/cases/{id}/notes/, …/documents/
    *assistance_api.urlpatterns(),  # /api/v1/cases/{id}/assistance/…
    *stats_api.urlpatterns(),  # /api/v1/stats/…
    *stats_release_api.urlpatterns(),  # /api/v1/stats/releases/…
    *municipal_api.urlpatterns(),  # /api/v1/municipal/…
    *hotline_api.urlpatterns(),  # /api/v1/hotline/…
    *costs_api.urlpatterns(),  # /api/v1/cases/{id}/costs/…, /api/v1/costs/report/
    *prevention_api.urlpatterns(),  # /api/v1/prevention/…
    *practices_api.urlpatterns(),  # /api/v1/practices/…
    *hotline_crisis_api.urlpatterns(),  # /api/v1/hotline/crisis/, job-offer, escalation
    *interchange_api.urlpatterns(),  # /api/v1/exchange/…
]
