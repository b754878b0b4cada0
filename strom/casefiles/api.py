"""Notes and documents through the API, under the same policies and services as the pages.

- `GET/POST /api/v1/cases/{id}/notes/`: the notes the caller may read (the read of their text is
  recorded, by note id), or a new note;
- `PATCH /api/v1/cases/{id}/notes/{note}/` and `POST …/withdraw/`: the author's own note;
- `GET/POST /api/v1/cases/{id}/documents/`: the readable documents, or an upload (multipart: `file`,
  `kind`, `sensitivity`), received in memory only, its type sniffed from the bytes;
- `GET …/documents/{document}/download/`: the file, recorded; `POST …/withdraw/` with a reason.
404 for what the caller may not read, a recorded 403 for what she may read but not change.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for
from strom.casefiles import queries, services, uploads
from strom.casefiles.models import DocumentKind, Sensitivity
from strom.casefiles.views import attachment
from strom.cases.queries import case_to_write, get_case_for


class NoteSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    text = serializers.SerializerMethodField(help_text="Empty once the note is withdrawn.")
    sensitivity = serializers.ChoiceField(choices=Sensitivity.choices)
    author = serializers.CharField(source="author.username")
    organisation = serializers.CharField(source="organisation.name")
    created = serializers.DateTimeField()
    edited = serializers.DateTimeField(allow_null=True)
    withdrawn = serializers.DateTimeField(allow_null=True)

    def get_text(self, note) -> str:
        return "" if note.is_withdrawn else note.text


class NoteInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=services.MAX_TITLE)
    text = serializers.CharField(max_length=services.MAX_TEXT)
    sensitivity = serializers.ChoiceField(choices=Sensitivity.choices, default=Sensitivity.CASE)


class NoteChangeSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=services.MAX_TITLE, required=False)
    text = serializers.CharField(max_length=services.MAX_TEXT, required=False)
    sensitivity = serializers.ChoiceField(choices=Sensitivity.choices, required=False)


class DocumentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    name = serializers.CharField(help_text="The file name as uploaded.")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sensitivity = serializers.ChoiceField(choices=Sensitivity.choices)
    author = serializers.CharField(source="author.username")
    created = serializers.DateTimeField()
    withdrawn = serializers.DateTimeField(allow_null=True)
    withdrawal_reason = serializers.CharField()


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    sensitivity = serializers.ChoiceField(choices=Sensitivity.choices, default=Sensitivity.CASE)


class WithdrawalSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


def _refused(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


class NoteList(APIView):
    @extend_schema(responses=NoteSerializer(many=True), operation_id="case_notes_list")
    def get(self, request, case_id):
        actor = actor_for(request._request)
        case = get_case_for(actor, case_id)
        return Response(NoteSerializer(queries.notes_to_read(actor, case, request=request._request), many=True).data)

    @extend_schema(request=NoteInputSerializer, responses={201: NoteSerializer}, operation_id="case_notes_create")
    def post(self, request, case_id):
        actor = actor_for(request._request)
        case = case_to_write(actor, case_id)
        given = NoteInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            note = services.add_note(actor, case, request=request._request, **given.validated_data)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(NoteSerializer(note).data, status=201)


class NoteDetail(APIView):
    @extend_schema(request=NoteChangeSerializer, responses=NoteSerializer, operation_id="case_notes_update")
    def patch(self, request, case_id, note_id):
        actor = actor_for(request._request)
        note = queries.note_to_change(actor, get_case_for(actor, case_id), note_id)
        given = NoteChangeSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        values = {"title": note.title, "text": note.text, "sensitivity": note.sensitivity, **given.validated_data}
        try:
            services.edit_note(actor, note, request=request._request, **values)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(NoteSerializer(note).data)


class NoteWithdraw(APIView):
    @extend_schema(request=None, responses=NoteSerializer, operation_id="case_notes_withdraw")
    def post(self, request, case_id, note_id):
        actor = actor_for(request._request)
        note = queries.note_to_change(actor, get_case_for(actor, case_id), note_id)
        services.withdraw_note(actor, note, request=request._request)
        return Response(NoteSerializer(note).data)


class DocumentList(APIView):
    parser_classes = [MultiPartParser]

    def initialize_request(self, request, *args, **kwargs):
        drf_request = super().initialize_request(request, *args, **kwargs)
        uploads.accept_in_memory(request)  # before authentication or parsing read the body
        return drf_request

    @extend_schema(responses=DocumentSerializer(many=True), operation_id="case_documents_list")
    def get(self, request, case_id):
        actor = actor_for(request._request)
        case = get_case_for(actor, case_id)
        documents = queries.documents_to_list(actor, case, request=request._request)
        return Response(DocumentSerializer(documents, many=True).data)

    @extend_schema(request={"multipart/form-data": DocumentUploadSerializer}, responses={201: DocumentSerializer},
                   operation_id="case_documents_create")
    def post(self, request, case_id):
        actor = actor_for(request._request)
        case = case_to_write(actor, case_id)
        given = DocumentUploadSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            document = services.add_document(actor, case, upload=given.validated_data["file"],
                                             kind=given.validated_data["kind"],
                                             sensitivity=given.validated_data["sensitivity"], request=request._request)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(DocumentSerializer(document).data, status=201)


class DocumentDownload(APIView):
    @extend_schema(responses={(200, content_type): OpenApiTypes.BINARY for content_type in uploads.EXTENSIONS},
                   operation_id="case_documents_download")
    def get(self, request, case_id, document_id):
        actor = actor_for(request._request)
        case = get_case_for(actor, case_id)
        document, data = queries.document_content(actor, case, document_id, request=request._request)
        return attachment(document, data)


class DocumentWithdraw(APIView):
    @extend_schema(request=WithdrawalSerializer, responses=DocumentSerializer, operation_id="case_documents_withdraw")
    def post(self, request, case_id, document_id):
        actor = actor_for(request._request)
        document = queries.document_to_withdraw(actor, get_case_for(actor, case_id), document_id)
        given = WithdrawalSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            services.withdraw_document(actor, document, request=request._request, **given.validated_data)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(DocumentSerializer(document).data)


def urlpatterns() -> list:
    case = "v1/cases/<uuid:case_id>"
    return [
        path(f"{case}/notes/", NoteList.as_view(), name="api_case_notes"),
        path(f"{case}/notes/<uuid:note_id>/", NoteDetail.as_view(), name="api_case_note"),
        path(f"{case}/notes/<uuid:note_id>/withdraw/", NoteWithdraw.as_view(), name="api_case_note_withdraw"),
        path(f"{case}/documents/", DocumentList.as_view(), name="api_case_documents"),
        path(f"{case}/documents/<uuid:document_id>/download/", DocumentDownload.as_view(),
             name="api_case_document_download"),
        path(f"{case}/documents/<uuid:document_id>/withdraw/", DocumentWithdraw.as_view(),
             name="api_case_document_withdraw"),
    ]
