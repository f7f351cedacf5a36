"""Background jobs of the identification workflow (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_matching(run_id: int) -> None:
    from casework.identification.matching import matching_run_execute
    from casework.identification.models import MatchingRun

    matching_run_execute(MatchingRun.objects.get(pk=run_id))
