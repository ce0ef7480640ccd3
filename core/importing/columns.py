"""An import's columns: the help table of the upload page, and matching a file's headers to the columns."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import tablib
from django.utils.translation import gettext as _

from core.text import fold


@dataclass(frozen=True)
class ColumnHelp:
    """A row of the column table on the upload page."""

    header: str
    meaning: str
    values: str
    example: str
    required: bool = False


def canonical_headers(
    dataset: tablib.Dataset, columns: Iterable[str], required: Sequence[str]
) -> tuple[tablib.Dataset, list[str]]:
    """Match headers to `columns` case- and diacritics-insensitively ('nazev' is 'Název').

    Returns the dataset with canonical headers (unknown headers kept as they are) and Czech messages
    about missing `required` columns and columns given twice.
    """
    canonical = {fold(column): column for column in columns}
    headers = [canonical.get(fold(" ".join(str(header or "").split())), header) for header in dataset.headers or []]
    errors = []
    missing = [column for column in required if column not in headers]
    if missing:
        errors.append(
            _("V záhlaví souboru chybí povinné sloupce: %(columns)s. Povinné jsou: %(required)s.")
            % {"columns": ", ".join(missing), "required": ", ".join(required)}
        )
    repeated = sorted({header for header in headers if header in canonical.values() and headers.count(header) > 1})
    if repeated:
        errors.append(_("Sloupce jsou v záhlaví víckrát: %(columns)s.") % {"columns": ", ".join(repeated)})
    return tablib.Dataset(*dataset, headers=headers), errors
