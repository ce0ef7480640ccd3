"""Back up the database: a compressed pg_dump in custom format.

    python manage.py backup_db [--output PATH]

Writes var/backups/svl-YYYYMMDD-HHMMSS.dump unless --output is given (`make backup`). The file holds every
client's data: keep it encrypted and off the server (README, Deploying → Backups).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup, default_backup_path


class Command(BaseCommand):
    help = "Dump the database to var/backups/svl-YYYYMMDD-HHMMSS.dump (pg_dump, custom format, compressed)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Where to write the dump (default: var/backups/…).")

    def handle(self, *args, output=None, **options):
        try:
            path = backup(output=output or default_backup_path())
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = path.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path} ({size / 1024 / 1024:.1f} MB)."))
