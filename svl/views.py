from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.choices import Role
from accounts.permissions import DASHBOARD_VIEWERS, PLATFORM_MANAGERS
from core.charts import bar_chart
from platforms import selectors as platform_selectors
from reports.dashboard import Dashboard, dashboard_for
from reports.views import REPORT_VIEWERS

# How many overdue platform tasks the coordinator's home page lists (the task list has them all).
HOME_OVERDUE_TASKS = 10


@login_not_required
@require_GET
def healthz(request):
    """Liveness for load balancers: the app answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def home(request):
    # An APK's day starts with their shift (the tablet home page).
    if request.user.has_role(Role.APK):
        return redirect("shifts:today")
    # A liaison worker's day starts with their open cases.
    if request.user.has_role(Role.LIAISON):
        return redirect("cases:home")
    today = timezone.localdate()
    context = {"can_see_reports": request.user.has_role(*REPORT_VIEWERS)}
    if request.user.has_role(*DASHBOARD_VIEWERS):
        # Coordinators and organisation admins get the organisation's figures (aggregates only, no clients).
        dashboard = dashboard_for(request.user, today)
        context.update(dashboard=dashboard, comparison=_comparison(dashboard), chart=_chart(dashboard))
    if request.user.has_role(*PLATFORM_MANAGERS):
        # A coordinator sees the platform tasks past their due date (platforms/_overdue_tasks.html).
        overdue = platform_selectors.overdue_tasks_for(request.user, today=today)
        context["overdue_tasks"] = list(overdue[:HOME_OVERDUE_TASKS])
    return render(request, "svl/home.html", context)


def _comparison(dashboard: Dashboard) -> list[dict]:
    """Rows of the dashboard's "this month against last month" table."""
    this, last = dashboard.this_month, dashboard.last_month
    rows = [
        (_("Schválené směny"), "approved_shifts"),
        (_("Odpracované hodiny (schválené směny)"), "hours_worked"),
        (_("Záznamy z terénu"), "field_records"),
        (_("Kontakty s klienty"), "contacts"),
        (_("Anonymní kontakty"), "anonymous_contacts"),
        (_("Otevřené úkoly platforem"), "open_tasks"),
    ]
    return [
        {
            "key": key,
            "label": label,
            "this_month": getattr(this, key),
            "last_month": getattr(last, key),
            "change": getattr(this, key) - getattr(last, key),
        }
        for label, key in rows
    ]


def _chart(dashboard: Dashboard) -> str:
    """The last twelve months as an SVG bar chart (server-rendered, no JavaScript)."""
    return bar_chart(
        _("Schválené hodiny a záznamy z terénu za posledních 12 měsíců"),
        [f"{month:%-m/%Y}" for month in dashboard.months],
        [(_("Schválené hodiny"), dashboard.hours_by_month), (_("Záznamy z terénu"), dashboard.records_by_month)],
    )
