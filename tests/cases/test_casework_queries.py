"""The case page and the contact form run a fixed number of queries whatever the case holds."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import services
from tests.cases.casework_helpers import add_contact, add_plan, add_referral
from tests.locations.factories import LocalityFactory

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_case_page_query_count_does_not_grow_with_contacts(case, liaison, service_lead, login):
    locality = LocalityFactory(organisation=case.organisation)
    plan = add_plan(case, liaison)
    add_contact(case, liaison, place="locality", locality=locality)
    add_referral(case, liaison)
    services.plan_review(
        plan=plan,
        by=liaison,
        version=plan.version,
        reviewed_on=datetime.date(2026, 3, 1),
        summary="Revize.",
        next_review_on=datetime.date(2026, 6, 1),
    )
    client = login(liaison)
    url = reverse("cases:case_detail", args=[case.pk])
    few = _count(client, url)

    for day in range(2, 12):
        add_contact(case, liaison, day=datetime.date(2026, 2, day), place="locality", locality=locality)
        add_referral(case, liaison, reason=f"Důvod {day}.")
    services.plan_review(
        plan=plan,
        by=service_lead,
        version=plan.version + 1,
        reviewed_on=datetime.date(2026, 6, 1),
        summary="Další revize.",
        next_review_on=datetime.date(2026, 9, 1),
    )
    many = _count(client, url)

    assert many == few
    # session, user, OTP device, the row-level security scope (core/rls.py), savepoint + release, the case with
    # client, service and plan, workers, contacts with their localities, contacts' workers, referrals, plan reviews,
    # reviewers, the access-log row, the audit row
    assert few == 15


def test_contact_form_query_count_is_fixed(case, liaison, login, django_assert_num_queries):
    LocalityFactory.create_batch(5, organisation=case.organisation)
    client = login(liaison)

    # session, user, OTP device, savepoint + release, the case, its workers, worker choices, localities, the
    # access-log row, the audit row
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_num_queries(12):
        client.get(reverse("cases:contact_create", args=[case.pk]))
