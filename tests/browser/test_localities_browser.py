"""The locality registry as field staff click through it on a tablet (768×1024)."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from locations.choices import HousingType, Region
from locations.models import Locality
from tests.browser.conftest import MIN_TOUCH_TARGET_PX, assert_no_serious_axe_violations
from tests.locations.factories import LocalityFactory, ObservationFactory

pytestmark = pytest.mark.browser


def _fill_locality_form(page: Page, *, name: str, municipality_code: str) -> None:
    page.get_by_label("Název").fill(name)
    page.get_by_label("Obec").fill("Plzeň")
    page.get_by_label("Kód obce").fill(municipality_code)
    page.get_by_label("Kraj").select_option(label="Plzeňský kraj")
    page.get_by_label("Typ bydlení").select_option(label="ubytovna")
    page.get_by_label("Zeměpisná šířka").fill("49,7478")
    page.get_by_label("Zeměpisná délka").fill("13,3776")


def test_login_lands_on_home_page_with_users_name(page, login_as, coordinator):
    login_as(coordinator)

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Dobrý den, {coordinator.get_full_name()}")
    # At tablet width the navigation is collapsed behind the menu button.
    user_info = page.get_by_test_id("user-info")
    expect(user_info).to_be_hidden()
    page.get_by_role("button", name="Zobrazit menu").click()
    expect(user_info).to_be_visible()
    expect(user_info).to_contain_text(coordinator.get_full_name())
    expect(user_info).to_contain_text("koordinátor")
    # axe checks only what is visible, and at tablet width the navigation is visible only with the menu open.
    assert_no_serious_axe_violations(page)


def test_coordinator_adds_locality_then_an_observation(page, login_as, coordinator):
    login_as(coordinator)
    page.goto("/localities/")
    page.get_by_role("link", name="Nová lokalita").click()

    _fill_locality_form(page, name="Plzeň – Zátiší", municipality_code="554791")
    page.get_by_role("button", name="Uložit").click()

    expect(page).to_have_url(re.compile(r"/localities/\d+/$"))
    locality = Locality.objects.get()
    assert page.url.endswith(locality.get_absolute_url())
    expect(page.get_by_role("status")).to_have_text("Lokalita Plzeň – Zátiší byla přidána.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plzeň – Zátiší")
    expect(page.locator("dl")).to_contain_text("49,747800, 13,377600")
    assert locality.organisation == coordinator.organisation
    assert (locality.municipality_code, locality.region, locality.housing_type) == (
        "554791",
        Region.PLZENSKY,
        HousingType.HOSTEL,
    )
    assert (locality.latitude, locality.longitude) == (Decimal("49.747800"), Decimal("13.377600"))

    page.get_by_label("3 – napjatá situace").check()
    page.get_by_label("drogy").check()
    page.get_by_label("Poznámka").fill("Prodej drog u zastávky.")
    page.get_by_role("button", name="Přidat pozorování").click()

    expect(page.get_by_role("status")).to_have_text("Pozorování bylo uloženo.")
    entry = page.get_by_test_id("timeline").get_by_role("listitem")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("3 – napjatá situace")
    expect(entry).to_contain_text("drogy")
    expect(entry).to_contain_text("Prodej drog u zastávky.")
    expect(entry).to_contain_text(coordinator.get_full_name())
    observation = locality.observations.get()
    assert (observation.score, observation.problems, observation.author) == (3, ["drugs"], coordinator)
    assert_no_serious_axe_violations(page)


def test_bad_municipality_code_is_shown_at_the_field_and_nothing_is_saved(page, login_as, coordinator):
    login_as(coordinator)
    page.goto("/localities/new/")

    _fill_locality_form(page, name="Plzeň – Zátiší", municipality_code="123456")
    page.get_by_role("button", name="Uložit").click()

    code = page.get_by_label("Kód obce")
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(code).to_have_value("123456")
    expect(page.locator("#div_id_municipality_code .invalid-feedback")).to_have_text(
        "Kód obce musí mít 6 číslic a začínat číslicí 5 (číselník obcí ČSÚ), např. 554791."
    )
    # The error is announced with the field, not only shown next to it.
    expect(code).to_have_accessible_description(re.compile(r"Kód obce musí mít 6 číslic a začínat číslicí 5"))
    expect(page.get_by_label("Název")).to_have_value("Plzeň – Zátiší")
    assert not Locality.objects.exists()


def test_search_without_diacritics_finds_locality(page, login_as, coordinator, organisation):
    LocalityFactory(organisation=organisation, name="Plzeň – Zátiší", municipality_name="Plzeň")
    LocalityFactory(
        organisation=organisation, name="Ostrava – Přednádraží", municipality_name="Ostrava", municipality_code="554821"
    )
    login_as(coordinator)
    page.goto("/localities/")
    expect(page.get_by_test_id("result-count")).to_have_text("2 lokality")

    page.get_by_label("Hledat").fill("plzen")
    page.get_by_role("button", name="Filtrovat").click()

    expect(page).to_have_url(re.compile(r"[?&]q=plzen(&|$)"))
    expect(page.get_by_test_id("result-count")).to_have_text("1 lokalita")
    expect(page.get_by_role("link", name="Plzeň – Zátiší")).to_be_visible()
    expect(page.get_by_role("link", name="Ostrava – Přednádraží")).to_have_count(0)
    expect(page.get_by_label("Hledat")).to_have_value("plzen")


def test_map_shows_marker_and_list_below_it(page, login_as, coordinator, organisation, settings):
    settings.MAP_TILE_URL = ""  # the tile server is unreachable from tests; markers work without tiles
    LocalityFactory(organisation=organisation, name="Plzeň – Zátiší")
    LocalityFactory(organisation=organisation, name="Bez polohy", latitude=None, longitude=None)
    login_as(coordinator)

    page.goto("/localities/map/")

    marker = page.locator("#locality-map .leaflet-marker-icon")
    expect(marker).to_have_count(1)
    expect(marker).to_be_visible()
    expect(marker).to_have_attribute("title", "Plzeň – Zátiší")
    map_list = page.get_by_test_id("map-list")
    expect(map_list.get_by_role("listitem")).to_have_count(1)
    expect(map_list).to_contain_text("Plzeň – Zátiší")
    map_box, list_box = page.locator("#locality-map").bounding_box(), map_list.bounding_box()
    assert map_box["height"] >= 360
    assert list_box["y"] >= map_box["y"] + map_box["height"]


# --- Accessibility (axe-core) -----------------------------------------------------------------------


def test_axe_check_reports_serious_violations(page):
    """The helper itself: an unlabelled input and an image without alt text must fail it."""
    page.set_content('<html lang="cs"><head><title>x</title></head><body><main><input><img src="data:,"></main>')

    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_serious_axe_violations(page)

    assert "- image-alt (critical): Images must have alternative text" in str(failure.value)
    assert "- label (critical): Form elements must have labels" in str(failure.value)


def test_login_page_is_accessible(page):
    page.goto("/accounts/login/")
    expect(page.get_by_role("button", name="Přihlásit se")).to_be_visible()
    assert_no_serious_axe_violations(page)


def test_locality_list_is_accessible(page, login_as, coordinator, organisation):
    locality = LocalityFactory(organisation=organisation, name="Plzeň – Zátiší")
    ObservationFactory(locality=locality, author=coordinator, score=4)
    LocalityFactory(organisation=organisation, name="Doubravka", is_active=False)
    login_as(coordinator)

    page.goto("/localities/")

    expect(page.get_by_test_id("result-count")).to_have_text("2 lokality")
    assert_no_serious_axe_violations(page)


def test_locality_detail_with_observation_is_accessible(page, login_as, coordinator, organisation):
    locality = LocalityFactory(organisation=organisation, name="Plzeň – Zátiší", description="Ubytovna u nádraží.")
    ObservationFactory(locality=locality, author=coordinator, score=5, problems=["drugs", "noise"])
    login_as(coordinator)

    page.goto(locality.get_absolute_url())

    expect(page.get_by_test_id("timeline").get_by_role("listitem")).to_have_count(1)
    assert_no_serious_axe_violations(page)

    page.get_by_role("button", name="Přidat pozorování").click()  # no score chosen

    expect(page.get_by_role("radio", name="1 – klid")).to_have_attribute("aria-invalid", "true")
    assert_no_serious_axe_violations(page)


def test_locality_form_is_accessible_empty_and_with_errors(page, login_as, coordinator):
    login_as(coordinator)
    page.goto("/localities/new/")
    assert_no_serious_axe_violations(page)

    _fill_locality_form(page, name="Plzeň – Zátiší", municipality_code="123456")
    page.get_by_role("button", name="Uložit").click()

    expect(page.get_by_label("Kód obce")).to_have_attribute("aria-invalid", "true")
    assert_no_serious_axe_violations(page)


def test_map_page_is_accessible(page, login_as, coordinator, organisation, settings):
    settings.MAP_TILE_URL = ""
    LocalityFactory(organisation=organisation, name="Plzeň – Zátiší")
    login_as(coordinator)

    page.goto("/localities/map/")

    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    assert_no_serious_axe_violations(page)


def test_user_list_and_create_form_are_accessible(page, login_as, org_admin, coordinator):
    login_as(org_admin)

    page.goto("/organisation/users/")
    expect(page.get_by_role("cell", name=coordinator.username, exact=True)).to_be_visible()
    page.get_by_role("button", name="Zobrazit menu").click()
    expect(page.get_by_role("link", name="Uživatelé", exact=True)).to_have_attribute("aria-current", "page")
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Nový uživatel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nový uživatel")
    assert_no_serious_axe_violations(page)


# --- Touch targets -----------------------------------------------------------------------------------


def _assert_touch_targets(page: Page, controls: dict) -> None:
    too_small = {}
    for name, locator in controls.items():
        box = locator.bounding_box()
        if box["height"] < MIN_TOUCH_TARGET_PX or box["width"] < MIN_TOUCH_TARGET_PX:
            too_small[name] = (round(box["width"]), round(box["height"]))
    assert not too_small, f"Controls smaller than {MIN_TOUCH_TARGET_PX}px (width, height): {too_small}"


def _text_offset_from_centre(locator) -> float:
    """Vertical distance between the centre of an element's text and the centre of its box, in px."""
    return locator.evaluate(
        """element => {
            const range = document.createRange();
            range.selectNodeContents(element);
            const text = range.getBoundingClientRect(), box = element.getBoundingClientRect();
            return Math.abs((text.top + text.bottom) / 2 - (box.top + box.bottom) / 2);
        }"""
    )


