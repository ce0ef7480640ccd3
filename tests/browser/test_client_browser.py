"""A liaison worker registers clients on a tablet (768×1024): identity apart, the duplicate warning by code."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import Client
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.cases.client_helpers import make_service

pytestmark = pytest.mark.browser


def _fill_client_form(page: Page, *, full_name: str) -> None:
    page.get_by_label("Pohlaví").select_option(label="žena")
    page.get_by_label("Věková skupina").select_option(label="27–64 let")
    page.get_by_label("Cílová skupina").select_option(label="oběti obchodu s lidmi")
    page.get_by_label("Dohoda o poskytování služby").select_option(label="ústní")
    page.get_by_label("Datum dohody").fill(f"{timezone.localdate():%Y-%m-%d}")
    page.get_by_label("Jméno a příjmení").fill(full_name)
    page.get_by_label("Telefon").fill("777 123 456")


def test_liaison_creates_a_client_then_is_warned_about_the_same_name(page, login_as, organisation, liaison):
    make_service(organisation, name="Asistence obětem")
    year = timezone.localdate().year
    login_as(liaison)

    page.goto("/cases/clients/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Klienti")
    page.get_by_role("link", name="Nový klient").click()
    expect(page.get_by_role("group", name="Identifikační údaje (důvěrné, nepovinné)")).to_be_visible()
    assert_no_serious_axe_violations(page)

    _fill_client_form(page, full_name="Marie Nováková")
    page.get_by_role("button", name="Založit klienta").click()

    first = Client.objects.get()
    expect(page).to_have_url(re.compile(rf"/cases/clients/{first.pk}/$"))
    expect(page.get_by_role("status").first).to_have_text(f"Klient K-{year}-0001 byl založen.")
    expect(page).to_have_title(f"Klient K-{year}-0001 · SVL")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Klient K-{year}-0001")
    expect(page.get_by_test_id("identity")).to_contain_text("Marie Nováková")
    expect(page.get_by_role("link", name="Založit případ")).to_be_visible()
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Klienti", exact=True).last.click()
    expect(page.get_by_test_id("client-list")).to_contain_text(f"K-{year}-0001")
    expect(page.locator("main")).not_to_contain_text("Nováková")
    assert_no_serious_axe_violations(page)

    # The same person again, typed without diacritics: the worker is warned with the code only.
    page.get_by_role("link", name="Nový klient").click()
    _fill_client_form(page, full_name="marie novakova")
    page.get_by_role("button", name="Založit klienta").click()

    warning = page.get_by_test_id("duplicate-warning")
    expect(warning).to_contain_text(f"Se shodným jménem nebo kódem už organizace vede klienta: K-{year}-0001.")
    expect(warning).not_to_contain_text("Nováková")
    assert Client.objects.count() == 1
    assert_no_serious_axe_violations(page)

    page.get_by_label("Přesto založit nového klienta").check()
    page.get_by_role("button", name="Založit klienta").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Klient K-{year}-0002")
    assert Client.objects.count() == 2
