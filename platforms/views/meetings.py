"""Meetings of a platform: header, attendance, agenda with minutes, anonymised cases, tasks, final minutes, PDF.

Everyone who may read platforms (PLATFORM_VIEWERS) reads meetings and downloads the minutes; only coordinators
(PLATFORM_MANAGERS) change them, any other role gets a 403 before anything is looked up. Another organisation's
meeting is a 404. Every change carries the version of the meeting the user saw: a stale one is refused with the
service's message, the input kept and nothing changed. Final minutes are read-only until a coordinator reopens
them with a reason; the pages that change a meeting then send the user back with the service's message.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import PLATFORM_MANAGERS, PLATFORM_VIEWERS
from audit.choices import AuditAction
from core.forms import apply_validation_error, posted_data
from core.pagination import keyset_page, query_without_cursor
from core.pdf import PDF_CONTENT_TYPE, render_pdf
from core.permissions import role_required
from core.responses import attachment_response
from core.scoping import get_for_user_or_404
from platforms import selectors, services
from platforms.choices import AttendanceStatus
from platforms.filters import MeetingFilter
from platforms.forms import (
    AgendaFormSet,
    AttendanceForm,
    CaseDiscussionForm,
    GuestFormSet,
    MeetingFinaliseForm,
    MeetingForm,
    MeetingReopenForm,
    MeetingVersionForm,
    TaskForm,
    TaskReviewForm,
)
from platforms.models import Platform

MEETING_PAGE_SIZE = 25
REVIEW_ANCHOR = "#kontrola-ukolu"


@dataclass
class AttendanceRow:
    """A representative on the attendance list (prezenční listina) with the status recorded, if any."""

    representative: object
    status: str | None
    # The choice's lazy label: the PDF renders it in Czech whatever the user's language.
    status_label: object


@dataclass
class InstitutionAttendance:
    institution: object
    rows: list = field(default_factory=list)


@dataclass
class ReviewRow:
    """A task in "Kontrola úkolů": its review at this meeting (if any), earlier reviews, and the form to review it."""

    task: object
    review: object | None
    earlier_reviews: list
    form: object | None = None


def _refuse_if_final(request, meeting):
    """Final minutes are read-only: say so (the service's message) and go back to the meeting; else None."""
    if meeting.is_final:
        messages.error(request, " ".join(services.final_error().messages))
        return redirect(meeting)
    return None


def _attendance(meeting) -> tuple[list[InstitutionAttendance], dict]:
    """The attendance list grouped by institution, and the counts per status (plus guests).

    A draft lists every current representative (a new member shows as not yet recorded); final minutes list
    exactly the representatives recorded, so the document does not change when the platform's members do.
    """
    statuses = {row.representative_id: row.status for row in meeting.attendance.all()}
    labels = dict(AttendanceStatus.choices)  # lazy labels
    groups: dict[int, InstitutionAttendance] = {}
    for representative in selectors.meeting_representatives(meeting):
        status = statuses.get(representative.pk)
        if status is None and meeting.is_final:
            continue
        group = groups.setdefault(
            representative.institution_id, InstitutionAttendance(institution=representative.institution)
        )
        group.rows.append(AttendanceRow(representative, status, labels.get(status)))
    counts = {status: 0 for status in AttendanceStatus.values}
    for group in groups.values():
        for row in group.rows:
            if row.status in counts:
                counts[row.status] += 1
    counts["guests"] = len(meeting.guests.all())
    return list(groups.values()), counts


def _review_rows(meeting) -> list[ReviewRow]:
    rows = []
    for task in selectors.tasks_to_review(meeting):
        reviews = list(task.reviews.all())
        here = next((review for review in reviews if review.meeting_id == meeting.pk), None)
        earlier = [review for review in reviews if review.meeting.starts_at < meeting.starts_at]
        rows.append(ReviewRow(task=task, review=here, earlier_reviews=earlier))
    return rows


def _minutes_context(meeting) -> dict:
    """What the meeting page and the minutes PDF show (the selector has fetched the meeting's parts)."""
    groups, counts = _attendance(meeting)
    return {
        "meeting": meeting,
        "platform": meeting.platform,
        "attendance_groups": groups,
        "attendance_counts": counts,
        "agenda_items": list(meeting.agenda_items.all()),
        "guests": list(meeting.guests.all()),
        "case_discussions": list(meeting.case_discussions.all()),
        "new_tasks": list(meeting.new_tasks.all()),
        "review_rows": _review_rows(meeting),
    }


def _render_detail(request, meeting, *, bound_review=None, reopen_form=None):
    """The meeting page; `bound_review` (task id, form) and `reopen_form` come back with their errors."""
    can_manage = request.user.has_role(*PLATFORM_MANAGERS)
    editable = can_manage and not meeting.is_final
    context = _minutes_context(meeting)
    if editable:
        for row in context["review_rows"]:
            if bound_review is not None and bound_review[0] == row.task.pk:
                row.form = bound_review[1]
            else:
                row.form = TaskReviewForm(meeting=meeting, task=row.task, review=row.review)
    context.update(
        {
            "can_manage": can_manage,
            "editable": editable,
            "outputs": list(meeting.outputs.all()),
            "status_changes": list(meeting.status_changes.all()),
            "finalise_form": MeetingFinaliseForm(meeting=meeting) if editable else None,
            "reopen_form": (reopen_form or MeetingReopenForm(meeting=meeting))
            if can_manage and meeting.is_final
            else None,
        }
    )
    return render(request, "platforms/meeting_detail.html", context)


# --- the list and the meeting page ---------------------------------------------------------------


@require_GET
@role_required(*PLATFORM_VIEWERS)
def meeting_list(request):
    """The organisation's meetings, newest first, optionally of one platform; paged by keyset on (time, id)."""
    meeting_filter = MeetingFilter(
        request.GET or None, queryset=selectors.meeting_list_for(request.user), user=request.user
    )
    page = keyset_page(
        meeting_filter.qs,
        ordering=("-starts_at", "-id"),
        per_page=MEETING_PAGE_SIZE,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    return render(
        request,
        "platforms/meeting_list.html",
        {
            "form": meeting_filter.form,
            "platform": meeting_filter.chosen_platform(),
            "page": page,
            "query_string": query_without_cursor(request.GET),
            "can_manage": request.user.has_role(*PLATFORM_MANAGERS),
        },
    )


@require_GET
@role_required(*PLATFORM_VIEWERS)
def meeting_detail(request, pk):
    return _render_detail(request, selectors.meeting_detail_for(request.user, pk))


# --- the meeting's header, agenda, attendance ----------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def meeting_create(request, pk):
    """Plan a meeting of a platform: when, where, who chairs it, and the agenda."""
    platform = get_for_user_or_404(Platform.objects.select_related("coordinator"), request.user, pk=pk)
    form = MeetingForm(posted_data(request), user=request.user, platform=platform)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(platform=platform, **form.meeting_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Jednání bylo naplánováno."))
            return redirect(meeting)
    return render(request, "platforms/meeting_form.html", {"form": form, "platform": platform, "meeting": None})


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def meeting_edit(request, pk):
    """The meeting's date, place, chair and decisions."""
    meeting = selectors.meeting_for(request.user, pk)
    if refused := _refuse_if_final(request, meeting):
        return refused
    form = MeetingForm(posted_data(request), user=request.user, platform=meeting.platform, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, **form.meeting_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny jednání byly uloženy."))
            return redirect(meeting)
    return render(
        request, "platforms/meeting_form.html", {"form": form, "platform": meeting.platform, "meeting": meeting}
    )


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def meeting_agenda(request, pk):
    """The agenda items in order, each with its minutes; rows are added, removed and reordered in one save."""
    meeting = selectors.meeting_for(request.user, pk)
    if refused := _refuse_if_final(request, meeting):
        return refused
    data = posted_data(request)
    form = MeetingVersionForm(data, meeting=meeting)
    form.helper.form_tag = False
    formset = AgendaFormSet(data, items=meeting.agenda_items.all())
    # all() of a list: both are validated, so both show their errors.
    if request.method == "POST" and all([form.is_valid(), formset.is_valid()]):
        try:
            services.agenda_save(meeting=meeting, version=form.cleaned_data["version"], items=formset.items())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Program a zápis byly uloženy."))
            return redirect(meeting)
    return render(request, "platforms/meeting_agenda.html", {"meeting": meeting, "form": form, "formset": formset})


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def meeting_attendance(request, pk):
    """Present, excused or absent for every representative, grouped by institution; and the guests."""
    meeting = selectors.meeting_for(request.user, pk)
    if refused := _refuse_if_final(request, meeting):
        return refused
    data = posted_data(request)
    statuses = dict(meeting.attendance.values_list("representative_id", "status"))
    form = AttendanceForm(
        data, meeting=meeting, representatives=selectors.meeting_representatives(meeting), statuses=statuses
    )
    formset = GuestFormSet(data, guests=meeting.guests.all())
    if request.method == "POST" and all([form.is_valid(), formset.is_valid()]):
        try:
            services.attendance_save(
                meeting=meeting,
                version=form.cleaned_data["version"],
                statuses=form.statuses(),
                guests=formset.guests(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Prezenční listina byla uložena."))
            return redirect(meeting)
    return render(request, "platforms/meeting_attendance.html", {"meeting": meeting, "form": form, "formset": formset})


# --- anonymised cases and tasks ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def case_discussion_create(request, pk):
    """An anonymised case discussed at the meeting: no personal data, no link to any client record."""
    meeting = selectors.meeting_for(request.user, pk)
    if refused := _refuse_if_final(request, meeting):
        return refused
    form = CaseDiscussionForm(posted_data(request), user=request.user, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_discussion_add(meeting=meeting, **form.discussion_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Anonymizovaný případ byl zapsán."))
            return redirect(meeting)
    return render(request, "platforms/meeting_case_form.html", {"meeting": meeting, "form": form})


@require_http_methods(["GET", "POST"])
@role_required(*PLATFORM_MANAGERS)
def task_create(request, pk):
    """A task agreed at the meeting; it comes back at every next meeting until it is done or cancelled."""
    meeting = selectors.meeting_for(request.user, pk)
    if refused := _refuse_if_final(request, meeting):
        return refused
    form = TaskForm(posted_data(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_create(meeting=meeting, **form.task_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Úkol byl zadán."))
            return redirect(meeting)
    return render(request, "platforms/meeting_task_form.html", {"meeting": meeting, "form": form})


@require_POST
@role_required(*PLATFORM_MANAGERS)
def task_review(request, pk, task_id):
    """Mark a task from an earlier meeting done, cancelled or carried on (with a note) at this meeting."""
    meeting = selectors.meeting_detail_for(request.user, pk)
    if refused := _refuse_if_final(request, meeting):
        return refused
    task = selectors.task_of_platform(meeting, task_id)
    form = TaskReviewForm(request.POST, meeting=meeting, task=task)
    if form.is_valid():
        try:
            services.task_review(meeting=meeting, task=task, **form.review_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Kontrola úkolu „%(title)s“ byla uložena.") % {"title": task.title})
            return redirect(meeting.get_absolute_url() + REVIEW_ANCHOR)
    if not selectors.tasks_to_review(meeting).filter(pk=task.pk).exists():
        # The form is shown only with the tasks due for review here; say what went wrong above the page.
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return _render_detail(request, meeting, bound_review=(task.pk, form))


# --- final minutes and the PDF -------------------------------------------------------------------


@require_POST
@role_required(*PLATFORM_MANAGERS)
def meeting_finalise(request, pk):
    """Mark the minutes final: the meeting becomes read-only until a coordinator reopens it."""
    meeting = selectors.meeting_for(request.user, pk)
    form = MeetingFinaliseForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect(meeting)
    try:
        services.meeting_finalise(meeting=meeting, version=form.cleaned_data["version"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Zápis byl uzavřen; jednání už nelze měnit."))
    return redirect(meeting)


@require_POST
@role_required(*PLATFORM_MANAGERS)
def meeting_reopen(request, pk):
    """Reopen final minutes; the reason is required and kept in the status history."""
    meeting = selectors.meeting_detail_for(request.user, pk)
    if not meeting.is_final:
        messages.error(request, _("Zápis není uzavřený."))
        return redirect(meeting)
    form = MeetingReopenForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.meeting_reopen(
                meeting=meeting,
                version=form.cleaned_data["version"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # A stale version: nothing to fix in the form.
                messages.error(request, " ".join(error.messages))
                return redirect(meeting)
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Zápis byl znovu otevřen."))
            return redirect(meeting)
    return _render_detail(request, meeting, reopen_form=form)


@require_GET
@role_required(*PLATFORM_VIEWERS)
def minutes_pdf(request, pk):
    """The minutes (zápis) with the attendance list for signatures; drafts are marked as a working version."""
    meeting = selectors.meeting_detail_for(request.user, pk)
    # The header and every label come from the template, rendered in Czech (core/pdf.py).
    context = {**_minutes_context(meeting), "organisation": request.user.organisation}
    content = render_pdf("platforms/pdf/minutes.html", context, request=request)
    starts_on = timezone.localtime(meeting.starts_at).date()
    return attachment_response(
        content,
        filename=f"zapis-z-jednani-{starts_on:%Y-%m-%d}.pdf",
        content_type=PDF_CONTENT_TYPE,
        request=request,
        action=AuditAction.PDF,
    )
