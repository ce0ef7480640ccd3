"""The access log: every view of a client's page or file and every change is recorded; the lead reads it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog, Client
from cases.services import client_anonymise
from tests.cases.client_helpers import FULL_NAME, PHONE, client_url, client_with_case, make_service, other_liaison

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_record(organisation, liaison):
    return client_with_case(organisation, workers=[liaison])


def _log(client):
    return list(AccessLog.objects.filter(client=client).order_by("id").values_list("user", "action", "object_type"))


def test_viewing_the_client_page_is_logged(client_record, liaison, login):
    login(liaison).get(client_url("client_detail", client_record))

    assert _log(client_record) == [(liaison.pk, "view", "client")]
    assert AccessLog.objects.get().object_id == client_record.pk


def test_opening_the_edit_form_is_a_view_and_saving_a_change(client_record, liaison, login):
    browser = login(liaison)
    browser.get(client_url("client_edit", client_record))
    browser.post(
        client_url("client_edit", client_record),
        {"gender": "male", "age_band": "27-64", "target_group": "crime_victims", "version": 1},
    )

    assert _log(client_record) == [(liaison.pk, "view", "client"), (liaison.pk, "update", "client")]


def test_producing_the_client_file_is_logged_as_an_export(client_record, service_lead, login):
    login(service_lead).get(client_url("client_file", client_record))

    assert _log(client_record) == [(service_lead.pk, "export", "client")]


def test_refused_requests_and_the_list_write_no_log_rows(client_record, organisation, coordinator, outsider, login):
    login(coordinator).get(client_url("client_detail", client_record))
    login(outsider).get(client_url("client_detail", client_record))
    login(other_liaison(organisation)).get(client_url("client_file", client_record))
    login(coordinator).get(reverse("cases:client_list"))

    assert not AccessLog.objects.exists()


def test_creating_a_client_is_logged(organisation, liaison, login):
    service = make_service(organisation)
    login(liaison).post(
        reverse("cases:client_create"),
        {"service": service.pk, "gender": "female", "age_band": "27-64", "target_group": "crime_victims"},
    )

    assert _log(Client.objects.get()) == [(liaison.pk, "create", "client")]


def test_lead_reads_who_did_what_and_when_newest_first(client_record, liaison, service_lead, login):
    login(liaison).get(client_url("client_detail", client_record))
    login(liaison).get(client_url("client_file", client_record))
    client_anonymise(client=client_record, by=None, now=timezone.now())
    AccessLog.objects.update(at=datetime.datetime(2026, 3, 5, 9, 30, tzinfo=datetime.UTC))

    response = login(service_lead).get(client_url("client_access_log", client_record))

    assert response.status_code == 200
    rows = [
        (row["entry"].user, row["entry"].get_action_display(), row["object_label"]) for row in response.context["rows"]
    ]
    assert rows == [
        (None, "anonymizace", "klient"),
        (liaison, "export / PDF", "klient"),
        (liaison, "zobrazení", "klient"),
    ]
    html = response.content.decode()
    assert f"<td>{liaison} (liaison)</td>" in html
    assert "<td>systém</td>" in html
    assert "5. 3. 2026 10:30:00" in html  # Prague time
    assert f"klient #{client_record.pk}" in html
    assert "<title>Záznamy o přístupu – K-2026-0042 · SVL</title>" in html


def test_log_page_shows_no_identity_and_is_not_itself_a_client_view(client_record, service_lead, login):
    response = login(service_lead).get(client_url("client_access_log", client_record))

    assert FULL_NAME.encode() not in response.content and PHONE.encode() not in response.content
    assert not AccessLog.objects.exists()


def test_log_shows_only_this_clients_rows(client_record, organisation, liaison, service_lead, login):
    other = client_with_case(organisation, workers=[liaison], code="K-2026-0043")
    login(liaison).get(client_url("client_detail", other))

    response = login(service_lead).get(client_url("client_access_log", client_record))

    assert response.context["rows"] == []
    assert "Zatím žádné záznamy." in response.content.decode()


def test_long_log_is_paged(client_record, liaison, service_lead, login):
    AccessLog.objects.bulk_create(
        AccessLog(
            organisation=client_record.organisation,
            user=liaison,
            action="view",
            object_type="client",
            object_id=client_record.pk,
            client=client_record,
        )
        for _ in range(51)
    )

    response = login(service_lead).get(client_url("client_access_log", client_record))

    assert len(response.context["rows"]) == 50
    assert response.context["page"].has_next


def test_log_page_query_count_is_fixed(client_record, liaison, service_lead, login, django_assert_max_num_queries):
    for _ in range(20):
        login(liaison).get(client_url("client_detail", client_record))
    browser = login(service_lead)

    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(8):
        browser.get(client_url("client_access_log", client_record))
