"""Background work of social value: the regional report over every ASF."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from inkludera.accounts.models import User
from inkludera.core.services import report_progress, task_run
from inkludera.impact.models import ParameterVersion
from inkludera.impact.services import compute_regional_report


@task()
def regional_report_task(run_id: str, year: int, version_id: int, user_id: int | None) -> None:
    with task_run(run_id) as run:
        report_progress(run_id, percent=5, message=_("Reading every enterprise's figures"))
        version = ParameterVersion.objects.get(pk=version_id)
        actor = User.objects.filter(pk=user_id).first() if user_id else None

        def progress(done: int, total: int) -> None:
            report_progress(
                run_id,
                percent=10 + int(85 * done / max(total, 1)),
                message=_("%(done)s of %(total)s enterprises computed")
                % {"done": done, "total": total},
            )

        report = compute_regional_report(year=year, version=version, actor=actor, progress=progress)
        run.result = {
            "report_id": report.pk,
            "url": reverse("impact:regional_year", args=[year]) + f"?report={report.pk}",
        }
