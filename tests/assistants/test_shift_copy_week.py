"""Copying the mentor's plan of one week into the next; a shift that would clash is skipped with the reason."""

import datetime

import pytest
from django.urls import reverse

from accounts.choices import Role
from assistants.models import Shift
from tests.accounts.factories import UserFactory
from tests.assistants.factories import at
from tests.assistants.review_helpers import MONDAY, mentored_project, plan

URL = reverse("shifts:copy_week")
PREVIOUS_MONDAY = MONDAY - datetime.timedelta(days=7)


@pytest.fixture
def project(organisation, mentor, apk, colleague):
    return mentored_project(organisation, mentor, [apk, colleague])


@pytest.mark.django_db
def test_copies_last_weeks_plan_and_reports_the_skipped_clash(project, mentor, apk, colleague, login):
    plan(project, mentor, [apk], day=PREVIOUS_MONDAY)
    plan(project, mentor, [colleague], day=PREVIOUS_MONDAY + datetime.timedelta(days=2), start="22:00", end="06:00")
    plan(project, mentor, [colleague], day=MONDAY + datetime.timedelta(days=2), start="20:00", end="23:00")  # clash

    response = login(mentor).post(URL, {"source": PREVIOUS_MONDAY.isoformat()}, follow=True)

    assert response.redirect_chain == [(reverse("shifts:plan_week") + "?week=2026-11-16", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Zkopírováno směn: 1.",
        "Směna 11. 11. 2026 22:00–06:00 nebyla zkopírována: "
        f"{colleague} už má v této době jinou směnu: 18. 11. 2026 20:00–23:00 (pochůzka).",
    ]
    copy = Shift.objects.get(date=MONDAY)
    assert (copy.planned_start, copy.planned_end) == (at(MONDAY, "08:00"), at(MONDAY, "16:00"))
    assert list(copy.assistants.all()) == [apk]
    assert Shift.objects.filter(date__gte=MONDAY).count() == 2


@pytest.mark.django_db
def test_any_day_of_the_source_week_means_its_monday(project, mentor, apk, login):
    plan(project, mentor, [apk], day=PREVIOUS_MONDAY)
    response = login(mentor).post(URL, {"source": (PREVIOUS_MONDAY + datetime.timedelta(days=3)).isoformat()})
    assert response.url == reverse("shifts:plan_week") + "?week=2026-11-16"
    assert Shift.objects.filter(date=MONDAY).count() == 1


@pytest.mark.django_db
def test_an_empty_week_says_there_is_nothing_to_copy(project, mentor, login):
    response = login(mentor).post(URL, {"source": PREVIOUS_MONDAY.isoformat()}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["V předchozím týdnu nemáte žádné směny ke zkopírování."]


@pytest.mark.django_db
def test_only_the_mentors_own_shifts_are_copied(organisation, project, mentor, apk, login):
    co_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    project.mentors.add(co_mentor)
    plan(project, co_mentor, [apk], day=PREVIOUS_MONDAY)
    login(mentor).post(URL, {"source": PREVIOUS_MONDAY.isoformat()})
    assert not Shift.objects.filter(date=MONDAY).exists()


@pytest.mark.django_db
def test_missing_source_is_a_bad_request(mentor, login):
    assert login(mentor).post(URL, {}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["apk", "coordinator"])
def test_only_mentors_copy(role, request, login):
    user = request.getfixturevalue(role)
    assert login(user).post(URL, {"source": PREVIOUS_MONDAY.isoformat()}).status_code == 403


@pytest.mark.django_db
def test_copy_refuses_get(mentor, login):
    assert login(mentor).get(URL).status_code == 405
