"""The planning week view: the mentor's team by days, Monday-based weeks, and a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from accounts.choices import Role
from assistants.choices import ShiftStatus
from tests.accounts.factories import UserFactory
from tests.assistants.factories import ShiftFactory
from tests.assistants.review_helpers import MONDAY, mentored_project, plan, submit

URL = reverse("shifts:plan_week")


@pytest.fixture
def project(organisation, mentor, apk, colleague):
    return mentored_project(organisation, mentor, [apk, colleague])


def _cell(response, assistant, day):
    row = next(row for row in response.context["rows"] if row["assistant"] == assistant)
    return next(cell for cell in row["cells"] if cell["day"] == day)["shifts"]


@pytest.mark.django_db
def test_week_of_any_day_starts_on_monday(project, mentor, login):
    response = login(mentor).get(URL, {"week": "2026-11-19"})  # a Thursday
    assert response.status_code == 200
    assert response.context["days"] == [MONDAY + datetime.timedelta(days=n) for n in range(7)]
    assert (response.context["previous_week"], response.context["next_week"]) == (
        datetime.date(2026, 11, 9),
        datetime.date(2026, 11, 23),
    )
    content = response.content.decode()
    assert "Plán směn 16. 11. – 22. 11. 2026" in content
    assert '?week=2026-11-09">Předchozí týden' in content
    assert '?week=2026-11-23">Další týden' in content


@pytest.mark.django_db
def test_an_unreadable_week_shows_this_week(project, mentor, login):
    response = login(mentor).get(URL, {"week": "příští"})
    assert response.context["monday"] == response.context["this_week"]
    assert response.context["monday"].weekday() == 0


@pytest.mark.django_db
def test_rows_are_the_team_and_cells_hold_the_days_shifts(project, mentor, apk, colleague, login):
    shared = plan(project, mentor, [apk, colleague], day=MONDAY + datetime.timedelta(days=1))
    own = plan(project, mentor, [apk], day=MONDAY + datetime.timedelta(days=3), start="22:00", end="06:00")
    plan(project, mentor, [apk], day=MONDAY + datetime.timedelta(days=7))  # next week

    response = login(mentor).get(URL, {"week": MONDAY.isoformat()})

    assert [row["assistant"] for row in response.context["rows"]] == sorted(
        [apk, colleague], key=lambda u: (u.last_name, u.first_name)
    )
    assert _cell(response, apk, MONDAY + datetime.timedelta(days=1)) == [shared]
    assert _cell(response, colleague, MONDAY + datetime.timedelta(days=1)) == [shared]
    assert _cell(response, apk, MONDAY + datetime.timedelta(days=3)) == [own]
    assert _cell(response, colleague, MONDAY + datetime.timedelta(days=3)) == []
    content = response.content.decode()
    assert f'href="{shared.get_absolute_url()}"' in content
    assert "22:00–06:00" in content
    assert f"shifts/plan/new/?date=2026-11-19&amp;assistant={apk.pk}" in content


@pytest.mark.django_db
def test_the_cell_shows_time_kind_and_status(project, mentor, apk, login):
    submit(plan(project, mentor, [apk]))
    content = login(mentor).get(URL, {"week": MONDAY.isoformat()}).content.decode()
    assert "08:00–16:00" in content
    assert "pochůzka" in content
    assert '<span class="badge status-badge status-submitted">odevzdaná</span>' in content


@pytest.mark.django_db
def test_another_mentors_team_is_not_shown(organisation, project, mentor, login):
    other_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    stranger = UserFactory(organisation=organisation, roles=[Role.APK])
    other_project = mentored_project(organisation, other_mentor, [stranger])
    plan(other_project, other_mentor, [stranger])

    response = login(mentor).get(URL, {"week": MONDAY.isoformat()})

    assert stranger not in [row["assistant"] for row in response.context["rows"]]
    assert str(stranger) not in response.content.decode()


@pytest.mark.django_db
def test_a_shift_of_an_assistant_who_left_the_team_keeps_its_row(organisation, project, mentor, apk, login):
    former = UserFactory(organisation=organisation, roles=[Role.APK])
    shift = ShiftFactory(organisation=organisation, project=project, mentor=mentor, date=MONDAY, assistants=[former])
    response = login(mentor).get(URL, {"week": MONDAY.isoformat()})
    assert _cell(response, former, MONDAY) == [shift]


@pytest.mark.django_db
def test_coordinator_sees_every_apk_and_shift_of_the_organisation(organisation, project, coordinator, login):
    other_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    stranger = UserFactory(organisation=organisation, roles=[Role.APK])
    shift = plan(mentored_project(organisation, other_mentor, [stranger]), other_mentor, [stranger])

    response = login(coordinator).get(URL, {"week": MONDAY.isoformat()})

    assert _cell(response, stranger, MONDAY) == [shift]
    assert set(project.assistants.all()) <= {row["assistant"] for row in response.context["rows"]}
    assert response.context["copy_form"] is None  # copying works on a mentor's own shifts


@pytest.mark.django_db
def test_mentor_gets_the_copy_button_for_the_previous_week(project, mentor, login):
    response = login(mentor).get(URL, {"week": MONDAY.isoformat()})
    assert response.context["copy_form"].initial["source"] == datetime.date(2026, 11, 9)
    assert "Zkopírovat plán z předchozího týdne" in response.content.decode()


@pytest.mark.django_db
def test_query_count_does_not_grow_with_shifts(organisation, project, mentor, login, django_assert_max_num_queries):
    team = [UserFactory(organisation=organisation, roles=[Role.APK]) for _ in range(6)]
    project.assistants.add(*team)
    for index, assistant in enumerate(team):
        for day in range(5):
            plan(project, mentor, [assistant], day=MONDAY + datetime.timedelta(days=day), start=f"{8 + index}:00")
    client = login(mentor)
    # session, user, OTP device, savepoint + release, team, shifts, their assistants, their localities
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"week": MONDAY.isoformat()})
    assert sum(len(cell["shifts"]) for row in response.context["rows"] for cell in row["cells"]) == 30


@pytest.mark.django_db
def test_apk_may_not_plan(apk, login):
    assert login(apk).get(URL).status_code == 403


@pytest.mark.django_db
def test_login_required(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_wrong_method(mentor, login):
    assert login(mentor).post(URL).status_code == 405


@pytest.mark.django_db
def test_outsider_sees_none_of_the_organisations_shifts(project, mentor, apk, outsider, login):
    plan(project, mentor, [apk])
    response = login(outsider).get(URL, {"week": MONDAY.isoformat()})
    assert response.status_code == 200
    # The outsider holds every role in their own organisation, so they see only themself there.
    assert [row["assistant"] for row in response.context["rows"]] == [outsider]
    assert all(not cell["shifts"] for row in response.context["rows"] for cell in row["cells"])
    assert str(apk) not in response.content.decode()


def test_status_badges_exist_for_every_status():
    css = open("static/css/app.css", encoding="utf-8").read()
    for status in ShiftStatus.values:
        assert f".status-{status} " in css
