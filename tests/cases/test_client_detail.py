"""The client page: code, pseudonymous attributes, agreement and consent, identity, cases and actions."""

import datetime

import pytest
from django.urls import reverse

from cases.choices import CaseStatus
from tests.cases.client_helpers import client_url, client_with_case, make_service
from tests.cases.factories import CaseFactory, ClientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_record(organisation, liaison):
    client = client_with_case(
        organisation,
        workers=[liaison],
        service=make_service(organisation, name="Asistence obětem"),
        crime_type="trafficking",
        role="witness",
        opened_on=datetime.date(2026, 1, 10),
    )
    client.agreement_form, client.agreement_date = "oral", datetime.date(2026, 1, 10)
    client.consent_date, client.consent_scope = datetime.date(2026, 1, 11), "dokumentace služby"
    client.save()
    return client


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_page_shows_attributes_agreement_and_consent(client_record, liaison, login):
    facts = _text(login(liaison).get(client_url("client_detail", client_record)))

    assert '<dt class="col-5">Služba</dt><dd class="col-7">Asistence obětem</dd>' in facts
    assert '<dt class="col-5">Cílová skupina</dt><dd class="col-7">oběti trestné činnosti</dd>' in facts
    assert '<dt class="col-5">Dohoda o službě</dt><dd class="col-7">ústní, 10. 1. 2026</dd>' in facts
    assert (
        '<dt class="col-5">Souhlas se zpracováním údajů</dt><dd class="col-7">11. 1. 2026 – dokumentace služby</dd>'
    ) in facts


def test_cases_link_to_their_pages_with_status_crime_role_and_dates(client_record, organisation, liaison, login):
    closed = CaseFactory(
        client=client_record,
        workers=[liaison],
        crime_type="usury",
        opened_on=datetime.date(2025, 3, 1),
        status=CaseStatus.CLOSED,
        closed_on=datetime.date(2025, 9, 30),
    )
    open_case = client_record.cases.exclude(pk=closed.pk).get()

    html = _text(login(liaison).get(client_url("client_detail", client_record)))

    assert (
        f'<td><a href="{reverse("cases:case_detail", args=[open_case.pk])}">obchod s lidmi</a></td> <td>svědek</td> '
        '<td><span class="badge text-bg-success">otevřený</span></td> <td class="text-nowrap">10. 1. 2026</td> '
        f'<td class="text-nowrap">—</td> <td>{liaison}</td>'
    ) in html
    assert (
        f'<td><a href="{reverse("cases:case_detail", args=[closed.pk])}">lichva</a></td> <td>oběť</td> '
        '<td><span class="badge text-bg-secondary">uzavřený</span></td> <td class="text-nowrap">1. 3. 2025</td> '
        '<td class="text-nowrap">30. 9. 2025</td>'
    ) in html


def test_actions_for_an_assigned_worker(client_record, liaison, login):
    html = login(liaison).get(client_url("client_detail", client_record)).content.decode()

    assert f'href="{reverse("cases:case_create", args=[client_record.pk])}">Založit případ</a>' in html
    assert f'href="{client_url("client_edit", client_record)}">Upravit</a>' in html
    assert f'href="{client_url("client_file", client_record)}">Spis klienta (PDF)</a>' in html
    assert client_url("client_access_log", client_record) not in html


def test_service_lead_also_gets_the_access_log(client_record, service_lead, login):
    html = login(service_lead).get(client_url("client_detail", client_record)).content.decode()

    assert f'href="{client_url("client_access_log", client_record)}">Záznamy o přístupu</a>' in html


def test_client_without_identity_says_so(organisation, liaison, login):
    client = client_with_case(organisation, workers=[liaison], identity=False)

    html = login(liaison).get(client_url("client_detail", client)).content.decode()

    assert "Identifikační údaje nejsou zaznamenány." in html


def test_query_count_does_not_grow_with_the_cases(
    client_record, organisation, liaison, login, django_assert_max_num_queries
):
    for _ in range(10):
        CaseFactory(client=client_record, workers=[liaison])
    browser = login(liaison)

    # session, user, OTP device, savepoint, client (service, creator), cases, their workers, identity, log row,
    # audit row, release
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(12):
        response = browser.get(client_url("client_detail", client_record))
    assert len(response.context["cases"]) == 11


def test_no_services_yet_is_explained_on_the_form(liaison, login):
    html = login(liaison).get(reverse("cases:client_create")).content.decode()

    assert "Organizace zatím nemá žádnou sociální službu." in html


def test_another_client_of_the_organisation_is_not_shown(client_record, organisation, liaison, login):
    ClientFactory(organisation=organisation, code="K-2026-0999")

    html = login(liaison).get(client_url("client_detail", client_record)).content.decode()

    assert "K-2026-0999" not in html
