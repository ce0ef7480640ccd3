from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cases import selectors, services
from core import rls


class Command(BaseCommand):
    help = (
        "Anonymise clients whose documentation is past the retention period (settings.CASE_RETENTION_YEARS): "
        "every case closed longer ago than that, or, for a client who never had a case, created longer ago. "
        "Removes identifying data and free-text notes and keeps the pseudonymous counts reports need. "
        "Clients with an open case are never touched. Safe to run repeatedly (e.g. nightly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the clients that are due, change nothing.")

    def handle(self, *args, **options):
        # Every organisation's clients: row-level security lifted for the command (core/rls.py).
        with rls.all_organisations():
            self._anonymise(dry_run=options["dry_run"])

    def _anonymise(self, *, dry_run):
        now = timezone.now()
        years = settings.CASE_RETENTION_YEARS
        today = timezone.localdate(now)
        cutoff = selectors.retention_cutoff(today=today, years=years)
        # Codes only: identifying data never go into the output (it ends up in cron mail and logs).
        due = list(selectors.clients_past_retention(today=today, years=years).select_related("organisation"))
        period = f"retention {years} years, cases closed before {cutoff:%Y-%m-%d}"
        if dry_run:
            self.stdout.write(f"Dry run, nothing changed: {len(due)} client(s) due for anonymisation ({period}).")
            listed = due
        else:
            # One transaction per client: an error leaves the earlier clients anonymised and the rest for the next run.
            listed = [client for client in due if services.client_anonymise(client=client, by=None, now=now)]
            self.stdout.write(self.style.SUCCESS(f"Anonymised {len(listed)} client(s) ({period})."))
        # Codes are unique within an organisation, hence the organisation's IČO beside each.
        for client in listed:
            self.stdout.write(f"  {client.code} (IČO {client.organisation.ico})")
