"""Pages of the two-factor login (accounts/two_factor/services.py): the code step, the set-up, recovery codes, the
account's
overview, the organisation admin's reset of a user's second factor and the organisation's settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.models import User
from accounts.permissions import USER_MANAGERS
from accounts.two_factor import services as two_factor
from accounts.two_factor.forms import OrganisationSettingsForm, SetupConfirmForm, VerifyCodeForm
from core.forms import apply_validation_error, posted_data
from core.permissions import role_required
from core.scoping import get_for_user_or_404


def _next_url(request) -> str:
    """Where the user was going before the code step; only a page of this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


@require_http_methods(["GET", "POST"])
def verify(request):
    """The login's second step."""
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url or "home")
    if two_factor.totp_device_for(request.user) is None:
        return redirect("two_factor:setup" if two_factor.two_factor_required(request.user) else "home")
    form = VerifyCodeForm(posted_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        two_factor.mark_verified(request, form.device)
        if isinstance(form.device, StaticDevice):
            messages.warning(
                request,
                _("Přihlásili jste se záložním kódem; zbývá jich %(count)s. Nové si vytvoříte na stránce účtu.")
                % {"count": two_factor.recovery_codes_left(request.user)},
            )
        return redirect(next_url or "home")
    # No navigation: every page but this one is out of reach until the code is entered.
    return render(request, "two_factor/verify.html", {"form": form, "next": next_url, "nav_items": []})


@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up the authenticator app: secret and QR code, confirmed with the first code; then the recovery codes."""
    if two_factor.totp_device_for(request.user) is not None:
        if not request.user.is_verified():
            return redirect("two_factor:verify")
        messages.info(request, _("Dvoufázové ověření už máte nastavené."))
        return redirect("two_factor:account")
    key_hex = two_factor.setup_key(request.session)
    form = SetupConfirmForm(posted_data(request), user=request.user, key_hex=key_hex)
    if request.method == "POST" and form.is_valid():
        del request.session[two_factor.SETUP_KEY_SESSION_KEY]
        two_factor.mark_verified(request, form.device)
        request.session[two_factor.RECOVERY_CODES_SESSION_KEY] = two_factor.recovery_codes_create(user=request.user)
        messages.success(request, _("Dvoufázové ověření je zapnuté."))
        return redirect("two_factor:recovery_codes")
    uri = two_factor.provisioning_uri(request.user, key_hex)
    context = {
        "form": form,
        "secret": two_factor.base32_secret(key_hex),
        "uri": uri,
        "qr_svg": two_factor.qr_code_svg(uri, label=_("QR kód pro aplikaci ověřovatele")),
        "required": two_factor.two_factor_required(request.user),
    }
    if not request.user.is_verified():
        context["nav_items"] = []  # the rest of the site is out of reach until the set-up is done
    return render(request, "two_factor/setup.html", context)


@require_GET
def recovery_codes(request):
    """The recovery codes just created, shown this once (they leave the session here)."""
    codes = request.session.pop(two_factor.RECOVERY_CODES_SESSION_KEY, None)
    return render(request, "two_factor/recovery_codes.html", {"codes": codes})


@require_POST
def recovery_codes_create(request):
    """New recovery codes in place of the old ones (e.g. after using a few)."""
    if not request.user.is_verified():
        return redirect("two_factor:account")
    request.session[two_factor.RECOVERY_CODES_SESSION_KEY] = two_factor.recovery_codes_create(user=request.user)
    messages.success(request, _("Byly vytvořeny nové záložní kódy; dosavadní už neplatí."))
    return redirect("two_factor:recovery_codes")


@require_GET
def account(request):
    """The user's own second factor: whether it is on, how many recovery codes are left, set it up."""
    device = two_factor.totp_device_for(request.user)
    context = {
        "device": device,
        "codes_left": two_factor.recovery_codes_left(request.user) if device else 0,
        "required": two_factor.two_factor_required(request.user),
    }
    return render(request, "two_factor/account.html", context)


@require_http_methods(["GET", "POST"])
@role_required(*USER_MANAGERS)
def user_two_factor_reset(request, pk):
    """The organisation admin removes a user's authenticator app and recovery codes (a lost phone)."""
    target = get_for_user_or_404(User.objects, request.user, pk=pk)
    if request.method == "POST":
        two_factor.two_factor_reset(user=target, request=request)
        messages.success(
            request,
            _("Dvoufázové ověření uživatele %(name)s bylo zrušeno; při příštím přihlášení si ho nastaví znovu.")
            % {"name": target},
        )
        return redirect("users:edit", pk=target.pk)
    context = {"target": target, "device": two_factor.totp_device_for(target)}
    return render(request, "svl/user_two_factor_reset.html", context)


@require_http_methods(["GET", "POST"])
@role_required(*USER_MANAGERS)
def organisation_settings(request):
    """The organisation admin's settings of their own organisation."""
    form = OrganisationSettingsForm(posted_data(request), instance=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.organisation_settings_update(
                organisation=request.user.organisation,
                version=form.cleaned_data["version"],
                require_two_factor_for_apk=form.cleaned_data["require_two_factor_for_apk"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Nastavení organizace bylo uloženo."))
            return redirect("organisation_settings")
    return render(request, "svl/organisation_settings.html", {"form": form})
