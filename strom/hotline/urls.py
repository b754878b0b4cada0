from django.urls import path

from strom.hotline import crisis_urls, views

app_name = "hotline"
urlpatterns = [
    path("", views.log, name="log"),
    path("new/", views.new, name="new"),
    path("shift/", views.shift, name="shift"),
    path("figures/", views.figures, name="figures"),
    path("follow-ups/<uuid:follow_up_id>/done/", views.follow_up_done, name="follow_up_done"),
    path("<uuid:contact_id>/", views.detail, name="detail"),
    path("<uuid:contact_id>/edit/", views.edit, name="edit"),
    path("<uuid:contact_id>/follow-ups/", views.add_follow_up, name="add_follow_up"),
]
urlpatterns += crisis_urls.urlpatterns  # crisis view, job-offer check, escalation (hotline-crisis)
