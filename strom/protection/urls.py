from django.urls import path

from strom.protection import views

app_name = "protection"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("period/new/", views.period_start, name="period_start"),
    path("period/<uuid:period_id>/extend/", views.period_extend, name="period_extend"),
    path("period/<uuid:period_id>/end/", views.period_end, name="period_end"),
    path("permit/new/", views.permit_add, name="permit_add"),
    path("permit/<uuid:permit_id>/renew/", views.permit_renew, name="permit_renew"),
    path("risk/new/", views.risk_add, name="risk_add"),
    path("guardian/new/", views.guardian_add, name="guardian_add"),
    path("best-interests/new/", views.best_interests_add, name="best_interests_add"),
    path("tasks/new/", views.task_add, name="task_add"),
    path("tasks/<uuid:task_id>/done/", views.task_done, name="task_done"),
]
