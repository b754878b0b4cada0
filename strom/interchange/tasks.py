"""The import task: its only argument is the job's id (no personal data in task arguments)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import_task(job_id: str) -> None:
    from strom.interchange.services import run_import

    run_import(job_id)
