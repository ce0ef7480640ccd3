"""The dashboard on the home page of coordinators and organisation admins (reports/dashboard.py, svl/views.home).

Figures are built by hand around a frozen "today" (Monday 16 November 2026): this month is November,
last month October, and the chart runs from December 2025 to November 2026.
"""

import datetime
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import Role
from assistants.choices import ShiftStatus
from cases.models import AnonymousContact
from platforms.models import Task
from reports.dashboard import dashboard_for
from tests.accounts.factories import UserFactory
from tests.assistants.factories import FieldRecordFactory, ProjectFactory, ShiftFactory, at
from tests.cases.factories import CaseFactory, ClientFactory, ClientIdentityFactory, ContactFactory
from tests.platforms.factories import InstitutionFactory, MeetingFactory, PlatformFactory

pytestmark = pytest.mark.django_db

URL = reverse("home")
TODAY = datetime.date(2026, 11, 16)
CLIENT_NAME = "Marie Nováková"
CLIENT_PHONE = "+420 777 123 456"
CLIENT_ADDRESS = "Předlická 12, Ústí nad Labem"


@contextmanager
def frozen(day: datetime.date = TODAY):
    """Pin the clock (a boundary): timezone.localdate() in the view is `day`, 10:00 in Prague."""
    with mock.patch("django.utils.timezone.now", return_value=at(day, "10:00")):
        yield


def _shift(project, day, status=ShiftStatus.APPROVED, minutes=None, start="08:00", end="16:00"):
    end_day = day + datetime.timedelta(days=1) if end < start else day
    return ShiftFactory(
        organisation=project.organisation,
        project=project,
        date=day,
        planned_start=at(day, start),
        planned_end=at(end_day, end),
        status=status,
        worked_minutes=minutes,
    )


def _record(shift, day, hhmm="10:00"):
    return FieldRecordFactory(shift=shift, recorded_at=at(day, hhmm))


def _anonymous_contact(service, day, created_by):
    return AnonymousContact.objects.create(
        organisation_id=service.organisation_id,
        service=service,
        date=day,
        duration_minutes=20,
        persons_count=3,
        created_by=created_by,
    )


def _task(meeting, title, due_on, status="open", closed_at_meeting=None):
    return Task.objects.create(
        organisation_id=meeting.organisation_id,
        platform_id=meeting.platform_id,
        meeting=meeting,
        responsible_institution=InstitutionFactory(platform=meeting.platform),
        title=title,
        due_on=due_on,
        status=status,
        closed_at_meeting=closed_at_meeting,
    )


def _meeting(platform, day):
    return MeetingFactory(platform=platform, starts_at=at(day, "14:00"))


@pytest.fixture
def data(organisation, coordinator):
    """The hand-built month: see the expected figures in test_figures_of_this_and_last_month."""
    project = ProjectFactory(organisation=organisation, name="APK Předlice")
    # Approved this month: 8 h + 7.5 h = 15.5 h; approved last month: a night shift over midnight, 6 h.
    first = _shift(project, datetime.date(2026, 11, 1), minutes=480)
    _shift(project, TODAY, minutes=450)
    night = _shift(project, datetime.date(2026, 10, 31), minutes=360, start="22:00", end="06:00")
    # Not counted: returned this month; approved but before the twelve months of the chart.
    returned = _shift(project, datetime.date(2026, 11, 10), status=ShiftStatus.RETURNED, minutes=300)
    old = _shift(project, datetime.date(2025, 11, 30), minutes=600)
    # The first month of the chart: December 2025, 4 h and one record.
    december = _shift(project, datetime.date(2025, 12, 1), minutes=240)
    # Waiting for approval: any date.
    submitted = _shift(project, datetime.date(2026, 11, 12), status=ShiftStatus.SUBMITTED, minutes=420)
    _shift(project, datetime.date(2026, 9, 3), status=ShiftStatus.SUBMITTED, minutes=420)

    # Records count by their own Prague date: 00:30 on 1 November is still 31 October in UTC.
    _record(first, datetime.date(2026, 11, 1), "00:30")
    _record(night, datetime.date(2026, 10, 31), "23:50")
    _record(night, datetime.date(2026, 11, 1), "01:00")
    _record(december, datetime.date(2025, 12, 1))
    _record(old, datetime.date(2025, 11, 30), "23:59")
    # Records of shifts that are not approved do not count (as in the APK report).
    _record(returned, datetime.date(2026, 11, 10))
    _record(submitted, datetime.date(2026, 11, 12))

    # Client contacts: two this month, one last month; the client has an identity that must never show.
    client = ClientFactory(organisation=organisation)
    ClientIdentityFactory(client=client, full_name=CLIENT_NAME, phone=CLIENT_PHONE, address=CLIENT_ADDRESS)
    case = CaseFactory(client=client)
    for day in (datetime.date(2026, 11, 1), TODAY, datetime.date(2026, 10, 31), datetime.date(2026, 9, 30)):
        ContactFactory(case=case, date=day)
    # Anonymous contacts: one this month, two last month.
    for day in (datetime.date(2026, 11, 2), datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)):
        _anonymous_contact(client.service, day, client.created_by)

    # Platform tasks.
    platform = PlatformFactory(organisation=organisation, coordinator=coordinator)
    september, october, november = (
        _meeting(platform, datetime.date(2026, 9, 10)),
        _meeting(platform, datetime.date(2026, 10, 20)),
        _meeting(platform, datetime.date(2026, 11, 5)),
    )
    _task(september, "Osvětlení podchodu", datetime.date(2026, 10, 15))  # open, overdue, open in October
    _task(september, "Splněno v listopadu", datetime.date(2026, 10, 1), "done", november)  # open in October
    _task(september, "Splněno v říjnu", datetime.date(2026, 10, 1), "done", october)  # closed in October
    _task(october, "Zrušeno bez jednání", datetime.date(2026, 11, 1), "cancelled")  # never counts
    _task(october, "Termín dnes", TODAY)  # open, not overdue, open in October
    _task(november, "Nový úkol", datetime.date(2026, 12, 1))  # open now only
    _task(november, "Pozdě z listopadu", datetime.date(2026, 11, 10))  # open now, overdue
    return client


