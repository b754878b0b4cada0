"""The data exchange page: exports (HTCDS CSV/XLSX, CTDC CSV) and imports with their progress.

Exports stream the rows of the cases the actor sees (exports.py); an import is a job run as a task
(services.start_import); its page polls the progress with htmx. URLs and file names carry no data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from strom.accounts.policies import actor_for, deny
from strom.casefiles import uploads
from strom.interchange import exports, queries, services
from strom.interchange.forms import ImportForm
from strom.interchange.policies import EXPORT, may_export, may_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(response, name: str, extension: str):
    response["Content-Disposition"] = f'attachment; filename="strom-{name}-{timezone.localdate()}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


def _index_context(actor, form=None) -> dict:
    return {"may_export": may_export(actor), "may_import": may_import(actor),
            "form": form or ImportForm(), "jobs": queries.recent_jobs(actor)}


@login_required
@require_GET
def index(request):
    actor = actor_for(request)
    if not (may_export(actor) or may_import(actor)):
        deny(actor, EXPORT)
    return render(request, "interchange/index.html", _index_context(actor))


@login_required
@require_GET
def htcds_csv(request):
    actor = actor_for(request)
    exports.start_htcds_export(actor, "csv", request=request)
    response = StreamingHttpResponse(exports.csv_lines(exports.htcds_table(actor)), content_type="text/csv")
    return _download(response, "htcds", "csv")


@login_required
@require_GET
def htcds_xlsx(request):
    actor = actor_for(request)
    exports.start_htcds_export(actor, "xlsx", request=request)
    return _download(HttpResponse(exports.xlsx_bytes(exports.htcds_table(actor)), content_type=XLSX),
                     "htcds", "xlsx")


@login_required
@require_GET
def ctdc_csv(request):
    actor = actor_for(request)
    release = exports.ctdc_release(actor, request=request)
    response = StreamingHttpResponse(exports.csv_lines(exports.ctdc_table(release)), content_type="text/csv")
    return _download(response, "ctdc", "csv")


@csrf_exempt  # checked by csrf_protect below, once the memory-only upload handler is in place
@login_required
@require_http_methods(["POST"])
def start_import(request):
    uploads.accept_in_memory(request)  # the file never lands unencrypted in a temporary file
    return _start_import(request)


@csrf_protect
def _start_import(request):
    actor = actor_for(request)
    services.require_import(actor)
    form = ImportForm(request.POST, request.FILES)
    if actor.organisation.municipality_id is None:
        form.add_error(None, _("Your organisation has no municipality in the directory: "
                               "imported cases need one."))
    if not form.is_valid():
        return render(request, "interchange/index.html", _index_context(actor, form), status=400)
    job = services.start_import(actor, upload=form.cleaned_data["file"], file_format=form.file_format,
                                dry_run=form.cleaned_data["dry_run"], skip_invalid=form.cleaned_data["skip_invalid"],
                                request=request)
    messages.success(request, _("The file was received; the import runs in the background."))
    return redirect("interchange:job", job.pk)


def _job_context(job) -> dict:
    report = job.report or {}
    return {"job": job, "done": services.progress_of(job), "total": job.rows_total or None,
            "errors": report.get("errors", []),
            "would_import": max(0, report.get("rows", 0) - report.get("bad_rows", 0))}


@login_required
@require_GET
def job_page(request, job_id):
    job = queries.get_job_for(actor_for(request), job_id)
    return render(request, "interchange/job.html", _job_context(job))


@login_required
@require_GET
def job_progress(request, job_id):
    job = queries.get_job_for(actor_for(request), job_id)
    # The state goes out of band into job.html's live region, only when it changed (so it is announced once).
    return render(request, "interchange/progress.html",
                  {**_job_context(job), "state_changed": request.GET.get("state") != job.state})
