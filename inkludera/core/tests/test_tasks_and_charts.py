import pytest
from django_tasks import task

from inkludera.core.charts import bar_chart
from inkludera.core.models import TaskRun
from inkludera.core.services import report_progress, start_task_run, task_run


@task()
def _square(run_id: str, n: int) -> None:
    with task_run(run_id) as run:
        report_progress(run_id, percent=50, message="halfway")
        run.result = {"value": n * n}


@task()
def _broken(run_id: str) -> None:
    with task_run(run_id):
        raise ValueError("no")


@pytest.mark.django_db
def test_task_run_records_progress_and_result(asf_manager, login):
    run = start_task_run(kind="square", task=_square, started_by=asf_manager, n=7)
    assert run.status == TaskRun.Status.DONE
    assert run.result == {"value": 49}
    assert run.progress["message"] == "halfway"
    client = login(asf_manager)
    assert client.get(f"/tasks/{run.pk}/").status_code == 200


@pytest.mark.django_db
def test_failed_task_is_marked_failed_and_hidden_from_others(asf_manager, outsider, login):
    run = start_task_run(kind="broken", task=_broken, started_by=asf_manager)
    assert run.status == TaskRun.Status.FAILED
    assert "ValueError" in run.error
    client = login(outsider)
    assert client.get(f"/tasks/{run.pk}/").status_code == 404


def test_chart_has_accessible_svg_and_its_data():
    chart = bar_chart(title="Köp per år", labels=["2025", "2026"], series=[("SEK", [100, 250.5])])
    assert chart.svg.startswith("<svg")
    assert 'role="img"' in chart.svg
    assert 'aria-label="Köp per år"' in chart.svg
    assert chart.rows == [("2025", [100.0]), ("2026", [250.5])]


@pytest.mark.django_db
def test_health_endpoint_checks_database_and_queue(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["tasks"] == "ok"
