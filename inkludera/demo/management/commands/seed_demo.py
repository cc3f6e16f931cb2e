import importlib
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from inkludera.demo.registry import DEMO_MODULES, DEMO_PASSWORD, DemoContext


class Command(BaseCommand):
    help = "Load the Blekinge demo (idempotent: running it again changes nothing)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--quiet", action="store_true", help="Print only the logins.")

    def handle(self, *args, quiet: bool = False, **options):  # type: ignore[no-untyped-def]
        context = DemoContext(
            today=timezone.localdate(),
            log=(lambda message: None) if quiet else (lambda m: self.stdout.write(f"  {m}")),
        )
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            started = time.monotonic()
            with transaction.atomic():
                module.seed(context)
            if not quiet:
                self.stdout.write(f"{name}: {time.monotonic() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD})"))
        for role, email, what in context.logins:
            self.stdout.write(f"  {role:<18} {email:<34} {what}")
