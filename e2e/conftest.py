"""Browser journeys: Playwright for Python driving Debian's Chromium against a real server.

The server runs `manage.py runserver` on a fresh database of the same engine as the rest of
the suite (SQLite file, or a new PostgreSQL database when DATABASE_URL points there),
migrated and loaded with the Blekinge demo. Journeys use the demo logins, as a person would.

Without Chromium the journeys are skipped with a clear reason; with CI=true a missing
browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _browser_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as exc:
        return f"Playwright is not installed ({exc})"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _browser_missing_reason()
    for item in items:
        if "e2e" not in Path(str(item.fspath)).parts:
            continue
        item.add_marker(pytest.mark.browser)
        if reason and not IN_CI:
            item.add_marker(pytest.mark.skip(reason=f"BROWSER TESTS SKIPPED: {reason}"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url(tmp: Path) -> tuple[str, str | None]:
    """A fresh database of the suite's engine; returns (url, postgres database name or None)."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        name = f"inkludera_e2e_{uuid.uuid4().hex[:8]}"
        parsed = urlparse(base)
        return urlunparse(parsed._replace(path=f"/{name}")), name
    return f"sqlite:///{tmp / 'e2e.sqlite3'}", None


def _admin_postgres(sql: str) -> None:
    import psycopg

    parsed = urlparse(os.environ["DATABASE_URL"])
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("e2e")
    url, pg_name = _database_url(tmp)
    if pg_name:
        _admin_postgres(f'CREATE DATABASE "{pg_name}"')
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "inkludera.settings",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp / "mail"),
        "MEDIA_ROOT": str(tmp / "media"),
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [*manage, "seed_demo", "--quiet"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    port = _free_port()
    log = (tmp / "server.log").open("w")
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 - our own server
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError((tmp / "server.log").read_text()) from None
                time.sleep(0.2)
        os.environ["E2E_MAIL_DIR"] = str(tmp / "mail")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
        if pg_name:
            _admin_postgres(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        shutil.rmtree(tmp / "media", ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    reason = _browser_missing_reason()
    if reason:  # only reached in CI: elsewhere the journeys were skipped at collection
        pytest.fail(f"CI=true and the browser tests cannot run: {reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_url: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_url, viewport={"width": 1280, "height": 900}, locale="sv-SE"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_url: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A phone-sized screen with touch, for pages employees use on their phones."""
    context = browser.new_context(
        base_url=live_url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="sv-SE",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
