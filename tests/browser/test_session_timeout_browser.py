"""The warning before an idle session ends (static/js/session_timeout.js): it shows in time, "Zůstat přihlášen" keeps
the session, and a session left alone ends on the login page with the reason.

Nothing waits for the timeout: `browser_clock.advance` jumps the page's timers and the server's clock ahead together,
so the tests run the production timeout of 15 minutes (SESSION_IDLE_TIMEOUT; the warning 2 minutes before) in
milliseconds, at any SVL_TEST_NOW.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_serious_axe_violations

pytestmark = pytest.mark.browser
WARNING = "Pro nečinnost vás brzy odhlásíme."
MINUTE = 60


def test_warning_shows_before_the_idle_timeout_and_staying_signed_in_hides_it(page, login_as, apk, browser_clock):
    login_as(apk)
    warning = page.get_by_role("alert").filter(has_text=WARNING)
    browser_clock.advance(12 * MINUTE + 50)
    expect(warning).to_be_hidden()

    browser_clock.advance(10)
    expect(warning).to_be_visible()
    # Two minutes left, less the second or so the page took to load.
    expect(warning).to_contain_text(re.compile(r"Zbývá (2:00|1:59)\."))
    assert_no_serious_axe_violations(page)
    with page.expect_response(re.compile(r"/accounts/session/keepalive/$")) as keepalive:
        page.get_by_role("button", name="Zůstat přihlášen").click()

    assert keepalive.value.status == 204
    expect(warning).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/shifts/today/$"))
    # The wait starts again from the keep-alive, 13 minutes after the login: 26 minutes after it, the session is
    # still there and warns again instead of having ended at 15.
    browser_clock.advance(13 * MINUTE)
    expect(warning).to_be_visible()
    expect(page).to_have_url(re.compile(r"/shifts/today/$"))


def test_session_left_alone_ends_on_the_login_page_with_the_reason(page, login_as, apk, browser_clock):
    login_as(apk)

    browser_clock.advance(15 * MINUTE)

    # The reason is in the URL: the sign-out's Clear-Site-Data drops the cookies it sets, a message cookie too.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?signed_out=idle$"))
    expect(page.get_by_role("status")).to_have_text("Byli jste odhlášeni po 15 minutách nečinnosti.")
    expect(page.get_by_role("button", name="Přihlásit se")).to_be_visible()
