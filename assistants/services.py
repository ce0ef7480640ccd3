"""Writes for projects, shifts, breaks and field records. Views, imports and commands all call these.

Every shift change runs under a row lock and checks the version the user saw (optimistic locking):
a save based on an older version is refused with a message to reload. Status changes follow
`ALLOWED_TRANSITIONS` and are recorded in `ShiftStatusChange`.
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Organisation, User
from assistants.choices import ALLOWED_TRANSITIONS, DEFAULT_CATEGORIES, EDITABLE_STATUSES, ShiftStatus
from assistants.models import FieldRecord, FieldRecordCategory, Project, Shift, ShiftBreak, ShiftStatusChange
from core import clock
from core.services import model_update
from core.versioning import lock, save_new_version
from locations.models import Locality

MAX_ASSISTANTS = 3


# --- projects --------------------------------------------------------------------------------------

PROJECT_FIELDS = ("name", "funder", "registration_number", "starts_on", "ends_on", "planned_hours", "is_active")


def _check_members(organisation: Organisation, users, role: str, field: str):
    foreign = [u for u in users if u.organisation_id != organisation.pk or not u.has_role(role)]
    if foreign:
        raise ValidationError({field: _("Vybraní uživatelé nemají potřebnou roli v této organizaci.")})


@transaction.atomic
def project_create(*, organisation: Organisation, assistants=(), mentors=(), localities=(), **fields) -> Project:
    project = Project(organisation=organisation, **fields)
    project.full_clean()
    _check_members(organisation, assistants, Role.APK, "assistants")
    _check_members(organisation, mentors, Role.MENTOR, "mentors")
    project.save()
    project.assistants.set(assistants)
    project.mentors.set(mentors)
    project.localities.set([loc for loc in localities if loc.organisation_id == organisation.pk])
    return project


@transaction.atomic
def project_update(
    *, project: Project, version: int | None, assistants=(), mentors=(), localities=(), **fields
) -> Project:
    """Change a project and its members; `version` is the one the user's form saw."""
    project = lock(project, version=version, queryset=Project.objects.select_related("organisation"))

    def clean(project: Project) -> None:
        project.full_clean()
        _check_members(project.organisation, assistants, Role.APK, "assistants")
        _check_members(project.organisation, mentors, Role.MENTOR, "mentors")

    project, _updated = model_update(instance=project, fields=PROJECT_FIELDS, data=fields, clean=clean)
    project.assistants.set(assistants)
    project.mentors.set(mentors)
    project.localities.set([loc for loc in localities if loc.organisation_id == project.organisation_id])
    return project


# --- categories ------------------------------------------------------------------------------------


@transaction.atomic
def category_ensure_defaults() -> None:
    """Make sure the shared default code list exists (after a flush in tests, or on a damaged database)."""
    for position, (code, name, syringes) in enumerate(DEFAULT_CATEGORIES, start=1):
        FieldRecordCategory.objects.get_or_create(
            organisation=None,
            code=code,
            defaults={"name": str(name), "position": position * 10, "requires_syringe_count": syringes},
        )


@transaction.atomic
def category_create(
    *, organisation: Organisation, code: str, name: str, position: int = 100, requires_syringe_count: bool = False
) -> FieldRecordCategory:
    category = FieldRecordCategory(
        organisation=organisation,
        code=code,
        name=name,
        position=position,
        requires_syringe_count=requires_syringe_count,
    )
    category.full_clean()
    if FieldRecordCategory.objects.available_to(organisation.pk).filter(code=code).exists():
        raise ValidationError({"code": _("Kategorie s tímto kódem už existuje.")})
    category.save()
    return category


@transaction.atomic
def category_update(
    *, category: FieldRecordCategory, version: int | None, name: str, position: int, is_active: bool
) -> FieldRecordCategory:
    category = lock(category, version=version)
    category.name = name
    category.position = position
    category.is_active = is_active
    category.full_clean()
    save_new_version(category, update_fields=["name", "position", "is_active"])
    return category


