"""Password spraying (accounts.lockout.LoginLockoutHandler): thirty failed logins from one address within fifteen
minutes,
whatever the usernames, block every login from that address; one username alone never does."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("login")
WRONG_PASSWORD = "Spatne-heslo-123456"
ADDRESS = "203.0.113.7"
OTHER_ADDRESS = "198.51.100.2"
BLOCKED = "Z vaší sítě přišlo v krátké době příliš mnoho neúspěšných pokusů o přihlášení."
# 11:00 UTC is 12:00 in Prague (CET).
START = datetime.datetime(2026, 11, 20, 11, 0, tzinfo=datetime.UTC)


def _log_in(username, password, address=ADDRESS):
    return Client().post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def _spray(count, address=ADDRESS, prefix="neznamy"):
    """Failed logins with a different, random-looking username each."""
    return [_log_in(f"{prefix}{number}", WRONG_PASSWORD, address).status_code for number in range(count)]


def _signed_in(response) -> bool:
    return response.wsgi_request.user.is_authenticated


def test_thirty_failures_with_different_usernames_block_the_address(apk, password):
    statuses = _spray(30)
    response = _log_in("apk", password)
    from_elsewhere = _log_in("apk", password, address=OTHER_ADDRESS)

    assert statuses == [200] * 29 + [429]
    assert response.status_code == 429
    assert not _signed_in(response)
    body = response.content.decode()
    assert BLOCKED in body
    assert "požádejte o odemčení správce" not in body  # nobody can lift an address's block early
    assert 'name="password"' not in body
    assert from_elsewhere.status_code == 302 and _signed_in(from_elsewhere)


def test_the_block_page_says_when_it_ends(apk, password):
    with time_machine.travel(START, tick=False) as clock:
        _spray(30)
        clock.shift(datetime.timedelta(minutes=5))
        response = _log_in("apk", password)

    assert "Zkuste to znovu po 12:15 (za 10 min). Každý další pokus dobu čekání prodlouží." in response.content.decode()
    assert response["Retry-After"] == "600"


def test_the_block_ends_when_the_failures_leave_the_fifteen_minute_window(apk, password):
    with time_machine.travel(START, tick=False) as clock:
        _spray(30)
        clock.shift(datetime.timedelta(minutes=14, seconds=59))
        still_blocked = _log_in("apk", password)
        # That refused try is itself a failure in the window, but one is far from thirty.
        clock.shift(datetime.timedelta(seconds=1))
        after_window = _log_in("apk", password)

    assert still_blocked.status_code == 429
    assert after_window.status_code == 302 and _signed_in(after_window)


def test_only_failures_within_the_window_count(apk, password):
    with time_machine.travel(START, tick=False) as clock:
        _spray(20, prefix="prvni")
        clock.shift(datetime.timedelta(minutes=15))
        _spray(20, prefix="druhy")
        after_forty = _log_in("apk", password)  # the first twenty have left the window
        _spray(10, prefix="treti")
        response = _log_in("apk", password)

    assert after_forty.status_code == 302 and _signed_in(after_forty)
    assert response.status_code == 429


def test_one_user_who_keeps_failing_counts_at_most_ten_times_towards_the_address(apk, colleague, password):
    statuses = [_log_in("apk", WRONG_PASSWORD).status_code for _ in range(40)]
    colleague_after_forty = _log_in("colleague", password)
    _spray(19)
    colleague_after_twenty_nine = _log_in("colleague", password)
    _spray(1, prefix="dalsi")
    colleague_after_thirty = _log_in("colleague", password)

    assert statuses == [200] * 9 + [429] * 31  # apk's own lock, from the tenth failure
    assert colleague_after_forty.status_code == 302 and _signed_in(colleague_after_forty)
    assert colleague_after_twenty_nine.status_code == 302  # and it clears only colleague's own count
    assert colleague_after_thirty.status_code == 429


def test_failures_recorded_by_another_app_server_count(apk, password):
    """The count is read from the database, not from this process: rows another server wrote block here too."""
    with time_machine.travel(START, tick=False):
        for number in range(3):
            AccessAttempt.objects.create(
                username=f"jinde{number}",
                ip_address=ADDRESS,
                user_agent="",
                get_data="",
                post_data="",
                http_accept="",
                path_info=LOGIN_URL,
                failures_since_start=10,
            )
        response = _log_in("apk", password)

    assert response.status_code == 429
    assert BLOCKED in response.content.decode()


def test_limit_and_window_come_from_the_settings(apk, password, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    settings.LOGIN_ADDRESS_WINDOW_MINUTES = 5

    with time_machine.travel(START, tick=False) as clock:
        statuses = _spray(12)
        clock.shift(datetime.timedelta(minutes=5))
        after_window = _log_in("apk", password)

    assert statuses == [200] * 11 + [429]
    assert after_window.status_code == 302
