from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from strom.api import views
from strom.assistance import api as assistance_api
from strom.casefiles import api as casefiles_api
from strom.cases import api as cases_api
from strom.interchange import api as interchange_api
from strom.network import api as hsds_api
from strom.protection import api as protection_api
from strom.referrals import api as referrals_api
from strom.screening import api as screening_api

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
    *interchange_api.urlpatterns(),  # /api/v1/exchange/…
]
