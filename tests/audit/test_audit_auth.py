"""Logins, failed logins and logouts are recorded in the audit log; a typed password never is."""

import pytest
from django.test import Client
from django.urls import reverse

from audit.choices import AuditAction
from audit.models import AuditEvent
from tests.audit.audit_helpers import audit_log_text

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("login")
WRONG_PASSWORD = "Spatne-heslo-123456"


def _auth_events():
    return list(
        AuditEvent.objects.filter(action__in=[AuditAction.LOGIN, AuditAction.LOGIN_FAILED, AuditAction.LOGOUT])
        .order_by("id")
        .values_list("action", "organisation", "user", "username", "ip_address", "object_type", "changed_fields")
    )


def test_login_is_recorded_with_user_organisation_and_address(coordinator, organisation, password):
    before = AuditEvent.objects.count()

    response = Client().post(LOGIN_URL, {"username": "coordinator", "password": password})

    assert response.status_code == 302
    assert _auth_events() == [
        (AuditAction.LOGIN, organisation.pk, coordinator.pk, "coordinator", "127.0.0.1", "", []),
    ]
    # The login time Django saves on the user is no change worth an entry of its own.
    assert AuditEvent.objects.count() == before + 1


def test_failed_login_of_an_account_belongs_to_its_organisation(coordinator, organisation):
    response = Client().post(LOGIN_URL, {"username": "coordinator", "password": WRONG_PASSWORD})

    assert response.status_code == 200
    assert _auth_events() == [
        (AuditAction.LOGIN_FAILED, organisation.pk, coordinator.pk, "coordinator", "127.0.0.1", "", []),
    ]
    assert WRONG_PASSWORD not in audit_log_text()


def test_failed_login_of_an_unknown_name_belongs_to_no_organisation(db):
    Client().post(LOGIN_URL, {"username": "neznamy", "password": WRONG_PASSWORD})

    assert _auth_events() == [(AuditAction.LOGIN_FAILED, None, None, "neznamy", "127.0.0.1", "", [])]
    assert WRONG_PASSWORD not in audit_log_text()


def test_logout_is_recorded(coordinator, organisation, login):
    browser = login(coordinator)

    response = browser.post(reverse("logout"))

    assert response.status_code == 302
    assert _auth_events()[-1] == (
        AuditAction.LOGOUT,
        organisation.pk,
        coordinator.pk,
        "coordinator",
        "127.0.0.1",
        "",
        [],
    )


def test_logout_without_a_session_records_nothing(db):
    Client().post(reverse("logout"))

    assert _auth_events() == []
