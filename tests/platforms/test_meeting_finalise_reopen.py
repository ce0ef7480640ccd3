"""Final minutes make the meeting read-only; a coordinator reopens it with a reason kept in the history."""

import pytest
from django.urls import reverse

from platforms import services
from platforms.models import CaseDiscussion, Meeting, MeetingStatusChange, Task
from tests.platforms.meeting_helpers import (
    FINAL,
    NOV,
    OCT,
    STALE,
    add_task,
    hold_meeting,
    messages_of,
    platform_with_members,
    url,
)

pytestmark = pytest.mark.django_db
EDIT_PAGES = ("meeting_edit", "meeting_agenda", "meeting_attendance", "case_discussion_create", "task_create")


@pytest.fixture
def members(organisation, coordinator):
    return platform_with_members(organisation, coordinator)


@pytest.fixture
def meeting(members):
    return hold_meeting(members.platform, NOV)


def _finalise(client, meeting):
    """Finalise through the view; followed, so that its message is shown (and gone) before the next step."""
    meeting.refresh_from_db()
    return client.post(url("meeting_finalise", meeting), {"version": meeting.version}, follow=True)


def test_finalised_meeting_is_read_only(meeting, coordinator, login):
    client = login(coordinator)
    before = client.get(url("meeting_detail", meeting)).content.decode()
    for name in EDIT_PAGES:
        assert url(name, meeting) in before

    response = _finalise(client, meeting)

    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == ["Zápis byl uzavřen; jednání už nelze měnit."]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.finalised_by) == ("final", coordinator)
    page = response.content.decode()
    for name in (*EDIT_PAGES, "meeting_finalise"):
        assert url(name, meeting) not in page
    assert url("meeting_reopen", meeting) in page
    assert url("minutes_pdf", meeting) in page
    assert "Zápis je uzavřený a jednání je jen pro čtení." in page
    assert [change.to_status for change in response.context["status_changes"]] == ["final"]


@pytest.mark.parametrize("name", EDIT_PAGES)
def test_every_change_of_final_minutes_is_refused(name, members, meeting, coordinator, login):
    client = login(coordinator)
    _finalise(client, meeting)
    meeting.refresh_from_db()
    data = {"version": meeting.version, "title": "Úkol", "description": "Popis", "place": "Jinde", "date": "2026-11-02"}

    response = client.post(url(name, meeting), data, follow=True)

    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == [FINAL]
    refreshed = Meeting.objects.get(pk=meeting.pk)
    assert (refreshed.version, refreshed.place) == (meeting.version, "KC Předlice")
    assert not Task.objects.exists()
    assert not CaseDiscussion.objects.exists()


def test_review_and_finalise_again_are_refused_on_final_minutes(members, meeting, coordinator, login):
    october = hold_meeting(members.platform, OCT)
    task = add_task(october, members.police)
    client = login(coordinator)
    _finalise(client, meeting)

    review_url = reverse("platforms:task_review", args=[meeting.pk, task.pk])
    response = client.post(review_url, {"version": meeting.version, "outcome": "done"}, follow=True)
    assert messages_of(response) == [FINAL]
    assert messages_of(_finalise(client, meeting)) == [FINAL]
    task.refresh_from_db()
    assert task.status == "open"
    assert MeetingStatusChange.objects.count() == 1


def test_stale_finalise_is_refused(meeting, coordinator, login):
    seen = meeting.version
    services.agenda_save(meeting=meeting, version=seen, items=[{"title": "Úvod"}])
    response = login(coordinator).post(url("meeting_finalise", meeting), {"version": seen}, follow=True)
    assert messages_of(response) == [STALE]
    meeting.refresh_from_db()
    assert meeting.status == "draft"


def test_reopen_requires_a_reason(meeting, coordinator, login):
    client = login(coordinator)
    _finalise(client, meeting)
    meeting.refresh_from_db()

    response = client.post(url("meeting_reopen", meeting), {"version": meeting.version, "reason": "   "})

    assert response.status_code == 200
    assert response.context["reopen_form"].errors == {"reason": ["Uveďte důvod znovuotevření zápisu."]}
    assert "Uveďte důvod znovuotevření zápisu." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "final"


def test_reopen_is_recorded_in_the_history_and_makes_the_meeting_editable(meeting, coordinator, login):
    client = login(coordinator)
    _finalise(client, meeting)
    meeting.refresh_from_db()

    response = client.post(
        url("meeting_reopen", meeting),
        {"version": meeting.version, "reason": "Chybí usnesení k bodu Záškoláctví."},
        follow=True,
    )

    assert messages_of(response) == ["Zápis byl znovu otevřen."]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.finalised_at, meeting.finalised_by) == ("draft", None, None)
    assert list(meeting.status_changes.values_list("to_status", "changed_by", "reason")) == [
        ("final", coordinator.pk, ""),
        ("draft", coordinator.pk, "Chybí usnesení k bodu Záškoláctví."),
    ]
    page = response.content.decode()
    assert "Chybí usnesení k bodu Záškoláctví." in page
    assert "zápis znovu otevřen" in page
    for name in EDIT_PAGES:
        assert url(name, meeting) in page


def test_stale_reopen_is_refused(meeting, coordinator, login):
    client = login(coordinator)
    _finalise(client, meeting)
    response = client.post(url("meeting_reopen", meeting), {"version": 1, "reason": "Oprava."}, follow=True)
    assert messages_of(response) == [STALE]
    meeting.refresh_from_db()
    assert meeting.status == "final"


def test_draft_cannot_be_reopened(meeting, coordinator, login):
    response = login(coordinator).post(
        url("meeting_reopen", meeting), {"version": meeting.version, "reason": "Oprava."}, follow=True
    )
    assert messages_of(response) == ["Zápis není uzavřený."]
    assert not MeetingStatusChange.objects.exists()
