"""Reads of projects, shifts and records, always scoped to the user's organisation and role.

Who sees which shift:
- an APK: the shifts they are planned into (their own, and a team mate's on a shared shift);
- a mentor: the shifts they lead and the shifts of projects they mentor;
- a coordinator or organisation admin: every shift of the organisation (read-only).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.choices import Role
from accounts.models import User
from assistants.choices import ShiftKind, ShiftStatus
from assistants.models import FieldRecord, FieldRecordCategory, Project, Shift
from core import dates
from locations.models import Locality

ORGANISATION_WIDE_ROLES = (Role.COORDINATOR, Role.ORG_ADMIN)


def shift_scope(user):
    """The one scoping rule for shifts (see the module docstring)."""
    shifts = Shift.objects.for_user(user)
    if user.has_role(*ORGANISATION_WIDE_ROLES):
        return shifts
    visible = Q(pk__in=[])
    if user.has_role(Role.APK):
        visible |= Q(assistants=user)
    if user.has_role(Role.MENTOR):
        visible |= Q(mentor=user) | Q(project__mentors=user)
    # The filter joins many-to-many tables; select the ids once so rows are never duplicated.
    return Shift.objects.filter(pk__in=shifts.filter(visible).values("pk"))


def shift_detail_for(user, pk: int) -> Shift:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        shift_scope(user)
        .select_related("project", "mentor", "approved_by", "organisation")
        .prefetch_related(
            "assistants",
            "localities",
            "breaks",
            Prefetch("records", queryset=FieldRecord.objects.select_related("category", "locality", "author")),
            "status_changes__changed_by",
        ),
        pk=pk,
    )


def shifts_of_day_for(user, day: datetime.date):
    """The APK's shifts of one day (the tablet home page), with record counts."""
    return (
        shift_scope(user)
        .filter(assistants=user, date=day)
        .select_related("project", "mentor")
        .prefetch_related("assistants", "localities", "breaks")
        .annotate(record_count=Count("records"))
        .order_by("planned_start")
    )


def open_shifts_for(user, *, before: datetime.date):
    """Earlier shifts of the APK still needing action (started and not submitted, or returned)."""
    return (
        shift_scope(user)
        .filter(assistants=user, date__lt=before, status__in=[ShiftStatus.IN_PROGRESS, ShiftStatus.RETURNED])
        .select_related("project")
        .order_by("date")
    )


def review_queue_for(user):
    """Submitted shifts the mentor may review, oldest first, with record counts."""
    return (
        shift_scope(user)
        .filter(status=ShiftStatus.SUBMITTED)
        .filter(Q(mentor=user) | Q(project__mentors=user))
        .distinct()
        .select_related("project")
        .prefetch_related("assistants")
        .annotate(record_count=Count("records", distinct=True))
        .order_by("date", "planned_start")
    )


