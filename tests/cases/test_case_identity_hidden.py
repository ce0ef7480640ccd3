"""Identifying data never appear on case pages, the home page or in messages: cases are shown by client code."""

import pytest
from django.urls import reverse

from tests.cases.casework_helpers import CODE, IDENTITY, add_contact, add_plan, add_referral

pytestmark = pytest.mark.django_db


def _assert_no_identity(body: str):
    for value in IDENTITY.values():
        assert str(value) not in body
    assert "Nováková" not in body and "777 123" not in body


@pytest.fixture
def full_case(case, identity, liaison):
    contact = add_contact(case, liaison)
    add_plan(case, liaison)
    referral = add_referral(case, liaison)
    return case, contact, referral


@pytest.mark.parametrize("user_fixture", ["liaison", "service_lead"])
def test_no_identity_on_any_case_page(full_case, user_fixture, login, request):
    case, contact, referral = full_case
    client = login(request.getfixturevalue(user_fixture))
    urls = [
        reverse("cases:home"),
        reverse("cases:case_detail", args=[case.pk]),
        reverse("cases:case_edit", args=[case.pk]),
        reverse("cases:case_create", args=[case.client_id]),
        reverse("cases:contact_create", args=[case.pk]),
        reverse("cases:contact_edit", args=[contact.pk]),
        reverse("cases:plan_edit", args=[case.pk]),
        reverse("cases:plan_review", args=[case.pk]),
        reverse("cases:referral_create", args=[case.pk]),
        reverse("cases:referral_edit", args=[referral.pk]),
        reverse("cases:anonymous_list"),
        reverse("cases:anonymous_create"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_no_identity(response.content.decode())


def test_home_and_case_page_show_the_code(full_case, liaison, login):
    case, _contact, _referral = full_case
    client = login(liaison)
    assert CODE in client.get(reverse("cases:home")).content.decode()
    assert (
        f"<title>Případ {CODE} · SVL</title>"
        in client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    )


def test_messages_after_saving_name_the_code_not_the_person(case, identity, liaison, login):
    response = login(liaison).post(
        reverse("cases:case_create", args=[case.client_id]),
        {"role": "witness", "crime_type": "pimping", "opened_on": "2026-02-01", "workers": [liaison.pk]},
        follow=True,
    )

    [message] = [str(m) for m in response.context["messages"]]
    assert message == f"Případ klienta {CODE} byl založen."
    _assert_no_identity(response.content.decode())
