"""The warning before an idle session ends (static/js/session_timeout.js): it shows in time, "Zůstat přihlášen" keeps
the session, and a session left alone ends on the login page with the reason."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_serious_axe_violations

pytestmark = pytest.mark.browser
WARNING = "Pro nečinnost vás brzy odhlásíme."


def test_warning_shows_before_the_idle_timeout_and_staying_signed_in_hides_it(page, login_as, apk, settings):
    settings.SESSION_IDLE_TIMEOUT = 123  # the warning comes 120 s before the end: 3 s after the page loads
    login_as(apk)
    warning = page.get_by_role("alert").filter(has_text=WARNING)
    expect(warning).to_be_hidden()

    expect(warning).to_be_visible()
    expect(warning).to_contain_text(re.compile(r"Zbývá [12]:\d\d\."))
    assert_no_serious_axe_violations(page)
    with page.expect_response(re.compile(r"/accounts/session/keepalive/$")) as keepalive:
        page.get_by_role("button", name="Zůstat přihlášen").click()

    assert keepalive.value.status == 204
    expect(warning).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/shifts/today/$"))


def test_session_left_alone_ends_on_the_login_page_with_the_reason(page, login_as, apk, settings):
    settings.SESSION_IDLE_TIMEOUT = 4
    login_as(apk)

    # The reason is in the URL: the sign-out's Clear-Site-Data drops the cookies it sets, a message cookie too.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?signed_out=idle$"))
    expect(page.get_by_role("status")).to_have_text("Byli jste odhlášeni po 1 minutě nečinnosti.")
    expect(page.get_by_role("button", name="Přihlásit se")).to_be_visible()
