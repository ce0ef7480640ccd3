"""Row-level security (svl/rls.py): PostgreSQL itself keeps each organisation's client records and audit log apart.

The tests' own connection runs with the maintenance bypass (tests/conftest.py); `rls_enforced` turns it off, so
these tests see what the application's role sees in production.
"""

import datetime
import io

import psycopg
import pytest
from django.core.management import call_command
from django.db import ProgrammingError, connection, transaction
from django.db.backends.postgresql.base import DatabaseWrapper
from django.test import Client as HttpClient
from django.urls import reverse

from cases.models import Case, Client, ClientIdentity, Contact
from svl import audit, rls
from svl.choices import AuditAction, Role
from svl.models import AuditEvent
from tests.cases.factories import CaseFactory, ClientFactory, ClientIdentityFactory, ContactFactory
from tests.locations.locality_import_helpers import csv_bytes, locality_row
from tests.svl.factories import OrganisationFactory, UserFactory

# The tables the issue names; the migration covers every table of `cases`.
PROTECTED_MODELS = (Client, ClientIdentity, Case, Contact, AuditEvent)
LOGIN_URL = reverse("login")


def _rows_of(organisation):
    """A client with identity, a case and a contact; saving them writes audit rows of the organisation too."""
    contact = ContactFactory(case__client__organisation=organisation)
    ClientIdentityFactory(client=contact.case.client)
    return contact


def _setting(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s, true)", [name])
        return cursor.fetchone()[0]


def _organisations_seen(model):
    return set(model.objects.values_list("organisation_id", flat=True).distinct())


@pytest.fixture
def two_organisations(db):
    a, b = OrganisationFactory(name="Město A"), OrganisationFactory(name="Město B")
    return a, _rows_of(a), b, _rows_of(b)


def test_the_application_role_is_neither_superuser_nor_bypassrls(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == ("svl_app", False, False)
    assert rls.database_role_warnings(connection) == []


@pytest.mark.parametrize("model", PROTECTED_MODELS, ids=lambda model: model._meta.db_table)
def test_row_level_security_is_enabled_and_forced(db, model):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
        )
        assert cursor.fetchone() == (True, True)


@pytest.mark.parametrize("model", PROTECTED_MODELS, ids=lambda model: model._meta.db_table)
def test_without_the_setting_a_query_sees_no_rows(two_organisations, rls_enforced, model):
    assert model.objects.count() == 0
    with rls.all_organisations():
        assert model.objects.count() >= 2


@pytest.mark.parametrize("model", PROTECTED_MODELS, ids=lambda model: model._meta.db_table)
def test_under_organisation_a_only_its_rows_are_seen(two_organisations, rls_enforced, model):
    a, _, _, _ = two_organisations

    with rls.organisation(a.pk):
        assert _organisations_seen(model) == {a.pk}
    assert model.objects.count() == 0


def test_under_organisation_a_a_row_of_organisation_b_cannot_be_inserted(two_organisations, rls_enforced):
    a, _, b, contact_b = two_organisations
    case_b = contact_b.case
    client_b = case_b.client
    # Built in memory (factory_boy's build strategy), saved under organisation A.
    attempts = {
        "cases_client": ClientFactory.build(organisation=b, service=client_b.service, created_by=client_b.created_by),
        "cases_clientidentity": ClientIdentityFactory.build(client=client_b),
        "cases_case": CaseFactory.build(client=client_b),
        "cases_contact": ContactFactory.build(case=case_b),
        "svl_auditevent": AuditEvent(organisation=b, action=AuditAction.EXPORT),
    }

    with rls.organisation(a.pk):
        for table, row in attempts.items():
            with pytest.raises(ProgrammingError, match=f'row-level security policy for table "{table}"'):
                with transaction.atomic():
                    row.save()
    with rls.all_organisations():
        assert _organisations_seen(Client) == {a.pk, b.pk}
        assert Client.objects.filter(organisation=b).count() == 1


