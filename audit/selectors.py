"""Reads of the audit log, always scoped to the requesting user's organisation."""

import datetime

from audit.models import AuditEvent
from core import clock


def audit_event_list_for(
    user,
    *,
    account=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    object_type: str = "",
    action: str = "",
):
    """The audit log of the user's organisation, newest first; every filter is optional, both dates included."""
    events = AuditEvent.objects.for_user(user)
    if account is not None:
        events = events.filter(user=account)
    if date_from:
        events = events.filter(at__gte=clock.day_start(date_from))
    if date_to:
        events = events.filter(at__lt=clock.day_start(date_to + datetime.timedelta(days=1)))
    if object_type:
        events = events.filter(object_type=object_type)
    if action:
        events = events.filter(action=action)
    return events.order_by("-at", "-id")
