"""Writes shared by every app: audit entries, personal-data reads, task runs."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from inkludera.core.models import AuditEntry, PersonalDataAccess, TaskRun

if TYPE_CHECKING:
    from django_tasks.base import Task

logger = logging.getLogger(__name__)


def record_audit(
    *,
    actor: Any,
    subject: models.Model,
    action: str,
    organisation: Any = None,
    message: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Log one step on `subject` (shown to every side that can see the subject)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=organisation,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        action=action,
        message=message[:500],
        data=data or {},
    )


def log_personal_data_read(
    *,
    reader: Any,
    role: str,
    subject: models.Model,
    part: str,
    reader_organisation: Any = None,
    purpose: str = "",
) -> PersonalDataAccess:
    """Every read of a person's record goes through here (who, when, what, in which role)."""
    return PersonalDataAccess.objects.create(
        reader=reader if getattr(reader, "is_authenticated", False) else None,
        role=role,
        reader_organisation=reader_organisation,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        part=part,
        purpose=purpose[:200],
    )


def start_task_run(
    *, kind: str, task: Task, started_by: Any = None, organisation: Any = None, **kwargs: Any
) -> TaskRun:
    """Create a TaskRun and enqueue `task(run_id, **kwargs)`.

    Tasks take ids, never objects. With the inline backend (development and tests) the
    task has finished when this returns; with the database backend a worker runs it.
    """
    run = TaskRun.objects.create(
        kind=kind,
        started_by=started_by if getattr(started_by, "is_authenticated", False) else None,
        organisation=organisation,
    )
    task.enqueue(str(run.pk), **kwargs)
    run.refresh_from_db()
    return run


def report_progress(run_id: str, **progress: Any) -> None:
    """Merge `progress` into the run's progress (e.g. percent=40, message="...")."""
    run = TaskRun.objects.get(pk=run_id)
    run.progress = {**run.progress, **progress}
    run.save(update_fields=["progress", "updated_at"])


@contextmanager
def task_run(run_id: str) -> Iterator[TaskRun]:
    """Mark the run running, then done (with `run.result`) or failed with the error."""
    run = TaskRun.objects.get(pk=run_id)
    run.status = TaskRun.Status.RUNNING
    run.save(update_fields=["status", "updated_at"])
    try:
        yield run
    except Exception as exc:
        logger.exception("task %s failed", run.kind)
        TaskRun.objects.filter(pk=run.pk).update(
            status=TaskRun.Status.FAILED,
            error=f"{exc}\n\n{traceback.format_exc()}"[:10000],
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        raise
    else:
        TaskRun.objects.filter(pk=run.pk).update(
            status=TaskRun.Status.DONE,
            result=run.result,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