def test_under_organisation_a_a_row_cannot_be_moved_to_b_nor_b_changed(two_organisations, rls_enforced):
    a, contact_a, b, contact_b = two_organisations

    with rls.organisation(a.pk):
        with pytest.raises(ProgrammingError, match="row-level security"), transaction.atomic():
            Client.objects.filter(pk=contact_a.case.client_id).update(organisation=b)
        assert Client.objects.filter(pk=contact_b.case.client_id).update(code="K-2026-0001") == 0


def test_an_audit_row_of_no_organisation_is_recorded_but_shown_only_with_the_bypass(db, rls_enforced):
    event = audit.record(AuditAction.LOGIN_FAILED, username="neznamy", organisation_id=None)

    assert not AuditEvent.objects.filter(pk=event.pk).exists()
    with rls.all_organisations():
        assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_audit_log_stays_append_only_under_row_level_security(two_organisations, rls_enforced):
    a, _, _, _ = two_organisations

    with rls.organisation(a.pk):
        with pytest.raises(Exception, match="audit log is append-only"), transaction.atomic():
            AuditEvent.objects.filter(organisation=a).update(extra="x")
        with pytest.raises(Exception, match="audit log is append-only"), transaction.atomic():
            AuditEvent.objects.filter(organisation=a).delete()


def test_a_block_puts_the_previous_setting_back(db, rls_enforced):
    with rls.organisation(7):
        with rls.all_organisations():
            assert (_setting(rls.BYPASS_SETTING), _setting(rls.ORGANISATION_SETTING)) == ("on", "7")
        assert (_setting(rls.BYPASS_SETTING), _setting(rls.ORGANISATION_SETTING)) == ("off", "7")
    assert _setting(rls.ORGANISATION_SETTING) == ""


# --- requests --------------------------------------------------------------------------------------


@pytest.fixture
def liaisons(two_organisations, login):
    """Each organisation's client with a test client signed in as its liaison worker (who works on its case)."""
    _, contact_a, _, contact_b = two_organisations
    client_a, client_b = contact_a.case.client, contact_b.case.client
    return (login(client_a.created_by), client_a), (login(client_b.created_by), client_b)


@pytest.mark.django_db(transaction=True)
def test_a_request_sees_its_organisation_and_the_setting_ends_with_it(liaisons, rls_enforced):
    (browser_a, client_a), (browser_b, client_b) = liaisons

    page_a = browser_a.get(reverse("cases:client_list"))

    assert page_a.status_code == 200
    assert client_a.code in page_a.text
    assert client_b.code not in page_a.text
    # The request's transaction is over: its organisation is gone from the connection, which sees nothing again.
    assert _setting(rls.ORGANISATION_SETTING) in ("", None)
    assert Client.objects.count() == 0

    page_b = browser_b.get(reverse("cases:client_list"))
    assert (client_b.code in page_b.text, client_a.code in page_b.text) == (True, False)


@pytest.mark.django_db(transaction=True)
def test_a_request_writes_under_its_organisation(liaisons, rls_enforced):
    (browser_a, client_a), _ = liaisons

    response = browser_a.get(reverse("cases:client_detail", args=[client_a.pk]))

    assert response.status_code == 200
    with rls.all_organisations():
        viewed = AuditEvent.objects.filter(action=AuditAction.VIEW_CLIENT, object_id=client_a.pk)
        assert list(viewed.values_list("organisation_id", "user")) == [
            (client_a.organisation_id, client_a.created_by_id)
        ]


@pytest.mark.django_db(transaction=True)
def test_the_streamed_audit_export_shows_the_organisations_events(two_organisations, login, rls_enforced):
    a, contact_a, _, contact_b = two_organisations
    with rls.all_organisations():
        admin = login(UserFactory(organisation=a, username="admin_a", roles=[Role.ORG_ADMIN]))

    response = admin.get(reverse("audit:export"))

    exported = b"".join(response.streaming_content).decode()
    assert contact_a.case.client.code in exported
    assert contact_b.case.client.code not in exported


