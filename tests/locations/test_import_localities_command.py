"""`manage.py import_localities --org IČO FILE [--dry-run]` for bulk loads."""

import io

import pytest
from django.core.management import CommandError, call_command

from locations.models import Locality
from tests.locations.factories import LocalityFactory
from tests.locations.locality_import_helpers import HEADERS, csv_bytes, locality_row, xlsx_bytes


def _run(*args) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_localities", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def csv_file(tmp_path):
    def _write(rows, name="lokality.csv", **kwargs):
        path = tmp_path / name
        path.write_bytes(csv_bytes(rows, **kwargs))
        return str(path)

    return _write


def test_import_prints_new_updated_unchanged_counts(organisation, csv_file):
    LocalityFactory(organisation=organisation, name="Předlice", municipality_code="554804")
    rows = [locality_row(Název="Předlice"), locality_row(Název="Mojžíř")]

    stdout, stderr = _run("--org", organisation.ico, csv_file(rows, encoding="cp1250"))

    assert stdout == f"Imported into Město A (IČO {organisation.ico}): new 1, updated 1, unchanged 0.\n"
    assert stderr == ""
    assert sorted(Locality.objects.filter(organisation=organisation).values_list("name", flat=True)) == [
        "Mojžíř",
        "Předlice",
    ]


def test_xlsx_file_is_imported(organisation, tmp_path):
    path = tmp_path / "lokality.xlsx"
    row = locality_row()
    path.write_bytes(xlsx_bytes([[row[header] for header in HEADERS]]))

    stdout, _ = _run("--org", organisation.ico, str(path))

    assert stdout.endswith("new 1, updated 0, unchanged 0.\n")
    assert Locality.objects.get().name == "Předlice"


def test_dry_run_reports_counts_and_saves_nothing(organisation, csv_file):
    stdout, _ = _run("--org", organisation.ico, "--dry-run", csv_file([locality_row()]))

    assert stdout == "Dry run, nothing saved: new 1, updated 0, unchanged 0.\n"
    assert not Locality.objects.exists()


def test_invalid_file_exits_non_zero_prints_each_error_and_saves_nothing(organisation, csv_file):
    rows = [
        locality_row(Název="Předlice"),
        locality_row(Název="Mojžíř", Kód_obce="12345", Kraj="Sudety"),
    ]
    stderr = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_localities", "--org", organisation.ico, csv_file(rows), stderr=stderr)

    assert str(raised.value) == "Nothing was saved: 1 invalid row(s) (new 1, updated 0, unchanged 0)."
    assert raised.value.returncode == 1  # the exit status of manage.py
    assert stderr.getvalue().splitlines() == [
        "Row 3, column Kód obce: Kód obce musí mít 6 číslic a začínat číslicí 5 (číselník obcí ČSÚ), např. 554791.",
        "Row 3, column Kraj: Neznámý kraj „Sudety“; použijte název kraje, např. Ústecký kraj.",
    ]
    assert not Locality.objects.exists()


def test_missing_headers_exit_non_zero_naming_them(organisation, csv_file):
    stderr = io.StringIO()

    with pytest.raises(CommandError, match=r"^Nothing was saved"):
        call_command(
            "import_localities", "--org", organisation.ico, csv_file([locality_row()], headers=["Název"]), stderr=stderr
        )

    assert "V záhlaví souboru chybí povinné sloupce: Obec, Kód obce, Kraj, Typ bydlení." in stderr.getvalue()


def test_unknown_ico_is_an_error(db, csv_file):
    with pytest.raises(CommandError, match=r"^No organisation with IČO 12345679\.$"):
        _run("--org", "12345679", csv_file([locality_row()]))


def test_missing_file_is_an_error(organisation, tmp_path):
    with pytest.raises(CommandError, match=r"lokality\.csv: No such file or directory\.$"):
        _run("--org", organisation.ico, str(tmp_path / "lokality.csv"))


def test_unsupported_extension_is_an_error(organisation, tmp_path):
    path = tmp_path / "lokality.xls"
    path.write_bytes(b"x")

    with pytest.raises(CommandError, match=r"lokality\.xls: expected a \.csv or \.xlsx file\.$"):
        _run("--org", organisation.ico, str(path))


def test_org_option_is_required(csv_file):
    with pytest.raises(CommandError, match="the following arguments are required: --org"):
        _run(csv_file([locality_row()]))
