"""The own password change (accounts/password/) is throttled: five wrong current passwords within fifteen minutes,
and further tries are refused without checking them until the oldest leaves the window (accounts/lockout.py)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from audit.choices import AuditAction
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = reverse("password_change")
NEW_PASSWORD = "nové dlouhé heslo 2026"
WRONG_OLD = "Vaše současné heslo nebylo zadáno správně. Zkuste to znovu."
# 11:00 UTC is 12:00 in Prague (CET).
START = datetime.datetime(2026, 11, 20, 11, 0, tzinfo=datetime.UTC)


def _throttled(time: str) -> str:
    return f"Současné heslo bylo zadáno chybně příliš mnohokrát. Heslo můžete znovu změnit po {time}."


def _change(client, old_password):
    return client.post(
        URL, {"old_password": old_password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )


def _fail(client, times):
    return [_change(client, "spatne-stare-heslo").context["form"].errors["old_password"] for _ in range(times)]


def _failures():
    return list(
        AuditEvent.objects.filter(action=AuditAction.PASSWORD_CHANGE_FAILED)
        .order_by("id")
        .values_list("user__username", "object_repr", "extra", "organisation")
    )


def test_five_wrong_passwords_refuse_even_the_right_one_with_the_reason(apk, organisation, login, password):
    client = login(apk)
    with time_machine.travel(START, tick=False) as clock:
        errors = _fail(client, 5)  # the fifth is still checked
        clock.shift(datetime.timedelta(minutes=3))
        response = _change(client, password)

    assert errors == [[WRONG_OLD]] * 5
    assert response.status_code == 200
    assert response.context["form"].errors == {"old_password": [_throttled("12:15")]}
    apk.refresh_from_db()
    assert apk.check_password(password)
    assert _failures() == [("apk", "apk", "", organisation.pk)] * 5 + [("apk", "apk", "throttled", organisation.pk)]


def test_the_change_works_again_once_the_failures_leave_the_window(apk, login, password):
    client = login(apk)
    with time_machine.travel(START, tick=False) as clock:
        _fail(client, 5)
        clock.shift(datetime.timedelta(minutes=14, seconds=59))
        refused = _change(client, password)
        clock.shift(datetime.timedelta(seconds=1))
        response = _change(client, password)

    assert refused.context["form"].errors == {"old_password": [_throttled("12:15")]}
    assert response.status_code == 302
    apk.refresh_from_db()
    assert apk.check_password(NEW_PASSWORD)


def test_refused_tries_do_not_extend_the_wait(apk, login, password):
    client = login(apk)
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            _fail(client, 1)
            clock.shift(datetime.timedelta(minutes=1))  # wrong passwords at 12:00, 12:01, ... 12:04
        first_refusal = _change(client, password)  # 12:05
        clock.shift(datetime.timedelta(minutes=9, seconds=59))
        second_refusal = _change(client, password)  # 12:14:59: refusals are recorded, not counted
        clock.shift(datetime.timedelta(seconds=1))
        response = _change(client, password)  # 12:15: the failure of 12:00 has left the window

    assert first_refusal.context["form"].errors == {"old_password": [_throttled("12:15")]}
    assert second_refusal.context["form"].errors == {"old_password": [_throttled("12:15")]}
    assert response.status_code == 302


def test_the_throttle_is_per_user(apk, colleague, login, password):
    with time_machine.travel(START, tick=False):
        _fail(login(apk), 5)
        refused = _change(login(apk), password)
        colleagues = _change(login(colleague), password)

    assert refused.context["form"].errors == {"old_password": [_throttled("12:15")]}
    assert colleagues.status_code == 302


def test_only_wrong_current_passwords_count(apk, login, password):
    client = login(apk)
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            response = client.post(
                URL, {"old_password": password, "new_password1": "kratke", "new_password2": "kratke"}
            )
            assert "new_password2" in response.context["form"].errors
        errors = _fail(client, 5)
        refused = _change(client, password)

    assert errors == [[WRONG_OLD]] * 5
    assert refused.context["form"].errors == {"old_password": [_throttled("12:15")]}
