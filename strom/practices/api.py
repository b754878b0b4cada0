"""The practices library through the API (everyone signed in reads; no writes yet — use the pages).

- `GET /api/v1/practices/` — keyset pages, newest first (`after`), search `words` (every word, in any
  language of the practice, accents and case ignored), `country`, `tag` ("target_groups:students",
  "exploitation_forms:labour", "chain_stages:referral"); each practice with its text in `language`
  (default: the caller's interface language; else the original, else English) and the other languages.
- `GET /api/v1/practices/{id}/` — a practice with all its texts.
"""

from __future__ import annotations

from django.urls import path
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.practices import queries


class TextSerializer(serializers.Serializer):
    language = serializers.CharField()
    title = serializers.CharField()
    problem = serializers.CharField()
    approach = serializers.CharField()
    results = serializers.CharField()
    needs_review = serializers.BooleanField()


class FactsSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    country = serializers.CharField()
    original_language = serializers.CharField()
    actors = serializers.CharField()
    contact_organisation = serializers.CharField()
    contact_point = serializers.CharField()
    links = serializers.ListField(child=serializers.URLField())
    target_groups = serializers.ListField(child=serializers.CharField())
    exploitation_forms = serializers.ListField(child=serializers.CharField())
    chain_stages = serializers.ListField(child=serializers.CharField())
    source = serializers.CharField()


class PracticeRowSerializer(serializers.Serializer):
    practice = FactsSerializer()
    text = TextSerializer(allow_null=True)
    other_languages = serializers.ListField(child=serializers.CharField(), source="others")


class PracticePageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = PracticeRowSerializer(many=True)


class PracticeSerializer(FactsSerializer):
    texts = TextSerializer(many=True, source="texts.all")


class PracticeList(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("words", str), OpenApiParameter("country", str),
                               OpenApiParameter("tag", str), OpenApiParameter("language", str),
                               OpenApiParameter("after", str, description="Opaque cursor.")],
                   responses=PracticePageSerializer, operation_id="practices_list")
    def get(self, request):
        actor = actor_for(request._request)
        params = request.query_params
        after = params.get("after") or None
        if after and queries.decode_cursor(after) is None:
            raise ValidationError({"after": ["The cursor is not valid; start again from the first page."]})
        filters = queries.Filters(words=params.get("words", "")[:200], country=params.get("country", "")[:2].upper(),
                                  tag=params.get("tag", "")[:60])
        page = queries.practice_page(actor, filters, params.get("language") or get_language(), after)
        next_url = None
        if page.next_cursor:
            query = params.copy()
            query["after"] = page.next_cursor
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response({"next": next_url, "results": PracticeRowSerializer(page.rows, many=True).data})


class PracticeDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=PracticeSerializer, operation_id="practices_retrieve")
    def get(self, request, practice_id):
        actor = actor_for(request._request)
        return Response(PracticeSerializer(queries.get_practice_for(actor, practice_id)).data)


def urlpatterns() -> list:
    return [
        path("v1/practices/", PracticeList.as_view(), name="api_practices"),
        path("v1/practices/<uuid:practice_id>/", PracticeDetail.as_view(), name="api_practice"),
    ]