# --- planning --------------------------------------------------------------------------------------


def planned_end_date(date: datetime.date, start: datetime.time, end: datetime.time) -> datetime.date:
    """The day a shift's end falls on: an end at or before the start (on the clock) means it runs past midnight."""
    return date if end > start else date + datetime.timedelta(days=1)


def _planned_instant(field: str, day: datetime.date, time: datetime.time, fold: int | None) -> datetime.datetime:
    try:
        return clock.instant(day, time, fold=fold)
    except clock.LocalTimeError as error:
        raise ValidationError({field: str(error)}) from error


def planned_range(
    date: datetime.date,
    start: datetime.time,
    end: datetime.time,
    *,
    start_fold: int | None = None,
    end_fold: int | None = None,
) -> tuple[datetime.datetime, datetime.datetime]:
    """Planned start and end as instants; an end at or before the start means the shift runs past midnight.

    The times are wall times (a plan 22:00–06:00 across the March night is 7 h long, across the October night 9 h);
    a time in the spring gap, or in the autumn fold without its `*_fold` answer, is an error at its field.
    """
    planned_start = _planned_instant("start", date, start, start_fold)
    planned_end = _planned_instant("end", planned_end_date(date, start, end), end, end_fold)
    if planned_end <= planned_start:
        # Only possible in the fold (02:30 SEČ–02:15 SELČ); said at the field rather than by the check constraint.
        raise ValidationError({"end": _("Plánovaný konec musí být po začátku.")})
    return planned_start, planned_end


def shift_clash_message(*, names: str, other: Shift) -> str:
    """The Czech message for assistants (`names`) who already have the overlapping shift `other`."""
    return _("%(names)s už má v této době jinou směnu: %(date)s %(start)s–%(end)s (%(kind)s).") % {
        "names": names,
        "date": f"{clock.local_date(other.planned_start):%-d. %-m. %Y}",
        "start": clock.clock_label(other.planned_start),
        "end": clock.clock_label(other.planned_end),
        "kind": other.get_kind_display(),
    }


def _check_overlaps(*, assistants, planned_start, planned_end, exclude_pk=None):
    """An APK cannot be planned into two overlapping shifts. Callers hold the assistants' row locks."""
    clashes = (
        Shift.objects.filter(assistants__in=assistants, planned_start__lt=planned_end, planned_end__gt=planned_start)
        .exclude(pk=exclude_pk)
        .prefetch_related("assistants")
        .distinct()
    )
    for other in clashes:
        busy = [a for a in other.assistants.all() if a in assistants]
        raise ValidationError({"assistants": shift_clash_message(names=", ".join(str(a) for a in busy), other=other)})


def validate_shift_team(*, project: Project, mentor: User, assistants, localities=(), active_only: bool = True):
    """The team of a new (or re-planned) shift: 1–3 APKs and a mentor of the project's organisation.

    Raises ValidationError keyed by "assistants", "mentor" and "localities". `active_only=False` is for historical
    shifts (the import): an assistant who has left since (account deactivated) still worked them.
    """
    organisation_id = project.organisation_id
    errors = {}
    if not 1 <= len(assistants) <= MAX_ASSISTANTS:
        errors["assistants"] = _("Směnu slouží 1 až 3 asistenti.")
    elif any(
        a.organisation_id != organisation_id or not a.has_role(Role.APK) or (active_only and not a.is_active)
        for a in assistants
    ):
        errors["assistants"] = (
            _("Do směny lze zařadit jen aktivní asistenty prevence kriminality této organizace.")
            if active_only
            else _("Do směny lze zařadit jen asistenty prevence kriminality této organizace.")
        )
    if mentor.organisation_id != organisation_id or not mentor.has_role(Role.MENTOR):
        errors["mentor"] = _("Mentor musí být mentorem této organizace.")
    if any(loc.organisation_id != organisation_id for loc in localities):
        errors["localities"] = _("Vyberte lokality této organizace.")
    if errors:
        raise ValidationError(errors)


