"""Shared helpers of the audit-log tests (tests/audit/test_audit_*.py)."""

from django.db import connection

from audit.models import AuditEvent

# The columns a test usually compares; `at`, ids and the IP address are checked where they matter.
SUMMARY = ("action", "object_type", "object_repr", "changed_fields", "extra")


def events_of(obj) -> list[tuple]:
    """(action, object_type, object_repr, changed_fields, extra) of the events about `obj`, oldest first."""
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=obj.pk)
        .order_by("id")
        .values_list(*SUMMARY)
    )


def audit_log_text() -> str:
    """Every column of every audit row as text, to look for values that must never be recorded."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(string_agg(a::text, E'\\n'), '') FROM svl_auditevent a")
        return cursor.fetchone()[0]


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()
