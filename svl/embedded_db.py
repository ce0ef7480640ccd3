"""The embedded PostgreSQL used when DATABASE_URL is not set (development and tests).

pgserver runs a real PostgreSQL from a Python wheel with its data under var/pg/. The server is
started on first use and deliberately left running (cleanup_mode=None), so `manage.py` commands,
`make run` and the test suite all reach the same server whether or not another one is serving.
"""

from pathlib import Path

DATABASE_NAME = "svl"


def ensure_server(pgdata: Path) -> dict:
    """Start (or attach to) the embedded server and return Django's connection settings."""
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
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": host,
        "PORT": str(port) if port else "",
    }


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
