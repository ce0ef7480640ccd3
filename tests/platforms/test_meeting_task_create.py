"""Tasks agreed at a meeting: what, which member institution (and person) is responsible, by when."""

import datetime

import pytest

from platforms import services
from platforms.models import Task
from tests.platforms.meeting_helpers import (
    FINAL,
    OCT,
    STALE,
    hold_meeting,
    messages_of,
    platform_with_members,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(organisation, coordinator):
    return platform_with_members(organisation, coordinator)


@pytest.fixture
def meeting(members):
    return hold_meeting(members.platform, OCT)


def _data(meeting, institution, **fields):
    return {
        "version": meeting.version,
        "title": "Posílit hlídky MP u ZŠ Předlice v době příchodu žáků",
        "responsible_institution": institution.pk,
        "responsible_person": "str. Novák",
        "due_on": "2026-10-31",
        **fields,
    }


def test_task_is_created_at_the_meeting(members, meeting, coordinator, login):
    response = login(coordinator).post(url("task_create", meeting), _data(meeting, members.police), follow=True)

    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == ["Úkol byl zadán."]
    task = Task.objects.get()
    assert (task.platform, task.meeting, task.responsible_institution, task.responsible_person, task.due_on) == (
        members.platform,
        meeting,
        members.police,
        "str. Novák",
        datetime.date(2026, 10, 31),
    )
    assert task.status == "open"
    page = response.content.decode()
    assert f'href="/platforms/tasks/{task.pk}/"' in page
    assert "Posílit hlídky MP u ZŠ Předlice v době příchodu žáků" in page


def test_only_active_institutions_of_this_platform_are_offered(members, meeting, organisation, coordinator, login):
    members.ngo.is_active = False
    members.ngo.save()
    form = login(coordinator).get(url("task_create", meeting)).context["form"]
    assert set(form.fields["responsible_institution"].queryset) == {members.city, members.police}


def test_institution_of_another_platform_is_refused(meeting, organisation, coordinator, login):
    other = platform_with_members(organisation, coordinator, name="Pracovní skupina Trmice")
    response = login(coordinator).post(url("task_create", meeting), _data(meeting, other.police))
    assert response.context["form"].errors == {"responsible_institution": ["Vyberte instituci této platformy."]}
    assert not Task.objects.exists()


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"title": ""}, {"title": ["Popište, co je úkolem."]}),
        ({"responsible_institution": ""}, {"responsible_institution": ["Vyberte odpovědnou instituci."]}),
        ({"due_on": ""}, {"due_on": ["Zadejte termín splnění."]}),
        ({"due_on": "2026-10-04"}, {"due_on": ["Termín nemůže být před datem jednání."]}),
    ],
)
def test_invalid_input_is_refused_at_the_field(members, meeting, coordinator, login, fields, errors):
    response = login(coordinator).post(url("task_create", meeting), _data(meeting, members.police, **fields))
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert not Task.objects.exists()


def test_stale_version_is_refused_and_the_input_kept(members, meeting, coordinator, login):
    data = _data(meeting, members.police)
    services.agenda_save(meeting=meeting, version=meeting.version, items=[{"title": "Úvod"}])
    response = login(coordinator).post(url("task_create", meeting), data)
    assert response.context["form"].non_field_errors() == [STALE]
    assert response.context["form"]["responsible_person"].value() == "str. Novák"
    assert not Task.objects.exists()


def test_final_meeting_takes_no_new_task(members, meeting, coordinator, login):
    services.meeting_finalise(meeting=meeting, version=meeting.version, by=coordinator)
    meeting.refresh_from_db()
    response = login(coordinator).post(url("task_create", meeting), _data(meeting, members.police), follow=True)
    assert messages_of(response) == [FINAL]
    assert not Task.objects.exists()
