"""Benchmark: upgrading the national data set (issue 8: migrations apply in <= 5 minutes).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inkludera_national \\
        .venv/bin/python bench/migrations/run.py

On a copy (CREATE DATABASE … TEMPLATE, so the original keeps its data) of a database
filled by `generate_national` (see bench/pages/run.py --generate), every app's latest
migration that is not its initial one is unapplied, then `migrate` applies
them again, timed: this is the work an upgrade does on country-sized tables (new columns
on services, indexes on the two million attendance rows...). Prints each migration and
the total.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inkludera.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/inkludera_national")


def _use_a_copy() -> str:
    from urllib.parse import urlparse, urlunparse

    import psycopg

    parsed = urlparse(os.environ["DATABASE_URL"])
    source, copy = parsed.path.lstrip("/"), parsed.path.lstrip("/") + "_migrations"
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        conn.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')
    os.environ["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{copy}"))
    return admin


def main() -> None:
    admin = _use_a_copy()
    try:
        _run()
    finally:
        import psycopg
        from django.db import connections

        connections.close_all()
        copy = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


def _run() -> None:
    import django

    django.setup()
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from inkludera.placements.models import Attendance

    ours = {c.label for c in apps.get_app_configs() if c.name.startswith("inkludera.")}
    print(f"attendance rows: {Attendance.objects.count():,}")
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    targets = []
    for app, name in graph.leaf_nodes():
        parents = [p for p in graph.node_map[(app, name)].parents if p.key[0] == app]
        if app in ours and parents:
            targets.append(parents[0].key)
    started = time.monotonic()
    executor.migrate(targets)
    print(f"unapplied {len(targets)} latest migrations in {time.monotonic() - started:.1f} s")
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    total = time.monotonic()
    for migration, _backwards in plan:
        begun = time.monotonic()
        executor.migrate([(migration.app_label, migration.name)])
        executor = MigrationExecutor(connection)
        print(f"  {migration.app_label}.{migration.name}: {time.monotonic() - begun:.1f} s")
    print(
        f"applied {len(plan)} migrations to the national data in {time.monotonic() - total:.1f} s"
    )


if __name__ == "__main__":
    main()
