"""The production stack on loopback: PostgreSQL, gunicorn and the task worker.

Started the way docs/deploy.md says (DEBUG=0, secrets from the environment and a file,
collected static files, database cache, the database task queue), driven over HTTP as a
person would, then shut down cleanly.
"""

from __future__ import annotations

import datetime
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not BASE_URL.startswith(("postgres://", "postgresql://")),
        reason="the production stack runs on PostgreSQL (set DATABASE_URL)",
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Browser:
    """A tiny HTTP client with cookies and Django's CSRF token."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str, str]:
        token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(  # noqa: S310
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.url, exc.read().decode()


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import psycopg

    tmp = tmp_path_factory.mktemp("stack")
    name = f"inkludera_stack_{uuid.uuid4().hex[:8]}"
    parsed = urllib.parse.urlparse(BASE_URL)
    admin_url = urllib.parse.urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    secret_file = tmp / "secret_key"
    secret_file.write_text("stack-test-" + uuid.uuid4().hex * 2)
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY_FILE": str(secret_file),
        "PERSONAL_DATA_KEY": "c3RhY2stdGVzdC1wZXJzb25hbC1kYXRhLWtleS0wMDA=",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": urllib.parse.urlunparse(parsed._replace(path=f"/{name}")),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "DEMO_MODE": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["createcachetable"],
        ["collectstatic", "--noinput", "-v0"],
        ["seed_demo", "--quiet"],
    ):
        subprocess.run(
            [*manage, *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
    logs = {"web": (tmp / "web.log").open("w"), "worker": (tmp / "worker.log").open("w")}
    web = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "inkludera.wsgi",
            "--config",
            "gunicorn.conf.py",
        ],
        env=env,
        cwd=ROOT,
        stdout=logs["web"],
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [*manage, "db_worker", "--interval", "0.5", "--no-startup-delay"],
        env=env,
        cwd=ROOT,
        stdout=logs["worker"],
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                assert web.poll() is None, (tmp / "web.log").read_text()
                time.sleep(0.2)
        yield base
    finally:
        for process in (web, worker):
            process.send_signal(signal.SIGTERM)
        codes = [process.wait(timeout=30) for process in (web, worker)]
        for log in logs.values():
            log.close()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # A clean shutdown: gunicorn exits 0 on SIGTERM; the worker stops between tasks.
        assert codes[0] == 0, (tmp / "web.log").read_text()[-3000:]
        assert codes[1] in (0, -signal.SIGTERM), (tmp / "worker.log").read_text()[-3000:]


def test_health_reports_database_and_queue(stack):
    with urllib.request.urlopen(stack + "/healthz") as response:  # noqa: S310
        body = json.loads(response.read())
    assert body["status"] == "ok"
    assert body["task_backend"] == "DatabaseBackend"


def test_static_files_are_served_compressed_and_hashed(stack):
    status, page = Browser(stack).get("/")
    assert status == 200
    css = re.search(r'href="(/static/inkludera/css/app\.[0-9a-f]{12}\.css)"', page)
    assert css, "static files are not hashed"
    request = urllib.request.Request(stack + css.group(1), headers={"Accept-Encoding": "gzip"})  # noqa: S310
    with urllib.request.urlopen(request) as response:  # noqa: S310
        assert response.headers["Content-Encoding"] == "gzip"
        assert "max-age" in response.headers["Cache-Control"]


def test_person_logs_in_over_the_production_stack(stack):
    browser = Browser(stack)
    browser.get("/accounts/login/")
    status, url, page = browser.post(
        "/accounts/login/", {"username": "chef@kasak.example", "password": "inkludera-demo"}
    )
    assert status == 200
    assert url.endswith("/accounts/start/")
    assert "Hej Anders" in page


def _log_in(stack: str, email: str) -> Browser:
    browser = Browser(stack)
    browser.get("/accounts/login/")
    status, url, _page = browser.post(
        "/accounts/login/", {"username": email, "password": "inkludera-demo"}
    )
    assert url.endswith("/accounts/start/"), (status, url)
    return browser


def test_a_customer_books_a_wash_over_the_production_stack(stack):
    browser = _log_in(stack, "kund@example.com")
    _status, profile = browser.get("/directory/kasak/")
    service = re.search(r'href="(/bookings/kasak/services/\d+/)"', profile)
    assert service, "KASAK's profile offers no bookable service"
    week = None
    today = datetime.date.today()
    for offset in range(1, 4):  # the first week with a free time
        monday = today + datetime.timedelta(days=7 * offset - today.weekday())
        _status, page = browser.get(f"{service.group(1)}?week={monday.isoformat()}")
        week = re.search(r'href="(/bookings/kasak/services/\d+/book/\?start=[^"]+)"', page)
        if week:
            break
    assert week, "no free time in the coming weeks"
    book_url = week.group(1).replace("&amp;", "&")
    _status, _form = browser.get(book_url)
    status, url, page = browser.post(book_url, {"start": book_url.split("start=", 1)[1]})
    assert status == 200, page[-2000:]
    assert "/bookings/b/" in url
    assert "Bekräftad" in page


def test_a_planning_run_is_done_by_the_task_worker(stack):
    browser = _log_in(stack, "handledare@kasak.example")
    _status, _board = browser.get("/planning/kasak/")
    assert _status == 200
    status, url, _page = browser.post("/planning/kasak/plan/", {"seconds": "5"})
    assert status == 200
    assert "/planning/kasak/runs/" in url
    run_path = urllib.parse.urlparse(url).path
    for _ in range(120):  # the web server only queued it: the worker process runs it
        _status, fragment = browser.get(run_path)
        if "Visa planen" in fragment or "misslyckades" in fragment:
            break
        time.sleep(0.5)
    assert "Visa planen" in fragment, fragment[-2000:]
