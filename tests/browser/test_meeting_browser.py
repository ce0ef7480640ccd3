"""A coordinator holds two meetings of a platform on a tablet (768×1024): attendance, minutes and two tasks at the
first; at the second one task is done and the other carried on; the minutes are finalised and downloaded as a PDF.
The meeting page and its attendance, agenda and task forms pass axe-core (no serious or critical violations)."""

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from platforms.models import Meeting
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.platforms.meeting_helpers import platform_with_members

pytestmark = pytest.mark.browser
PATROLS = "Posílit hlídky MP u ZŠ Předlice"
SURVEY = "Připravit dotazník pocitu bezpečí"


def _plan_meeting(page: Page, platform, day: str, place: str, agenda: str) -> Meeting:
    page.goto(f"/platforms/{platform.pk}/")
    page.get_by_role("link", name="Nové jednání").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nové jednání – {platform.name}")
    page.get_by_label("Datum").fill(day)
    page.get_by_label("Začátek").fill("14:00")
    page.get_by_label("Místo").fill(place)
    page.get_by_label("Předsedající").fill("Mgr. Žaneta Čermáková")
    page.get_by_label("Program").fill(agenda)
    page.get_by_role("button", name="Naplánovat jednání").click()
    expect(page.get_by_role("status").first).to_have_text("Jednání bylo naplánováno.")
    meeting = Meeting.objects.latest("created_at")
    expect(page).to_have_url(re.compile(rf"/platforms/meetings/{meeting.pk}/$"))
    return meeting


def _attend(page: Page, person: str, status: str) -> None:
    page.get_by_role("group", name=person).get_by_label(status, exact=True).check()


def _add_task(page: Page, title: str, institution: str, due: str, *, check_axe: bool = False) -> None:
    page.get_by_role("link", name="Zadat úkol").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nový úkol")
    if check_axe:
        assert_no_serious_axe_violations(page)
    page.get_by_label("Úkol").fill(title)
    page.get_by_label("Odpovědná instituce").select_option(label=institution)
    page.get_by_label("Termín").fill(due)
    page.get_by_role("button", name="Zadat úkol").click()
    expect(page.get_by_role("status").first).to_have_text("Úkol byl zadán.")


