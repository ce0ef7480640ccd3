"""Starting a shift, its breaks and its end, from the tablet (POST only, by the shift's own assistants)."""

import pytest
from django.urls import reverse

from assistants.choices import ShiftStatus
from assistants.models import ShiftBreak
from tests.accounts.factories import UserFactory
from tests.assistants.factories import at
from tests.assistants.tablet_helpers import DAY, clock, ended, planned_shift, started

pytestmark = pytest.mark.django_db


def _post(client, name, shift, moment="08:02", **data):
    """POST the action and follow to the work page, where its message is shown (and consumed)."""
    with clock(at(DAY, moment)):
        return client.post(reverse(f"shifts:{name}", args=[shift.pk]), data, follow=True)


def _messages(response):
    assert response.redirect_chain == [(reverse("shifts:work", args=[response.context["shift"].pk]), 302)]
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def shift(organisation, apk, colleague, mentor):
    return planned_shift(organisation, mentor, [apk, colleague])


def test_start_sets_actual_start_to_now_and_opens_the_work_page(shift, apk, login):
    response = _post(login(apk), "start", shift, "08:02")

    assert _messages(response) == ["Směna byla zahájena v 08:02."]
    shift.refresh_from_db()
    assert (shift.status, shift.actual_start) == (ShiftStatus.IN_PROGRESS, at(DAY, "08:02"))


def test_team_mate_may_start_the_shared_shift(shift, colleague, login):
    _post(login(colleague), "start", shift)
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.IN_PROGRESS


def test_starting_twice_says_why_and_keeps_the_first_start(shift, apk, login):
    client = login(apk)
    _post(client, "start", shift, "08:02")

    response = _post(client, "start", shift, "08:03")

    assert _messages(response) == ["Směnu ve stavu „probíhá“ nelze převést do stavu „probíhá“."]
    shift.refresh_from_db()
    assert shift.actual_start == at(DAY, "08:02")


def test_break_start_and_end(shift, apk, login):
    client = login(apk)
    started(shift)

    response = _post(client, "break_start", shift, "10:15")
    assert _messages(response) == ["Přestávka začala v 10:15."]
    response = _post(client, "break_end", shift, "10:45")
    assert _messages(response) == ["Přestávka skončila v 10:45."]

    assert list(ShiftBreak.objects.values_list("started_at", "ended_at")) == [(at(DAY, "10:15"), at(DAY, "10:45"))]


def test_second_break_start_is_refused_while_one_runs(shift, apk, login):
    client = login(apk)
    started(shift)
    _post(client, "break_start", shift, "10:15")

    response = _post(client, "break_start", shift, "10:20")

    assert _messages(response) == ["Přestávka už probíhá."]
    assert ShiftBreak.objects.count() == 1


def test_break_end_without_a_break_is_refused(shift, apk, login):
    started(shift)
    response = _post(login(apk), "break_end", shift, "10:20")
    assert _messages(response) == ["Žádná přestávka neprobíhá."]


def test_break_before_the_shift_starts_is_refused(shift, apk, login):
    response = _post(login(apk), "break_start", shift, "07:50")
    assert _messages(response) == ["Přestávku lze začít jen během probíhající směny."]
    assert not ShiftBreak.objects.exists()


def test_end_closes_a_running_break_and_computes_hours(shift, apk, login):
    client = login(apk)
    started(shift, at_time="08:00")
    _post(client, "break_start", shift, "12:00")

    response = _post(client, "end", shift, "16:00")

    assert _messages(response) == [
        "Směna byla ukončena v 16:00. Zkontrolujte záznamy, doplňte poznámku a směnu odevzdejte."
    ]
    shift.refresh_from_db()
    assert shift.actual_end == at(DAY, "16:00")
    assert shift.worked_minutes == 4 * 60
    assert shift.status == ShiftStatus.IN_PROGRESS  # ended, waiting to be submitted
    assert ShiftBreak.objects.get().ended_at == at(DAY, "16:00")


def test_ending_twice_is_refused(shift, apk, login):
    ended(shift, end="15:00")
    response = _post(login(apk), "end", shift, "16:00")
    assert _messages(response) == ["Směna už byla ukončena."]
    shift.refresh_from_db()
    assert shift.actual_end == at(DAY, "15:00")


def test_ending_a_planned_shift_is_refused(shift, apk, login):
    response = _post(login(apk), "end", shift, "16:00")
    assert _messages(response) == ["Ukončit lze jen probíhající směnu."]


@pytest.mark.parametrize("name", ["start", "break_start", "break_end", "end"])
def test_get_is_not_allowed(name, shift, apk, login):
    assert login(apk).get(reverse(f"shifts:{name}", args=[shift.pk])).status_code == 405


@pytest.mark.parametrize("name", ["start", "break_start", "break_end", "end"])
def test_apk_of_another_team_gets_404(name, organisation, mentor, apk, login):
    other_team = planned_shift(organisation, mentor, [UserFactory(organisation=organisation, roles=["apk"])])
    assert _post(login(apk), name, other_team).status_code == 404


@pytest.mark.parametrize("name", ["start", "break_start", "break_end", "end"])
def test_outsider_gets_404(name, shift, outsider, login):
    assert _post(login(outsider), name, shift).status_code == 404


@pytest.mark.parametrize("name", ["start", "break_start", "break_end", "end"])
def test_mentor_of_the_shift_gets_403_and_nothing_changes(name, shift, mentor, login):
    assert _post(login(mentor), name, shift).status_code == 403
    shift.refresh_from_db()
    assert (shift.status, shift.version) == (ShiftStatus.PLANNED, 1)


@pytest.mark.parametrize("name", ["start", "break_start", "break_end", "end"])
def test_login_required(name, shift, client):
    response = client.post(reverse(f"shifts:{name}", args=[shift.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
