"""The organisation admin's audit log (/organisation/audit/): filters, keyset pages, CSV export, access."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from audit import views as audit_views
from audit.choices import AuditAction
from audit.models import AuditEvent
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("audit:list")
EXPORT_URL = reverse("audit:export")
JANUARY = {"date_from": "2026-01-01", "date_to": "2026-01-31"}


def _at(day: int, hhmm: str, month: int = 1) -> datetime.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return timezone.make_aware(datetime.datetime(2026, month, day, hours, minutes))


def _event(organisation, *, at, user=None, **fields):
    fields.setdefault("username", user.username if user else "")
    return AuditEvent.objects.create(organisation=organisation, at=at, user=user, **fields)


@pytest.fixture
def january(organisation, other_organisation, org_admin, coordinator):
    """Four events of organisation A in January 2026, one of organisation B, one of no organisation."""
    events = {
        "export": _event(
            organisation,
            at=_at(10, "08:00"),
            user=coordinator,
            action=AuditAction.EXPORT,
            extra="lokality-2026-01-10.csv",
        ),
        "update": _event(
            organisation,
            at=_at(20, "09:30"),
            user=org_admin,
            action=AuditAction.UPDATE,
            object_type="locations.locality",
            object_id=42,
            object_repr="Předlice",
            changed_fields=["name", "description"],
            ip_address="10.0.0.7",
        ),
        "late": _event(
            organisation,
            at=_at(31, "23:30"),
            user=coordinator,
            action=AuditAction.VIEW_CLIENT,
            object_type="cases.client",
            object_id=7,
            object_repr="K-2026-0007",
        ),
        "february": _event(organisation, at=_at(1, "00:00", month=2), user=coordinator, action=AuditAction.LOGIN),
        "other": _event(
            other_organisation, at=_at(15, "10:00"), action=AuditAction.CREATE, object_type="locations.locality"
        ),
        "unknown": _event(None, at=_at(15, "11:00"), action=AuditAction.LOGIN_FAILED, username="neznamy"),
    }
    return events


def _ids(response):
    return [event.pk for event in response.context["page"]]


# --- the list ----------------------------------------------------------------------------------------


def test_admin_sees_the_organisations_events_newest_first(january, org_admin, login):
    response = login(org_admin).get(LIST_URL, JANUARY)

    assert response.status_code == 200
    assert _ids(response) == [january["late"].pk, january["update"].pk, january["export"].pk]


def test_another_organisations_events_and_events_of_no_organisation_are_never_shown(january, org_admin, login):
    response = login(org_admin).get(LIST_URL)

    shown = _ids(response)
    assert january["update"].pk in shown
    assert january["other"].pk not in shown
    assert january["unknown"].pk not in shown
    assert "neznamy" not in response.content.decode()


def test_a_row_shows_who_what_and_the_changed_field_names(january, org_admin, login):
    response = login(org_admin).get(LIST_URL, {**JANUARY, "action": AuditAction.UPDATE})

    html = response.content.decode()
    assert '<td class="text-nowrap">20. 1. 2026 09:30:00</td>' in html
    assert "<td>orgadmin</td>" in html
    assert "<td>změna</td>" in html
    assert 'Lokalita Předlice <span class="text-body-secondary">#42</span>' in html
    assert "<td>name, description</td>" in html
    assert "<td>10.0.0.7</td>" in html


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({**JANUARY, "object_type": "cases.client"}, ["late"]),
        ({**JANUARY, "action": AuditAction.EXPORT}, ["export"]),
        ({"date_from": "2026-01-15", "date_to": "2026-01-31"}, ["late", "update"]),
        ({"date_from": "2026-01-31", "date_to": "2026-02-01"}, ["february", "late"]),
        ({"date_from": "2026-01-01", "date_to": "2026-01-10"}, ["export"]),
    ],
)
def test_filters(filters, expected, january, org_admin, login):
    response = login(org_admin).get(LIST_URL, filters)

    assert _ids(response) == [january[name].pk for name in expected]


def test_filter_by_user(january, org_admin, coordinator, login):
    response = login(org_admin).get(LIST_URL, {**JANUARY, "account": coordinator.pk})

    assert _ids(response) == [january["late"].pk, january["export"].pk]


def test_date_to_before_date_from_is_an_error(org_admin, login):
    response = login(org_admin).get(LIST_URL, {"date_from": "2026-01-20", "date_to": "2026-01-10"})

    assert response.context["form"].errors["date_to"] == ["Datum „do“ nesmí být před datem „od“."]


def test_a_user_of_another_organisation_is_not_a_filter_choice(org_admin, outsider, login):
    response = login(org_admin).get(LIST_URL, {"account": outsider.pk})

    assert "account" in response.context["form"].errors


def test_pages_by_keyset_without_gaps(organisation, org_admin, login, monkeypatch):
    monkeypatch.setattr(audit_views, "PAGE_SIZE", 5)
    created = [
        _event(organisation, at=_at(1 + index // 3, "12:00"), action=AuditAction.EXPORT, extra=f"{index}.csv")
        for index in range(12)
    ]
    expected = [event.pk for event in sorted(created, key=lambda e: (e.at, e.pk), reverse=True)]
    client = login(org_admin)

    pages, params = [], dict(JANUARY)
    while True:
        page = client.get(LIST_URL, params).context["page"]
        pages.append([event.pk for event in page])
        if not page.has_next:
            break
        params = {**JANUARY, "after": page.next_cursor}

    assert [len(p) for p in pages] == [5, 5, 2]
    assert [pk for p in pages for pk in p] == expected


def test_list_runs_a_fixed_number_of_queries_and_no_count(
    january, organisation, org_admin, coordinator, login, django_assert_max_num_queries
):
    for day in range(1, 29):
        _event(organisation, at=_at(day, "07:00"), user=coordinator, action=AuditAction.EXPORT, extra="x.csv")
    client = login(org_admin)
    params = {**JANUARY, "account": coordinator.pk, "action": AuditAction.EXPORT, "object_type": ""}

    # session, user, OTP device, savepoint + release, the chosen account, the account choices, the page's rows
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(9), CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, params)

    assert len(response.context["page"]) == 29
    assert not [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]


# --- the CSV export ----------------------------------------------------------------------------------


def _csv(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def test_export_is_the_filtered_log_as_czech_csv(january, org_admin, login):
    response = login(org_admin).get(EXPORT_URL, JANUARY)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="audit-{timezone.localdate():%Y-%m-%d}.csv"'
    assert _csv(response) == (
        "\ufeffČas;Uživatel;Akce;Typ objektu;ID objektu;Objekt;Změněná pole;IP adresa;Poznámka\r\n"
        "2026-01-31 23:30:00;coordinator;zobrazení údajů klienta;Klient;7;K-2026-0007;;;\r\n"
        "2026-01-20 09:30:00;orgadmin;změna;Lokalita;42;Předlice;name, description;10.0.0.7;\r\n"
        "2026-01-10 08:00:00;coordinator;export;;;;;;lokality-2026-01-10.csv\r\n"
    )


def test_export_neutralises_spreadsheet_formulas(organisation, org_admin, login):
    _event(
        organisation,
        at=_at(5, "10:00"),
        action=AuditAction.CREATE,
        object_type="locations.locality",
        object_id=1,
        object_repr="=HYPERLINK(1)",
        username="@evil",
    )

    lines = _csv(login(org_admin).get(EXPORT_URL, JANUARY)).splitlines()

    assert lines[1] == "2026-01-05 10:00:00;'@evil;vytvoření;Lokalita;1;'=HYPERLINK(1);;;"


def test_export_is_itself_recorded(org_admin, organisation, login):
    response = login(org_admin).get(EXPORT_URL, {"action": AuditAction.LOGIN_FAILED})
    _csv(response)

    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).get()
    assert (event.organisation_id, event.user_id, event.extra) == (
        organisation.pk,
        org_admin.pk,
        f"audit-{timezone.localdate():%Y-%m-%d}.csv",
    )


def test_export_never_holds_another_organisations_events(january, org_admin, login):
    text = _csv(login(org_admin).get(EXPORT_URL, {"date_from": "2026-01-15", "date_to": "2026-01-15"}))

    assert text == "\ufeffČas;Uživatel;Akce;Typ objektu;ID objektu;Objekt;Změněná pole;IP adresa;Poznámka\r\n"


# --- access ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.APK, Role.MENTOR, Role.LIAISON, Role.SERVICE_LEAD, Role.COORDINATOR])
@pytest.mark.parametrize("url", [LIST_URL, EXPORT_URL])
def test_other_roles_are_refused(role, url, organisation, login):
    user = UserFactory(organisation=organisation, roles=[role])

    assert login(user).get(url).status_code == 403


@pytest.mark.parametrize("url", [LIST_URL, EXPORT_URL])
def test_login_required(url, client):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("url", [LIST_URL, EXPORT_URL])
def test_wrong_method(url, org_admin, login):
    assert login(org_admin).post(url).status_code == 405


def test_navigation_offers_the_audit_to_org_admins_only(org_admin, coordinator, login):
    entry = f'href="{LIST_URL}"'

    assert entry in login(org_admin).get(reverse("users:list")).content.decode()
    assert entry not in login(coordinator).get(reverse("localities:list")).content.decode()


def test_django_admin_shows_the_log_read_only(db, login):
    superuser = UserFactory(organisation=None, roles=[], is_staff=True, is_superuser=True)
    client = login(superuser)

    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
