from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation, User
from assistants import importing
from core import rls
from core.tabular import ACCEPTED_EXTENSIONS, ImportFileError, file_extension, read_dataset


class Command(BaseCommand):
    help = (
        "Import historical APK shifts and field records from a CSV or XLSX file (docs/import-shifts.md) into one "
        "organisation. Shifts are created approved by --user. Rows imported before are skipped. All rows or none: "
        "any invalid row saves nothing and the command exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .csv or .xlsx file.")
        parser.add_argument("--org", required=True, metavar="IČO", help="IČO of the organisation owning the shifts.")
        parser.add_argument(
            "--user", required=True, metavar="USERNAME", help="User of the organisation recorded as the approver."
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate and report, save nothing.")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(ico=options["org"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with IČO {options['org']}.")
        user = User.objects.filter(organisation=organisation, username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']} in {organisation} (IČO {organisation.ico}).")
        path = Path(options["file"])
        extension = file_extension(path.name)
        if extension not in ACCEPTED_EXTENSIONS:
            raise CommandError(f"{path}: expected a .csv or .xlsx file.")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}.") from None
        try:
            dataset = read_dataset(content, extension=extension)
        except ImportFileError as error:
            raise CommandError(f"{path}: {error.message}") from None

        with rls.organisation(organisation.pk):  # its audit rows (core/rls.py)
            summary = importing.shift_import(
                organisation=organisation, dataset=dataset, by=user, dry_run=options["dry_run"]
            )

        for message in summary.file_errors:
            self.stderr.write(f"{path}: {message}")
        for error in summary.errors:
            column = error.column or "—"
            self.stderr.write(f"Row {error.row}, column {column}: {error.message}")
        counts = (
            f"new rows {summary.new} (shifts {summary.new_shifts}, records {summary.new_records}), "
            f"already imported {summary.duplicate}"
        )
        if not summary.is_valid:
            raise CommandError(f"Nothing was saved: {summary.invalid} invalid row(s) ({counts}).")
        if options["dry_run"]:
            self.stdout.write(f"Dry run, nothing saved: {counts}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported into {organisation} (IČO {organisation.ico}): {counts}."))
