"""Two-factor login on a tablet (768×1024): the code step after the password, and the first set-up with its QR
code and recovery codes."""

import re

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from accounts.two_factor.services import key_from_base32
from tests.accounts.two_factor_helpers import current_code, totp_device
from tests.browser.conftest import MIN_TOUCH_TARGET_PX, assert_no_serious_axe_violations

pytestmark = pytest.mark.browser


def _password_step(page: Page, user, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Uživatelské jméno").fill(user.username)
    page.get_by_label("Heslo").fill(password)
    page.get_by_role("button", name="Přihlásit se").click()


def test_liaison_logs_in_with_a_code_from_the_app(page, live_server, liaison, password):
    device = totp_device(liaison)
    _password_step(page, liaison, password)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/\?next=%2F$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ověření přihlášení")
    code_field = page.get_by_label("Ověřovací kód")
    verify = page.get_by_role("button", name="Ověřit")
    for element in (code_field, verify):
        assert element.bounding_box()["height"] >= MIN_TOUCH_TARGET_PX
    assert_no_serious_axe_violations(page)

    code_field.fill("000000")
    verify.click()
    expect(page.get_by_text("Kód není správný nebo už byl použit.")).to_be_visible()
    type(device).objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)

    page.get_by_label("Ověřovací kód").fill(current_code(device))
    page.get_by_role("button", name="Ověřit").click()
    expect(page).to_have_url(f"{live_server.url}/cases/")


def test_first_login_sets_up_the_app_and_shows_recovery_codes(page, live_server, mentor, password):
    # The inline SVG QR code must pass the strict CSP: Chromium logs every refused inline style or script as an error.
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    _password_step(page, mentor, password)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/setup/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nastavení dvoufázového ověření")
    expect(page.get_by_role("img", name="QR kód pro aplikaci ověřovatele")).to_be_visible()
    assert_no_serious_axe_violations(page)
    assert console_errors == []

    secret = page.get_by_test_id("secret").inner_text()
    code = f"{TOTP(bytes.fromhex(key_from_base32(secret))).token():06d}"
    page.get_by_label("Kód z aplikace").fill(code)
    page.get_by_role("button", name="Potvrdit a zapnout").click()

    expect(page).to_have_url(f"{live_server.url}/accounts/two-factor/recovery-codes/")
    expect(page.get_by_test_id("recovery-codes").get_by_role("listitem")).to_have_count(10)
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Mám je uložené, pokračovat").click()
    expect(page).to_have_url(f"{live_server.url}/")
    page.reload()
    page.goto("/accounts/two-factor/recovery-codes/")
    expect(page.get_by_test_id("recovery-codes")).to_have_count(0)  # shown once only
