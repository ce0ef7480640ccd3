"""Settings for SVL: one file, everything that differs between machines comes from the environment.

Development defaults make a fresh checkout run on the embedded PostgreSQL; a real deployment sets
DATABASE_URL (which also turns DEBUG off unless DEBUG is set) and must provide SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from svl.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SVL_VAR_DIR", str(BASE_DIR / "var")))

# --- Database -------------------------------------------------------------------------------------
# Two PostgreSQL roles (README, "Deploying"; core/rls.py). The web server connects as the application's role, which
# owns nothing and cannot lift row-level security; migrations, management commands and the tests connect as the
# maintenance role, which owns the schema. SVL_DATABASE_ROLE says which one this process is: svl/wsgi.py and
# `manage.py runserver` set "app", everything else defaults to "maintenance".
DATABASE_ROLE = env_str("SVL_DATABASE_ROLE", "maintenance")
if DATABASE_ROLE not in {"app", "maintenance"}:
    raise ImproperlyConfigured(f"SVL_DATABASE_ROLE must be app or maintenance; got {DATABASE_ROLE!r}.")
DATABASE_URL = env_str("DATABASE_URL")
# The maintenance role's connection; without it maintenance uses DATABASE_URL, one role for both (check --deploy
# warns: the application could then alter its own tables and lift row-level security).
MAINTENANCE_DATABASE_URL = env_str("MAINTENANCE_DATABASE_URL")
EMBEDDED_DATABASE = not DATABASE_URL
if EMBEDDED_DATABASE:
    from core.embedded_db import APP_ROLE, ensure_server

    # Set-up hands the test database, too, to the maintenance role (core/embedded_db.py).
    _default_db = ensure_server(
        VAR_DIR / "pg", test_database=env_str("SVL_TEST_DATABASE", "test_svl"), role=DATABASE_ROLE
    )
    APPLICATION_DATABASE_USER = APP_ROLE
else:
    _app_db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    APPLICATION_DATABASE_USER = _app_db.get("USER", "")
    if DATABASE_ROLE == "maintenance" and MAINTENANCE_DATABASE_URL:
        _default_db = dj_database_url.parse(MAINTENANCE_DATABASE_URL, conn_max_age=0)
    else:
        _default_db = _app_db
    if not _default_db.get("ENGINE", "").endswith("postgresql"):
        raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://...); SVL runs on nothing else.")
_default_db["ATOMIC_REQUESTS"] = True
# A separate test database name lets two test runs share one server without trampling each other.
_default_db["TEST"] = {"NAME": env_str("SVL_TEST_DATABASE", f"test_{_default_db['NAME']}")}
DATABASES = {"default": _default_db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Core -----------------------------------------------------------------------------------------
# The embedded database exists only on a developer's machine, so it implies development defaults.
DEBUG = env_bool("DEBUG", default=EMBEDDED_DATABASE)

_DEV_SECRET_KEY = "django-insecure-svl-development-only"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 32 characters when DEBUG is off, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "import_export",
    "csp",
    # Two-factor login: TOTP devices and one-time recovery codes (accounts/two_factor/services.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Locks out repeated failed logins (AXES_* below).
    "axes",
    # SVL's rooms, lowest first: each may import only the ones above it (docs/architecture.md).
    "core",
    "audit",
    "accounts",
    "locations",
    "assistants",
    "cases",
    "platforms",
    "reports",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "svl.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The rest of the request in one transaction under row-level security for the user's organisation (core/rls.py):
    # right after the user is known, before anything reads organisation data (the authenticator device below).
    "core.rls.RowLevelSecurityMiddleware",
    # Marks request.user as OTP-verified (user.is_verified()) from the session; one query when it is.
    "django_otp.middleware.OTPMiddleware",
    # After AuthenticationMiddleware, which gives the request the user it looks at.
    "svl.middleware.NoStoreForAuthenticatedMiddleware",
    # Signs out after SESSION_IDLE_TIMEOUT without activity or SESSION_ABSOLUTE_LIFETIME after the login.
    "accounts.sessions.SessionLifetimeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A signed-in user who owes the second factor reaches only its pages (accounts/two_factor/services.py).
    "accounts.two_factor.services.TwoFactorMiddleware",
    # Keeps the current request (user, IP address) visible to the audit log's signals (audit/services.py).
    "audit.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page (accounts/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "svl.urls"
WSGI_APPLICATION = "svl.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "svl.context_processors.navigation",
                "svl.context_processors.session_timeout",
            ],
        },
    },
]

# --- Accounts -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "svl.User"
# django-axes first: it refuses a locked-out username and IP address before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.auth_backends.OrganisationModelBackend"]
# Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane; accounts/hashers.py) for new and changed passwords. A hash with
# other parameters (argon2-cffi's 100 MiB default) or a PBKDF2 one still verifies and is rehashed at the next login.
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
# At most this many password hashes are computed at once in one process (the others wait their turn), so a burst
# of logins costs at most this many times 19 MiB. Read at start-up.
PASSWORD_HASH_CONCURRENCY = env_int("PASSWORD_HASH_CONCURRENCY", 2)
if PASSWORD_HASH_CONCURRENCY < 1:
    raise ImproperlyConfigured("PASSWORD_HASH_CONCURRENCY must be at least 1.")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Field workers share tablets: a session ends after this many seconds without a request (svl.middleware
# .SessionLifetimeMiddleware; pages warn two minutes before) and at the latest this long after the login.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 15 * 60)
SESSION_ABSOLUTE_LIFETIME = env_int("SESSION_ABSOLUTE_LIFETIME", 10 * 60 * 60)
if not 0 < SESSION_IDLE_TIMEOUT <= SESSION_ABSOLUTE_LIFETIME:
    raise ImproperlyConfigured("SESSION_IDLE_TIMEOUT must be positive and at most SESSION_ABSOLUTE_LIFETIME.")
# The cookie and the stored session need not outlive the absolute lifetime.
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME
# Brute-force protection (django-axes): ten failed logins with one username from one IP address lock that pair out
# for AXES_COOLOFF_MINUTES after the last failure (the organisation admin can unlock it sooner). Locking the pair,
# not the username alone, keeps someone who knows a colleague's username from locking them out from elsewhere;
# a success resets the count. Failed and successful logins are in the audit log as well (audit/services.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 30)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Password spraying: LOGIN_ADDRESS_FAILURE_LIMIT failed logins from one address within LOGIN_ADDRESS_WINDOW_MINUTES,
# whatever the usernames, block every login from that address until fewer remain in the window (accounts/lockout.py).
# A username counts at most AXES_FAILURE_LIMIT times, so the limit must be higher: one user behind a shared NAT
# must never block everyone. The window cannot outlast AXES_COOLOFF_MINUTES, after which axes forgets failures.
AXES_HANDLER = "accounts.lockout.LoginLockoutHandler"
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
LOGIN_ADDRESS_WINDOW_MINUTES = env_int("LOGIN_ADDRESS_WINDOW_MINUTES", 15)
if LOGIN_ADDRESS_FAILURE_LIMIT <= AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured("LOGIN_ADDRESS_FAILURE_LIMIT must be higher than AXES_FAILURE_LIMIT.")
if not 0 < LOGIN_ADDRESS_WINDOW_MINUTES <= AXES_COOLOFF_MINUTES:
    raise ImproperlyConfigured("LOGIN_ADDRESS_WINDOW_MINUTES must be positive and at most AXES_COOLOFF_MINUTES.")
# The own password change: this many wrong current passwords within the window refuse further tries until fewer
# remain in it (accounts/lockout.py), so a session left open is no way to find out the password.
PASSWORD_CHANGE_FAILURE_LIMIT = env_int("PASSWORD_CHANGE_FAILURE_LIMIT", 5)
PASSWORD_CHANGE_WINDOW_MINUTES = env_int("PASSWORD_CHANGE_WINDOW_MINUTES", 15)
if PASSWORD_CHANGE_FAILURE_LIMIT < 1 or PASSWORD_CHANGE_WINDOW_MINUTES < 1:
    raise ImproperlyConfigured("PASSWORD_CHANGE_FAILURE_LIMIT and PASSWORD_CHANGE_WINDOW_MINUTES must be positive.")
# Failures count per client address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the address the
# outermost one appended to X-Forwarded-For (accounts/lockout.py; README, Deploying).
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip_address"
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# The audit log keeps every login; axes' own access log of successes would only duplicate it.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "cs")
LANGUAGES = [("cs", _("čeština")), ("en", _("angličtina"))]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE must be one of {', '.join(dict(LANGUAGES))}; got {LANGUAGE_CODE!r}.")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Prague")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In development (and tests) WhiteNoise serves straight from the app's static folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded documents live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Only the server's own user may read them: files 0600, the directories the storage creates 0700 (an existing
# MEDIA_ROOT is tightened on upload, core.documents.private_directory).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# --- Security -------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
# No script of ours reads the CSRF cookie (forms carry the token), so scripts need not see it.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    # The __Host- prefix makes the browser refuse the cookie unless it is Secure, for this host only and for
    # path / - a sibling subdomain of the city cannot plant or overwrite it (OWASP ASVS 3.4.4).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses are switched off (svl.middleware.PermissionsPolicyMiddleware); the locality
# map shows stored positions and never asks for the device's own.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading commits the whole registrable domain (usually the city's, with every other subdomain) to HTTPS in
    # browsers for months; that is the domain owner's decision, not this app's. Until they opt in, the
    # deployment check's reminder about it (security.W021) is silenced.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# --- Libraries ------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
IMPORT_EXPORT_SKIP_ADMIN_ACTION_EXPORT_UI = True
# The name authenticator apps show beside the account (otpauth:// URI of accounts/two_factor/services.py).
OTP_TOTP_ISSUER = "SVL"

# --- SVL ------------------------------------------------------------------------------------------
# Tile server for the locality map; the markers and the list work without it.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
)


def _tile_sources(url: str) -> list[str]:
    """The map tile server's origin for the CSP's img-src; none for no server or one on our own host.

    Leaflet's subdomain placeholder ({s}.tile.example.org) becomes a CSP wildcard (*.tile.example.org).
    """
    parts = urlsplit(url.replace("{s}", "*"))
    if not parts.scheme and not parts.netloc:
        return []  # empty, or a path on our own host: 'self' covers it
    if parts.scheme not in {"http", "https"} or "@" in parts.netloc or "{" in parts.netloc:
        raise ImproperlyConfigured(f"MAP_TILE_URL must be an http(s) URL with a plain host name; got {url!r}.")
    return [f"{parts.scheme}://{parts.netloc}"]


# Content Security Policy (django-csp): scripts, styles, fonts and everything else come only from our own static
# files - no inline <script>, event handler attributes or style attributes in any template. Images may also be
# data: URIs (Bootstrap's form and menu icons) and the map tiles. Forms post only here, no page can be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_tile_sources(MAP_TILE_URL)],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Client documentation is kept this many years after a case closes, then anonymised (anonymise_expired).
CASE_RETENTION_YEARS = env_int("CASE_RETENTION_YEARS", 10)
# Largest accepted document of a platform output (PDF, DOCX, XLSX, ODT).
PLATFORM_DOCUMENT_MAX_BYTES = env_int("PLATFORM_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# Largest accepted import file.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)

# What is logged: django.request logs a failed request's path only ("Not Found: /cases/12/" - paths carry ids, never
# names; query strings such as searches are left out), and a 500 adds the traceback. A traceback's last line is the
# exception's message, which can quote a value (PostgreSQL's "Key (...)=(...) already exists"), so the log is kept
# as private as the database (README, Deploying). ADMINS is not set: Django mails nobody a request's details.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "pgserver": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Failed logins and lockouts are warnings (usernames and addresses masked); each attempt's steps are not.
        "axes": {"level": "WARNING"},
    },
}
