"""A shift import file whose cells hold control characters: each bad cell is reported at its row and column
with the validator's Czech message, instead of what the text then fails to match, and nothing is saved (before:
descriptions and places were saved with them, and every XLSX export showing them was a 500)."""

import pytest

from assistants.importing.saving import shift_import
from assistants.models import FieldRecord, Shift
from core.tabular import read_dataset
from tests.assistants.shift_import_helpers import cast_fixture, csv_bytes, shift_row  # noqa: F401

pytestmark = pytest.mark.usefixtures("cast")

MESSAGE = (
    "Text obsahuje neviditelný řídicí znak {code} ({position}. znak), nejspíš zkopírovaný z jiného programu; smažte ho."
)


def _import(organisation, rows, by):
    dataset = read_dataset(csv_bytes(rows), extension=".csv")
    return shift_import(organisation=organisation, dataset=dataset, by=by, dry_run=False)


def _errors(summary) -> list[tuple]:
    return [(error.row, error.column, error.message) for error in summary.errors]


def test_cells_with_control_characters_are_reported_at_their_row_and_column(organisation, coordinator):
    rows = [
        shift_row(),
        shift_row(Čas_záznamu="11:00", Popis="Kontrola\x07 ubytovny.", Místo="\x1bzastávka", Předáno_komu="OS\x85POD"),
    ]

    summary = _import(organisation, rows, coordinator)

    assert (summary.saved, summary.invalid) == (False, 1)
    assert _errors(summary) == [
        (3, "Místo", MESSAGE.format(code="U+001B", position=1)),
        (3, "Popis", MESSAGE.format(code="U+0007", position=9)),
        (3, "Předáno komu", MESSAGE.format(code="U+0085", position=3)),
    ]
    assert not Shift.objects.exists()
    assert not FieldRecord.objects.exists()


def test_a_control_character_in_a_looked_up_name_is_the_only_error_of_its_cell(organisation, coordinator):
    # Not also "Uživatel „apk…“ v organizaci není." or "Projekt „MV-2026…“ v organizaci není.".
    summary = _import(organisation, [shift_row(Asistent="apk\x07", Projekt="MV-2026\x1b-042")], coordinator)

    assert _errors(summary) == [
        (2, "Asistent", MESSAGE.format(code="U+0007", position=4)),
        (2, "Projekt", MESSAGE.format(code="U+001B", position=8)),
    ]
