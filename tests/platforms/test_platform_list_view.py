"""The organisation's platforms with their meeting and open task counts."""

import datetime

from django.urls import reverse

from tests.platforms.factories import PlatformFactory
from tests.platforms.platform_helpers import institution, meeting, task

URL = reverse("platforms:list")


def _row(platform):
    return (platform.name, platform.meeting_count, platform.open_tasks)


def test_list_shows_platforms_with_meeting_and_open_task_counts(coordinator, organisation, login):
    predlice = PlatformFactory(organisation=organisation, coordinator=coordinator, name="Předlice")
    police = institution(predlice, "Policie ČR")
    october = meeting(predlice, datetime.date(2026, 10, 5))
    meeting(predlice, datetime.date(2026, 11, 2))
    task(october, police, "Hlídky", datetime.date(2026, 10, 31))
    task(october, police, "Osvětlení", datetime.date(2026, 11, 30))
    task(october, police, "Hotovo", datetime.date(2026, 10, 10), status="done")
    PlatformFactory(organisation=organisation, coordinator=coordinator, name="Zrušená skupina", is_active=False)
    PlatformFactory(organisation=organisation, coordinator=coordinator, name="Krásné Březno", themes=["extremism"])

    response = login(coordinator).get(URL)

    assert response.status_code == 200
    assert [_row(row["platform"]) for row in response.context["rows"]] == [
        ("Krásné Březno", 0, 0),
        ("Předlice", 2, 2),
        ("Zrušená skupina", 0, 0),
    ]
    assert response.context["rows"][0]["themes"] == ["extremismus"]
    body = response.content.decode()
    assert f'<a href="{reverse("platforms:detail", args=[predlice.pk])}">Předlice</a>' in body
    assert '<span class="badge text-bg-secondary">neaktivní</span>' in body
    assert "Nová platforma" in body


def test_readers_see_no_create_button(mentor, organisation, login):
    PlatformFactory(organisation=organisation, name="Předlice")

    response = login(mentor).get(URL)

    assert response.status_code == 200
    assert "Nová platforma" not in response.content.decode()


def test_empty_list_says_so(coordinator, login):
    response = login(coordinator).get(URL)

    assert "Organizace zatím nemá žádnou koordinační platformu." in response.content.decode()


def test_other_organisations_platforms_are_not_listed(coordinator, other_organisation, login):
    PlatformFactory(organisation=other_organisation, name="Cizí platforma")

    response = login(coordinator).get(URL)

    assert response.context["rows"] == []
    assert "Cizí platforma" not in response.content.decode()


def test_query_count_does_not_grow_with_platforms(coordinator, organisation, login, django_assert_max_num_queries):
    for number in range(10):
        platform = PlatformFactory(organisation=organisation, name=f"Platforma {number}")
        member = institution(platform, f"Instituce {number}")
        past = meeting(platform, datetime.date(2026, 10, 5))
        task(past, member, "Úkol", datetime.date(2026, 10, 31))
    client = login(coordinator)

    # session, user, OTP device, savepoint and release, platforms with counts
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(7):
        response = client.get(URL)

    assert len(response.context["rows"]) == 10
