"""The management command of every import: a file from disk into one organisation, every row or none."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tablib
from django.core.management.base import BaseCommand, CommandError

from core import rls
from core.importing.rows import ImportSummary
from core.tabular import ACCEPTED_EXTENSIONS, ImportFileError, file_extension, read_dataset


@dataclass(frozen=True)
class ImportTarget:
    """Where a command imports to: the organisation (its row-level security scope) and the import to run."""

    organisation_id: int
    label: str  # names the organisation in the report
    run: Callable[[tablib.Dataset, bool], ImportSummary]  # (dataset, dry_run)


class ImportCommand(BaseCommand):
    """Reads the file, runs the import inside the organisation's row-level security scope, reports every error.

    A subclass adds the arguments naming the organisation (`add_target_arguments`), resolves them
    (`target`, a CommandError when unknown) and says what the counts are (`counts`). Invalid rows save nothing
    and exit with status 1.
    """

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .csv or .xlsx file.")
        self.add_target_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="Validate and report, save nothing.")

    def add_target_arguments(self, parser) -> None:
        raise NotImplementedError

    def target(self, options) -> ImportTarget:
        raise NotImplementedError

    def counts(self, summary: ImportSummary) -> str:
        raise NotImplementedError

    def handle(self, *args, **options):
        target = self.target(options)
        path = Path(options["file"])
        dataset = _read(path)

        with rls.organisation(target.organisation_id):  # its audit rows (core/rls.py)
            summary = target.run(dataset, options["dry_run"])

        for message in summary.file_errors:
            self.stderr.write(f"{path}: {message}")
        for error in summary.errors:
            column = error.column or "—"
            self.stderr.write(f"Row {error.row}, column {column}: {error.message}")
        counts = self.counts(summary)
        if not summary.is_valid:
            raise CommandError(f"Nothing was saved: {summary.invalid} invalid row(s) ({counts}).")
        if options["dry_run"]:
            self.stdout.write(f"Dry run, nothing saved: {counts}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported into {target.label}: {counts}."))


def _read(path: Path) -> tablib.Dataset:
    extension = file_extension(path.name)
    if extension not in ACCEPTED_EXTENSIONS:
        raise CommandError(f"{path}: expected a .csv or .xlsx file.")
    try:
        content = path.read_bytes()
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}.") from None
    try:
        return read_dataset(content, extension=extension)
    except ImportFileError as error:
        raise CommandError(f"{path}: {error.message}") from None
