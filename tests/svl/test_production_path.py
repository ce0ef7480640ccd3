"""README's "Deploying", run for real: migrate, collectstatic and the deploy check, then gunicorn, a login and pages.

Slow (marked `slow`; tens of seconds): collectstatic compresses every static file and gunicorn boots real workers.
It still runs in `make test`, because this is the path an operator follows and nothing else in the suite takes it:
everything else runs with DEBUG on, where static files come straight from the source folders.

The commands run in subprocesses with production settings only (DEBUG off, a random SECRET_KEY, WhiteNoise's
manifest storage, `__Host-` cookies, the HTTPS redirect) against the test database. The HTTP client plays the
TLS-terminating reverse proxy: plain HTTP to gunicorn with `X-Forwarded-Proto: https` and the public Host. The server
has its own database connections, so the data it must see is committed (`transactional_db`).
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from email.message import Message
from http import client as http_client
from http.cookies import Morsel, SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urljoin

import pytest
from django.conf import settings as django_settings
from django.core.management.utils import get_random_secret_key
from django.db import connections

from accounts.choices import Role
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.locations.factories import LocalityFactory

# Every test transactional, even those that need no rows: pytest-django runs transactional tests as one group, so the
# module's tests stay together and collectstatic and gunicorn (module fixtures) start once.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
ORIGIN = f"https://{HOST}"
PASSWORD = "dlouhé heslo pro produkční cestu"
# Generous: the machine may be busy with other test runs.
COMMAND_TIMEOUT = 300
START_TIMEOUT = 120
REQUEST_TIMEOUT = 60
# The environment a service manager hands the app: nothing of the developer's shell (DEBUG, DJANGO_*, tile servers,
# timeouts) leaks into what "production" means here, only what running a program needs.
_INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")
# README step 6's command, on a port the system picks (gunicorn reports it) and with two workers instead of three.
# Without the control socket, which is one fixed path per user (~/.gunicorn/gunicorn.ctl) that a second test run
# at the same time would take over.
GUNICORN_ARGS = ["svl.wsgi", "--bind", "127.0.0.1:0", "--workers", "2", "--timeout", "60", "--no-control-socket"]
# WhiteNoise marks the files it knows carry a content hash as cacheable for ten years.
IMMUTABLE = "max-age=315360000, public, immutable"


def _database_url(user: str) -> str:
    """The test database in DATABASE_URL form, connecting as `user`.

    The one place that says how the subprocesses reach the database. The embedded server listens on a unix socket,
    which libpq takes as the `host` parameter. The tests' own connection is the maintenance role's; README step 3
    gives the web server the application's role (DATABASE_URL) and manage.py the maintenance role
    (MAINTENANCE_DATABASE_URL), and so does this test.
    """
    database = connections["default"].settings_dict
    credentials = quote(user, safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    query = {"host": database["HOST"]}
    if database["PORT"]:
        query["port"] = database["PORT"]
    return f"postgres://{credentials}@/{quote(database['NAME'], safe='')}?{urlencode(query)}"


@dataclass
class Production:
    env: dict[str, str]
    static_root: Path

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
        )


@pytest.fixture(scope="module")
def production(django_db_setup, tmp_path_factory) -> Production:
    """README step 3's environment, pointed at the test database (django_db_setup has created it)."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    env = {name: os.environ[name] for name in _INHERITED if name in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="svl.settings",
        DATABASE_URL=_database_url(django_settings.APPLICATION_DATABASE_USER),
        MAINTENANCE_DATABASE_URL=_database_url(connections["default"].settings_dict["USER"]),
        DEBUG="0",
        SECRET_KEY=get_random_secret_key(),
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=ORIGIN,
        STATIC_ROOT=str(static_root),
    )
    return Production(env=env, static_root=static_root)


@pytest.fixture(scope="module")
def collectstatic(production) -> subprocess.CompletedProcess:
    return production.manage("collectstatic", "--noinput")


