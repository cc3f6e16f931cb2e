from uuid import UUID

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.core.models import TaskRun


def task_run_for_user(request: HttpRequest, run_id: UUID) -> TaskRun:
    """A task run is seen by the person who started it, nobody else."""
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(TaskRun, pk=run_id, started_by=request.user)
