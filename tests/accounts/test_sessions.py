"""Sessions on shared tablets (accounts.sessions.SessionLifetimeMiddleware): a new key at login, an idle timeout, an
absolute lifetime, a keep-alive, and a logout that leaves nothing of the user in the browser but unsent records."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from audit.choices import AuditAction
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 20, 6, 0, tzinfo=datetime.UTC)
IDLE_MESSAGE = "Byli jste odhlášeni po 15 minutách nečinnosti."
ABSOLUTE_MESSAGE = "Byli jste odhlášeni po 10 hodinách od přihlášení. Přihlaste se prosím znovu."
LOGIN_URL = reverse("login")
IDLE_URL = f"{LOGIN_URL}?signed_out=idle"
LIFETIME_URL = f"{LOGIN_URL}?signed_out=lifetime"


def _minutes(minutes: int, seconds: int = 0) -> datetime.timedelta:
    return datetime.timedelta(minutes=minutes, seconds=seconds)


def _signed_in(client) -> bool:
    return client.get(reverse("password_change")).status_code == 200


def test_defaults_are_fifteen_minutes_idle_and_ten_hours_in_all():
    assert (settings.SESSION_IDLE_TIMEOUT, settings.SESSION_ABSOLUTE_LIFETIME) == (15 * 60, 10 * 60 * 60)


def test_login_gives_the_session_a_new_key(apk, password):
    client = Client()
    session = client.session
    session["before_login"] = True
    session.save()
    old_key = session.session_key

    response = client.post(LOGIN_URL, {"username": "apk", "password": password})

    assert response.status_code == 302
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()


def test_idle_session_ends_after_fifteen_minutes_with_a_message(apk, organisation, login):
    with time_machine.travel(START, tick=False) as clock:
        client = login(apk)
        clock.shift(_minutes(14, 59))
        assert _signed_in(client)

        clock.shift(_minutes(15))
        response = client.get(reverse("localities:list"), follow=True)

    assert response.redirect_chain == [(IDLE_URL, 302)]
    assert [str(message) for message in response.context["messages"]] == [IDLE_MESSAGE]
    assert IDLE_MESSAGE in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    logout = AuditEvent.objects.filter(action=AuditAction.LOGOUT).get()
    assert (logout.user, logout.organisation_id) == (apk, organisation.pk)


def test_activity_keeps_the_session_alive(apk, login):
    with time_machine.travel(START, tick=False) as clock:
        client = login(apk)
        for _ in range(4):
            clock.shift(_minutes(14))
            assert _signed_in(client)

        clock.shift(_minutes(15))
        assert not _signed_in(client)


def test_session_ends_ten_hours_after_login_whatever_the_activity(apk, login):
    with time_machine.travel(START, tick=False) as clock:
        client = login(apk)
        for _ in range(42):  # a request every 14 minutes: 9 h 48 min
            clock.shift(_minutes(14))
            assert _signed_in(client)

        clock.shift(_minutes(12))
        response = client.get(reverse("localities:list"), follow=True)

    assert response.redirect_chain == [(LIFETIME_URL, 302)]
    assert [str(message) for message in response.context["messages"]] == [ABSOLUTE_MESSAGE]


def test_keepalive_restarts_the_idle_time(apk, login):
    with time_machine.travel(START, tick=False) as clock:
        client = login(apk)
        clock.shift(_minutes(14))
        response = client.post(reverse("session_keepalive"))
        clock.shift(_minutes(14, 59))
        still_signed_in = _signed_in(client)

    assert response.status_code == 204
    assert still_signed_in


def test_keepalive_of_an_expired_session_goes_to_the_login_page(apk, login):
    with time_machine.travel(START, tick=False) as clock:
        client = login(apk)
        clock.shift(_minutes(15))
        response = client.post(reverse("session_keepalive"))

    assert (response.status_code, response.url) == (302, IDLE_URL)


def test_keepalive_accepts_post_only(apk, login):
    assert login(apk).get(reverse("session_keepalive")).status_code == 405


def test_keepalive_needs_login(db):
    response = Client().post(reverse("session_keepalive"))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_pages_of_a_signed_in_user_carry_the_idle_timeout_for_the_warning(apk, login):
    body = login(apk).get(reverse("localities:list")).content.decode()

    assert 'data-idle-timeout="900"' in body
    assert 'data-warning-before="120"' in body
    assert 'src="/static/js/session_timeout.js" defer' in body
    assert "Zůstat přihlášen" in body


def test_login_page_has_no_timeout_warning(db):
    body = Client().get(LOGIN_URL).content.decode()

    assert "session_timeout.js" not in body
    assert "data-idle-timeout" not in body


def test_logout_clears_cache_and_cookies_but_not_storage(apk, login):
    response = login(apk).post(reverse("logout"))

    assert (response.status_code, response.url) == (302, LOGIN_URL)
    # Not "storage": unsent field records wait in localStorage (static/js/record_form.js).
    assert response["Clear-Site-Data"] == '"cache", "cookies"'
    assert "no-store" in response["Cache-Control"]


def test_idle_timeout_clears_cache_and_cookies_but_not_storage(apk, login):
    with time_machine.travel(START, tick=False) as clock:
        client = login(apk)
        clock.shift(_minutes(15))
        response = client.get(reverse("localities:list"))

    assert (response.status_code, response.url) == (302, IDLE_URL)
    assert response["Clear-Site-Data"] == '"cache", "cookies"'


def test_absolute_timeout_clears_cache_and_cookies_but_not_storage(apk, login):
    with time_machine.travel(START, tick=False) as clock:
        client = login(apk)
        for _ in range(43):  # a request every 14 minutes: never idle, and past the 10 hours at the last one
            clock.shift(_minutes(14))
            response = client.get(reverse("localities:list"))

    assert (response.status_code, response.url) == (302, LIFETIME_URL)
    assert [str(message) for message in client.get(LIFETIME_URL).context["messages"]] == [ABSOLUTE_MESSAGE]
    assert response["Clear-Site-Data"] == '"cache", "cookies"'


def test_login_page_says_why_only_for_a_reason_it_knows(db):
    idle = Client().get(IDLE_URL)
    unknown = Client().get(f"{LOGIN_URL}?signed_out=%3Cb%3Ex%3C%2Fb%3E")

    assert [str(message) for message in idle.context["messages"]] == [IDLE_MESSAGE]
    assert unknown.status_code == 200
    assert list(unknown.context["messages"]) == []


def test_pages_of_a_signed_in_user_are_never_stored(apk, login):
    response = login(apk).get(reverse("localities:list"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
