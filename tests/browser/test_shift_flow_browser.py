"""The whole life of a shift across two tablets' users: the APK submits, the mentor returns it with a comment,
the APK fixes a record and resubmits, the mentor approves, and the APK can no longer change anything."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.two_factor.services import two_factor_required
from assistants import services
from assistants.choices import ShiftStatus
from assistants.models import FieldRecord, Shift
from tests.accounts.two_factor_helpers import totp_device
from tests.assistants.tablet_helpers import planned_shift
from tests.browser.conftest import assert_no_serious_axe_violations, enter_code

pytestmark = pytest.mark.browser
LOCKED = "Směna je odevzdaná nebo schválená; záznamy už nelze měnit."


@pytest.fixture(autouse=True)
def _categories(transactional_db):
    services.category_ensure_defaults()  # the live server's database is flushed between tests


def _log_in(page: Page, user, password: str, lands_on: str) -> None:
    # The mentor signs in with a second factor; an APK (of an organisation not asking for it) with the password.
    device = totp_device(user) if two_factor_required(user) else None
    page.goto("/accounts/login/")
    page.get_by_label("Uživatelské jméno").fill(user.username)
    page.get_by_label("Heslo").fill(password)
    page.get_by_role("button", name="Přihlásit se").click()
    if device is not None:
        enter_code(page, device)
    expect(page).to_have_url(re.compile(rf"{re.escape(lands_on)}$"))


def _log_out(page: Page) -> None:
    # The previous step's page must have finished loading: a click that lands on a page being replaced is lost.
    page.wait_for_load_state()
    page.get_by_role("button", name="Zobrazit menu").click()
    logout = page.get_by_role("button", name="Odhlásit")
    expect(logout).to_be_visible()  # the menu has opened
    logout.click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"), timeout=30_000)


def _status(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def _log_record(page: Page, category: str, description: str, outcome: str, syringes: str = "") -> None:
    page.get_by_role("link", name="Přidat záznam").click()
    page.locator("label.category-button", has_text=category).click()
    page.get_by_label("Popis").fill(description)
    page.get_by_label("Výsledek").select_option(label=outcome)
    if syringes:
        page.get_by_label("Počet stříkaček").fill(syringes)
    page.get_by_role("button", name="Uložit záznam").click()
    _status(page, "Záznam byl uložen.")


def test_submit_return_fix_resubmit_approve_then_locked(page, organisation, apk, mentor, password):
    shift = planned_shift(organisation, mentor, [apk], day=timezone.localdate())
    work_url = f"/shifts/{shift.pk}/work/"

    # The APK works the shift and submits it.
    _log_in(page, apk, password, "/shifts/today/")
    page.get_by_role("button", name="Zahájit směnu").click()
    _status(page, "Směna byla zahájena v")
    _log_record(page, "dohled nad veřejným pořádkem", "Skupina mladistvých u obchodu.", "vyřešeno domluvou na místě")
    _log_record(page, "sběr použitých injekčních", "Stříkačky v parku.", "pouze monitoring", syringes="6")
    _log_record(page, "sousedské spory", "Hádka sousedů kvůli hluku.", "jiné")
    page.get_by_role("button", name="Ukončit směnu").click()
    page.get_by_role("button", name="Odevzdat směnu ke schválení").click()
    _status(page, "Směna byla odevzdána ke schválení.")
    _log_out(page)

    # The mentor returns it with a comment.
    _log_in(page, mentor, password, "/")
    page.goto(f"/shifts/{shift.pk}/")
    page.get_by_label("Co je potřeba opravit").fill("U sporu sousedů doplňte, jak byl vyřešen.")
    page.get_by_role("button", name="Vrátit k opravě").click()
    _status(page, "byla vrácena asistentům k opravě.")
    _log_out(page)

    # The APK sees the comment on their home page, fixes the record and resubmits.
    _log_in(page, apk, password, "/shifts/today/")
    expect(page.get_by_test_id("return-comment")).to_contain_text("U sporu sousedů doplňte, jak byl vyřešen.")
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Otevřít směnu").click()
    expect(page.get_by_test_id("return-comment")).to_contain_text("U sporu sousedů doplňte, jak byl vyřešen.")
    neighbours = FieldRecord.objects.get(category__code="neighbours")
    page.locator(f'a[href="/shifts/records/{neighbours.pk}/edit/"]').click()
    page.get_by_label("Popis").fill("Hádka sousedů kvůli hluku, urovnáno domluvou obou stran.")
    page.get_by_label("Výsledek").select_option(label="vyřešeno domluvou na místě")
    page.get_by_role("button", name="Uložit záznam").click()
    _status(page, "Změny záznamu byly uloženy.")
    page.get_by_label("Poznámka ke směně").fill("Doplněno podle mentora.")
    page.get_by_role("button", name="Odevzdat směnu ke schválení").click()
    _status(page, "Směna byla odevzdána ke schválení.")
    _log_out(page)

    # The mentor approves it.
    _log_in(page, mentor, password, "/")
    page.goto(f"/shifts/{shift.pk}/")
    page.get_by_role("button", name="Schválit").click()
    _status(page, "byla schválena.")
    _log_out(page)

    # The APK can no longer change anything.
    _log_in(page, apk, password, "/shifts/today/")
    expect(page.get_by_test_id("today-shifts")).to_contain_text("schválená")
    page.goto(work_url)
    expect(page.get_by_test_id("locked-note")).to_have_text(LOCKED)
    expect(page.get_by_test_id("records").get_by_role("link", name=re.compile("Upravit"))).to_have_count(0)
    expect(page.get_by_role("link", name="Přidat záznam")).to_have_count(0)

    shift = Shift.objects.get(pk=shift.pk)
    assert (shift.status, shift.approved_by, shift.note) == (ShiftStatus.APPROVED, mentor, "Doplněno podle mentora.")
    neighbours.refresh_from_db()
    assert neighbours.description == "Hádka sousedů kvůli hluku, urovnáno domluvou obou stran."
    client = Client()
    client.force_login(apk)
    response = client.post(
        reverse("shifts:record_edit", args=[neighbours.pk]),
        {
            "category": neighbours.category_id,
            "time": "10:00",
            "locality": neighbours.locality_id,
            "description": "Pozdní změna.",
            "persons_involved": "0",
            "outcome": "other",
            "version": neighbours.version,
        },
    )
    assert response.context["form"].non_field_errors() == [LOCKED]
    neighbours.refresh_from_db()
    assert neighbours.description == "Hádka sousedů kvůli hluku, urovnáno domluvou obou stran."