@pytest.fixture
def foreign_data(other_organisation):
    """The same kinds of rows in another organisation: never counted."""
    project = ProjectFactory(organisation=other_organisation)
    shift = _shift(project, TODAY, minutes=600)
    _record(shift, TODAY)
    _shift(project, TODAY, status=ShiftStatus.SUBMITTED)
    client = ClientFactory(organisation=other_organisation)
    ContactFactory(case=CaseFactory(client=client), date=TODAY)
    _anonymous_contact(client.service, TODAY, client.created_by)
    meeting = _meeting(PlatformFactory(organisation=other_organisation), datetime.date(2026, 10, 1))
    _task(meeting, "Cizí úkol", datetime.date(2026, 10, 2))


def test_figures_of_this_and_last_month(data, foreign_data, coordinator):
    dashboard = dashboard_for(coordinator, TODAY)

    this, last = dashboard.this_month, dashboard.last_month
    assert (this.month, last.month) == (datetime.date(2026, 11, 1), datetime.date(2026, 10, 1))
    assert (this.approved_shifts, this.hours_worked, last.approved_shifts, last.hours_worked) == (
        2,
        Decimal("15.50"),
        1,
        Decimal("6.00"),
    )
    assert (this.field_records, last.field_records) == (2, 1)
    assert (this.contacts, last.contacts) == (2, 1)
    assert (this.anonymous_contacts, last.anonymous_contacts) == (1, 2)
    assert (this.open_tasks, last.open_tasks) == (4, 3)
    assert dashboard.shifts_to_approve == 2
    assert dashboard.overdue_tasks == 2


def test_chart_covers_the_last_twelve_months(data, coordinator):
    dashboard = dashboard_for(coordinator, TODAY)

    assert dashboard.months == [datetime.date(2025, 12, 1)] + [datetime.date(2026, m, 1) for m in range(1, 12)]
    zero = Decimal("0.00")
    assert dashboard.hours_by_month == [Decimal("4.00"), *[zero] * 9, Decimal("6.00"), Decimal("15.50")]
    assert dashboard.records_by_month == [1, *[0] * 9, 1, 2]


def test_month_boundaries_follow_today(data, coordinator):
    # On the last day of November, November is still this month.
    end_of_november = dashboard_for(coordinator, datetime.date(2026, 11, 30))
    assert (end_of_november.this_month.field_records, end_of_november.last_month.field_records) == (2, 1)

    # A day later November is last month and December has nothing yet.
    december = dashboard_for(coordinator, datetime.date(2026, 12, 1))
    assert december.this_month.month == datetime.date(2026, 12, 1)
    assert (december.this_month.approved_shifts, december.this_month.hours_worked) == (0, Decimal("0.00"))
    assert (december.last_month.approved_shifts, december.last_month.hours_worked) == (2, Decimal("15.50"))
    assert (december.last_month.field_records, december.last_month.contacts) == (2, 2)
    assert december.last_month.open_tasks == 4  # none closed since
    assert december.overdue_tasks == 3  # "Termín dnes" is late now
    assert december.months[0] == datetime.date(2026, 1, 1)
    assert december.hours_by_month[0] == Decimal("0.00")  # December 2025 left the chart


