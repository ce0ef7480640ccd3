"""Period edges in local time: what happens at 00:30 on the first and at 23:30 on the last day of a month
(Europe/Prague) belongs to that month, although in UTC 00:30 on the 1st is still the previous day (23:30 or 22:30
UTC). One month in winter time (November, UTC+1) and one in summer time (April, UTC+2), for field records, contacts
and meetings in the reports and on the dashboard.
"""

import datetime

import pytest

from assistants.choices import ShiftStatus
from assistants.reports import apk_report
from cases.reports import mpsv_report
from core.dates import Period, period_shortcut
from platforms.selectors import attendance_overview
from reports.dashboard import dashboard_for
from reports.situation import situation_report
from tests.assistants.factories import FieldRecordFactory, ProjectFactory, ShiftFactory, at
from tests.cases.factories import ClientFactory, ContactFactory, SocialServiceFactory
from tests.locations.factories import LocalityFactory
from tests.platforms.factories import MeetingFactory, PlatformFactory

# (month, the day before it, its first day, its last day, the day after it)
MONTHS = {
    "november (UTC+1)": (
        period_shortcut("month", 2026, 11),
        datetime.date(2026, 10, 31),
        datetime.date(2026, 11, 1),
        datetime.date(2026, 11, 30),
        datetime.date(2026, 12, 1),
    ),
    "april (UTC+2)": (
        period_shortcut("month", 2026, 4),
        datetime.date(2026, 3, 31),
        datetime.date(2026, 4, 1),
        datetime.date(2026, 4, 30),
        datetime.date(2026, 5, 1),
    ),
}


@pytest.fixture(params=MONTHS)
def month(request):
    return MONTHS[request.param]


def _edge_times(month):
    """The four moments around the month's two edges; the middle two belong to it."""
    _, before, first, last, after = month
    return [at(before, "23:30"), at(first, "00:30"), at(last, "23:30"), at(after, "00:30")]


def test_the_edge_moments_lie_on_the_other_utc_day(month):
    before_end, first_start, last_end, after_start = _edge_times(month)
    _, before, first, last, after = month

    assert first_start.astimezone(datetime.UTC).date() == before  # 00:30 on the 1st is the previous day in UTC
    assert after_start.astimezone(datetime.UTC).date() == last


@pytest.fixture
def records(organisation, apk, mentor, month):
    """An approved shift per edge moment with one record at that moment, all in one locality and project."""
    project = ProjectFactory(organisation=organisation, assistants=[apk], mentors=[mentor])
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    for moment in _edge_times(month):
        day = moment.date()
        shift = ShiftFactory(
            organisation=organisation,
            project=project,
            mentor=mentor,
            date=day,
            planned_start=at(day, "00:00"),
            planned_end=at(day, "23:59"),
            actual_start=at(day, "00:00"),
            actual_end=at(day, "23:59"),
            worked_minutes=1439,
            status=ShiftStatus.APPROVED,
            assistants=[apk],
        )
        FieldRecordFactory(shift=shift, recorded_at=moment, locality=locality)
    return project


def test_mv_report_counts_the_records_of_the_first_and_last_evening_of_the_month(records, month):
    report = apk_report(records, month[0])

    assert ("Záznamy z terénu", 2) in report.facts


def test_mv_report_puts_a_record_at_half_past_midnight_in_its_own_month(records, month):
    period, before, first, last, after = month
    two_months = Period(before.replace(day=1), last)

    months = apk_report(records, two_months).table("Podle měsíců").rows

    assert [(row[0], row[3]) for row in months] == [
        (f"{before.month}/{before.year}", 1),  # the record at 23:30 on the day before
        (f"{first.month}/{first.year}", 2),
    ]


def test_dashboard_counts_a_record_at_half_past_midnight_in_its_own_month(records, coordinator, month):
    period, before, first, last, after = month

    board = dashboard_for(coordinator, last)

    assert (board.this_month.field_records, board.last_month.field_records) == (2, 1)


def test_situation_report_counts_the_records_of_the_first_and_last_evening_of_the_month(records, organisation, month):
    report = situation_report(organisation, month[0])

    assert ("Záznamy z terénu v období", 2) in report.facts


def test_meetings_at_the_edges_count_in_their_own_month_and_year(organisation, month):
    period, before, first, last, after = month
    platform = PlatformFactory(organisation=organisation)
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    for moment in _edge_times(month):
        MeetingFactory(platform=platform, starts_at=moment, locality=locality)

    report = situation_report(organisation, period)

    assert ("Jednání platforem v lokalitách", 2) in report.facts


def test_meeting_at_half_past_midnight_on_new_year_counts_in_the_new_year(organisation):
    platform = PlatformFactory(organisation=organisation)
    MeetingFactory(platform=platform, starts_at=at(datetime.date(2026, 12, 31), "23:30"))
    MeetingFactory(platform=platform, starts_at=at(datetime.date(2027, 1, 1), "00:30"))

    assert attendance_overview(platform, 2026)[0] == 1
    assert attendance_overview(platform, 2027)[0] == 1


def test_mpsv_report_counts_the_contacts_of_the_first_and_last_day_of_the_month(organisation, month):
    period, before, first, last, after = month
    service = SocialServiceFactory(organisation=organisation)
    client = ClientFactory(organisation=organisation, service=service)
    for day in (before, first, last, after):
        ContactFactory(case__client=client, date=day)

    report = mpsv_report(service, period)

    assert ("Kontakty s klienty", 2) in report.facts
    assert ("Unikátní identifikovaní klienti", 1) in report.facts


def test_dashboard_counts_the_contacts_of_the_first_and_last_day_of_the_month(organisation, coordinator, month):
    period, before, first, last, after = month
    service = SocialServiceFactory(organisation=organisation)
    client = ClientFactory(organisation=organisation, service=service)
    for day in (before, first, last):
        ContactFactory(case__client=client, date=day)

    board = dashboard_for(coordinator, last)

    assert (board.this_month.contacts, board.last_month.contacts) == (2, 1)
