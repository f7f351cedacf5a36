"""Background jobs of the identification workflow (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from casework.identification.matching import matching_run_execute
from casework.identification.models import MatchingRun


@task()
def run_matching(run_id: int) -> None:
    """Execute a queued matching run as the user who started it."""
    run = MatchingRun.objects.select_related("requested_by").get(pk=run_id)
    if run.requested_by is None:
        raise RuntimeError(f"Matching run {run_id} has no requesting user to act as.")
    matching_run_execute(run=run, by=run.requested_by)
