"""Planning a meeting: date and time, a place or a locality, the chair and the agenda."""

import pytest
from django.urls import reverse

from platforms.models import Meeting
from tests.locations.factories import LocalityFactory
from tests.platforms.factories import at
from tests.platforms.meeting_helpers import OCT, messages_of, platform_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(organisation, coordinator):
    return platform_with_members(organisation, coordinator)


@pytest.fixture
def create_url(members):
    return reverse("platforms:meeting_create", args=[members.platform.pk])


def _data(**fields):
    return {
        "date": "2026-10-05",
        "time": "14:30",
        "place": "zasedací místnost MMÚ",
        "locality": "",
        "chair": "Karel Svoboda",
        "agenda": "Úvod\nBezpečnostní situace v Předlicích\n\nRůzné",
        **fields,
    }


def test_new_meeting_is_saved_with_agenda_and_every_representative_on_the_list(members, create_url, coordinator, login):
    response = login(coordinator).post(create_url, _data(), follow=True)

    meeting = Meeting.objects.get()
    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == ["Jednání bylo naplánováno."]
    assert (meeting.platform, meeting.starts_at, meeting.place, meeting.chair) == (
        members.platform,
        at(OCT, "14:30"),
        "zasedací místnost MMÚ",
        "Karel Svoboda",
    )
    assert list(meeting.agenda_items.values_list("position", "title")) == [
        (1, "Úvod"),
        (2, "Bezpečnostní situace v Předlicích"),
        (3, "Různé"),
    ]
    assert sorted(meeting.attendance.values_list("representative__name", "status")) == [
        ("Bc. Petr Říha", "absent"),
        ("Jiří Šťastný", "absent"),
        ("Mgr. Eva Veselá", "absent"),
        ("npor. Jan Malý", "absent"),
    ]


def test_a_locality_alone_is_a_place(members, create_url, organisation, coordinator, login):
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    login(coordinator).post(create_url, _data(place="", locality=str(locality.pk)))
    assert Meeting.objects.get().locality == locality


def test_meeting_without_place_or_locality_is_refused_at_the_place(create_url, coordinator, login):
    response = login(coordinator).post(create_url, _data(place=""))
    assert response.status_code == 200
    assert response.context["form"].errors == {"place": ["Uveďte místo jednání, nebo vyberte lokalitu."]}
    assert response.context["form"]["agenda"].value() == "Úvod\nBezpečnostní situace v Předlicích\n\nRůzné"
    assert not Meeting.objects.exists()


def test_missing_date_and_time_are_refused_at_their_fields(create_url, coordinator, login):
    response = login(coordinator).post(create_url, _data(date="", time=""))
    assert response.context["form"].errors == {"date": ["Zadejte datum jednání."], "time": ["Zadejte čas začátku."]}
    assert "Zadejte datum jednání." in response.content.decode()
    assert not Meeting.objects.exists()


def test_only_active_localities_of_the_organisation_are_offered(
    create_url, organisation, other_organisation, coordinator, login
):
    active = LocalityFactory(organisation=organisation, name="Předlice")
    LocalityFactory(organisation=organisation, name="Krásné Březno", is_active=False)
    foreign = LocalityFactory(organisation=other_organisation, name="Cizí lokalita")
    client = login(coordinator)

    form = client.get(create_url).context["form"]
    assert list(form.fields["locality"].queryset) == [active]

    response = client.post(create_url, _data(place="", locality=str(foreign.pk)))
    assert response.context["form"].errors == {"locality": ["Vyberte lokalitu této organizace."]}
    assert not Meeting.objects.exists()


def test_form_starts_with_the_coordinator_as_chair(members, create_url, coordinator, login):
    coordinator.first_name, coordinator.last_name = "Alena", "Nová"
    coordinator.save()
    form = login(coordinator).get(create_url).context["form"]
    assert form["chair"].value() == "Alena Nová"
    assert form.helper.attrs == {"novalidate": "", "data-submit-once": ""}
