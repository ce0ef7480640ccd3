"""The work log runs a fixed number of queries whatever the month holds."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assistants import selectors
from tests.assistants.factories import FieldRecordFactory, category
from tests.assistants.worklog_helpers import approved_shift, november


def _url(user):
    return reverse("shifts:worklog", kwargs={"user_id": user.pk, "year": 2026, "month": 11})


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pdf_query_count_does_not_grow_with_shifts(apk, mentor, login, django_assert_max_num_queries):
    month = november(apk, mentor)
    client = login(mentor)
    few = _count(client, _url(apk))
    for day in range(3, 9):
        shift = approved_shift(
            project=month.project,
            mentor=mentor,
            assistants=[apk],
            date=datetime.date(2026, 11, day),
            start="14:00",
            end="18:00",
        )
        FieldRecordFactory(shift=shift, author=apk, category=category("help"))

    many = _count(client, _url(apk))

    assert many == few
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(12):
        client.get(_url(apk))


def test_selector_runs_four_queries(apk, mentor, django_assert_num_queries):
    november(apk, mentor)

    with django_assert_num_queries(4):
        log = selectors.worklog(apk, 2026, 11)

    assert log.shift_count == 3


def test_index_page_query_count_is_bounded(apk, mentor, coordinator, login, django_assert_max_num_queries):
    november(apk, mentor)
    client = login(coordinator)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("shifts:worklog_index"), {"assistant": apk.pk, "month": "2026-11"})

    assert response.status_code == 200
