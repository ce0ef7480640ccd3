"""Reads of organisations and users, always scoped to the requesting user's organisation."""

from svl.models import User


def user_list_for(user, *, include_inactive: bool = True):
    users = User.objects.for_user(user)
    if not include_inactive:
        users = users.filter(is_active=True)
    return users.order_by("-is_active", "last_name", "first_name", "username")


def users_with_role(organisation_id, *roles: str):
    """Active users of one organisation holding any of `roles` (for pickers)."""
    return User.objects.filter(organisation_id=organisation_id, is_active=True, roles__overlap=list(roles))