def test_coordinator_holds_two_meetings_reviews_tasks_and_downloads_the_minutes(
    page, login_as, organisation, coordinator
):
    members = platform_with_members(organisation, coordinator)
    platform = members.platform
    login_as(coordinator)

    # The first meeting: planned with its agenda.
    october = _plan_meeting(page, platform, "2026-10-05", "KC Předlice", "Úvod\nBezpečnostní situace")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jednání 5. 10. 2026 – Koordinační platforma Předlice")
    expect(page.get_by_test_id("meeting-status")).to_have_text("rozpracovaný zápis")
    assert_no_serious_axe_violations(page)

    # Attendance, grouped by institution, and a guest.
    page.get_by_role("link", name="Zapsat účast a hosty").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prezenční listina")
    assert_no_serious_axe_violations(page)
    expect(page.get_by_role("group", name="Magistrát – odbor sociálních věcí")).to_contain_text("Bc. Petr Říha")
    _attend(page, "npor. Jan Malý, vedoucí oddělení", "přítomen")
    _attend(page, "Mgr. Eva Veselá, kurátorka pro mládež", "přítomen")
    _attend(page, "Bc. Petr Říha, sociální pracovník", "omluven")
    page.get_by_label("Jméno hosta").first.fill("Ing. Hana Dvořáková")
    page.get_by_label("Instituce / funkce").first.fill("Krajský úřad")
    page.get_by_role("button", name="Uložit prezenční listinu").click()
    expect(page.get_by_role("status").first).to_have_text("Prezenční listina byla uložena.")
    expect(page.get_by_test_id("attendance-summary")).to_have_text("Přítomno 2, omluveno 1, nepřítomno 1, hosté 1.")

    # Minutes to each agenda item, and one more item added with the "add" button.
    page.get_by_role("link", name="Upravit program a zápis").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Program a zápis")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Zápis k bodu").nth(0).fill("Jednání zahájila předsedající.")
    page.get_by_label("Zápis k bodu").nth(1).fill("MP hlásí méně krádeží; PČR řeší výtržnosti u ubytovny.")
    rows_before = page.get_by_label("Bod programu").count()
    page.get_by_role("button", name="Přidat bod programu").click()
    expect(page.get_by_label("Bod programu")).to_have_count(rows_before + 1)
    page.get_by_label("Bod programu").last.fill("Různé")
    page.get_by_role("button", name="Uložit program a zápis").click()
    expect(page.get_by_role("status").first).to_have_text("Program a zápis byly uloženy.")
    agenda = page.get_by_test_id("agenda")
    expect(agenda.locator("li")).to_have_count(3)
    expect(agenda).to_contain_text("MP hlásí méně krádeží; PČR řeší výtržnosti u ubytovny.")

    # Two tasks.
    _add_task(page, PATROLS, "Policie ČR, OOP Ústí nad Labem", "2026-10-31", check_axe=True)
    _add_task(page, SURVEY, "Magistrát – odbor sociálních věcí", "2026-11-30")
    expect(page.get_by_test_id("new-tasks")).to_contain_text(PATROLS)
    expect(page.get_by_test_id("new-tasks")).to_contain_text(SURVEY)

    # The next meeting: both tasks come back in "Kontrola úkolů".
    november = _plan_meeting(page, platform, "2026-11-02", "ZŠ Předlice", "Kontrola úkolů")
    review = page.get_by_test_id("task-review")
    expect(review.get_by_test_id("review-row")).to_have_count(2)
    assert_no_serious_axe_violations(page)

    patrols = review.get_by_test_id("review-row").filter(has_text=PATROLS)
    patrols.get_by_label("splněno", exact=True).check()
    patrols.get_by_role("button", name="Uložit kontrolu").click()
    expect(page.get_by_role("status").first).to_have_text(f"Kontrola úkolu „{PATROLS}“ byla uložena.")

    survey = page.get_by_test_id("review-row").filter(has_text=SURVEY)
    survey.get_by_label("trvá", exact=True).check()
    survey.get_by_role("button", name="Uložit kontrolu").click()
    expect(survey.get_by_text("U pokračujícího úkolu uveďte, jak pokročil.")).to_be_visible()
    survey = page.get_by_test_id("review-row").filter(has_text=SURVEY)
    survey.get_by_label("Poznámka").fill("Dotazník je hotový z poloviny.")
    survey.get_by_role("button", name="Uložit kontrolu").click()
    expect(page.get_by_role("status").first).to_have_text(f"Kontrola úkolu „{SURVEY}“ byla uložena.")
    rows = page.get_by_test_id("review-row")
    expect(rows.filter(has_text=PATROLS).get_by_test_id("review-outcome")).to_have_text("Na tomto jednání: splněno")
    expect(rows.filter(has_text=SURVEY).get_by_test_id("review-outcome")).to_have_text(
        "Na tomto jednání: trvá – Dotazník je hotový z poloviny."
    )
    expect(rows.filter(has_text=PATROLS).get_by_role("link", name=PATROLS)).to_have_attribute(
        "href", re.compile(r"/platforms/tasks/\d+/$")
    )

    # Final minutes: read-only, then downloaded.
    page.get_by_role("button", name="Uzavřít zápis").click()
    expect(page.get_by_role("status").first).to_have_text("Zápis byl uzavřen; jednání už nelze měnit.")
    expect(page.get_by_test_id("meeting-status")).to_have_text("konečný zápis")
    expect(page.get_by_role("link", name="Zadat úkol")).to_have_count(0)
    expect(page.get_by_role("button", name="Uložit kontrolu")).to_have_count(0)
    expect(page.get_by_role("button", name="Znovu otevřít zápis")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Stáhnout zápis (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "zapis-z-jednani-2026-11-02.pdf"
    content = open(download.path(), "rb").read()
    assert content.startswith(b"%PDF-")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())
    assert "Zápis z jednání – Koordinační platforma Předlice" in text
    assert "Dotazník je hotový z poloviny." in text
    assert "PRACOVNÍ VERZE" not in text

    # The October meeting keeps its tasks; only the survey is still open.
    assert list(october.new_tasks.order_by("due_on").values_list("status", flat=True)) == ["done", "open"]
    assert november.task_reviews.count() == 2
