from django.core.management.base import BaseCommand

from inkludera.core.periodic import daily_jobs, ensure_scheduled


class Command(BaseCommand):
    help = "Give every daily job a run in the task queue (safe to run on every worker start)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        started = ensure_scheduled()
        for name in daily_jobs():
            state = "scheduled now" if name in started else "already scheduled"
            self.stdout.write(f"{name}: {state}")