def validate_shift_date(*, project: Project, date: datetime.date) -> None:
    """A shift lies in its project's period (it is paid from the project). Raises ValidationError at "date"."""
    if not project.starts_on <= date <= project.ends_on:
        raise ValidationError(
            {
                "date": _("Datum je mimo období projektu (%(start)s – %(end)s).")
                % {"start": f"{project.starts_on:%-d. %-m. %Y}", "end": f"{project.ends_on:%-d. %-m. %Y}"}
            }
        )


MAX_SHIFT_MINUTES = 24 * 60


def validate_shift_span(*, start: datetime.datetime, end: datetime.datetime) -> None:
    """A shift's actual end lies after its start and at most 24 hours later, in elapsed time (UTC instants).

    Raises ValidationError at "actual_end".
    """
    # Minutes between UTC instants: on the October night 0:00–23:30 is 24.5 h, on the March night 0:00–0:30 the
    # next day 23.5 h (two aware datetimes of one zone would compare and subtract on the wall clock).
    duration = clock.minutes_between(start, end)
    if duration <= 0:
        raise ValidationError({"actual_end": _("Skutečný konec musí být po začátku.")})
    if duration > MAX_SHIFT_MINUTES:
        raise ValidationError({"actual_end": _("Směna nemůže trvat déle než 24 hodin.")})


def _lock_users(users):
    # Serialises planning per assistant, so two mentors cannot plan the same APK twice at once.
    return list(User.objects.select_for_update().filter(pk__in=[u.pk for u in users]).order_by("pk"))


@transaction.atomic
def shift_plan(
    *,
    project: Project,
    mentor: User,
    date: datetime.date,
    start: datetime.time,
    end: datetime.time,
    kind: str,
    assistants: list[User],
    localities: list[Locality] = (),
    priorities: str = "",
    planned_by: User,
    start_fold: int | None = None,
    end_fold: int | None = None,
) -> Shift:
    """Plan a shift from its wall times; `start_fold` / `end_fold` say which 02:30 on the October night (clock)."""
    validate_shift_team(project=project, mentor=mentor, assistants=assistants, localities=localities)
    planned_start, planned_end = planned_range(date, start, end, start_fold=start_fold, end_fold=end_fold)
    _lock_users(assistants)
    _check_overlaps(assistants=assistants, planned_start=planned_start, planned_end=planned_end)
    shift = Shift(
        organisation_id=project.organisation_id,
        project=project,
        mentor=mentor,
        date=date,
        planned_start=planned_start,
        planned_end=planned_end,
        kind=kind,
        priorities=priorities,
    )
    shift.full_clean()
    shift.save()
    shift.assistants.set(assistants)
    shift.localities.set(localities)
    ShiftStatusChange.objects.create(shift=shift, changed_by=planned_by, from_status="", to_status=ShiftStatus.PLANNED)
    return shift


@transaction.atomic
def shift_update_plan(
    *,
    shift: Shift,
    version: int,
    project: Project,
    mentor: User,
    date: datetime.date,
    start: datetime.time,
    end: datetime.time,
    kind: str,
    assistants: list[User],
    localities: list[Locality] = (),
    priorities: str = "",
    start_fold: int | None = None,
    end_fold: int | None = None,
) -> Shift:
    shift = lock(shift, version=version)
    if shift.status != ShiftStatus.PLANNED:
        raise ValidationError(_("Upravit plán lze jen u směny, která ještě nezačala."))
    validate_shift_team(project=project, mentor=mentor, assistants=assistants, localities=localities)
    planned_start, planned_end = planned_range(date, start, end, start_fold=start_fold, end_fold=end_fold)
    _lock_users(assistants)
    _check_overlaps(assistants=assistants, planned_start=planned_start, planned_end=planned_end, exclude_pk=shift.pk)
    shift.project, shift.mentor, shift.date, shift.kind, shift.priorities = project, mentor, date, kind, priorities
    shift.planned_start, shift.planned_end = planned_start, planned_end
    shift.full_clean()
    save_new_version(shift)
    shift.assistants.set(assistants)
    shift.localities.set(localities)
    return shift


