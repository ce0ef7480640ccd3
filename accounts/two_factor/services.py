"""Two-factor login: a TOTP authenticator app plus ten one-time recovery codes, on top of django-otp.

Who owes the second factor (`two_factor_required`): staff and superusers (the Django admin, /admin/, reaches every
organisation's accounts), every user holding a role that sees clients or manages others (REQUIRED_ROLES), and APKs
of an organisation that asks for it (`Organisation.require_two_factor_for_apk`).
Anyone else may set it up from their account page; once they have a device, their login asks for it as well.

The flow: the password step is Django's LoginView, which signs the user in. Until the session is OTP-verified
(django-otp's OTPMiddleware reads the verified device from the session), `TwoFactorMiddleware` lets such a user
reach only the code step, the set-up pages, logout, static files, the health check and the language switch;
everything else redirects to the code step (a device exists) or the set-up (none yet). Verifying a code stores the
device in the session (`django_otp.login`) and cycles the session key, as any privilege change does.

Brute force and replay are django-otp's: each wrong code doubles the device's wait before the next attempt
(throttling), and a TOTP code whose time step was already used is refused. Recovery codes are deleted when used,
and stored only as keyed hashes (`recovery_code_digests`).
Setting a password (the organisation admin's page, the user's own change) never touches the devices.
"""

import base64
import re
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from accounts.choices import Role
from accounts.models import Organisation, User
from audit import services as audit
from audit.choices import AuditAction
from core.versioning import lock, save_new_version

REQUIRED_ROLES = (Role.LIAISON, Role.SERVICE_LEAD, Role.MENTOR, Role.COORDINATOR, Role.ORG_ADMIN)
RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Aplikace"
RECOVERY_DEVICE_NAME = "Záložní kódy"
# The salt of the keyed hash under which recovery codes are stored (`recovery_code_digests`).
RECOVERY_CODE_SALT = "svl.two_factor.recovery_code"
# What a signed-in user who still owes the second factor may reach (besides static files).
# The keep-alive of the idle-timeout warning (svl/middleware.py) too: it keeps the set-up in progress alive.
EXEMPT_URL_NAMES = {"two_factor:verify", "two_factor:setup", "logout", "healthz", "set_language", "session_keepalive"}
# The set-up's secret waits in the session until the user confirms it with a code (no device row before that).
SETUP_KEY_SESSION_KEY = "svl_two_factor_setup_key"
# The recovery codes just created, shown once on the next page and then gone from the session.
RECOVERY_CODES_SESSION_KEY = "svl_two_factor_recovery_codes"
TOTP_TOKEN_RE = re.compile(r"^\d{6}$")


# --- policy (reads) -------------------------------------------------------------------------------


def two_factor_required(user: User) -> bool:
    """Must this user sign in with a second factor?

    Staff and superusers always: the Django admin edits every organisation's accounts.
    """
    if user.is_staff or user.is_superuser or user.has_role(*REQUIRED_ROLES):
        return True
    if user.has_role(Role.APK) and user.organisation_id is not None:
        return user.organisation.require_two_factor_for_apk
    return False


def totp_device_for(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_step(user: User) -> str | None:
    """The URL name of the step a signed-in but not OTP-verified user owes, or None when they owe none."""
    if totp_device_for(user) is not None:
        return "two_factor:verify"
    if two_factor_required(user):
        return "two_factor:setup"
    return None


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def base32_secret(key_hex: str) -> str:
    """The secret as authenticator apps take it when typed in (django-otp stores it as hex)."""
    return base64.b32encode(bytes.fromhex(key_hex)).decode("ascii").rstrip("=")


def key_from_base32(secret: str) -> str:
    """The hex key django-otp stores, from a base32 secret (the demo data's fixed one)."""
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded).hex()


def provisioning_uri(user: User, key_hex: str) -> str:
    """The otpauth:// URI of a (not yet saved) device with this key; the QR code carries it."""
    return TOTPDevice(user=user, key=key_hex).config_url


def qr_code_svg(data: str, *, label: str) -> str:
    """`data` as an inline SVG QR code: no script, no style attribute (the CSP allows neither)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=4)
    svg = image.to_string(encoding="unicode")
    # Size it in CSS pixels for a tablet and name it for screen readers; the label is our own text.
    return re.sub(
        r'^<svg width="[^"]*" height="[^"]*"',
        f'<svg width="240" height="240" role="img" aria-label="{escape(label)}"',
        svg,
        count=1,
    )


# --- services (writes) ----------------------------------------------------------------------------


def setup_key(session) -> str:
    """The secret of the set-up in progress: the same one until it is confirmed, so a reload shows the same QR."""
    if SETUP_KEY_SESSION_KEY not in session:
        session[SETUP_KEY_SESSION_KEY] = default_key()
    return session[SETUP_KEY_SESSION_KEY]


def device_totp(device: TOTPDevice) -> TOTP:
    """The device's TOTP generator (django-otp keeps its parameters on the device)."""
    return TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)


def current_code(device: TOTPDevice) -> str:
    """The code the device's authenticator app shows now (the demo load test and the tests type it)."""
    return f"{device_totp(device).token():0{device.digits}d}"


