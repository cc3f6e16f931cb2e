"""Page benchmark: the main pages on the national data set, through gunicorn, under wrk.

Goal (issue 8): at 10 concurrent users every page has p50 <= 100 ms and p95 <= 250 ms,
and the directory search reaches >= 50 % of the throughput of the trivial view `/ping`
served the same way, in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inkludera_national \\
        .venv/bin/python bench/pages/run.py [--generate] [--seconds 10] [--connections 10]

`--generate` makes the database first (migrate, seed_demo, generate_national with the
issue's sizes). The server runs as in production (DEBUG=0, gunicorn.conf.py, 5 workers
on 2 cores, database cache and sessions); wrk runs as a second process on the same
machine with 2 threads and 10 connections. Signed-in pages use a session made for a user
of the right role, sent as a cookie. Each page is first fetched once to check it answers
200 with its content, then loaded for `--seconds`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inkludera.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/inkludera_national")
SECRET = "bench-pages-" + "x" * 40
# The synthetic data is encrypted with the development key (generate_national runs with
# DEBUG=1), so the production-mode server must read it with the same key.
PERSONAL_DATA_KEY = "ZGV2LW9ubHktcGVyc29uYWwtZGF0YS1rZXktMDAwMDA="


@dataclass
class Page:
    name: str
    path: str
    user_email: str | None  # None: a public page
    expect: str  # text the page must contain


def _pages() -> list[Page]:
    """Targets from the data: a large ASF, its municipality, an agreement with people."""
    from django.db.models import Count

    from bench.pages import targets
    from inkludera.accounts.models import Membership, Role
    from inkludera.impact.models import ImpactReport
    from inkludera.placements.models import Agreement

    agreement = (
        Agreement.objects.filter(asf__slug__startswith="nat-")
        .annotate(people=Count("placements"))
        .order_by("-people")
        .select_related("asf", "funder")
        .first()
    )
    assert agreement is not None, "no national data: run with --generate"
    manager = Membership.objects.get(organisation=agreement.asf, role=Role.ASF_MANAGER).user
    officer = Membership.objects.get(
        organisation=agreement.funder, role=Role.PLACEMENT_OFFICER
    ).user
    public = (
        ImpactReport.objects.filter(is_public=True, kind=ImpactReport.Kind.ASF)
        .select_related("organisation")
        .first()
    )
    month = agreement.placements.filter(start_date__isnull=False).latest("start_date").start_date
    pages = [
        Page("ping (baseline)", "/ping", None, "ok"),
        Page("directory search", "/directory/?q=kooperativ", None, "Kooperativ"),
        Page("ASF profile", f"/directory/{agreement.asf.slug}/", None, agreement.asf.name),
        Page("ASF manager's start page", "/accounts/start/", manager.email, agreement.asf.name),
        Page(
            "agreement's monthly report",
            f"/placements/agreements/{agreement.pk}/reports/{month.year}/{month.month}/",
            officer.email,
            "Närvarodagar",
        ),
        Page(
            "participant list", f"/placements/asf/{agreement.asf.slug}/", manager.email, "Deltagare"
        ),
    ]
    if public is not None:
        pages.append(
            Page(
                "social value statement",
                f"/impact/public/{public.organisation.slug}/{public.year}/",
                None,
                public.organisation.name,
            )
        )
    pages.extend(targets.domain_pages(agreement))
    return pages


def _session_cookie(email: str) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from inkludera.accounts.models import User

    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_env(port: int, tmp: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "PERSONAL_DATA_KEY": os.environ.get("PERSONAL_DATA_KEY", PERSONAL_DATA_KEY),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(tmp / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "60",
    }


def _generate(env: dict[str, str]) -> None:
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "-v0"], ["seed_demo", "--quiet"], ["generate_national"]):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True)


def _wrk(url: str, cookie: str | None, seconds: int, connections: int) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(Path(__file__).with_name("percentiles.lua"))]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _check(url: str, cookie: str | None, expect: str) -> None:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        body = response.read().decode()
        assert response.status == 200, (url, response.status)
        assert expect in body, f"{url} does not show {expect!r}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=10)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk)")
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    port = _free_port()
    env = _server_env(port, tmp)
    os.environ.update({k: env[k] for k in ("SECRET_KEY", "PERSONAL_DATA_KEY")})
    if args.generate:
        _generate(env)
    for command in (["collectstatic", "--noinput", "-v0"], ["createcachetable"]):
        subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True)
    import django

    django.setup()
    pages = _pages()
    cookies = {p.user_email: _session_cookie(p.user_email) for p in pages if p.user_email}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "inkludera.wsgi",
            "--config",
            "gunicorn.conf.py",
        ],
        env=env,
        cwd=ROOT,
        stdout=(tmp / "server.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/ping", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        results = {}
        for page in pages:
            cookie = cookies.get(page.user_email) if page.user_email else None
            _check(base + page.path, cookie, page.expect)
            _wrk(base + page.path, cookie, 2, args.connections)  # warm up every worker
            results[page.name] = _wrk(base + page.path, cookie, args.seconds, args.connections)
            figures = results[page.name]
            print(
                f"{page.name:32} p50 {figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms"
                f"  {figures['rps']:7.1f} req/s  errors {figures['errors'] + figures['non2xx']:.0f}",
                flush=True,
            )
        ratio = results["directory search"]["rps"] / results["ping (baseline)"]["rps"]
        print(f"directory search / ping throughput: {ratio:.0%} (goal >= 50 %)")
        failing = [
            name
            for name, f in results.items()
            if f["p50_ms"] > 100 or f["p95_ms"] > 250 or f["errors"] or f["non2xx"]
        ]
        print(
            "all pages within p50 <= 100 ms, p95 <= 250 ms" if not failing else f"over: {failing}"
        )
    except Exception:
        print((tmp / "server.log").read_text()[-4000:])
        raise
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
