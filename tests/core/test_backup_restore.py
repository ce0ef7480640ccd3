"""backup_db and restore_db round trip, in throw-away databases on the same server as the test database."""

import contextlib
import io
import random
import string
import subprocess
import time

import psycopg
import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import CommandError, call_command
from django.db import connections

from accounts.choices import Role
from accounts.models import Organisation, User
from assistants.models import FieldRecord, Shift
from core.backups import backup, tool_path
from locations.models import Locality
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.assistants.factories import FieldRecordFactory, ProjectFactory, ShiftFactory
from tests.locations.factories import LocalityFactory


def _connect(dbname, user=None):
    db = connections["default"].settings_dict
    return psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=user or db["USER"],
        password=db["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
        # Every organisation's rows of the tables under row-level security (core/rls.py) count.
        options="-c svl.rls_bypass=on",
    )


@contextlib.contextmanager
def _using_database(name):
    """Point the default connection at `name` for the block (as bench_reports does)."""
    connection = connections["default"]
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


def _row_counts(name) -> dict[str, int]:
    with _connect(name) as conn:
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").fetchall()
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for (table,) in tables}


@pytest.fixture
def databases(django_db_blocker):
    """Two empty databases named after the test database, so parallel test runs do not collide; dropped after."""
    prefix = settings.DATABASES["default"]["TEST"]["NAME"]
    names = (f"{prefix}_backup_source", f"{prefix}_backup_target")
    with django_db_blocker.unblock():
        with _connect("postgres") as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield names
        finally:
            connections["default"].close()
            with _connect("postgres") as admin:
                for name in names:
                    _drop_database(admin, name)


def _drop_database(admin, name):
    # PostgreSQL 16 refuses a role that is not a superuser to end an autovacuum worker (it runs as no role), which
    # the bulk rows of these tests may start: DROP DATABASE ... WITH (FORCE) then fails. The worker is soon done.
    for _attempt in range(50):
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            time.sleep(0.1)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _add_rows():
    organisation = OrganisationFactory(name="Město Záloha")
    apk = UserFactory(organisation=organisation, username="zaloha_apk", roles=[Role.APK])
    mentor = UserFactory(organisation=organisation, username="zaloha_mentor", roles=[Role.MENTOR])
    localities = [LocalityFactory(organisation=organisation, name=name) for name in ("Předlice", "Chanov")]
    project = ProjectFactory(organisation=organisation, assistants=[apk], mentors=[mentor])
    shift = ShiftFactory(organisation=organisation, project=project, mentor=mentor, assistants=[apk])
    FieldRecordFactory(shift=shift, locality=localities[0], author=apk)


def _add_bulk_rows():
    """Localities with long descriptions that hardly compress: about 150 kB of table data in the dump, behind its
    table of contents (about 250 kB, at the start of the file), so that cutting 50 kB off the end cuts into data."""
    rng = random.Random(11)
    organisation = OrganisationFactory(name="Město Objem")
    Locality.objects.bulk_create(
        LocalityFactory.build(
            organisation=organisation,
            name=f"Objemná lokalita {number}",
            description="".join(rng.choices(string.ascii_letters + string.digits, k=2000)),
        )
        for number in range(100)
    )


def _add_session(username):
    session = SessionStore()
    session["_auth_user_id"] = str(User.objects.get(username=username).pk)
    session.create()


def _schema_grants(name) -> set[tuple[str, str]]:
    with _connect(name) as conn:
        return set(
            conn.execute(
                """
                SELECT CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(acl.grantee) END,
                       acl.privilege_type
                FROM pg_namespace n, aclexplode(n.nspacl) acl
                WHERE n.nspname = 'public'
                """
            ).fetchall()
        )


def test_backup_restores_every_row_into_an_empty_database(databases, tmp_path, django_db_blocker):
    source, target = databases
    dump = tmp_path / "svl.dump"
    with django_db_blocker.unblock():
        with _using_database(source):
            call_command("migrate", verbosity=0)
            _add_rows()
            call_command("backup_db", "--output", str(dump))
        with _using_database(target):
            call_command("restore_db", str(dump))
            restored = {
                "organisations": Organisation.objects.count(),
                "users": User.objects.count(),
                "localities": Locality.objects.count(),
                "shifts": Shift.objects.count(),
                "records": FieldRecord.objects.count(),
                "apk": User.objects.get(username="zaloha_apk").organisation.name,
            }

    assert dump.stat().st_mode & 0o777 == 0o600
    assert restored == {
        "organisations": 1,
        "users": 2,
        "localities": 2,
        "shifts": 1,
        "records": 1,
        "apk": "Město Záloha",
    }
    counts = _row_counts(source)
    assert _row_counts(target) == counts
    assert counts["django_migrations"] > 20


