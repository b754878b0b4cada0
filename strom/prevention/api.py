"""Prevention through the API, under the same policies as the pages.

- `GET /api/v1/prevention/campaigns/` — keyset pages, newest first (`after`: opaque cursor), filters
  `country`, `target_group`, `ours`; `network.read`, else a recorded 403.
- `POST /api/v1/prevention/campaigns/` — a campaign of the organisation the caller acts for
  (`prevention.manage`); no `code`: one is suggested from the title. 201 with the campaign.
- `GET /api/v1/prevention/campaigns/{id}/` — a campaign with its activities, materials and figures;
  `contacts`: how many hotline contacts named the campaign's code.
- `POST /api/v1/prevention/campaigns/{id}/activities/` — add an activity (organiser's `prevention.manage`;
  another organisation's campaign is a 404).
- `GET /api/v1/prevention/codes/{code}/` — the campaign a code names (normalised as a caller says it), or 404.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.network.models import Municipality, Organisation
from strom.prevention import queries, services
from strom.prevention.vocabularies import Channel, TargetGroup


class ActivitySerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    held_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    place = serializers.CharField(required=False, allow_blank=True, max_length=200)
    people_reached = serializers.IntegerField(min_value=0, max_value=10_000_000)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


class MaterialSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    language = serializers.CharField()
    link = serializers.URLField()


class CampaignSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    code = serializers.CharField(read_only=True)
    title = serializers.CharField()
    organiser = serializers.UUIDField(source="organiser_id", read_only=True)
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)
    country = serializers.CharField(read_only=True)
    municipality = serializers.UUIDField(source="municipality_id", read_only=True, allow_null=True)
    target_groups = serializers.ListField(child=serializers.ChoiceField(choices=TargetGroup.choices))
    channels = serializers.ListField(child=serializers.ChoiceField(choices=Channel.choices))
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)


class ChannelFigureSerializer(serializers.Serializer):
    channel = serializers.CharField()
    activities = serializers.IntegerField()
    people_reached = serializers.IntegerField()


class CampaignFiguresSerializer(serializers.Serializer):
    activities = serializers.IntegerField()
    people_reached = serializers.IntegerField()
    by_channel = serializers.SerializerMethodField()
    contacts = serializers.IntegerField(help_text="Hotline contacts that named the code.")

    @extend_schema_field(ChannelFigureSerializer(many=True))
    def get_by_channel(self, figures) -> list[dict]:
        return ChannelFigureSerializer([{"channel": c, "activities": n, "people_reached": r}
                                        for c, n, r in figures["by_channel"]], many=True).data


class CampaignSerializer(CampaignSummarySerializer):
    description = serializers.CharField()
    places = serializers.CharField()
    partners = serializers.SerializerMethodField()
    activities = ActivitySerializer(many=True, source="activities.all")
    materials = MaterialSerializer(many=True, source="materials.all")
    figures = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_partners(self, campaign) -> list[str]:
        return [str(p.pk) for p in campaign.partners.all()]

    @extend_schema_field(CampaignFiguresSerializer)
    def get_figures(self, campaign) -> dict:
        figures = queries.figures_for(campaign)
        contacts = queries.contacts_by_campaign([campaign])
        return CampaignFiguresSerializer({
            "activities": figures.activities, "people_reached": figures.people_reached,
            "by_channel": figures.by_channel,
            "contacts": contacts[campaign.code]}).data


class CampaignInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    country = serializers.CharField(max_length=2, required=False, allow_blank=True,
                                    help_text="ISO 3166-1 alpha-2; default: the municipality's or the organiser's.")
    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.all(), required=False,
                                                      allow_null=True)
    target_groups = serializers.ListField(child=serializers.ChoiceField(choices=TargetGroup.choices), required=False)
    channels = serializers.ListField(child=serializers.ChoiceField(choices=Channel.choices), required=False)
    places = serializers.CharField(max_length=500, required=False, allow_blank=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    partners = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True), many=True,
                                                  required=False)


class CampaignPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = CampaignSummarySerializer(many=True)


def _refused(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


class CampaignList(APIView):
    @extend_schema(parameters=[OpenApiParameter("country", str), OpenApiParameter("target_group", str,
                                                                                  enum=TargetGroup.values),
                               OpenApiParameter("ours", bool), OpenApiParameter("after", str,
                                                                                description="Opaque cursor.")],
                   responses=CampaignPageSerializer, operation_id="prevention_campaigns_list")
    def get(self, request):
        actor = actor_for(request._request)
        after = request.query_params.get("after") or None
        if after and queries.decode_cursor(after) is None:
            raise ValidationError({"after": ["The cursor is not valid; start again from the first page."]})
        target_group = request.query_params.get("target_group", "")
        if target_group and target_group not in TargetGroup.values:
            raise ValidationError({"target_group": ["Choose from the list."]})
        filters = queries.Filters(country=request.query_params.get("country", "")[:2].upper(),
                                  target_group=target_group,
                                  ours=request.query_params.get("ours", "").lower() in ("1", "true", "on"))
        page = queries.campaign_page(actor, filters, after)
        next_url = None
        if page.next_cursor:
            query = request.query_params.copy()
            query["after"] = page.next_cursor
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response({"next": next_url, "results": CampaignSummarySerializer(page.campaigns, many=True).data})

    @extend_schema(request=CampaignInputSerializer, responses={201: CampaignSerializer},
                   operation_id="prevention_campaigns_create")
    def post(self, request):
        actor = actor_for(request._request)
        given = CampaignInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            campaign = services.create_campaign(actor, request=request._request, **given.validated_data)
        except DjangoValidationError as error:
            raise _refused(error) from error
        return Response(CampaignSerializer(queries.get_campaign_for(actor, campaign.pk)).data, status=201)


class CampaignDetail(APIView):
    @extend_schema(responses=CampaignSerializer, operation_id="prevention_campaigns_retrieve")
    def get(self, request, campaign_id):
        actor = actor_for(request._request)
        return Response(CampaignSerializer(queries.get_campaign_for(actor, campaign_id)).data)


class CampaignActivities(APIView):
    @extend_schema(request=ActivitySerializer, responses={201: ActivitySerializer},
                   operation_id="prevention_campaign_activities_create")
    def post(self, request, campaign_id):
        actor = actor_for(request._request)
        campaign = queries.campaign_to_manage(actor, campaign_id)
        given = ActivitySerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            activity = services.add_activity(actor, campaign, request=request._request, **given.validated_data)
        except DjangoValidationError as error:
            raise _refused(error) from error
        return Response(ActivitySerializer(activity).data, status=201)


class CampaignByCode(APIView):
    @extend_schema(responses=CampaignSummarySerializer, operation_id="prevention_codes_retrieve")
    def get(self, request, code):
        actor = actor_for(request._request)
        queries.campaigns_visible_to(actor)  # the right to read campaigns
        campaign = queries.campaign_for_code(code)
        if campaign is None:
            raise Http404
        return Response(CampaignSummarySerializer(campaign).data)


def urlpatterns() -> list:
    return [
        path("v1/prevention/campaigns/", CampaignList.as_view(), name="api_prevention_campaigns"),
        path("v1/prevention/campaigns/<uuid:campaign_id>/", CampaignDetail.as_view(), name="api_prevention_campaign"),
        path("v1/prevention/campaigns/<uuid:campaign_id>/activities/", CampaignActivities.as_view(),
             name="api_prevention_activities"),
        path("v1/prevention/codes/<str:code>/", CampaignByCode.as_view(), name="api_prevention_code"),
    ]
