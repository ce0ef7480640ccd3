"""Row-level security (core/rls.py): PostgreSQL itself keeps each organisation's records and audit log apart, and
the application's database role can neither lift it nor switch it off.

The tests connect as the maintenance role and their own connection runs with the maintenance bypass
(tests/conftest.py); `rls_enforced` turns it off, so these tests see what a request sees. The application's role
(`svl_app`) is tried through connections of its own.
"""

import contextlib
import datetime
import io

import psycopg
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import ProgrammingError, connection, connections, transaction
from django.db.backends.postgresql.base import DatabaseWrapper
from django.test import Client as HttpClient
from django.urls import reverse

from accounts.choices import Role
from audit import services as audit
from audit.choices import AuditAction
from audit.models import AuditEvent
from cases.models import Case, Client, ClientIdentity, Contact
from core import rls
from core.embedded_db import APP_ROLE, OWNER_ROLE
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.cases.factories import CaseFactory, ClientFactory, ClientIdentityFactory, ContactFactory
from tests.locations.locality_import_helpers import csv_bytes, locality_row

# A few tables of each kind of policy, for the behaviour tests; every table's policy is checked below.
PROTECTED_MODELS = (Client, ClientIdentity, Case, Contact, AuditEvent)
LOGIN_URL = reverse("login")
# Apps whose tables hold organisations' data: every table of theirs is under row-level security but these.
DATA_APPS = ("svl", "audit", "locations", "assistants", "cases", "platforms", "otp_totp", "otp_static")
NOT_PROTECTED = {
    # The tenants themselves: a name and IČO, read at sign-in and by the deployment's operators.
    "svl_organisation": "the list of tenants",
    # Accounts are looked up by user name at sign-in, before any organisation is known, and by the operators'
    # admin; the application's scoping (`User.objects.for_user`) keeps them apart. Groups and permissions are
    # not used (roles are) and lead nowhere (accounts/models.py, User.groups).
    "svl_user": "accounts, read at sign-in",
    "svl_user_groups": "unused",
    "svl_user_user_permissions": "unused",
}


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


def _data_tables() -> list[str]:
    tables = set()
    for app_label in DATA_APPS:
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                tables.add(model._meta.db_table)
    return sorted(tables - set(NOT_PROTECTED))


def test_the_tests_connect_as_the_maintenance_role(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (OWNER_ROLE, False, False)
    assert rls.database_role_warnings(connection) == []
    assert rls.application_role_warnings(connection, APP_ROLE) == []


@pytest.mark.parametrize("table", _data_tables())
def test_every_table_of_organisation_data_has_its_policy_enabled_and_forced(db, table):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relrowsecurity, c.relforcerowsecurity,
                   array(SELECT p.polname FROM pg_policy p WHERE p.polrelid = c.oid ORDER BY 1)
            FROM pg_class c WHERE c.oid = %s::regclass
            """,
            [table],
        )
        assert cursor.fetchone() == (True, True, ["organisation_isolation"])


def test_the_unprotected_tables_are_the_known_ones():
    tables = set()
    for app_label in DATA_APPS:
        tables |= {m._meta.db_table for m in apps.get_app_config(app_label).get_models(include_auto_created=True)}
    assert set(NOT_PROTECTED) <= tables


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


def test_an_audit_row_of_no_organisation_is_recorded_but_shown_only_to_the_operators(db, rls_enforced):
    with rls.all_organisations():
        organisation = OrganisationFactory()
    event = audit.record(AuditAction.LOGIN_FAILED, username="neznamy", organisation_id=None)

    assert not AuditEvent.objects.filter(pk=event.pk).exists()
    with rls.organisation(organisation.pk):
        assert not AuditEvent.objects.filter(pk=event.pk).exists()
    with rls.operator():
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


# --- the application's role -------------------------------------------------------------------------


@contextlib.contextmanager
def _as_application_role():
    """A connection to the test database as the web server's role (svl_app), in autocommit mode."""
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or None, port=db["PORT"] or None, user=APP_ROLE, dbname=db["NAME"], autocommit=True
    ) as conn:
        yield conn


