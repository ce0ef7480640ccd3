"""The report XLSX through the real report page: a project or locality named like a formula stays text, and
names saved with control characters before input was validated no longer make the download a 500."""

import io

import openpyxl
import pytest
from django.urls import reverse

from assistants.models import Project
from locations.models import Locality
from tests.reports.apk_dataset import PERIOD, build_apk_data


@pytest.fixture
def data(organisation, mentor, other_organisation):
    return build_apk_data(organisation, mentor, other_organisation)


def _xlsx_cells(client, data) -> dict:
    response = client.get(reverse("reports:apk"), {"project": data.project.pk, **PERIOD, "format": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row if cell.value is not None}


def test_formula_named_project_and_locality_are_text_in_the_report_xlsx(data, coordinator, login):
    Project.objects.filter(pk=data.project.pk).update(name='=HYPERLINK("http://example.com","APK")')
    Locality.objects.filter(organisation=data.project.organisation, name="Předlice").update(name="@SUM(A1)")

    cells = _xlsx_cells(login(coordinator), data)

    assert cells["'@SUM(A1) (Ústí nad Labem)"] == "s"
    assert cells['\'=HYPERLINK("http://example.com","APK") (MV-2026-042)'] == "s"
    assert [value for value, data_type in cells.items() if data_type == "f"] == []


def test_report_xlsx_of_names_saved_with_control_characters_is_a_file_without_them(data, coordinator, login):
    Locality.objects.filter(organisation=data.project.organisation, name="Předlice").update(name="Před\x07lice")

    cells = _xlsx_cells(login(coordinator), data)

    assert cells["Předlice (Ústí nad Labem)"] == "s"
