"""Brute-force protection of the login (django-axes, accounts/lockout.py): ten failures lock a username from one
address."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from audit.choices import AuditAction
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("login")
WRONG_PASSWORD = "Spatne-heslo-123456"
LOCKED_HEADING = "Přihlášení je dočasně zablokováno"
# 11:00 UTC is 12:00 in Prague (CET).
START = datetime.datetime(2026, 11, 20, 11, 0, tzinfo=datetime.UTC)
OTHER_ADDRESS = "10.1.2.3"


def _log_in(client, username, password, address="127.0.0.1"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, username, times, address="127.0.0.1"):
    return [_log_in(client, username, WRONG_PASSWORD, address).status_code for _ in range(times)]


def _signed_in(response) -> bool:
    return response.wsgi_request.user.is_authenticated


def test_ten_failures_lock_the_username_from_that_address(apk, password):
    client = Client()

    statuses = _fail(client, "apk", 10)
    response = _log_in(client, "apk", password)

    assert statuses == [200] * 9 + [429]
    assert response.status_code == 429
    assert not _signed_in(response)
    assert "registration/lockout.html" in [template.name for template in response.templates]
    assert LOCKED_HEADING in response.content.decode()
    assert response["Retry-After"] == "1800"


def test_nine_failures_do_not_lock_and_a_success_clears_them(apk, password):
    client = Client()
    _fail(client, "apk", 9)

    response = _log_in(client, "apk", password)

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="apk").exists()


def test_lock_holds_only_for_that_username_from_that_address(apk, colleague, password):
    _fail(Client(), "apk", 10)

    from_elsewhere = _log_in(Client(), "apk", password, address=OTHER_ADDRESS)
    colleague_here = _log_in(Client(), "colleague", password)

    assert from_elsewhere.status_code == 302 and _signed_in(from_elsewhere)
    assert colleague_here.status_code == 302 and _signed_in(colleague_here)


def test_lockout_page_says_when_to_try_again_and_whom_to_ask(apk, password):
    with time_machine.travel(START, tick=False):
        _fail(Client(), "apk", 10)
        response = _log_in(Client(), "apk", password)

    body = response.content.decode()
    assert "Zkuste to znovu po 12:30 (za 30 min)." in body
    assert "požádejte o odemčení správce své organizace" in body
    assert 'name="password"' not in body  # the page replaces the login form


def test_lock_ends_thirty_minutes_after_the_last_failure(apk, password):
    with time_machine.travel(START, tick=False) as clock:
        _fail(Client(), "apk", 10)
        clock.shift(datetime.timedelta(minutes=29, seconds=59))
        assert _log_in(Client(), "apk", "wrong again").status_code == 429  # and the wait starts again

        clock.shift(datetime.timedelta(minutes=29, seconds=59))
        still_locked = _log_in(Client(), "apk", password)
        clock.shift(datetime.timedelta(minutes=30, seconds=1))
        after_cool_off = _log_in(Client(), "apk", password)

    assert still_locked.status_code == 429
    assert after_cool_off.status_code == 302 and _signed_in(after_cool_off)


def test_failed_and_refused_logins_are_audited(apk, organisation, password):
    _fail(Client(), "apk", 10)
    _log_in(Client(), "apk", password)

    events = list(
        AuditEvent.objects.filter(username="apk")
        .order_by("id")
        .values_list("action", "organisation", "user", "ip_address")
    )
    assert events == [(AuditAction.LOGIN_FAILED, organisation.pk, apk.pk, "127.0.0.1")] * 11
    assert WRONG_PASSWORD not in str(list(AccessAttempt.objects.values_list("post_data", flat=True)))


def test_org_admin_sees_the_lock_and_unlocks_the_account(apk, org_admin, organisation, login, password):
    with time_machine.travel(START, tick=False):
        _fail(Client(), "apk", 10)
        admin = login(org_admin)

        page = admin.get(reverse("users:edit", args=[apk.pk]))
        response = admin.post(reverse("users:unlock", args=[apk.pk]), follow=True)

    body = page.content.decode()
    assert "Přihlašování k tomuto účtu je po příliš mnoha neúspěšných pokusech zablokováno, nejdéle do" in body
    assert "20. 11. 2026 12:30" in body
    assert reverse("users:unlock", args=[apk.pk]) in body
    assert response.redirect_chain == [(reverse("users:edit", args=[apk.pk]), 302)]
    assert "Přihlašování uživatele" in response.content.decode()
    assert reverse("users:unlock", args=[apk.pk]) not in response.content.decode()
    assert not AccessAttempt.objects.filter(username="apk").exists()
    unlock = AuditEvent.objects.get(action=AuditAction.UNLOCK)
    assert (unlock.organisation_id, unlock.user, unlock.object_type, unlock.object_id, unlock.object_repr) == (
        organisation.pk,
        org_admin,
        "svl.user",
        apk.pk,
        "apk",
    )
    assert _log_in(Client(), "apk", password).status_code == 302


def test_edit_page_of_an_account_that_is_not_locked_offers_no_unlock(apk, org_admin, login):
    _fail(Client(), "apk", 9)

    response = login(org_admin).get(reverse("users:edit", args=[apk.pk]))

    assert response.context["locked_until"] is None
    assert reverse("users:unlock", args=[apk.pk]) not in response.content.decode()


def test_unlocking_another_organisations_user_is_404(org_admin, outsider, login):
    _fail(Client(), "outsider", 10)

    response = login(org_admin).post(reverse("users:unlock", args=[outsider.pk]))

    assert response.status_code == 404
    assert AccessAttempt.objects.filter(username="outsider").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.UNLOCK).exists()


def test_unlock_is_for_organisation_admins_only(apk, coordinator, login):
    _fail(Client(), "apk", 10)

    response = login(coordinator).post(reverse("users:unlock", args=[apk.pk]))

    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username="apk").exists()


def test_unlock_accepts_post_only(apk, org_admin, login):
    response = login(org_admin).get(reverse("users:unlock", args=[apk.pk]))

    assert response.status_code == 405


def test_unlock_needs_login(apk):
    response = Client().post(reverse("users:unlock", args=[apk.pk]))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(apk, password):
    for forged in range(10):
        Client().post(
            LOGIN_URL, {"username": "apk", "password": WRONG_PASSWORD}, HTTP_X_FORWARDED_FOR=f"10.9.9.{forged}"
        )

    assert _log_in(Client(), "apk", password).status_code == 429


def test_behind_a_trusted_proxy_failures_count_per_forwarded_client(apk, password, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "127.0.0.1"
    for forged in range(10):  # the client may forge entries on the left; the proxy appends the real one
        Client().post(
            LOGIN_URL,
            {"username": "apk", "password": WRONG_PASSWORD},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"10.9.9.{forged}, 203.0.113.7",
        )

    locked = Client().post(
        LOGIN_URL, {"username": "apk", "password": password}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    other_client = Client().post(
        LOGIN_URL, {"username": "apk", "password": password}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.2"
    )

    assert locked.status_code == 429
    assert other_client.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
