from django.urls import path

from strom.network import views

app_name = "network"
urlpatterns = [
    # System administrator: organisations and municipalities.
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<uuid:organisation_id>/administrator/", views.invite_administrator,
         name="invite_administrator"),
    path("organisations/<uuid:organisation_id>/active/", views.toggle_organisation, name="toggle_organisation"),
    # The partners' directory and the pathway finder (network.read).
    path("directory/", views.directory, name="directory"),
    path("finder/", views.finder, name="finder"),
    path("services/<uuid:service_id>/", views.service_detail, name="service"),
    path("organisations/<uuid:organisation_id>/", views.organisation_detail, name="organisation"),
    path("municipalities/<uuid:municipality_id>/", views.municipality_detail, name="municipality"),
    path("municipalities/<uuid:municipality_id>/procedure/", views.procedure, name="procedure"),
    # The organisation's own services (network.manage_services; free places also case.write).
    path("our-services/", views.our_services, name="our_services"),
    path("our-services/new/", views.service_create, name="service_create"),
    path("services/<uuid:service_id>/edit/", views.service_edit, name="service_edit"),
    path("services/<uuid:service_id>/hours/", views.service_hours, name="service_hours"),
    path("services/<uuid:service_id>/exceptions/", views.service_exception_add, name="service_exception_add"),
    path("services/<uuid:service_id>/exceptions/<int:exception_id>/remove/", views.service_exception_remove,
         name="service_exception_remove"),
    path("services/<uuid:service_id>/locations/", views.service_locations, name="service_locations"),
    path("services/<uuid:service_id>/locations/<uuid:location_id>/remove/", views.service_location_remove,
         name="service_location_remove"),
    path("services/<uuid:service_id>/capacity/", views.service_capacity, name="service_capacity"),
    path("services/<uuid:service_id>/verify/", views.service_verify, name="service_verify"),
]
