"""The usual cast: a user of each role in one organisation, a colleague, and an outsider."""

import pytest
from django.test import Client

from svl.choices import Role
from tests.svl.factories import TEST_PASSWORD, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many users; the production hasher costs ~0.3 s per password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
    """login(user) -> a Django test client logged in as that user."""

    def _login(user):
        client = Client()
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def password():
    return TEST_PASSWORD
