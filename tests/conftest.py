"""The usual cast: a user of each role in one organisation, a colleague, and an outsider."""

import threading

import pytest
from django.db import connection, connections
from django.db.backends.signals import connection_created
from django.test import Client

from svl.choices import Role
from tests.svl.factories import TEST_PASSWORD, OrganisationFactory, UserFactory
from tests.svl.two_factor_helpers import verify_session


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
    (svl/rls.py) is lifted for every database connection the tests' own thread opens, for the session. The tests
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
    svl/two_factor.py; django-otp then loads that device once per request.
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
