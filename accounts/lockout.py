"""Brute-force protection of the login and of the password change: django-axes, configured by the AXES_* settings,
and two limits of our own kept in the database (several app servers may run, so never in process memory).

Ten failed logins (AXES_FAILURE_LIMIT) with one username from one IP address lock that pair out; the login then
refuses even the right password and shows the lockout page (`lockout_response`, HTTP 429) instead of the form.
The lock ends AXES_COOLOFF_TIME after the last failed attempt (a try while locked counts as one, so it starts the
wait again), when the user logs in successfully elsewhere (AXES_RESET_ON_SUCCESS clears their count from that
address), or when the organisation admin unlocks the account (`user_unlock`, which clears every address).

Password spraying (a few passwords tried on many usernames) never locks a pair, so the address has a limit of its
own (`LoginLockoutHandler`): LOGIN_ADDRESS_FAILURE_LIMIT (30) failed logins from one address within
LOGIN_ADDRESS_WINDOW_MINUTES (15), whatever the usernames, block every login from that address until fewer than
that remain in the window. A username counts at most AXES_FAILURE_LIMIT times towards it (its own lock refuses it
beyond that anyway), so one person behind a shared NAT, even one who keeps trying, cannot block their colleagues:
that takes failures of at least three usernames. Nobody can unlock an address early; the block simply runs out.

The own password change (`password_change_retry_at`): PASSWORD_CHANGE_FAILURE_LIMIT (5) wrong current passwords
within PASSWORD_CHANGE_WINDOW_MINUTES (15) refuse further tries, without checking them, until fewer remain in the
window; each wrong password (counted) and each refusal (not counted: it checked nothing) is a `password_failed`
row of the audit log. This keeps a session left open from becoming a way to find out the password.

The audit log records each failed and successful login through Django's auth signals (audit/services.py); a login
refused by the lock is a failed login there too, and an unlock is an `unlock` entry.
"""

import datetime
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from accounts.models import User
from audit import services as audit
from audit.choices import AuditAction
from audit.models import AuditEvent

# Extra of the audit row of a password change refused by the throttle (the password was not even checked).
THROTTLED = "throttled"


class LoginLockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler (AXES_HANDLER) with the per-address limit beside its username+address lock.

    Axes can lock by a second parameter set (AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"],
    "ip_address"]), but not with a limit of its own: it compares the larger of the counts with the one
    AXES_FAILURE_LIMIT (a callable limit is not told which set it is asked for), so the address would lock at ten
    failures of anyone behind it. Worse, a successful login then clears every row of the address, other usernames'
    included: someone with one valid account could reset the lock of an account they attack by logging in between
    tries. So the pair stays axes' only lockout parameter (its count and its reset unchanged), and the address's
    count is read from the same rows, in the database.
    """

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or address_blocked_until(request) is not None

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        # The pair's own lock (set just now by axes) takes precedence: it lasts longer and an admin can lift it.
        if request is None or request.axes_locked_out or self.is_whitelisted(request, credentials):
            return
        retry_at = address_blocked_until(request)
        if retry_at is None:
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        request.svl_address_retry_at = retry_at
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )


def address_blocked_until(request) -> datetime.datetime | None:
    """When the block of the request's client address ends, or None when it is not blocked. One query.

    Blocked while the failures of the last LOGIN_ADDRESS_WINDOW_MINUTES, at most AXES_FAILURE_LIMIT per username
    (and browser: axes keeps one row per username, address and user agent), reach LOGIN_ADDRESS_FAILURE_LIMIT.
    Axes keeps a row's latest failure only, so a row counts while its latest failure is in the window; the window
    is at most AXES_COOLOFF_TIME (svl/settings.py), after which axes deletes the rows.
    """
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return None
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    window = datetime.timedelta(minutes=settings.LOGIN_ADDRESS_WINDOW_MINUTES)
    now = getattr(request, "axes_attempt_time", None) or timezone.now()
    # Newest first: at most `limit` rows are needed, as each holds at least one failure.
    rows = (
        AccessAttempt.objects.filter(ip_address=address, attempt_time__gt=now - window)
        .order_by("-attempt_time")
        .values_list("attempt_time", "failures_since_start")[:limit]
    )
    counted = 0
    for attempt_time, failures in rows:
        counted += min(failures, settings.AXES_FAILURE_LIMIT)
        if counted >= limit:
            # Once this row leaves the window, the newer ones count fewer than the limit.
            return attempt_time + window
    return None


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form to a locked-out username and address, or to a blocked address
    (AXES_LOCKOUT_CALLABLE).

    The attempt that got here has just (re)started the cool-off, so the pair's login opens again a cool-off from
    now; an address's when enough of its failures have left the window.
    """
    address_retry_at = getattr(request, "svl_address_retry_at", None)
    if address_retry_at is not None:
        wait = max(address_retry_at - timezone.now(), datetime.timedelta(0))
        context = {
            "address_blocked": True,
            "cool_off_minutes": max(1, math.ceil(wait.total_seconds() / 60)),
            "retry_at": timezone.localtime(address_retry_at),
        }
        retry_after = math.ceil(wait.total_seconds())
    else:
        cool_off = get_cool_off(request)
        context = {
            "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
            "retry_at": timezone.localtime() + cool_off if cool_off else None,
        }
        retry_after = int(cool_off.total_seconds()) if cool_off else None
    response = render(request, "registration/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def locked_until(user: User) -> datetime.datetime | None:
    """When the last lock of `user`'s username (from any address) ends; None when no address is locked.

    One query. Attempts are counted per username and address, as django-axes counts them (summed over the
    browsers' user agents, which axes keeps apart in its rows).
    """
    cool_off = get_cool_off()
    attempts = AccessAttempt.objects.filter(username=user.get_username())
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    locked = (
        attempts.values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last_attempt")
        .values_list("last_attempt", flat=True)
        .first()
    )
    if locked is None:
        return None
    # Without a cool-off a lock lasts until it is lifted; "now" stands for "still locked".
    return locked + cool_off if cool_off else timezone.now()


@transaction.atomic
def user_unlock(*, user: User, request=None) -> int:
    """Lift every lock of `user`'s username and forget its failed attempts (an organisation admin's action).

    Recorded in the audit log; returns the number of axes rows removed.
    """
    removed = reset(username=user.get_username())
    audit.record(AuditAction.UNLOCK, obj=user, request=request)
    return removed


# --- the own password change -------------------------------------------------------------------------


def password_change_retry_at(user: User) -> datetime.datetime | None:
    """When `user` may try to change their own password again; None while they may. One query.

    Counted from the audit log's `password_failed` rows of the last PASSWORD_CHANGE_WINDOW_MINUTES: with
    PASSWORD_CHANGE_FAILURE_LIMIT of them, the change is refused until the oldest of those leaves the window. A
    refused try is recorded but not counted: it checked no password, so it taught nothing, and the time the form
    names stays true.
    """
    limit = settings.PASSWORD_CHANGE_FAILURE_LIMIT
    window = datetime.timedelta(minutes=settings.PASSWORD_CHANGE_WINDOW_MINUTES)
    failures = list(
        AuditEvent.objects.filter(
            organisation_id=user.organisation_id,  # the audit log's (organisation, at) index
            user=user,
            action=AuditAction.PASSWORD_CHANGE_FAILED,
            extra="",
            at__gt=timezone.now() - window,
        )
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(failures) < limit:
        return None
    return failures[-1] + window


@transaction.atomic
def password_change_failure_record(*, user: User, throttled: bool, request=None) -> AuditEvent:
    """Record a wrong current password at `user`'s own password change, or a try the throttle refused."""
    return audit.record(
        AuditAction.PASSWORD_CHANGE_FAILED, obj=user, user=user, extra=THROTTLED if throttled else "", request=request
    )
