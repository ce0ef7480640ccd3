"""Key pages work under the Content Security Policy: the browser reports no policy violation, no console error or
warning and no uncaught script error while each page loads and its scripts run (login, locality map with its
tiles, shift record form, meeting agenda form, the dashboard and a report)."""

import base64
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from assistants import services as shift_services
from tests.assistants.tablet_helpers import planned_shift, started
from tests.locations.factories import LocalityFactory, ObservationFactory
from tests.platforms.meeting_helpers import hold_meeting, platform_with_members

pytestmark = pytest.mark.browser

# Runs in every document before the page's own scripts; init scripts are not subject to the page's policy.
_COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(
    event.effectiveDirective + " blocked " + (event.blockedURI || "inline") + " at " + event.sourceFile + ":"
    + event.lineNumber
  );
});
"""
# A 1×1 PNG standing in for the map tiles, which the tests cannot fetch.
_TILE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def problems(page: Page):
    """Collects what the browser complains about; `problems.assert_clean()` fails listing it all."""
    return _Problems(page)


class _Problems:
    def __init__(self, page: Page):
        self.page = page
        self.messages: list[str] = []
        page.add_init_script(_COLLECT_VIOLATIONS)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.messages.append(f"uncaught: {error}"))

    def _on_console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.messages.append(f"console {message.type}: {message.text}")

    def assert_clean(self) -> None:
        violations = self.page.evaluate("window.__cspViolations")
        found = [f"CSP violation: {violation}" for violation in violations] + self.messages
        assert not found, f"{self.page.url}:\n" + "\n".join(found)


def test_login_page_runs_under_the_policy(page, problems):
    page.goto("/accounts/login/")
    expect(page.get_by_role("button", name="Přihlásit se")).to_be_visible()

    problems.assert_clean()


def test_locality_map_loads_its_tiles_and_markers_under_the_policy(
    page, problems, login_as, coordinator, organisation, settings
):
    # The default tile server (settings.MAP_TILE_URL), answered locally: the policy's img-src must allow it.
    assert settings.MAP_TILE_URL.startswith("https://tile.openstreetmap.org/")
    page.route(
        re.compile(r"^https://tile\.openstreetmap\.org/"),
        lambda route: route.fulfill(status=200, content_type="image/png", body=_TILE_PNG),
    )
    LocalityFactory(organisation=organisation, name="Plzeň – Zátiší")
    login_as(coordinator)

    page.goto("/localities/map/")

    expect(page.locator("#locality-map .leaflet-marker-icon")).to_have_count(1)
    expect(page.locator("#locality-map img.leaflet-tile-loaded").first).to_be_visible()
    page.locator("#locality-map .leaflet-marker-icon").click()
    expect(page.locator(".leaflet-popup-content a")).to_have_text(re.compile("Plzeň – Zátiší"))
    problems.assert_clean()


def test_shift_record_form_and_its_scripts_run_under_the_policy(
    page, problems, live_server, organisation, apk, colleague, mentor, password
):
    shift_services.category_ensure_defaults()
    shift = started(planned_shift(organisation, mentor, [apk, colleague], day=timezone.localdate()))
    page.goto("/accounts/login/")
    page.get_by_label("Uživatelské jméno").fill(apk.username)
    page.get_by_label("Heslo").fill(password)
    page.get_by_role("button", name="Přihlásit se").click()
    expect(page).to_have_url(f"{live_server.url}/shifts/today/")

    page.goto(f"/shifts/{shift.pk}/records/new/")
    page.locator("label.category-button", has_text="sběr použitých injekčních stříkaček").click()

    expect(page.get_by_label("Počet stříkaček")).to_be_visible()  # record_form.js ran
    problems.assert_clean()


def test_meeting_agenda_form_adds_a_row_under_the_policy(page, problems, login_as, organisation, coordinator):
    meeting = hold_meeting(platform_with_members(organisation, coordinator).platform, agenda=("Úvod",))
    login_as(coordinator)

    page.goto(f"/platforms/meetings/{meeting.pk}/agenda/")
    rows_before = page.get_by_label("Bod programu").count()
    page.get_by_role("button", name="Přidat bod programu").click()  # formset_rows.js copies the <template>

    expect(page.get_by_label("Bod programu")).to_have_count(rows_before + 1)
    problems.assert_clean()


def test_dashboard_and_a_report_render_under_the_policy(page, problems, login_as, organisation, coordinator):
    ObservationFactory(locality=LocalityFactory(organisation=organisation, name="Předlice"))
    year = timezone.localdate().year
    login_as(coordinator)
    problems.assert_clean()  # the home page with the dashboard and its charts

    page.goto(f"/reports/localities/?od={year}-01-01&do={year}-12-31")

    expect(page.get_by_role("heading", level=1)).to_have_text("Situační zpráva o lokalitách")
    problems.assert_clean()
