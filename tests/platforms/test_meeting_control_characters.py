"""Meeting pages (plain forms and formset rows whose text reaches platforms.services) show a control character at
the field that holds it, and save nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from platforms import services
from platforms.models import AgendaItem, Guest, Meeting
from tests.platforms.meeting_helpers import (
    OCT,
    attendance_data,
    formset_data,
    hold_meeting,
    platform_with_members,
    url,
    version_of,
)

pytestmark = pytest.mark.django_db

MESSAGE = (
    "Text obsahuje neviditelný řídicí znak {code} ({position}. znak), nejspíš zkopírovaný z jiného programu; smažte ho."
)


@pytest.fixture
def members(organisation, coordinator):
    return platform_with_members(organisation, coordinator)


@pytest.fixture
def meeting(members):
    return hold_meeting(members.platform, OCT)


def test_new_meeting_with_a_control_character_in_its_place_is_refused_at_the_place(members, coordinator, login):
    data = {
        "date": "2026-10-05",
        "time": "14:30",
        "place": "zasedací\x07 místnost",
        "locality": "",
        "chair": "Karel Svoboda",
        "agenda": "Úvod\nRůzné",
    }

    response = login(coordinator).post(reverse("platforms:meeting_create", args=[members.platform.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"place": [MESSAGE.format(code="U+0007", position=9)]}
    assert not Meeting.objects.exists()


def test_new_meeting_with_a_control_character_in_an_agenda_line_is_refused_at_the_agenda(members, coordinator, login):
    data = {
        "date": "2026-10-05",
        "time": "14:30",
        "place": "KC Předlice",
        "locality": "",
        "chair": "Karel Svoboda",
        "agenda": "Úvod\nRůz\x07né",
    }

    response = login(coordinator).post(reverse("platforms:meeting_create", args=[members.platform.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"agenda": [MESSAGE.format(code="U+0007", position=9)]}
    assert not Meeting.objects.exists()
    assert not AgendaItem.objects.exists()


def test_guest_with_a_control_character_is_refused_at_the_guest_row(members, meeting, coordinator, login):
    guests = [
        {"name": "Ing. Hana Dvořáková", "affiliation": "Krajský úřad"},
        {"name": "Petr\x07 Novák", "affiliation": "Policie\x1b ČR"},
    ]
    statuses = {members.maly: "present", members.vesela: "present", members.riha: "excused", members.stastny: "absent"}

    response = login(coordinator).post(
        url("meeting_attendance", meeting), attendance_data(version_of(meeting), statuses, guests)
    )

    assert response.status_code == 200
    formset = response.context["formset"]
    assert [form.errors for form in formset.forms] == [
        {},
        {
            "name": [MESSAGE.format(code="U+0007", position=5)],
            "affiliation": [MESSAGE.format(code="U+001B", position=8)],
        },
    ]
    assert not Guest.objects.exists()
    assert not meeting.attendance.filter(status="present").exists()


def test_agenda_item_with_a_control_character_is_refused_at_its_row(meeting, coordinator, login):
    rows = [
        {"title": "Úvod", "minutes": "Zahájení.", "ORDER": "1"},
        {"title": "Růz\x07né", "minutes": "", "ORDER": "2"},
    ]
    data = {"version": str(version_of(meeting)), **formset_data("agenda", rows)}

    response = login(coordinator).post(url("meeting_agenda", meeting), data)

    assert response.status_code == 200
    assert [form.errors for form in response.context["formset"].forms] == [
        {},
        {"title": [MESSAGE.format(code="U+0007", position=4)]},
    ]
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Úvod"]


def test_the_attendance_service_refuses_a_guest_name_with_a_control_character(meeting):
    with pytest.raises(ValidationError) as raised:
        services.attendance_save(
            meeting=meeting, version=version_of(meeting), statuses={}, guests=[{"name": "Petr\x07", "affiliation": ""}]
        )

    assert raised.value.message_dict == {"name": [MESSAGE.format(code="U+0007", position=5)]}
    assert not Guest.objects.exists()
