"""Correcting an ended or returned shift afterwards: actual times, breaks added or removed (with the version)."""

import pytest
from django.urls import reverse

from assistants import services
from assistants.models import ShiftBreak
from tests.accounts.factories import UserFactory
from tests.assistants.factories import at
from tests.assistants.tablet_helpers import DAY, ended, planned_shift, returned, started, submitted

pytestmark = pytest.mark.django_db
STALE = "Směnu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."


def _url(name, shift, *args):
    return reverse(f"shifts:{name}", args=[shift.pk, *args])


def _messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def shift(organisation, apk, colleague, mentor):
    return ended(planned_shift(organisation, mentor, [apk, colleague]), start="08:00", end="16:00")


# --- actual times ----------------------------------------------------------------------------------


def test_correct_times_recomputes_hours(shift, apk, login):
    data = {"actual_start": "2026-11-16T07:30", "actual_end": "2026-11-16T15:00", "version": shift.version}

    response = login(apk).post(_url("correct", shift), data, follow=True)

    assert _messages(response) == ["Časy směny byly opraveny."]
    shift.refresh_from_db()
    assert (shift.actual_start, shift.actual_end, shift.worked_minutes) == (at(DAY, "07:30"), at(DAY, "15:00"), 450)


def test_correct_times_over_midnight(organisation, apk, mentor, login):
    shift = ended(planned_shift(organisation, mentor, [apk]), start="08:00", end="16:00")
    data = {"actual_start": "2026-11-16T20:00", "actual_end": "2026-11-17T02:00", "version": shift.version}

    login(apk).post(_url("correct", shift), data)

    shift.refresh_from_db()
    assert (shift.actual_end, shift.worked_minutes) == (at(DAY.replace(day=17), "02:00"), 360)


def test_end_before_start_is_shown_at_the_field(shift, apk, login):
    data = {"actual_start": "2026-11-16T15:00", "actual_end": "2026-11-16T08:00", "version": shift.version}

    response = login(apk).post(_url("correct", shift), data)

    assert response.status_code == 200
    form = response.context["correct_form"]
    assert form.errors == {"actual_end": ["Skutečný konec musí být po začátku."]}
    assert response.context["corrections_open"] is True
    assert "Skutečný konec musí být po začátku." in response.content.decode()
    shift.refresh_from_db()
    assert shift.actual_start == at(DAY, "08:00")


def test_invalid_time_is_shown_at_the_field(shift, apk, login):
    data = {"actual_start": "včera", "actual_end": "2026-11-16T15:00", "version": shift.version}

    response = login(apk).post(_url("correct", shift), data)

    assert response.context["correct_form"].errors == {"actual_start": ["Zadejte platné datum a čas."]}


def test_stale_version_of_correction_is_refused(shift, apk, colleague, login):
    seen = shift.version
    services.break_add(shift=shift, by=colleague, version=seen, started_at=at(DAY, "12:00"), ended_at=at(DAY, "12:30"))
    data = {"actual_start": "2026-11-16T07:30", "actual_end": "2026-11-16T15:00", "version": seen}

    response = login(apk).post(_url("correct", shift), data)

    assert response.context["correct_form"].non_field_errors() == [STALE]
    shift.refresh_from_db()
    assert shift.actual_start == at(DAY, "08:00")


def test_running_shift_cannot_be_corrected(organisation, apk, mentor, login):
    shift = started(planned_shift(organisation, mentor, [apk]))
    data = {"actual_start": "2026-11-16T07:30", "actual_end": "2026-11-16T15:00", "version": shift.version}

    response = login(apk).post(_url("correct", shift), data, follow=True)

    assert _messages(response) == ["Časy lze opravit až po ukončení směny."]
    shift.refresh_from_db()
    assert shift.actual_end is None


def test_submitted_shift_cannot_be_corrected(organisation, apk, mentor, login):
    shift = submitted(planned_shift(organisation, mentor, [apk]))
    data = {"actual_start": "2026-11-16T07:30", "actual_end": "2026-11-16T15:00", "version": shift.version}

    response = login(apk).post(_url("correct", shift), data, follow=True)

    assert _messages(response) == ["Směnu už nelze upravovat."]


def test_returned_shift_can_be_corrected(organisation, apk, mentor, login):
    shift = returned(planned_shift(organisation, mentor, [apk]))
    data = {"actual_start": "2026-11-16T08:00", "actual_end": "2026-11-16T12:00", "version": shift.version}

    login(apk).post(_url("correct", shift), data)

    shift.refresh_from_db()
    assert shift.worked_minutes == 240


# --- breaks afterwards -----------------------------------------------------------------------------


def test_break_added_afterwards_reduces_hours(shift, apk, login):
    data = {"started_at": "2026-11-16T12:00", "ended_at": "2026-11-16T12:30", "version": shift.version}

    response = login(apk).post(_url("break_add", shift), data, follow=True)

    assert _messages(response) == ["Přestávka byla přidána."]
    shift.refresh_from_db()
    assert shift.worked_minutes == 450
    assert list(ShiftBreak.objects.values_list("started_at", "ended_at")) == [(at(DAY, "12:00"), at(DAY, "12:30"))]


