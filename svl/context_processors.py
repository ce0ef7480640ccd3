from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.permissions import (
    AUDIT_VIEWERS,
    CASE_WORKERS,
    PLATFORM_VIEWERS,
    PROJECT_MANAGERS,
    SERVICE_MANAGERS,
    SHIFT_OVERVIEW,
    SHIFT_PLANNERS,
    SHIFT_REVIEWERS,
    USER_MANAGERS,
    WORKLOG_VIEWERS,
)


def navigation(request):
    """Navigation items the user's roles may use; templates only loop over them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    if user.has_role(Role.APK):
        items.append((_("Moje směna"), reverse("shifts:today")))
    items += [
        (_("Lokality"), reverse("localities:list")),
        (_("Mapa"), reverse("localities:map")),
    ]
    if user.has_role(*CASE_WORKERS):
        items += [
            (_("Moje případy"), reverse("cases:home")),
            (_("Klienti"), reverse("cases:client_list")),
            (_("Anonymní kontakty"), reverse("cases:anonymous_list")),
        ]
    if user.has_role(*SERVICE_MANAGERS):
        items.append((_("Sociální služby"), reverse("cases:service_list")))
    if user.has_role(*SHIFT_PLANNERS):
        items.append((_("Plán směn"), reverse("shifts:plan_week")))
    if user.has_role(*SHIFT_REVIEWERS):
        items.append((_("Ke schválení"), reverse("shifts:review_queue")))
    if user.has_role(*SHIFT_OVERVIEW):
        items.append((_("Směny"), reverse("shifts:list")))
    if user.has_role(*WORKLOG_VIEWERS):
        items.append((_("Výkazy"), reverse("shifts:worklog_index")))
    if user.has_role(*PROJECT_MANAGERS):
        items.append((_("Projekty"), reverse("shifts:project_list")))
    if user.has_role(*PLATFORM_VIEWERS):
        items.append((_("Platformy"), reverse("platforms:list")))
        items.append((_("Úkoly"), reverse("platforms:task_list")))
    if user.has_role(*USER_MANAGERS):
        items.append((_("Uživatelé"), reverse("users:list")))
    if user.has_role(*AUDIT_VIEWERS):
        items.append((_("Audit"), reverse("audit:list")))
    current = request.path
    # Only the most specific match is the current page: /shifts/ must not light up on /shifts/plan/ too.
    matches = [url for _label, url in items if current.startswith(url)]
    active = max(matches, key=len) if matches else None
    return {"nav_items": [{"label": label, "url": url, "active": url == active} for label, url in items]}


# The idle-timeout warning shows this many seconds before the session ends (static/js/session_timeout.js).
SESSION_WARNING_SECONDS = 120


def session_timeout(request):
    """The idle timeout of a signed-in user's session, for the warning before it ends (templates/base.html)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"session_idle_timeout": settings.SESSION_IDLE_TIMEOUT, "session_warning_seconds": SESSION_WARNING_SECONDS}