def test_the_application_role_reads_and_writes_the_restored_tables(databases, tmp_path, django_db_blocker):
    source, target = databases
    dump = tmp_path / "svl.dump"
    with django_db_blocker.unblock():
        with _using_database(source):
            call_command("migrate", verbosity=0)
            _add_rows()
            call_command("backup_db", "--output", str(dump))
        with _using_database(target):
            call_command("restore_db", str(dump))
            organisation_id = Organisation.objects.get().pk

    # The web server's role, scoped as a request is (core/rls.py): the dump's privileges were not restored.
    with _connect(target, user=settings.APPLICATION_DATABASE_USER) as app:
        app.execute("SELECT set_config('svl.organisation_id', %s, false)", [str(organisation_id)])
        assert app.execute("SELECT count(*) FROM locations_locality").fetchone() == (2,)
        assert app.execute("UPDATE locations_locality SET description = 'x'").rowcount == 2


def test_restore_into_a_database_with_tables_is_refused_unless_forced(databases, tmp_path, django_db_blocker):
    source, target = databases
    dump = tmp_path / "svl.dump"
    with django_db_blocker.unblock():
        with _using_database(source):
            call_command("migrate", verbosity=0)
            _add_rows()
            call_command("backup_db", "--output", str(dump))
        with _using_database(target):
            call_command("migrate", "svl", verbosity=0)  # a database already in use, without the source's rows
            before = _row_counts(target)
            with pytest.raises(CommandError, match=f"The database {target} is not empty .*nothing was restored"):
                call_command("restore_db", str(dump))
            assert _row_counts(target) == before

            call_command("restore_db", str(dump), "--force")
    assert _row_counts(target) == _row_counts(source)


def test_restore_of_a_file_that_is_no_dump_drops_nothing(databases, tmp_path, django_db_blocker):
    _source, target = databases
    garbage = tmp_path / "not-a.dump"
    garbage.write_bytes(b"PGDMP but not really")
    with django_db_blocker.unblock():
        with _using_database(target):
            call_command("migrate", "svl", verbosity=0)
            before = _row_counts(target)
            with pytest.raises(CommandError, match="(?s)is not a backup this pg_restore can read .*pg_restore failed"):
                call_command("restore_db", str(garbage), "--force")
    assert _row_counts(target) == before


