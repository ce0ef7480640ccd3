"""The production settings of README's "Deploying" pass Django's deployment checks and harden cookies and transport.

Each test runs a fresh interpreter with the environment the README tells an operator to set. DATABASE_URL points at
a host that does not exist: neither the checks nor the settings may need the database.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DATABASE_URL": "postgres://svl:secret@db.invalid:5432/svl",
    # A long random value, as README suggests (Django's deployment check wants at least 50 characters).
    "SECRET_KEY": "t0Vq3vX8pL2mZ9wR4tY7uB1nC6eH0jD5sA-fG_iO8kP3lMx2Wc9Rb7Nd4Jf1Hs6Ku8Ye5Za3Lq",
    "ALLOWED_HOSTS": "svl.example.cz",
    "CSRF_TRUSTED_ORIGINS": "https://svl.example.cz",
}
# Variables of the developer's or CI's shell that would change what production looks like. The browser tests set
# DJANGO_ALLOW_ASYNC_UNSAFE while they run, which the deployment check rightly refuses.
_DROPPED = set(PRODUCTION) | {
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "MAP_TILE_URL",
}


def _run(args: list[str], **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in _DROPPED and not k.startswith("DJANGO_")}
    clean.update(PRODUCTION, DJANGO_SETTINGS_MODULE="svl.settings", **env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def _settings(*names: str, **env) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}))"
    )
    result = _run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_the_readme_production_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_hsts_and_redirects_to_https():
    values = _settings(
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_PROXY_SSL_HEADER",
    )

    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_production_cookies_are_secure_host_only_and_same_site():
    values = _settings(
        "SESSION_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
    )

    assert values == {
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
    }


def test_hsts_preload_is_the_operators_choice_and_then_not_silenced():
    values = _settings("SECURE_HSTS_PRELOAD", "SILENCED_SYSTEM_CHECKS", SECURE_HSTS_PRELOAD="true")

    assert values == {"SECURE_HSTS_PRELOAD": True, "SILENCED_SYSTEM_CHECKS": []}


def _img_src(**env) -> list[str]:
    return _settings("CONTENT_SECURITY_POLICY", **env)["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]


def test_csp_allows_images_from_the_configured_tile_server():
    assert _img_src(MAP_TILE_URL="https://tiles.example.cz:8443/osm/{z}/{x}/{y}.png") == [
        "'self'",
        "data:",
        "https://tiles.example.cz:8443",
    ]


def test_csp_turns_a_subdomain_placeholder_into_a_wildcard():
    assert _img_src(MAP_TILE_URL="https://{s}.tile.example.org/{z}/{x}/{y}.png") == [
        "'self'",
        "data:",
        "https://*.tile.example.org",
    ]


def test_csp_allows_no_other_image_host_without_a_tile_server():
    assert _img_src(MAP_TILE_URL="") == ["'self'", "data:"]


def test_a_tile_url_that_is_not_http_stops_start_up():
    result = _run(["-c", "import svl.settings"], MAP_TILE_URL="javascript:alert(1)//{z}")

    assert result.returncode != 0
    assert "MAP_TILE_URL must be an http(s) URL with a plain host name; got 'javascript:alert(1)//{z}'." in (
        result.stderr
    )
