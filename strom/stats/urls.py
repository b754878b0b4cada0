from django.urls import path

from strom.stats import views

app_name = "stats"
urlpatterns: list = [
    path("", views.index, name="index"),
    path("<str:kind>/", views.dashboard, name="dashboard"),
    path("<str:kind>/report/", views.report, name="report"),
    path("<str:kind>/<str:page>/download.<str:fmt>", views.download, name="download"),
]
