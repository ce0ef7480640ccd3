from django.core.management.base import CommandError

from accounts.models import Organisation, User
from assistants.importing.saving import shift_import
from core.importing.commands import ImportCommand, ImportTarget


class Command(ImportCommand):
    help = (
        "Import historical APK shifts and field records from a CSV or XLSX file (docs/import-shifts.md) into one "
        "organisation. Shifts are created approved by --user. Rows imported before are skipped. All rows or none: "
        "any invalid row saves nothing and the command exits with status 1."
    )

    def add_target_arguments(self, parser):
        parser.add_argument("--org", required=True, metavar="IČO", help="IČO of the organisation owning the shifts.")
        parser.add_argument(
            "--user", required=True, metavar="USERNAME", help="User of the organisation recorded as the approver."
        )

    def target(self, options) -> ImportTarget:
        organisation = Organisation.objects.filter(ico=options["org"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with IČO {options['org']}.")
        user = User.objects.filter(organisation=organisation, username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']} in {organisation} (IČO {organisation.ico}).")
        return ImportTarget(
            organisation_id=organisation.pk,
            label=f"{organisation} (IČO {organisation.ico})",
            run=lambda dataset, dry_run: shift_import(
                organisation=organisation, dataset=dataset, by=user, dry_run=dry_run
            ),
        )

    def counts(self, summary) -> str:
        return (
            f"new rows {summary.new} (shifts {summary.new_shifts}, records {summary.new_records}), "
            f"already imported {summary.duplicate}"
        )
