"""A locality import file whose cells hold control characters: each bad cell is reported at its row and column
with the validator's Czech message, and nothing is saved (before: the names were saved, and every XLSX export of
the registry was a 500 from then on)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.tabular import read_dataset
from locations import importing
from locations.models import Locality
from tests.locations.locality_import_helpers import HEADERS, csv_bytes, locality_row, xlsx_bytes

MESSAGE = (
    "Text obsahuje neviditelný řídicí znak {code} ({position}. znak), nejspíš zkopírovaný z jiného programu; smažte ho."
)


def _import(content: bytes, extension: str, organisation) -> importing.ImportSummary:
    dataset = read_dataset(content, extension=extension)
    return importing.locality_import(organisation=organisation, dataset=dataset, dry_run=False)


def test_csv_cells_with_control_characters_are_reported_at_their_row_and_column(organisation):
    rows = [locality_row(), locality_row(Název="Před\x07lice", Popis="Bývalá\x0c dělnická čtvrť.", Zdroj="\x1b[1m")]

    summary = _import(csv_bytes(rows), ".csv", organisation)

    assert (summary.is_valid, summary.saved) == (False, False)
    assert [(error.row, error.column, error.message) for error in summary.errors] == [
        (3, "Název", MESSAGE.format(code="U+0007", position=5)),
        (3, "Popis", MESSAGE.format(code="U+000C", position=7)),
        (3, "Zdroj", MESSAGE.format(code="U+001B", position=1)),
    ]
    assert not Locality.objects.exists()


def test_line_breaks_are_allowed_in_the_description_only(organisation):
    rows = [locality_row(Popis="První řádek.\nDruhý řádek."), locality_row(Název="Mojžíř\nsever")]

    summary = _import(csv_bytes(rows), ".csv", organisation)

    assert [(error.row, error.column, error.message) for error in summary.errors] == [
        (3, "Název", MESSAGE.format(code="U+000A", position=7)),
    ]


def test_xlsx_cell_with_a_c1_control_character_is_reported_at_its_row_and_column(organisation):
    cells = [locality_row()[header] for header in HEADERS]
    cells[HEADERS.index("Obec")] = "Ústí nad\x9bLabem"

    summary = _import(xlsx_bytes([cells]), ".xlsx", organisation)

    assert [(error.row, error.column, error.message) for error in summary.errors] == [
        (2, "Obec", MESSAGE.format(code="U+009B", position=9)),
    ]
    assert not Locality.objects.exists()


def test_the_preview_page_shows_the_bad_cell(login, coordinator, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    content = csv_bytes([locality_row(Název="Před\x07lice")])

    response = login(coordinator).post(
        reverse("localities:import"), {"file": SimpleUploadedFile("lokality.csv", content)}
    )

    assert response.status_code == 200
    assert response.context["confirm_form"] is None
    assert [(row.number, row.status) for row in response.context["summary"].rows] == [(2, "invalid")]
    assert MESSAGE.format(code="U+0007", position=5) in response.content.decode()
    assert not Locality.objects.exists()
