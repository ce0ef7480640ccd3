"""A short load test of a locally running SVL with the demo accounts (`make run` in another terminal).

    python manage.py load_test [--users 20] [--seconds 60] [--url http://127.0.0.1:8000]

Each simulated user is a thread with its own session: it logs in as a demo account (password "demo", then the
TOTP code of the demo secret, read from the database like the seed wrote it) and then,
until the time is up, goes round its pages as that role would: an APK opens today's shift (starting it if it is
planned) and logs field records with the form's CSRF token; the mentor reads the shift list and the review queue;
the liaison worker the cases home page and the client list; the coordinator the localities, platforms and shifts.
Every one also reads the locality list. Prints requests per second and the p50 / p95 latency, overall and per
page, and fails when any request failed (an unexpected status, a lost session, no answer).

Only a server on this machine is ever targeted: another host is refused. The records it logs stay in the
database, on the demo shift of today.
"""

import http.cookies
import math
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import cycle

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import services as two_factor
from core import rls

DEMO_PASSWORD = "demo"
VERIFY_PATH = "/accounts/two-factor/verify/"
# The personas, assigned to the users in turn: 2 users are apk1 and the mentor.
PERSONAS = ("apk1", "mentor", "liaison", "coordinator", "apk2")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
# One code step at a time per account: django-otp refuses a time step already used, so each simulated login of an
# account forgets the last used step first (a demo-only shortcut; real users log in once per step at most).
_CODE_LOCKS = {username: threading.Lock() for username in PERSONAS}
TIMEOUT_SECONDS = 30
MAX_ERRORS_SHOWN = 10


class RequestFailed(Exception):
    """A request did not get the answer a browser of this user would get; ends the user's current round."""


# --- HTML forms ------------------------------------------------------------------------------------


@dataclass
class Form:
    """A form of a page: its action, the values a browser would send as it is, and the choices it offers."""

    action: str
    fields: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = Form(action=attrs.get("action") or "")
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("radio", "checkbox"):
                # The syringe collection needs a count; a simulated user picks a category without one.
                if attrs.get("data-syringes") is None:
                    self._form.choices.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    self._form.fields[name] = attrs.get("value", "on")
            else:
                self._form.fields[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self._form.fields.setdefault(name, "")
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            if value:
                self._form.choices.setdefault(self._select, []).append(value)
            if "selected" in attrs:
                self._form.fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self._form.fields[name] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


# --- one simulated user ----------------------------------------------------------------------------


@dataclass
class Results:
    """Latencies per page and the failures, shared by the users' threads."""

    samples: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, seconds: float) -> None:
        with self.lock:
            self.samples.setdefault(name, []).append(seconds)

    def fail(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


@dataclass
class Response:
    status: int
    location: str
    text: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to check (a POST must redirect, a GET must not go to the login page)."""

    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One user's session: its own cookies, no proxy, no automatic redirects."""

    def __init__(self, base_url: str, results: Results):
        self.base_url = base_url
        self.results = results
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())

    def get(self, name: str, path: str) -> Response:
        return self._request(name, path, None, expected=200)

    def post(self, name: str, path: str, fields: dict) -> Response:
        """Submit a form; a saved form redirects (302), a form with errors would come back with 200."""
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        return self._request(name, path, data, expected=302)

    def _request(self, name, path, data, *, expected) -> Response:
        url = urllib.parse.urljoin(self.base_url, path)
        request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{key}={value}" for key, value in self.cookies.items()))
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
                response = self._response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as answer:  # 3xx (not followed), 4xx, 5xx
            response = self._response(answer.code, answer.headers, answer.read())
        except OSError as error:  # refused, reset, timed out
            self.results.fail(f"{request.method} {path}: {error}")
            raise RequestFailed from error
        self.results.add(f"{request.method} {name}", time.perf_counter() - started)
        lost_session = name != "login" and "/accounts/login/" in response.location
        if response.status != expected or lost_session:
            self.results.fail(f"{request.method} {path}: HTTP {response.status} {response.location}".rstrip())
            raise RequestFailed
        return response

    def _response(self, status, headers, body) -> Response:
        for header in headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        return Response(status=status, location=headers.get("Location", ""), text=body.decode("utf-8", "replace"))


def log_in(browser: Browser, username: str) -> None:
    page = browser.get("login", "/accounts/login/")
    form = next(form for form in parse_forms(page.text) if "username" in form.fields)
    response = browser.post(
        "login", "/accounts/login/", {**form.fields, "username": username, "password": DEMO_PASSWORD}
    )
    if "/accounts/login/" in response.location:
        browser.results.fail(f"login of {username} failed (run seed_demo: make run loads the demo accounts)")
        raise RequestFailed
    page = browser.get("two_factor:verify", VERIFY_PATH)
    form = next(form for form in parse_forms(page.text) if "code" in form.fields)
    with _CODE_LOCKS[username]:
        code = _demo_code(username)
        if code is None:
            browser.results.fail(f"{username} has no authenticator app (run seed_demo)")
            raise RequestFailed
        browser.post("two_factor:verify", VERIFY_PATH, {**form.fields, "code": code})


def _demo_code(username: str) -> str | None:
    """The current code of the demo account's authenticator app, its replay guard reset (see _CODE_LOCKS).

    The command stands in for the demo users' phones, whatever their organisation: it reads their devices as
    maintenance (core/rls.py).
    """
    with rls.all_organisations():
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            return None
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        return two_factor.current_code(device)