def _output(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"


# --- a minimal browser behind a reverse proxy -----------------------------------------------------


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


@dataclass
class Browser:
    """HTTP to gunicorn as the TLS-terminating proxy forwards a browser's HTTPS requests; keeps cookies itself.

    The cookies are `Secure` (`__Host-` names), which urllib's CookieJar would rightly withhold over plain HTTP:
    here the plain HTTP is the hop behind the proxy, so they are sent.
    """

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    # The last Set-Cookie of each name, with its attributes.
    set_cookies: dict[str, Morsel] = field(default_factory=dict)

    def get(self, path: str, **headers: str) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, form: dict[str, str]) -> Response:
        # A browser's same-origin form post: the CSRF check of an HTTPS request wants the Origin (or Referer).
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": ORIGIN,
            "Referer": ORIGIN + path,
        }
        return self.request("POST", path, headers=headers, body=urlencode(form).encode())

    def request(self, method: str, path: str, *, headers: dict[str, str], body: bytes | None = None) -> Response:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = http_client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            response = Response(status=raw.status, headers=raw.headers, body=raw.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.set_cookies[name] = morsel
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response


# --- gunicorn -------------------------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen
    log_path: Path
    port: int = 0

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def explain(self, response: Response) -> str:
        """What a failed assertion shows: the response and what gunicorn (and Django's logging) wrote."""
        return (
            f"HTTP {response.status}\n{response.headers}\n{response.body[:2000]!r}\n"
            f"--- gunicorn stderr ---\n{self.log()}"
        )

    def browser(self) -> Browser:
        return Browser(port=self.port)


def _start(server: Server) -> None:
    """Wait for gunicorn to bind (it reports the port it got for port 0), then for /healthz to answer `ok`."""
    deadline = time.monotonic() + START_TIMEOUT
    while not server.port:
        if server.process.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.process.returncode} while starting\n{server.log()}")
        if time.monotonic() > deadline:
            pytest.fail(f"gunicorn did not bind within {START_TIMEOUT} s\n{server.log()}")
        if match := re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", server.log()):
            server.port = int(match[1])
        else:
            time.sleep(0.1)
    while True:
        try:
            response = server.browser().get("/healthz")
        except OSError:
            response = None  # a worker still booting
        if response is not None:
            # A worker answered: anything but `ok` (a 500 from a bad setting, a 400 for the host) is final.
            assert (response.status, response.text) == (200, "ok"), server.explain(response)
            return
        if server.process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"gunicorn did not answer /healthz within {START_TIMEOUT} s\n{server.log()}")
        time.sleep(0.2)


