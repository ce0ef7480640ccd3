"""Damaged, disguised and oversized XLSX files on the locality import page: a Czech error at the file field,
the upload form shown again, nothing saved and no file kept (before: ParseError, KeyError, ... were a 500)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from locations.models import Locality
from tests.core.xlsx_files import damaged_files, sheet_info, zip_bomb
from tests.locations.locality_import_helpers import HEADERS, locality_row, xlsx_bytes

IMPORT_URL = reverse("localities:import")
VALID = xlsx_bytes([[locality_row()[header] for header in HEADERS]])
DAMAGED = damaged_files(VALID)


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def _upload(client, content: bytes):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile("lokality.xlsx", content)})


def _assert_refused_at_the_file_field(response, message, var_dir):
    assert response.status_code == 200
    assert response.templates[0].name == "locations/locality_import.html"
    assert response.context["form"].errors == {"file": [message]}
    assert message in response.content.decode()
    assert not Locality.objects.exists()
    assert not (var_dir / "imports").exists() or not any((var_dir / "imports").iterdir())


def test_the_valid_workbook_the_damaged_ones_are_made_from_is_previewed(login, coordinator):
    response = _upload(login(coordinator), VALID)

    assert response.templates[0].name == "locations/locality_import_preview.html"
    assert [(row.number, row.status) for row in response.context["summary"].rows] == [(2, "new")]


@pytest.mark.parametrize("kind", list(DAMAGED))
def test_damaged_xlsx_is_refused_at_the_file_field(login, coordinator, var_dir, kind):
    content, message = DAMAGED[kind]

    response = _upload(login(coordinator), content)

    _assert_refused_at_the_file_field(response, message, var_dir)


def test_zip_bomb_is_refused_before_it_is_unpacked(login, coordinator, var_dir):
    bomb = zip_bomb(VALID, unpacked_bytes=5_000_000)  # 5 MB unpacked from some 25 kB
    sheet = sheet_info(bomb)

    response = _upload(login(coordinator), bomb)

    ratio = int(sheet.file_size / sheet.compress_size)
    assert ratio > 100
    _assert_refused_at_the_file_field(
        response,
        f"Soubor XLSX je podezřele silně zkomprimovaný ({ratio}:1, nejvýše 100:1). "
        "Zkopírujte tabulku do nového sešitu, nebo ji uložte jako CSV.",
        var_dir,
    )


def test_xlsx_that_unpacks_to_more_than_ten_times_the_upload_limit_is_refused(login, coordinator, var_dir, settings):
    settings.IMPORT_MAX_BYTES = 100_000  # so at most 1,000,000 bytes unpacked
    bomb = zip_bomb(VALID, unpacked_bytes=1_100_000)
    sheet = sheet_info(bomb)

    response = _upload(login(coordinator), bomb)

    _assert_refused_at_the_file_field(
        response,
        f"Soubor XLSX je po rozbalení příliš velký ({filesizeformat(sheet.file_size)}, nejvýše 976,6\xa0KB). "
        "Zkopírujte tabulku do nového sešitu, nebo ji uložte jako CSV.",
        var_dir,
    )
