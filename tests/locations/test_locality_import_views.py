"""The web import: upload -> preview (dry run) -> confirm, for coordinators and organisation admins."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.importing.uploads import UPLOAD_MAX_AGE_SECONDS
from locations.models import Locality
from tests.locations.factories import LocalityFactory
from tests.locations.locality_import_helpers import HEADERS, csv_bytes, locality_row, xlsx_bytes

IMPORT_URL = reverse("localities:import")
CONFIRM_URL = reverse("localities:import_confirm")


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    """Uploads waiting for confirmation go to a per-test directory."""
    settings.VAR_DIR = tmp_path
    return tmp_path


def _upload(client, content: bytes, name: str = "lokality.csv"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


def _pending_files(var_dir) -> list[str]:
    directory = var_dir / "imports"
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


def test_upload_page_shows_form_and_column_help(login, coordinator):
    response = login(coordinator).get(IMPORT_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'accept=".csv,.xlsx"' in content
    for header in HEADERS:
        assert f'<th scope="row">{header}<br>' in content
    assert f"{reverse('localities:export')}?format=xlsx" in content


def test_upload_shows_preview_with_new_and_updated_rows_and_keeps_the_file(login, coordinator, var_dir):
    LocalityFactory(organisation=coordinator.organisation, name="Předlice", municipality_code="554804")
    content = csv_bytes([locality_row(Název="Předlice"), locality_row(Název="Mojžíř")])

    response = _upload(login(coordinator), content)

    assert response.status_code == 200
    assert response.templates[0].name == "locations/locality_import_preview.html"
    summary = response.context["summary"]
    assert [(row.number, row.status, row.name, row.municipality) for row in summary.rows] == [
        (2, "updated", "Předlice", "Ústí nad Labem"),
        (3, "new", "Mojžíř", "Ústí nad Labem"),
    ]
    assert Locality.objects.count() == 1  # nothing saved yet
    token = response.context["confirm_form"].initial["token"]
    assert _pending_files(var_dir) == [f"{coordinator.organisation_id}-{coordinator.pk}-{token}.csv"]
    html = response.content.decode()
    assert f'action="{CONFIRM_URL}"' in html
    assert "Potvrdit import" in html
    assert '<th scope="col">Stav</th>' in html


def test_confirm_creates_rows_from_the_file_kept_on_the_server_and_deletes_it(login, org_admin, var_dir):
    client = login(org_admin)
    preview = _upload(client, csv_bytes([locality_row(Název="Předlice"), locality_row(Název="Mojžíř")]))
    token = preview.context["confirm_form"].initial["token"]

    response = client.post(CONFIRM_URL, {"token": token}, follow=True)

    assert response.redirect_chain == [(reverse("localities:list"), 302)]
    assert sorted(Locality.objects.filter(organisation=org_admin.organisation).values_list("name", flat=True)) == [
        "Mojžíř",
        "Předlice",
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "Import je hotový. Nové lokality: 2, změněné: 0, beze změny: 0."
    ]
    assert _pending_files(var_dir) == []


def test_confirm_validates_again_and_saves_nothing_if_data_changed_since_preview(login, coordinator, var_dir):
    client = login(coordinator)
    preview = _upload(client, csv_bytes([locality_row(Název="Předlice")]))
    token = preview.context["confirm_form"].initial["token"]
    # Between preview and confirmation the file on the server is all the confirmation trusts.
    path = var_dir / "imports" / f"{coordinator.organisation_id}-{coordinator.pk}-{token}.csv"
    path.write_bytes(csv_bytes([locality_row(Název="Předlice"), locality_row(Název="Mojžíř", Kraj="Sudety")]))

    response = client.post(CONFIRM_URL, {"token": token})

    assert response.status_code == 200
    assert not Locality.objects.exists()
    assert response.context["confirm_form"] is None
    assert [str(m) for m in response.context["messages"]] == [
        "Data se od náhledu změnila a soubor už neprošel kontrolou. Nic nebylo uloženo."
    ]
    assert _pending_files(var_dir) == []


def test_xlsx_upload_previews_and_confirms(login, coordinator):
    client = login(coordinator)
    row = locality_row()
    preview = _upload(client, xlsx_bytes([[row[header] for header in HEADERS]]), name="Lokality.XLSX")

    token = preview.context["confirm_form"].initial["token"]
    client.post(CONFIRM_URL, {"token": token})

    assert list(Locality.objects.values_list("name", "municipality_code")) == [("Předlice", "554804")]


def test_preview_with_invalid_row_offers_no_confirm_and_lists_row_column_reason(login, coordinator, var_dir):
    content = csv_bytes([locality_row(Název="Předlice"), locality_row(Název="Mojžíř", Kód_obce="12345")])

    response = _upload(login(coordinator), content)

    assert response.status_code == 200
    assert response.context["confirm_form"] is None
    html = response.content.decode()
    assert "Potvrdit import" not in html
    assert CONFIRM_URL not in html
    assert (
        "Soubor obsahuje chybné řádky (počet: 1). Nic nebude uloženo – opravte chyby v souboru a nahrajte ho znovu."
        in html
    )
    assert re.search(
        r"<tr><td>3</td><td>Kód obce</td><td>Kód obce musí mít 6 číslic a začínat číslicí 5 \(číselník obcí ČSÚ\), "
        r"např\. 554791\.</td></tr>",
        html,
    )
    assert _pending_files(var_dir) == []
    assert not Locality.objects.exists()


def test_preview_of_file_without_changes_offers_no_confirm(login, coordinator, var_dir):
    LocalityFactory(organisation=coordinator.organisation, name="Předlice", municipality_code="554804")
    client = login(coordinator)
    exported = client.get(reverse("localities:export"), {"format": "csv"}).content

    response = _upload(client, exported)

    assert response.context["summary"].unchanged == 1
    assert response.context["confirm_form"] is None
    assert "Soubor neobsahuje žádné změny; není co uložit." in response.content.decode()
    assert _pending_files(var_dir) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lokality.xls", b"data", "Nahrajte soubor s příponou .csv nebo .xlsx."),
        ("lokality.csv", b"", "Odeslaný soubor je prázdný."),
        ("lokality.csv", "Název;Obec\nPředlice;Ústí\n".encode(), "V záhlaví souboru chybí povinné sloupce"),
        ("lokality.xlsx", b"PK broken", "Soubor XLSX se nepodařilo přečíst"),
    ],
    ids=["extension", "empty", "missing-headers", "broken-xlsx"],
)
def test_unusable_file_is_reported_at_the_file_field(login, coordinator, name, content, message):
    response = _upload(login(coordinator), content, name=name)

    assert response.status_code == 200
    assert response.templates[0].name == "locations/locality_import.html"
    assert message in response.context["form"].errors["file"][0]


def test_file_over_the_size_limit_is_refused(login, coordinator, settings):
    settings.IMPORT_MAX_BYTES = 100

    response = _upload(login(coordinator), csv_bytes([locality_row()]))

    assert response.context["form"].errors["file"] == [
        "Soubor je příliš velký (292\xa0bajtů); nahrajte nejvýše 100\xa0bajtů."
    ]


def test_apk_gets_403_on_import_and_confirm(login, apk):
    client = login(apk)

    assert client.get(IMPORT_URL).status_code == 403
    assert _upload(client, csv_bytes([locality_row()])).status_code == 403
    assert client.post(CONFIRM_URL, {"token": "a" * 43}).status_code == 403
    assert not Locality.objects.exists()


def test_mentor_gets_403_on_import(login, mentor):
    assert login(mentor).get(IMPORT_URL).status_code == 403


def test_outsider_cannot_confirm_someone_elses_token(login, coordinator, outsider, var_dir):
    preview = _upload(login(coordinator), csv_bytes([locality_row()]))
    token = preview.context["confirm_form"].initial["token"]

    response = login(outsider).post(CONFIRM_URL, {"token": token})

    assert response.status_code == 404
    assert not Locality.objects.exists()
    assert len(_pending_files(var_dir)) == 1  # the coordinator can still confirm


def test_colleague_of_the_same_organisation_cannot_confirm_anothers_token(login, coordinator, org_admin):
    preview = _upload(login(coordinator), csv_bytes([locality_row()]))
    token = preview.context["confirm_form"].initial["token"]

    assert login(org_admin).post(CONFIRM_URL, {"token": token}).status_code == 404


@pytest.mark.parametrize("token", ["", "../../etc/passwd", "a" * 43, "x"])
def test_confirm_with_unknown_or_malformed_token_is_404(login, coordinator, token):
    assert login(coordinator).post(CONFIRM_URL, {"token": token}).status_code == 404


def test_confirm_token_is_single_use(login, coordinator):
    client = login(coordinator)
    token = _upload(client, csv_bytes([locality_row()])).context["confirm_form"].initial["token"]
    client.post(CONFIRM_URL, {"token": token})

    assert client.post(CONFIRM_URL, {"token": token}).status_code == 404
    assert Locality.objects.count() == 1


def test_get_on_confirm_is_405(login, coordinator):
    assert login(coordinator).get(CONFIRM_URL).status_code == 405


def test_wrong_method_on_import_is_405(login, coordinator):
    assert login(coordinator).put(IMPORT_URL).status_code == 405


@pytest.mark.parametrize("url", [IMPORT_URL, CONFIRM_URL])
def test_login_required(client, url):
    response = client.post(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_stale_unconfirmed_uploads_are_purged_on_the_next_upload(login, coordinator, var_dir):
    directory = var_dir / "imports"
    directory.mkdir()
    stale = directory / "1-1-old.csv"
    stale.write_bytes(b"x")
    day_and_a_bit = UPLOAD_MAX_AGE_SECONDS + 60
    import os
    import time

    os.utime(stale, (time.time() - day_and_a_bit, time.time() - day_and_a_bit))

    _upload(login(coordinator), csv_bytes([locality_row()]))

    assert "1-1-old.csv" not in _pending_files(var_dir)
    assert len(_pending_files(var_dir)) == 1


def test_preview_runs_a_bounded_number_of_queries_per_row(login, coordinator, django_assert_max_num_queries):
    client = login(coordinator)
    rows = [locality_row(Název=f"Lokalita {n}") for n in range(20)]

    # Per row: the natural-key lookup, the service's validation (organisation, unique key, check constraint)
    # and insert, its audit row, and their savepoints; nothing per row beyond that.
    with django_assert_max_num_queries(20 * 13 + 10):
        response = _upload(client, csv_bytes(rows))

    assert response.context["summary"].new == 20
