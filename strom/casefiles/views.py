"""The "Notes and documents" part of a case: /cases/<id>/files/…

Reads go through queries.py (the case first: 404 to outsiders; then sensitivity), writes through
services.py. Uploads never touch the disk as plaintext: the document form swaps in the memory-only
upload handler before the body is read (which is why it checks CSRF itself, after the swap).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from strom.accounts.policies import actor_for
from strom.casefiles import queries, services, uploads
from strom.casefiles.forms import DocumentForm, NoteForm, WithdrawDocumentForm
from strom.casefiles.policies import can_change
from strom.cases.policies import WRITE, is_lead_member
from strom.cases.queries import case_to_write, get_case_for


def _apply_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)


def _files_url(case) -> str:
    return reverse("casefiles:files", args=[case.pk])


@login_required
@require_GET
def files(request, case_id):
    actor = actor_for(request)
    case = get_case_for(actor, case_id)
    notes = queries.notes_to_read(actor, case, request=request)
    documents = queries.documents_to_list(actor, case, request=request)
    return render(request, "casefiles/files.html", {
        "case": case, "tab": "files", "notes": notes, "documents": documents,
        "can_write": is_lead_member(actor, case) and actor.can(WRITE),
        "changeable": {item.pk for item in [*notes, *documents] if can_change(actor, _on(item, case))},
    })


def _on(item, case):
    item.case = case  # the case is loaded already; spare a query per row
    return item


def _form_page(request, case, form, *, heading, submit, multipart=False):
    return render(request, "casefiles/form.html", {
        "case": case, "tab": "files", "form": form, "heading": heading, "submit": submit,
        "cancel": _files_url(case), "multipart": multipart})


@login_required
@require_http_methods(["GET", "POST"])
def note_add(request, case_id):
    actor = actor_for(request)
    case = case_to_write(actor, case_id)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_note(actor, case, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The note has been added."))
            return redirect(_files_url(case))
    return _form_page(request, case, form, heading=_("Write a note"), submit=_("Add the note"))


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request, case_id, note_id):
    actor = actor_for(request)
    case = get_case_for(actor, case_id)
    note = queries.note_to_change(actor, case, note_id)
    form = NoteForm(request.POST or None, initial={"title": note.title, "text": note.text,
                                                    "sensitivity": note.sensitivity})
    if request.method == "GET":
        queries.record_notes_read(actor, case, [note], request=request)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_note(actor, note, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The note has been changed; the earlier version is kept."))
            return redirect(_files_url(case))
    return _form_page(request, case, form, heading=_("Change the note"), submit=_("Save the note"))


@login_required
@require_http_methods(["GET", "POST"])
def note_withdraw(request, case_id, note_id):
    actor = actor_for(request)
    case = get_case_for(actor, case_id)
    note = queries.note_to_change(actor, case, note_id)
    if request.method == "POST":
        services.withdraw_note(actor, note, request=request)
        messages.success(request, _("The note has been withdrawn. It stays in the case's history."))
        return redirect(_files_url(case))
    return render(request, "casefiles/confirm.html", {
        "case": case, "tab": "files", "heading": _("Withdraw the note “%(title)s”?") % {"title": note.title},
        "explanation": _("Nobody will read its text any more; the case shows that a note was withdrawn."),
        "submit": _("Withdraw the note"), "cancel": _files_url(case)})


@csrf_exempt  # checked by csrf_protect below, once the memory-only upload handler is in place
@login_required
@require_http_methods(["GET", "POST"])
def document_add(request, case_id):
    uploads.accept_in_memory(request)
    return _document_add(request, case_id)


@csrf_protect
def _document_add(request, case_id):
    actor = actor_for(request)
    case = case_to_write(actor, case_id)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_document(actor, case, upload=form.cleaned_data["file"], kind=form.cleaned_data["kind"],
                                  sensitivity=form.cleaned_data["sensitivity"], request=request)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The document has been kept."))
            return redirect(_files_url(case))
    return _form_page(request, case, form, heading=_("Upload a document"), submit=_("Upload the document"),
                      multipart=True)


@login_required
@require_GET
def document_download(request, case_id, document_id):
    """The document as an attachment, to those who may read it; every download is recorded."""
    actor = actor_for(request)
    case = get_case_for(actor, case_id)
    document, data = queries.document_content(actor, case, document_id, request=request)
    return attachment(document, data)


def attachment(document, data: bytes) -> HttpResponse:
    """A fixed file name (the type and the date): the original name may name the person."""
    response = HttpResponse(data, content_type=document.content_type)
    filename = f"{document.kind}-{document.created:%Y-%m-%d}.{uploads.EXTENSIONS.get(document.content_type, 'bin')}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_withdraw(request, case_id, document_id):
    actor = actor_for(request)
    case = get_case_for(actor, case_id)
    document = queries.document_to_withdraw(actor, case, document_id)
    form = WithdrawDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_document(actor, document, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The document has been withdrawn and its file erased."))
            return redirect(_files_url(case))
    return _form_page(request, case, form, heading=_("Withdraw a document"), submit=_("Withdraw and erase the file"))
