"""The APK's shift on a tablet: my shift today, the work page, breaks, field records, ending and submitting.

Only the shift's own assistants work on it: a shift outside the user's scope is a 404 (another APK's shift
among them), a visible shift the user is not an assistant of is a 403. Actions that take the shift's version
(submit, correct, break_add, break_delete) refuse a stale one with the service's message and change nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.choices import Role
from assistants import selectors, services
from assistants.choices import EDITABLE_STATUSES, ShiftStatus
from assistants.forms import BreakAddForm, FieldRecordForm, ShiftCorrectForm, ShiftNoteForm, ShiftVersionForm
from core import clock
from core.forms import apply_validation_error
from core.permissions import role_required
from core.versioning import stale_error


def _is_assistant(shift, user) -> bool:
    return any(assistant.pk == user.pk for assistant in shift.assistants.all())


def _assistant_shift(request, pk):
    """The shift for one of its assistants: out of scope is a 404, visible but not theirs (a mentor's) a 403."""
    shift = selectors.shift_detail_for(request.user, pk)
    if not _is_assistant(shift, request.user):
        raise PermissionDenied
    return shift


def _time(moment) -> str:
    return clock.clock_label(moment)  # "02:30 SEČ" on the night 02:30 happens twice


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _not_editable_message(shift) -> str:
    if shift.status == ShiftStatus.PLANNED:
        return _("Záznamy lze přidávat až po zahájení směny.")
    return _("Směna je odevzdaná nebo schválená; záznamy už nelze měnit.")


def _work_url(shift, *, saved: str = "") -> str:
    """The work page; `saved` names the record form's draft that the page's script may now forget."""
    url = reverse("shifts:work", args=[shift.pk])
    return f"{url}?saved={saved}" if saved else url


# --- my shift today and the work page --------------------------------------------------------------


@require_GET
@role_required(Role.APK)
def today(request):
    """The APK's home page: today's shifts and earlier ones still needing action (running or returned)."""
    day = timezone.localdate()
    return render(
        request,
        "assistants/shift_today.html",
        {
            "day": day,
            "shifts": selectors.shifts_of_day_for(request.user, day),
            "open_shifts": list(selectors.open_shifts_for(request.user, before=day)),
        },
    )


def _finishing(shift) -> bool:
    """After the shift has ended (or came back from the mentor): the note, submitting, and corrections."""
    return shift.status in EDITABLE_STATUSES and shift.actual_end is not None


def _render_work(request, shift, *, note_form=None, correct_form=None, break_form=None):
    breaks = list(shift.breaks.all())
    ended = shift.actual_end is not None
    editable = shift.status in EDITABLE_STATUSES
    finishing = _finishing(shift)
    return render(
        request,
        "assistants/shift_work.html",
        {
            "shift": shift,
            "team": list(shift.assistants.all()),
            "localities": list(shift.localities.all()),
            "records": list(shift.records.all()),
            "breaks": breaks,
            "open_break": next((b for b in breaks if b.ended_at is None), None),
            "planned": shift.status == ShiftStatus.PLANNED,
            "running": shift.status == ShiftStatus.IN_PROGRESS and not ended,
            "returned": shift.status == ShiftStatus.RETURNED,
            "editable": editable,
            "finishing": finishing,
            "note_form": (note_form or ShiftNoteForm(shift=shift)) if finishing else None,
            "correct_form": (correct_form or ShiftCorrectForm(shift=shift)) if finishing else None,
            "break_form": (break_form or BreakAddForm(shift=shift)) if finishing else None,
            # Opened when a correction came back with errors, so they are not hidden in a closed section.
            "corrections_open": bool(correct_form or break_form),
            "draft_prefix": FieldRecordForm.draft_prefix(shift),
        },
    )


def _refused(request, shift, **forms):
    """A work-page form came back with errors: show it again with them, or, if the page no longer shows that form
    (the shift is not in the finishing state), say them as messages on the work page."""
    if _finishing(shift):
        return _render_work(request, shift, **forms)
    for form in forms.values():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_work_url(shift))


@require_GET
def work(request, pk):
    return _render_work(request, _assistant_shift(request, pk))


# --- starting, breaks, ending ----------------------------------------------------------------------


