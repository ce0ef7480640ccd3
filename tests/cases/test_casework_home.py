"""The worker's home page: my open cases by client code, last contact, plan review with the overdue flag."""

import datetime

import pytest
from django.urls import reverse

from tests.cases.casework_helpers import CODE, add_contact, add_plan, close
from tests.cases.factories import CaseFactory, ClientFactory

pytestmark = pytest.mark.django_db
URL = reverse("cases:home")


def _rows(response):
    return [(row.case.client.code, row.review_on, row.overdue) for row in response.context["rows"]]


def test_liaison_lands_on_the_home_page(liaison, login):
    response = login(liaison).get(reverse("home"))
    assert (response.status_code, response.url) == (302, URL)


def test_my_open_cases_with_last_contact_and_review(case, liaison, login):
    add_contact(case, liaison, day=datetime.date(2026, 2, 1))
    add_contact(case, liaison, day=datetime.date(2026, 2, 14))
    add_plan(case, liaison, review_on=datetime.date(2099, 1, 1))

    response = login(liaison).get(URL)

    assert _rows(response) == [(CODE, datetime.date(2099, 1, 1), False)]
    body = response.content.decode()
    row = body.split(f'data-testid="case-{case.pk}"')[1].split("</tr>")[0]
    assert "lichva" in row and "14. 2. 2026" in row and "1. 1. 2099" in row
    assert "po termínu" not in row
    assert f'href="{reverse("cases:contact_create", args=[case.pk])}"' in row
    assert ">Zapsat kontakt</a>" in row


def test_overdue_review_is_flagged(case, liaison, login):
    add_plan(case, liaison, review_on=datetime.date(2026, 3, 1))

    response = login(liaison).get(URL)

    assert _rows(response) == [(CODE, datetime.date(2026, 3, 1), True)]
    body = response.content.decode()
    assert '<span class="badge overdue-badge">po termínu</span>' in body
    assert "Revize plánu po termínu:" in body
    assert f'href="{reverse("cases:plan_review", args=[case.pk])}">{CODE}</a>' in body


def test_case_without_a_plan_says_so(case, liaison, login):
    response = login(liaison).get(URL)

    assert _rows(response) == [(CODE, None, False)]
    assert "bez plánu" in response.content.decode()


def test_only_my_open_cases_are_listed(case, organisation, service, liaison, other_liaison, login):
    CaseFactory(
        client=ClientFactory(organisation=organisation, service=service, code="K-2026-0100"), workers=[other_liaison]
    )
    closed = CaseFactory(
        client=ClientFactory(organisation=organisation, service=service, code="K-2026-0101"), workers=[liaison]
    )
    close(closed, liaison)

    response = login(liaison).get(URL)

    assert _rows(response) == [(CODE, None, False)]


def test_home_links_to_new_client_and_anonymous_contact(liaison, login):
    body = login(liaison).get(URL).content.decode()

    assert f'href="{reverse("cases:client_create")}">Nový klient</a>' in body
    assert f'href="{reverse("cases:anonymous_create")}">Zapsat anonymní kontakt</a>' in body
    assert "Nemáte žádné otevřené případy." in body


def test_query_count_does_not_grow_with_cases(case, organisation, service, liaison, login, django_assert_num_queries):
    client = login(liaison)
    for number in range(5):
        extra = CaseFactory(
            client=ClientFactory(organisation=organisation, service=service, code=f"K-2026-02{number:02d}"),
            workers=[liaison],
        )
        add_contact(extra, liaison)
        add_plan(extra, liaison, review_on=datetime.date(2026, 3, 1))

    # session, user, OTP device, the request's savepoint and its release, overdue reviews, my open cases
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_num_queries(8):
        response = client.get(URL)

    assert len(response.context["rows"]) == 6