@transaction.atomic
def shift_cancel(*, shift: Shift, version: int, by: User) -> None:
    """Delete a planned shift that has not started (nothing was recorded on it)."""
    shift = lock(shift, version=version)
    if shift.status != ShiftStatus.PLANNED:
        raise ValidationError(_("Zrušit lze jen směnu, která ještě nezačala."))
    shift.delete()


@dataclass
class CopyResult:
    created: list[Shift]
    skipped: list[tuple[Shift, str]]


def shift_copy_week(*, mentor: User, source_monday: datetime.date, by: User) -> CopyResult:
    """Copy the mentor's planned shifts of one week to the next; shifts that would clash are skipped."""
    result = CopyResult(created=[], skipped=[])
    week_end = source_monday + datetime.timedelta(days=7)
    source = (
        Shift.objects.filter(mentor=mentor, date__gte=source_monday, date__lt=week_end)
        .select_related("project")
        .prefetch_related("assistants", "localities")
        .order_by("planned_start")
    )
    for shift in source:
        # The copy keeps the wall times (8:00–16:00 stays 8:00–16:00 in a week the clocks change), not the
        # instants a week later. On the October night a 02:30 takes the source's occurrence, else the first one;
        # a time in the March gap cannot be copied and is skipped with the reason.
        start = timezone.localtime(shift.planned_start)
        end = timezone.localtime(shift.planned_end)
        try:
            with transaction.atomic():
                copy = shift_plan(
                    project=shift.project,
                    mentor=mentor,
                    date=shift.date + datetime.timedelta(days=7),
                    start=start.time(),
                    end=end.time(),
                    start_fold=clock.occurrence(shift.planned_start) or clock.FIRST,
                    end_fold=clock.occurrence(shift.planned_end) or clock.FIRST,
                    kind=shift.kind,
                    assistants=[a for a in shift.assistants.all() if a.is_active],
                    localities=list(shift.localities.all()),
                    priorities=shift.priorities,
                    planned_by=by,
                )
        except ValidationError as error:
            result.skipped.append((shift, " ".join(error.messages)))
        else:
            result.created.append(copy)
    return result


# --- the shift on the tablet -----------------------------------------------------------------------


def _require_assistant(shift: Shift, user: User):
    if not shift.assistants.filter(pk=user.pk).exists():
        raise PermissionDenied


def _transition(shift: Shift, to_status: str, by: User, comment: str = "") -> None:
    if (shift.status, to_status) not in ALLOWED_TRANSITIONS:
        raise ValidationError(
            _("Směnu ve stavu „%(from)s“ nelze převést do stavu „%(to)s“.")
            % {"from": ShiftStatus(shift.status).label, "to": ShiftStatus(to_status).label},
            code="transition",
        )
    change = ShiftStatusChange(
        shift=shift, changed_by=by, from_status=shift.status, to_status=to_status, comment=comment
    )
    # The comment's own checks (control characters); the forms check it too, so this only guards other callers.
    change.clean_fields(exclude=["shift", "changed_by"])
    change.save()
    shift.status = to_status


def worked_minutes(
    *, start: datetime.datetime, end: datetime.datetime, breaks: Iterable[tuple[datetime.datetime, datetime.datetime]]
) -> int:
    """A shift's hours worked in whole minutes: end − start − the closed breaks, measured between UTC instants.

    The one rule for hours: the tablet, time corrections, approval (also after a reopen) and the import all store
    what this returns, and the work log, the reports and the dashboard only sum the stored minutes. Durations are
    never taken on the wall clock (core/clock.py says why).
    """
    total = clock.minutes_between(start, end)
    paused = sum(clock.minutes_between(break_start, break_end) for break_start, break_end in breaks)
    return max(0, total - paused)


