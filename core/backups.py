"""Backups of the database: a compressed `pg_dump` (custom format) and its all-or-nothing restore.

The embedded PostgreSQL is dumped with pgserver's own pg_dump / pg_restore / psql (they match its server version);
a DATABASE_URL deployment uses the ones on PATH. The connection parameters reach the tools through the PG*
environment variables, never the command line, where any user of the machine could read the password (ps, /proc).
The backup and restore commands (svl/management/commands/) and `make backup` / `make restore` call these.

Row-level security (core/rls.py): the tools run with the maintenance bypass (`svl.rls_bypass`, through PGOPTIONS)
and `--enable-row-security`. Without that flag they switch row security off for their session, which PostgreSQL
refuses on the policy-bound tables to a role that is not allowed to bypass it (the application's role).
"""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from core.rls import BYPASS_SETTING, grant_application_privileges

# Options of a DATABASE_URL (?sslmode=require) that libpq also reads from the environment.
_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}

# A large object in `pg_restore --list` (PostgreSQL 16: BLOB and BLOBS, 17: BLOB METADATA).
_LARGE_OBJECT_ENTRY = re.compile(r"^\d+; \d+ \d+ BLOB", re.MULTILINE)
# A forced restore replaces the public schema, inside the restore's transaction. The new schema gets the old one's
# grants (to the application's role, to PUBLIC), which the dump does not carry (--no-privileges) and which would
# otherwise be lost with the schema; it is owned by the restoring role, like every object the restore creates.
_REPLACE_PUBLIC_SCHEMA_SQL = """
DO $$
DECLARE
    grants text[];
    statement text;
BEGIN
    SELECT array_agg(
        format(
            'GRANT %s ON SCHEMA public TO %s%s',
            acl.privilege_type,
            CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(acl.grantee)) END,
            CASE WHEN acl.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END
        )
    )
    INTO grants
    FROM pg_namespace n, aclexplode(n.nspacl) acl
    WHERE n.nspname = 'public';
    DROP SCHEMA public CASCADE;
    CREATE SCHEMA public;
    FOREACH statement IN ARRAY coalesce(grants, '{}') LOOP
        EXECUTE statement;
    END LOOP;
END
$$;
"""
# The last statement of a restore (see `restore`); a dump of a database that was never migrated has no sessions.
_FLUSH_SESSIONS_SQL = """
DO $$
BEGIN
    IF to_regclass('public.django_session') IS NOT NULL THEN
        TRUNCATE public.django_session;
    END IF;
END
$$;
"""


class BackupError(Exception):
    """A backup or restore could not be done; the message says why and what to do."""


def default_backup_path() -> Path:
    return Path(settings.VAR_DIR) / "backups" / f"svl-{timezone.localtime():%Y%m%d-%H%M%S}.dump"


def tool_path(name: str) -> str:
    """pg_dump / pg_restore / psql: pgserver's for the embedded database, otherwise the one on PATH."""
    if settings.EMBEDDED_DATABASE:
        from pgserver._commands import POSTGRES_BIN_PATH

        return str(POSTGRES_BIN_PATH / name)
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not on PATH. Install the PostgreSQL client tools of the server's major version or newer "
            "(Debian: apt-get install postgresql-client)."
        )
    return found


def connection_environment(settings_dict: dict) -> dict[str, str]:
    """The environment for a PostgreSQL tool connecting where Django's `settings_dict` connects."""
    environment = dict(os.environ)
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    options = settings_dict.get("OPTIONS") or {}
    values.update({variable: options.get(option) for option, variable in _OPTION_VARIABLES.items()})
    # An empty value leaves libpq's default (and any inherited variable), as Django's own connection does.
    environment.update({variable: str(value) for variable, value in values.items() if value})
    return environment


def _run(command: list[str], settings_dict: dict) -> str:
    """Run a PostgreSQL tool connecting where `settings_dict` connects; its standard output."""
    environment = connection_environment(settings_dict)
    environment["PGOPTIONS"] = f"{environment.get('PGOPTIONS', '')} -c {BYPASS_SETTING}=on".strip()
    result = subprocess.run(command, env=environment, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if result.returncode != 0:
        # e.g. "server version mismatch" or "unsupported version in file header": an older client than the server.
        raise BackupError(f"{Path(command[0]).name} failed ({command[0]}):\n{result.stderr.strip()}")
    return result.stdout


def backup(*, output: Path, alias: str = "default") -> Path:
    """Dump the database to `output` (custom format, compressed); readable by the owner only.

    The dump is written under a temporary name and renamed when complete, so a failed run never leaves a file
    that looks like a backup.
    """
    settings_dict = connections[alias].settings_dict
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, partial = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".partial")
    os.close(handle)  # mkstemp creates it with mode 0600, which pg_dump keeps
    try:
        _run(
            [tool_path("pg_dump"), "--format=custom", "--enable-row-security", "--no-password", f"--file={partial}"],
            settings_dict,
        )
        os.replace(partial, output)
    finally:
        Path(partial).unlink(missing_ok=True)
    return output


