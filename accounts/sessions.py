"""Sessions on shared tablets.

``SessionLifetimeMiddleware`` ends a signed-in session after ``settings.SESSION_IDLE_TIMEOUT`` seconds without a
request and ``settings.SESSION_ABSOLUTE_LIFETIME`` seconds after the login, whatever the activity: a tablet put
down in the field must not stay signed in for the next person who picks it up. Pages warn before the idle
timeout and offer to stay signed in (static/js/session_timeout.js, the keep-alive view ``session_keepalive``).
"""

import math
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.utils.translation import ngettext

# Session keys: when the user logged in and when their last request came, as Unix timestamps.
LOGIN_AT_KEY = "svl_login_at"


LAST_ACTIVITY_KEY = "svl_last_activity"


# The last activity is rewritten at most this often (or every tenth of the idle timeout, if that is shorter):
# saving the session on every request would cost a database write per request for a resolution nobody needs.
ACTIVITY_RESOLUTION_SECONDS = 60


# What a sign-out tells the browser to clear; not "storage", where the APK's unsent field records wait.
CLEAR_SITE_DATA = '"cache", "cookies"'


# Why a session was signed out, in the login page's query (accounts.views.LoginView says it): the idle timeout or the
# absolute lifetime.
SIGNED_OUT_PARAM = "signed_out"


IDLE = "idle"


LIFETIME = "lifetime"


class SessionLifetimeMiddleware:
    """Sign out a session that was idle too long or began too long ago; note the activity of every other request.

    Place it after AuthenticationMiddleware and before ``LoginRequiredMiddleware``. Every request of a signed-in
    user counts as activity, the keep-alive included (static files never get here). An expired session is signed
    out (audited as a logout) and sent to the login page with the reason; no ``next``: on a shared tablet the next
    person to sign in need not land on the previous user's page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            login_at = session.get(LOGIN_AT_KEY)
            last_activity = session.get(LAST_ACTIVITY_KEY)
            if login_at is None or last_activity is None:
                # Signed in before this middleware existed: the clock starts now.
                start_session_clock(sender=None, request=request, user=user)
            elif now - login_at >= settings.SESSION_ABSOLUTE_LIFETIME:
                return _sign_out(request, LIFETIME)
            elif now - last_activity >= settings.SESSION_IDLE_TIMEOUT:
                return _sign_out(request, IDLE)
            elif now - last_activity >= min(ACTIVITY_RESOLUTION_SECONDS, settings.SESSION_IDLE_TIMEOUT / 10):
                session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


def start_session_clock(sender, request, user, **kwargs):
    """Receiver of ``user_logged_in`` (SvlConfig.ready()): the session's lifetime and idle time start at the login.

    Django gives the session a new key at login, so no earlier session's times carry over.
    """
    now = time.time()
    request.session[LOGIN_AT_KEY] = now
    request.session[LAST_ACTIVITY_KEY] = now


def session_touch(request) -> None:
    """Count this request as activity now, whatever the resolution (the keep-alive: "Zůstat přihlášen")."""
    request.session[LAST_ACTIVITY_KEY] = time.time()


def signed_out_message(reason: str | None) -> str | None:
    """What the login page says after a sign-out for `reason` (its SIGNED_OUT_PARAM), or None for anything else."""
    if reason == IDLE:
        return _idle_message(settings.SESSION_IDLE_TIMEOUT)
    if reason == LIFETIME:
        return _absolute_message(settings.SESSION_ABSOLUTE_LIFETIME)
    return None


def _sign_out(request, reason: str):
    # Inside the request's transaction, scoped to the user's organisation (core.rls.RowLevelSecurityMiddleware comes
    # first), so the logout's audit row is written as any other of the request.
    logout(request)
    response = redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({SIGNED_OUT_PARAM: reason})}")
    # As the logout view does (accounts.views.LogoutView, which says why not "storage"): the browser drops this site's
    # cached pages and cookies, so nothing of the signed-out user stays on a shared tablet. The reason goes in the
    # URL: the browser clears cookies set by this very response too, a message cookie included.
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


def _idle_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Byli jste odhlášeni po %(count)d minutě nečinnosti.",
        "Byli jste odhlášeni po %(count)d minutách nečinnosti.",
        minutes,
    ) % {"count": minutes}


def _absolute_message(seconds: int) -> str:
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext(
            "Byli jste odhlášeni po %(count)d hodině od přihlášení. Přihlaste se prosím znovu.",
            "Byli jste odhlášeni po %(count)d hodinách od přihlášení. Přihlaste se prosím znovu.",
            hours,
        ) % {"count": hours}
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Byli jste odhlášeni po %(count)d minutě od přihlášení. Přihlaste se prosím znovu.",
        "Byli jste odhlášeni po %(count)d minutách od přihlášení. Přihlaste se prosím znovu.",
        minutes,
    ) % {"count": minutes}
