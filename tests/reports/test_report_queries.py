"""Each report page runs a fixed number of queries whatever the period holds: counted on the dataset of
the report's tests, then again with three times the rows (assistants, shifts, records, localities,
clients, contacts, meetings)."""

from django.urls import reverse

from tests.reports.apk_dataset import PERIOD as APK_PERIOD
from tests.reports.apk_dataset import build_apk_data, grow_apk_data
from tests.reports.helpers import count_queries
from tests.reports.mpsv_dataset import PERIOD as MPSV_PERIOD
from tests.reports.mpsv_dataset import build_mpsv_data, grow_mpsv_data
from tests.reports.situation_dataset import PERIOD as SITUATION_PERIOD
from tests.reports.situation_dataset import build_situation_data, grow_situation_data

# Session, user, OTP device, the row-level security scope (core/rls.py), savepoints, the form's choices, then the
# report's aggregate queries.
APK_QUERIES = 23
MPSV_QUERIES = 19
SITUATION_QUERIES = 10


def test_apk_report_query_count_does_not_grow(
    organisation, other_organisation, mentor, coordinator, login, django_assert_max_num_queries
):
    data = build_apk_data(organisation, mentor, other_organisation)
    client = login(coordinator)
    url, params = reverse("reports:apk"), {"project": data.project.pk, **APK_PERIOD}
    few = count_queries(client, url, params)

    grow_apk_data(data, mentor, copies=2)  # three times the assistants' shifts, records and localities

    assert count_queries(client, url, params) == few
    with django_assert_max_num_queries(APK_QUERIES):
        assert client.get(url, params).context["report"].facts[2] == ("Schválené směny", 4 + 2 * 6)


def test_mpsv_report_query_count_does_not_grow(
    organisation, other_organisation, service_lead, login, django_assert_max_num_queries
):
    data = build_mpsv_data(organisation, other_organisation)
    client = login(service_lead)
    url, params = reverse("reports:mpsv"), {"service": data.service.pk, **MPSV_PERIOD}
    few = count_queries(client, url, params)

    grow_mpsv_data(data, copies=3)  # 4 + 9 clients, 7 + 27 contacts, 2 + 3 anonymous contacts

    assert count_queries(client, url, params) == few
    with django_assert_max_num_queries(MPSV_QUERIES):
        assert client.get(url, params).context["report"].facts[0] == ("Unikátní identifikovaní klienti", 4 + 9)


def test_situation_report_query_count_does_not_grow(
    organisation, other_organisation, coordinator, login, django_assert_max_num_queries
):
    data = build_situation_data(organisation, other_organisation)
    client = login(coordinator)
    url = reverse("reports:situation")
    few = count_queries(client, url, SITUATION_PERIOD)

    grow_situation_data(data, copies=3)  # 4 + 9 localities with observations, records and meetings

    assert count_queries(client, url, SITUATION_PERIOD) == few
    with django_assert_max_num_queries(SITUATION_QUERIES):
        assert client.get(url, SITUATION_PERIOD).context["report"].facts[0] == ("Lokality", 4 + 9)
