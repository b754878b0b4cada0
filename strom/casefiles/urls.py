from django.urls import path

from strom.casefiles import views

app_name = "casefiles"
urlpatterns = [
    path("<uuid:case_id>/files/", views.files, name="files"),
    path("<uuid:case_id>/files/notes/new/", views.note_add, name="note_add"),
    path("<uuid:case_id>/files/notes/<uuid:note_id>/edit/", views.note_edit, name="note_edit"),
    path("<uuid:case_id>/files/notes/<uuid:note_id>/withdraw/", views.note_withdraw, name="note_withdraw"),
    path("<uuid:case_id>/files/documents/new/", views.document_add, name="document_add"),
    path("<uuid:case_id>/files/documents/<uuid:document_id>/", views.document_download, name="document_download"),
    path("<uuid:case_id>/files/documents/<uuid:document_id>/withdraw/", views.document_withdraw,
         name="document_withdraw"),
]
