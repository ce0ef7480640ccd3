"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live server.

What a browser test module gets from here:

- ``page``: a fresh browser context per test at tablet size (768×1024, cs-CZ, Europe/Prague) whose
  ``base_url`` is the live server, so ``page.goto("/localities/")`` works. Requests to any other host are
  aborted, so no test waits on the network (the map's tile server, for one, is unreachable here).
- ``login_as``: ``login_as(user)`` logs ``user`` in through the real login form and returns ``page``,
  now on the home page. Users come from the fixtures in ``tests/conftest.py`` (``coordinator``,
  ``org_admin``, ...); their password is the ``password`` fixture.
- ``browser_clock``: the page's JavaScript clock starts at the suite's instant (tests/conftest.py, SVL_TEST_NOW)
  for every page, as the live server's Python clock does; ``browser_clock.advance(seconds)`` moves both at once, so
  a test of a timer (the session-timeout warning) jumps ahead instead of waiting.
- ``assert_no_serious_axe_violations(page)``: runs axe-core on the current page and fails listing every
  violation of impact "serious" or "critical". Import it:
  ``from tests.browser.conftest import assert_no_serious_axe_violations``.

Mark every browser test module with ``pytestmark = pytest.mark.browser``. Run them with
``.venv/bin/python -m pytest tests/browser``. One Chromium serves the whole session; each test gets
its own context (cookies, storage), which keeps tests independent and the suite fast. A failing test
leaves a full-page screenshot in ``test-results/<test name>.png``.
"""

import datetime
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.accounts.two_factor_helpers import current_code, totp_device

# Debian's Chromium: Playwright's own browser download needs the internet, which CI does not have.
# `make test` installs it; CHROMIUM=/path/to/chromium overrides, as in the Makefile.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",  # we run as root in containers, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TABLET_VIEWPORT = {"width": 768, "height": 1024}
# Fail fast: every page here is served locally, so nothing legitimate takes seconds.
DEFAULT_TIMEOUT_MS = 10_000
# WCAG touch-target size the app aims for on tablets (app.css uses 48px; 44px is the floor we assert).
MIN_TOUCH_TARGET_PX = 44
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-results"

expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
_AXE = Axe()
_BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole test session."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}, which is missing. Run `make test` (it installs "
            "Debian's chromium) or `sudo apt-get install chromium`, or set CHROMIUM=/path/to/chromium.",
            pytrace=False,
        )
    # Playwright's sync API keeps an asyncio event loop running in this thread for as long as it is
    # started, and Django refuses database access "from an async context" then. The tests themselves are
    # plain synchronous code (the live server runs in its own thread), so allow it while Playwright runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so `page` can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(request, browser: Browser, live_server, suite_clock) -> Iterator[Page]:
    """A new context and page at tablet size, pointed at the live server; other hosts are unreachable.

    Its JavaScript clock (Date, timers) starts at the suite's instant, the live server's "now" (the server runs in a
    thread of this process, on the travelled clock): page and server agree on the time at every SVL_TEST_NOW. The
    browser's own machinery (cookie expiry, TLS) keeps the real clock; every cookie SVL sets carries a Max-Age,
    which the browser counts from its real now, so a travelled Expires in the real past or future does not matter.
    """
    context = browser.new_context(
        base_url=live_server.url,
        viewport=TABLET_VIEWPORT,
        locale="cs-CZ",
        timezone_id="Europe/Prague",
        has_touch=True,
        # No transitions (Bootstrap honours the setting): a click never lands on a menu that is still opening.
        reduced_motion="reduce",
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    # Abort every request that does not go to the live server (tiles, fonts, anything external).
    context.route(re.compile(rf"^(?!{re.escape(live_server.url)}/)"), lambda route: route.abort())
    page = context.new_page()
    if suite_clock is not None:  # not under @pytest.mark.real_clock
        page.clock.install(time=time.time())
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
        page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True)
    context.close()


class BrowserClock:
    """The page's and the server's clock moved together (``browser_clock``)."""

    def __init__(self, page: Page, traveller):
        self._page = page
        self._traveller = traveller

    def advance(self, seconds: float) -> None:
        """Jump both clocks `seconds` ahead, as if the tablet lay untouched that long: the server's first (a request
        the page's timers send then arrives at the later time), then the page's, whose due timers fire once."""
        self._traveller.shift(datetime.timedelta(seconds=seconds))
        self._page.clock.fast_forward(round(seconds * 1000))


@pytest.fixture
def browser_clock(page: Page, suite_clock) -> BrowserClock:
    if suite_clock is None:
        pytest.fail("browser_clock moves the suite's clock; a @pytest.mark.real_clock test has none.", pytrace=False)
    return BrowserClock(page, suite_clock)


@pytest.fixture
def login_as(page: Page, live_server, password: str) -> Callable[..., Page]:
    """login_as(user) -> ``page``, logged in as ``user`` through the login form and landed on their home page.

    The home page depends on the role: APKs land on "my shift today" (/shifts/today/), others on /.
    Every user enters the code of their authenticator app at the second step (accounts/two_factor/services.py); one is
    created for users who have none.
    """

    def _login_as(user, *, user_password: str = password) -> Page:
        device = totp_device(user)
        page.goto("/accounts/login/")
        page.get_by_label("Uživatelské jméno").fill(user.username)
        page.get_by_label("Heslo").fill(user_password)
        page.get_by_role("button", name="Přihlásit se").click()
        enter_code(page, device)
        expected = "/shifts/today/" if user.has_role("apk") else "/cases/" if user.has_role("liaison") else "/"
        expect(page).to_have_url(f"{live_server.url}{expected}")
        # The URL changes before the page has its stylesheet: until then the menu folded away at tablet width is
        # shown, and a link name in it and in the page matches twice.
        page.wait_for_load_state("load")
        return page

    return _login_as


def enter_code(page: Page, device) -> None:
    """The login's second step: type the current code of `device` (tests.accounts.two_factor_helpers.totp_device)."""
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))
    page.get_by_label("Ověřovací kód").fill(current_code(device))
    page.get_by_role("button", name="Ověřit").click()


def assert_no_serious_axe_violations(page: Page, *, context: str | list | dict | None = None) -> None:
    """Run axe-core on the current page (or `context`, an axe selector) and fail on serious or critical issues.

    Minor and moderate findings are not failures; they show up in axe browser extensions during review.
    """
    results = _AXE.run(page, context=context)
    blocking = [v for v in results.response["violations"] if v["impact"] in _BLOCKING_IMPACTS]
    if not blocking:
        return
    lines = [f"axe-core found {len(blocking)} serious or critical accessibility violation(s) on {page.url}:"]
    for violation in blocking:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node.get('failureSummary', '').strip()}".replace("\n", " "))
    pytest.fail("\n".join(lines), pytrace=False)
