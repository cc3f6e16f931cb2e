"""Erase the cases whose retention period has run out (the daily job in periodic.py runs it).

A case is erased when it is closed (ended, declined or withdrawn) and its agreement's
`retention_years` (default 5) have passed since the last entry. Its statistics are kept
in aggregate first, so monthly reports do not change.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from inkludera.placements.retention import erase_expired


class Command(BaseCommand):
    help = "Erase placement cases past their retention period; statistics are kept."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only list what is due.")
        parser.add_argument("--today", help="Count from this day (YYYY-MM-DD) instead of today.")

    def handle(
        self, *args: Any, dry_run: bool = False, today: str | None = None, **options: Any
    ) -> None:
        day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        ids = erase_expired(today=day, dry_run=dry_run)
        verb = "due for erasure" if dry_run else "erased"
        self.stdout.write(
            f"{len(ids)} cases {verb}" + (f": {', '.join(f'#{i}' for i in ids)}" if ids else "")
        )