@transaction.atomic
def totp_device_confirm(*, user: User, key_hex: str, token: str) -> TOTPDevice | None:
    """Save the authenticator app once the user proves it works with a current code; None for a wrong code.

    The code's time step is kept as used, so the same code cannot then pass the login step again.
    """
    device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=key_hex, confirmed=True)
    totp = device_totp(device)
    if not TOTP_TOKEN_RE.match(token) or not totp.verify(int(token), tolerance=device.tolerance):
        return None
    device.last_t = totp.t()
    TOTPDevice.objects.filter(user=user).delete()
    device.full_clean()
    device.save()
    return device


def recovery_code_digests(code: str) -> list[str]:
    """What the database keeps of a recovery code: never the code, a keyed hash of it.

    An HMAC-SHA256 keyed with SECRET_KEY (a salted_hmac with its own salt), cut to the 16 characters django-otp's
    StaticToken column holds (64 bits). A copy of the database alone reveals no code and gives nothing to guess
    offline; a code of 8 base32 characters (40 bits) would fall to a plain unkeyed hash at once. The first digest
    is the current key's; the others are those of SECRET_KEY_FALLBACKS, so rotating the key keeps codes working.
    """
    normalised = re.sub(r"[\s-]", "", code).lower()
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [
        salted_hmac(RECOVERY_CODE_SALT, normalised, secret=key, algorithm="sha256").hexdigest()[:16] for key in keys
    ]


@transaction.atomic
def recovery_codes_create(*, user: User) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones; each works once.

    Returns the codes to show the user this once; only their digests are stored.
    """
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=recovery_code_digests(code)[0]) for code in codes)
    return codes


def verify_code(*, user: User, code: str):
    """Check a code typed at the login step: a 6-digit TOTP code or a recovery code.

    Returns (device, None) on success, else (None, reason) with reason "invalid" or "throttled".
    Verification runs under a row lock (django-otp's verify_token), so two requests cannot both use one code.
    """
    code = re.sub(r"[\s-]", "", code).lower()
    model = TOTPDevice if TOTP_TOKEN_RE.match(code) else StaticDevice
    with transaction.atomic():
        device = model.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        if device is None:
            return None, "invalid"
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            return None, "throttled"
        token = code if model is TOTPDevice else _stored_digest(device, code)
        if device.verify_token(token):
            return device, None
    return None, "invalid"


def _stored_digest(device: StaticDevice, code: str) -> str:
    """The digest of `code` as stored for `device` (made under the current or an older SECRET_KEY), else the
    current key's, which matches nothing and counts as a wrong code."""
    digests = recovery_code_digests(code)
    stored = device.token_set.filter(token__in=digests).values_list("token", flat=True).first()
    return stored or digests[0]


def mark_verified(request, device) -> None:
    """Remember the verified device in the session and give the session a new key (a privilege change)."""
    otp_login(request, device)
    request.session.cycle_key()


@transaction.atomic
def two_factor_reset(*, user: User, request=None) -> int:
    """Delete the user's authenticator app and recovery codes (an organisation admin's action), with an audit row.

    The user must set the second factor up again: a session verified by a deleted device no longer counts.
    """
    deleted = 0
    for model in (TOTPDevice, StaticDevice):
        count, _per_model = model.objects.filter(user=user).delete()
        deleted += count
    audit.record(AuditAction.TWO_FACTOR_RESET, obj=user, request=request)
    return deleted


@transaction.atomic
def demo_device_ensure(*, user: User, secret: str) -> TOTPDevice:
    """Give a demo user a confirmed authenticator app with a fixed, published secret (seed_demo only)."""
    key_hex = key_from_base32(secret)
    device = TOTPDevice.objects.filter(user=user, key=key_hex, confirmed=True).first()
    if device is None:
        device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=key_hex, confirmed=True)
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def organisation_settings_update(
    *, organisation: Organisation, version: int | None, require_two_factor_for_apk: bool
) -> Organisation:
    """The organisation admin's settings; `version` is the one the admin's form saw."""
    organisation = lock(organisation, version=version)
    organisation.require_two_factor_for_apk = require_two_factor_for_apk
    organisation.full_clean()
    save_new_version(organisation, update_fields=["require_two_factor_for_apk"])
    return organisation


# --- enforcement ----------------------------------------------------------------------------------


class TwoFactorMiddleware:
    """Keep a signed-in user who owes the second factor on its pages until the session is OTP-verified.

    Goes right after LoginRequiredMiddleware (and after django-otp's OTPMiddleware, which sets `is_verified`). A
    verified session costs nothing here beyond OTPMiddleware's device query; an unverified one costs the device
    check (and, for an APK without a device, the organisation's setting).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._exempt(request):
            step = pending_step(user)
            if step is not None:
                return redirect_to_step(request, step)
        return self.get_response(request)

    def _exempt(self, request) -> bool:
        if request.path_info.startswith(self.static_prefix):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in EXEMPT_URL_NAMES


def redirect_to_step(request, step: str):
    """Redirect to the owed step; a page asked for with GET is where the user goes once verified."""
    url = reverse(step)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)