def test_break_ending_before_it_starts_is_shown_at_the_field(shift, apk, login):
    data = {"started_at": "2026-11-16T12:30", "ended_at": "2026-11-16T12:00", "version": shift.version}

    response = login(apk).post(_url("break_add", shift), data)

    assert response.context["break_form"].errors == {"ended_at": ["Konec přestávky musí být po jejím začátku."]}
    assert not ShiftBreak.objects.exists()


def test_break_outside_the_shift_is_refused(shift, apk, login):
    data = {"started_at": "2026-11-16T15:50", "ended_at": "2026-11-16T16:20", "version": shift.version}

    response = login(apk).post(_url("break_add", shift), data)

    assert response.context["break_form"].non_field_errors() == ["Přestávka musí ležet v době směny."]
    assert not ShiftBreak.objects.exists()


def test_overlapping_break_is_refused(shift, apk, login):
    services.break_add(
        shift=shift, by=apk, version=shift.version, started_at=at(DAY, "12:00"), ended_at=at(DAY, "12:30")
    )
    shift.refresh_from_db()
    data = {"started_at": "2026-11-16T12:15", "ended_at": "2026-11-16T12:45", "version": shift.version}

    response = login(apk).post(_url("break_add", shift), data)

    assert response.context["break_form"].non_field_errors() == ["Přestávka se překrývá s jinou přestávkou."]
    assert ShiftBreak.objects.count() == 1


def test_stale_version_of_break_add_is_refused(shift, apk, login):
    data = {"started_at": "2026-11-16T12:00", "ended_at": "2026-11-16T12:30", "version": shift.version - 1}

    response = login(apk).post(_url("break_add", shift), data)

    assert response.context["break_form"].non_field_errors() == [STALE]
    assert not ShiftBreak.objects.exists()


def test_break_add_without_version_says_reload(shift, apk, login):
    data = {"started_at": "2026-11-16T12:00", "ended_at": "2026-11-16T12:30"}

    response = login(apk).post(_url("break_add", shift), data)

    assert response.context["break_form"].non_field_errors() == ["Formulář je neúplný. Načtěte stránku znovu."]
    assert "Formulář je neúplný. Načtěte stránku znovu." in response.content.decode()


def test_break_delete_restores_hours(shift, apk, login):
    services.break_add(
        shift=shift, by=apk, version=shift.version, started_at=at(DAY, "12:00"), ended_at=at(DAY, "12:30")
    )
    shift.refresh_from_db()
    pause = ShiftBreak.objects.get()

    response = login(apk).post(_url("break_delete", shift, pause.pk), {"version": shift.version}, follow=True)

    assert _messages(response) == ["Přestávka byla odebrána."]
    shift.refresh_from_db()
    assert shift.worked_minutes == 480
    assert not ShiftBreak.objects.exists()


def test_stale_version_of_break_delete_is_refused(shift, apk, login):
    services.break_add(
        shift=shift, by=apk, version=shift.version, started_at=at(DAY, "12:00"), ended_at=at(DAY, "12:30")
    )
    pause = ShiftBreak.objects.get()

    response = login(apk).post(_url("break_delete", shift, pause.pk), {"version": shift.version}, follow=True)

    assert _messages(response) == [STALE]
    assert ShiftBreak.objects.exists()


def test_break_of_another_shift_is_404(shift, organisation, apk, mentor, login):
    other = ended(planned_shift(organisation, mentor, [apk], day=DAY.replace(day=17)))
    services.break_add(
        shift=other,
        by=apk,
        version=other.version,
        started_at=at(DAY.replace(day=17), "12:00"),
        ended_at=at(DAY.replace(day=17), "12:30"),
    )
    pause = ShiftBreak.objects.get()

    response = login(apk).post(_url("break_delete", shift, pause.pk), {"version": shift.version})

    assert response.status_code == 404
    assert ShiftBreak.objects.exists()


# --- access ----------------------------------------------------------------------------------------

ACTIONS = [("correct", ()), ("break_add", ()), ("break_delete", (1,))]


@pytest.mark.parametrize(("name", "args"), ACTIONS)
def test_get_is_not_allowed(name, args, shift, apk, login):
    assert login(apk).get(_url(name, shift, *args)).status_code == 405


@pytest.mark.parametrize(("name", "args"), ACTIONS)
def test_apk_of_another_team_gets_404(name, args, shift, organisation, login):
    stranger = UserFactory(organisation=organisation, roles=["apk"])
    assert login(stranger).post(_url(name, shift, *args), {"version": shift.version}).status_code == 404


@pytest.mark.parametrize(("name", "args"), ACTIONS)
def test_outsider_gets_404(name, args, shift, outsider, login):
    assert login(outsider).post(_url(name, shift, *args), {"version": shift.version}).status_code == 404


@pytest.mark.parametrize(("name", "args"), ACTIONS)
def test_mentor_gets_403(name, args, shift, mentor, login):
    assert login(mentor).post(_url(name, shift, *args), {"version": shift.version}).status_code == 403


@pytest.mark.parametrize(("name", "args"), ACTIONS)
def test_login_required(name, args, shift, client):
    response = client.post(_url(name, shift, *args), {"version": shift.version})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
