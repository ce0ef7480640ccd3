"""Writes for organisations and users. Views, commands and the demo seed all call these."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation, User
from audit import services as audit
from audit.choices import AuditAction
from core.versioning import lock, save_new_version

OWN_ROLES_MESSAGE = gettext_lazy("Své vlastní role měnit nemůžete. O změnu požádejte jiného správce organizace.")


@transaction.atomic
def organisation_create(*, name: str, ico: str, kind: str, seat_municipality: str = "") -> Organisation:
    organisation = Organisation(name=name, ico=ico, kind=kind, seat_municipality=seat_municipality)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def user_create(
    *,
    organisation: Organisation,
    username: str,
    password: str,
    roles: list[str],
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    validate_password_strength: bool = True,
) -> User:
    user = User(
        organisation=organisation,
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        roles=sorted(set(roles)),
    )
    if validate_password_strength:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    user_role_changes_record(user=user, previous=[], current=user.roles)
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    acting_user: User,
    version: int | None,
    first_name: str,
    last_name: str,
    email: str,
    roles: list[str],
    is_active: bool,
) -> User:
    """Change a colleague's details and roles (`version`: the one the admin's form saw).

    Nobody changes their own roles, in either direction: an admin who could grant themselves the service lead's
    role would read client identities, and one who could drop their own admin role would lock the organisation
    out. Another admin must do it, and every role added or removed is in the audit log by name.
    """
    # Re-read under a row lock: the stored roles, not the caller's copy (which may be stale or already assigned
    # to), so two admins changing one user's roles at once each record what they really changed.
    user = lock(user, version=version)
    stored_roles = list(user.roles)
    if user.pk == acting_user.pk:
        errors = {}
        if not is_active:
            errors["is_active"] = _("Nemůžete deaktivovat svůj vlastní účet.")
        if set(roles) != set(stored_roles):
            errors["roles"] = OWN_ROLES_MESSAGE
        if errors:
            raise ValidationError(errors)
    user.first_name = first_name
    user.last_name = last_name
    user.email = email
    user.roles = sorted(set(roles))
    user.is_active = is_active
    user.full_clean()
    save_new_version(user, update_fields=["first_name", "last_name", "email", "roles", "is_active"])
    user_role_changes_record(user=user, previous=stored_roles, current=user.roles)
    return user


@transaction.atomic
def user_role_changes_record(*, user: User, previous: list[str], current: list[str]) -> None:
    """One audit row per role added to or removed from `user`, naming the role (its code in `extra`).

    The generic "update" row of the save says only that the roles changed; these say which, so that the grant of
    a role that sees clients can be shown to the organisation's service leads (accounts.selectors
    .client_access_changes_for). The acting user is the current request's (the Django admin's too).
    """
    for role in sorted(set(current) - set(previous)):
        audit.record(AuditAction.ROLE_GRANT, obj=user, extra=role)
    for role in sorted(set(previous) - set(current)):
        audit.record(AuditAction.ROLE_REVOKE, obj=user, extra=role)


@transaction.atomic
def user_set_password(*, user: User, password: str) -> User:
    # No form version to compare; the new version makes an edit form opened before stale.
    user = lock(user, version=None)
    validate_password(password, user)
    user.set_password(password)
    save_new_version(user, update_fields=["password"])
    return user
