"""Mentor planning and review as a mentor clicks through it on a tablet (768×1024)."""

import re

import pytest
from playwright.sync_api import expect

from assistants.choices import ShiftStatus
from assistants.models import Shift
from tests.assistants.factories import FieldRecordFactory, at
from tests.assistants.review_helpers import MONDAY, mentored_project, submitted_shift
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.locations.factories import LocalityFactory

pytestmark = pytest.mark.browser

WEEK_URL = f"/shifts/plan/?week={MONDAY.isoformat()}"


@pytest.fixture
def project(organisation, mentor, apk, colleague):
    project = mentored_project(organisation, mentor, [apk, colleague], name="APK Plzeň")
    project.localities.add(LocalityFactory(organisation=organisation, name="Zátiší"))
    return project


def test_mentor_plans_a_shift_in_the_week_view(page, login_as, project, mentor, apk, live_server):
    login_as(mentor)
    page.goto(WEEK_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Plán směn 16. 11. – 22. 11. 2026")
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name=f"Naplánovat směnu: {apk}, 17. 11. 2026").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Naplánovat směnu")
    expect(page.get_by_label("Datum")).to_have_value("2026-11-17")
    expect(page.get_by_label(str(apk))).to_be_checked()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Plánovaný začátek").fill("22:00")
    page.get_by_label("Plánovaný konec").fill("06:00")
    page.get_by_label("Druh směny").select_option(label="společná hlídka s MP/PČR")
    page.get_by_label("Zátiší").check()
    page.get_by_label("Priority dne").fill("Noční klid u ubytovny.")
    page.get_by_role("button", name="Naplánovat směnu").click()

    expect(page).to_have_url(f"{live_server.url}{WEEK_URL}")
    expect(page.get_by_role("status")).to_have_text("Směna 17. 11. 2026 byla naplánována.")
    shift = Shift.objects.get()
    chip = page.get_by_test_id("plan-week").get_by_role("link", name=re.compile("22:00–06:00"))
    expect(chip).to_contain_text("společná hlídka s MP/PČR")
    expect(chip).to_contain_text("naplánovaná")
    assert (shift.planned_start, shift.planned_end) == (
        at(MONDAY.replace(day=17), "22:00"),
        at(MONDAY.replace(day=18), "06:00"),
    )
    assert list(shift.assistants.all()) == [apk]
    assert shift.mentor == mentor


def test_overlap_is_shown_at_the_assistants(page, login_as, project, mentor, apk):
    submitted_shift(project, mentor, [apk])
    login_as(mentor)
    page.goto(f"/shifts/plan/new/?date={MONDAY.isoformat()}&assistant={apk.pk}")
    page.get_by_label("Plánovaný začátek").fill("15:00")
    page.get_by_label("Plánovaný konec").fill("20:00")
    page.get_by_role("button", name="Naplánovat směnu").click()

    expect(
        page.get_by_text(f"{apk} už má v této době jinou směnu: 16. 11. 2026 08:00–16:00 (pochůzka).")
    ).to_be_visible()
    assert Shift.objects.count() == 1
    assert_no_serious_axe_violations(page)


def test_mentor_approves_a_submitted_shift_from_the_queue(page, login_as, project, mentor, apk, colleague):
    shift = submitted_shift(project, mentor, [apk, colleague])
    FieldRecordFactory(shift=shift, author=apk)
    login_as(mentor)
    page.goto("/shifts/review/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Směny ke schválení")
    assert_no_serious_axe_violations(page)

    page.get_by_role("checkbox", name=re.compile("Vybrat směnu 16. 11. 2026")).check()
    page.get_by_role("button", name="Schválit vybrané").click()

    expect(page.get_by_role("status")).to_have_text("Schváleno směn: 1.")
    expect(page.get_by_test_id("review-queue-empty")).to_be_visible()
    shift.refresh_from_db()
    assert (shift.status, shift.approved_by) == (ShiftStatus.APPROVED, mentor)


def test_mentor_returns_a_shift_from_its_page(page, login_as, project, mentor, apk):
    shift = submitted_shift(project, mentor, [apk])
    FieldRecordFactory(shift=shift, author=apk)
    login_as(mentor)
    page.goto("/shifts/review/")
    page.get_by_role("link", name="16. 11. 2026").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Směna 16. 11. 2026 – pochůzka")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Vrátit k opravě").click()
    expect(page.get_by_text("Napište, co je potřeba opravit.")).to_be_visible()
    page.get_by_label("Co je potřeba opravit").fill("Doplňte výsledek u záznamu.")
    page.get_by_role("button", name="Vrátit k opravě").click()

    expect(page.get_by_role("status")).to_have_text("Směna 16. 11. 2026 byla vrácena asistentům k opravě.")
    shift.refresh_from_db()
    assert (shift.status, shift.return_comment) == (ShiftStatus.RETURNED, "Doplňte výsledek u záznamu.")