@require_POST
def start(request, pk):
    shift = _assistant_shift(request, pk)
    try:
        shift = services.shift_start(shift=shift, by=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Směna byla zahájena v %(time)s.") % {"time": _time(shift.actual_start)})
    return redirect(_work_url(shift))


@require_POST
def break_start(request, pk):
    shift = _assistant_shift(request, pk)
    try:
        new_break = services.break_start(shift=shift, by=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Přestávka začala v %(time)s.") % {"time": _time(new_break.started_at)})
    return redirect(_work_url(shift))


@require_POST
def break_end(request, pk):
    shift = _assistant_shift(request, pk)
    try:
        ended_break = services.break_end(shift=shift, by=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Přestávka skončila v %(time)s.") % {"time": _time(ended_break.ended_at)})
    return redirect(_work_url(shift))


@require_POST
def end(request, pk):
    shift = _assistant_shift(request, pk)
    try:
        shift = services.shift_end(shift=shift, by=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            _("Směna byla ukončena v %(time)s. Zkontrolujte záznamy, doplňte poznámku a směnu odevzdejte.")
            % {"time": _time(shift.actual_end)},
        )
    return redirect(_work_url(shift))


# --- after the shift: corrections and submitting ---------------------------------------------------


@require_POST
def correct(request, pk):
    shift = _assistant_shift(request, pk)
    form = ShiftCorrectForm(request.POST, shift=shift)
    if form.is_valid():
        data = form.cleaned_data
        if shift.actual_end is None:
            form.add_error(None, _("Časy lze opravit až po ukončení směny."))
        else:
            try:
                services.shift_correct_times(
                    shift=shift,
                    by=request.user,
                    version=data["version"],
                    actual_start=data["actual_start"],
                    actual_end=data["actual_end"],
                    note=shift.note,
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Časy směny byly opraveny."))
                return redirect(_work_url(shift))
    return _refused(request, shift, correct_form=form)


@require_POST
def break_add(request, pk):
    shift = _assistant_shift(request, pk)
    form = BreakAddForm(request.POST, shift=shift)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.break_add(
                shift=shift,
                by=request.user,
                version=data["version"],
                started_at=data["started_at"],
                ended_at=data["ended_at"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Přestávka byla přidána."))
            return redirect(_work_url(shift))
    return _refused(request, shift, break_form=form)


@require_POST
def break_delete(request, pk, break_id):
    shift = _assistant_shift(request, pk)
    if not any(b.pk == break_id for b in shift.breaks.all()):
        raise Http404
    form = ShiftVersionForm(request.POST, shift=shift)
    try:
        if not form.is_valid():
            raise stale_error(shift)
        services.break_delete(shift=shift, by=request.user, version=form.cleaned_data["version"], break_id=break_id)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Přestávka byla odebrána."))
    return redirect(_work_url(shift))


@require_POST
def submit(request, pk):
    shift = _assistant_shift(request, pk)
    form = ShiftNoteForm(request.POST, shift=shift)
    if form.is_valid():
        try:
            services.shift_submit(
                shift=shift, by=request.user, version=form.cleaned_data["version"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Směna byla odevzdána ke schválení."))
            return redirect("shifts:today")
    return _refused(request, shift, note_form=form)


# --- field records ---------------------------------------------------------------------------------


def _render_record_form(request, shift, form, record=None):
    return render(request, "assistants/record_form.html", {"shift": shift, "form": form, "record": record})


@require_http_methods(["GET", "POST"])
def record_create(request, pk):
    shift = _assistant_shift(request, pk)
    if request.method == "GET" and shift.status not in EDITABLE_STATUSES:
        messages.error(request, _not_editable_message(shift))
        return redirect(_work_url(shift))
    form = FieldRecordForm(request.POST or None, shift=shift)
    if request.method == "POST" and form.is_valid():
        try:
            # A repeated token (a double tap, a retry after a lost response) returns the record saved first.
            record, _created = services.record_create(
                shift=shift,
                author=request.user,
                client_token=form.cleaned_data["client_token"],
                **form.record_fields(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Záznam byl uložen."))
            return redirect(_work_url(shift, saved=str(record.client_token)))
    return _render_record_form(request, shift, form)


@require_http_methods(["GET", "POST"])
def record_edit(request, pk):
    record = selectors.record_detail_for(request.user, pk)
    shift = record.shift
    if not _is_assistant(shift, request.user):
        raise PermissionDenied
    if request.method == "GET" and shift.status not in EDITABLE_STATUSES:
        messages.error(request, _not_editable_message(shift))
        return redirect(_work_url(shift))
    form = FieldRecordForm(request.POST or None, shift=shift, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_update(
                record=record, by=request.user, version=form.cleaned_data["version"], **form.record_fields()
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny záznamu byly uloženy."))
            return redirect(_work_url(shift, saved=f"record-{record.pk}"))
    return _render_record_form(request, shift, form, record)


@require_POST
def record_delete(request, pk):
    record = selectors.record_detail_for(request.user, pk)
    shift = record.shift
    if not _is_assistant(shift, request.user):
        raise PermissionDenied
    try:
        services.record_delete(record=record, by=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Záznam byl smazán."))
    return redirect(_work_url(shift))
