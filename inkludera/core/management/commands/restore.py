from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inkludera.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Replace the database and uploaded files with those in a backup archive."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("archive", help="A .tar.gz written by `manage.py backup`.")
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing.")

    def handle(self, *args, archive: str, yes: bool, **options):  # type: ignore[no-untyped-def]
        path = Path(archive)
        if not path.exists():
            raise CommandError(f"{archive} does not exist")
        if not yes:
            answer = input("This replaces every record and uploaded file. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was changed.")
        try:
            manifest = restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored the backup made {manifest['created_at']}.")
