"""Reads of the audit log, always scoped to the requesting user's organisation."""

from audit.models import AuditEvent


def audit_event_list_for(user):
    """The audit log of the user's organisation, newest first; audit/filters.py filters it."""
    return AuditEvent.objects.for_user(user).order_by("-at", "-id")
