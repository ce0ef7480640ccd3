"""The shift list: the user's scope, filters, keyset pagination on (date desc, id desc) and no COUNT query."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import Role
from assistants.choices import ShiftStatus
from assistants.views import review
from tests.accounts.factories import UserFactory
from tests.assistants.factories import ProjectFactory, ShiftFactory
from tests.assistants.review_helpers import MONDAY, mentored_project, plan, submitted_shift

URL = reverse("shifts:list")


@pytest.fixture
def project(organisation, mentor, apk, colleague):
    return mentored_project(organisation, mentor, [apk, colleague])


def _day(offset):
    return MONDAY + datetime.timedelta(days=offset)


def _ids(response):
    return [shift.pk for shift in response.context["page"]]


@pytest.mark.django_db
def test_list_shows_the_scope_newest_first(organisation, project, mentor, apk, colleague, login):
    older = plan(project, mentor, [apk], day=_day(0))
    newer = submitted_shift(project, mentor, [colleague], day=_day(2))
    other_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    stranger = UserFactory(organisation=organisation, roles=[Role.APK])
    plan(mentored_project(organisation, other_mentor, [stranger]), other_mentor, [stranger])

    response = login(mentor).get(URL)

    assert response.status_code == 200
    assert _ids(response) == [newer.pk, older.pk]
    content = response.content.decode()
    assert '<span class="badge status-badge status-submitted">odevzdaná</span>' in content
    assert str(stranger) not in content


@pytest.mark.django_db
def test_apk_sees_only_own_shifts_and_no_assistant_filter(organisation, project, mentor, apk, colleague, login):
    own = plan(project, mentor, [apk], day=_day(0))
    plan(project, mentor, [colleague], day=_day(1))
    response = login(apk).get(URL)
    assert _ids(response) == [own.pk]
    assert "assistant" not in response.context["form"].fields


@pytest.mark.django_db
def test_coordinator_sees_every_shift_of_the_organisation(organisation, project, mentor, apk, coordinator, login):
    other_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    stranger = UserFactory(organisation=organisation, roles=[Role.APK])
    foreign = plan(mentored_project(organisation, other_mentor, [stranger]), other_mentor, [stranger])
    own = plan(project, mentor, [apk])
    assert set(_ids(login(coordinator).get(URL))) == {own.pk, foreign.pk}


@pytest.mark.django_db
def test_filters(organisation, project, mentor, apk, colleague, login):
    second_project = mentored_project(organisation, mentor, [apk])
    planned = plan(project, mentor, [apk], day=_day(0))
    submitted = submitted_shift(project, mentor, [colleague], day=_day(2))
    elsewhere = plan(second_project, mentor, [apk], day=_day(4))
    client = login(mentor)

    def ids(**params):
        return _ids(client.get(URL, params))

    assert ids(status=ShiftStatus.SUBMITTED) == [submitted.pk]
    assert ids(date_from=_day(1).isoformat()) == [elsewhere.pk, submitted.pk]
    assert ids(date_to=_day(1).isoformat()) == [planned.pk]
    assert ids(date_from=_day(1).isoformat(), date_to=_day(3).isoformat()) == [submitted.pk]
    assert ids(assistant=apk.pk) == [elsewhere.pk, planned.pk]
    assert ids(project=second_project.pk) == [elsewhere.pk]
    assert ids(project=project.pk, assistant=apk.pk) == [planned.pk]


@pytest.mark.django_db
def test_invalid_filters_are_shown_and_ignored(project, mentor, apk, login):
    shift = plan(project, mentor, [apk])
    response = login(mentor).get(URL, {"date_from": "včera", "date_to": "2026-11-01", "status": "x"})
    errors = response.context["form"].errors
    assert errors["date_from"] == ["Zadejte platné datum."]
    assert errors["status"] == ['Vyberte platnou možnost, "x" není k dispozici.']
    # date_to is valid on its own and still filters
    assert _ids(response) == []
    assert _ids(login(mentor).get(URL, {"date_from": "včera"})) == [shift.pk]


@pytest.mark.django_db
def test_date_to_before_date_from_is_an_error(project, mentor, login):
    response = login(mentor).get(URL, {"date_from": "2026-11-20", "date_to": "2026-11-10"})
    assert response.context["form"].errors["date_to"] == ["Datum „do“ nesmí být před datem „od“."]


@pytest.mark.django_db
def test_another_organisations_project_is_not_a_filter_choice(project, mentor, outsider, login):
    foreign = ProjectFactory(organisation=outsider.organisation)
    response = login(mentor).get(URL, {"project": foreign.pk})
    assert "project" in response.context["form"].errors


# --- keyset pagination -----------------------------------------------------------------------------


@pytest.fixture
def many_shifts(organisation, project, mentor, apk):
    """17 shifts on 6 dates, up to 3 on one date (ties on the date are broken by the id)."""
    shifts = []
    for index in range(17):
        shifts.append(
            ShiftFactory(
                organisation=organisation, project=project, mentor=mentor, date=_day(index // 3), assistants=[apk]
            )
        )
    return sorted(shifts, key=lambda s: (s.date, s.pk), reverse=True)


@pytest.mark.django_db
def test_pages_have_no_duplicates_or_gaps_forward_and_back(many_shifts, mentor, login, monkeypatch):
    monkeypatch.setattr(review, "PAGE_SIZE", 5)
    client = login(mentor)
    expected = [shift.pk for shift in many_shifts]

    pages, params = [], {}
    while True:
        page = client.get(URL, params).context["page"]
        pages.append([shift.pk for shift in page])
        if not page.has_next:
            break
        params = {"after": page.next_cursor}
    assert [len(p) for p in pages] == [5, 5, 5, 2]
    assert [pk for p in pages for pk in p] == expected

    backwards = [pages[-1]]
    while page.has_previous:
        page = client.get(URL, {"before": page.previous_cursor}).context["page"]
        backwards.insert(0, [shift.pk for shift in page])
    assert backwards == pages
    assert page.is_first_page


@pytest.mark.django_db
def test_pagination_keeps_the_filters(many_shifts, mentor, login, monkeypatch):
    monkeypatch.setattr(review, "PAGE_SIZE", 5)
    response = login(mentor).get(URL, {"status": ShiftStatus.PLANNED})
    page = response.context["page"]
    assert f"?status=planned&amp;after={page.next_cursor}" in response.content.decode()
    body = response.content.decode()
    assert "?before=" not in body and "&amp;before=" not in body  # the first page has no "Předchozí"


@pytest.mark.django_db
def test_a_forged_cursor_shows_the_first_page(many_shifts, mentor, login, monkeypatch):
    monkeypatch.setattr(review, "PAGE_SIZE", 5)
    response = login(mentor).get(URL, {"after": "nesmysl!"})
    assert _ids(response) == [shift.pk for shift in many_shifts[:5]]


@pytest.mark.django_db
def test_list_runs_no_count_and_a_fixed_number_of_queries(
    organisation, project, mentor, apk, many_shifts, login, django_assert_max_num_queries
):
    client = login(mentor)
    params = {"status": ShiftStatus.PLANNED, "assistant": apk.pk, "project": project.pk}
    # session, user, OTP device, savepoint + release, project and assistant filter values, the project and assistant
    # choices, the page's rows and their assistants
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert len(response.context["page"]) == 17
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


@pytest.mark.django_db
def test_login_required(client):
    assert client.get(URL).url.startswith(reverse("login"))


@pytest.mark.django_db
def test_wrong_method(mentor, login):
    assert login(mentor).post(URL).status_code == 405


@pytest.mark.django_db
def test_outsider_sees_none_of_the_organisations_shifts(project, mentor, apk, outsider, login):
    plan(project, mentor, [apk])
    response = login(outsider).get(URL)
    assert _ids(response) == []
