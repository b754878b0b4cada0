from __future__ import annotations

from rest_framework import serializers

from strom.accounts.models import Membership, User
from strom.network.models import Municipality, Organisation


class MunicipalitySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")

    class Meta:
        model = Municipality
        fields = ["id", "country", "name", "name_en", "region"]


class OrganisationSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")
    municipality = MunicipalitySerializer(allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "type", "country", "municipality"]


class MembershipSerializer(serializers.ModelSerializer):
    organisation = OrganisationSerializer()

    class Meta:
        model = Membership
        fields = ["organisation", "role"]


class MeSerializer(serializers.ModelSerializer):
    memberships = serializers.SerializerMethodField()
    current_organisation = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "email", "current_organisation", "memberships", "permissions"]

    def get_memberships(self, user) -> list[dict]:
        return MembershipSerializer(self.context["actor"].memberships, many=True).data

    def get_current_organisation(self, user) -> str | None:
        organisation = self.context["actor"].organisation
        return str(organisation.id) if organisation else None

    def get_permissions(self, user) -> list[str]:
        return sorted(self.context["actor"].permissions)
