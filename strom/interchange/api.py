"""Data exchange through the API, under the same policies and services as the page.

- `POST /api/v1/exchange/imports/` (multipart: `file`, `dry_run`, `skip_invalid`): starts an import
  into the caller's organisation (202 with the job); `GET /api/v1/exchange/imports/{id}/`: its state,
  progress and report (line, column, reason). 404 outside the job's organisation, a recorded 403
  without `interchange.import`.
- `GET /api/v1/exchange/htcds.csv`: the HTCDS export of the cases the caller sees (as on the page).
"""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.api.permissions import HasPermission
from strom.casefiles import uploads
from strom.interchange import exports, queries, services
from strom.interchange.models import JobState
from strom.interchange.policies import EXPORT, IMPORT
from strom.interchange.views import _download


class ImportErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="The line in the file; the header is line 1.")
    column = serializers.CharField()
    reason = serializers.CharField()


class ImportJobSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    state = serializers.ChoiceField(choices=JobState.choices)
    dry_run = serializers.BooleanField()
    skip_invalid = serializers.BooleanField()
    created = serializers.DateTimeField()
    finished = serializers.DateTimeField(allow_null=True)
    rows_total = serializers.IntegerField()
    rows_done = serializers.SerializerMethodField()
    imported = serializers.IntegerField()
    errors = serializers.SerializerMethodField()

    def get_rows_done(self, job) -> int:
        return services.progress_of(job)

    @extend_schema_field(ImportErrorSerializer(many=True))
    def get_errors(self, job) -> list:
        return (job.report or {}).get("errors", [])


class ImportStartSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV (UTF-8, commas) or XLSX, HTCDS column names in the first row.")
    dry_run = serializers.BooleanField(default=False)
    skip_invalid = serializers.BooleanField(default=False)

    def validate_file(self, upload):
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise serializers.ValidationError(_("Choose a CSV or XLSX file."))
        if upload.size > uploads.max_bytes():
            raise serializers.ValidationError(uploads.too_large_message())
        return upload


class ImportList(APIView):
    parser_classes = [MultiPartParser]
    permission_classes = [HasPermission.of(IMPORT)]

    def initialize_request(self, request, *args, **kwargs):
        drf_request = super().initialize_request(request, *args, **kwargs)
        uploads.accept_in_memory(request)  # before authentication or parsing read the body
        return drf_request

    @extend_schema(request={"multipart/form-data": ImportStartSerializer}, responses={202: ImportJobSerializer},
                   operation_id="exchange_imports_create")
    def post(self, request):
        actor = actor_for(request._request)
        given = ImportStartSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        if actor.organisation.municipality_id is None:
            raise ValidationError({"detail": _("Your organisation has no municipality in the directory: "
                                               "imported cases need one.")})
        upload = given.validated_data["file"]
        job = services.start_import(actor, upload=upload, file_format=upload.name.lower().rsplit(".", 1)[-1],
                                    dry_run=given.validated_data["dry_run"],
                                    skip_invalid=given.validated_data["skip_invalid"], request=request._request)
        return Response(ImportJobSerializer(job).data, status=202)


class ImportDetail(APIView):
    @extend_schema(responses=ImportJobSerializer, operation_id="exchange_imports_retrieve")
    def get(self, request, job_id):
        job = queries.get_job_for(actor_for(request._request), job_id)
        return Response(ImportJobSerializer(job).data)


class HtcdsExport(APIView):
    permission_classes = [HasPermission.of(EXPORT)]

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY)},
                   operation_id="exchange_htcds_csv")
    def get(self, request):
        actor = actor_for(request._request)
        exports.start_htcds_export(actor, "csv", request=request._request)
        response = StreamingHttpResponse(exports.csv_lines(exports.htcds_table(actor)), content_type="text/csv")
        return _download(response, "htcds", "csv")


def urlpatterns() -> list:
    return [
        path("v1/exchange/imports/", ImportList.as_view(), name="api_exchange_imports"),
        path("v1/exchange/imports/<uuid:job_id>/", ImportDetail.as_view(), name="api_exchange_import"),
        path("v1/exchange/htcds.csv", HtcdsExport.as_view(), name="api_exchange_htcds_csv"),
    ]
