"""The platform page: members with representatives, next and past meetings, open tasks (overdue marked), outputs."""

import datetime

import pytest
from django.urls import reverse

from tests.platforms.factories import PlatformFactory
from tests.platforms.platform_helpers import TODAY, frozen, institution, meeting, output, task


@pytest.fixture
def platform(organisation, coordinator):
    return PlatformFactory(
        organisation=organisation,
        coordinator=coordinator,
        name="Platforma Předlice",
        themes=["truancy", "security"],
        description="Pravidelná setkání v KC.",
    )


def _url(platform, **query):
    url = reverse("platforms:detail", args=[platform.pk])
    return f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else url


def test_page_lists_members_with_their_representatives(platform, coordinator, login):
    institution(platform, "Policie ČR, OOP Předlice", "pcr", representatives=["npor. Jan Malý"])
    institution(platform, "ZŠ Rozcestí", "school", representatives=["Mgr. Eva Veselá", "Bc. Petr Dvořák"])

    response = login(coordinator).get(_url(platform))

    assert response.status_code == 200
    members = [
        (i.name, i.get_kind_display(), [r.name for r in i.representatives.all()])
        for i in response.context["institutions"]
    ]
    assert members == [
        ("Policie ČR, OOP Předlice", "Policie ČR", ["npor. Jan Malý (Policie ČR, OOP Předlice)"]),
        ("ZŠ Rozcestí", "škola", ["Bc. Petr Dvořák (ZŠ Rozcestí)", "Mgr. Eva Veselá (ZŠ Rozcestí)"]),
    ]
    body = response.content.decode()
    assert "npor. Jan Malý (Policie ČR, OOP Předlice)" in body
    assert "bezpečnost, záškoláctví" in body
    assert response.context["themes"] == ["bezpečnost", "záškoláctví"]


def test_meetings_are_split_into_next_and_past_with_links(platform, coordinator, login):
    october = meeting(platform, datetime.date(2026, 10, 5))
    november = meeting(platform, datetime.date(2026, 11, 2))
    december = meeting(platform, datetime.date(2026, 12, 7), place="KC Předlice")
    january = meeting(platform, datetime.date(2027, 1, 11))

    with frozen():
        response = login(coordinator).get(_url(platform))

    assert response.context["upcoming_meetings"] == [december, january]
    assert response.context["past_meetings"] == [november, october]
    body = response.content.decode()
    assert (
        f'href="{reverse("platforms:meeting_detail", args=[december.pk])}">7. 12. 2026 14:00 – KC Předlice</a>' in body
    )
    assert f'href="{reverse("platforms:meeting_create", args=[platform.pk])}">Nové jednání</a>' in body
    assert f'href="{reverse("platforms:meeting_list")}?platform={platform.pk}">Všechna jednání platformy</a>' in body


def test_open_tasks_are_listed_oldest_due_first_with_overdue_ones_marked(platform, coordinator, login):
    police = institution(platform, "Policie ČR")
    october = meeting(platform, datetime.date(2026, 10, 5))
    task(october, police, "Posílit hlídky u ZŠ", datetime.date(2026, 11, 30))
    task(october, police, "Zmapovat osvětlení", datetime.date(2026, 11, 15))
    task(october, police, "Dnešní termín", TODAY)
    task(october, police, "Splněný úkol", datetime.date(2026, 10, 1), status="done")

    with frozen():
        response = login(coordinator).get(_url(platform))

    tasks = [(t.title, t.is_overdue) for t in response.context["tasks"]]
    assert tasks == [("Zmapovat osvětlení", True), ("Dnešní termín", False), ("Posílit hlídky u ZŠ", False)]
    assert response.context["overdue_count"] == 1
    body = response.content.decode()
    assert body.count('data-overdue="true"') == 1
    assert '<span class="badge overdue-badge">po termínu</span>' in body
    assert "1 po termínu" in body
    assert "Splněný úkol" not in body


def test_outputs_are_listed_with_download_links(platform, coordinator, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    methodology = output(platform, "Metodika pochodů", name="Metodika – pochody.pdf")

    response = login(coordinator).get(_url(platform))

    assert response.context["outputs"] == [methodology]
    body = response.content.decode()
    download = reverse("platforms:output_download", args=[methodology.pk])
    assert f'<a href="{download}">Stáhnout<span class="visually-hidden"> Metodika pochodů</span></a>' in body
    assert "metodika postupu při mimořádné události" in body


def test_readers_see_no_change_buttons(platform, mentor, login):
    institution(platform, "Policie ČR")

    response = login(mentor).get(_url(platform))

    assert response.status_code == 200
    assert response.context["can_manage"] is False
    body = response.content.decode()
    assert "Nové jednání" not in body
    assert "Upravit platformu" not in body
    assert "Přidat instituci" not in body
    assert "Nový výstup" not in body


def test_empty_platform_says_so(platform, coordinator, login):
    response = login(coordinator).get(_url(platform))

    body = response.content.decode()
    assert "Platforma zatím nemá žádné členské instituce." in body
    assert "Žádné naplánované jednání." in body
    assert "Žádné otevřené úkoly." in body
    assert "Platforma zatím nemá žádné výstupy." in body


def _populate(platform, size: int):
    for number in range(size):
        member = institution(platform, f"Instituce {number}", representatives=["A", "B"])
        past = meeting(platform, datetime.date(2026, 10, 1 + number))
        meeting(platform, datetime.date(2026, 12, 1 + number))
        task(past, member, f"Úkol {number}", datetime.date(2026, 11, 1 + number))
        output(platform, f"Výstup {number}", meeting=past)


def test_query_count_does_not_grow_with_members_meetings_and_tasks(
    platform, coordinator, login, settings, tmp_path, django_assert_max_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    _populate(platform, 2)
    client = login(coordinator)
    # +1 since row-level security: the request's set_config (core/rls.py)
    with frozen(), django_assert_max_num_queries(15) as small:
        client.get(_url(platform))
    _populate(platform, 8)

    # session, user, OTP device, the row-level security scope (core/rls.py), savepoint and release, platform,
    # institutions, representatives, next and past meetings, open tasks, outputs, meetings of the year, attendance per
    # institution
    with frozen(), django_assert_max_num_queries(15) as large:
        response = client.get(_url(platform))

    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(response.context["institutions"]) == 10
    assert len(response.context["tasks"]) == 10
    assert len(response.context["outputs"]) == 10
