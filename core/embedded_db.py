"""The embedded PostgreSQL used when DATABASE_URL is not set (development and tests).

pgserver runs a real PostgreSQL from a Python wheel with its data under var/pg/. The server is
started on first use and deliberately left running (cleanup_mode=None), so `manage.py` commands,
`make run` and the test suite all reach the same server whether or not another one is serving.

Two roles, as in production (README, "Deploying"; core/rls.py):
- `svl_owner` owns the databases, their schema and every table. Migrations, management commands and the test
  suite connect as it ("maintenance"). It is neither superuser nor BYPASSRLS, and FORCE ROW LEVEL SECURITY binds
  it too; only it may lift row-level security for a transaction (`core.rls.all_organisations()`), because the
  policies honour the bypass setting only for a member of the database's owner. It may create databases (the
  test databases).
- `svl_app` owns nothing. The web server (`runserver`, gunicorn) connects as it ("app"). It may read and write the
  tables (`core.rls.grant_application_privileges`, after every `migrate`) but not alter, drop or truncate them,
  disable their triggers or row-level security, create objects, or lift row-level security.

Set-up connects as the bootstrap superuser `postgres` to create both roles and the database, and to hand over
what another role created (`postgres`, or `svl_app`, which owned everything before the roles were split): every
database not owned by `svl_owner`, with its schema, tables, sequences, views and functions. A database already
owned by `svl_owner` is taken as handed over, except the two this process uses (the development and the test
database), whose objects are checked on every start: one query each when there is nothing to do.

The server trusts connections on its Unix socket only (no TCP), and the socket is private to the user running
the server (`unix_socket_permissions = 0700`): nobody else on the machine can reach the database.
"""

import sys
from pathlib import Path

DATABASE_NAME = "svl"
OWNER_ROLE = "svl_owner"
APP_ROLE = "svl_app"
ROLES = {"maintenance": OWNER_ROLE, "app": APP_ROLE}
# A database in use elsewhere (a running test session) keeps its locks: rather than wait, hand it over next time.
HANDOVER_LOCK_TIMEOUT = "2s"
# Server settings set once with ALTER SYSTEM (a restart applies them): a private socket, no TCP at all.
SERVER_SETTINGS = {"unix_socket_permissions": "0700", "listen_addresses": ""}

# Everything in the public schema not owned by the owner role, except what belongs to an extension.
# Tables, views and foreign tables first: a table's owner change carries its indexes, identity and serial
# sequences along (changing those sequences alone is refused), so sequences are looked at afterwards.
_HANDOVER_SQL = f"""
DO $$
DECLARE
    item record;
BEGIN
    IF (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public')
            NOT IN ('{OWNER_ROLE}', 'pg_database_owner') THEN
        ALTER SCHEMA public OWNER TO {OWNER_ROLE};
    END IF;
    FOR item IN
        SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND c.relowner <> '{OWNER_ROLE}'::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO {OWNER_ROLE}', item.name);
    END LOOP;
    FOR item IN
        SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> '{OWNER_ROLE}'::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.deptype IN ('e', 'a', 'i'))
    LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNER TO {OWNER_ROLE}', item.name);
    END LOOP;
    FOR item IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proowner <> '{OWNER_ROLE}'::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                          AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO {OWNER_ROLE}', item.name);
    END LOOP;
END
$$;
"""
# Is anything in the public schema of a database owned by the owner role still someone else's?
_FOREIGN_OBJECTS_SQL = f"""
SELECT EXISTS (
    SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      AND c.relowner <> '{OWNER_ROLE}'::regrole
    UNION ALL
    SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.proowner <> '{OWNER_ROLE}'::regrole
)
"""


def ensure_server(pgdata: Path, *, test_database: str = f"test_{DATABASE_NAME}", role: str = "maintenance") -> dict:
    """Start (or attach to) the embedded server, set up both roles and return Django's settings for `role`.

    `role` is "maintenance" (the owner: migrations, commands, tests) or "app" (the web server).
    """
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); pgserver copes with /tmp.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver
    import psycopg

    pgdata.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode=None)
    info = server.get_postmaster_info()
    host = str(info.socket_dir)
    port = info.port
    with psycopg.connect(host=host, port=port, user="postgres", dbname="postgres", autocommit=True) as conn:
        restart = _apply_server_settings(conn)
        _ensure_roles(conn)
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            try:
                conn.execute(f'CREATE DATABASE "{DATABASE_NAME}" OWNER {OWNER_ROLE}')
            except (psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):
                pass  # another process starting at the same moment created it
        _hand_over_databases(conn, host=host, port=port, in_use=(DATABASE_NAME, test_database))
    if restart:
        _restart(pgdata)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": ROLES[role],
        "PASSWORD": "",
        "HOST": host,
        "PORT": str(port) if port else "",
    }


