from django.urls import path

from strom.network import views

app_name = "network"
urlpatterns = [
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<uuid:organisation_id>/administrator/", views.invite_administrator,
         name="invite_administrator"),
    path("organisations/<uuid:organisation_id>/active/", views.toggle_organisation, name="toggle_organisation"),
]
