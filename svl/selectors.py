"""Reads of organisations, users and the audit log, always scoped to the requesting user's organisation."""

import datetime

from django.utils import timezone

from svl.models import AuditEvent, User


def user_list_for(user, *, include_inactive: bool = True):
    users = User.objects.for_user(user)
    if not include_inactive:
        users = users.filter(is_active=True)
    return users.order_by("-is_active", "last_name", "first_name", "username")


def users_with_role(organisation_id, *roles: str):
    """Active users of one organisation holding any of `roles` (for pickers)."""
    return User.objects.filter(organisation_id=organisation_id, is_active=True, roles__overlap=list(roles))


def audit_event_list_for(
    user,
    *,
    account: User | None = None,
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
        events = events.filter(at__gte=_start_of_day(date_from))
    if date_to:
        events = events.filter(at__lt=_start_of_day(date_to + datetime.timedelta(days=1)))
    if object_type:
        events = events.filter(object_type=object_type)
    if action:
        events = events.filter(action=action)
    return events.order_by("-at", "-id")


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
