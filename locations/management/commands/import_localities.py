from django.core.management.base import CommandError

from accounts.models import Organisation
from core.importing.commands import ImportCommand, ImportTarget
from locations.importing import locality_import


class Command(ImportCommand):
    help = (
        "Import localities from a CSV or XLSX file (the columns of the locality export) into one organisation's "
        "registry. Rows matching an existing locality by Kód obce and Název update it. All rows or none: "
        "any invalid row saves nothing."
    )

    def add_target_arguments(self, parser):
        parser.add_argument("--org", required=True, metavar="IČO", help="IČO of the organisation owning the rows.")

    def target(self, options) -> ImportTarget:
        organisation = Organisation.objects.filter(ico=options["org"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with IČO {options['org']}.")
        return ImportTarget(
            organisation_id=organisation.pk,
            label=f"{organisation} (IČO {organisation.ico})",
            run=lambda dataset, dry_run: locality_import(organisation=organisation, dataset=dataset, dry_run=dry_run),
        )

    def counts(self, summary) -> str:
        return f"new {summary.new}, updated {summary.updated}, unchanged {summary.unchanged}"
