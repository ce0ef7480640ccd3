"""Reopening an approved (locked) shift: mentors only, with a reason recorded in the history."""

import pytest
from django.urls import reverse

from assistants import services
from assistants.choices import ShiftStatus
from assistants.models import Shift
from tests.assistants.review_helpers import mentored_project, submitted_shift

STALE = "Směnu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."


@pytest.fixture
def shift(organisation, mentor, apk):
    shift = submitted_shift(mentored_project(organisation, mentor, [apk]), mentor, [apk])
    return services.shift_approve(shift=shift, by=mentor, version=shift.version)


def _url(shift):
    return reverse("shifts:reopen", args=[shift.pk])


@pytest.mark.django_db
def test_mentor_reopens_with_a_reason_and_it_is_recorded(shift, mentor, login):
    reason = "Chybí záznam o sběru stříkaček."
    response = login(mentor).post(_url(shift), {"reason": reason, "version": shift.version}, follow=True)

    assert response.redirect_chain == [(shift.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Směna 16. 11. 2026 byla znovu otevřena a vrácena asistentům k opravě."
    ]
    shift.refresh_from_db()
    assert (shift.status, shift.approved_at, shift.approved_by, shift.return_comment) == (
        ShiftStatus.RETURNED,
        None,
        None,
        reason,
    )
    change = shift.status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by, change.comment) == (
        ShiftStatus.APPROVED,
        ShiftStatus.RETURNED,
        mentor,
        reason,
    )
    history = response.content.decode()
    assert reason in history


@pytest.mark.django_db
def test_reopen_requires_a_reason(shift, mentor, login):
    response = login(mentor).post(_url(shift), {"reason": "", "version": shift.version})

    assert response.status_code == 200
    assert response.context["reopen_form"].errors["reason"] == ["Uveďte důvod znovuotevření."]
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.APPROVED
    assert shift.status_changes.filter(to_status=ShiftStatus.RETURNED).count() == 0


@pytest.mark.django_db
def test_stale_version_changes_nothing(shift, mentor, login):
    response = login(mentor).post(_url(shift), {"reason": "Oprava.", "version": shift.version - 1}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [STALE]
    assert Shift.objects.get(pk=shift.pk).status == ShiftStatus.APPROVED


@pytest.mark.django_db
def test_only_an_approved_shift_can_be_reopened(organisation, mentor, apk, login):
    shift = submitted_shift(mentored_project(organisation, mentor, [apk]), mentor, [apk])
    response = login(mentor).post(_url(shift), {"reason": "Oprava.", "version": shift.version}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Znovu otevřít lze jen schválenou směnu."]
    assert Shift.objects.get(pk=shift.pk).status == ShiftStatus.SUBMITTED


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["apk", "coordinator", "org_admin"])
def test_only_mentors_reopen(role, request, shift, login):
    user = request.getfixturevalue(role)
    assert login(user).post(_url(shift), {"reason": "x", "version": shift.version}).status_code == 403
    assert Shift.objects.get(pk=shift.pk).status == ShiftStatus.APPROVED


@pytest.mark.django_db
def test_another_organisation_gets_404(shift, outsider, login):
    assert login(outsider).post(_url(shift), {"reason": "x", "version": shift.version}).status_code == 404


@pytest.mark.django_db
def test_reopen_refuses_get(shift, mentor, login):
    assert login(mentor).get(_url(shift)).status_code == 405
