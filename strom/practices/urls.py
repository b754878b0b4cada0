from django.urls import path

from strom.practices import views

app_name = "practices"
urlpatterns: list = [
    path("", views.practice_list, name="list"),
    path("new/", views.practice_create, name="new"),
    path("<uuid:practice_id>/", views.practice_detail, name="detail"),
    path("<uuid:practice_id>/edit/", views.practice_edit, name="edit"),
    path("<uuid:practice_id>/texts/<slug:language>/", views.text_edit, name="text"),
    path("<uuid:practice_id>/texts/<slug:language>/remove/", views.text_remove, name="text_remove"),
]
