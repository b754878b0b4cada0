from django.urls import path

from strom.stats import release_views, views

app_name = "stats"
urlpatterns: list = [
    path("", views.index, name="index"),
]
urlpatterns += [  # public releases and the privacy-loss ledger (release_views.py)
    path("public/releases/", release_views.index, name="releases"),
    path("public/releases/budget/", release_views.budget, name="release_budget"),
    path("public/releases/prepare/", release_views.prepare, name="release_prepare"),
    path("public/releases/<uuid:release_id>/", release_views.detail, name="release"),
    path("public/releases/<uuid:release_id>/csv/", release_views.detail_csv, name="release_csv"),
]
urlpatterns += [  # dashboards and the yearly report (views.py)
    path("<str:kind>/", views.dashboard, name="dashboard"),
    path("<str:kind>/report/", views.report, name="report"),
    path("<str:kind>/<str:page>/download.<str:fmt>", views.download, name="download"),
]
