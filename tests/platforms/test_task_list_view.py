"""Open tasks of the organisation's platforms: oldest due first, overdue marked, filter by platform."""

import datetime

import pytest
from django.urls import reverse

from tests.platforms.factories import PlatformFactory
from tests.platforms.platform_helpers import TODAY, frozen, institution, meeting, task

URL = reverse("platforms:task_list")


@pytest.fixture
def platforms(organisation, coordinator):
    predlice = PlatformFactory(organisation=organisation, coordinator=coordinator, name="Předlice")
    brezno = PlatformFactory(organisation=organisation, coordinator=coordinator, name="Krásné Březno")
    police = institution(predlice, "Policie ČR")
    school = institution(brezno, "ZŠ Rozcestí", "school")
    october = meeting(predlice, datetime.date(2026, 10, 5))
    september = meeting(brezno, datetime.date(2026, 9, 14))
    task(october, police, "Posílit hlídky u ZŠ", datetime.date(2026, 11, 30), responsible_person="npor. Malý")
    task(september, school, "Zmapovat záškoláctví", datetime.date(2026, 10, 15))
    task(october, police, "Dnes do termínu", TODAY)
    task(september, school, "Uzavřený úkol", datetime.date(2026, 9, 30), status="cancelled")
    return {"predlice": predlice, "brezno": brezno}


def _titles(response):
    return [(t.title, t.platform.name, t.is_overdue) for t in response.context["page"].object_list]


def test_open_tasks_are_listed_oldest_due_first_with_overdue_marked(platforms, coordinator, login):
    with frozen():
        response = login(coordinator).get(URL)

    assert response.status_code == 200
    assert _titles(response) == [
        ("Zmapovat záškoláctví", "Krásné Březno", True),
        ("Dnes do termínu", "Předlice", False),
        ("Posílit hlídky u ZŠ", "Předlice", False),
    ]
    body = response.content.decode()
    assert body.count('data-overdue="true"') == 1
    assert body.count('<span class="badge overdue-badge">po termínu</span>') == 1
    assert "npor. Malý" in body
    assert "Uzavřený úkol" not in body


def test_tasks_are_filtered_by_platform(platforms, coordinator, login):
    with frozen():
        response = login(coordinator).get(URL, {"platform": platforms["predlice"].pk})

    assert _titles(response) == [("Dnes do termínu", "Předlice", False), ("Posílit hlídky u ZŠ", "Předlice", False)]


def test_only_overdue_tasks_on_request(platforms, coordinator, login):
    with frozen():
        response = login(coordinator).get(URL, {"overdue": "on"})

    assert _titles(response) == [("Zmapovat záškoláctví", "Krásné Březno", True)]


def test_another_organisations_platform_is_not_a_filter_choice(platforms, coordinator, other_organisation, login):
    foreign = PlatformFactory(organisation=other_organisation, name="Cizí")

    with frozen():
        response = login(coordinator).get(URL, {"platform": foreign.pk})

    assert response.context["form"].errors == {"platform": ["Vyberte platnou možnost. Tato není k dispozici."]}
    assert len(_titles(response)) == 3
    assert "Cizí" not in response.content.decode()


def test_mentor_reads_the_task_list(platforms, mentor, login):
    with frozen():
        response = login(mentor).get(URL)

    assert response.status_code == 200
    assert len(_titles(response)) == 3


def test_query_count_does_not_grow_with_tasks(platforms, coordinator, login, django_assert_max_num_queries):
    client = login(coordinator)
    with frozen(), django_assert_max_num_queries(9) as few:
        client.get(URL)
    predlice = platforms["predlice"]
    for number in range(10):
        member = institution(predlice, f"Instituce {number}")
        task(meeting(predlice, datetime.date(2026, 8, 1 + number)), member, f"Úkol {number}", TODAY)

    # session, user, OTP device, savepoint and release, platforms for the filter, count, the page of tasks
    with frozen(), django_assert_max_num_queries(9) as many:
        response = client.get(URL)

    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(response.context["page"].object_list) == 13
