from django.urls import path

from strom.accounts import views
from strom.api import views as api_views

urlpatterns = [
    path("me/second-factor-required/", views.mfa_required, name="mfa_required"),
    path("me/profile/", views.profile, name="profile"),
    path("me/security/", views.security, name="security"),
    path("me/security/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("me/security/tokens/new/", api_views.token_create, name="api_token_create"),
    path("me/security/tokens/<uuid:token_id>/revoke/", api_views.token_revoke, name="api_token_revoke"),
    path("me/organisation/", views.switch_organisation, name="switch_organisation"),
    path("organisation/users/", views.organisation_users, name="organisation_users"),
    path("organisation/users/<uuid:user_id>/roles/", views.member_roles, name="member_roles"),
    path("organisation/users/<uuid:user_id>/deactivate/", views.deactivate_member, name="deactivate_member"),
]
