"""The report period: the from–to form with its Czech errors, and the shortcuts offered above every report."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.dates import Period
from reports.forms import SituationReportForm
from tests.assistants.factories import ProjectFactory
from tests.reports.helpers import parse_page


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


# --- the shortcuts on the page (the shortcuts themselves: tests/core/test_dates.py) ---------------------


def test_page_links_the_shortcuts_of_today_keeping_the_filters(coordinator, login, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: d("2026-01-15"))

    body = login(coordinator).get(reverse("reports:situation"), {"region": "CZ042"}).content.decode()

    assert 'href="?region=CZ042&amp;od=2025-10-01&amp;do=2025-12-31">minulé čtvrtletí</a>' in body
    assert 'href="?region=CZ042&amp;od=2025-01-01&amp;do=2025-12-31">minulý rok</a>' in body


def test_page_without_a_period_shows_this_month(coordinator, login, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: d("2024-02-10"))

    response = login(coordinator).get(reverse("reports:situation"))

    assert response.status_code == 200
    assert response.context["report"].period == Period(d("2024-02-01"), d("2024-02-29"))


def test_first_visit_prefills_this_month_and_the_shortcuts_carry_the_first_project(
    organisation, mentor, coordinator, login, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: d("2026-05-20"))
    project = ProjectFactory(organisation=organisation, name="APK Předlice", mentors=[mentor])

    response = login(coordinator).get(reverse("reports:apk"))

    body = response.content.decode()
    assert "report" not in response.context  # nothing computed before the user asks
    assert 'name="od" value="2026-05-01"' in body and 'name="do" value="2026-05-31"' in body
    assert f'href="?project={project.pk}&amp;od=2026-01-01&amp;do=2026-12-31">tento rok</a>' in body


def test_both_dates_cleared_mean_this_month(organisation, mentor, coordinator, login, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: d("2026-05-20"))
    project = ProjectFactory(organisation=organisation, mentors=[mentor])

    response = login(coordinator).get(reverse("reports:apk"), {"project": project.pk, "od": "", "do": ""})

    assert response.context["report"].period == Period(d("2026-05-01"), d("2026-05-31"))


# --- the form --------------------------------------------------------------------------------------------


def _form(start, end):
    return SituationReportForm({"od": start, "do": end})


def test_end_before_start_is_a_czech_error_at_the_end_field():
    form = _form("2026-03-01", "2026-02-28")

    assert not form.is_valid()
    assert form.errors == {"do": ["Konec období nemůže být před jeho začátkem."]}


def test_one_day_period_is_valid():
    form = _form("2026-03-01", "2026-03-01")

    assert form.is_valid()
    assert form.period == Period(d("2026-03-01"), d("2026-03-01"))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-01-01", "2026-12-31"),
        ("2024-02-29", "2027-02-28"),
        ("2025-03-01", "2028-02-29"),
    ],
)
def test_three_years_are_valid(start, end):
    assert _form(start, end).is_valid()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-01-01", "2027-01-01"),  # three years and a day
        ("2024-02-29", "2027-03-01"),
        ("2022-01-01", "2026-12-31"),
    ],
)
def test_more_than_three_years_is_an_error(start, end):
    form = _form(start, end)

    assert not form.is_valid()
    assert form.errors == {"do": ["Období může být nejvýše tři roky."]}


def test_invalid_period_re_renders_the_page_with_the_error_and_no_report(coordinator, login):
    response = login(coordinator).get(reverse("reports:situation"), {"od": "2026-03-01", "do": "2026-02-01"})

    assert response.status_code == 200
    assert "report" not in response.context
    page = parse_page(response)
    assert page.errors == ["Konec období nemůže být před jeho začátkem."]
    assert page.facts == []


def test_unreadable_date_is_an_error(coordinator, login):
    response = login(coordinator).get(reverse("reports:situation"), {"od": "31. 2. 2026", "do": "2026-03-31"})

    assert parse_page(response).errors == ["Zadejte platné datum."]


def test_unknown_region_is_an_error(coordinator, login):
    response = login(coordinator).get(
        reverse("reports:situation"), {"region": "CZ999", "od": "2026-01-01", "do": "2026-01-31"}
    )

    assert "report" not in response.context
    assert len(parse_page(response).errors) == 1
