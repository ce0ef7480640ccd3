"""Damaged, disguised and oversized XLSX files on the shift import page: a Czech error at the file field, the
upload form shown again, nothing saved and no file kept (before: ParseError, KeyError, ... were a 500)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assistants.models import FieldRecord, Shift
from tests.assistants.shift_import_helpers import cast_fixture, xlsx_bytes  # noqa: F401
from tests.core.xlsx_files import damaged_files, sheet_info, zip_bomb

IMPORT_URL = reverse("shifts:import")
ROW = [
    datetime.date(2026, 11, 3),
    datetime.time(8, 0),
    datetime.time(16, 0),
    30,
    "apk",
    "mentor",
    "MV-2026-042",
    "pochůzka",
    datetime.time(10, 15),
    "Předlice",
    "",
    "monitoring ubytoven a rizikových míst",
    "Kontrola ubytovny, klid.",
    4,
    "pouze monitoring",
    "",
    "ne",
    None,
]
VALID = xlsx_bytes([ROW])
DAMAGED = damaged_files(VALID)

pytestmark = pytest.mark.usefixtures("cast")


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def _upload(client, content: bytes):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile("smeny.xlsx", content)})


def _assert_refused_at_the_file_field(response, message, var_dir):
    assert response.status_code == 200
    assert response.templates[0].name == "assistants/shift_import.html"
    assert response.context["form"].errors == {"file": [message]}
    assert message in response.content.decode()
    assert not Shift.objects.exists()
    assert not FieldRecord.objects.exists()
    assert not (var_dir / "imports").exists() or not any((var_dir / "imports").iterdir())


def test_the_valid_workbook_the_damaged_ones_are_made_from_is_previewed(login, coordinator):
    response = _upload(login(coordinator), VALID)

    assert response.templates[0].name == "assistants/shift_import_preview.html"
    assert [(row.number, row.status) for row in response.context["summary"].rows] == [(2, "new")]


@pytest.mark.parametrize("kind", list(DAMAGED))
def test_damaged_xlsx_is_refused_at_the_file_field(login, coordinator, var_dir, kind):
    content, message = DAMAGED[kind]

    response = _upload(login(coordinator), content)

    _assert_refused_at_the_file_field(response, message, var_dir)


def test_zip_bomb_is_refused_before_it_is_unpacked(login, coordinator, var_dir):
    bomb = zip_bomb(VALID, unpacked_bytes=5_000_000)
    sheet = sheet_info(bomb)

    response = _upload(login(coordinator), bomb)

    ratio = int(sheet.file_size / sheet.compress_size)
    _assert_refused_at_the_file_field(
        response,
        f"Soubor XLSX je podezřele silně zkomprimovaný ({ratio}:1, nejvýše 100:1). "
        "Zkopírujte tabulku do nového sešitu, nebo ji uložte jako CSV.",
        var_dir,
    )