def test_january_compares_with_december_of_the_previous_year(organisation, coordinator):
    project = ProjectFactory(organisation=organisation)
    shift = _shift(project, datetime.date(2026, 12, 31), minutes=90)
    _record(shift, datetime.date(2026, 12, 31), "23:59")

    dashboard = dashboard_for(coordinator, datetime.date(2027, 1, 5))

    assert dashboard.last_month.month == datetime.date(2026, 12, 1)
    assert (dashboard.last_month.hours_worked, dashboard.last_month.field_records) == (Decimal("1.50"), 1)
    assert (dashboard.this_month.hours_worked, dashboard.this_month.field_records) == (Decimal("0.00"), 0)
    assert dashboard.months[0] == datetime.date(2026, 2, 1)


def test_another_organisations_user_sees_only_their_own_zeros(data, outsider):
    dashboard = dashboard_for(outsider, TODAY)

    assert dashboard.this_month.approved_shifts == dashboard.last_month.approved_shifts == 0
    assert dashboard.this_month.field_records == dashboard.this_month.contacts == 0
    assert dashboard.this_month.anonymous_contacts == dashboard.this_month.open_tasks == 0
    assert (dashboard.shifts_to_approve, dashboard.overdue_tasks) == (0, 0)
    assert set(dashboard.hours_by_month) == {Decimal("0.00")}
    assert set(dashboard.records_by_month) == {0}


def test_user_without_organisation_gets_zeros(data):
    admin = UserFactory(organisation=None, roles=[Role.COORDINATOR])

    dashboard = dashboard_for(admin, TODAY)

    assert (dashboard.this_month.approved_shifts, dashboard.shifts_to_approve) == (0, 0)
    assert dashboard.this_month.hours_worked == Decimal("0.00")


def _scaled_data(organisation, coordinator, times: int):
    """`times` copies of a month's worth of rows across the chart's months."""
    project = ProjectFactory(organisation=organisation)
    client = ClientFactory(organisation=organisation)
    case = CaseFactory(client=client)
    platform = PlatformFactory(organisation=organisation, coordinator=coordinator)
    meeting = _meeting(platform, datetime.date(2026, 6, 1))
    for copy in range(times):
        for month in (1, 6, 10, 11):
            day = datetime.date(2026, month, 1 + copy)
            shift = _shift(project, day, minutes=300)
            _record(shift, day)
            _shift(project, day, status=ShiftStatus.SUBMITTED)
            ContactFactory(case=case, date=day)
            _anonymous_contact(client.service, day, client.created_by)
            _task(meeting, f"Úkol {month}/{copy}", day)


@pytest.mark.parametrize("times", [1, 3])
def test_selector_runs_five_aggregate_queries_whatever_the_data_size(
    organisation, coordinator, times, django_assert_num_queries
):
    _scaled_data(organisation, coordinator, times)

    # One aggregate query each: shifts, field records, contacts, anonymous contacts, platform tasks.
    with django_assert_num_queries(5):
        dashboard = dashboard_for(coordinator, TODAY)

    assert dashboard.this_month.approved_shifts == times
    assert dashboard.shifts_to_approve == 4 * times


@pytest.mark.parametrize("times", [1, 3])
def test_dashboard_page_query_count_does_not_grow_with_data(
    organisation, coordinator, times, login, django_assert_max_num_queries
):
    _scaled_data(organisation, coordinator, times)
    client = login(coordinator)

    # session, user, OTP device, the row-level security scope (core/rls.py), savepoint and release, five aggregates,
    # the overdue task list
    with frozen(), django_assert_max_num_queries(12), CaptureQueriesContext(connection) as queries:
        response = client.get(URL)

    assert response.status_code == 200
    assert response.context["dashboard"].this_month.approved_shifts == times
    assert len(queries) == 12


