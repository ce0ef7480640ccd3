"""A liaison worker's casework on a tablet (768×1024): client, case, two contacts and a plan; nobody else gets in."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.choices import Role
from cases import services
from cases.models import Case, Contact, IndividualPlan
from tests.accounts.factories import UserFactory
from tests.browser.conftest import MIN_TOUCH_TARGET_PX, assert_no_serious_axe_violations
from tests.cases.factories import SocialServiceFactory
from tests.locations.factories import LocalityFactory

pytestmark = pytest.mark.browser
FULL_NAME = "Marie Nováková"


def _choose(page: Page, group: str, option: str) -> None:
    """Tap a big toggle button; the radio or checkbox itself is visually hidden behind its label."""
    page.get_by_role("group", name=group).locator("label.choice-button", has_text=option).click()
    expect(page.get_by_role("group", name=group).get_by_label(option)).to_be_checked()


def _assert_touch_targets(page: Page, selector: str) -> None:
    for box in [element.bounding_box() for element in page.locator(selector).all()]:
        assert box is not None and box["height"] >= MIN_TOUCH_TARGET_PX, (selector, box)


def _log_contact(page: Page, *, quick: str, form: str, place: str, locality: str = "", activity: str, task: str = ""):
    page.get_by_role("link", name="Zapsat kontakt").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nový kontakt")
    page.get_by_role("button", name=quick, exact=True).click()
    _choose(page, "Forma", form)
    _choose(page, "Místo", place)
    if locality:
        page.get_by_label("Lokalita", exact=True).select_option(label=locality)
    _choose(page, "Základní činnosti", activity)
    if task:
        _choose(page, "Specifické úkony", task)
    page.get_by_role("button", name="Uložit kontakt").click()
    expect(page.get_by_role("status").filter(has_text="Kontakt byl zapsán.")).to_be_visible()


def test_liaison_creates_a_client_a_case_two_contacts_and_a_plan(page, login_as, organisation, liaison):
    SocialServiceFactory(organisation=organisation, name="Terénní program Most", intervention_threshold_minutes=30)
    LocalityFactory(organisation=organisation, name="Předlice")
    code = f"K-{timezone.localdate().year}-0001"
    today = timezone.localdate()

    login_as(liaison)
    expect(page.get_by_role("heading", level=1)).to_have_text("Moje případy")
    assert_no_serious_axe_violations(page)

    # The client (identity apart), then its first case, created by the same worker.
    page.get_by_role("link", name="Nový klient").click()
    page.get_by_label("Pohlaví").select_option(label="žena")
    page.get_by_label("Věková skupina").select_option(label="27–64 let")
    page.get_by_label("Cílová skupina").select_option(label="oběti trestné činnosti")
    page.get_by_label("Jméno a příjmení").fill(FULL_NAME)
    page.get_by_role("button", name="Založit klienta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Klient {code}")
    page.get_by_role("link", name="Založit případ").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Nový případ")
    _choose(page, "Role klienta", "oběť")
    page.get_by_label("Druh trestné činnosti").select_option(label="lichva")
    expect(page.get_by_role("group", name="Přidělení pracovníci").get_by_label(str(liaison))).to_be_checked()
    _assert_touch_targets(page, "label.choice-button")
    page.get_by_role("button", name="Založit případ").click()

    case = Case.objects.get()
    expect(page).to_have_url(re.compile(rf"/cases/{case.pk}/$"))
    expect(page.get_by_role("status").first).to_have_text(f"Případ klienta {code} byl založen.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Případ {code} – lichva")
    expect(page.locator("main")).not_to_contain_text("Nováková")
    assert_no_serious_axe_violations(page)

    # First contact: an escort to the police in a locality, long enough to be an intervention.
    page.get_by_role("link", name="Zapsat kontakt").first.click()
    expect(page.get_by_text("Intervence od 30 minut.")).to_be_visible()
    expect(page.locator("#id_date")).to_have_value(f"{today:%Y-%m-%d}")
    assert_no_serious_axe_violations(page)
    _assert_touch_targets(page, "label.choice-button, .duration-quick, form.contact-form button[type=submit]")
    expect(page.get_by_label("Lokalita", exact=True)).to_be_hidden()
    page.go_back()
    _log_contact(
        page,
        quick="45 min",
        form="osobně",
        place="lokalita",
        locality="Předlice (Plzeň)",
        activity="pomoc při uplatňování práv",
        task="doprovod na policii",
    )
    # Second contact: a short call, not an intervention.
    _log_contact(page, quick="15 min", form="telefonicky", place="jiné", activity="základní sociální poradenství")

    contacts = page.get_by_test_id("contacts")
    expect(contacts.locator("tbody tr")).to_have_count(2)
    expect(contacts.locator(".intervention-badge")).to_have_count(1)
    assert sorted(Contact.objects.values_list("duration_minutes", flat=True)) == [15, 45]
    assert Contact.objects.get(duration_minutes=45).locality.name == "Předlice"

    # The individual plan, in the client's words.
    page.get_by_role("link", name="Založit plán").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nový individuální plán")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Cíle (slovy klienta)").fill("Chci přestat platit lichváři.")
    page.get_by_label("Kroky").fill("Trestní oznámení, dluhová poradna.")
    page.get_by_label("Datum revize").fill(f"{today + datetime.timedelta(days=30):%Y-%m-%d}")
    page.get_by_role("button", name="Uložit plán").click()
    expect(page.get_by_role("status").filter(has_text="Individuální plán byl uložen.")).to_be_visible()
    expect(page.get_by_test_id("plan")).to_contain_text("Chci přestat platit lichváři.")
    assert IndividualPlan.objects.get().case == case

    # Home: the case with today's contact and the review date.
    # The breadcrumb's link: the main menu's link of the same name is folded away at tablet width.
    page.get_by_role("navigation", name="Drobečková navigace").get_by_role("link", name="Moje případy").click()
    row = page.get_by_test_id(f"case-{case.pk}")
    expect(row).to_contain_text(code)
    expect(row).to_contain_text(f"{today.day}. {today.month}. {today.year}")
    expect(page.locator("main")).not_to_contain_text("Nováková")
    assert_no_serious_axe_violations(page)


def test_another_liaison_of_the_organisation_gets_a_404(page, login_as, organisation, liaison):
    service = SocialServiceFactory(organisation=organisation)
    client = services.client_create(
        service=service,
        by=liaison,
        identity={"full_name": FULL_NAME},
        gender="female",
        age_band="27-64",
        target_group="crime_victims",
    )
    case = services.case_create(
        client=client, by=liaison, role="victim", crime_type="usury", opened_on=timezone.localdate(), workers=[liaison]
    )
    colleague = UserFactory(organisation=organisation, username="kolegyne", roles=[Role.LIAISON])

    login_as(colleague)
    response = page.goto(f"/cases/{case.pk}/")

    assert response is not None and response.status == 404
    expect(page.locator("body")).not_to_contain_text(client.code)
    expect(page.locator("body")).not_to_contain_text("Nováková")
    response = page.goto(f"/cases/{case.pk}/contacts/new/")
    assert response is not None and response.status == 404


def test_overdue_review_is_flagged_on_home(page, login_as, organisation, liaison):
    service = SocialServiceFactory(organisation=organisation)
    client = services.client_create(
        service=service, by=liaison, gender="male", age_band="18-26", target_group="youth_at_risk"
    )
    case = services.case_create(
        client=client,
        by=liaison,
        role="witness",
        crime_type="drug_dealing",
        opened_on=timezone.localdate() - datetime.timedelta(days=60),
        workers=[liaison],
    )
    services.plan_save(
        case=case,
        by=liaison,
        version=None,
        goals="Dokončit školu.",
        steps="Doučování.",
        responsible="",
        review_on=timezone.localdate() - datetime.timedelta(days=3),
    )

    login_as(liaison)

    expect(page.get_by_test_id("overdue-reviews")).to_contain_text(f"Revize plánu po termínu: {client.code}")
    expect(page.get_by_test_id(f"case-{case.pk}")).to_contain_text("po termínu")
    assert_no_serious_axe_violations(page)
    page.get_by_test_id("overdue-reviews").get_by_role("link", name=client.code).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Revize individuálního plánu")
    assert_no_serious_axe_violations(page)
