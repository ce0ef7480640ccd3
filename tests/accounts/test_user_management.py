import pytest
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import UserFactory

NEW_USER = {
    "username": "nova.asistentka",
    "first_name": "Nikola",
    "last_name": "Veselá",
    "email": "nikola@example.cz",
    "roles": ["apk"],
    "password1": "dlouhé heslo 2026!",
    "password2": "dlouhé heslo 2026!",
}


@pytest.mark.django_db
def test_admin_lists_only_own_organisations_users(org_admin, apk, outsider, login, django_assert_max_num_queries):
    client = login(org_admin)
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("users:list"))
    usernames = [u.username for u in response.context["page"]]
    assert sorted(usernames) == ["apk", "orgadmin"]


@pytest.mark.django_db
def test_admin_creates_a_user_in_own_organisation(organisation, org_admin, login):
    response = login(org_admin).post(reverse("users:create"), NEW_USER)
    assert response.status_code == 302
    user = User.objects.get(username="nova.asistentka")
    assert (user.organisation, user.roles) == (organisation, ["apk"])
    assert user.check_password("dlouhé heslo 2026!")


@pytest.mark.django_db
def test_short_password_and_mismatch_are_refused_at_the_fields(org_admin, login):
    client = login(org_admin)
    response = client.post(reverse("users:create"), {**NEW_USER, "password1": "kratke", "password2": "kratke"})
    assert response.status_code == 200
    assert "Heslo je příliš krátké. Musí mít alespoň 12 znaků." in response.context["form"].errors["password1"]
    response = client.post(reverse("users:create"), {**NEW_USER, "password2": "jiné heslo 2026!!"})
    assert response.context["form"].errors["password2"] == ["Hesla se neshodují."]
    assert not User.objects.filter(username="nova.asistentka").exists()


@pytest.mark.django_db
def test_user_without_roles_is_refused(org_admin, login):
    response = login(org_admin).post(reverse("users:create"), {**NEW_USER, "roles": []})
    assert response.context["form"].errors["roles"] == ["Vyberte alespoň jednu roli."]


@pytest.mark.django_db
def test_taken_username_is_refused(org_admin, outsider, login):
    response = login(org_admin).post(reverse("users:create"), {**NEW_USER, "username": "outsider"})
    assert response.status_code == 200
    assert "username" in response.context["form"].errors


@pytest.mark.django_db
def test_admin_edits_roles_and_deactivates(org_admin, apk, login):
    response = login(org_admin).post(
        reverse("users:edit", args=[apk.pk]),
        {
            "first_name": "Jan",
            "last_name": "Nový",
            "email": "",
            "roles": ["apk", "mentor"],
            "is_active": "",
            "version": apk.version,
        },
    )
    assert response.status_code == 302
    apk.refresh_from_db()
    assert (apk.last_name, apk.roles, apk.is_active) == ("Nový", ["apk", "mentor"], False)


@pytest.mark.django_db
def test_deactivated_user_cannot_log_in(org_admin, apk, login, client, password):
    login(org_admin).post(
        reverse("users:edit", args=[apk.pk]),
        {"first_name": "Jan", "last_name": "X", "email": "", "roles": ["apk"], "is_active": "", "version": apk.version},
    )
    # Through the login form: django-axes, the first authentication backend, needs the request.
    response = client.post(reverse("login"), {"username": "apk", "password": password})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_admin_cannot_deactivate_themselves(org_admin, login):
    # Nor change their own roles: tests/accounts/test_user_roles.py.
    response = login(org_admin).post(
        reverse("users:edit", args=[org_admin.pk]),
        {
            "first_name": "A",
            "last_name": "B",
            "email": "",
            "roles": ["org_admin"],
            "is_active": "",
            "version": org_admin.version,
        },
    )
    assert response.context["form"].errors["is_active"] == ["Nemůžete deaktivovat svůj vlastní účet."]
    org_admin.refresh_from_db()
    assert org_admin.is_active and org_admin.roles == ["org_admin"]


@pytest.mark.django_db
def test_admin_sets_a_new_password(org_admin, apk, login):
    response = login(org_admin).post(
        reverse("users:password", args=[apk.pk]), {"password1": "úplně nové heslo", "password2": "úplně nové heslo"}
    )
    assert response.status_code == 302
    apk.refresh_from_db()
    assert apk.check_password("úplně nové heslo")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["users:list", "users:create"])
def test_non_admins_get_403(name, coordinator, login):
    assert login(coordinator).get(reverse(name)).status_code == 403


@pytest.mark.django_db
def test_non_admin_cannot_edit_a_colleague(coordinator, apk, login):
    assert login(coordinator).get(reverse("users:edit", args=[apk.pk])).status_code == 403


@pytest.mark.django_db
def test_admin_of_another_organisation_gets_404(apk, other_organisation, login):
    foreign_admin = UserFactory(organisation=other_organisation, username="cizi", roles=["org_admin"])
    assert login(foreign_admin).get(reverse("users:edit", args=[apk.pk])).status_code == 404
    assert login(foreign_admin).post(reverse("users:password", args=[apk.pk]), {}).status_code == 404


@pytest.mark.django_db
def test_wrong_method_is_405(org_admin, login):
    assert login(org_admin).put(reverse("users:create")).status_code == 405
