"""Reads of organisations, users and the audit log, always scoped to the requesting user's organisation."""

import datetime
from dataclasses import dataclass

from accounts.choices import Role
from accounts.models import User
from accounts.permissions import CASE_WORKERS
from audit.choices import AuditAction
from audit.models import AuditEvent

# How far back the service lead's home page lists changes of access to clients, and how many at most.
CLIENT_ACCESS_CHANGE_DAYS = 90
CLIENT_ACCESS_CHANGE_LIMIT = 20


def user_list_for(user, *, include_inactive: bool = True):
    users = User.objects.for_user(user)
    if not include_inactive:
        users = users.filter(is_active=True)
    return users.order_by("-is_active", "last_name", "first_name", "username")


def users_with_role(organisation_id, *roles: str):
    """Active users of one organisation holding any of `roles` (for pickers)."""
    return User.objects.filter(organisation_id=organisation_id, is_active=True, roles__overlap=list(roles))


@dataclass(frozen=True)
class ClientAccessChange:
    """A role that sees clients given to or taken from a user: who, which role, by whom (None: a command), when."""

    at: datetime.datetime
    granted: bool
    role_label: str
    account: User | None
    account_username: str
    changed_by: User | None


def client_access_changes_for(user, *, now: datetime.datetime) -> list[ClientAccessChange]:
    """Grants and removals of the roles that see clients (CASE_WORKERS, as cases/selectors.py scopes them) in the
    user's organisation over the last CLIENT_ACCESS_CHANGE_DAYS, newest first, at most CLIENT_ACCESS_CHANGE_LIMIT
    (plus one, to tell that there are more). Two queries: the audit rows with who changed them, then the accounts.
    """
    events = list(
        AuditEvent.objects.for_user(user)
        .filter(
            action__in=[AuditAction.ROLE_GRANT, AuditAction.ROLE_REVOKE],
            extra__in=list(CASE_WORKERS),
            at__gt=now - datetime.timedelta(days=CLIENT_ACCESS_CHANGE_DAYS),
        )
        .select_related("user")
        .order_by("-at", "-id")[: CLIENT_ACCESS_CHANGE_LIMIT + 1]
    )
    if not events:
        return []
    accounts = User.objects.for_user(user).in_bulk({event.object_id for event in events})
    labels = dict(Role.choices)
    return [
        ClientAccessChange(
            at=event.at,
            granted=event.action == AuditAction.ROLE_GRANT,
            role_label=labels.get(event.extra, event.extra),
            account=accounts.get(event.object_id),
            account_username=event.object_repr,
            changed_by=event.user,
        )
        for event in events
    ]
