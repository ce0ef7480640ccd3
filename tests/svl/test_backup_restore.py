"""backup_db and restore_db round trip, in throw-away databases on the same server as the test database."""

import contextlib
import subprocess

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connections

from assistants.models import FieldRecord, Shift
from locations.models import Locality
from svl.backups import backup
from svl.choices import Role
from svl.models import Organisation, User
from tests.assistants.factories import FieldRecordFactory, ProjectFactory, ShiftFactory
from tests.locations.factories import LocalityFactory
from tests.svl.factories import OrganisationFactory, UserFactory


def _connect(dbname):
    db = connections["default"].settings_dict
    return psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
        # Every organisation's rows of the tables under row-level security (svl/rls.py) count.
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
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _add_rows():
    organisation = OrganisationFactory(name="Město Záloha")
    apk = UserFactory(organisation=organisation, username="zaloha_apk", roles=[Role.APK])
    mentor = UserFactory(organisation=organisation, username="zaloha_mentor", roles=[Role.MENTOR])
    localities = [LocalityFactory(organisation=organisation, name=name) for name in ("Předlice", "Chanov")]
    project = ProjectFactory(organisation=organisation, assistants=[apk], mentors=[mentor])
    shift = ShiftFactory(organisation=organisation, project=project, mentor=mentor, assistants=[apk])
    FieldRecordFactory(shift=shift, locality=localities[0], author=apk)


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
            with pytest.raises(CommandError, match="pg_restore failed"):
                call_command("restore_db", str(garbage), "--force")
    assert _row_counts(target) == before


def test_connection_parameters_go_to_the_environment_not_the_command_line(monkeypatch, tmp_path):
    calls = []

    def run(command, *, env, **kwargs):
        calls.append((command, env))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr("svl.backups.subprocess.run", run)
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
