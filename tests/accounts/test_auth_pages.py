import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_login_page_is_czech_and_public(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Přihlášení do SVL" in response.content.decode()


@pytest.mark.django_db
def test_login_with_wrong_password_shows_czech_error(client, apk):
    response = client.post(reverse("login"), {"username": "apk", "password": "špatně"})
    assert response.status_code == 200
    assert "Zadejte správnou hodnotu pole uživatelské jméno a heslo." in response.content.decode()


@pytest.mark.django_db
def test_login_and_logout(client, apk, password):
    response = client.post(reverse("login"), {"username": "apk", "password": password})
    assert response.status_code == 302 and response.url == reverse("home")
    home = client.get(reverse("home"), follow=True)  # an APK lands on their shift today
    assert home.redirect_chain == [(reverse("shifts:today"), 302)]
    assert "Město A" in home.content.decode()
    assert "asistent prevence kriminality" in home.content.decode()
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_every_page_needs_login(client):
    response = client.get(reverse("localities:list"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/localities/"


@pytest.mark.django_db
def test_password_change(apk, login, password):
    client = login(apk)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "nové dlouhé heslo", "new_password2": "nové dlouhé heslo"},
    )
    assert response.status_code == 302
    apk.refresh_from_db()
    assert apk.check_password("nové dlouhé heslo")


@pytest.mark.django_db
def test_navigation_shows_only_what_the_role_may_use(apk, org_admin, login):
    apk_labels = [item["label"] for item in login(apk).get(reverse("home"), follow=True).context["nav_items"]]
    admin_labels = [item["label"] for item in login(org_admin).get(reverse("home")).context["nav_items"]]
    assert "Uživatelé" not in apk_labels
    assert "Uživatelé" in admin_labels


@pytest.mark.django_db
def test_healthz_is_public(client):
    response = client.get(reverse("healthz"))
    assert (response.status_code, response.content) == (200, b"ok")
