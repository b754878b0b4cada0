from django.urls import path

from strom.stats import release_views

app_name = "stats"
urlpatterns: list = []
urlpatterns += [  # public releases and the privacy-loss ledger (release_views.py)
    path("public/releases/", release_views.index, name="releases"),
    path("public/releases/budget/", release_views.budget, name="release_budget"),
    path("public/releases/prepare/", release_views.prepare, name="release_prepare"),
    path("public/releases/<uuid:release_id>/", release_views.detail, name="release"),
    path("public/releases/<uuid:release_id>/csv/", release_views.detail_csv, name="release_csv"),
]
