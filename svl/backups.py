"""Backups of the database: a compressed `pg_dump` (custom format) and its restore into an empty database.

The embedded PostgreSQL is dumped with pgserver's own pg_dump / pg_restore (they match its server version); a
DATABASE_URL deployment uses the ones on PATH. The connection parameters reach the tools through the PG*
environment variables, never the command line, where any user of the machine could read the password (ps, /proc).
The backup and restore commands (svl/management/commands/) and `make backup` / `make restore` call these.

Row-level security (svl/rls.py): both tools run with the maintenance bypass (`svl.rls_bypass`, through PGOPTIONS)
and `--enable-row-security`. Without that flag they switch row security off for their session, which PostgreSQL
refuses on the policy-bound tables to a role that is not allowed to bypass it (the application's role).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from svl.rls import BYPASS_SETTING

# Options of a DATABASE_URL (?sslmode=require) that libpq also reads from the environment.
_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


class BackupError(Exception):
    """A backup or restore could not be done; the message says why and what to do."""


def default_backup_path() -> Path:
    return Path(settings.VAR_DIR) / "backups" / f"svl-{timezone.localtime():%Y%m%d-%H%M%S}.dump"


def tool_path(name: str) -> str:
    """pg_dump / pg_restore: pgserver's for the embedded database, otherwise the one on PATH."""
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


def _run(command: list[str], settings_dict: dict) -> None:
    environment = connection_environment(settings_dict)
    environment["PGOPTIONS"] = f"{environment.get('PGOPTIONS', '')} -c {BYPASS_SETTING}=on".strip()
    result = subprocess.run(command, env=environment, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if result.returncode != 0:
        # e.g. "server version mismatch" or "unsupported version in file header": an older client than the server.
        raise BackupError(f"{Path(command[0]).name} failed ({command[0]}):\n{result.stderr.strip()}")


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
    """Restore `dump` into the database, which must be empty; `force` first drops and recreates its public schema.

    The restore runs in one transaction: a failure leaves the (empty) database as it was. Objects are owned by
    the connecting role whatever role owned them where the dump was made.
    """
    connection = connections[alias]
    dump = Path(dump)
    if not dump.is_file():
        raise BackupError(f"{dump} does not exist.")
    # Read the archive's table of contents first: a wrong or damaged file is refused before anything is dropped.
    _run([tool_path("pg_restore"), "--list", str(dump)], connection.settings_dict)
    tables = existing_tables(alias)
    if tables and not force:
        name = connection.settings_dict["NAME"]
        raise BackupError(
            f"The database {name} is not empty ({len(tables)} tables and sequences, e.g. {tables[0]}); "
            "nothing was restored. Restore into a new empty database, or use --force (make restore FORCE=1) "
            "to drop everything in it first."
        )
    if tables:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    # pg_restore takes locks of its own; an idle connection of ours must not hold any.
    connection.close()
    # An empty --dbname makes pg_restore connect (rather than print SQL), and libpq takes the name from PGDATABASE.
    _run(
        [
            tool_path("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--enable-row-security",
            "--no-password",
            "--dbname=",
            str(dump),
        ],
        connection.settings_dict,
    )
