from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inkludera.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files to one .tar.gz archive."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--out", required=True, help="The archive to write (.tar.gz).")

    def handle(self, *args, out: str, **options):  # type: ignore[no-untyped-def]
        try:
            manifest = create_backup(Path(out))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = Path(out).stat().st_size
        self.stdout.write(
            f"Backup of {manifest['engine']} with {len(manifest['migrations'])} migrations and "
            f"{manifest['media_files']} uploaded files written to {out} ({size / 1e6:.1f} MB)."
        )