def compute_worked_minutes(shift: Shift) -> int | None:
    """The shift's hours worked from its stored actual times and closed breaks; None until it has ended."""
    if shift.actual_start is None or shift.actual_end is None:
        return None
    closed = [(b.started_at, b.ended_at) for b in shift.breaks.all() if b.ended_at is not None]
    return worked_minutes(start=shift.actual_start, end=shift.actual_end, breaks=closed)


@transaction.atomic
def shift_start(*, shift: Shift, by: User, at: datetime.datetime | None = None) -> Shift:
    shift = lock(shift, version=None)
    _require_assistant(shift, by)
    _transition(shift, ShiftStatus.IN_PROGRESS, by)
    shift.actual_start = at or timezone.now()
    save_new_version(shift)
    return shift


def _open_break(shift: Shift) -> ShiftBreak | None:
    return shift.breaks.filter(ended_at__isnull=True).first()


@transaction.atomic
def break_start(*, shift: Shift, by: User, at: datetime.datetime | None = None) -> ShiftBreak:
    shift = lock(shift, version=None)
    _require_assistant(shift, by)
    if shift.status != ShiftStatus.IN_PROGRESS or shift.actual_end is not None:
        raise ValidationError(_("Přestávku lze začít jen během probíhající směny."))
    if _open_break(shift):
        raise ValidationError(_("Přestávka už probíhá."))
    save_new_version(shift, update_fields=["updated_at"])
    return ShiftBreak.objects.create(shift=shift, started_at=at or timezone.now())


@transaction.atomic
def break_end(*, shift: Shift, by: User, at: datetime.datetime | None = None) -> ShiftBreak:
    shift = lock(shift, version=None)
    _require_assistant(shift, by)
    open_break = _open_break(shift)
    if open_break is None:
        raise ValidationError(_("Žádná přestávka neprobíhá."))
    open_break.ended_at = max(at or timezone.now(), open_break.started_at + datetime.timedelta(minutes=1))
    open_break.full_clean()
    open_break.save()
    save_new_version(shift, update_fields=["updated_at"])
    return open_break


@transaction.atomic
def break_add(*, shift: Shift, by: User, version: int, started_at, ended_at) -> ShiftBreak:
    """Record a break afterwards (start and end known), e.g. when correcting a returned shift."""
    shift = lock(shift, version=version)
    _require_assistant(shift, by)
    if shift.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Směnu už nelze upravovat."))
    new_break = ShiftBreak(shift=shift, started_at=started_at, ended_at=ended_at)
    new_break.full_clean()
    # A break outside the shift or overlapping another would be subtracted from the hours worked wrongly.
    starts_early = shift.actual_start is not None and started_at < shift.actual_start
    if starts_early or (shift.actual_end is not None and ended_at > shift.actual_end):
        raise ValidationError(_("Přestávka musí ležet v době směny."))
    if shift.breaks.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=started_at), started_at__lt=ended_at).exists():
        raise ValidationError(_("Přestávka se překrývá s jinou přestávkou."))
    new_break.save()
    _refresh_hours(shift)
    save_new_version(shift)
    return new_break


@transaction.atomic
def break_delete(*, shift: Shift, by: User, version: int, break_id: int) -> None:
    shift = lock(shift, version=version)
    _require_assistant(shift, by)
    if shift.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Směnu už nelze upravovat."))
    shift.breaks.filter(pk=break_id).delete()
    _refresh_hours(shift)
    save_new_version(shift)


def _refresh_hours(shift: Shift):
    shift.worked_minutes = compute_worked_minutes(shift)


@transaction.atomic
def shift_end(*, shift: Shift, by: User, at: datetime.datetime | None = None) -> Shift:
    """End the shift: closes a running break and computes the hours worked."""
    shift = lock(shift, version=None)
    _require_assistant(shift, by)
    if shift.status != ShiftStatus.IN_PROGRESS:
        raise ValidationError(_("Ukončit lze jen probíhající směnu."))
    if shift.actual_end is not None:
        raise ValidationError(_("Směna už byla ukončena."))
    end = at or timezone.now()
    open_break = _open_break(shift)
    if open_break is not None:
        open_break.ended_at = max(end, open_break.started_at + datetime.timedelta(minutes=1))
        open_break.save()
    shift.actual_end = max(end, shift.actual_start + datetime.timedelta(minutes=1))
    _refresh_hours(shift)
    shift.full_clean()
    save_new_version(shift)
    return shift


