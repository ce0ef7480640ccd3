"""Import of historical shifts on the web: upload → preview → confirm, for coordinators and admins."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assistants.models import FieldRecord, Shift
from tests.assistants.shift_import_helpers import cast_fixture, csv_bytes, shift_row, xlsx_bytes  # noqa: F401

IMPORT_URL = reverse("shifts:import")
CONFIRM_URL = reverse("shifts:import_confirm")

pytestmark = pytest.mark.usefixtures("cast")


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    """Uploads waiting for confirmation go to a per-test directory."""
    settings.VAR_DIR = tmp_path
    return tmp_path


def _upload(client, content: bytes, name: str = "smeny.csv"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


def _pending_files(var_dir) -> list[str]:
    directory = var_dir / "imports"
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


def test_upload_page_shows_form_and_column_help(login, coordinator):
    response = login(coordinator).get(IMPORT_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html
    assert "Přestávky (min)" in html
    assert "Počet stříkaček" in html


def test_preview_shows_rows_saves_nothing_and_keeps_the_file(login, coordinator, var_dir):
    content = csv_bytes([shift_row(), shift_row(Čas_záznamu="12:00")])

    response = _upload(login(coordinator), content)

    assert response.status_code == 200
    assert response.templates[0].name == "assistants/shift_import_preview.html"
    summary = response.context["summary"]
    assert (summary.new, summary.duplicate, summary.invalid, summary.new_shifts, summary.new_records) == (2, 0, 0, 1, 2)
    assert not Shift.objects.exists()
    token = response.context["confirm_form"].initial["token"]
    assert _pending_files(var_dir) == [f"shifts-{coordinator.organisation_id}-{coordinator.pk}-{token}.csv"]
    html = response.content.decode()
    assert f'action="{CONFIRM_URL}"' in html
    assert "Potvrdit import" in html


def test_confirm_imports_the_file_kept_on_the_server_and_deletes_it(login, org_admin, var_dir):
    client = login(org_admin)
    preview = _upload(client, xlsx_bytes([list(shift_row().values())]), name="smeny.xlsx")
    token = preview.context["confirm_form"].initial["token"]

    response = client.post(CONFIRM_URL, {"token": token}, follow=True)

    assert response.redirect_chain == [(IMPORT_URL, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Import je hotový. Nové směny: 1, nové záznamy: 1, už importované řádky: 0."
    ]
    shift = Shift.objects.get()
    assert (shift.imported, shift.approved_by) == (True, org_admin)
    assert _pending_files(var_dir) == []


def test_preview_lists_errors_with_row_column_and_reason_and_offers_no_confirmation(login, coordinator, var_dir):
    content = csv_bytes([shift_row(), shift_row(Datum="4. 11. 2026", Výsledek="nevím")])

    response = _upload(login(coordinator), content)

    assert response.context["confirm_form"] is None
    assert _pending_files(var_dir) == []
    html = response.content.decode()
    assert "Potvrdit import" not in html
    assert "<tr><td>3</td><td>Výsledek</td><td>Neznámý výsledek „nevím“; povolené hodnoty:" in html
    assert "chybné: 1" in html


def test_reupload_of_an_imported_file_reports_already_imported_rows(login, coordinator, var_dir):
    client = login(coordinator)
    token = _upload(client, csv_bytes([shift_row()])).context["confirm_form"].initial["token"]
    client.post(CONFIRM_URL, {"token": token})

    response = _upload(client, csv_bytes([shift_row()]))

    assert response.context["summary"].duplicate == 1
    assert response.context["confirm_form"] is None
    html = response.content.decode()
    assert "už importováno" in html
    assert "Všechny řádky souboru už byly importovány; není co uložit." in html
    assert FieldRecord.objects.count() == 1


def test_confirm_checks_again_and_saves_nothing_if_the_data_changed(login, coordinator, cast, var_dir):
    client = login(coordinator)
    token = _upload(client, csv_bytes([shift_row()])).context["confirm_form"].initial["token"]
    cast["project"].registration_number = "MV-2026-999"
    cast["project"].save()

    response = client.post(CONFIRM_URL, {"token": token})

    assert response.status_code == 200
    assert response.context["summary"].invalid == 1
    assert "Data se od náhledu změnila" in response.content.decode()
    assert not Shift.objects.exists()
    assert _pending_files(var_dir) == []


def test_unreadable_file_is_an_error_at_the_field(login, coordinator):
    response = _upload(login(coordinator), b"\x00\x01", name="smeny.xlsx")

    assert response.context["form"].errors == {
        "file": ["Soubor XLSX se nepodařilo přečíst; uložte ho v Excelu znovu jako sešit XLSX."]
    }


def test_wrong_extension_is_an_error_at_the_field(login, coordinator):
    response = _upload(login(coordinator), b"x", name="smeny.txt")

    assert response.context["form"].errors == {"file": ["Nahrajte soubor s příponou .csv nebo .xlsx."]}


def test_another_users_token_is_404(login, coordinator, org_admin):
    token = _upload(login(coordinator), csv_bytes([shift_row()])).context["confirm_form"].initial["token"]

    assert login(org_admin).post(CONFIRM_URL, {"token": token}).status_code == 404
    assert not Shift.objects.exists()


def test_invalid_token_is_404(login, coordinator):
    assert login(coordinator).post(CONFIRM_URL, {"token": "../../etc/passwd"}).status_code == 404


@pytest.mark.parametrize("fixture", ["apk", "mentor"])
def test_other_roles_get_403(request, fixture, login):
    client = login(request.getfixturevalue(fixture))

    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(CONFIRM_URL, {"token": "x" * 43}).status_code == 403


def test_outsider_cannot_confirm_the_organisations_import(login, coordinator, outsider):
    token = _upload(login(coordinator), csv_bytes([shift_row()])).context["confirm_form"].initial["token"]

    assert login(outsider).post(CONFIRM_URL, {"token": token}).status_code == 404


def test_get_on_confirm_is_405(login, coordinator):
    assert login(coordinator).get(CONFIRM_URL).status_code == 405


@pytest.mark.parametrize("url", [IMPORT_URL, CONFIRM_URL])
def test_login_required(client, url):
    response = client.post(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_preview_query_count_does_not_grow_per_row(login, coordinator, django_assert_max_num_queries):
    client = login(coordinator)
    rows = [shift_row(Datum=f"{day}. 11. 2026") for day in range(1, 31)]

    with django_assert_max_num_queries(16):
        response = _upload(client, csv_bytes(rows))

    assert response.context["summary"].new == 30
