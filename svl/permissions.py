"""Role checks shared by every app's views.

Objects outside the user's organisation are 404 (fetched through `for_user`); a page the user's
role may not use is 403.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from svl.choices import Role


def role_required(*roles: str):
    """Refuse (403) users holding none of `roles`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_roles = roles
        return wrapper

    return decorator


def get_for_user_or_404(queryset, user, **lookup):
    """Fetch one object through the organisation scope: another organisation's object is a 404."""
    return get_object_or_404(queryset.for_user(user), **lookup)


# Who manages what; kept in one place so navigation and views agree.
LOCALITY_EDITORS = (Role.COORDINATOR, Role.ORG_ADMIN, Role.MENTOR)
LOCALITY_IMPORTERS = (Role.COORDINATOR, Role.ORG_ADMIN)
OBSERVATION_AUTHORS = (Role.APK, Role.MENTOR, Role.LIAISON, Role.SERVICE_LEAD, Role.COORDINATOR, Role.ORG_ADMIN)
USER_MANAGERS = (Role.ORG_ADMIN,)
# The organisation's audit log (svl/audit_views.py).
AUDIT_VIEWERS = (Role.ORG_ADMIN,)
# The home-page dashboard: the organisation's figures, aggregates only.
DASHBOARD_VIEWERS = (Role.COORDINATOR, Role.ORG_ADMIN)
# APK shifts: mentors plan and review their team's shifts; coordinators may plan too and see every shift.
SHIFT_PLANNERS = (Role.MENTOR, Role.COORDINATOR)
SHIFT_REVIEWERS = (Role.MENTOR,)
SHIFT_OVERVIEW = (Role.MENTOR, Role.COORDINATOR, Role.ORG_ADMIN)
# Grant projects, the organisation's record categories and the import of historical shifts.
PROJECT_MANAGERS = (Role.COORDINATOR, Role.ORG_ADMIN)
SHIFT_IMPORTERS = (Role.COORDINATOR, Role.ORG_ADMIN)
# Monthly work logs: an APK their own, mentors their team's, coordinators and admins every APK's.
WORKLOG_VIEWERS = (Role.APK, Role.MENTOR, Role.COORDINATOR, Role.ORG_ADMIN)

# Client data: the service's workers (liaison assistants) and its lead; nobody else sees any client.
CASE_WORKERS = (Role.LIAISON, Role.SERVICE_LEAD)
SERVICE_MANAGERS = (Role.SERVICE_LEAD, Role.ORG_ADMIN)

# Coordination platforms: coordinators run them; other staff of the organisation may read them.
PLATFORM_MANAGERS = (Role.COORDINATOR,)
PLATFORM_VIEWERS = (Role.COORDINATOR, Role.ORG_ADMIN, Role.MENTOR, Role.SERVICE_LEAD)
