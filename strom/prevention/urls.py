from django.urls import path

from strom.prevention import views

app_name = "prevention"
urlpatterns: list = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="new"),
    path("<uuid:campaign_id>/", views.campaign_detail, name="detail"),
    path("<uuid:campaign_id>/edit/", views.campaign_edit, name="edit"),
    path("<uuid:campaign_id>/activities/", views.activity_add, name="activity_add"),
    path("<uuid:campaign_id>/activities/<uuid:activity_id>/remove/", views.activity_remove, name="activity_remove"),
    path("<uuid:campaign_id>/materials/", views.material_add, name="material_add"),
    path("<uuid:campaign_id>/materials/<uuid:material_id>/remove/", views.material_remove, name="material_remove"),
]
