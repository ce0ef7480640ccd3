"""audit.record_created_many / record_many: the rows record() would write, inserted with one bulk_create."""

import pytest
from django.test import RequestFactory

from audit import services as audit
from audit.choices import AuditAction
from audit.models import AuditEvent
from tests.locations.factories import LocalityFactory

pytestmark = pytest.mark.django_db

COLUMNS = ("organisation_id", "user_id", "username", "action", "object_type", "object_id", "object_repr", "ip_address")


def _columns(events) -> list[tuple]:
    return [tuple(getattr(event, column) for column in COLUMNS) for event in events]


def test_bulk_rows_are_the_rows_record_writes_in_one_insert(organisation, coordinator, django_assert_num_queries):
    localities = [LocalityFactory(organisation=organisation, name=name) for name in ("Předlice", "Mojžíř")]
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    single = [
        audit.record(AuditAction.CREATE, obj=locality, user=coordinator, request=request) for locality in localities
    ]

    with django_assert_num_queries(1):
        bulk = audit.record_created_many(localities, user=coordinator, request=request)

    assert (
        _columns(bulk)
        == _columns(single)
        == [
            (
                organisation.pk,
                coordinator.pk,
                "coordinator",
                "create",
                "locations.locality",
                localities[0].pk,
                "Předlice",
                "192.0.2.7",
            ),
            (
                organisation.pk,
                coordinator.pk,
                "coordinator",
                "create",
                "locations.locality",
                localities[1].pk,
                "Mojžíř",
                "192.0.2.7",
            ),
        ]
    )
    assert AuditEvent.objects.filter(pk__in=[event.pk for event in bulk]).count() == 2


def test_rows_of_two_organisations_belong_to_their_own(organisation, other_organisation):
    mine, theirs = LocalityFactory(organisation=organisation), LocalityFactory(organisation=other_organisation)

    events = audit.record_many(AuditAction.UPDATE, [mine, theirs], changed_fields=["name"])

    assert sorted((event.organisation_id, event.object_id, event.changed_fields) for event in events) == sorted(
        [(organisation.pk, mine.pk, ["name"]), (other_organisation.pk, theirs.pk, ["name"])]
    )
