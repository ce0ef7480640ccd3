"""Who may open a client's pages: assigned workers and the service lead; other liaison workers and another
organisation get a 404 (the client's existence is not revealed); roles that never see clients get a 403."""

import pytest
from django.urls import reverse

from tests.cases.client_helpers import CLIENT_URL_NAMES, client_url, client_with_case, other_liaison

pytestmark = pytest.mark.django_db

PAGE_NAMES = ("client_detail", "client_edit", "client_file")


@pytest.fixture
def client_record(organisation, liaison):
    return client_with_case(organisation, workers=[liaison])


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_assigned_worker_opens_the_clients_pages(client_record, liaison, login, name):
    assert login(liaison).get(client_url(name, client_record)).status_code == 200


@pytest.mark.parametrize("name", CLIENT_URL_NAMES)
def test_service_lead_opens_every_page_of_any_client_of_the_organisation(client_record, service_lead, login, name):
    assert login(service_lead).get(client_url(name, client_record)).status_code == 200


@pytest.mark.parametrize("name", CLIENT_URL_NAMES)
def test_unassigned_liaison_of_the_same_organisation_gets_404(client_record, organisation, login, name):
    assert login(other_liaison(organisation)).get(client_url(name, client_record)).status_code == 404


@pytest.mark.parametrize("name", CLIENT_URL_NAMES)
@pytest.mark.parametrize("role", ["coordinator", "mentor", "apk", "org_admin"])
def test_roles_without_client_data_get_403(client_record, login, request, name, role):
    user = request.getfixturevalue(role)
    assert login(user).get(client_url(name, client_record)).status_code == 403


@pytest.mark.parametrize("name", ["client_list", "client_create"])
@pytest.mark.parametrize("role", ["coordinator", "mentor", "apk", "org_admin"])
def test_roles_without_client_data_get_403_on_the_list_and_form(login, request, name, role):
    user = request.getfixturevalue(role)
    assert login(user).get(reverse(f"cases:{name}")).status_code == 403


@pytest.mark.parametrize("name", CLIENT_URL_NAMES)
def test_another_organisation_gets_404_whatever_its_roles(client_record, outsider, login, name):
    assert login(outsider).get(client_url(name, client_record)).status_code == 404


def test_assigned_worker_may_not_read_the_access_log(client_record, liaison, login):
    assert login(liaison).get(client_url("client_access_log", client_record)).status_code == 403


def test_a_missing_client_is_404(liaison, login):
    assert login(liaison).get(reverse("cases:client_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("name", CLIENT_URL_NAMES)
def test_anonymous_user_is_sent_to_login(client_record, client, name):
    response = client.get(client_url(name, client_record))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["client_list", "client_create", "service_list", "service_create"])
def test_anonymous_user_is_sent_to_login_from_the_lists_and_forms(client, name):
    response = client.get(reverse(f"cases:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["client_detail", "client_file", "client_access_log"])
def test_read_only_pages_refuse_post(client_record, service_lead, login, name):
    assert login(service_lead).post(client_url(name, client_record)).status_code == 405


def test_client_without_a_case_is_visible_to_its_creator_only_among_liaison_workers(
    organisation, liaison, service_lead, login
):
    client_record = client_with_case(organisation, workers=[liaison])
    client_record.cases.all().delete()
    url = client_url("client_detail", client_record)

    assert login(liaison).get(url).status_code == 200
    assert login(service_lead).get(url).status_code == 200
    assert login(other_liaison(organisation)).get(url).status_code == 404
