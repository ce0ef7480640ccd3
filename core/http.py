"""The client's address, as the lockout counts failures against it and the audit log records it."""

import ipaddress

from django.conf import settings


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
