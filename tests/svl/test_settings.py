"""Start-up checks of svl/settings.py, each in a fresh interpreter with a controlled environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "LANGUAGE_CODE"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import svl.settings as s; print(s.DEBUG, s.TIME_ZONE, s.LANGUAGE_CODE)"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION = {"DATABASE_URL": "postgres://svl:secret@db.example.cz:5432/svl"}


@pytest.mark.parametrize(
    "secret",
    [None, "", "django-insecure-svl-development-only", "too-short"],
)
def test_production_refuses_missing_or_weak_secret_key(secret):
    env = dict(PRODUCTION)
    if secret is not None:
        env["SECRET_KEY"] = secret
    result = _import_settings(**env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a random value of at least 32 characters when DEBUG is off" in result.stderr


def test_production_starts_with_a_real_secret_and_defaults_to_prague_and_czech():
    result = _import_settings(**PRODUCTION, SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False Europe/Prague cs"


def test_bad_boolean_stops_start_up_with_a_clear_message():
    result = _import_settings(**PRODUCTION, SECRET_KEY="x" * 50, DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of 1/0, true/false, yes/no, on/off; got 'maybe'." in result.stderr


def test_non_postgresql_database_is_refused():
    result = _import_settings(DATABASE_URL="sqlite:///db.sqlite3", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DATABASE_URL must point to PostgreSQL" in result.stderr


def test_unknown_language_is_refused():
    result = _import_settings(**PRODUCTION, SECRET_KEY="x" * 50, LANGUAGE_CODE="de")
    assert result.returncode != 0
    assert "LANGUAGE_CODE must be one of cs, en; got 'de'." in result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LOGIN_ADDRESS_FAILURE_LIMIT": "10"}, "LOGIN_ADDRESS_FAILURE_LIMIT must be higher than AXES_FAILURE_LIMIT."),
        (
            {"LOGIN_ADDRESS_WINDOW_MINUTES": "31"},
            "LOGIN_ADDRESS_WINDOW_MINUTES must be positive and at most AXES_COOLOFF_MINUTES.",
        ),
        (
            {"PASSWORD_CHANGE_FAILURE_LIMIT": "0"},
            "PASSWORD_CHANGE_FAILURE_LIMIT and PASSWORD_CHANGE_WINDOW_MINUTES must be positive.",
        ),
        ({"PASSWORD_HASH_CONCURRENCY": "0"}, "PASSWORD_HASH_CONCURRENCY must be at least 1."),
    ],
)
def test_login_limits_that_would_not_protect_stop_start_up(env, message):
    result = _import_settings(**PRODUCTION, SECRET_KEY="x" * 50, **env)
    assert result.returncode != 0
    assert message in result.stderr