# --- the login page: an anonymous request ------------------------------------------------------------


def _sign_in_events():
    with rls.all_organisations():
        return list(
            AuditEvent.objects.filter(action__in=[AuditAction.LOGIN, AuditAction.LOGIN_FAILED])
            .order_by("id")
            .values_list("action", "organisation_id", "username")
        )


@pytest.mark.django_db(transaction=True)
def test_logins_and_failed_logins_are_still_recorded(two_organisations, password, rls_enforced):
    a, _, _, _ = two_organisations
    with rls.all_organisations():
        UserFactory(organisation=a, username="apk_a", roles=[Role.APK])

    HttpClient().post(LOGIN_URL, {"username": "apk_a", "password": "Spatne-heslo-123456"})
    HttpClient().post(LOGIN_URL, {"username": "neznamy", "password": "Spatne-heslo-123456"})
    response = HttpClient().post(LOGIN_URL, {"username": "apk_a", "password": password})

    assert response.status_code == 302
    assert _sign_in_events() == [
        (AuditAction.LOGIN_FAILED, a.pk, "apk_a"),
        (AuditAction.LOGIN_FAILED, None, "neznamy"),
        (AuditAction.LOGIN, a.pk, "apk_a"),
    ]


# --- maintenance -----------------------------------------------------------------------------------


def test_create_organisation_writes_its_audit_rows_under_row_level_security(db, rls_enforced, monkeypatch):
    monkeypatch.setenv("SVL_ADMIN_PASSWORD", "velmi dlouhé heslo")

    call_command(
        "create_organisation", "--name", "Město Kladno", "--ico", "00234516", "--kind", "municipality",
        "--admin-username", "spravce",
    )  # fmt: skip

    with rls.all_organisations():
        assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="svl.organisation").count() == 1


def test_anonymise_expired_reaches_every_organisations_clients(db, rls_enforced, capsys):
    with rls.all_organisations():
        for organisation in (OrganisationFactory(name="Město A"), OrganisationFactory(name="Město B")):
            case = CaseFactory(
                client__organisation=organisation,
                opened_on=datetime.date(2010, 1, 1),
                status="closed",
                closed_on=datetime.date(2011, 1, 1),
                closure_reason="Ukončeno.",
            )
            ClientIdentityFactory(client=case.client)

    call_command("anonymise_expired", "--dry-run")

    assert "2 client(s) due for anonymisation" in capsys.readouterr().out


def test_import_localities_writes_its_audit_rows_for_its_organisation(db, rls_enforced, tmp_path):
    with rls.all_organisations():
        organisation = OrganisationFactory(name="Město A")
    path = tmp_path / "lokality.csv"
    path.write_bytes(csv_bytes([locality_row(Název="Předlice")]))

    call_command("import_localities", "--org", organisation.ico, str(path), stdout=io.StringIO())

    with rls.all_organisations():
        created = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="locations.locality")
        assert list(created.values_list("organisation_id", "object_repr")) == [(organisation.pk, "Předlice")]


# --- the deploy check ------------------------------------------------------------------------------


def test_the_deploy_check_warns_about_a_superuser_role(db):
    settings = connection.settings_dict
    # The embedded server's bootstrap superuser, which set-up uses (svl/embedded_db.py).
    with psycopg.connect(host=settings["HOST"], port=settings["PORT"], user="postgres", dbname="postgres") as superuser:
        warnings = rls.database_role_warnings(superuser)

    assert [(warning.id, warning.msg.split(":")[0]) for warning in warnings] == [
        ("svl.W001", "The application connects to PostgreSQL as postgres, a role with SUPERUSER")
    ]


def test_the_deploy_check_passes_over_an_unreachable_database(db):
    unreachable = DatabaseWrapper({**connection.settings_dict, "HOST": "db.invalid", "PORT": "5432"})

    assert rls.database_role_warnings(unreachable) == []
