from django.urls import path

from strom.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.start, name="start"),
    path("checklist/", views.checklist, name="checklist"),
    path("attach-to-case/<uuid:case_id>/", views.attach, name="attach"),
    path("<uuid:screening_id>/", views.summary, name="summary"),
    path("<uuid:screening_id>/pdf/", views.summary_pdf, name="summary_pdf"),
    path("<uuid:screening_id>/step/<str:code>/", views.step, name="step"),
    path("<uuid:screening_id>/complete/", views.complete, name="complete"),
]