def _apply_server_settings(conn) -> bool:
    """Put SERVER_SETTINGS in place; True when the server must restart for them (they are start-up settings)."""
    current = dict(
        conn.execute("SELECT name, setting FROM pg_settings WHERE name = ANY(%s)", [list(SERVER_SETTINGS)]).fetchall()
    )
    # unix_socket_permissions reads back as a decimal number (448 for 0700).
    if current.get("unix_socket_permissions", "") in {"448", "0700"}:
        current["unix_socket_permissions"] = "0700"
    changed = {name: value for name, value in SERVER_SETTINGS.items() if current.get(name) != value}
    for name, value in changed.items():
        conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
    return bool(changed)


def _restart(pgdata: Path) -> None:
    import os

    from pgserver._commands import pg_ctl

    user = "pgserver" if os.geteuid() == 0 else None
    pg_ctl(["-w", "restart"], pgdata=pgdata, user=user)


def _ensure_roles(conn) -> None:
    """Create both roles, or correct their attributes; no passwords: the server trusts its private socket."""
    import psycopg

    wanted = {
        OWNER_ROLE: "LOGIN NOSUPERUSER NOBYPASSRLS CREATEDB NOCREATEROLE",
        APP_ROLE: "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE",
    }
    checks = {
        OWNER_ROLE: "rolcanlogin AND rolcreatedb AND NOT rolsuper AND NOT rolbypassrls AND NOT rolcreaterole",
        APP_ROLE: "rolcanlogin AND NOT rolcreatedb AND NOT rolsuper AND NOT rolbypassrls AND NOT rolcreaterole",
    }
    for name, attributes in wanted.items():
        role = conn.execute(f"SELECT {checks[name]} FROM pg_roles WHERE rolname = %s", [name]).fetchone()
        if role is None:
            try:
                conn.execute(f"CREATE ROLE {name} {attributes}")
            except (psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
                pass  # another process starting at the same moment created it
        elif not role[0]:
            conn.execute(f"ALTER ROLE {name} {attributes}")


def _hand_over_databases(conn, *, host: str, port, in_use: tuple[str, ...]) -> None:
    """Give the owner role every database made for SVL, and what is inside (see the module docstring)."""
    import psycopg

    rows = conn.execute(
        """
        SELECT datname, datdba <> %s::regrole FROM pg_database
        WHERE datallowconn AND NOT datistemplate AND datname <> 'postgres'
        """,
        [OWNER_ROLE],
    ).fetchall()
    for name, foreign in rows:
        if not foreign and name not in in_use:
            continue
        try:
            with psycopg.connect(host=host, port=port, user="postgres", dbname=name) as database:
                if not foreign and not database.execute(_FOREIGN_OBJECTS_SQL).fetchone()[0]:
                    continue
                database.execute(f"SET LOCAL lock_timeout = '{HANDOVER_LOCK_TIMEOUT}'")
                database.execute(_HANDOVER_SQL)
                database.execute(f'ALTER DATABASE "{name}" OWNER TO {OWNER_ROLE}')
        except psycopg.Error as error:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                continue  # dropped meanwhile (a test's throw-away database)
            # Not fatal: a database nobody uses now works as before for its superuser sessions, and the next
            # start tries again. One this process needs will fail later with "must be owner" or "permission
            # denied", after this message.
            print(
                f"svl: could not hand the database {name} to the role {OWNER_ROLE} ({error}); "
                "it is tried again at the next start.",
                file=sys.stderr,
            )


def stop_server(pgdata: Path) -> bool:
    """Stop the embedded server if it is running; returns whether one was stopped."""
    import subprocess

    from pgserver._commands import pg_ctl
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is None or not info.is_running():
        return False
    import os

    user = "pgserver" if os.geteuid() == 0 else None
    try:
        pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)
    except subprocess.CalledProcessError:
        return False
    return True