def test_locality_list_controls_are_touch_sized(page, login_as, coordinator, organisation):
    LocalityFactory(organisation=organisation)
    login_as(coordinator)
    page.goto("/localities/")

    cancel = page.get_by_role("link", name="Zrušit")
    _assert_touch_targets(
        page,
        {
            "search": page.get_by_label("Hledat"),
            "region": page.get_by_label("Kraj"),
            "status": page.get_by_label("Stav"),
            "filter": page.get_by_role("button", name="Filtrovat"),
            "cancel": cancel,
            "new": page.get_by_role("link", name="Nová lokalita"),
            "menu": page.get_by_role("button", name="Zobrazit menu"),
        },
    )
    # A link styled as a button keeps its label centred at touch height, like a real button.
    assert _text_offset_from_centre(cancel) <= 2


def test_locality_form_controls_are_touch_sized(page, login_as, coordinator):
    login_as(coordinator)
    page.goto("/localities/new/")

    _assert_touch_targets(
        page,
        {
            "name": page.get_by_label("Název"),
            "municipality code": page.get_by_label("Kód obce"),
            "region": page.get_by_label("Kraj"),
            "housing type": page.get_by_label("Typ bydlení"),
            "latitude": page.get_by_label("Zeměpisná šířka"),
            "longitude": page.get_by_label("Zeměpisná délka"),
            "save": page.get_by_role("button", name="Uložit"),
        },
    )
    # The three municipality fields share one row at tablet width instead of stacking.
    name_box = page.get_by_label("Obec").bounding_box()
    orp_box = page.get_by_label("ORP").bounding_box()
    assert orp_box["y"] == name_box["y"]
    assert orp_box["x"] + orp_box["width"] <= 768
