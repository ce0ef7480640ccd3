"""Restore a backup made by backup_db, all or nothing.

    python manage.py restore_db FILE [--force]

Refuses a database that already has tables unless --force is given, which replaces its public schema (everything
in it) with the dump's, keeping the schema's grants. The restore is one transaction that starts only once the whole
dump has been read: a truncated or damaged dump, or one the server refuses, leaves the database exactly as it was.
Every session is signed out afterwards (the dump's as well as the database's): a session signed out since the
dump was made must not come back. Run `manage.py migrate` afterwards when the dump is older than the code.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a dump made by backup_db (make backup), all or nothing, into an empty database (or, with --force, "
        "in place of everything in it); every session is signed out."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .dump file made by backup_db.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace everything in the database (its public schema); a failed restore changes nothing.",
        )

    def handle(self, *args, file, force=False, **options):
        try:
            restore(dump=file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        name = connection.settings_dict["NAME"]
        self.stdout.write(self.style.SUCCESS(f"Restored {file} into the database {name}."))
        self.stdout.write("Every session was signed out (django_session emptied): everyone signs in again.")
