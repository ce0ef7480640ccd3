"""The grant reports under /reports/: HTML first, then the same numbers as PDF and XLSX.

Who may see what: coordinators and organisation admins all three reports of their organisation; the
service lead the MPSV report; mentors the APK report of the projects they mentor; nobody else.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.choices import Role
from assistants.models import Project
from assistants.reports import apk_report, narrative_save
from cases.models import SocialService
from cases.reports import mpsv_report
from core.dates import period_shortcuts
from core.forms import apply_validation_error
from reports.forms import NarrativeForm, ProjectReportForm, ServiceReportForm, SituationReportForm
from reports.rendering import render_report
from reports.situation import situation_report

ALL_REPORTS = (Role.COORDINATOR, Role.ORG_ADMIN)
APK_REPORT = (*ALL_REPORTS, Role.MENTOR)
MPSV_REPORT = (*ALL_REPORTS, Role.SERVICE_LEAD)
REPORT_VIEWERS = (*ALL_REPORTS, Role.MENTOR, Role.SERVICE_LEAD)


def _projects_for(user):
    projects = Project.objects.for_user(user).order_by("-is_active", "-starts_on", "name")
    if user.has_role(*ALL_REPORTS):
        return projects
    if user.has_role(Role.MENTOR):
        return projects.filter(mentors=user)
    return projects.none()


def _services_for(user):
    if not user.has_role(*MPSV_REPORT):
        return SocialService.objects.none()
    return SocialService.objects.for_user(user).order_by("name")


def _shortcuts():
    return period_shortcuts(timezone.localdate())


@require_GET
def report_index(request):
    user = request.user
    if not user.has_role(*REPORT_VIEWERS):
        raise PermissionDenied
    return render(
        request,
        "reports/report_index.html",
        {
            "can_apk": user.has_role(*APK_REPORT),
            "can_mpsv": user.has_role(*MPSV_REPORT),
            "can_situation": user.has_role(*ALL_REPORTS),
        },
    )


@require_GET
def apk(request):
    if not request.user.has_role(*APK_REPORT):
        raise PermissionDenied
    # An empty first visit shows the form without errors.
    form = ProjectReportForm(request.GET or None, projects=_projects_for(request.user))
    return _apk_page(request, form)


def _apk_page(request, form: ProjectReportForm, narrative_form: NarrativeForm | None = None):
    """The APK report page; `narrative_form` is a refused narrative, shown again with the coordinator's text."""
    context = {"form": form, "shortcuts": _shortcuts(), "title": _("Výkaz projektu APK (MV ČR)")}
    if not form.is_valid():
        return render(request, "reports/report_page.html", context)
    project = form.cleaned_data["project"]
    report = apk_report(project, form.period)
    context["narrative_form"] = narrative_form or NarrativeForm(
        initial={"text": report.narrative}, version=report.narrative_version
    )
    context["can_edit_narrative"] = request.user.has_role(Role.COORDINATOR)
    return render_report(
        request,
        report,
        template="reports/report_page.html",
        pdf_template="reports/pdf/report.html",
        filename="vykaz-apk",
        context=context,
    )


@require_POST
def apk_narrative(request):
    if not request.user.has_role(Role.COORDINATOR):
        raise PermissionDenied
    # A project outside the user's scope is a 404, like every other object of another organisation; so is an id
    # that is no number at all (the lookup would fail with a server error).
    project_id = request.POST.get("project", "")
    get_object_or_404(_projects_for(request.user), pk=project_id if project_id.isdecimal() else 0)
    form = ProjectReportForm(request.POST, projects=_projects_for(request.user))
    narrative = NarrativeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Slovní hodnocení se nepodařilo uložit: zkontrolujte projekt a období."))
        return redirect("reports:apk")
    if not narrative.is_valid():
        return _apk_page(request, form, narrative)
    try:
        narrative_save(
            project=form.cleaned_data["project"],
            period=form.period,
            text=narrative.cleaned_data["text"],
            by=request.user,
            version=narrative.cleaned_data["version"],
        )
    except ValidationError as error:
        # A colleague saved the narrative meanwhile: the page again, with this coordinator's text kept.
        apply_validation_error(narrative, error)
        return _apk_page(request, form, narrative)
    messages.success(request, _("Slovní hodnocení bylo uloženo."))
    query = f"project={form.cleaned_data['project'].pk}&od={form.period.start}&do={form.period.end}"
    return redirect(f"{reverse('reports:apk')}?{query}")


@require_GET
def mpsv(request):
    if not request.user.has_role(*MPSV_REPORT):
        raise PermissionDenied
    form = ServiceReportForm(request.GET or None, services=_services_for(request.user))
    context = {"form": form, "shortcuts": _shortcuts(), "title": _("Statistika sociální služby (MPSV)")}
    if not form.is_valid():
        return render(request, "reports/report_page.html", context)
    report = mpsv_report(form.cleaned_data["service"], form.period)
    return render_report(
        request,
        report,
        template="reports/report_page.html",
        pdf_template="reports/pdf/report.html",
        filename="statistika-mpsv",
        context=context,
    )


@require_GET
def situation(request):
    if not request.user.has_role(*ALL_REPORTS):
        raise PermissionDenied
    form = SituationReportForm(request.GET)
    context = {"form": form, "shortcuts": _shortcuts(), "title": _("Situační zpráva o lokalitách")}
    if not form.is_valid():
        return render(request, "reports/report_page.html", context)
    report = situation_report(
        request.user.organisation,
        form.period,
        region=form.cleaned_data["region"],
        municipality=form.cleaned_data["municipality"],
    )
    return render_report(
        request,
        report,
        template="reports/report_page.html",
        pdf_template="reports/pdf/report.html",
        filename="situacni-zprava",
        context=context,
    )
