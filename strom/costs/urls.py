from django.urls import path

from strom.costs import views

app_name = "costs"
urlpatterns = [
    path("", views.report_page, name="report"),
    path("report.csv", views.report_csv, name="report_csv"),
    path("rates/", views.rates, name="rates"),
    path("rates/<slug:kind>/new/", views.rate_add, name="rate_add"),
    path("rates/<slug:kind>/<uuid:rate_id>/end/", views.rate_end, name="rate_end"),
    path("cases/<uuid:case_id>/", views.case_cost, name="case"),
    path("cases/<uuid:case_id>/staff-time/new/", views.staff_time_add, name="staff_time_add"),
]
