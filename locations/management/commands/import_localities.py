from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation
from core import rls
from locations import importing


class Command(BaseCommand):
    help = (
        "Import localities from a CSV or XLSX file (the columns of the locality export) into one organisation's "
        "registry. Rows matching an existing locality by Kód obce and Název update it. All rows or none: "
        "any invalid row saves nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .csv or .xlsx file.")
        parser.add_argument("--org", required=True, metavar="IČO", help="IČO of the organisation owning the rows.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report, save nothing.")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(ico=options["org"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with IČO {options['org']}.")
        path = Path(options["file"])
        extension = importing.file_extension(path.name)
        if extension not in importing.ACCEPTED_EXTENSIONS:
            raise CommandError(f"{path}: expected a .csv or .xlsx file.")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}.") from None
        try:
            dataset = importing.read_dataset(content, extension=extension)
        except importing.ImportFileError as error:
            raise CommandError(f"{path}: {error.message}") from None

        with rls.organisation(organisation.pk):  # its audit rows (core/rls.py)
            summary = importing.locality_import(organisation=organisation, dataset=dataset, dry_run=options["dry_run"])

        for message in summary.file_errors:
            self.stderr.write(f"{path}: {message}")
        for error in summary.errors:
            column = error.column or "—"
            self.stderr.write(f"Row {error.row}, column {column}: {error.message}")
        counts = f"new {summary.new}, updated {summary.updated}, unchanged {summary.unchanged}"
        if not summary.is_valid:
            raise CommandError(f"Nothing was saved: {summary.invalid} invalid row(s) ({counts}).")
        if options["dry_run"]:
            self.stdout.write(f"Dry run, nothing saved: {counts}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported into {organisation} (IČO {organisation.ico}): {counts}."))