def test_coordinator_sees_the_dashboard(data, coordinator, login):
    with frozen():
        response = login(coordinator).get(URL)

    assert response.status_code == 200
    body = response.content.decode()
    assert response.context["dashboard"].this_month.hours_worked == Decimal("15.50")
    assert "Přehled organizace" in body
    assert '<span class="fw-normal">listopad 2026</span>' in body
    assert '<span class="fw-normal">říjen 2026</span>' in body
    hours_row = (
        '<tr data-row="hours_worked">\n          <th scope="row" class="fw-normal">Odpracované hodiny (schválené '
        'směny)</th>\n          <td class="text-end" data-month="this">15,50</td>\n'
        '          <td class="text-end" data-month="last">6,00</td>\n'
        '          <td class="text-end" data-month="change">+9,50</td>'
    )
    assert hours_row in body
    assert '<td class="text-end" data-month="change">-1</td>' in body  # anonymous contacts: 1 against 2
    # Waiting for approval, with the link to the filtered shift list; overdue tasks with the task list.
    assert '<p class="dashboard-number mb-2">2</p>' in body
    assert f'<a href="{reverse("shifts:list")}?status=submitted">Odevzdané směny</a>' in body
    assert f'<a href="{reverse("platforms:task_list")}?overdue=on">Seznam úkolů po termínu</a>' in body
    # The existing block of overdue tasks stays, with their titles.
    assert "Úkoly platforem po termínu" in body
    assert [task.title for task in response.context["overdue_tasks"]] == ["Osvětlení podchodu", "Pozdě z listopadu"]
    # The chart: server-rendered SVG with its values for screen readers, no JavaScript.
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body
    assert "<title>Schválené hodiny a záznamy z terénu za posledních 12 měsíců</title>" in body
    assert "Schválené hodiny: 12/2025 4, 1/2026 0," in body
    assert "10/2026 6, 11/2026 15,5; Záznamy z terénu: 12/2025 1," in body
    assert "<script" not in body.split('id="main"')[1].split("</main>")[0]
    # The reports.
    assert f'href="{reverse("reports:index")}"' in body


def test_dashboard_never_shows_client_identity(data, coordinator, org_admin, login):
    for user in (coordinator, org_admin):
        with frozen():
            body = login(user).get(URL).content.decode()
        assert "Přehled organizace" in body
        for secret in (CLIENT_NAME, "Nováková", CLIENT_PHONE, CLIENT_ADDRESS, data.code):
            assert secret not in body


def test_org_admin_sees_the_dashboard_without_the_task_list(data, org_admin, login):
    with frozen():
        response = login(org_admin).get(URL)

    assert response.status_code == 200
    assert response.context["dashboard"].this_month.approved_shifts == 2
    assert response.context["dashboard"].overdue_tasks == 2
    assert "overdue_tasks" not in response.context
    assert "Úkoly platforem po termínu" not in response.content.decode()


@pytest.mark.parametrize("role", ["mentor", "service_lead"])
def test_mentor_and_service_lead_keep_the_simple_home_with_reports(request, role, data, login):
    with frozen():
        response = login(request.getfixturevalue(role)).get(URL)

    assert response.status_code == 200
    assert "dashboard" not in response.context
    body = response.content.decode()
    assert "Přehled organizace" not in body
    assert response.context["nav_items"]
    reports_card = f'<a class="card h-100 text-decoration-none" href="{reverse("reports:index")}"'
    assert reports_card in body


def test_roles_without_reports_get_no_reports_link(organisation, login):
    platform_viewer_only = UserFactory(organisation=organisation, roles=[])

    body = login(platform_viewer_only).get(URL).content.decode()

    assert reverse("reports:index") not in body


@pytest.mark.parametrize(("role", "target"), [("apk", "shifts:today"), ("liaison", "cases:home")])
def test_apk_and_liaison_keep_their_redirects(request, role, target, login):
    response = login(request.getfixturevalue(role)).get(URL)

    assert response.status_code == 302
    assert response.url == reverse(target)


def test_coordinator_of_another_organisation_sees_zeros(data, other_organisation, login):
    stranger = UserFactory(organisation=other_organisation, roles=[Role.COORDINATOR])

    with frozen():
        response = login(stranger).get(URL)

    dashboard = response.context["dashboard"]
    assert (dashboard.this_month.approved_shifts, dashboard.shifts_to_approve, dashboard.overdue_tasks) == (0, 0, 0)
    body = response.content.decode()
    assert '<td class="text-end" data-month="this">15,50</td>' not in body
    assert "Osvětlení podchodu" not in body


def test_home_needs_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"


def test_home_refuses_post(coordinator, login):
    assert login(coordinator).post(URL).status_code == 405
