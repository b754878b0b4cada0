from django.urls import path

from strom.stats import release_views

app_name = "stats"
urlpatterns: list = []
urlpatterns += [  # public releases and the privacy-loss ledger (release_views.py)
    path("releases/", release_views.index, name="releases"),
    path("releases/budget/", release_views.budget, name="release_budget"),
    path("releases/prepare/", release_views.prepare, name="release_prepare"),
    path("releases/<uuid:release_id>/", release_views.detail, name="release"),
    path("releases/<uuid:release_id>/csv/", release_views.detail_csv, name="release_csv"),
]
