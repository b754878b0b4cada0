"""Partnerships and the picture of the network, under /network/partnerships/ (see strom/urls.py).

A municipality's partnership is addressed by the municipality's id; its parts by their own ids.
"""

from django.urls import path

from strom.network import partnership_views as views

app_name = "partnerships"
urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:municipality_id>/", views.detail, name="detail"),
    path("<uuid:municipality_id>/new/", views.create, name="create"),
    path("<uuid:municipality_id>/edit/", views.edit, name="edit"),
    path("<uuid:municipality_id>/picture/", views.picture, name="picture"),
    path("<uuid:municipality_id>/members/new/", views.member_add, name="member_add"),
    path("members/<uuid:member_id>/edit/", views.member_edit, name="member_edit"),
    path("<uuid:municipality_id>/agreements/new/", views.agreement_add, name="agreement_add"),
    path("agreements/<uuid:agreement_id>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<uuid:agreement_id>/document/", views.agreement_document, name="agreement_document"),
    path("<uuid:municipality_id>/meetings/new/", views.meeting_add, name="meeting_add"),
    path("meetings/<uuid:meeting_id>/", views.meeting, name="meeting"),
    path("meetings/<uuid:meeting_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<uuid:meeting_id>/decisions/new/", views.decision_add, name="decision_add"),
    path("decisions/<uuid:decision_id>/edit/", views.decision_edit, name="decision_edit"),
    path("<uuid:municipality_id>/action-points/new/", views.action_point_add, name="action_point_add"),
    path("meetings/<uuid:meeting_id>/action-points/new/", views.meeting_action_point_add,
         name="meeting_action_point_add"),
    path("action-points/<uuid:action_point_id>/", views.action_point, name="action_point"),
    path("action-points/<uuid:action_point_id>/edit/", views.action_point_edit, name="action_point_edit"),
]
