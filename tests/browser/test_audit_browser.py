"""An organisation admin opens the audit log from the navigation on a tablet and filters it to failed logins;
the page passes axe-core (no serious or critical violations)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_serious_axe_violations

pytestmark = pytest.mark.browser


def test_admin_finds_a_failed_login_in_the_audit_log(page, login_as, org_admin, coordinator, live_server):
    page.goto("/accounts/login/")
    page.get_by_label("Uživatelské jméno").fill(coordinator.username)
    page.get_by_label("Heslo").fill("spatne-heslo")
    page.get_by_role("button", name="Přihlásit se").click()
    expect(page.get_by_text("Zadejte správnou hodnotu pole uživatelské jméno a heslo.")).to_be_visible()

    login_as(org_admin)
    page.get_by_role("link", name="Audit").click()

    expect(page).to_have_url(f"{live_server.url}{reverse('audit:list')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Auditní záznam organizace")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Akce").select_option(label="neúspěšné přihlášení")
    page.get_by_role("button", name="Filtrovat").click()

    rows = page.get_by_test_id("audit-list").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").nth(1)).to_have_text(coordinator.username)
    expect(rows.first.locator("td").nth(2)).to_have_text("neúspěšné přihlášení")
    # The export takes the same filters.
    expect(page.get_by_role("link", name="Export CSV")).to_have_attribute(
        "href", re.compile(rf"^{reverse('audit:export')}\?.*action=login_failed")
    )
