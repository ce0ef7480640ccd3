"""Importing localities from a CSV file through the preview and the confirmation, at tablet size."""

import re

import pytest
from playwright.sync_api import expect

from locations.models import Locality
from tests.browser.conftest import MIN_TOUCH_TARGET_PX, assert_no_serious_axe_violations
from tests.locations.locality_import_helpers import csv_bytes, locality_row

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    """Uploads waiting for confirmation go to a per-test directory."""
    settings.VAR_DIR = tmp_path
    return tmp_path


def _csv_file(rows) -> dict:
    return {"name": "lokality.csv", "mimeType": "text/csv", "buffer": csv_bytes(rows, encoding="cp1250")}


def test_coordinator_imports_csv_through_preview_and_confirm(page, login_as, coordinator, live_server, var_dir):
    login_as(coordinator)
    page.goto("/localities/")
    page.get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import lokalit")
    assert_no_serious_axe_violations(page)

    page.get_by_label("Soubor CSV nebo XLSX").set_input_files(
        _csv_file([locality_row(Název="Předlice"), locality_row(Název="Mojžíř – Sídliště", Kraj="ustecky")])
    )
    page.get_by_role("button", name="Nahrát a zkontrolovat").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Náhled importu lokalit")
    rows = page.get_by_test_id("import-rows").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_text(re.compile(r"^\s*2\s+nová\s+Předlice\s+Ústí nad Labem\s*$"))
    expect(rows.nth(1)).to_have_text(re.compile(r"^\s*3\s+nová\s+Mojžíř – Sídliště\s+Ústí nad Labem\s*$"))
    assert not Locality.objects.exists()
    confirm = page.get_by_role("button", name="Potvrdit import")
    box = confirm.bounding_box()
    assert box["height"] >= MIN_TOUCH_TARGET_PX
    assert_no_serious_axe_violations(page)

    confirm.click()

    expect(page).to_have_url(f"{live_server.url}/localities/")
    expect(page.get_by_role("status")).to_have_text("Import je hotový. Nové lokality: 2, změněné: 0, beze změny: 0.")
    expect(page.get_by_role("link", name="Předlice")).to_be_visible()
    expect(page.get_by_role("link", name="Mojžíř – Sídliště")).to_be_visible()
    assert sorted(Locality.objects.filter(organisation=coordinator.organisation).values_list("name", flat=True)) == [
        "Mojžíř – Sídliště",
        "Předlice",
    ]
    assert not any((var_dir / "imports").iterdir())


def test_file_with_invalid_row_shows_errors_and_offers_no_confirm(page, login_as, coordinator):
    login_as(coordinator)
    page.goto("/localities/import/")

    page.get_by_label("Soubor CSV nebo XLSX").set_input_files(
        _csv_file([locality_row(Název="Předlice"), locality_row(Název="Mojžíř", Kód_obce="12345")])
    )
    page.get_by_role("button", name="Nahrát a zkontrolovat").click()

    expect(page.get_by_role("alert")).to_have_text(
        "Soubor obsahuje chybné řádky (počet: 1). Nic nebude uloženo – opravte chyby v souboru a nahrajte ho znovu."
    )
    errors = page.get_by_test_id("import-errors").locator("tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.get_by_role("cell")).to_have_text(
        ["3", "Kód obce", "Kód obce musí mít 6 číslic a začínat číslicí 5 (číselník obcí ČSÚ), např. 554791."]
    )
    expect(page.get_by_role("button", name="Potvrdit import")).to_have_count(0)
    expect(page.get_by_role("link", name="Nahrát jiný soubor")).to_be_visible()
    assert_no_serious_axe_violations(page)
    assert not Locality.objects.exists()
