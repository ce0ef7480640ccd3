"""The coordinator's dashboard and the grant reports as people click through them on a tablet (768×1024):
dashboard → /reports/ → the APK report for "this year" and a project → PDF and XLSX downloads; the report
pages pass axe-core (no serious or critical violations)."""

import datetime
import re
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.choices import Role
from assistants.choices import ShiftStatus
from cases.models import AnonymousContact
from tests.accounts.factories import UserFactory
from tests.assistants.factories import FieldRecordFactory, ProjectFactory, ShiftFactory, at
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.cases.factories import (
    CaseFactory,
    ClientFactory,
    ClientIdentityFactory,
    ContactFactory,
    SocialServiceFactory,
)
from tests.locations.factories import LocalityFactory, ObservationFactory

pytestmark = pytest.mark.browser


def _approved_shift(project, assistant, day: datetime.date, minutes: int):
    shift = ShiftFactory(
        organisation=project.organisation,
        project=project,
        mentor=project.mentors.first(),
        assistants=[assistant],
        date=day,
        status=ShiftStatus.APPROVED,
        worked_minutes=minutes,
    )
    FieldRecordFactory(shift=shift, recorded_at=at(day, "10:00"), locality=project.localities.first())
    return shift


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def project(organisation, mentor, today):
    """An APK project with two approved shifts this year (8 h on 1 January, 4.5 h today), one record each."""
    assistant = UserFactory(organisation=organisation, roles=[Role.APK], first_name="Petr", last_name="Král")
    project = ProjectFactory(
        organisation=organisation,
        name="APK Předlice",
        starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31),
        mentors=[mentor],
        assistants=[assistant],
    )
    project.localities.add(LocalityFactory(organisation=organisation, name="Předlice"))
    ProjectFactory(organisation=organisation, name="APK Střekov", mentors=[mentor])
    first_of_year = today.replace(month=1, day=1)
    _approved_shift(project, assistant, first_of_year, 480)
    if today != first_of_year:
        _approved_shift(project, assistant, today, 270)
    else:  # on 1 January both shifts fall on the same day
        _approved_shift(project, assistant, first_of_year, 270)
    return project


def _open_apk_report_for_this_year(page: Page, project) -> None:
    page.get_by_role("link", name="Výkaz projektu APK (MV ČR)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Výkaz projektu APK (MV ČR)")
    page.get_by_label("Projekt").select_option(label=project.name)
    page.get_by_role("button", name="Zobrazit", exact=True).click()
    expect(page.get_by_text(f"{project.name} ({project.registration_number})")).to_be_visible()
    page.get_by_role("link", name="tento rok").click()


def test_coordinator_goes_from_dashboard_to_apk_report_and_downloads_it(page, login_as, coordinator, project, today):
    login_as(coordinator)
    expect(page.get_by_role("heading", name="Přehled organizace")).to_be_visible()
    # Today's 4.5 h shift counts this month; in January the 8 h shift of 1 January does too.
    this_month = "12,50" if today.month == 1 else "4,50"
    expect(page.locator('[data-row="hours_worked"] [data-month="this"]')).to_have_text(this_month)
    expect(page.get_by_role("img", name="Schválené hodiny a záznamy z terénu za posledních 12 měsíců")).to_be_visible()
    assert_no_serious_axe_violations(page)

    page.get_by_test_id("dashboard").get_by_role("link", name="Výkazy a zprávy").click()
    expect(page).to_have_url(re.compile(r"/reports/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Výkazy a zprávy")
    assert_no_serious_axe_violations(page)

    _open_apk_report_for_this_year(page, project)
    year = today.year
    expect(page).to_have_url(re.compile(rf"project={project.pk}&od={year}-01-01&do={year}-12-31$"))
    expect(page.get_by_text(f"Období: 1. 1. {year} – 31. 12. {year}")).to_be_visible()
    expect(page.locator('[data-fact="3"]')).to_have_text("2")  # approved shifts
    expect(page.locator('[data-fact="4"]')).to_have_text("12,50")  # hours
    expect(page.locator('[data-fact="5"]')).to_have_text("2")  # field records
    assert_no_serious_axe_violations(page)

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Stáhnout PDF").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename == f"vykaz-apk-{year}-01-01_{year}-12-31.pdf"
    with open(pdf.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Stáhnout XLSX").click()
    xlsx = xlsx_download.value
    assert xlsx.suggested_filename == f"vykaz-apk-{year}-01-01_{year}-12-31.xlsx"
    assert zipfile.is_zipfile(xlsx.path())
    with zipfile.ZipFile(xlsx.path()) as archive:
        assert "xl/workbook.xml" in archive.namelist()


def test_mpsv_report_passes_axe_for_the_service_lead(page, login_as, organisation, service_lead, today):
    service = SocialServiceFactory(organisation=organisation, name="Terénní program Předlice")
    client = ClientFactory(organisation=organisation, service=service)
    ClientIdentityFactory(client=client, full_name="Marie Nováková")
    case = CaseFactory(client=client)
    ContactFactory(case=case, date=today, duration_minutes=45)
    ContactFactory(case=case, date=today, duration_minutes=15)
    AnonymousContact.objects.create(
        organisation=organisation,
        service=service,
        date=today,
        duration_minutes=20,
        persons_count=3,
        created_by=client.created_by,
    )
    login_as(service_lead)
    page.get_by_role("link", name="Výkazy a zprávy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Výkazy a zprávy")
    expect(page.get_by_role("link", name="Výkaz projektu APK (MV ČR)")).to_have_count(0)

    page.get_by_role("link", name="Statistika sociální služby (MPSV)").click()
    page.get_by_label("Služba").select_option(label=service.name)
    page.get_by_role("button", name="Zobrazit", exact=True).click()
    page.get_by_role("link", name="tento měsíc").click()

    expect(page).to_have_url(re.compile(rf"service={service.pk}&od="))
    expect(page.get_by_text(f"{service.name} (reg. č. {service.registration_number})")).to_be_visible()
    expect(page.locator('[data-fact="3"]')).to_have_text("2")  # contacts with clients
    expect(page.locator('[data-fact="5"]')).to_have_text("1")  # anonymous contacts
    expect(page.get_by_text("Marie Nováková")).to_have_count(0)
    assert_no_serious_axe_violations(page)


def test_situation_report_passes_axe(page, login_as, organisation, coordinator, today):
    locality = LocalityFactory(organisation=organisation, name="Předlice", municipality_name="Ústí nad Labem")
    ObservationFactory(locality=locality, observed_on=today, score=4, problems=["usury", "noise"])
    login_as(coordinator)
    page.goto("/reports/")
    page.get_by_role("link", name="Situační zpráva o lokalitách").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Situační zpráva o lokalitách")
    assert_no_serious_axe_violations(page)  # the form before a valid period is chosen

    page.get_by_role("link", name="tento rok").click()

    expect(page.get_by_text("Předlice").first).to_be_visible()
    assert_no_serious_axe_violations(page)


def test_apk_report_form_without_a_project_passes_axe(page, login_as, organisation, coordinator, project):
    login_as(coordinator)
    page.goto("/reports/apk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Výkaz projektu APK (MV ČR)")
    assert_no_serious_axe_violations(page)
