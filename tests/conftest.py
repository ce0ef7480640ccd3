"""The suite's clock, and the usual cast: a user of each role in one organisation, a colleague, and an outsider.

Every test starts at one known instant (TEST_NOW, see _test_instant) and the clock ticks normally from there.
"""

import datetime
import os
import threading
import zoneinfo

import pytest
import time_machine
from django.db import connection, connections
from django.db.backends.signals import connection_created
from django.test import Client

from accounts.choices import Role
from tests.accounts.factories import TEST_PASSWORD, OrganisationFactory, UserFactory
from tests.accounts.two_factor_helpers import verify_session

# --- The suite's clock ------------------------------------------------------------------------------------
# The instant every test starts at, unless SVL_TEST_NOW names another. An ordinary working day in the middle of
# everything: a Wednesday in mid-December, so yesterday, tomorrow and this week (Mon 14 – Sun 20) lie in the same
# month and year; 10:00 in Prague, so the whole working day is one date in UTC too; far from both changes of summer
# time and from any public holiday; after every fixed date the tests' data uses, so "not in the future" rules hold.
DEFAULT_TEST_NOW = "2026-12-16T10:00:00+01:00"
TEST_NOW_VARIABLE = "SVL_TEST_NOW"
REAL_CLOCK_MARKER = "real_clock"
PRAGUE = zoneinfo.ZoneInfo("Europe/Prague")


def _test_instant(value: str | None) -> datetime.datetime:
    """SVL_TEST_NOW's instant: ISO 8601 with a UTC offset (the offset says which 02:30 of the October night is
    meant), "now" for the real time at session start, or the default when unset."""
    value = (value or DEFAULT_TEST_NOW).strip()
    if value.lower() == "now":
        return datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    try:
        instant = datetime.datetime.fromisoformat(value)
    except ValueError:
        instant = None
    if instant is None or instant.utcoffset() is None:
        raise pytest.UsageError(
            f"{TEST_NOW_VARIABLE} must be an ISO 8601 instant with its UTC offset, e.g. "
            f"{TEST_NOW_VARIABLE}=2027-10-31T02:30:00+01:00, or 'now'; got {value!r}."
        )
    return instant


# Read once per session, in pytest_configure, so that a bad value stops the run with a usage error, not a traceback.
TEST_NOW: datetime.datetime


def _describe_test_now() -> str:
    local = TEST_NOW.astimezone(PRAGUE)
    return (
        f"tests start at {TEST_NOW.isoformat()} = {local:%A %Y-%m-%d %H:%M:%S} {local.tzname()} in Prague "
        f"({TEST_NOW_VARIABLE}={os.environ.get(TEST_NOW_VARIABLE) or 'unset: the default'})"
    )


def pytest_configure(config):
    global TEST_NOW
    TEST_NOW = _test_instant(os.environ.get(TEST_NOW_VARIABLE))
    config.addinivalue_line(
        "markers",
        f"{REAL_CLOCK_MARKER}: the test runs on the machine's real clock instead of starting at {TEST_NOW_VARIABLE}",
    )


def pytest_report_header(config):
    return [_describe_test_now()]


def pytest_terminal_summary(terminalreporter):
    # Also at the end, where a CI log is read after a failure (the header is not shown under -q, our addopts).
    terminalreporter.write_line(f"{_describe_test_now()}; rerun at it: {TEST_NOW_VARIABLE}={TEST_NOW.isoformat()}")


@pytest.fixture(autouse=True)
def suite_clock(request):
    """Every test starts at TEST_NOW, the same instant for each, and the clock ticks normally within the test, for
    every thread of this process (the browser tests' live server included); yields time-machine's traveller, so a
    fixture can move the clock (`suite_clock.shift(...)`).

    A test that needs another instant travels there itself (`time_machine.travel(...)` nests). A module- or
    session-scoped fixture that travelled already (tests/test_template_canary.py builds its world at its own frozen
    instant) keeps its clock for its tests: this one would otherwise move them to TEST_NOW. A test marked
    `@pytest.mark.real_clock` runs on the real clock; none should need it. In those two cases it yields None.
    Session-scoped fixtures (the test database, the live server) are set up before, on the real clock. PostgreSQL's
    own now() is never travelled: no SVL query uses it.
    """
    if request.node.get_closest_marker(REAL_CLOCK_MARKER) or time_machine.escape_hatch.is_travelling():
        yield None
        return
    with time_machine.travel(TEST_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many users; the production hasher costs ~0.3 s per password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _lift_row_level_security(sender, connection, **kwargs):
    if threading.current_thread() is threading.main_thread():
        # On the driver's connection, so that no test's query count sees it.
        with connection.connection.cursor() as cursor:
            cursor.execute("SELECT set_config('svl.rls_bypass', 'on', false)")


@pytest.fixture(autouse=True, scope="session")
def _row_level_security_lifted_for_test_code():
    """Tests build rows of several organisations with factories, outside any request: row-level security
    (core/rls.py) is lifted for every database connection the tests' own thread opens, for the session. The tests
    connect as the maintenance role (svl/settings.py, DATABASE_ROLE), the one role whose bypass the policies honour.

    Requests still run under it where production does: the test client's request is scoped by the middleware,
    though the bypass still shows every row; the live server of the browser tests answers from its own thread, with
    its own connection, without the bypass. `rls_enforced` switches the bypass off for one test.
    """
    connection_created.connect(_lift_row_level_security, dispatch_uid="tests.rls_lifted")
    for opened in connections.all(initialized_only=True):
        if opened.connection is not None:
            _lift_row_level_security(None, opened)
    yield
    connection_created.disconnect(dispatch_uid="tests.rls_lifted")


@pytest.fixture
def rls_enforced(db):
    """Row-level security as in production for this test's own queries: the tests' bypass is off until it ends."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('svl.rls_bypass', 'off', false)")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('svl.rls_bypass', 'on', false)")


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Město A")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Město B")


def _user(organisation, username, *roles):
    return UserFactory(organisation=organisation, username=username, roles=list(roles))


@pytest.fixture
def apk(organisation):
    return _user(organisation, "apk", Role.APK)


@pytest.fixture
def colleague(organisation):
    return _user(organisation, "colleague", Role.APK)


@pytest.fixture
def mentor(organisation):
    return _user(organisation, "mentor", Role.MENTOR)


@pytest.fixture
def liaison(organisation):
    return _user(organisation, "liaison", Role.LIAISON)


@pytest.fixture
def service_lead(organisation):
    return _user(organisation, "lead", Role.SERVICE_LEAD)


@pytest.fixture
def coordinator(organisation):
    return _user(organisation, "coordinator", Role.COORDINATOR)


@pytest.fixture
def org_admin(organisation):
    return _user(organisation, "orgadmin", Role.ORG_ADMIN)


@pytest.fixture
def outsider(other_organisation):
    """A user of another organisation holding every role: sees nothing of organisation A."""
    return _user(other_organisation, "outsider", *Role.values)


@pytest.fixture
def login():
    """login(user) -> a Django test client logged in as that user, second factor included.

    The session is OTP-verified by the user's authenticator app (created when missing), as after the code step of
    accounts/two_factor/services.py; django-otp then loads that device once per request.
    """

    def _login(user):
        client = Client()
        client.force_login(user)
        verify_session(client, user)
        return client

    return _login


@pytest.fixture
def password():
    return TEST_PASSWORD
