"""Platforms, their member institutions and representatives, the open tasks overview and outputs.

Staff of the organisation in PLATFORM_VIEWERS read every page; only coordinators (PLATFORM_MANAGERS) change
anything. Another organisation's platform, member, task or output is a 404 (fetched through the selectors).
Output documents live under MEDIA_ROOT, outside the web root, and are served only by `output_download`.
"""

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import PLATFORM_MANAGERS, PLATFORM_VIEWERS
from audit.choices import AuditAction
from core.documents import content_type_of
from core.forms import apply_validation_error
from core.permissions import role_required
from core.responses import attachment_response
from platforms import selectors, services
from platforms.choices import TaskStatus, Theme
from platforms.filters import TaskFilter
from platforms.forms import InstitutionForm, OutputForm, PlatformForm, RepresentativeForm

TASK_PAGE_SIZE = 50
# How many past meetings the platform page lists (the meeting list has them all).
PAST_MEETINGS_SHOWN = 12
# Years the attendance overview accepts in ?year=; anything else falls back to the current year.
OVERVIEW_YEARS = range(2000, 2101)


def _theme_labels(values) -> list[str]:
    """Display labels of a platform's themes, in the choices' order."""
    return [label for value, label in Theme.choices if value in values]


def _members_url(platform) -> str:
    return f"{platform.get_absolute_url()}#members"


def _overview_year(raw: str | None, default: int) -> int:
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return default
    return year if year in OVERVIEW_YEARS else default


def _percent(part: int, total: int) -> int | None:
    return round(100 * part / total) if total else None


# --- platforms -----------------------------------------------------------------------------------


@require_GET
@role_required(*PLATFORM_VIEWERS)
def platform_list(request):
    rows = [
        {"platform": platform, "themes": _theme_labels(platform.themes)}
        for platform in selectors.platform_list_for(request.user)
    ]
    return render(
        request,
        "platforms/platform_list.html",
        {"rows": rows, "can_manage": request.user.has_role(*PLATFORM_MANAGERS)},
    )


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def platform_create(request):
    form = PlatformForm(request.POST or None, user=request.user, cancel_url=reverse("platforms:list"))
    if request.method == "POST" and form.is_valid():
        try:
            platform = services.platform_create(organisation=request.user.organisation, **form.service_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("Platforma %(name)s byla založena. Přidejte její členské instituce.") % {"name": platform}
            )
            return redirect(platform)
    return render(request, "platforms/platform_form.html", {"form": form, "title": _("Nová platforma")})


