"""Daily jobs run from the task queue, once a day however many workers schedule them."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks import task_backends

from inkludera.core.models import PeriodicJob
from inkludera.core.periodic import DailyJob, daily_jobs, ensure_scheduled, run_periodic_job

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 12, day, hour, minute))


@pytest.fixture
def queue():
    with override_settings(TASKS=DUMMY):
        backend = task_backends["default"]
        backend.clear()
        yield backend


@pytest.fixture
def counted(monkeypatch):
    calls = []
    job = DailyJob("count", lambda today: calls.append(today) or "counted", at=datetime.time(7))
    monkeypatch.setattr("inkludera.core.periodic.daily_jobs", lambda: {"count": job})
    return calls


def test_the_apps_declare_their_daily_jobs():
    assert {"remind_silent_ventures", "erase_expired_placements"} <= set(daily_jobs())


@pytest.mark.django_db(transaction=True)
def test_scheduling_queues_one_run_for_the_next_time_of_day(queue, counted):
    assert ensure_scheduled(now=at(7, 9)) == ["count"]
    assert ensure_scheduled(now=at(7, 9, 5)) == []  # a second worker starting: nothing new
    [result] = queue.results
    assert result.task.run_after == at(8, 7)
    assert PeriodicJob.objects.get(name="count").next_run_at == at(8, 7)


@pytest.mark.django_db(transaction=True)
def test_a_run_does_the_work_once_and_queues_the_next_day(queue, counted, monkeypatch):
    PeriodicJob.objects.create(name="count", next_run_at=at(8, 7))
    monkeypatch.setattr(timezone, "now", lambda: at(8, 7, 1))
    run_periodic_job.call("count")
    run_periodic_job.call("count")  # a duplicate run for the same time does nothing
    assert counted == [datetime.date(2026, 12, 8)]
    row = PeriodicJob.objects.get(name="count")
    assert (row.next_run_at, row.last_result) == (at(9, 7), "counted")
    assert [r.task.run_after for r in queue.results] == [at(9, 7)]


@pytest.mark.django_db(transaction=True)
def test_a_job_that_lost_its_queued_run_is_started_again(queue, counted):
    PeriodicJob.objects.create(name="count", next_run_at=at(5, 7))
    assert ensure_scheduled(now=at(7, 9)) == ["count"]
    [result] = queue.results
    assert result.task.run_after == at(7, 9)