def _form_with(html: str, action_pattern: str) -> Form | None:
    return next((form for form in parse_forms(html) if re.search(action_pattern, form.action)), None)


def apk_round(browser: Browser) -> None:
    """Today's shift: start it if planned, then log a field record on it (a round without a shift only reads)."""
    today = browser.get("shifts:today", "/shifts/today/")
    # Today's shifts only: older returned shifts are listed above them and are not the day's work.
    todays = today.text.split('data-testid="today-shifts"', 1)[-1]
    start = _form_with(todays, r"^/shifts/\d+/start/$")
    if start is not None:
        browser.post("shifts:start", start.action, start.fields)
    work_link = re.search(r'href="(/shifts/\d+/work/)"', todays)
    if work_link is not None:
        work = browser.get("shifts:work", work_link[1])
        new_record = re.search(r'href="(/shifts/\d+/records/new/)"', work.text)
        if new_record is not None:
            _log_record(browser, new_record[1])
    browser.get("localities:list", "/localities/")


def _log_record(browser: Browser, path: str) -> None:
    page = browser.get("shifts:record_create", path)
    form = next(form for form in parse_forms(page.text) if "client_token" in form.fields)
    fields = dict(form.fields)
    for name in ("category", "outcome"):
        if not fields.get(name) and form.choices.get(name):
            fields[name] = form.choices[name][0]
    if not fields.get("locality"):
        fields["place"] = "zastávka MHD"
    fields["description"] = "Zátěžový test: obchůzka bez událostí."
    saved = browser.post("shifts:record_create", path, fields)
    browser.get("shifts:work", saved.location)


def mentor_round(browser: Browser) -> None:
    browser.get("shifts:list", "/shifts/")
    browser.get("shifts:review_queue", "/shifts/review/")
    browser.get("localities:list", "/localities/")


def liaison_round(browser: Browser) -> None:
    browser.get("cases:home", "/cases/")
    browser.get("cases:client_list", "/cases/clients/")
    browser.get("localities:list", "/localities/")


def coordinator_round(browser: Browser) -> None:
    browser.get("localities:list", "/localities/")
    browser.get("platforms:list", "/platforms/")
    browser.get("shifts:list", "/shifts/")


ROUNDS = {
    "apk1": apk_round,
    "apk2": apk_round,
    "mentor": mentor_round,
    "liaison": liaison_round,
    "coordinator": coordinator_round,
}


def simulate_user(base_url: str, username: str, deadline: float, results: Results) -> None:
    browser = Browser(base_url, results)
    logged_in = False
    try:
        while time.monotonic() < deadline:
            try:
                if not logged_in:
                    log_in(browser, username)
                    logged_in = True
                ROUNDS[username](browser)
            except RequestFailed:
                logged_in = False  # start again as a browser would: from the login page
                time.sleep(0.1)
    finally:
        connection.close()  # this thread's database connection (the code step's look-up)


# --- the command -----------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class Command(BaseCommand):
    help = "Drive simulated users (demo accounts) against a local SVL server and print requests/s and latencies."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=20, help="Concurrent simulated users (default 20).")
        parser.add_argument("--seconds", type=float, default=60, help="How long to run (default 60).")
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="The local server (make run).")

    def handle(self, *args, users, seconds, url, **options):
        base_url = self._local_url(url)
        if users < 1 or seconds <= 0:
            raise CommandError("--users must be at least 1 and --seconds more than 0.")
        self.stdout.write(f"Load test: {users} users for {seconds:g} s against {base_url}")
        results = Results()
        started = time.monotonic()
        deadline = started + seconds
        threads = [
            threading.Thread(target=simulate_user, args=(base_url, username, deadline, results), daemon=True)
            for _, username in zip(range(users), cycle(PERSONAS), strict=False)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        self._report(results, elapsed)
        if results.errors:
            raise CommandError(f"{len(results.errors)} requests failed.")

    def _local_url(self, url: str) -> str:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in LOCAL_HOSTS:
            raise CommandError(
                f"The load test only targets a server on this machine (127.0.0.1 or localhost); refusing {url!r}."
            )
        return f"{parts.scheme}://{parts.netloc}/"

    def _report(self, results: Results, elapsed: float) -> None:
        everything = [value for values in results.samples.values() for value in values]
        self.stdout.write(f"{'page':<30}{'requests':>10}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
        rows = sorted(results.samples.items()) + ([("total", everything)] if everything else [])
        for name, values in rows:
            self.stdout.write(
                f"{name:<30}{len(values):>10}{percentile(values, 0.5) * 1000:>10.0f}"
                f"{percentile(values, 0.95) * 1000:>10.0f}{max(values) * 1000:>10.0f}"
            )
        summary = f"Requests: {len(everything)} in {elapsed:.1f} s = {len(everything) / elapsed:.1f} requests/s"
        if everything:
            summary += (
                f"; p50 {percentile(everything, 0.5) * 1000:.0f} ms, p95 {percentile(everything, 0.95) * 1000:.0f} ms"
            )
        self.stdout.write(f"{summary}; errors: {len(results.errors)}")
        failures = Counter(results.errors).most_common()
        for error, count in failures[:MAX_ERRORS_SHOWN]:
            self.stdout.write(self.style.ERROR(f"  {count}× {error}"))
        if len(failures) > MAX_ERRORS_SHOWN:
            self.stdout.write(self.style.ERROR(f"  … and {len(failures) - MAX_ERRORS_SHOWN} other failures"))
