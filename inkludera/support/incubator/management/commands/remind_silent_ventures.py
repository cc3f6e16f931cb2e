from django.core.management.base import BaseCommand

from inkludera.support.incubator.services import send_silence_reminders


class Command(BaseCommand):
    help = "Email advisors the incubator ideas that have been silent for 30 days (run daily)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        sent = send_silence_reminders()
        self.stdout.write(f"{sent} reminders sent")
