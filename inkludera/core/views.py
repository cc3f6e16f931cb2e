from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from inkludera.core import access


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: the database answers and the task queue is reachable."""
    checks = {"database": "ok", "tasks": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure makes the instance unhealthy
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        from django_tasks import task_backends

        backend_name = type(task_backends["default"]).__name__
        if backend_name == "DatabaseBackend":
            from django_tasks_db.models import DBTaskResult

            checks["queued"] = str(DBTaskResult.objects.ready().count())
        checks["task_backend"] = backend_name
    except Exception as exc:
        checks["tasks"] = f"error: {exc.__class__.__name__}"
    healthy = checks["database"] == "ok" and checks["tasks"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def ping(request: HttpRequest) -> HttpResponse:
    """The trivial view: no database, no template. The baseline for page benchmarks."""
    return HttpResponse("ok", content_type="text/plain")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def task_run(request: HttpRequest, run_id: str) -> HttpResponse:
    """Progress of a background task; the page polls this with HTMX until it is finished."""
    run = access.task_run_for_user(request, run_id)
    template = "core/_task_run.html" if request.headers.get("HX-Request") else "core/task_run.html"
    return render(request, template, {"run": run})
