"""The client list: clients in the user's scope by code, with pseudonymous attributes, filters and pages."""

import datetime

import pytest
from django.urls import reverse

from cases.choices import CaseStatus
from tests.cases.client_helpers import client_with_case, make_service, other_liaison
from tests.cases.factories import CaseFactory, ClientFactory, ContactFactory

pytestmark = pytest.mark.django_db

URL = reverse("cases:client_list")


def _codes(response):
    return [client.code for client in response.context["page"]]


def test_liaison_sees_only_clients_of_their_cases(organisation, liaison, login):
    service = make_service(organisation)
    client_with_case(organisation, workers=[liaison], service=service, code="K-2026-0001")
    client_with_case(organisation, workers=[other_liaison(organisation)], service=service, code="K-2026-0002")

    assert _codes(login(liaison).get(URL)) == ["K-2026-0001"]


def test_service_lead_sees_every_client_of_the_organisation_only(
    organisation, other_organisation, liaison, outsider, service_lead, login
):
    service = make_service(organisation)
    client_with_case(organisation, workers=[liaison], service=service, code="K-2026-0001")
    client_with_case(organisation, workers=[other_liaison(organisation)], service=service, code="K-2026-0002")
    client_with_case(other_organisation, workers=[outsider], code="K-2026-0003")

    assert sorted(_codes(login(service_lead).get(URL))) == ["K-2026-0001", "K-2026-0002"]


def test_row_shows_service_attributes_open_case_and_last_contact(organisation, liaison, login):
    service = make_service(organisation, name="Asistence obětem")
    client = client_with_case(organisation, workers=[liaison], service=service, code="K-2026-0001")
    case = client.cases.get()
    ContactFactory(case=case, date=datetime.date(2026, 2, 1))
    ContactFactory(case=case, date=datetime.date(2026, 3, 4))
    closed = client_with_case(
        organisation,
        workers=[liaison],
        service=service,
        code="K-2026-0002",
        status=CaseStatus.CLOSED,
        closed_on=datetime.date(2026, 2, 1),
    )

    html = login(liaison).get(URL).content.decode()
    table = " ".join(html[html.index('data-testid="client-list"') :].split())

    row = (
        f'<td class="text-nowrap"><a href="{client.get_absolute_url()}">K-2026-0001</a></td> <td>Asistence obětem</td> '
        '<td>žena</td> <td class="text-nowrap">27–64 let</td> <td>oběti trestné činnosti</td> <td>ano</td> '
        '<td class="text-nowrap">4. 3. 2026</td>'
    )
    assert row in table
    assert f'<a href="{closed.get_absolute_url()}">K-2026-0002</a>' in table
    assert '<td>ne</td> <td class="text-nowrap">—</td>' in table


def test_filter_by_code_and_target_group(organisation, liaison, login):
    service = make_service(organisation)
    client_with_case(organisation, workers=[liaison], service=service, code="K-2026-0001")
    client_with_case(organisation, workers=[liaison], service=service, code="K-2026-0012")
    other_group = client_with_case(organisation, workers=[liaison], service=service, code="K-2026-0013")
    other_group.target_group = "homeless"
    other_group.save()
    browser = login(liaison)

    assert sorted(_codes(browser.get(URL, {"code": "k-2026-001"}))) == ["K-2026-0012", "K-2026-0013"]
    assert _codes(browser.get(URL, {"target_group": "homeless"})) == ["K-2026-0013"]
    assert _codes(browser.get(URL, {"code": "0012", "target_group": "homeless"})) == []


def test_unknown_target_group_is_a_filter_error_not_a_crash(organisation, liaison, login):
    client_with_case(organisation, workers=[liaison])

    response = login(liaison).get(URL, {"target_group": "nonsense"})

    assert response.status_code == 200
    assert response.context["filter"].errors == {
        "target_group": ['Vyberte platnou možnost, "nonsense" není k dispozici.']
    }


def test_list_is_paged_by_25(organisation, liaison, login):
    service = make_service(organisation)
    for number in range(27):
        CaseFactory(
            client=ClientFactory(organisation=organisation, service=service, code=f"K-2026-{number + 1:04d}"),
            workers=[liaison],
        )
    browser = login(liaison)

    first, second = browser.get(URL), browser.get(URL, {"page": 2})

    assert (len(_codes(first)), len(_codes(second))) == (25, 2)
    assert "Počet klientů: 27" in first.content.decode()


def test_query_count_does_not_grow_with_the_rows(organisation, liaison, login, django_assert_max_num_queries):
    service = make_service(organisation)
    for number in range(25):
        case = CaseFactory(
            client=ClientFactory(organisation=organisation, service=service, code=f"K-2026-{number + 1:04d}"),
            workers=[liaison],
        )
        ContactFactory(case=case)
    browser = login(liaison)

    # session, user, OTP device, count, one page of clients (service, open cases and last contact joined in), and the
    # request transaction's savepoint and release
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(8):
        response = browser.get(URL, {"code": "K-2026"})
    assert len(_codes(response)) == 25


def test_service_manager_gets_a_link_to_the_services(organisation, service_lead, liaison, login):
    services_link = f'href="{reverse("cases:service_list")}"'

    assert services_link in login(service_lead).get(URL).content.decode()
    assert services_link not in login(liaison).get(URL).content.decode()


def test_wrong_method_is_refused(liaison, login):
    assert login(liaison).post(URL).status_code == 405
