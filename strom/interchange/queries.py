"""Scoped reads of import jobs: an organisation's own, for those who may import."""

from __future__ import annotations

from django.http import Http404

from strom.accounts.policies import Actor, deny
from strom.interchange.models import ImportJob
from strom.interchange.policies import IMPORT

RECENT = 10


def recent_jobs(actor: Actor) -> list[ImportJob]:
    if actor.organisation is None or not actor.can(IMPORT):
        return []
    return list(ImportJob.objects.filter(organisation=actor.organisation).select_related("created_by")
                .order_by("-created")[:RECENT])


def get_job_for(actor: Actor, job_id) -> ImportJob:
    """404 outside the job's organisation, a recorded 403 to its members without `interchange.import`."""
    job = ImportJob.objects.filter(pk=job_id).select_related("created_by").first()
    if job is None or actor.organisation is None or job.organisation_id != actor.organisation.pk:
        raise Http404
    if not actor.can(IMPORT):
        deny(actor, IMPORT, job)
    return job
