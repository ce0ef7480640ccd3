"""The role check every view uses: a page the user's role may not use is 403.

Roles and the tuples of who may do what live in accounts (accounts/permissions.py); this only asks the user.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied


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
