"""Backup and restore of the database and uploaded files, as one .tar.gz.

PostgreSQL is dumped with `pg_dump --format=custom` and restored with `pg_restore`;
SQLite with its online backup API. Uploaded files (MEDIA_ROOT) go in beside the database.
A manifest records the format, the engine, the time and the applied migrations, and
restore refuses an archive whose engine differs from the current database.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "inkludera-backup/1"


class BackupError(Exception):
    pass


def _engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else connection.vendor


def _pg_env() -> tuple[dict[str, str], list[str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--host", str(db.get("HOST") or "127.0.0.1"), "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client)")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def create_backup(out: Path) -> dict[str, Any]:
    """Write a backup archive to `out` and return its manifest."""
    out.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine()
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / ("database.dump" if engine == "postgresql" else "database.sqlite3")
        if engine == "postgresql":
            env, args = _pg_env()
            name = str(connection.settings_dict["NAME"])
            _run(
                ["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(dump), name], env
            )
        elif engine == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            with target:
                connection.connection.backup(target)
            target.close()
        else:
            raise BackupError(f"backups of {engine} are not supported")
        media = Path(settings.MEDIA_ROOT)
        media_files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "created_at": timezone.now().isoformat(),
            "migrations": sorted(
                f"{app}.{name}"
                for app, name in MigrationRecorder.Migration.objects.values_list("app", "name")
            ),
            "media_files": len(media_files),
        }
        with tarfile.open(out, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for path in media_files:
                archive.add(path, arcname=f"media/{path.relative_to(media)}")
    return manifest


def restore_backup(archive_path: Path) -> dict[str, Any]:
    """Replace the database and uploaded files with the archive's. Returns its manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(tmp, filter="data")
        manifest = json.loads((Path(tmp) / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("not an Inkludera backup (unknown format)")
        engine = _engine()
        if manifest["engine"] != engine:
            raise BackupError(f"the backup is of {manifest['engine']}, the database is {engine}")
        if engine == "postgresql":
            env, args = _pg_env()
            name = str(connection.settings_dict["NAME"])
            connections.close_all()
            _run(
                [
                    "pg_restore",
                    *args,
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--dbname",
                    name,
                    str(Path(tmp) / "database.dump"),
                ],
                env,
            )
        else:
            source = sqlite3.connect(Path(tmp) / "database.sqlite3")
            connection.ensure_connection()
            with source:
                source.backup(connection.connection)
            source.close()
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        extracted = Path(tmp) / "media"
        if extracted.exists():
            shutil.copytree(extracted, media)
    return manifest
