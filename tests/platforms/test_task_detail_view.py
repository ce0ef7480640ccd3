"""A task's history across meetings: set at one, reviewed at the next ones, closed at one."""

import datetime

import pytest
from django.urls import reverse

from platforms import services
from tests.platforms.factories import PlatformFactory, at
from tests.platforms.platform_helpers import frozen, institution, meeting, task

OCT, NOV, DEC = datetime.date(2026, 10, 5), datetime.date(2026, 11, 2), datetime.date(2026, 12, 7)


@pytest.fixture
def platform(organisation, coordinator):
    return PlatformFactory(organisation=organisation, coordinator=coordinator, name="Platforma Předlice")


def _meeting(platform, day):
    return services.meeting_create(platform=platform, starts_at=at(day), place="KC Předlice")


def test_history_shows_creation_each_review_and_closing(platform, coordinator, login):
    police = institution(platform, "Policie ČR")
    october = _meeting(platform, OCT)
    survey = services.task_create(
        meeting=october,
        version=october.version,
        title="Připravit dotazník bezpečí",
        responsible_institution=police,
        responsible_person="npor. Malý",
        due_on=datetime.date(2026, 11, 30),
    )
    november = _meeting(platform, NOV)
    services.task_review(
        meeting=november, version=november.version, task=survey, outcome="carried_on", note="Návrh hotov z poloviny."
    )
    december = _meeting(platform, DEC)
    services.task_review(meeting=december, version=december.version, task=survey, outcome="done", note="Rozdáno.")

    response = login(coordinator).get(reverse("platforms:task_detail", args=[survey.pk]))

    assert response.status_code == 200
    assert [(r.meeting.starts_at.date(), r.get_outcome_display(), r.note) for r in response.context["reviews"]] == [
        (NOV, "trvá", "Návrh hotov z poloviny."),
        (DEC, "splněno", "Rozdáno."),
    ]
    assert response.context["is_overdue"] is False
    body = response.content.decode()
    assert f'<a href="{reverse("platforms:meeting_detail", args=[october.pk])}">5. 10. 2026</a>' in body
    assert f'<a href="{reverse("platforms:meeting_detail", args=[december.pk])}">7. 12. 2026</a>' in body
    assert '<dd class="col-sm-8 col-lg-9" data-testid="task-status">splněný</dd>' in body
    assert "Uzavřeno na jednání" in body
    assert "<strong>trvá</strong> – Návrh hotov z poloviny." in body
    assert "npor. Malý" in body


def test_open_task_past_its_due_date_is_marked_overdue(platform, coordinator, login):
    police = institution(platform, "Policie ČR")
    october = meeting(platform, OCT)
    late = task(october, police, "Zmapovat osvětlení", datetime.date(2026, 11, 15))

    with frozen():
        response = login(coordinator).get(reverse("platforms:task_detail", args=[late.pk]))

    assert response.context["is_overdue"] is True
    body = response.content.decode()
    assert '<span class="badge overdue-badge">po termínu</span>' in body
    assert "Úkol zatím nebyl na žádném dalším jednání kontrolován." in body
    assert "Uzavřeno na jednání" not in body


def test_closed_task_is_never_overdue(platform, coordinator, login):
    police = institution(platform, "Policie ČR")
    done = task(meeting(platform, OCT), police, "Hotovo", datetime.date(2026, 10, 10), status="done")

    with frozen():
        response = login(coordinator).get(reverse("platforms:task_detail", args=[done.pk]))

    assert response.context["is_overdue"] is False


def test_query_count_does_not_grow_with_reviews(platform, coordinator, login, django_assert_max_num_queries):
    police = institution(platform, "Policie ČR")
    october = _meeting(platform, OCT)
    long_task = services.task_create(
        meeting=october, version=october.version, title="Dlouhý úkol", responsible_institution=police, due_on=DEC
    )
    for month in range(1, 7):
        later = _meeting(platform, datetime.date(2026, 10, 5 + month))
        services.task_review(meeting=later, version=later.version, task=long_task, outcome="carried_on", note="Trvá.")
    client = login(coordinator)

    # session, user, OTP device, savepoint and release, the task with its meetings, the reviews with theirs
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("platforms:task_detail", args=[long_task.pk]))

    assert len(response.context["reviews"]) == 6
