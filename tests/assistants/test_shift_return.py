"""Returning a submitted shift to its assistants: a comment is required and kept in the history."""

import pytest
from django.urls import reverse

from assistants.choices import ShiftStatus
from assistants.models import Shift
from tests.assistants.review_helpers import mentored_project, submitted_shift

STALE = "Směnu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."


@pytest.fixture
def shift(organisation, mentor, apk):
    return submitted_shift(mentored_project(organisation, mentor, [apk]), mentor, [apk])


def _url(shift):
    return reverse("shifts:return", args=[shift.pk])


@pytest.mark.django_db
def test_mentor_returns_a_shift_with_a_comment(shift, mentor, login):
    comment = "Doplňte prosím výsledek u záznamu z 10:00."
    response = login(mentor).post(_url(shift), {"comment": comment, "version": shift.version}, follow=True)

    assert response.redirect_chain == [(reverse("shifts:review_queue"), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Směna 16. 11. 2026 byla vrácena asistentům k opravě."]
    shift.refresh_from_db()
    assert (shift.status, shift.return_comment) == (ShiftStatus.RETURNED, comment)
    change = shift.status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by, change.comment) == (
        ShiftStatus.SUBMITTED,
        ShiftStatus.RETURNED,
        mentor,
        comment,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("comment", ["", "   "])
def test_returned_shift_requires_comment(comment, shift, mentor, login):
    response = login(mentor).post(_url(shift), {"comment": comment, "version": shift.version})

    assert response.status_code == 200
    assert response.context["return_form"].errors["comment"] == ["Napište, co je potřeba opravit."]
    assert "Napište, co je potřeba opravit." in response.content.decode()
    shift.refresh_from_db()
    assert (shift.status, shift.version) == (ShiftStatus.SUBMITTED, response.context["shift"].version)
    assert shift.status_changes.filter(to_status=ShiftStatus.RETURNED).count() == 0


@pytest.mark.django_db
def test_stale_version_changes_nothing(shift, mentor, login):
    response = login(mentor).post(_url(shift), {"comment": "Oprav to.", "version": shift.version - 1}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [STALE]
    assert Shift.objects.get(pk=shift.pk).status == ShiftStatus.SUBMITTED


@pytest.mark.django_db
def test_coordinator_may_not_return(shift, coordinator, login):
    assert login(coordinator).post(_url(shift), {"comment": "x", "version": shift.version}).status_code == 403


@pytest.mark.django_db
def test_another_organisation_gets_404(shift, outsider, login):
    assert login(outsider).post(_url(shift), {"comment": "x", "version": shift.version}).status_code == 404


@pytest.mark.django_db
def test_return_refuses_get(shift, mentor, login):
    assert login(mentor).get(_url(shift)).status_code == 405
