"""Writes for organisations and users. Views, commands and the demo seed all call these."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from svl.choices import Role
from svl.models import Organisation, User
from svl.versioning import lock, save_new_version


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
    """Change a colleague's details and roles (`version`: the one the admin's form saw). An admin cannot lock
    themselves out."""
    user = lock(user, version=version)
    if user.pk == acting_user.pk:
        if not is_active:
            raise ValidationError({"is_active": _("Nemůžete deaktivovat svůj vlastní účet.")})
        if Role.ORG_ADMIN not in roles:
            raise ValidationError({"roles": _("Nemůžete si odebrat roli správce organizace.")})
    user.first_name = first_name
    user.last_name = last_name
    user.email = email
    user.roles = sorted(set(roles))
    user.is_active = is_active
    user.full_clean()
    save_new_version(user, update_fields=["first_name", "last_name", "email", "roles", "is_active"])
    return user


@transaction.atomic
def user_set_password(*, user: User, password: str) -> User:
    # No form version to compare; the new version makes an edit form opened before stale.
    user = lock(user, version=None)
    validate_password(password, user)
    user.set_password(password)
    save_new_version(user, update_fields=["password"])
    return user
