"""A meeting's date and time on the nights the clocks change: the gap is an error, the fold is asked."""

import datetime

import pytest
from django.urls import reverse

from core import clock
from platforms import services
from platforms.models import Meeting
from tests.platforms.meeting_helpers import flat, pdf_text, platform_with_members, url

pytestmark = pytest.mark.django_db

AMBIGUOUS_0230 = (
    "Čas 2:30 dne 25. 10. 2026 nastal dvakrát: v noci se vracejí hodiny z 3:00 na 2:00 (konec letního času). "
    "Vyberte, který z nich myslíte."
)
NONEXISTENT_0230 = "Čas 2:30 dne 29. 3. 2026 neexistuje: v noci se posunují hodiny z 2:00 na 3:00 (letní čas)."
SECOND_0230 = datetime.datetime(2026, 10, 25, 1, 30, tzinfo=datetime.UTC)


@pytest.fixture
def members(organisation, coordinator):
    return platform_with_members(organisation, coordinator)


def _data(**fields):
    return {"date": "2026-10-25", "time": "02:30", "place": "KC Předlice", "chair": "Karel Svoboda", **fields}


def _create(login, coordinator, members, **fields):
    return login(coordinator).post(reverse("platforms:meeting_create", args=[members.platform.pk]), _data(**fields))


def test_meeting_at_0230_on_the_october_night_asks_which(members, coordinator, login):
    response = _create(login, coordinator, members)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"time": [AMBIGUOUS_0230]}
    assert form["time_fold"].field.widget.input_type == "radio"
    body = response.content.decode()
    assert "02:30 letního času (SELČ, první)" in body
    assert "02:30 zimního času (SEČ, o hodinu později)" in body
    assert not Meeting.objects.exists()


def test_the_answer_saves_the_chosen_instant(members, coordinator, login):
    response = _create(login, coordinator, members, time_fold=str(clock.SECOND))

    assert response.status_code == 302
    assert Meeting.objects.get().starts_at == SECOND_0230


def test_meeting_in_the_march_gap_is_an_error_at_the_time(members, coordinator, login):
    response = _create(login, coordinator, members, date="2026-03-29")

    assert response.context["form"].errors == {"time": [NONEXISTENT_0230]}
    assert not Meeting.objects.exists()


def test_editing_a_meeting_at_the_second_0230_unchanged_keeps_it(members, coordinator, login):
    meeting = services.meeting_create(
        platform=members.platform, starts_at=SECOND_0230, place="KC Předlice", chair="Karel Svoboda", agenda=[]
    )
    client = login(coordinator)
    form = client.get(url("meeting_edit", meeting)).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}

    response = client.post(url("meeting_edit", meeting), data)

    assert form.initial["time_fold"] == clock.SECOND
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == SECOND_0230


def test_meeting_at_the_second_0230_says_so_on_its_pages_and_in_the_minutes(members, coordinator, login):
    meeting = services.meeting_create(
        platform=members.platform, starts_at=SECOND_0230, place="KC Předlice", chair="Karel Svoboda", agenda=[]
    )
    client = login(coordinator)

    detail = client.get(url("meeting_detail", meeting)).content.decode()
    listing = client.get(reverse("platforms:meeting_list")).content.decode()
    minutes = flat(pdf_text(client.get(url("minutes_pdf", meeting)).content))

    assert "neděle 25. 10. 2026 02:30 SEČ" in detail
    assert "25. 10. 2026 02:30 SEČ" in listing
    assert "Jednání 25. 10. 2026 02:30 SEČ" in minutes
