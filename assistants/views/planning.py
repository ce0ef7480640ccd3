"""Mentor planning: the team's week, planning and changing a shift, cancelling it, copying a week's plan.

Mentors plan their team's shifts; coordinators may plan too (and name the mentor). A shift outside the
user's scope is a 404; a shift in scope that the user may not plan (e.g. a mentor who only sees it as
an assistant) is a 403.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.choices import Role
from accounts.permissions import SHIFT_PLANNERS
from assistants import selectors, services
from assistants.choices import ShiftStatus
from assistants.forms import CopyWeekForm, ShiftPlanForm, ShiftVersionForm
from core import clock
from core.forms import apply_validation_error
from core.permissions import role_required

DAYS_IN_WEEK = 7


def _parse_date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week_url(day: datetime.date) -> str:
    return f"{reverse('shifts:plan_week')}?week={monday_of(day).isoformat()}"


def _date_label(day: datetime.date) -> str:
    return f"{day.day}. {day.month}. {day.year}"


def _week_rows(team, shifts, days):
    """Rows of the week grid: one per assistant, one cell per day holding that day's shifts.

    Assistants of the week's shifts who are no longer in the team still get a row, so no shift is hidden.
    """
    assistants = {a.pk: a for a in team}
    for shift in shifts:
        for assistant in shift.assistants.all():
            assistants.setdefault(assistant.pk, assistant)
    cells = {}
    for shift in shifts:
        for assistant in shift.assistants.all():
            cells.setdefault((assistant.pk, shift.date), []).append(shift)
    ordered = sorted(assistants.values(), key=lambda a: (a.last_name, a.first_name, a.username))
    return [
        {"assistant": a, "cells": [{"day": day, "shifts": cells.get((a.pk, day), [])} for day in days]} for a in ordered
    ]


def _plannable_shift(request, pk):
    """The shift if the user may plan it: out of scope is a 404, in scope but not the user's to plan a 403."""
    shift = selectors.shift_detail_for(request.user, pk)
    if not (request.user.has_role(Role.COORDINATOR) or services.can_review(shift, request.user)):
        raise PermissionDenied
    return shift


@require_GET
@role_required(*SHIFT_PLANNERS)
def week(request):
    monday = monday_of(_parse_date(request.GET.get("week")) or timezone.localdate())
    days = [monday + datetime.timedelta(days=offset) for offset in range(DAYS_IN_WEEK)]
    shifts = list(selectors.week_shifts_for(request.user, monday))
    rows = _week_rows(selectors.planning_team_for(request.user), shifts, days)
    today = timezone.localdate()
    is_mentor = request.user.has_role(Role.MENTOR)
    return render(
        request,
        "assistants/shift_plan_week.html",
        {
            "monday": monday,
            "sunday": days[-1],
            "days": days,
            "today": today,
            "rows": rows,
            "previous_week": monday - datetime.timedelta(days=DAYS_IN_WEEK),
            "next_week": monday + datetime.timedelta(days=DAYS_IN_WEEK),
            "this_week": monday_of(today),
            # Copying works on the mentor's own shifts, so only a mentor gets the button.
            "copy_form": CopyWeekForm(source=monday - datetime.timedelta(days=DAYS_IN_WEEK)) if is_mentor else None,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*SHIFT_PLANNERS)
def plan_create(request):
    # A click on an empty cell of the week view pre-fills its day and assistant.
    initial = {}
    if day := _parse_date(request.GET.get("date")):
        initial["date"] = day
    if (assistant := request.GET.get("assistant", "")).isdigit():
        initial["assistants"] = [int(assistant)]
    form = ShiftPlanForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            shift = services.shift_plan(**form.plan_arguments(), planned_by=request.user)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Směna %(date)s byla naplánována.") % {"date": _date_label(shift.date)})
            return redirect(week_url(shift.date))
    back = initial.get("date") or timezone.localdate()
    return render(
        request,
        "assistants/shift_plan_form.html",
        {"form": form, "title": _("Naplánovat směnu"), "week_url": week_url(back)},
    )


@require_http_methods(["GET", "POST"])
@role_required(*SHIFT_PLANNERS)
def plan_edit(request, pk):
    shift = _plannable_shift(request, pk)
    if shift.status != ShiftStatus.PLANNED:
        messages.error(request, _("Upravit plán lze jen u směny, která ještě nezačala."))
        return redirect(shift)
    form = ShiftPlanForm(request.POST or None, user=request.user, shift=shift)
    if request.method == "POST" and form.is_valid():
        try:
            services.shift_update_plan(shift=shift, version=form.cleaned_data["version"], **form.plan_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Plán směny byl uložen."))
            return redirect(week_url(form.cleaned_data["date"]))
    return render(
        request,
        "assistants/shift_plan_form.html",
        {
            "form": form,
            "shift": shift,
            "title": _("Upravit plán směny %(date)s") % {"date": _date_label(shift.date)},
            "week_url": week_url(shift.date),
            "cancel_form": ShiftVersionForm(
                shift=shift, action="shifts:plan_cancel", label=_("Zrušit směnu"), css_class="btn-outline-danger"
            ),
        },
    )


@require_POST
@role_required(*SHIFT_PLANNERS)
def plan_cancel(request, pk):
    shift = _plannable_shift(request, pk)
    form = ShiftVersionForm(request.POST, shift=shift)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Chybí verze směny."))
    try:
        services.shift_cancel(shift=shift, version=form.cleaned_data["version"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(shift)
    messages.success(request, _("Směna %(date)s byla zrušena.") % {"date": _date_label(shift.date)})
    return redirect(week_url(shift.date))


@require_POST
@role_required(Role.MENTOR)
def copy_week(request):
    """Copy the mentor's shifts of the source week into the week after it; clashing shifts are skipped."""
    form = CopyWeekForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Chybí týden, ze kterého se má plán kopírovat."))
    source = monday_of(form.cleaned_data["source"])
    result = services.shift_copy_week(mentor=request.user, source_monday=source, by=request.user)
    if result.created:
        messages.success(request, _("Zkopírováno směn: %(count)s.") % {"count": len(result.created)})
    elif not result.skipped:
        messages.info(request, _("V předchozím týdnu nemáte žádné směny ke zkopírování."))
    for shift, reason in result.skipped:
        messages.warning(
            request,
            _("Směna %(date)s %(start)s–%(end)s nebyla zkopírována: %(reason)s")
            % {
                "date": _date_label(shift.date),
                "start": clock.clock_label(shift.planned_start),
                "end": clock.clock_label(shift.planned_end),
                "reason": reason,
            },
        )
    return redirect(week_url(source + datetime.timedelta(days=DAYS_IN_WEEK)))
