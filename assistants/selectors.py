"""Reads of projects, shifts and records, always scoped to the user's organisation and role.

Who sees which shift:
- an APK: the shifts they are planned into (their own, and a team mate's on a shared shift);
- a mentor: the shifts they lead and the shifts of projects they mentor;
- a coordinator or organisation admin: every shift of the organisation (read-only).
"""

import datetime

from django.db.models import Count, Prefetch, Q, Sum

from assistants.choices import ShiftStatus
from assistants.models import FieldRecord, FieldRecordCategory, Project, Shift
from svl.choices import Role
from svl.models import User

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


def worklog(assistant: User, year: int, month: int):
    """The APK's approved shifts of one month with hours and record counts per category (aggregated in SQL).

    Hours: each assistant of a shift worked the whole shift. Records: those the assistant authored.
    """
    first = datetime.date(year, month, 1)
    next_month = (first + datetime.timedelta(days=32)).replace(day=1)
    shifts = (
        Shift.objects.filter(
            organisation_id=assistant.organisation_id,
            assistants=assistant,
            status=ShiftStatus.APPROVED,
            date__gte=first,
            date__lt=next_month,
        )
        .select_related("project", "mentor")
        .annotate(record_count=Count("records", filter=Q(records__author=assistant)))
        .order_by("date", "planned_start")
    )
    shift_ids = [shift.pk for shift in shifts]
    per_category = (
        FieldRecord.objects.filter(shift_id__in=shift_ids, author=assistant)
        .values("category__name", "category__position")
        .annotate(records=Count("id"), syringes=Sum("syringe_count"))
        .order_by("category__position", "category__name")
    )
    return shifts, list(per_category)
