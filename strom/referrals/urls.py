from django.urls import path

from strom.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.new, name="new"),
    path("figures/", views.figures, name="figures"),
    path("case/<uuid:case_id>/", views.case_tab, name="case"),
    path("<uuid:referral_id>/", views.detail, name="detail"),
    path("<uuid:referral_id>/letter/", views.letter, name="letter"),
    path("<uuid:referral_id>/<str:action>/", views.act, name="act"),
]
