from django.urls import path

from strom.assistance import views

app_name = "assistance"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("needs/new/", views.needs_add, name="needs_add"),
    path("plan/versions/", views.plan_versions, name="plan_versions"),
    path("plan/goals/new/", views.goal_add, name="goal_add"),
    path("plan/goals/<uuid:goal_id>/status/", views.goal_status, name="goal_status"),
    path("plan/services/new/", views.planned_service_add, name="plan_service"),
    path("plan/<uuid:plan_id>/approve/", views.plan_approve, name="plan_approve"),
    path("plan/<uuid:plan_id>/reviews/new/", views.plan_review, name="plan_review"),
    path("delivered/new/", views.delivered_add, name="delivered_add"),
    path("proceedings/new/", views.proceeding_add, name="proceeding_add"),
    path("proceedings/<uuid:proceeding_id>/claims/new/", views.claim_add, name="claim_add"),
    path("return/", views.return_plan, name="return_plan"),
]
