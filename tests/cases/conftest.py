"""Fixtures shared by the cases tests, one block per area."""

import pytest

from accounts.choices import Role
from tests.accounts.factories import UserFactory
from tests.cases.casework_helpers import CODE, IDENTITY, OPENED
from tests.cases.factories import CaseFactory, ClientFactory, ClientIdentityFactory, SocialServiceFactory

# === Casework (cases/views/casework.py) ==============================================================
# A service with the default intervention threshold, and a client's case assigned to `liaison`.


@pytest.fixture
def service(organisation):
    return SocialServiceFactory(
        organisation=organisation, name="Terénní program Most", intervention_threshold_minutes=30
    )


@pytest.fixture
def case(organisation, service, liaison):
    client = ClientFactory(organisation=organisation, service=service, code=CODE, created_by=liaison)
    return CaseFactory(client=client, opened_on=OPENED, workers=[liaison])


@pytest.fixture
def identity(case):
    """Identifying data of the case's client: none of it may appear on a case page."""
    return ClientIdentityFactory(client=case.client, **IDENTITY)


@pytest.fixture
def other_liaison(organisation):
    """A liaison worker of the same organisation who is not assigned to the case."""
    return UserFactory(
        organisation=organisation, username="jina", first_name="Jana", last_name="Jiná", roles=[Role.LIAISON]
    )