def test_connection_parameters_go_to_the_environment_not_the_command_line(monkeypatch, tmp_path):
    calls = []

    def run(command, *, env, **kwargs):
        calls.append((command, env))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr("core.backups.subprocess.run", run)
    db = connections["default"].settings_dict
    monkeypatch.setitem(db, "PASSWORD", "tajné heslo")
    monkeypatch.setitem(db, "OPTIONS", {"sslmode": "require"})

    backup(output=tmp_path / "svl.dump")

    [(command, env)] = calls
    connection_options = ("-h", "--host", "-p", "--port", "-U", "--username", "-d", "--dbname")
    assert not any(argument.startswith(connection_options) for argument in command)
    assert "tajné heslo" not in " ".join(command)
    assert {key: env[key] for key in ("PGHOST", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE")} == {
        "PGHOST": db["HOST"],
        "PGUSER": db["USER"],
        "PGPASSWORD": "tajné heslo",
        "PGDATABASE": db["NAME"],
        "PGSSLMODE": "require",
    }
    assert (tmp_path / "svl.dump").exists()


def test_restore_of_a_truncated_dump_fails_and_leaves_the_database_as_it_was(databases, tmp_path, django_db_blocker):
    source, target = databases
    dump = tmp_path / "svl.dump"
    truncated = tmp_path / "truncated.dump"
    with django_db_blocker.unblock():
        with _using_database(source):
            call_command("migrate", verbosity=0)
            _add_rows()
            _add_bulk_rows()
            call_command("backup_db", "--output", str(dump))
        truncated.write_bytes(dump.read_bytes()[: -50 * 1024])
        with _using_database(target):
            call_command("migrate", verbosity=0)
            _add_rows()
            _add_session("zaloha_apk")
            before = _row_counts(target)
            with pytest.raises(CommandError) as failure:
                call_command("restore_db", str(truncated), "--force")
    assert _row_counts(target) == before
    assert before["locations_locality"] == 2
    assert before["django_session"] == 1
    assert str(failure.value).startswith(
        f"{truncated} cannot be read to its end (truncated or damaged); nothing was restored and the database "
        "was not changed.\npg_restore failed"
    )
    # The table of contents is whole: the check the restore used to rely on lets the file through.
    listed = subprocess.run([tool_path("pg_restore"), "--list", str(truncated)], capture_output=True, text=True)
    assert listed.returncode == 0


def test_restore_refused_by_the_database_rolls_back_the_dropped_schema(databases, tmp_path, django_db_blocker):
    source, target = databases
    dump = tmp_path / "svl.dump"
    with django_db_blocker.unblock():
        # The dump creates a schema that the target already has: the server refuses the restore after the public
        # schema has been dropped, in the same transaction.
        for name in databases:
            with _using_database(name):
                call_command("migrate", verbosity=0)
                _add_rows()
            with _connect(name) as conn:
                conn.execute("CREATE SCHEMA extra")
        with _using_database(source):
            call_command("backup_db", "--output", str(dump))
        before = _row_counts(target)
        with _using_database(target):
            with pytest.raises(CommandError) as failure:
                call_command("restore_db", str(dump), "--force")
    assert _row_counts(target) == before
    message = str(failure.value)
    assert message.startswith(
        f"The database refused the restore of {dump}; it was rolled back and the database was not changed.\npsql failed"
    )
    assert 'schema "extra" already exists' in message
    assert before["svl_user"] == 2


def test_restore_signs_out_every_session_of_the_database_and_of_the_dump(databases, tmp_path, django_db_blocker):
    source, target = databases
    dump = tmp_path / "svl.dump"
    output = io.StringIO()
    with django_db_blocker.unblock():
        with _using_database(source):
            call_command("migrate", verbosity=0)
            _add_rows()
            _add_session("zaloha_apk")
            _add_session("zaloha_mentor")
            call_command("backup_db", "--output", str(dump))
        with _using_database(target):
            call_command("migrate", verbosity=0)
            _add_rows()
            _add_session("zaloha_mentor")
            call_command("restore_db", str(dump), "--force", stdout=output)

    assert _row_counts(source)["django_session"] == 2
    assert _row_counts(target)["django_session"] == 0
    assert output.getvalue() == (
        f"Restored {dump} into the database {target}.\n"
        "Every session was signed out (django_session emptied): everyone signs in again.\n"
    )


def test_forced_restore_keeps_the_grants_on_the_public_schema(databases, tmp_path, django_db_blocker):
    source, target = databases
    dump = tmp_path / "svl.dump"
    with django_db_blocker.unblock():
        with _using_database(source):
            call_command("migrate", verbosity=0)
            call_command("backup_db", "--output", str(dump))
        with _using_database(target):
            call_command("migrate", "svl", verbosity=0)
            before = _schema_grants(target)
            call_command("restore_db", str(dump), "--force")

    role = connections["default"].settings_dict["USER"]
    # `migrate` gave the application's role its USAGE (core/rls.py, grant_application_privileges).
    assert before == {
        ("pg_database_owner", "USAGE"),
        ("pg_database_owner", "CREATE"),
        ("PUBLIC", "USAGE"),
        (settings.APPLICATION_DATABASE_USER, "USAGE"),
    }
    # The restoring role owns the new schema (as it owns every restored object); nobody lost a grant.
    assert _schema_grants(target) == before | {(role, "USAGE"), (role, "CREATE")}


def test_restore_of_a_dump_with_large_objects_is_refused(databases, tmp_path, django_db_blocker):
    source, target = databases
    dump = tmp_path / "svl.dump"
    with django_db_blocker.unblock():
        with _using_database(source):
            call_command("migrate", "svl", verbosity=0)
        with _connect(source) as conn:
            conn.execute("SELECT lo_from_bytea(0, 'velký objekt')")
        with _using_database(source):
            call_command("backup_db", "--output", str(dump))
        with _using_database(target):
            call_command("migrate", "svl", verbosity=0)
            before = _row_counts(target)
            with pytest.raises(CommandError) as failure:
                call_command("restore_db", str(dump), "--force")
    assert str(failure.value) == f"{dump} holds large objects, which SVL never stores; nothing was restored."
    assert _row_counts(target) == before