def team_of(mentor) -> list[User]:
    """APKs of the projects the mentor mentors (the planning week view's rows)."""
    return list(
        User.objects.filter(
            organisation_id=mentor.organisation_id,
            is_active=True,
            roles__contains=[Role.APK],
            assistant_projects__mentors=mentor,
            assistant_projects__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def week_shifts_for(user, monday: datetime.date):
    return (
        shift_scope(user)
        .filter(date__gte=monday, date__lt=monday + datetime.timedelta(days=7))
        .select_related("project")
        .prefetch_related("assistants", "localities")
        .order_by("planned_start")
    )


def projects_for(user):
    return Project.objects.for_user(user).annotate(shift_count=Count("shifts")).order_by("-is_active", "-starts_on")


def plannable_projects_for(user):
    projects = Project.objects.for_user(user).filter(is_active=True)
    if user.has_role(*ORGANISATION_WIDE_ROLES):
        return projects
    return projects.filter(mentors=user)


def categories_for(organisation_id):
    return FieldRecordCategory.objects.available_to(organisation_id).filter(is_active=True).order_by("position", "name")


# --- the monthly work log (views/worklog.py) -------------------------------------------------------


def worklog_assistants_for(user):
    """APKs whose monthly work log the user may see: themself (an APK); for a mentor, the assistants of the
    projects they mentor and of the shifts they lead; for a coordinator or organisation admin, every APK
    of the organisation (also a former APK who still has shifts). Anyone else is a 404, not a 403.
    """
    has_shifts = Exists(Shift.assistants.through.objects.filter(user_id=OuterRef("pk")))
    assistants = User.objects.for_user(user).filter(Q(roles__contains=[Role.APK]) | Q(has_shifts))
    if not user.has_role(*ORGANISATION_WIDE_ROLES):
        visible = Q(pk__in=[])
        if user.has_role(Role.APK):
            visible |= Q(pk=user.pk)
        if user.has_role(Role.MENTOR):
            visible |= Q(pk__in=Project.objects.filter(mentors=user).values("assistants"))
            visible |= Q(pk__in=Shift.objects.filter(mentor=user).values("assistants"))
        assistants = assistants.filter(visible)
    return assistants.select_related("organisation").order_by("last_name", "first_name", "username")


def _hours(minutes) -> Decimal:
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.01"))


def _minutes(duration: datetime.timedelta | None) -> int:
    return int(duration.total_seconds() // 60) if duration else 0


@dataclass
class Worklog:
    """One APK's month: approved shifts, hours per shift kind, records per category, totals."""

    assistant: User
    month: datetime.date  # the first day
    shifts: list[Shift]  # annotated: record_count, break_minutes, hours
    per_kind: list[dict]  # kind, label, shifts, minutes, hours
    per_category: list[dict]  # name, records, syringes
    shift_count: int
    worked_minutes: int
    break_minutes: int
    record_count: int
    syringe_count: int
    projects: list[Project]
    mentors: list[User]

    @property
    def worked_hours(self) -> Decimal:
        return _hours(self.worked_minutes)


def worklog(assistant: User, year: int, month: int) -> Worklog:
    """The APK's approved shifts of one month with hours and record counts per category (aggregated in SQL).

    A shift counts in the month of its date (a shift over midnight counts on its start date). Hours: each
    assistant of a shift worked the whole shift. Breaks: actual duration − hours worked (imported shifts
    included). Records: those the assistant authored. A fixed number of queries whatever the month holds.
    """
    first = datetime.date(year, month, 1)
    next_month = dates.next_month(first)
    approved = Shift.objects.filter(
        organisation_id=assistant.organisation_id,
        assistants=assistant,
        status=ShiftStatus.APPROVED,
        date__gte=first,
        date__lt=next_month,
    )
    duration = ExpressionWrapper(F("actual_end") - F("actual_start"), output_field=DurationField())
    shifts = list(
        approved.select_related("project", "mentor")
        .annotate(
            duration=duration,
            record_count=Count("records", filter=Q(records__author=assistant)),
        )
        .order_by("date", "planned_start")
    )
    for shift in shifts:
        shift.break_minutes = max(0, _minutes(shift.duration) - (shift.worked_minutes or 0))
        shift.hours = _hours(shift.worked_minutes)
    totals = approved.aggregate(shifts=Count("id"), worked=Sum("worked_minutes"), duration=Sum(duration))
    kinds = approved.values("kind").annotate(shifts=Count("id"), minutes=Sum("worked_minutes")).order_by()
    per_kind = sorted(
        ({**row, "label": ShiftKind(row["kind"]).label, "hours": _hours(row["minutes"])} for row in kinds),
        key=lambda row: ShiftKind.values.index(row["kind"]),  # in the order of the code list
    )
    per_category = list(
        FieldRecord.objects.filter(shift__in=approved.values("pk"), author=assistant)
        .values("category__position", name=F("category__name"))
        .annotate(records=Count("id"), syringes=Sum("syringe_count"))
        .order_by("category__position", "name")
    )
    projects = list(dict.fromkeys(shift.project for shift in shifts))
    if not projects:
        projects = list(
            Project.objects.filter(assistants=assistant, starts_on__lt=next_month, ends_on__gte=first).order_by("name")
        )
    return Worklog(
        assistant=assistant,
        month=first,
        shifts=shifts,
        per_kind=per_kind,
        per_category=per_category,
        shift_count=totals["shifts"],
        worked_minutes=totals["worked"] or 0,
        break_minutes=max(0, _minutes(totals["duration"]) - (totals["worked"] or 0)),
        record_count=sum(row["records"] for row in per_category),
        syringe_count=sum(row["syringes"] or 0 for row in per_category),
        projects=projects,
        mentors=list(dict.fromkeys(shift.mentor for shift in shifts)),
    )


# --- projects and record categories (views/projects.py) --------------------------------------------


def _count_of(queryset, field: str):
    """A correlated COUNT(*) subquery of `queryset` rows whose `field` is the outer row (0 when none)."""
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted), 0)


def project_list_for(user):
    """The project list: members, and the shifts and approved hours of each project, in a fixed number of queries."""
    approved_minutes = (
        Shift.objects.filter(project=OuterRef("pk"), status=ShiftStatus.APPROVED)
        .order_by()
        .values("project")
        .annotate(minutes=Sum("worked_minutes"))
        .values("minutes")
    )
    return (
        Project.objects.for_user(user)
        .annotate(
            shift_count=_count_of(Shift.objects.all(), "project"),
            locality_count=_count_of(Project.localities.through.objects.all(), "project"),
            approved_hours=Coalesce(Subquery(approved_minutes), 0) / Value(60.0, output_field=FloatField()),
        )
        .prefetch_related(
            Prefetch("assistants", queryset=User.objects.order_by("last_name", "first_name", "username")),
            Prefetch("mentors", queryset=User.objects.order_by("last_name", "first_name", "username")),
        )
        .order_by("-is_active", "-starts_on", "name")
    )


def project_detail_for(user, pk: int) -> Project:
    """One project of the user's organisation, with its members; another organisation's is a 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Project.objects.for_user(user).prefetch_related("assistants", "mentors", "localities"), pk=pk
    )


def project_member_choices(user, role: str, *, include=()):
    """Users of the organisation holding `role` who may join a project: the active ones, plus `include`
    (current members, even if deactivated since)."""
    return (
        User.objects.for_user(user)
        .filter(roles__contains=[role])
        .filter(Q(is_active=True) | Q(pk__in=[member.pk for member in include]))
        .order_by("last_name", "first_name", "username")
    )


def project_locality_choices(user, *, include=()):
    """The organisation's active localities, plus `include` (a project's current target localities)."""
    return (
        Locality.objects.for_user(user)
        .filter(Q(is_active=True) | Q(pk__in=[locality.pk for locality in include]))
        .order_by("name", "municipality_name", "id")
    )


def default_categories():
    """The shared default code list (read-only for organisations)."""
    return FieldRecordCategory.objects.filter(organisation__isnull=True).order_by("position", "name")


def own_categories_for(user):
    """The categories the user's organisation added to the default code list (active and inactive)."""
    return FieldRecordCategory.objects.for_user(user).order_by("position", "name")