@require_GET
@role_required(*PLATFORM_VIEWERS)
def platform_detail(request, pk):
    platform = selectors.platform_detail_for(request.user, pk)
    now = timezone.now()
    today = timezone.localdate(now)
    year = _overview_year(request.GET.get("year"), today.year)
    meeting_total, institutions = selectors.attendance_overview(platform, year, held_before=now)
    attendance = [
        {
            "institution": institution,
            "present": institution.present,
            "excused": institution.excused,
            "percent": _percent(institution.present, meeting_total),
        }
        for institution in institutions
    ]
    tasks = list(selectors.open_tasks_for(request.user, platform=platform, today=today))
    return render(
        request,
        "platforms/platform_detail.html",
        {
            "platform": platform,
            "themes": _theme_labels(platform.themes),
            "institutions": list(platform.institutions.all()),
            "upcoming_meetings": list(selectors.upcoming_meetings_of(platform, now=now)),
            "past_meetings": list(selectors.past_meetings_of(platform, now=now)[:PAST_MEETINGS_SHOWN]),
            "tasks": tasks,
            "overdue_count": sum(1 for task in tasks if task.is_overdue),
            "outputs": list(selectors.outputs_of(platform)),
            "year": year,
            "meeting_total": meeting_total,
            "attendance": attendance,
            "previous_year": year - 1 if year - 1 in OVERVIEW_YEARS else None,
            "next_year": year + 1 if year < today.year else None,
            "can_manage": request.user.has_role(*PLATFORM_MANAGERS),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def platform_edit(request, pk):
    platform = selectors.platform_for(request.user, pk)
    title = _("Upravit platformu %(name)s") % {"name": platform.name}  # before the form changes the instance
    form = PlatformForm(
        request.POST or None, user=request.user, instance=platform, cancel_url=platform.get_absolute_url()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.platform_update(
                platform=platform, version=form.cleaned_data["version"], **form.service_arguments()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny platformy %(name)s byly uloženy.") % {"name": platform.name})
            return redirect(platform)
    return render(request, "platforms/platform_form.html", {"form": form, "platform": platform, "title": title})


# --- member institutions and their representatives ----------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def institution_create(request, pk):
    platform = selectors.platform_for(request.user, pk)
    form = InstitutionForm(request.POST or None, cancel_url=_members_url(platform))
    if request.method == "POST" and form.is_valid():
        try:
            institution = services.institution_save(platform=platform, **form.service_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("Instituce %(name)s byla přidána. Uveďte jejího zástupce.") % {"name": institution.name}
            )
            return redirect("platforms:representative_create", institution.pk)
    return render(
        request,
        "platforms/institution_form.html",
        {"form": form, "platform": platform, "title": _("Nová členská instituce")},
    )


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def institution_edit(request, pk):
    institution = selectors.institution_detail_for(request.user, pk)
    platform = institution.platform
    title = _("Upravit instituci %(name)s") % {"name": institution.name}  # before the form changes the instance
    form = InstitutionForm(request.POST or None, instance=institution, cancel_url=_members_url(platform))
    if request.method == "POST" and form.is_valid():
        try:
            services.institution_save(
                platform=platform,
                institution=institution,
                version=form.cleaned_data["version"],
                **form.service_arguments(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny instituce %(name)s byly uloženy.") % {"name": institution.name})
            return redirect(_members_url(platform))
    return render(
        request,
        "platforms/institution_form.html",
        {
            "form": form,
            "platform": platform,
            "institution": institution,
            "representatives": list(institution.representatives.all()),
            "title": title,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def representative_create(request, pk):
    institution = selectors.institution_detail_for(request.user, pk)
    platform = institution.platform
    form = RepresentativeForm(request.POST or None, cancel_url=_members_url(platform))
    if request.method == "POST" and form.is_valid():
        try:
            representative = services.representative_save(institution=institution, **form.service_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Zástupce %(name)s instituce %(institution)s byl přidán.")
                % {"name": representative.name, "institution": institution.name},
            )
            return redirect(_members_url(platform))
    return render(
        request,
        "platforms/representative_form.html",
        {
            "form": form,
            "platform": platform,
            "institution": institution,
            "title": _("Nový zástupce instituce %(name)s") % {"name": institution.name},
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def representative_edit(request, pk):
    representative = selectors.representative_detail_for(request.user, pk)
    institution = representative.institution
    platform = institution.platform
    title = _("Upravit zástupce %(name)s") % {"name": representative.name}  # before the form changes the instance
    form = RepresentativeForm(request.POST or None, instance=representative, cancel_url=_members_url(platform))
    if request.method == "POST" and form.is_valid():
        try:
            services.representative_save(
                institution=institution,
                representative=representative,
                version=form.cleaned_data["version"],
                **form.service_arguments(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny zástupce %(name)s byly uloženy.") % {"name": representative.name})
            return redirect(_members_url(platform))
    return render(
        request,
        "platforms/representative_form.html",
        {"form": form, "platform": platform, "institution": institution, "title": title},
    )


# --- tasks ---------------------------------------------------------------------------------------


@require_GET
@role_required(*PLATFORM_VIEWERS)
def task_list(request):
    """Open tasks of the organisation's platforms, oldest due first; overdue ones are marked."""
    today = timezone.localdate()
    task_filter = TaskFilter(
        request.GET or None, queryset=selectors.open_tasks_for(request.user, today=today), user=request.user
    )
    page = Paginator(task_filter.qs, TASK_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "platforms/task_list.html",
        {"form": task_filter.form, "page": page, "query_string": query.urlencode(), "today": today},
    )


@require_GET
@role_required(*PLATFORM_VIEWERS)
def task_detail(request, pk):
    """A task's history across meetings: set at one, reviewed at the next ones, closed at one."""
    task = selectors.task_detail_for(request.user, pk)
    return render(
        request,
        "platforms/task_detail.html",
        {
            "task": task,
            "reviews": list(task.reviews.all()),
            "is_overdue": task.status == TaskStatus.OPEN and task.due_on < timezone.localdate(),
        },
    )


# --- outputs -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def output_create(request, pk):
    platform = selectors.platform_for(request.user, pk)
    outputs_url = f"{platform.get_absolute_url()}#outputs"
    form = OutputForm(request.POST or None, request.FILES or None, platform=platform, cancel_url=outputs_url)
    if request.method == "POST" and form.is_valid():
        try:
            output = services.output_create(platform=platform, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Výstup %(title)s byl uložen.") % {"title": output.title})
            return redirect(outputs_url)
    return render(
        request,
        "platforms/output_form.html",
        {"form": form, "platform": platform, "title": _("Nový výstup platformy")},
    )


@require_GET
@role_required(*PLATFORM_VIEWERS)
def output_download(request, pk):
    """The output's document as an attachment under its original name; never cached, sniffed or rendered."""
    output = selectors.output_for(request.user, pk)
    if not output.document:
        raise Http404
    try:
        document = output.document.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    # The content type is the one validated on upload (carried by the stored name's extension), never a guess
    # from the name the user gave the file.
    return attachment_response(
        document,
        filename=output.original_filename or Path(output.document.name).name,
        content_type=content_type_of(output.document.name),
        request=request,
        subject=output,
        action=AuditAction.EXPORT,
        sandbox=True,
    )