def existing_tables(alias: str = "default") -> list[str]:
    """Tables (and views, sequences) of the database outside PostgreSQL's own schemas, as schema.name."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            """
            SELECT n.nspname || '.' || c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%%'
            ORDER BY 1
            """
        )
        return [row[0] for row in cursor.fetchall()]


def restore(*, dump: Path, force: bool = False, alias: str = "default") -> None:
    """Restore `dump` into the database, which must be empty unless `force` (then its public schema is replaced).

    All or nothing: a dump that is damaged, truncated, of an unsupported version or refused by the server leaves
    the database exactly as it was. pg_restore first writes the complete SQL script to a private temporary file;
    only when it could read the whole archive does psql run, in ONE transaction stopping at the first error:
    (with `force`) drop and recreate the public schema, keeping the schema's grants; the script; emptying
    `django_session`. The sessions are flushed because a dump is older than the database it replaces: its
    sessions include ones that have been signed out since, and they must not come back to life. Everyone signs
    in again. Objects are owned by the connecting role whatever role owned them where the dump was made, and the
    application's role gets its privileges on them.
    """
    connection = connections[alias]
    dump = Path(dump)
    if not dump.is_file():
        raise BackupError(f"{dump} does not exist.")
    # Read the archive's table of contents first: a wrong file or version is refused before anything else.
    try:
        contents = _run([tool_path("pg_restore"), "--list", str(dump)], connection.settings_dict)
    except BackupError as error:
        # e.g. "unsupported version (1.16) in file header": a dump of a newer pg_dump than this pg_restore.
        raise BackupError(
            f"{dump} is not a backup this pg_restore can read (not a dump, damaged, or made by a newer pg_dump); "
            f"nothing was restored.\n{error}"
        ) from None
    if _LARGE_OBJECT_ENTRY.search(contents):
        # pg_restore's script commits each large object's transaction itself, which would end ours part-way.
        raise BackupError(f"{dump} holds large objects, which SVL never stores; nothing was restored.")
    tables = existing_tables(alias)
    if tables and not force:
        name = connection.settings_dict["NAME"]
        raise BackupError(
            f"The database {name} is not empty ({len(tables)} tables and sequences, e.g. {tables[0]}); "
            "nothing was restored. Restore into a new empty database, or use --force (make restore FORCE=1) "
            "to replace everything in it."
        )
    # pg_restore takes locks of its own; an idle connection of ours must not hold any.
    connection.close()
    # The script holds every row in plain text: a directory only the owner may enter (mkdtemp: mode 0700), on the
    # application's own disk rather than a shared /tmp; it needs about the database's uncompressed size.
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=settings.VAR_DIR, prefix=".restore-") as directory:
        script = Path(directory) / "restore.sql"
        script.touch(mode=0o600)
        try:
            # No --single-transaction here: psql wraps everything, the schema's replacement included, in one.
            _run(
                [
                    tool_path("pg_restore"),
                    "--no-owner",
                    "--no-privileges",
                    "--enable-row-security",
                    f"--file={script}",
                    str(dump),
                ],
                connection.settings_dict,
            )
        except BackupError as error:
            # e.g. a truncated file, whose table of contents (at its start) is complete but whose data is not.
            raise BackupError(
                f"{dump} cannot be read to its end (truncated or damaged); nothing was restored and the database "
                f"was not changed.\n{error}"
            ) from None
        # An empty database keeps its schema as it is: dropping it may need rights the restoring role lacks.
        replace_schema = [f"--command={_REPLACE_PUBLIC_SCHEMA_SQL}"] if tables else []
        try:
            _run(
                [
                    tool_path("psql"),
                    "--no-psqlrc",  # a ~/.psqlrc could set AUTOCOMMIT off or ON_ERROR_ROLLBACK on
                    "--no-password",
                    "--quiet",
                    "--single-transaction",
                    "--set=ON_ERROR_STOP=1",
                    *replace_schema,
                    f"--file={script}",
                    f"--command={_FLUSH_SESSIONS_SQL}",
                ],
                connection.settings_dict,
            )
        except BackupError as error:
            # e.g. an object outside the public schema that already exists, or SQL this server does not know.
            raise BackupError(
                f"The database refused the restore of {dump}; it was rolled back and the database was not "
                f"changed.\n{error}"
            ) from None
    # The dump's privileges were left out (--no-privileges): the application's role gets its own again, as after
    # every `migrate` (core/rls.py).
    grant_application_privileges(using=alias)
