"""The audit CSV export goes through the same cell guard as every other export (core/spreadsheets.py): a user name
typed at a failed login cannot start a formula, and control characters in it are dropped."""

import datetime

from django.urls import reverse
from django.utils import timezone

from audit.choices import AuditAction
from audit.models import AuditEvent


def test_typed_user_names_are_written_without_formulas_and_control_characters(organisation, org_admin, login):
    at = timezone.make_aware(datetime.datetime(2026, 1, 5, 10, 0))
    AuditEvent.objects.create(organisation=organisation, at=at, action=AuditAction.LOGIN_FAILED, username="\x1b=cmd|x")
    AuditEvent.objects.create(
        organisation=organisation,
        at=at + datetime.timedelta(minutes=1),
        action=AuditAction.LOGIN_FAILED,
        username="ad\x07min",
    )

    response = login(org_admin).get(reverse("audit:export"), {"date_from": "2026-01-01", "date_to": "2026-01-31"})

    lines = b"".join(response.streaming_content).decode("utf-8").splitlines()
    assert [line.split(";")[1] for line in lines[1:3]] == ["admin", "'=cmd|x"]
