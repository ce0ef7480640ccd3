"""The shift list and page, and the mentor's review: the queue, approving, returning and reopening shifts.

Every action sends the version of the shift the user saw; a stale version changes nothing and says so.
A shift outside the user's scope is a 404; a visible shift the user may not review is a 403 (the services
raise PermissionDenied).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.choices import Role
from accounts.permissions import SHIFT_PLANNERS, SHIFT_REVIEWERS
from assistants import selectors, services
from assistants.choices import ShiftStatus
from assistants.filters import ShiftFilter
from assistants.forms import ApproveManyForm, ReopenForm, ReturnForm, ShiftVersionForm
from core.forms import apply_validation_error
from core.pagination import keyset_page, query_without_cursor
from core.permissions import role_required

PAGE_SIZE = 50
# While a shift is in one of these, its own assistants work on it on the tablet (shifts:work).
WORKABLE_STATUSES = {ShiftStatus.PLANNED, ShiftStatus.IN_PROGRESS, ShiftStatus.RETURNED}


def _date_label(shift) -> str:
    return f"{shift.date.day}. {shift.date.month}. {shift.date.year}"


@require_GET
def shift_list(request):
    """Shifts in the user's scope, newest first, paged by keyset on (date, id): no COUNT, no OFFSET."""
    shift_filter = ShiftFilter(request.GET, queryset=selectors.shift_list_for(request.user), user=request.user)
    page = keyset_page(
        shift_filter.qs,
        ordering=("-date", "-id"),
        per_page=PAGE_SIZE,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    return render(
        request,
        "assistants/shift_list.html",
        {"form": shift_filter.form, "page": page, "query_string": query_without_cursor(request.GET)},
    )


def _render_detail(request, shift, *, return_form=None, reopen_form=None):
    user = request.user
    reviewer = services.can_review(shift, user)
    is_assistant = any(assistant.pk == user.pk for assistant in shift.assistants.all())
    submitted, approved = shift.status == ShiftStatus.SUBMITTED, shift.status == ShiftStatus.APPROVED
    return render(
        request,
        "assistants/shift_detail.html",
        {
            "shift": shift,
            "can_work": is_assistant and shift.status in WORKABLE_STATUSES,
            "can_edit_plan": shift.status == ShiftStatus.PLANNED
            and user.has_role(*SHIFT_PLANNERS)
            and (reviewer or user.has_role(Role.COORDINATOR)),
            "approve_form": ShiftVersionForm(shift=shift, action="shifts:approve", label=_("Schválit"))
            if reviewer and submitted
            else None,
            "return_form": (return_form or ReturnForm(shift=shift)) if reviewer and submitted else None,
            "reopen_form": (reopen_form or ReopenForm(shift=shift)) if reviewer and approved else None,
        },
    )


def _reviewable_shift(request, pk):
    """The shift for a review action: out of scope is a 404, visible but not the user's to review a 403."""
    shift = selectors.shift_detail_for(request.user, pk)
    if not services.can_review(shift, request.user):
        raise PermissionDenied
    return shift


@require_GET
def shift_detail(request, pk):
    return _render_detail(request, selectors.shift_detail_for(request.user, pk))


@require_GET
@role_required(*SHIFT_REVIEWERS)
def review_queue(request):
    return render(
        request,
        "assistants/shift_review_queue.html",
        {
            "shifts": list(selectors.review_queue_for(request.user)),
            "approve_form": ApproveManyForm(),
            "form_id": ApproveManyForm.FORM_ID,
        },
    )


@require_POST
@role_required(*SHIFT_REVIEWERS)
def approve_many(request):
    """Approve the ticked shifts, all or nothing; an id outside the user's review scope is a 404."""
    form = ApproveManyForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["shifts"]))
        return redirect("shifts:review_queue")
    ids = form.cleaned_data["shifts"]
    # Locks are taken in id order, so two mentors approving overlapping selections cannot deadlock.
    shifts = list(selectors.reviewable_shifts_for(request.user).filter(pk__in=ids).order_by("pk"))
    if len(shifts) != len(ids):
        raise Http404
    try:
        services.shift_approve_many(shifts=shifts, by=request.user)
    except ValidationError as error:
        messages.error(request, _("Nic nebylo schváleno. %(reason)s") % {"reason": " ".join(error.messages)})
    else:
        messages.success(request, _("Schváleno směn: %(count)s.") % {"count": len(shifts)})
    return redirect("shifts:review_queue")


@require_POST
@role_required(*SHIFT_REVIEWERS)
def approve(request, pk):
    shift = _reviewable_shift(request, pk)
    form = ShiftVersionForm(request.POST, shift=shift)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Chybí verze směny."))
    try:
        services.shift_approve(shift=shift, by=request.user, version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(shift)
    messages.success(request, _("Směna %(date)s byla schválena.") % {"date": _date_label(shift)})
    return redirect("shifts:review_queue")


@require_POST
@role_required(*SHIFT_REVIEWERS)
def return_shift(request, pk):
    shift = _reviewable_shift(request, pk)
    form = ReturnForm(request.POST, shift=shift)
    if form.is_valid():
        try:
            services.shift_return(
                shift=shift, by=request.user, version=form.cleaned_data["version"], comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # Stale version or a status that changed meanwhile: nothing to fix in the form.
                messages.error(request, " ".join(error.messages))
                return redirect(shift)
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("Směna %(date)s byla vrácena asistentům k opravě.") % {"date": _date_label(shift)}
            )
            return redirect("shifts:review_queue")
    return _render_detail(request, shift, return_form=form)


@require_POST
@role_required(*SHIFT_REVIEWERS)
def reopen(request, pk):
    shift = _reviewable_shift(request, pk)
    form = ReopenForm(request.POST, shift=shift)
    if form.is_valid():
        try:
            services.shift_reopen(
                shift=shift, by=request.user, version=form.cleaned_data["version"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, " ".join(error.messages))
                return redirect(shift)
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Směna %(date)s byla znovu otevřena a vrácena asistentům k opravě.") % {"date": _date_label(shift)},
            )
            return redirect(shift)
    return _render_detail(request, shift, reopen_form=form)