@transaction.atomic
def shift_correct_times(
    *, shift: Shift, by: User, version: int, actual_start: datetime.datetime, actual_end: datetime.datetime, note: str
) -> Shift:
    """Correct the actual times and the note of an ended or returned shift before (re)submitting."""
    shift = lock(shift, version=version)
    _require_assistant(shift, by)
    if shift.status not in EDITABLE_STATUSES or shift.actual_start is None:
        raise ValidationError(_("Směnu už nelze upravovat."))
    validate_shift_span(start=actual_start, end=actual_end)
    shift.actual_start, shift.actual_end, shift.note = actual_start, actual_end, note
    _refresh_hours(shift)
    shift.full_clean()
    save_new_version(shift)
    return shift


@transaction.atomic
def shift_submit(*, shift: Shift, by: User, version: int, note: str) -> Shift:
    shift = lock(shift, version=version)
    _require_assistant(shift, by)
    if shift.actual_end is None:
        raise ValidationError(_("Před odevzdáním směnu ukončete."))
    if _open_break(shift):
        raise ValidationError(_("Před odevzdáním ukončete přestávku."))
    _transition(shift, ShiftStatus.SUBMITTED, by)
    shift.note = note
    shift.return_comment = ""
    _refresh_hours(shift)
    save_new_version(shift)
    return shift


# --- review ----------------------------------------------------------------------------------------


def can_review(shift: Shift, user: User) -> bool:
    if not user.has_role(Role.MENTOR) or user.organisation_id != shift.organisation_id:
        return False
    return shift.mentor_id == user.pk or shift.project.mentors.filter(pk=user.pk).exists()


def _require_reviewer(shift: Shift, user: User):
    if not can_review(shift, user):
        raise PermissionDenied


@transaction.atomic
def shift_approve(*, shift: Shift, by: User, version: int | None) -> Shift:
    shift = lock(shift, version=version)
    _require_reviewer(shift, by)
    _transition(shift, ShiftStatus.APPROVED, by)
    _refresh_hours(shift)
    shift.approved_at = timezone.now()
    shift.approved_by = by
    shift.full_clean()
    save_new_version(shift)
    return shift


@transaction.atomic
def shift_approve_many(*, shifts: list[Shift], by: User) -> list[Shift]:
    """Approve several submitted shifts at once (from the queue); all or nothing."""
    return [shift_approve(shift=shift, by=by, version=None) for shift in shifts]


@transaction.atomic
def shift_return(*, shift: Shift, by: User, version: int, comment: str) -> Shift:
    """Return a submitted shift to its assistants with a required comment."""
    if not comment.strip():
        raise ValidationError({"comment": _("Napište, co je potřeba opravit.")})
    shift = lock(shift, version=version)
    _require_reviewer(shift, by)
    if shift.status != ShiftStatus.SUBMITTED:
        raise ValidationError(_("Vrátit lze jen odevzdanou směnu."))
    _transition(shift, ShiftStatus.RETURNED, by, comment.strip())
    shift.return_comment = comment.strip()
    save_new_version(shift)
    return shift


