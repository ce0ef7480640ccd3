"""The Czech 403, 404, CSRF-failure and 500 pages as Django renders them with DEBUG off: no traceback, no request
details, and the 500 page without the database or context processors (the tests of it have no database access)."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import include, path, reverse

SECRET = "Jana Nováková, nar. 1. 2. 1980"


@login_not_required
def _broken(request):
    raise RuntimeError(f"failed for {SECRET}")


@login_not_required
def _forbidden(request):
    raise PermissionDenied(f"not allowed to see {SECRET}")


# This module doubles as the URLconf of the tests marked with it: the app's URLs plus two views that fail.
urlpatterns = [
    path("broken/", _broken),
    path("forbidden/", _forbidden),
    path("", include("svl.urls")),
]
pytestmark = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def _text(response) -> str:
    return response.content.decode()


def _assert_no_details(response):
    text = _text(response)
    for leak in ("Traceback", "RuntimeError", "PermissionDenied", SECRET, "Nováková", "/no-such-page/"):
        assert leak not in text
    assert response["Content-Security-Policy"]


def test_server_error_page_is_czech_and_shows_no_traceback():
    # No `db` fixture: any query while handling the error, or while rendering 500.html, would fail the test.
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    text = _text(response)
    assert "<title>Chyba serveru · SVL</title>" in text
    assert "Při zpracování požadavku došlo k neočekávané chybě." in text
    assert "Zkuste to prosím za chvíli znovu. Pokud chyba přetrvává, obraťte se na správce SVL." in text
    assert '<html lang="cs">' in text
    _assert_no_details(response)


def test_not_found_page_is_czech_and_does_not_repeat_the_path(coordinator, login):
    response = login(coordinator).get("/no-such-page/", {"q": SECRET})

    assert response.status_code == 404
    text = _text(response)
    assert "<title>Stránka nenalezena · SVL</title>" in text
    assert "Hledaná stránka neexistuje, nebo k ní nemáte přístup." in text
    assert 'data-testid="user-info"' in text  # the usual navigation: the user carries on from here
    _assert_no_details(response)


def test_not_found_page_for_an_anonymous_visitor(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Hledaná stránka neexistuje, nebo k ní nemáte přístup." in _text(response)
    assert 'data-testid="user-info"' not in _text(response)


def test_forbidden_page_is_czech_and_hides_the_reason(client, db):
    response = client.get("/forbidden/")

    assert response.status_code == 403
    text = _text(response)
    assert "<title>Přístup odepřen · SVL</title>" in text
    assert "K této stránce nebo akci nemáte oprávnění." in text
    _assert_no_details(response)


def test_forbidden_page_of_a_real_view(coordinator, login):
    response = login(coordinator).get(reverse("users:list"))

    assert response.status_code == 403
    assert "K této stránce nebo akci nemáte oprávnění." in _text(response)


def test_csrf_failure_page_is_czech_and_explains_what_to_do(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "someone", "password": "whatever"})

    assert response.status_code == 403
    text = _text(response)
    assert "<title>Formulář vypršel · SVL</title>" in text
    assert "Vraťte se zpět, načtěte stránku znovu a údaje odešlete ještě jednou." in text
    assert "CSRF" not in text
