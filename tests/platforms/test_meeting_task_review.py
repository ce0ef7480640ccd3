"""Open tasks come back in "Kontrola úkolů" of every next meeting until marked done or cancelled."""

import pytest
from django.urls import reverse

from platforms import services
from platforms.models import TaskReview
from tests.platforms.meeting_helpers import (
    DEC,
    FINAL,
    NOV,
    OCT,
    STALE,
    hold_meeting,
    messages_of,
    platform_with_members,
    url,
    version_of,
)

pytestmark = pytest.mark.django_db
PATROLS = "Posílit hlídky u ZŠ Předlice"
SURVEY = "Připravit dotazník pocitu bezpečí"


@pytest.fixture
def members(organisation, coordinator):
    return platform_with_members(organisation, coordinator)


def _create_task(client, meeting, institution, title, due_on):
    data = {"version": version_of(meeting), "title": title, "responsible_institution": institution.pk, "due_on": due_on}
    # Followed, so that its success message is shown (and gone) before the step under test.
    response = client.post(url("task_create", meeting), data, follow=True)
    assert messages_of(response) == ["Úkol byl zadán."]


def _review(client, meeting, task, outcome, note="", **kwargs):
    data = {"version": version_of(meeting), "outcome": outcome, "note": note}
    return client.post(reverse("platforms:task_review", args=[meeting.pk, task.pk]), data, **kwargs)


def _to_review(client, meeting) -> list[str]:
    response = client.get(url("meeting_detail", meeting))
    return [row.task.title for row in response.context["review_rows"]]


def test_tasks_carry_over_until_done_and_stay_while_carried_on(members, coordinator, login):
    client = login(coordinator)
    october = hold_meeting(members.platform, OCT)
    _create_task(client, october, members.police, PATROLS, "2026-10-31")
    _create_task(client, october, members.city, SURVEY, "2026-11-30")
    patrols, survey = october.new_tasks.order_by("due_on")

    november = hold_meeting(members.platform, NOV)
    assert _to_review(client, november) == [PATROLS, SURVEY]
    assert _to_review(client, october) == []

    response = _review(client, november, patrols, "done", follow=True)
    assert response.redirect_chain == [(november.get_absolute_url() + "#kontrola-ukolu", 302)]
    assert messages_of(response) == [f"Kontrola úkolu „{PATROLS}“ byla uložena."]
    _review(client, november, survey, "carried_on", "Dotazník je hotový z poloviny.")

    december = hold_meeting(members.platform, DEC)
    assert _to_review(client, december) == [SURVEY]
    # November still shows both, with what was decided there.
    rows = client.get(url("meeting_detail", november)).context["review_rows"]
    assert [(row.task.title, row.review.outcome, row.review.note) for row in rows] == [
        (PATROLS, "done", ""),
        (SURVEY, "carried_on", "Dotazník je hotový z poloviny."),
    ]
    december_page = client.get(url("meeting_detail", december)).content.decode()
    assert "Dotazník je hotový z poloviny." in december_page
    assert f'href="/platforms/tasks/{survey.pk}/"' in december_page
    patrols.refresh_from_db()
    assert (patrols.status, patrols.closed_at_meeting) == ("done", november)


def test_carried_on_task_needs_a_note(members, coordinator, login):
    client = login(coordinator)
    october = hold_meeting(members.platform, OCT)
    _create_task(client, october, members.police, PATROLS, "2026-10-31")
    task = october.new_tasks.get()
    november = hold_meeting(members.platform, NOV)

    response = _review(client, november, task, "carried_on", "  ")

    assert response.status_code == 200
    row = response.context["review_rows"][0]
    assert row.form.errors == {"note": ["U pokračujícího úkolu uveďte, jak pokročil."]}
    assert row.form["outcome"].value() == "carried_on"
    assert "U pokračujícího úkolu uveďte, jak pokročil." in response.content.decode()
    assert not TaskReview.objects.exists()


def test_missing_outcome_is_refused_at_the_field(members, coordinator, login):
    client = login(coordinator)
    october = hold_meeting(members.platform, OCT)
    _create_task(client, october, members.police, PATROLS, "2026-10-31")
    november = hold_meeting(members.platform, NOV)

    response = _review(client, november, october.new_tasks.get(), "", "Poznámka.")

    assert response.context["review_rows"][0].form.errors == {"outcome": ["Vyberte výsledek kontroly."]}
    assert not TaskReview.objects.exists()


def test_task_cannot_be_reviewed_at_its_own_meeting(members, coordinator, login):
    client = login(coordinator)
    october = hold_meeting(members.platform, OCT)
    _create_task(client, october, members.police, PATROLS, "2026-10-31")

    response = _review(client, october, october.new_tasks.get(), "done")

    assert response.status_code == 200
    assert messages_of(response) == ["Tento úkol na tomto jednání nelze kontrolovat."]
    assert not TaskReview.objects.exists()


def test_stale_review_is_refused_and_the_choice_kept(members, coordinator, login):
    client = login(coordinator)
    october = hold_meeting(members.platform, OCT)
    _create_task(client, october, members.police, PATROLS, "2026-10-31")
    november = hold_meeting(members.platform, NOV)
    seen = november.version
    services.agenda_save(meeting=november, version=seen, items=[{"title": "Úvod"}])

    data = {"version": seen, "outcome": "cancelled", "note": "Už není potřeba."}
    response = client.post(reverse("platforms:task_review", args=[november.pk, october.new_tasks.get().pk]), data)

    form = response.context["review_rows"][0].form
    assert form.non_field_errors() == [STALE]
    assert (form["outcome"].value(), form["note"].value()) == ("cancelled", "Už není potřeba.")
    assert not TaskReview.objects.exists()


def test_final_meeting_takes_no_review(members, coordinator, login):
    client = login(coordinator)
    october = hold_meeting(members.platform, OCT)
    _create_task(client, october, members.police, PATROLS, "2026-10-31")
    november = hold_meeting(members.platform, NOV)
    services.meeting_finalise(meeting=november, version=november.version, by=coordinator)

    response = _review(client, november, october.new_tasks.get(), "done", follow=True)

    assert messages_of(response) == [FINAL]
    assert not TaskReview.objects.exists()
    assert response.context["review_rows"][0].form is None
