"""The duplicate warning on client creation names existing clients; each one it names gets an access-log row."""

import pytest
from django.urls import reverse

from cases.models import AccessLog, Client
from tests.cases.client_helpers import FULL_NAME, client_url, client_with_case, make_service, other_liaison

pytestmark = pytest.mark.django_db

URL = reverse("cases:client_create")


@pytest.fixture
def service(organisation):
    return make_service(organisation, name="Asistence obětem")


def _data(service, **overrides):
    data = {"service": service.pk, "gender": "female", "age_band": "27-64", "target_group": "crime_victims"}
    data.update(overrides)
    return data


def _log(client):
    return list(
        AccessLog.objects.filter(client=client).order_by("id").values_list("user", "action", "object_type", "object_id")
    )


def test_warning_to_an_unassigned_liaison_logs_a_duplicate_check_for_each_named_client(service, organisation, login):
    assigned = other_liaison(organisation)
    by_name = client_with_case(organisation, workers=[assigned], service=service, code="K-2026-0042")
    by_code = client_with_case(organisation, workers=[assigned], service=service, code="K-2025-0007", identity=False)
    unrelated = client_with_case(organisation, workers=[assigned], service=service, code="K-2026-0050", identity=False)
    worker = other_liaison(organisation, username="druha_pracovnice")

    response = login(worker).post(URL, _data(service, full_name="marie novakova", earlier_code="k-2025-0007"))

    assert response.context["duplicate_codes"] == ["K-2025-0007", "K-2026-0042"]
    assert _log(by_name) == [(worker.pk, "duplicate", "client", by_name.pk)]
    assert _log(by_code) == [(worker.pk, "duplicate", "client", by_code.pk)]
    assert _log(unrelated) == []
    assert AccessLog.objects.count() == 2
    assert Client.objects.count() == 3


def test_service_lead_sees_the_duplicate_check_on_the_clients_access_log_page(
    service, organisation, service_lead, login
):
    existing = client_with_case(organisation, workers=[other_liaison(organisation)], service=service)
    worker = other_liaison(organisation, username="druha_pracovnice")
    login(worker).post(URL, _data(service, full_name=FULL_NAME))

    response = login(service_lead).get(client_url("client_access_log", existing))

    rows = [
        (row["entry"].user, row["entry"].get_action_display(), row["object_label"]) for row in response.context["rows"]
    ]
    assert rows == [(worker, "kontrola duplicity", "klient")]
    html = response.content.decode()
    assert f"<td>{worker} (druha_pracovnice)</td>" in html
    assert "<td>kontrola duplicity</td>" in html


def test_no_row_when_nothing_matched(service, organisation, liaison, login):
    existing = client_with_case(organisation, workers=[liaison], service=service)

    response = login(liaison).post(URL, _data(service, full_name="Jana Nová", earlier_code="K-2026-9999"))

    assert response.status_code == 302
    assert _log(existing) == []
    assert list(AccessLog.objects.values_list("action", flat=True)) == ["create"]  # the new client's own row


def test_confirmed_creation_logs_the_check_once_when_it_was_shown(service, organisation, liaison, login):
    existing = client_with_case(organisation, workers=[other_liaison(organisation)], service=service)
    browser = login(liaison)
    browser.post(URL, _data(service, full_name=FULL_NAME))

    response = browser.post(
        URL, _data(service, full_name=FULL_NAME, warned_codes="K-2026-0042", confirm_duplicate="on")
    )

    assert response.status_code == 302
    assert _log(existing) == [(liaison.pk, "duplicate", "client", existing.pk)]
