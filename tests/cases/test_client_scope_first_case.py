"""A client with no case yet is seen by its creator (to add the first case); afterwards only assignment counts."""

import datetime

import pytest

from cases import selectors, services

pytestmark = pytest.mark.django_db
CLIENT = {"gender": "male", "age_band": "18-26", "target_group": "youth_at_risk"}


def _sees(user, client) -> bool:
    return selectors.client_scope(user).filter(pk=client.pk).exists()


def test_new_client_is_seen_by_its_creator_and_the_lead_only(
    service, liaison, other_liaison, service_lead, coordinator
):
    client = services.client_create(service=service, by=liaison, **CLIENT)

    assert [_sees(user, client) for user in (liaison, service_lead, other_liaison, coordinator)] == [
        True,
        True,
        False,
        False,
    ]


def test_after_the_first_case_the_assignment_decides(service, liaison, other_liaison):
    client = services.client_create(service=service, by=liaison, **CLIENT)
    services.case_create(
        client=client,
        by=liaison,
        role="victim",
        crime_type="usury",
        opened_on=datetime.date(2026, 2, 1),
        workers=[other_liaison],
    )

    assert (_sees(liaison, client), _sees(other_liaison, client)) == (False, True)
