"""An APK's shift on a tablet (768×1024): start, records, a break, end and submit; the record form's promises."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from assistants import services
from assistants.choices import ShiftStatus
from assistants.models import FieldRecord, Shift, ShiftBreak
from tests.assistants.tablet_helpers import PLAN_LOCALITY, planned_shift, started
from tests.browser.conftest import MIN_TOUCH_TARGET_PX, assert_no_serious_axe_violations

pytestmark = pytest.mark.browser
# The page may be a pixel or two taller than the viewport from rounding; more would mean scrolling.
SCROLL_TOLERANCE_PX = 2
PUBLIC_ORDER = "dohled nad veřejným pořádkem"
SYRINGES = "sběr použitých injekčních stříkaček (akce „Jehla“)"
CLEANLINESS = "čistota veřejného prostranství, černé skládky"


@pytest.fixture(autouse=True)
def _categories(transactional_db):
    services.category_ensure_defaults()  # the live server's database is flushed between tests


@pytest.fixture
def login_apk(page: Page, live_server, password):
    """Log in through the form; an APK lands on their shift today (not on the home page as login_as expects)."""

    def _login(user) -> Page:
        page.goto("/accounts/login/")
        page.get_by_label("Uživatelské jméno").fill(user.username)
        page.get_by_label("Heslo").fill(password)
        page.get_by_role("button", name="Přihlásit se").click()
        expect(page).to_have_url(f"{live_server.url}/shifts/today/")
        return page

    return _login


@pytest.fixture
def shift(organisation, apk, colleague, mentor):
    return planned_shift(
        organisation,
        mentor,
        [apk, colleague],
        day=timezone.localdate(),
        priorities="Kontrola okolí školy v 7:30.",
    )


def _choose_category(page: Page, name: str) -> None:
    # The radio itself is visually hidden behind its big label button, which is what a finger taps.
    page.locator("label.category-button", has_text=name).click()
    expect(page.get_by_role("radio", name=name)).to_be_checked()


def _log_record(page: Page, *, category: str, description: str, persons: str, outcome: str, syringes: str = ""):
    page.get_by_role("link", name="Přidat záznam").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nový záznam")
    _choose_category(page, category)
    page.get_by_label("Popis").fill(description)
    page.get_by_label("Počet osob").fill(persons)
    page.get_by_label("Výsledek").select_option(label=outcome)
    if syringes:
        page.get_by_label("Počet stříkaček").fill(syringes)
    page.get_by_role("button", name="Uložit záznam").click()
    expect(page.get_by_role("status").filter(has_text="Záznam byl uložen.")).to_be_visible()


def _page_fits_the_viewport(page: Page) -> bool:
    height, viewport = page.evaluate("[document.scrollingElement.scrollHeight, window.innerHeight]")
    return height <= viewport + SCROLL_TOLERANCE_PX


def test_apk_works_a_shift_from_start_to_submit(page, login_apk, shift, apk):
    login_apk(apk)
    card = page.get_by_test_id("today-shifts").get_by_role("article")
    expect(card).to_contain_text("08:00–16:00 · pochůzka")
    expect(card).to_contain_text(PLAN_LOCALITY)
    expect(card).to_contain_text("Kontrola okolí školy v 7:30.")
    assert_no_serious_axe_violations(page)

    card.get_by_role("button", name="Zahájit směnu").click()
    expect(page.get_by_role("status").filter(has_text="Směna byla zahájena v")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("probíhá")
    assert_no_serious_axe_violations(page)

    _log_record(
        page,
        category=PUBLIC_ORDER,
        description="Skupina mladistvých u obchodu, domluva.",
        persons="4",
        outcome="vyřešeno domluvou na místě",
    )
    _log_record(
        page,
        category=SYRINGES,
        description="Stříkačky v parku u dětského hřiště.",
        persons="0",
        outcome="pouze monitoring",
        syringes="12",
    )

    page.get_by_role("button", name="Začít přestávku").click()
    expect(page.get_by_test_id("break-indicator")).to_contain_text("Probíhá přestávka od")
    page.get_by_role("button", name="Ukončit přestávku").click()
    expect(page.get_by_test_id("break-indicator")).to_have_count(0)
    expect(page.get_by_role("button", name="Začít přestávku")).to_be_visible()

    _log_record(
        page,
        category=CLEANLINESS,
        description="Černá skládka za domem, nahlášeno technickým službám.",
        persons="0",
        outcome="jiné",
    )
    records = page.get_by_test_id("records").get_by_role("listitem")
    expect(records).to_have_count(3)
    expect(records.nth(1)).to_contain_text("stříkačky: 12")

    page.get_by_role("button", name="Ukončit směnu").click()
    expect(page.get_by_role("status").filter(has_text="Směna byla ukončena v")).to_be_visible()
    expect(page.get_by_test_id("worked-hours")).to_have_text(re.compile(r"^\d+,\d\d h$"))
    page.get_by_text("Opravit časy a přestávky").click()  # axe checks only what is shown
    expect(page.get_by_role("button", name="Opravit časy")).to_be_visible()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Poznámka ke směně").fill("Klidná směna, jedna skládka nahlášena.")
    page.get_by_role("button", name="Odevzdat směnu ke schválení").click()

    expect(page).to_have_url(re.compile(r"/shifts/today/$"))
    expect(page.get_by_role("status").filter(has_text="Směna byla odevzdána ke schválení.")).to_be_visible()
    expect(page.get_by_test_id("today-shifts")).to_contain_text("odevzdaná")

    shift = Shift.objects.get(pk=shift.pk)
    assert shift.status == ShiftStatus.SUBMITTED
    assert shift.note == "Klidná směna, jedna skládka nahlášena."
    assert shift.worked_minutes is not None
    saved = list(FieldRecord.objects.order_by("recorded_at", "id").values_list("category__code", "syringe_count"))
    assert saved == [("public_order", None), ("syringes", 12), ("cleanliness", None)]
    assert ShiftBreak.objects.filter(shift=shift, ended_at__isnull=False).count() == 1


def test_record_form_fits_the_tablet_without_scrolling(page, login_apk, shift, apk):
    started(shift)
    login_apk(apk)
    page.goto(f"/shifts/{shift.pk}/records/new/")

    submit = page.get_by_role("button", name="Uložit záznam")
    expect(submit).to_be_in_viewport(ratio=1)
    assert _page_fits_the_viewport(page)
    expect(page.get_by_label("Lokalita")).to_have_value(str(shift.localities.get().pk))
    expect(page.get_by_role("textbox", name="Čas")).to_have_value(re.compile(r"^\d\d:\d\d$"))
    expect(page.get_by_text("Nepište jména obyvatel.")).to_be_visible()
    expect(page.get_by_label("Počet stříkaček")).to_be_hidden()
    assert_no_serious_axe_violations(page)

    _choose_category(page, SYRINGES)  # the syringe count appears, still without scrolling
    expect(page.get_by_label("Počet stříkaček")).to_be_visible()
    expect(submit).to_be_in_viewport(ratio=1)
    assert _page_fits_the_viewport(page)
    _choose_category(page, PUBLIC_ORDER)
    expect(page.get_by_label("Počet stříkaček")).to_be_hidden()


def test_record_form_touch_targets_are_big_enough(page, login_apk, shift, apk):
    started(shift)
    login_apk(apk)
    page.goto(f"/shifts/{shift.pk}/records/new/")

    fields = page.locator("label.category-button, form.record-form .form-control, form.record-form .form-select")
    targets = [*fields.filter(visible=True).all(), page.get_by_role("button", name="Uložit záznam")]
    assert len(targets) == 15 + 7 + 1  # categories, fields (the syringe count is hidden), the save button
    for target in targets:
        box = target.bounding_box()
        assert box["height"] >= MIN_TOUCH_TARGET_PX, target.evaluate("element => element.outerHTML")


def test_work_page_buttons_are_big_enough(page, login_apk, shift, apk):
    started(shift)
    login_apk(apk)
    page.goto(f"/shifts/{shift.pk}/work/")

    for name in ("Přidat záznam", "Začít přestávku", "Ukončit směnu"):
        target = page.get_by_role("link", name=name).or_(page.get_by_role("button", name=name))
        assert target.bounding_box()["height"] >= MIN_TOUCH_TARGET_PX, name


def test_errors_are_shown_at_the_fields_and_the_input_kept(page, login_apk, shift, apk):
    started(shift)
    login_apk(apk)
    page.goto(f"/shifts/{shift.pk}/records/new/")

    _choose_category(page, SYRINGES)
    page.get_by_label("Popis").fill("Stříkačky u zastávky.")
    page.get_by_role("button", name="Uložit záznam").click()

    outcome = page.get_by_label("Výsledek")
    expect(outcome).to_have_accessible_description(re.compile("Vyberte výsledek."))
    expect(page.get_by_label("Popis")).to_have_value("Stříkačky u zastávky.")
    expect(page.get_by_role("radio", name=SYRINGES)).to_be_checked()
    assert_no_serious_axe_violations(page)

    outcome.select_option(label="pouze monitoring")
    page.get_by_role("button", name="Uložit záznam").click()  # the server still wants the syringe count

    count = page.get_by_label("Počet stříkaček")
    expect(count).to_have_accessible_description(re.compile("U sběru stříkaček vyplňte jejich počet."))
    assert not FieldRecord.objects.exists()
    count.fill("3")
    page.get_by_role("button", name="Uložit záznam").click()
    expect(page.get_by_role("status").filter(has_text="Záznam byl uložen.")).to_be_visible()
    assert FieldRecord.objects.get().syringe_count == 3


def test_double_tap_on_save_creates_one_record(page, login_apk, shift, apk):
    started(shift)
    login_apk(apk)
    page.goto(f"/shifts/{shift.pk}/records/new/")
    _choose_category(page, PUBLIC_ORDER)
    page.get_by_label("Popis").fill("Rušení nočního klidu.")
    page.get_by_label("Výsledek").select_option(label="vyřešeno domluvou na místě")

    page.get_by_role("button", name="Uložit záznam").dblclick()

    expect(page.get_by_role("status").filter(has_text="Záznam byl uložen.")).to_be_visible()
    expect(page.get_by_test_id("records").get_by_role("listitem")).to_have_count(1)
    assert FieldRecord.objects.count() == 1


def test_unsent_record_is_restored_with_its_token_and_forgotten_once_saved(page, login_apk, shift, apk):
    started(shift)
    login_apk(apk)
    page.goto(f"/shifts/{shift.pk}/records/new/")
    token = page.locator("input[name=client_token]").input_value()
    _choose_category(page, SYRINGES)
    page.get_by_label("Počet stříkaček").fill("5")
    page.get_by_label("Popis").fill("Stříkačky za garážemi.")

    page.get_by_role("link", name="Zpět na směnu").click()  # interrupted before saving
    page.get_by_role("link", name="Přidat záznam").click()

    expect(page.get_by_test_id("draft-notice")).to_be_visible()
    expect(page.get_by_label("Popis")).to_have_value("Stříkačky za garážemi.")
    expect(page.get_by_role("radio", name=SYRINGES)).to_be_checked()
    expect(page.get_by_label("Počet stříkaček")).to_have_value("5")
    expect(page.locator("input[name=client_token]")).to_have_value(token)
    page.get_by_label("Výsledek").select_option(label="pouze monitoring")
    page.get_by_role("button", name="Uložit záznam").click()
    expect(page.get_by_role("status").filter(has_text="Záznam byl uložen.")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/shifts/{shift.pk}/work/$"))
    assert str(FieldRecord.objects.get().client_token) == token

    page.get_by_role("link", name="Přidat záznam").click()
    expect(page.get_by_test_id("draft-notice")).to_be_hidden()
    expect(page.get_by_label("Popis")).to_have_value("")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('svl:record-draft:'))") == []


def test_discarding_a_restored_draft_brings_back_an_empty_form(page, login_apk, shift, apk):
    started(shift)
    login_apk(apk)
    page.goto(f"/shifts/{shift.pk}/records/new/")
    page.get_by_label("Popis").fill("Rozepsaný záznam.")
    page.goto(f"/shifts/{shift.pk}/records/new/")
    expect(page.get_by_test_id("draft-notice")).to_be_visible()
    token = page.locator("input[name=client_token]").input_value()

    page.get_by_role("button", name="Zahodit koncept").click()

    expect(page.get_by_test_id("draft-notice")).to_be_hidden()
    expect(page.get_by_label("Popis")).to_have_value("")
    expect(page.locator("input[name=client_token]")).not_to_have_value(token)
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('svl:record-draft:'))") == []
