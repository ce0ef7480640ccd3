"""Pages of the account: login, logout, the password change, the session keep-alive, and the organisation
admin's user pages."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import lockout, selectors, services
from accounts.forms import PasswordChangeForm, UserCreateForm, UserEditForm, UserPasswordForm
from accounts.models import User
from accounts.permissions import USER_MANAGERS
from accounts.sessions import CLEAR_SITE_DATA, SIGNED_OUT_PARAM, session_touch, signed_out_message
from core.forms import apply_validation_error
from core.permissions import role_required
from core.scoping import get_for_user_or_404


@login_not_required
@require_GET
def admin_login(request):
    """The Django admin's login page sends to the site's login (password, lockout, second factor), then back."""
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


@require_GET
@role_required(*USER_MANAGERS)
def user_list(request):
    page = Paginator(selectors.user_list_for(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "svl/user_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@role_required(*USER_MANAGERS)
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                organisation=request.user.organisation,
                username=data["username"],
                password=data["password1"],
                roles=data["roles"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Uživatel %(name)s byl vytvořen.") % {"name": user})
            return redirect("users:list")
    return render(request, "svl/user_form.html", {"form": form, "title": _("Nový uživatel")})


@require_http_methods(["GET", "POST"])
@role_required(*USER_MANAGERS)
def user_edit(request, pk):
    target = get_for_user_or_404(User.objects, request.user, pk=pk)
    form = UserEditForm(request.POST or None, instance=target, acting_user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(
                user=target,
                acting_user=request.user,
                version=data["version"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                roles=data["roles"],
                is_active=data["is_active"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny uživatele %(name)s byly uloženy.") % {"name": target})
            return redirect("users:list")
    return render(
        request,
        "svl/user_form.html",
        {
            "form": form,
            "target": target,
            "title": _("Upravit uživatele %(name)s") % {"name": target.username},
            "locked_until": lockout.locked_until(target),
        },
    )


@require_POST
@role_required(*USER_MANAGERS)
def user_unlock(request, pk):
    """The organisation admin lifts a lockout after too many failed logins (accounts/lockout.py)."""
    target = get_for_user_or_404(User.objects, request.user, pk=pk)
    lockout.user_unlock(user=target, request=request)
    messages.success(request, _("Přihlašování uživatele %(name)s bylo odemčeno.") % {"name": target})
    return redirect("users:edit", pk=target.pk)


@require_http_methods(["GET", "POST"])
@role_required(*USER_MANAGERS)
def user_password(request, pk):
    target = get_for_user_or_404(User.objects, request.user, pk=pk)
    form = UserPasswordForm(request.POST or None, user=target)
    if request.method == "POST" and form.is_valid():
        services.user_set_password(user=target, password=form.cleaned_data["password1"])
        messages.success(request, _("Nové heslo uživatele %(name)s bylo nastaveno.") % {"name": target})
        return redirect("users:list")
    return render(
        request,
        "svl/user_form.html",
        {"form": form, "target": target, "title": _("Nové heslo pro %(name)s") % {"name": target.username}},
    )


@require_POST
def session_keepalive(request):
    """The idle-timeout warning's "Zůstat přihlášen": the session's idle time starts again (svl/middleware.py)."""
    session_touch(request)
    return HttpResponse(status=204)


class LoginView(auth_views.LoginView):
    """Django's login; after a timeout (accounts.sessions.SessionLifetimeMiddleware) it also says why the user was
    signed out, from the reason in its URL."""

    redirect_authenticated_user = True

    def get(self, request, *args, **kwargs):
        message = signed_out_message(request.GET.get(SIGNED_OUT_PARAM))
        if message:
            messages.warning(request, message)
        return super().get(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own-password change, throttled (accounts.lockout.password_change_retry_at): after too many wrong current
    passwords the old password is not even checked, and the form says when to try again."""

    form_class = PasswordChangeForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "POST":
            kwargs["retry_at"] = lockout.password_change_retry_at(self.request.user)
        return kwargs

    def form_valid(self, form):
        # The one path of every password set (services.user_set_password): validated, saved with a new version, so
        # an organisation admin's edit form opened before is stale. The session stays signed in with the new hash.
        user = services.user_set_password(user=form.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, user)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        throttled = form.has_error("old_password", "throttled")
        if throttled or form.has_error("old_password", "password_incorrect"):
            # The account itself, not request.user's lazy proxy: the audit row takes its label from the instance.
            account = User.objects.get(pk=self.request.user.pk)
            lockout.password_change_failure_record(user=account, throttled=throttled, request=self.request)
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    """Django's logout (POST only, never cached), and the browser clears this site's cache and cookies.

    Clear-Site-Data names "cache" and "cookies" but not "storage", deliberately: the APK's tablet page keeps
    field records that have not reached the server yet in localStorage (static/js/record_form.js), and they must
    survive a logout, a timeout or the next user's login until they are sent. Note that "cookies" clears the cookies
    of the whole registrable domain (svl.example.cz clears example.cz's): on a shared tablet that is wanted.
    """

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
