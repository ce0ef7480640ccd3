"""Security headers on a sample of pages: the login page, a list page, a PDF download, an error page.

The Content Security Policy comes from django-csp, Permissions-Policy and the authenticated users' no-store from
svl/middleware.py, the rest from Django's SecurityMiddleware.
"""

import pytest
from django.urls import reverse

from tests.assistants.worklog_helpers import november

# The policy for the test settings' default tile server (MAP_TILE_URL); directive order is not significant.
EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data: https://tile.openstreetmap.org",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"


def _policy(response) -> dict[str, str]:
    directives = [part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")]
    return {name: value for name, value in directives}


def _assert_security_headers(response):
    assert _policy(response) == EXPECTED_CSP
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def worklog_url(apk, mentor):
    november(apk, mentor)
    return reverse("shifts:worklog", kwargs={"user_id": apk.pk, "year": 2026, "month": 11})


def test_login_page_has_the_security_headers(client, db):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    _assert_security_headers(response)


def test_list_page_has_the_security_headers_and_is_not_stored(coordinator, login):
    response = login(coordinator).get(reverse("localities:list"))

    assert response.status_code == 200
    _assert_security_headers(response)
    assert response["Cache-Control"] == "no-store"


def test_pdf_download_has_the_security_headers_and_is_not_stored(apk, login, worklog_url):
    response = login(apk).get(worklog_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    _assert_security_headers(response)
    assert response["Cache-Control"] == "no-store"


def test_error_page_to_a_signed_in_user_has_the_security_headers_and_is_not_stored(coordinator, login):
    response = login(coordinator).get("/no-such-page/")

    assert response.status_code == 404
    _assert_security_headers(response)
    assert response["Cache-Control"] == "no-store"


def test_redirect_after_login_is_not_stored(client, coordinator, password):
    response = client.post(reverse("login"), {"username": coordinator.username, "password": password})

    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_never_cache_directives_of_a_view_are_kept(coordinator, login):
    # LoginView is never_cache (a signed-in user is redirected): the middleware leaves its Cache-Control whole.
    response = login(coordinator).get(reverse("login"))

    assert set(response["Cache-Control"].split(", ")) == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }


def test_anonymous_responses_keep_their_own_caching(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert "Cache-Control" not in response
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_security_middleware_sends_hsts_over_https_when_configured(client, db, settings):
    # Production turns these on (tests/svl/test_deploy_check.py); here only that the middleware sends them.
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    response = client.get(reverse("login"), secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