@transaction.atomic
def shift_reopen(*, shift: Shift, by: User, version: int, reason: str) -> Shift:
    """Unlock an approved shift (mentor only, with a reason that is kept in the history)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Uveďte důvod znovuotevření.")})
    shift = lock(shift, version=version)
    _require_reviewer(shift, by)
    if shift.status != ShiftStatus.APPROVED:
        raise ValidationError(_("Znovu otevřít lze jen schválenou směnu."))
    _transition(shift, ShiftStatus.RETURNED, by, reason.strip())
    shift.return_comment = reason.strip()
    shift.approved_at = None
    shift.approved_by = None
    save_new_version(shift)
    return shift


# --- field records ---------------------------------------------------------------------------------

RECORD_FIELDS = (
    "recorded_at",
    "locality",
    "place",
    "category",
    "description",
    "persons_involved",
    "outcome",
    "handed_over_to",
    "follow_up",
    "syringe_count",
)


# What the import looks up itself, in bulk, within the organisation (assistants/importing/rows.py).
RECORD_RELATIONS = ("organisation", "shift", "author", "locality", "category", "client_token")


def validate_record(record: FieldRecord, *, organisation_id: int, relations_checked: bool = False) -> None:
    """A field record's rules (the tablet's form and the import): category, syringes, place, then the model's.

    Raises ValidationError keyed by field. `relations_checked`: the caller (the import) has looked the related rows
    up in the organisation and checked the unique client tokens in bulk, so the model's validation does not query
    them again per record; the one check constraint (a locality or a place) is checked here in Python.
    """
    errors = {}
    category = record.category
    if category.organisation_id not in (None, organisation_id):
        errors["category"] = _("Neznámá kategorie.")
    elif category.requires_syringe_count and not record.syringe_count:
        errors["syringe_count"] = _("U sběru stříkaček vyplňte jejich počet.")
    elif not category.requires_syringe_count and record.syringe_count:
        errors["syringe_count"] = _("Počet stříkaček se vyplňuje jen u kategorie sběru stříkaček.")
    if record.locality_id and record.locality.organisation_id != organisation_id:
        errors["locality"] = _("Vyberte lokalitu této organizace.")
    if not record.locality_id and not record.place.strip():
        errors["locality"] = _("Vyberte lokalitu, nebo vyplňte jiné místo.")
    if errors:
        raise ValidationError(errors)
    if relations_checked:
        record.full_clean(exclude=RECORD_RELATIONS, validate_unique=False, validate_constraints=False)
    else:
        record.full_clean()


def _require_editable(shift: Shift, user: User):
    _require_assistant(shift, user)
    if shift.status not in EDITABLE_STATUSES:
        if shift.status == ShiftStatus.PLANNED:
            raise ValidationError(_("Záznamy lze přidávat až po zahájení směny."))
        raise ValidationError(_("Směna je odevzdaná nebo schválená; záznamy už nelze měnit."))


@transaction.atomic
def record_create(*, shift: Shift, author: User, client_token: uuid.UUID, **fields) -> tuple[FieldRecord, bool]:
    """Save a field record at once. A repeated submit with the same token returns the first record."""
    # Look for the token only under the shift's row lock: a double-tap's second request waits here until the
    # first commits and then finds its record, instead of failing on the unique token.
    shift = lock(shift, version=None)
    existing = FieldRecord.objects.filter(client_token=client_token).first()
    if existing is not None:
        if existing.shift_id != shift.pk:
            raise PermissionDenied
        return existing, False
    _require_editable(shift, author)
    record = FieldRecord(
        organisation_id=shift.organisation_id, shift=shift, author=author, client_token=client_token, **fields
    )
    validate_record(record, organisation_id=shift.organisation_id)
    record.save()
    return record, True


def _lock_record(record: FieldRecord, *, version: int | None) -> FieldRecord:
    # The shift's row too: a record changes only while its shift is editable, and the shift's submit waits here.
    return lock(record, version=version, queryset=FieldRecord.objects.select_related("shift"), also_lock=("shift",))


@transaction.atomic
def record_update(*, record: FieldRecord, by: User, version: int, **fields) -> FieldRecord:
    record = _lock_record(record, version=version)
    _require_editable(record.shift, by)
    record, _updated = model_update(
        instance=record,
        fields=RECORD_FIELDS,
        data=fields,
        clean=lambda record: validate_record(record, organisation_id=record.shift.organisation_id),
    )
    return record


@transaction.atomic
def record_delete(*, record: FieldRecord, by: User) -> None:
    record = _lock_record(record, version=None)
    _require_editable(record.shift, by)
    record.delete()
