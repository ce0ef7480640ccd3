"""core.pagination: keyset pages over any ordering with a unique last field, without COUNT or OFFSET."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from core.pagination import decode_cursor, encode_cursor, keyset_page, parse_ordering, query_without_cursor
from tests.accounts.factories import OrganisationFactory, UserFactory

JOINED = timezone.make_aware(datetime.datetime(2026, 11, 16, 8, 0))


@pytest.fixture
def users(db):
    """11 users joined at 4 instants: ties that only the id breaks."""
    organisation = OrganisationFactory()
    return [
        UserFactory(organisation=organisation, date_joined=JOINED + datetime.timedelta(hours=index // 3))
        for index in range(11)
    ]


def _walk(queryset, ordering, per_page):
    pages, page = [], keyset_page(queryset, ordering=ordering, per_page=per_page)
    pages.append(list(page))
    while page.has_next:
        page = keyset_page(queryset, ordering=ordering, per_page=per_page, after=page.next_cursor)
        pages.append(list(page))
    return pages, page


@pytest.mark.parametrize(
    "ordering",
    [("-date_joined", "-id"), ("date_joined", "id"), ("-date_joined", "id"), ("date_joined", "-pk"), ("-id",)],
)
@pytest.mark.parametrize("per_page", [1, 3, 4, 11, 20])
def test_every_row_once_in_order_forward_and_back(users, ordering, per_page):
    queryset = User.objects.all()
    expected = list(queryset.order_by(*ordering))

    pages, last = _walk(queryset, ordering, per_page)

    assert [user for page in pages for user in page] == expected
    assert all(len(page) == per_page for page in pages[:-1])
    assert 0 < len(pages[-1]) <= per_page
    back, page = [pages[-1]], last
    while page.has_previous:
        page = keyset_page(queryset, ordering=ordering, per_page=per_page, before=page.previous_cursor)
        back.insert(0, list(page))
    assert back == pages
    assert page.is_first_page


def test_first_page_flags(users):
    page = keyset_page(User.objects.all(), ordering=("-date_joined", "-id"), per_page=4)
    assert (page.has_previous, page.has_next, page.is_first_page, len(page)) == (False, True, True, 4)


def test_exactly_one_page_has_no_next(users):
    page = keyset_page(User.objects.all(), ordering=("-id",), per_page=11)
    assert (page.has_next, page.has_previous, page.has_other_pages) == (False, False, False)


def test_empty_queryset(db):
    page = keyset_page(User.objects.none(), ordering=("-id",), per_page=5)
    assert (list(page), page.has_next, page.has_previous) == ([], False, False)


def test_one_query_and_no_count(users):
    with CaptureQueriesContext(connection) as queries:
        page = keyset_page(User.objects.all(), ordering=("-date_joined", "-id"), per_page=4)
        page = keyset_page(User.objects.all(), ordering=("-date_joined", "-id"), per_page=4, after=page.next_cursor)
    assert len(queries) == 2
    assert not any("COUNT(" in q["sql"].upper() or "OFFSET" in q["sql"].upper() for q in queries)


def test_a_cursor_never_widens_the_queryset(users):
    mine = User.objects.filter(pk__in=[u.pk for u in users[:2]])
    cursor = encode_cursor([(JOINED + datetime.timedelta(days=1)).isoformat(), 10**9])
    page = keyset_page(mine, ordering=("-date_joined", "-id"), per_page=50, after=cursor)
    assert set(page) <= set(users[:2])


@pytest.mark.parametrize("cursor", ["", "!!!", encode_cursor([1]), encode_cursor(["not a date", 1]), encode_cursor({})])
def test_unreadable_cursor_means_the_first_page(users, cursor):
    first = keyset_page(User.objects.all(), ordering=("-date_joined", "-id"), per_page=3)
    page = keyset_page(User.objects.all(), ordering=("-date_joined", "-id"), per_page=3, after=cursor, before=cursor)
    assert list(page) == list(first)


def test_cursor_round_trip_keeps_types(users):
    fields = parse_ordering(User, ("-date_joined", "-id"))
    values = decode_cursor(encode_cursor([JOINED, 42]), fields)
    assert values == [JOINED, 42]


def test_ordering_must_end_with_a_unique_field(db):
    with pytest.raises(ValueError, match="must be unique"):
        keyset_page(User.objects.all(), ordering=("-date_joined",), per_page=5)


def test_ordering_fields_must_not_be_nullable(db):
    with pytest.raises(ValueError, match="must not be nullable"):
        keyset_page(User.objects.all(), ordering=("last_login", "id"), per_page=5)


def test_query_without_cursor_keeps_the_filters():
    assert query_without_cursor(QueryDict("status=planned&after=abc&before=def&project=3")) == (
        "status=planned&project=3"
    )
