"""Restore a backup made by backup_db into an empty database.

    python manage.py restore_db FILE [--force]

Refuses a database that already has tables unless --force is given, which drops and recreates its public schema
first (everything in it is lost). Run `manage.py migrate` afterwards when the dump is older than the code.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from svl.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a dump made by backup_db (make backup) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .dump file made by backup_db.")
        parser.add_argument(
            "--force", action="store_true", help="Drop everything in the database first (its public schema)."
        )

    def handle(self, *args, file, force=False, **options):
        try:
            restore(dump=file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        name = connection.settings_dict["NAME"]
        self.stdout.write(self.style.SUCCESS(f"Restored {file} into the database {name}."))
