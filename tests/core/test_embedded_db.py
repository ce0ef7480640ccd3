"""The embedded PostgreSQL of `make run` / `make test` (core/embedded_db.py): its two roles and a private socket."""

import os
import stat
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from core.embedded_db import APP_ROLE, OWNER_ROLE

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not settings.EMBEDDED_DATABASE, reason="DATABASE_URL points at another server"),
]


def _show(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_the_socket_is_private_to_the_servers_user():
    socket = Path(connection.settings_dict["HOST"]) / ".s.PGSQL.5432"

    assert _show("unix_socket_permissions") == "0700"
    assert stat.S_IMODE(os.stat(socket).st_mode) == 0o700


def test_the_server_listens_on_no_network_address():
    assert _show("listen_addresses") == ""


def test_the_two_roles_have_no_power_over_row_level_security():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT rolname, rolsuper, rolbypassrls, rolcreatedb, rolcreaterole FROM pg_roles
            WHERE rolname IN (%s, %s) ORDER BY rolname
            """,
            [APP_ROLE, OWNER_ROLE],
        )
        assert cursor.fetchall() == [(APP_ROLE, False, False, False, False), (OWNER_ROLE, False, False, True, False)]


def test_the_test_database_is_owned_by_the_maintenance_role():
    with connection.cursor() as cursor:
        cursor.execute("SELECT datdba::regrole::text FROM pg_database WHERE datname = current_database()")
        assert cursor.fetchone() == (OWNER_ROLE,)
