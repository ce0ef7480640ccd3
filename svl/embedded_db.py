"""The embedded PostgreSQL used when DATABASE_URL is not set (development and tests).

pgserver runs a real PostgreSQL from a Python wheel with its data under var/pg/. The server is
started on first use and deliberately left running (cleanup_mode=None), so `manage.py` commands,
`make run` and the test suite all reach the same server whether or not another one is serving.

The application connects as `svl_app`, a role that is neither superuser nor BYPASSRLS, so that row-level
security applies to it as it does in production (svl/rls.py). It may create databases (the test databases) and
owns the ones it uses. Set-up connects as the bootstrap superuser `postgres` (trusted on the server's own socket)
to create the role and the database, and to hand over what `postgres` created before the role existed: every
database not yet owned by `svl_app`, with its schema, tables, sequences, views and functions. A database owned
by `svl_app` is taken as handed over, except the two this process uses (the development and the test database),
whose tables are checked on every start: one query each when there is nothing to do.
"""

import sys
from pathlib import Path

DATABASE_NAME = "svl"
APP_ROLE = "svl_app"
# A database in use elsewhere (a running test session) keeps its locks: rather than wait, hand it over next time.
HANDOVER_LOCK_TIMEOUT = "2s"

# Everything in the public schema not owned by the application's role, except what belongs to an extension.
# Tables, views and foreign tables first: a table's owner change carries its indexes, identity and serial
# sequences along (changing those sequences alone is refused), so sequences are looked at afterwards.
_HANDOVER_SQL = f"""
DO $$
DECLARE
    item record;
BEGIN
    IF (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public')
            NOT IN ('{APP_ROLE}', 'pg_database_owner') THEN
        ALTER SCHEMA public OWNER TO {APP_ROLE};
    END IF;
    FOR item IN
        SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND c.relowner <> '{APP_ROLE}'::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO {APP_ROLE}', item.name);
    END LOOP;
    FOR item IN
        SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> '{APP_ROLE}'::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.deptype IN ('e', 'a', 'i'))
    LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNER TO {APP_ROLE}', item.name);
    END LOOP;
    FOR item IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proowner <> '{APP_ROLE}'::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                          AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO {APP_ROLE}', item.name);
    END LOOP;
END
$$;
"""
# Is anything in the public schema of a database owned by the application's role still someone else's?
_FOREIGN_OBJECTS_SQL = f"""
SELECT EXISTS (
    SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      AND c.relowner <> '{APP_ROLE}'::regrole
    UNION ALL
    SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.proowner <> '{APP_ROLE}'::regrole
)
"""


def ensure_server(pgdata: Path, *, test_database: str = f"test_{DATABASE_NAME}") -> dict:
    """Start (or attach to) the embedded server, set up the application's role and return Django's settings."""
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
        _ensure_role(conn)
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            try:
                conn.execute(f'CREATE DATABASE "{DATABASE_NAME}" OWNER {APP_ROLE}')
            except (psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):
                pass  # another process starting at the same moment created it
        _hand_over_databases(conn, host=host, port=port, in_use=(DATABASE_NAME, test_database))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": APP_ROLE,
        "PASSWORD": "",
        "HOST": host,
        "PORT": str(port) if port else "",
    }


def _ensure_role(conn) -> None:
    """Create the application's role, or correct its attributes; no password: the server trusts its socket."""
    import psycopg

    role = conn.execute(
        "SELECT rolcanlogin AND rolcreatedb AND NOT rolsuper AND NOT rolbypassrls FROM pg_roles WHERE rolname = %s",
        [APP_ROLE],
    ).fetchone()
    if role is None:
        try:
            conn.execute(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS CREATEDB")
        except (psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
            pass  # another process starting at the same moment created it
    elif not role[0]:
        conn.execute(f"ALTER ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS CREATEDB")


def _hand_over_databases(conn, *, host: str, port, in_use: tuple[str, ...]) -> None:
    """Give the application's role every database `postgres` made for it, and what is inside (see module doc)."""
    import psycopg

    rows = conn.execute(
        """
        SELECT datname, datdba <> %s::regrole FROM pg_database
        WHERE datallowconn AND NOT datistemplate AND datname <> 'postgres'
        """,
        [APP_ROLE],
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
                database.execute(f'ALTER DATABASE "{name}" OWNER TO {APP_ROLE}')
        except psycopg.Error as error:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                continue  # dropped meanwhile (a test's throw-away database)
            # Not fatal: a database nobody uses now works as before for its superuser sessions, and the next
            # start tries again. One this process needs will fail later with "must be owner" or "permission
            # denied", after this message.
            print(
                f"svl: could not hand the database {name} to the role {APP_ROLE} ({error}); "
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
