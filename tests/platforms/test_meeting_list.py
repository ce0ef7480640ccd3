"""The meetings of the organisation's platforms: newest first, filtered by platform, paged by keyset."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from platforms import services
from platforms.views import meetings as meeting_views
from tests.accounts.factories import UserFactory
from tests.platforms.meeting_helpers import DEC, NOV, OCT, add_task, hold_meeting, platform_with_members, version_of

pytestmark = pytest.mark.django_db
LIST_URL = reverse("platforms:meeting_list")


@pytest.fixture
def predlice(organisation, coordinator):
    return platform_with_members(organisation, coordinator)


@pytest.fixture
def trmice(organisation, coordinator):
    return platform_with_members(organisation, coordinator, name="Pracovní skupina Trmice")


def _rows(response):
    return [(meeting.platform.name, meeting.starts_at.date()) for meeting in response.context["page"]]


def test_meetings_are_listed_newest_first_with_counts(predlice, trmice, coordinator, login):
    october = hold_meeting(predlice.platform, OCT)
    add_task(october, predlice.police)
    october.refresh_from_db()
    services.attendance_save(
        meeting=october, version=october.version, statuses={predlice.maly.pk: "present", predlice.riha.pk: "present"}
    )
    hold_meeting(trmice.platform, NOV, place="ZŠ Trmice")
    hold_meeting(predlice.platform, DEC)

    response = login(coordinator).get(LIST_URL)

    assert _rows(response) == [
        ("Koordinační platforma Předlice", DEC),
        ("Pracovní skupina Trmice", NOV),
        ("Koordinační platforma Předlice", OCT),
    ]
    oldest = response.context["page"].object_list[-1]
    assert (oldest.present_count, oldest.new_task_count) == (2, 1)
    page = response.content.decode()
    assert "ZŠ Trmice" in page
    assert f'href="{october.get_absolute_url()}"' in page


def test_filter_by_platform(predlice, trmice, coordinator, login):
    hold_meeting(predlice.platform, OCT)
    hold_meeting(trmice.platform, NOV)

    response = login(coordinator).get(LIST_URL, {"platform": trmice.platform.pk})

    assert _rows(response) == [("Pracovní skupina Trmice", NOV)]
    # A coordinator plans the platform's next meeting from here.
    assert reverse("platforms:meeting_create", args=[trmice.platform.pk]) in response.content.decode()


def test_platform_of_another_organisation_is_not_a_filter(predlice, other_organisation, coordinator, login):
    hold_meeting(predlice.platform, OCT)
    foreign_coordinator = UserFactory(organisation=other_organisation, roles=["coordinator"])
    foreign = platform_with_members(other_organisation, foreign_coordinator).platform
    hold_meeting(foreign, NOV)

    response = login(coordinator).get(LIST_URL, {"platform": foreign.pk})

    assert _rows(response) == [("Koordinační platforma Předlice", OCT)]


def test_pages_by_keyset(predlice, coordinator, login, monkeypatch):
    monkeypatch.setattr(meeting_views, "MEETING_PAGE_SIZE", 2)
    for week in range(5):
        hold_meeting(predlice.platform, OCT + datetime.timedelta(weeks=week))
    client = login(coordinator)

    first = client.get(LIST_URL)
    assert [day for _name, day in _rows(first)] == [datetime.date(2026, 11, 2), datetime.date(2026, 10, 26)]
    second = client.get(LIST_URL, {"after": first.context["page"].next_cursor})
    assert [day for _name, day in _rows(second)] == [datetime.date(2026, 10, 19), datetime.date(2026, 10, 12)]
    third = client.get(LIST_URL, {"after": second.context["page"].next_cursor})
    assert [day for _name, day in _rows(third)] == [OCT]
    assert not third.context["page"].has_next


def test_query_count_is_fixed(predlice, trmice, coordinator, login):
    client = login(coordinator)

    def count(**query):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST_URL, query).status_code == 200
        return len(queries)

    meeting = hold_meeting(predlice.platform, OCT)
    few = count()
    for day in range(1, 20):
        other = hold_meeting(trmice.platform if day % 2 else predlice.platform, NOV + datetime.timedelta(days=day))
        add_task(other, trmice.police if day % 2 else predlice.police)
    services.attendance_save(meeting=meeting, version=version_of(meeting), statuses={predlice.maly.pk: "present"})

    assert count() == few
    # session, user, OTP device, the row-level security scope (core/rls.py), savepoint + release, the platforms of
    # the filter, one page of meetings with their platforms and counts
    assert few == 8
    # with a platform chosen, its lookup in the filter's choices too
    assert count(platform=predlice.platform.pk) == 9
