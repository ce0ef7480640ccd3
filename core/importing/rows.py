"""What an import reports about a file: each row's status and errors, and the counts of the summary."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet row number; the header is row 1
    column: str  # "" when the error concerns the whole row
    message: str


class RowStatus(models.TextChoices):
    """What confirming the import does with a row."""

    NEW = "new", gettext_lazy("nový")
    UPDATED = "updated", gettext_lazy("změněný")
    UNCHANGED = "unchanged", gettext_lazy("beze změny")
    DUPLICATE = "duplicate", gettext_lazy("už importováno")
    INVALID = "invalid", gettext_lazy("chybný")


@dataclass
class ImportRow:
    """A row of the preview; an import adds the values it shows in its own columns."""

    number: int  # the spreadsheet row number; the header is row 1
    status: str
    errors: list[RowError] = field(default_factory=list, kw_only=True)

    # Labels for an import that names its rows by the record they make ("nová" lokalita, not "nový" řádek).
    status_labels: ClassVar[dict[str, str]] = {}

    def get_status_display(self) -> str:
        return self.status_labels.get(self.status) or RowStatus(self.status).label


@dataclass
class ImportSummary:
    """The outcome of an import (or of its dry run): the rows, errors of the whole file, and whether it saved."""

    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    saved: bool = False

    def _count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def new(self) -> int:
        return self._count(RowStatus.NEW)

    @property
    def updated(self) -> int:
        return self._count(RowStatus.UPDATED)

    @property
    def unchanged(self) -> int:
        return self._count(RowStatus.UNCHANGED)

    @property
    def duplicate(self) -> int:
        return self._count(RowStatus.DUPLICATE)

    @property
    def invalid(self) -> int:
        return self._count(RowStatus.INVALID)

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and not self.invalid

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.updated)

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]


def in_column_order(errors: Iterable[RowError], columns: Sequence[str]) -> list[RowError]:
    """A row's errors in the order of the file's columns; errors of the whole row (or another column) last."""
    order = {column: index for index, column in enumerate(columns)}
    return sorted(errors, key=lambda error: order.get(error.column, len(order)))
