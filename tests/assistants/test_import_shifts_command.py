"""python manage.py import_shifts --org IČO --user USERNAME FILE [--dry-run]"""

import pytest
from django.core.management import CommandError, call_command

from assistants.models import FieldRecord, Shift
from tests.assistants.shift_import_helpers import cast_fixture, csv_bytes, shift_row  # noqa: F401

pytestmark = pytest.mark.usefixtures("cast")


@pytest.fixture
def file(tmp_path):
    def write(rows, name="smeny.csv"):
        path = tmp_path / name
        path.write_bytes(csv_bytes(rows, encoding="cp1250"))
        return str(path)

    return write


def test_imports_approved_shifts_as_the_given_user(organisation, coordinator, file, capsys):
    call_command(
        "import_shifts", file([shift_row(), shift_row(Datum="4. 11. 2026")]), org=organisation.ico, user="coordinator"
    )

    assert capsys.readouterr().out == (
        f"Imported into Město A (IČO {organisation.ico}): new rows 2 (shifts 2, records 2), already imported 0.\n"
    )
    assert Shift.objects.filter(imported=True, approved_by=coordinator).count() == 2


def test_second_run_imports_nothing(organisation, file, capsys):
    path = file([shift_row()])
    call_command("import_shifts", path, org=organisation.ico, user="coordinator")
    capsys.readouterr()

    call_command("import_shifts", path, org=organisation.ico, user="coordinator")

    assert "new rows 0 (shifts 0, records 0), already imported 1." in capsys.readouterr().out
    assert FieldRecord.objects.count() == 1


def test_dry_run_saves_nothing(organisation, file, capsys):
    call_command("import_shifts", file([shift_row()]), org=organisation.ico, user="coordinator", dry_run=True)

    assert capsys.readouterr().out == "Dry run, nothing saved: new rows 1 (shifts 1, records 1), already imported 0.\n"
    assert not Shift.objects.exists()


def test_invalid_row_fails_and_saves_nothing(organisation, file, capsys):
    path = file([shift_row(), shift_row(Datum="4. 11. 2026", Asistent="nikdo")])

    with pytest.raises(CommandError, match=r"Nothing was saved: 1 invalid row\(s\)"):
        call_command("import_shifts", path, org=organisation.ico, user="coordinator")

    assert capsys.readouterr().err == "Row 3, column Asistent: Uživatel „nikdo“ v organizaci není.\n"
    assert not Shift.objects.exists()


def test_unknown_organisation_or_user_fails(organisation, file):
    path = file([shift_row()])

    with pytest.raises(CommandError, match="No organisation with IČO 00000000"):
        call_command("import_shifts", path, org="00000000", user="coordinator")
    with pytest.raises(CommandError, match="No user outsider in Město A"):
        call_command("import_shifts", path, org=organisation.ico, user="outsider")


def test_wrong_file_type_fails(organisation, tmp_path):
    path = tmp_path / "smeny.txt"
    path.write_text("x")

    with pytest.raises(CommandError, match="expected a .csv or .xlsx file"):
        call_command("import_shifts", str(path), org=organisation.ico, user="coordinator")
