"""Plan a week from an instance file: `python manage.py plan INSTANCE.json --out PLAN.json`.

Reads and writes exactly the planning format (docs/formats/planning.md). Needs no
database: it neither runs the system checks nor touches a model.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inkludera.planning.solver import InstanceError, check, solve, validate_instance


class Command(BaseCommand):
    help = "Plan a week: read an inkludera-plan/1 instance, write the plan (no database)."
    requires_system_checks: list[str] = []  # type: ignore[assignment]
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("instance", help="The instance (JSON, inkludera-plan/1).")
        parser.add_argument("--out", required=True, help="Where to write the plan (JSON).")
        parser.add_argument("--seconds", type=float, default=10.0, help="Time to search.")
        parser.add_argument("--workers", type=int, default=2, help="Solver threads.")

    def handle(self, *args: Any, **options: Any) -> None:
        instance = _read(options["instance"])
        if options["seconds"] <= 0:
            raise CommandError("--seconds måste vara större än 0.")
        plan = solve(instance, seconds=options["seconds"], workers=options["workers"])
        violations = check(instance, plan)
        if violations:  # solve never returns such a plan; refuse to write one anyway
            raise CommandError("\n".join(str(v) for v in violations))
        _write(Path(options["out"]), plan)
        obj, solver = plan["objective"], plan["solver"]
        self.stdout.write(
            f"{len(plan['assignments'])} jobb planerade, {len(plan['unassigned'])} utan plats; "
            f"värde {obj['value']} (gräns {solver['value_bound']}), "
            f"underskott {obj['shortfall_minutes']} min, {solver['status']}, "
            f"{solver['seconds']} s"
        )
        for item in plan["unassigned"]:
            self.stdout.write(f"  {item['job']}: {item['reason']}")


def _read(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError as e:
        raise CommandError(f"Filen {path} finns inte.") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise CommandError(f"{path} är inte giltig JSON: {e}") from e
    try:
        return validate_instance(data)
    except InstanceError as e:
        raise CommandError(
            f"{path} följer inte formatet inkludera-plan/1:\n" + "\n".join(e.errors)
        ) from e


def _write(path: Path, plan: dict[str, Any]) -> None:
    """Write atomically, so a failed run never leaves a partial plan behind."""
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=".plan-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(plan, f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