def test_the_application_role_owns_nothing_and_cannot_lift_row_level_security(db):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT r.rolsuper, r.rolbypassrls, r.rolcreatedb, r.rolcreaterole,
                   pg_has_role(r.oid, d.datdba, 'MEMBER'),
                   (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relowner = r.oid),
                   (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'public' AND p.proowner = r.oid),
                   (SELECT nspowner = r.oid FROM pg_namespace WHERE nspname = 'public'),
                   has_schema_privilege(r.oid, 'public', 'CREATE')
            FROM pg_roles r, pg_database d WHERE r.rolname = %s AND d.datname = current_database()
            """,
            [APP_ROLE],
        )
        assert cursor.fetchone() == (False, False, False, False, False, 0, 0, False, False)


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        ("ALTER TABLE cases_client DISABLE ROW LEVEL SECURITY", "must be owner of table cases_client"),
        ("ALTER TABLE assistants_fieldrecord NO FORCE ROW LEVEL SECURITY", "must be owner of table"),
        ("DROP POLICY organisation_isolation ON locations_locality", "must be owner of relation locations_locality"),
        (
            "CREATE POLICY everything ON platforms_platform USING (true)",
            "must be owner of table platforms_platform",
        ),
        ("ALTER TABLE svl_auditevent DISABLE TRIGGER svl_auditevent_append_only", "must be owner of table"),
        ("SET session_replication_role = replica", 'permission denied to set parameter "session_replication_role"'),
        ("TRUNCATE svl_auditevent", "permission denied for table svl_auditevent"),
        ("UPDATE svl_auditevent SET extra = 'x'", "permission denied for table svl_auditevent"),
        ("DELETE FROM svl_auditevent", "permission denied for table svl_auditevent"),
        ("DELETE FROM django_migrations", "permission denied for table django_migrations"),
        ("CREATE TABLE stolen (id int)", "permission denied for schema public"),
        (f"SET ROLE {OWNER_ROLE}", f'permission denied to set role "{OWNER_ROLE}"'),
        (
            "CREATE OR REPLACE FUNCTION svl_rls_bypassed() RETURNS boolean LANGUAGE sql AS 'SELECT true'",
            "permission denied for schema public",
        ),
    ],
)
def test_the_application_role_cannot_switch_protections_off(db, statement, refusal):
    with _as_application_role() as app:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=refusal):
            app.execute(statement)


def test_the_application_role_reads_and_writes_the_tables_and_adds_to_the_audit_log(db):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND NOT (has_table_privilege(%(role)s, c.oid, 'SELECT')
                       AND has_table_privilege(%(role)s, c.oid, 'INSERT')
                       AND (has_table_privilege(%(role)s, c.oid, 'UPDATE')
                            OR c.relname IN ('svl_auditevent', 'django_migrations')))
            """,
            {"role": APP_ROLE},
        )
        missing = [row[0] for row in cursor.fetchall()]
    assert missing == ["django_migrations"]  # read-only for the application


@pytest.mark.django_db(transaction=True)
def test_the_bypass_setting_shows_the_application_role_nothing():
    with rls.all_organisations():
        a, b = OrganisationFactory(name="Město A"), OrganisationFactory(name="Město B")
        _rows_of(a)
        _rows_of(b)

    with _as_application_role() as app:
        app.execute("SELECT set_config('svl.rls_bypass', 'on', false)")
        assert app.execute("SELECT count(*) FROM cases_client").fetchone() == (0,)
        assert app.execute("SELECT svl_rls_bypassed()").fetchone() == (False,)
        app.execute("SELECT set_config('svl.organisation_id', %s, false)", [str(a.pk)])
        assert app.execute("SELECT DISTINCT organisation_id FROM cases_client").fetchall() == [(a.pk,)]
        assert app.execute("SELECT count(*) FROM cases_case_workers").fetchone() == (1,)


def test_all_organisations_refuses_the_application_role(db):
    app = DatabaseWrapper({**connection.settings_dict, "USER": APP_ROLE}, alias="application_role")
    connections["application_role"] = app
    try:
        with pytest.raises(rls.BypassRefused, match="may not lift row-level security"):
            with rls.all_organisations(using="application_role"):
                pass
    finally:
        app.close()
        del connections["application_role"]


def test_every_migrate_grants_the_application_role_its_privileges(db):
    with connection.cursor() as cursor:
        cursor.execute(f"REVOKE SELECT ON locations_locality FROM {APP_ROLE}")
    call_command("migrate", verbosity=0)

    with connection.cursor() as cursor:
        cursor.execute("SELECT has_table_privilege(%s, 'locations_locality', 'SELECT')", [APP_ROLE])
        assert cursor.fetchone() == (True,)


# --- the deploy check ------------------------------------------------------------------------------


def test_the_deploy_check_warns_about_a_superuser_role(db):
    settings = connection.settings_dict
    # The embedded server's bootstrap superuser, which set-up uses (core/embedded_db.py).
    with psycopg.connect(host=settings["HOST"], port=settings["PORT"], user="postgres", dbname="postgres") as superuser:
        warnings = rls.database_role_warnings(superuser)

    assert [(warning.id, warning.msg.split(":")[0]) for warning in warnings] == [
        ("svl.W001", "The application connects to PostgreSQL as postgres, a role with SUPERUSER")
    ]


def test_the_deploy_check_warns_when_the_application_role_owns_the_tables(db):
    warnings = rls.application_role_warnings(connection, OWNER_ROLE)

    assert [warning.id for warning in warnings] == ["svl.W002"]
    assert warnings[0].msg.startswith(f"The application's database role {OWNER_ROLE} can lift or switch off")


def test_the_deploy_check_passes_over_an_unreachable_database(db):
    unreachable = DatabaseWrapper({**connection.settings_dict, "HOST": "db.invalid", "PORT": "5432"})

    assert rls.database_role_warnings(unreachable) == []
