"""Brute-force protection of the login: django-axes, configured by the AXES_* settings.

Ten failed logins (AXES_FAILURE_LIMIT) with one username from one IP address lock that pair out; the login then
refuses even the right password and shows the lockout page (`lockout_response`, HTTP 429) instead of the form.
The lock ends AXES_COOLOFF_TIME after the last failed attempt (a try while locked counts as one, so it starts the
wait again), when the user logs in successfully elsewhere (AXES_RESET_ON_SUCCESS clears their count from that
address), or when the organisation admin unlocks the account (`user_unlock`, which clears every address).

The audit log records each failed and successful login through Django's auth signals (svl/audit.py); a login
refused by the lock is a failed login there too, and an unlock is an `unlock` entry.
"""

import datetime
import ipaddress

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from svl import audit
from svl.choices import AuditAction
from svl.models import User


def client_ip_address(request) -> str | None:
    """The address failures are counted against (AXES_CLIENT_IP_CALLABLE).

    REMOTE_ADDR, unless TRUSTED_PROXY_COUNT reverse proxies stand in front of the app: then REMOTE_ADDR is the
    nearest proxy's, and the client's is the entry that the outermost trusted proxy appended to X-Forwarded-For
    (counted from the right; entries further left come from the client and may be forged). Without that, every
    login would come from the proxy's address and ten failures would lock a username out for everyone.
    """
    address = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form to a locked-out username and address (AXES_LOCKOUT_CALLABLE).

    The attempt that got here has just (re)started the cool-off, so the login opens again a cool-off from now.
    """
    cool_off = get_cool_off(request)
    context = {
        "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        "retry_at": timezone.localtime() + cool_off if cool_off else None,
    }
    response = render(request, "registration/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
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
