"""The yearly attendance overview on the platform page: meetings held, present, excused, attendance %."""

import datetime

import pytest
from django.urls import reverse

from platforms import selectors
from tests.platforms.factories import PlatformFactory
from tests.platforms.platform_helpers import NOW, attend, frozen, institution, meeting


@pytest.fixture
def platform(organisation, coordinator):
    return PlatformFactory(organisation=organisation, coordinator=coordinator, name="Platforma Předlice")


@pytest.fixture
def year_2026(platform):
    """Three meetings held in 2026: the police present at two and excused at one; the school at one only;
    the probation service never came. One meeting in 2025 and one planned after NOW do not count."""
    police = institution(platform, "Policie ČR", representatives=["npor. Malý", "pprap. Horák"])
    school = institution(platform, "ZŠ Rozcestí", "school", representatives=["Mgr. Veselá"])
    probation = institution(platform, "PMS", "pms", representatives=["Bc. Černá"])
    malý, horák = police.representatives.order_by("name")
    (veselá,) = school.representatives.all()
    (černá,) = probation.representatives.all()
    march, june, october = (meeting(platform, datetime.date(2026, month, 2)) for month in (3, 6, 10))
    # Both police officers present in March: one meeting, not two.
    attend(march, malý, "present")
    attend(march, horák, "present")
    attend(march, veselá, "present")
    attend(march, černá, "absent")
    # June: one officer excused, the other present: the police was present, not excused.
    attend(june, malý, "excused")
    attend(june, horák, "present")
    attend(june, veselá, "excused")
    attend(june, černá, "absent")
    # October: the police excused.
    attend(october, malý, "excused")
    attend(october, horák, "absent")
    attend(october, veselá, "absent")
    attend(october, černá, "absent")
    last_year = meeting(platform, datetime.date(2025, 12, 1))
    attend(last_year, veselá, "present")
    planned = meeting(platform, datetime.date(2026, 12, 7))
    attend(planned, malý, "absent")
    return {"police": police, "school": school, "probation": probation}


def _rows(response):
    return [
        (row["institution"].name, row["present"], row["excused"], row["percent"])
        for row in response.context["attendance"]
    ]


def test_overview_counts_meetings_held_present_and_excused_per_institution(platform, year_2026, coordinator, login):
    with frozen():
        response = login(coordinator).get(reverse("platforms:detail", args=[platform.pk]))

    assert response.context["year"] == 2026
    assert response.context["meeting_total"] == 3
    assert _rows(response) == [
        ("PMS", 0, 0, 0),
        ("Policie ČR", 2, 1, 67),
        ("ZŠ Rozcestí", 1, 1, 33),
    ]
    body = response.content.decode()
    assert "Docházka v roce 2026" in body
    assert "Proběhlá jednání v roce 2026: 3" in body
    assert '<td class="text-end text-nowrap">67 %</td>' in body


def test_another_year_is_chosen_with_the_query_string(platform, year_2026, coordinator, login):
    with frozen():
        response = login(coordinator).get(reverse("platforms:detail", args=[platform.pk]), {"year": "2025"})

    assert (response.context["year"], response.context["meeting_total"]) == (2025, 1)
    assert _rows(response) == [("PMS", 0, 0, 0), ("Policie ČR", 0, 0, 0), ("ZŠ Rozcestí", 1, 0, 100)]
    body = response.content.decode()
    assert 'href="?year=2024#attendance">Rok 2024</a>' in body
    assert 'href="?year=2026#attendance">Rok 2026</a>' in body


@pytest.mark.parametrize("year", ["dvacet", "1850", ""])
def test_invalid_year_falls_back_to_the_current_year(platform, year_2026, coordinator, login, year):
    with frozen():
        response = login(coordinator).get(reverse("platforms:detail", args=[platform.pk]), {"year": year})

    assert response.status_code == 200
    assert response.context["year"] == 2026


def test_year_without_meetings_shows_no_percentage(platform, year_2026, coordinator, login):
    with frozen():
        response = login(coordinator).get(reverse("platforms:detail", args=[platform.pk]), {"year": "2020"})

    assert response.context["meeting_total"] == 0
    assert _rows(response) == [("PMS", 0, 0, None), ("Policie ČR", 0, 0, None), ("ZŠ Rozcestí", 0, 0, None)]


def test_selector_without_a_cut_off_counts_every_meeting_of_the_year(platform, year_2026):
    total, rows = selectors.attendance_overview(platform, 2026)
    assert total == 4
    total, rows = selectors.attendance_overview(platform, 2026, held_before=NOW)
    assert total == 3
    assert [(row.name, row.present, row.excused) for row in rows] == [
        ("PMS", 0, 0),
        ("Policie ČR", 2, 1),
        ("ZŠ Rozcestí", 1, 1),
    ]
