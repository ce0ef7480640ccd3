"""Submitting an ended shift with its note; the version the APK saw must still be current."""

import pytest
from django.urls import reverse

from assistants import services
from assistants.choices import ShiftStatus
from tests.accounts.factories import UserFactory
from tests.assistants.factories import at
from tests.assistants.tablet_helpers import DAY, ended, planned_shift, returned, started

pytestmark = pytest.mark.django_db
STALE = "Směnu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."


def _url(shift):
    return reverse("shifts:submit", args=[shift.pk])


@pytest.fixture
def shift(organisation, apk, colleague, mentor):
    return ended(planned_shift(organisation, mentor, [apk, colleague]), start="08:00", end="16:00")


def test_submit_saves_the_note_and_hands_the_shift_to_the_mentor(shift, apk, login):
    response = login(apk).post(_url(shift), {"note": "Klidná směna.", "version": shift.version}, follow=True)

    assert response.redirect_chain == [(reverse("shifts:today"), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Směna byla odevzdána ke schválení."]
    shift.refresh_from_db()
    assert (shift.status, shift.note, shift.worked_minutes) == (ShiftStatus.SUBMITTED, "Klidná směna.", 480)


def test_resubmitting_a_returned_shift_clears_the_return_comment(organisation, apk, mentor, login):
    shift = returned(planned_shift(organisation, mentor, [apk]))

    login(apk).post(_url(shift), {"note": "Opraveno.", "version": shift.version})

    shift.refresh_from_db()
    assert (shift.status, shift.return_comment) == (ShiftStatus.SUBMITTED, "")


def test_stale_version_is_refused_and_nothing_changes(shift, apk, colleague, login):
    seen = shift.version
    services.shift_correct_times(
        shift=shift, by=colleague, version=seen, actual_start=at(DAY, "08:00"), actual_end=at(DAY, "15:00"), note=""
    )

    response = login(apk).post(_url(shift), {"note": "Klidná směna.", "version": seen})

    assert response.status_code == 200
    assert response.context["note_form"].non_field_errors() == [STALE]
    assert STALE in response.content.decode()
    shift.refresh_from_db()
    assert (shift.status, shift.note) == (ShiftStatus.IN_PROGRESS, "")


def test_running_shift_must_be_ended_first(organisation, apk, mentor, login):
    shift = started(planned_shift(organisation, mentor, [apk]))

    response = login(apk).post(_url(shift), {"note": "", "version": shift.version}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Před odevzdáním směnu ukončete."]
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.IN_PROGRESS


def test_missing_version_is_shown_and_nothing_changes(shift, apk, login):
    response = login(apk).post(_url(shift), {"note": "Klidná směna."})

    assert response.status_code == 200
    assert response.context["note_form"].non_field_errors() == ["Formulář je neúplný. Načtěte stránku znovu."]
    assert "Formulář je neúplný. Načtěte stránku znovu." in response.content.decode()
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.IN_PROGRESS


def test_submitting_twice_is_refused(shift, apk, login):
    client = login(apk)
    client.post(_url(shift), {"note": "", "version": shift.version}, follow=True)

    response = client.post(_url(shift), {"note": "", "version": shift.version + 1}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Směnu ve stavu „odevzdaná“ nelze převést do stavu „odevzdaná“."
    ]


def test_get_is_not_allowed(shift, apk, login):
    assert login(apk).get(_url(shift)).status_code == 405


def test_apk_of_another_team_gets_404(shift, organisation, login):
    stranger = UserFactory(organisation=organisation, roles=["apk"])
    assert login(stranger).post(_url(shift), {"version": shift.version}).status_code == 404


def test_outsider_gets_404(shift, outsider, login):
    assert login(outsider).post(_url(shift), {"version": shift.version}).status_code == 404


def test_mentor_gets_403(shift, mentor, login):
    assert login(mentor).post(_url(shift), {"version": shift.version}).status_code == 403
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.IN_PROGRESS


def test_login_required(shift, client):
    response = client.post(_url(shift), {"version": shift.version})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
