"""Approving one shift from its page: the version the mentor saw, and who may approve."""

import pytest
from django.urls import reverse

from accounts.choices import Role
from assistants.choices import ShiftStatus
from assistants.models import Shift
from tests.accounts.factories import UserFactory
from tests.assistants.review_helpers import mentored_project, submitted_shift

STALE = "Směnu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."


@pytest.fixture
def shift(organisation, mentor, apk):
    return submitted_shift(mentored_project(organisation, mentor, [apk]), mentor, [apk])


def _url(shift):
    return reverse("shifts:approve", args=[shift.pk])


@pytest.mark.django_db
def test_mentor_approves_a_submitted_shift(shift, mentor, login):
    response = login(mentor).post(_url(shift), {"version": shift.version}, follow=True)

    assert response.redirect_chain == [(reverse("shifts:review_queue"), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Směna 16. 11. 2026 byla schválena."]
    shift.refresh_from_db()
    assert (shift.status, shift.approved_by, shift.worked_minutes) == (ShiftStatus.APPROVED, mentor, 465)
    change = shift.status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by) == (
        ShiftStatus.SUBMITTED,
        ShiftStatus.APPROVED,
        mentor,
    )


@pytest.mark.django_db
def test_stale_version_changes_nothing(shift, mentor, login):
    response = login(mentor).post(_url(shift), {"version": shift.version - 1}, follow=True)
    assert response.redirect_chain == [(shift.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [STALE]
    assert Shift.objects.get(pk=shift.pk).status == ShiftStatus.SUBMITTED


@pytest.mark.django_db
def test_missing_version_is_a_bad_request(shift, mentor, login):
    assert login(mentor).post(_url(shift), {}).status_code == 400
    assert Shift.objects.get(pk=shift.pk).status == ShiftStatus.SUBMITTED


@pytest.mark.django_db
def test_coordinator_sees_the_shift_but_may_not_approve(shift, coordinator, login):
    assert login(coordinator).post(_url(shift), {"version": shift.version}).status_code == 403
    assert Shift.objects.get(pk=shift.pk).status == ShiftStatus.SUBMITTED


@pytest.mark.django_db
def test_mentor_outside_the_team_gets_404(organisation, shift, login):
    """Scope decides: a mentor sees only shifts they lead or of projects they mentor; others do not exist."""
    other_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    assert login(other_mentor).post(_url(shift), {"version": shift.version}).status_code == 404


@pytest.mark.django_db
def test_a_mentor_who_is_only_an_assistant_of_the_shift_gets_403(organisation, mentor, login):
    both = UserFactory(organisation=organisation, roles=[Role.APK, Role.MENTOR])
    shift = submitted_shift(mentored_project(organisation, mentor, [both]), mentor, [both])
    assert login(both).post(_url(shift), {"version": shift.version}).status_code == 403


@pytest.mark.django_db
def test_mentor_of_another_organisation_gets_404(shift, outsider, login):
    assert login(outsider).post(_url(shift), {"version": shift.version}).status_code == 404


@pytest.mark.django_db
def test_apk_may_not_approve_own_shift(shift, apk, login):
    assert login(apk).post(_url(shift), {"version": shift.version}).status_code == 403


@pytest.mark.django_db
def test_approve_refuses_get(shift, mentor, login):
    assert login(mentor).get(_url(shift)).status_code == 405


@pytest.mark.django_db
def test_login_required(shift, client):
    response = client.post(_url(shift), {"version": shift.version})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert Shift.objects.get(pk=shift.pk).status == ShiftStatus.SUBMITTED
