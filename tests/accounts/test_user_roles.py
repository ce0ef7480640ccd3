"""Nobody changes their own roles (accounts.services.user_update), in the app or in the Django admin; every role added
or
removed is in the audit log by name (accounts.services.user_role_changes_record)."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from accounts.choices import Role
from accounts.models import User
from audit.choices import AuditAction
from audit.models import AuditEvent
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

OWN_ROLES = "Své vlastní role měnit nemůžete. O změnu požádejte jiného správce organizace."
OWN_ROLES_HELP = "Své vlastní role měnit nemůžete. Pokud je potřeba je změnit, musí to udělat jiný správce organizace."
ROLE_ACTIONS = [AuditAction.ROLE_GRANT, AuditAction.ROLE_REVOKE]


def _update(user, acting_user, roles, **changes):
    return services.user_update(
        user=user,
        acting_user=acting_user,
        version=_current_version(user),
        first_name=changes.get("first_name", user.first_name),
        last_name=user.last_name,
        email=user.email,
        roles=roles,
        is_active=True,
    )


def _current_version(user) -> int:
    """The version an edit form opened now would carry (core/versioning.py)."""
    return User.objects.values_list("version", flat=True).get(pk=user.pk)


def _edit_data(user, roles, **changes):
    data = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email, "is_active": "on"}
    return {**data, "roles": roles, "version": _current_version(user), **changes}


def _role_events():
    return list(
        AuditEvent.objects.filter(action__in=ROLE_ACTIONS)
        .order_by("id")
        .values_list("action", "extra", "object_id", "object_repr", "user__username", "organisation")
    )


@pytest.fixture
def second_admin(organisation):
    return UserFactory(organisation=organisation, username="admin2", roles=[Role.ORG_ADMIN])


@pytest.mark.parametrize(
    ("own_roles", "wanted"),
    [
        ([Role.ORG_ADMIN], [Role.ORG_ADMIN, Role.SERVICE_LEAD]),  # the self-escalation to client identities
        ([Role.ORG_ADMIN], [Role.ORG_ADMIN, Role.LIAISON]),
        ([Role.COORDINATOR, Role.ORG_ADMIN], [Role.ORG_ADMIN]),  # removing one's own role, too
        ([Role.ORG_ADMIN], [Role.COORDINATOR]),  # and one's own admin role, as before
    ],
)
def test_own_roles_cannot_be_changed_in_either_direction(org_admin, own_roles, wanted):
    User.objects.filter(pk=org_admin.pk).update(roles=own_roles)
    org_admin.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        _update(org_admin, org_admin, wanted, first_name="Změněné")

    assert error.value.message_dict == {"roles": [OWN_ROLES]}
    org_admin.refresh_from_db()
    assert (org_admin.first_name, org_admin.roles) == ("Jan", own_roles)
    assert _role_events() == []


def test_own_edit_form_shows_the_roles_read_only_with_the_reason(org_admin, apk, login):
    client = login(org_admin)
    response = client.get(reverse("users:edit", args=[org_admin.pk]))
    colleagues_form = client.get(reverse("users:edit", args=[apk.pk])).context["form"]

    assert not colleagues_form.fields["roles"].disabled
    assert response.context["form"].fields["roles"].disabled
    body = response.content.decode()
    assert OWN_ROLES_HELP in body
    assert 'name="roles" value="org_admin"  id="id_roles_5" disabled checked>' in body
    assert 'name="roles" value="service_lead"  id="id_roles_3" disabled>' in body


def test_roles_posted_for_ones_own_account_are_ignored(org_admin, login):
    response = login(org_admin).post(
        reverse("users:edit", args=[org_admin.pk]),
        _edit_data(org_admin, [Role.ORG_ADMIN, Role.SERVICE_LEAD], first_name="Jana"),
    )

    assert response.status_code == 302
    org_admin.refresh_from_db()
    assert (org_admin.first_name, org_admin.roles) == ("Jana", [Role.ORG_ADMIN])
    assert _role_events() == []


def test_another_admin_grants_the_role_and_the_audit_log_names_it(org_admin, second_admin, organisation, login):
    response = login(second_admin).post(
        reverse("users:edit", args=[org_admin.pk]), _edit_data(org_admin, [Role.ORG_ADMIN, Role.SERVICE_LEAD])
    )

    assert response.status_code == 302
    org_admin.refresh_from_db()
    assert org_admin.roles == [Role.ORG_ADMIN, Role.SERVICE_LEAD]
    assert _role_events() == [
        (AuditAction.ROLE_GRANT, Role.SERVICE_LEAD, org_admin.pk, "orgadmin", "admin2", organisation.pk)
    ]


def test_a_removed_role_is_recorded_by_name(org_admin, organisation, login):
    lead = UserFactory(organisation=organisation, username="vedouci", roles=[Role.LIAISON, Role.SERVICE_LEAD])

    login(org_admin).post(reverse("users:edit", args=[lead.pk]), _edit_data(lead, [Role.APK, Role.LIAISON]))

    assert _role_events() == [
        (AuditAction.ROLE_GRANT, Role.APK, lead.pk, "vedouci", "orgadmin", organisation.pk),
        (AuditAction.ROLE_REVOKE, Role.SERVICE_LEAD, lead.pk, "vedouci", "orgadmin", organisation.pk),
    ]


def test_a_new_user_with_a_client_role_records_the_grant(org_admin, organisation, login):
    response = login(org_admin).post(
        reverse("users:create"),
        {
            "username": "nova.vedouci",
            "first_name": "Nikola",
            "last_name": "Veselá",
            "email": "",
            "roles": [Role.SERVICE_LEAD],
            "password1": "dlouhé heslo 2026!",
            "password2": "dlouhé heslo 2026!",
        },
    )

    assert response.status_code == 302
    created = User.objects.get(username="nova.vedouci")
    assert _role_events() == [
        (AuditAction.ROLE_GRANT, Role.SERVICE_LEAD, created.pk, "nova.vedouci", "orgadmin", organisation.pk)
    ]


# --- the Django admin ------------------------------------------------------------------------------


@pytest.fixture
def staff(organisation):
    """Staff who are not superusers, with Django's "view/change user" permissions: the admin's self-escalation path."""
    user = UserFactory(organisation=organisation, username="staff", roles=[Role.ORG_ADMIN], is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_user", "change_user"]))
    return user


def _admin_change_data(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "last_login_0": "",
        "last_login_1": "",
    }
    return {**data, **changes}


def test_staff_cannot_raise_their_own_roles_or_privileges_in_the_admin(staff, login):
    client = login(staff)
    url = reverse("admin:svl_user_change", args=[staff.pk])

    page = client.get(url)
    response = client.post(url, _admin_change_data(staff, roles="org_admin,service_lead", is_superuser="on"))

    assert page.status_code == 200
    readonly = set(page.context["adminform"].readonly_fields)
    assert {"roles", "is_superuser", "is_staff", "groups", "user_permissions", "organisation"} <= readonly
    assert response.status_code == 302
    staff.refresh_from_db()
    assert (staff.roles, staff.is_superuser) == ([Role.ORG_ADMIN], False)
    assert _role_events() == []


def test_staff_see_neither_another_organisations_users_nor_superusers_in_the_admin(staff, outsider, login):
    superuser = UserFactory(organisation=None, username="root", roles=[], is_staff=True, is_superuser=True)
    client = login(staff)

    foreign = client.get(reverse("admin:svl_user_change", args=[outsider.pk]))
    root_password = client.get(reverse("admin:auth_user_password_change", args=[superuser.pk]))

    assert foreign.status_code == 302  # the admin's "does not exist" redirect to its index
    assert root_password.status_code == 404


def test_superusers_change_roles_in_the_admin_and_the_audit_log_names_them(apk, organisation, login):
    superuser = UserFactory(organisation=None, username="root", roles=[], is_staff=True, is_superuser=True)

    response = login(superuser).post(
        reverse("admin:svl_user_change", args=[apk.pk]),
        _admin_change_data(apk, roles=[Role.APK, Role.LIAISON], organisation=organisation.pk),  # a checkbox each
    )

    assert response.status_code == 302
    apk.refresh_from_db()
    assert apk.roles == [Role.APK, Role.LIAISON]
    assert _role_events() == [(AuditAction.ROLE_GRANT, Role.LIAISON, apk.pk, "apk", "root", organisation.pk)]