def _stop(server: Server) -> None:
    """Gunicorn's graceful stop (SIGTERM); then nothing of its process group may be left."""
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=10)
    try:
        # Its own session (start_new_session): the group holds gunicorn's workers and nothing else.
        os.killpg(server.process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # every worker left with the arbiter, as it should


@pytest.fixture(scope="module")
def server(production, collectstatic, tmp_path_factory):
    """README step 6's gunicorn, serving the collected static files, on a free port of the loopback interface."""
    if collectstatic.returncode != 0:
        pytest.fail(f"collectstatic failed, so gunicorn cannot serve the app\n{_output(collectstatic)}")
    log_path = tmp_path_factory.mktemp("gunicorn") / "stderr.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *GUNICORN_ARGS],
            cwd=ROOT,
            env=production.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Server(process=process, log_path=log_path)
    try:
        _start(running)
        yield running
    finally:
        _stop(running)


# --- helpers for pages ----------------------------------------------------------------------------


def _static_urls(html: str) -> list[str]:
    """Every static file a page names in an attribute: href, src, and data-* read by its scripts."""
    return re.findall(r'="(/static/[^"]+)"', html)


def _references(url: str, body: str) -> list[str]:
    """The files a CSS or JS file points to: its source map and, for CSS, its url(...)s (data: URIs aside)."""
    found = re.findall(r"[#@] sourceMappingURL=(\S+?)(?:\s*\*/)?\s*$", body, flags=re.MULTILINE)
    if url.endswith(".css"):
        found += [
            ref.strip("'\"")
            for ref in re.findall(r"url\(([^)]+)\)", body)
            if not ref.strip("'\"").startswith(("data:", "#"))
        ]
    return [urljoin(url, ref) for ref in found]


def _assert_served_with_references(server: Server, browser: Browser, url: str) -> list[str]:
    """The hashed static file answers from WhiteNoise, and so does every file it references; returns those."""
    response = browser.get(url)
    assert response.status == 200, server.explain(response)
    assert response.headers["Cache-Control"] == IMMUTABLE, url
    referenced = _references(url, response.body.decode()) if url.endswith((".css", ".js")) else []
    for reference in referenced:
        answer = browser.get(reference)
        assert answer.status == 200, server.explain(answer)
        assert answer.headers["Cache-Control"] == IMMUTABLE, reference
    return referenced


def _sign_in(server: Server, username: str) -> Browser:
    browser = server.browser()
    page = browser.get("/accounts/login/")
    assert page.status == 200, server.explain(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    response = browser.post(
        "/accounts/login/", {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD, "next": ""}
    )
    assert (response.status, response.headers["Location"]) == (302, "/"), server.explain(response)
    return browser


@pytest.fixture
def apk(settings):
    """An APK of an organisation that leaves two-factor login to them, committed, with a production password hash."""
    # The server checks passwords with production's hashers; the suite's fast MD5 hasher is not among them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    organisation = OrganisationFactory(name="Město Produkční", require_two_factor_for_apk=False)
    LocalityFactory(organisation=organisation, name="Sídliště Lochotín")
    LocalityFactory(name="Lokalita jiné organizace")
    return UserFactory(organisation=organisation, username="terenni", roles=[Role.APK], password=PASSWORD)


# --- the tests ------------------------------------------------------------------------------------


def test_readme_database_and_static_file_steps_succeed_with_production_settings(production, collectstatic):
    migrate = production.manage("migrate", "--noinput")
    check = production.manage("check", "--deploy", "--fail-level", "WARNING")

    assert collectstatic.returncode == 0, _output(collectstatic)
    manifest = json.loads((production.static_root / "staticfiles.json").read_text())
    hashed_map = manifest["paths"]["vendor/leaflet/leaflet.js.map"]
    assert re.fullmatch(r"vendor/leaflet/leaflet\.js\.[0-9a-f]{12}\.map", hashed_map)
    assert (migrate.returncode, migrate.stdout.splitlines()[-1]) == (0, "  No migrations to apply."), _output(migrate)
    # Against the real database, so the checks of the database roles (svl.W001, svl.W002) run too; the one silenced
    # check is the HSTS preload reminder (svl/settings.py).
    assert (check.returncode, check.stdout) == (0, "System check identified no issues (1 silenced).\n"), _output(check)


def test_login_page_and_its_hashed_static_files_are_served(server):
    browser = server.browser()

    page = browser.get("/accounts/login/")

    assert page.status == 200, server.explain(page)
    assert "Přihlášení do SVL" in page.text
    assert set(browser.set_cookies) == {"__Host-csrftoken"}
    urls = _static_urls(page.text)
    assert re.fullmatch(r"/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css", urls[0]), urls
    referenced = [reference for url in urls for reference in _assert_served_with_references(server, browser, url)]
    assert [re.sub(r"\.[0-9a-f]{12}\.", ".*.", reference) for reference in referenced] == [
        "/static/vendor/bootstrap/bootstrap.min.css.*.map",
        "/static/vendor/bootstrap/bootstrap.bundle.min.js.*.map",
    ]
    compressed = browser.get(urls[0], **{"Accept-Encoding": "gzip, br"})
    assert (compressed.status, compressed.headers["Content-Encoding"]) == (200, "br")


def test_apk_signs_in_through_the_login_form_and_opens_their_pages(server, apk):
    browser = _sign_in(server, "terenni")

    home = browser.get("/")
    today = browser.get("/shifts/today/")
    localities = browser.get("/localities/")

    session = browser.set_cookies["__Host-sessionid"]
    assert (session["secure"], session["httponly"], session["path"], session["domain"]) == (True, True, "/", "")
    assert (home.status, home.headers["Location"]) == (302, "/shifts/today/"), server.explain(home)
    assert today.status == 200, server.explain(today)
    assert "Město Produkční" in today.text
    assert "Na dnešek nemáte naplánovanou žádnou směnu." in today.text
    assert localities.status == 200, server.explain(localities)
    assert "Sídliště Lochotín" in localities.text
    assert "Lokalita jiné organizace" not in localities.text
    # The web server's workers keep their connections open (DB_CONN_MAX_AGE): they are the application's role's.
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT usename FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert [row[0] for row in cursor.fetchall()] == [django_settings.APPLICATION_DATABASE_USER]


def test_locality_map_loads_leaflet_with_its_source_map_and_images(server, apk):
    browser = _sign_in(server, "terenni")

    page = browser.get("/localities/map/")

    assert page.status == 200, server.explain(page)
    leaflet = [url for url in _static_urls(page.text) if "/vendor/leaflet/" in url]
    referenced = [reference for url in leaflet for reference in _assert_served_with_references(server, browser, url)]
    assert sorted(re.sub(r"\.[0-9a-f]{12}\.", ".*.", url) for url in leaflet + referenced) == [
        "/static/vendor/leaflet/images/layers-2x.*.png",
        "/static/vendor/leaflet/images/layers.*.png",
        "/static/vendor/leaflet/images/marker-icon-2x.*.png",
        "/static/vendor/leaflet/images/marker-icon.*.png",
        "/static/vendor/leaflet/images/marker-icon.*.png",
        "/static/vendor/leaflet/images/marker-shadow.*.png",
        "/static/vendor/leaflet/leaflet.*.css",
        "/static/vendor/leaflet/leaflet.*.js",
        "/static/vendor/leaflet/leaflet.js.*.map",
    ]
