from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.embedded_db import stop_server


class Command(BaseCommand):
    help = "Status or stop of the embedded PostgreSQL under var/pg (development only)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["status", "stop"])

    def handle(self, *args, action, **options):
        if not settings.EMBEDDED_DATABASE:
            raise CommandError("DATABASE_URL is set: the embedded PostgreSQL is not in use.")
        pgdata = settings.VAR_DIR / "pg"
        if action == "stop":
            stopped = stop_server(pgdata)
            self.stdout.write("Embedded PostgreSQL stopped." if stopped else "Embedded PostgreSQL was not running.")
        else:
            db = settings.DATABASES["default"]
            self.stdout.write(f"Embedded PostgreSQL running: data {pgdata}, socket {db['HOST']}, database {db['NAME']}")
