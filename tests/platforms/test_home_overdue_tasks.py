"""The coordinator's home page lists the overdue platform tasks with links; other roles do not get the block."""

import datetime

import pytest
from django.urls import reverse

from tests.platforms.factories import PlatformFactory
from tests.platforms.platform_helpers import TODAY, frozen, institution, meeting, task

URL = reverse("home")


@pytest.fixture
def platform(organisation, coordinator):
    return PlatformFactory(organisation=organisation, coordinator=coordinator, name="Předlice")


def test_coordinator_sees_overdue_tasks_with_links(platform, coordinator, other_organisation, login):
    police = institution(platform, "Policie ČR")
    october = meeting(platform, datetime.date(2026, 10, 5))
    late = task(october, police, "Zmapovat osvětlení", datetime.date(2026, 11, 15))
    task(october, police, "Dnešní termín", TODAY)
    task(october, police, "Splněno", datetime.date(2026, 10, 10), status="done")
    foreign = PlatformFactory(organisation=other_organisation)
    task(meeting(foreign, datetime.date(2026, 10, 5)), institution(foreign, "Cizí"), "Cizí úkol", TODAY.replace(day=1))

    with frozen():
        response = login(coordinator).get(URL)

    assert response.status_code == 200
    assert response.context["overdue_tasks"] == [late]
    body = response.content.decode()
    assert "Úkoly platforem po termínu" in body
    assert f'<a href="{reverse("platforms:task_detail", args=[late.pk])}">Zmapovat osvětlení</a>' in body
    assert f'<a href="{reverse("platforms:task_list")}?overdue=on">Všechny úkoly po termínu</a>' in body
    assert "Dnešní termín" not in body
    assert "Cizí úkol" not in body


def test_coordinator_without_overdue_tasks_is_told_so(platform, coordinator, login):
    with frozen():
        response = login(coordinator).get(URL)

    assert "Žádné úkoly platforem nejsou po termínu." in response.content.decode()


@pytest.mark.parametrize("role", ["mentor", "org_admin", "service_lead"])
def test_other_roles_do_not_get_the_block(request, role, platform, login):
    police = institution(platform, "Policie ČR")
    task(meeting(platform, datetime.date(2026, 10, 5)), police, "Zmapovat osvětlení", datetime.date(2026, 11, 1))

    with frozen():
        response = login(request.getfixturevalue(role)).get(URL)

    assert "overdue_tasks" not in response.context
    assert "Úkoly platforem po termínu" not in response.content.decode()


def test_query_count_does_not_grow_with_overdue_tasks(platform, coordinator, login, django_assert_max_num_queries):
    police = institution(platform, "Policie ČR")
    october = meeting(platform, datetime.date(2026, 10, 5))
    for number in range(15):
        task(october, police, f"Úkol {number}", datetime.date(2026, 11, 1))
    client = login(coordinator)

    # session, user, OTP device, savepoint and release, the overdue tasks with their platform and institution, and the
    # dashboard's five aggregate queries (tests/reports/test_dashboard.py)
    # +1 since row-level security: the request's set_config (core/rls.py)
    with frozen(), django_assert_max_num_queries(12):
        response = client.get(URL)

    assert len(response.context["overdue_tasks"]) == 10
