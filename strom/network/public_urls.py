"""The public directory: no sign-in. Only services marked public, and only what is meant for the public."""

from django.urls import path

from strom.network import views

urlpatterns = [
    path("", views.public_directory, name="public_directory"),
    path("services/<uuid:service_id>/", views.public_service, name="public_service"),
]