def category_detail_for(user, pk: int) -> FieldRecordCategory:
    """A category the user sees (a default one or their organisation's); another organisation's is a 404."""
    from django.shortcuts import get_object_or_404

    if user.organisation_id is None:
        raise Http404
    return get_object_or_404(FieldRecordCategory.objects.available_to(user.organisation_id), pk=pk)


# --- planning and review pages (views/planning.py, views/review.py) --------------------------------


def reviewable_shifts_for(user):
    """Shifts the user may review in any status: those they lead and those of projects they mentor.

    The same rule as `services.can_review`; a shift outside it is a 404 for review actions.
    """
    if not user.has_role(Role.MENTOR):
        return Shift.objects.none()
    return shift_scope(user).filter(pk__in=Shift.objects.filter(Q(mentor=user) | Q(project__mentors=user)).values("pk"))


def shift_list_for(user):
    """The shift list (views/review.py): the user's scope; assistants/filters.py filters it, the view pages it."""
    return shift_scope(user).select_related("project").prefetch_related("assistants")


def shift_filter_projects_for(user):
    """Projects offered by the shift list's filter (no per-project counts: the list must stay cheap)."""
    return Project.objects.for_user(user).order_by("-is_active", "name")


def _active_apks(organisation_id):
    return User.objects.filter(organisation_id=organisation_id, is_active=True, roles__contains=[Role.APK])


def planning_team_for(user) -> list[User]:
    """Rows of the planning week view: the mentor's team; for coordinators every active APK of the organisation."""
    if user.has_role(*ORGANISATION_WIDE_ROLES):
        return list(_active_apks(user.organisation_id).order_by("last_name", "first_name"))
    return team_of(user)


def plannable_assistants_for(user, *, include=()):
    """APKs the user may put into a shift (the plan form), plus `include` (the shift's current team when editing)."""
    if user.organisation_id is None:
        return User.objects.none()
    assistants = _active_apks(user.organisation_id)
    if not user.has_role(*ORGANISATION_WIDE_ROLES):
        assistants = assistants.filter(pk__in=Project.objects.filter(mentors=user, is_active=True).values("assistants"))
    included = User.objects.filter(organisation_id=user.organisation_id, pk__in=[a.pk for a in include])
    return (assistants | included).order_by("last_name", "first_name")


def shift_mentors_for(user):
    """Mentors of the user's organisation (a coordinator picks the shift's mentor)."""
    return (
        User.objects.for_user(user)
        .filter(is_active=True, roles__contains=[Role.MENTOR])
        .order_by("last_name", "first_name")
    )


def plan_localities_for(user, *, project_ids=(), include=()):
    """Active localities of the user's organisation (plus `include`), those of the given projects first (plan form)."""
    in_projects = Exists(
        Project.localities.through.objects.filter(locality_id=OuterRef("pk"), project_id__in=project_ids)
    )
    return (
        Locality.objects.for_user(user)
        .filter(Q(is_active=True) | Q(pk__in=[loc.pk for loc in include]))
        .annotate(in_project=in_projects)
        .order_by("-in_project", "name", "id")
    )


# --- the shift on the tablet (views/tablet.py) -----------------------------------------------------


def record_detail_for(user, pk: int) -> FieldRecord:
    """One field record of a shift in the user's scope (else 404), with its shift's plan for the record form."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        FieldRecord.objects.filter(shift__in=shift_scope(user))
        .select_related("shift", "category", "locality")
        .prefetch_related("shift__assistants", "shift__localities"),
        pk=pk,
    )


def record_localities_for(shift: Shift, *, include=()):
    """Localities a record of the shift may name: the organisation's active ones (plus `include`), the plan's first."""
    planned = Exists(Shift.localities.through.objects.filter(locality_id=OuterRef("pk"), shift_id=shift.pk))
    return (
        Locality.objects.for_organisation(shift.organisation_id)
        .filter(Q(is_active=True) | Q(pk__in=[loc.pk for loc in include]))
        .annotate(planned=planned)
        .order_by("-planned", "name", "id")
    )
