"""The database refuses to change or delete audit rows, whoever asks (migration svl/0002_add_audit_event)."""

import psycopg
import pytest
from django.db import ProgrammingError, connection, transaction

from audit import services as audit
from audit.choices import AuditAction
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db

REFUSAL = "audit log is append-only"


@pytest.fixture
def event(organisation):
    return audit.record(AuditAction.EXPORT, organisation_id=organisation.pk, extra="lokality-2026-11-22.csv")


def _refused(sql, params):
    # The savepoint keeps the test's transaction usable after the error.
    with pytest.raises(ProgrammingError) as error, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    assert isinstance(error.value.__cause__, psycopg.errors.RaiseException)
    assert str(error.value).startswith(REFUSAL)


def test_update_is_refused(event):
    _refused("UPDATE svl_auditevent SET extra = %s WHERE id = %s", ["nic", event.pk])

    event.refresh_from_db()
    assert event.extra == "lokality-2026-11-22.csv"


def test_delete_is_refused(event):
    _refused("DELETE FROM svl_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_orm_cannot_change_or_delete_either(event):
    event.extra = "nic"
    with pytest.raises(ProgrammingError, match=REFUSAL), transaction.atomic():
        event.save()
    with pytest.raises(ProgrammingError, match=REFUSAL), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()

    assert AuditEvent.objects.filter(pk=event.pk, extra="lokality-2026-11-22.csv").exists()


def test_inserting_is_allowed(event, organisation):
    audit.record(AuditAction.PDF, organisation_id=organisation.pk, extra="vykaz.pdf")

    assert list(
        AuditEvent.objects.filter(action__in=[AuditAction.EXPORT, AuditAction.PDF]).order_by("id").values_list("extra")
    ) == [("lokality-2026-11-22.csv",), ("vykaz.pdf",)]
