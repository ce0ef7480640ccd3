"""Reads of platforms, meetings and tasks, scoped to the user's organisation."""

import datetime

from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from accounts.choices import Role
from accounts.models import User
from locations.models import Locality
from platforms.choices import AttendanceStatus, TaskStatus
from platforms.models import Attendance, Institution, Meeting, Output, Platform, Representative, Task, TaskReview


def platform_list_for(user):
    return (
        Platform.objects.for_user(user)
        .select_related("coordinator")
        .annotate(
            open_tasks=Count("tasks", filter=Q(tasks__status=TaskStatus.OPEN), distinct=True),
            meeting_count=Count("meetings", distinct=True),
        )
        .order_by("-is_active", "name")
    )


def platform_detail_for(user, pk: int) -> Platform:
    return get_object_or_404(
        Platform.objects.for_user(user)
        .select_related("coordinator")
        .prefetch_related(
            Prefetch(
                "institutions",
                queryset=Institution.objects.prefetch_related(
                    Prefetch("representatives", queryset=Representative.objects.order_by("name"))
                ).order_by("name"),
            )
        ),
        pk=pk,
    )


def meeting_detail_for(user, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.for_user(user)
        .select_related("platform", "locality", "finalised_by")
        .prefetch_related(
            "agenda_items",
            Prefetch("attendance", queryset=Attendance.objects.select_related("representative__institution")),
            "guests",
            "case_discussions__institutions",
            "case_discussions__locality",
            Prefetch("new_tasks", queryset=Task.objects.select_related("responsible_institution")),
            "status_changes__changed_by",
            "outputs",
        ),
        pk=pk,
    )


def tasks_to_review(meeting: Meeting):
    """ "Kontrola úkolů": tasks from earlier meetings that were open when this meeting started, or reviewed here."""
    return (
        Task.objects.filter(platform_id=meeting.platform_id, meeting__starts_at__lt=meeting.starts_at)
        .filter(Q(status=TaskStatus.OPEN) | Q(reviews__meeting=meeting) | Q(closed_at_meeting=meeting))
        .select_related("responsible_institution", "meeting")
        .prefetch_related(Prefetch("reviews", queryset=TaskReview.objects.select_related("meeting")))
        .distinct()
        .order_by("due_on", "id")
    )


def open_tasks_for(user, *, platform=None, today: datetime.date | None = None):
    """Open tasks, oldest due first; given `today`, each carries `is_overdue` (due before today)."""
    tasks = Task.objects.for_user(user).filter(status=TaskStatus.OPEN)
    if platform is not None:
        tasks = tasks.filter(platform=platform)
    if today is not None:
        tasks = tasks.annotate(is_overdue=ExpressionWrapper(Q(due_on__lt=today), output_field=BooleanField()))
    return tasks.select_related("responsible_institution", "platform", "meeting").order_by("due_on", "id")


def overdue_tasks_for(user, *, today: datetime.date, platform=None):
    return open_tasks_for(user, platform=platform).filter(due_on__lt=today)


def meetings_of(platform: Platform):
    return platform.meetings.select_related("locality").order_by("-starts_at")


def attendance_overview(platform: Platform, year: int, *, held_before: datetime.datetime | None = None):
    """Per institution: meetings of the year, at how many one of its representatives was present, and at how
    many it was excused (someone excused, nobody present). With `held_before`, only meetings that started
    before it count (a planned meeting is not one the institution missed)."""
    meetings = Meeting.objects.filter(platform=platform, starts_at__year=year)
    if held_before is not None:
        meetings = meetings.filter(starts_at__lt=held_before)
    meeting_total = meetings.count()
    # Meetings at which a representative of the (outer) institution was present.
    present_at = Attendance.objects.filter(
        representative__institution=OuterRef("pk"), status=AttendanceStatus.PRESENT
    ).values("meeting")
    rows = (
        Institution.objects.filter(platform=platform)
        .annotate(
            present=Count(
                "representatives__attendance__meeting",
                filter=Q(
                    representatives__attendance__status=AttendanceStatus.PRESENT,
                    representatives__attendance__meeting__in=meetings,
                ),
                distinct=True,
            ),
            excused=Count(
                "representatives__attendance__meeting",
                filter=Q(
                    representatives__attendance__status=AttendanceStatus.EXCUSED,
                    representatives__attendance__meeting__in=meetings,
                )
                & ~Q(representatives__attendance__meeting__in=present_at),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    return meeting_total, list(rows)


# --- platforms pages (views/platforms.py) --------------------------------------------------------


def coordinator_choices(user, *, include: User | None = None):
    """Active coordinators of the user's organisation (and `include`, the current one, whatever their state)."""
    condition = Q(roles__contains=[Role.COORDINATOR], is_active=True)
    if include is not None:
        condition |= Q(pk=include.pk)
    return User.objects.for_user(user).filter(condition).order_by("last_name", "first_name", "username")


def platform_for(user, pk: int) -> Platform:
    """One platform of the user's organisation, without its members; another organisation's is a 404."""
    return get_object_or_404(Platform.objects.for_user(user).select_related("coordinator"), pk=pk)


def platform_choices(user):
    return Platform.objects.for_user(user).order_by("-is_active", "name")


def institution_detail_for(user, pk: int) -> Institution:
    return get_object_or_404(
        Institution.objects.for_user(user)
        .select_related("platform")
        .prefetch_related(Prefetch("representatives", queryset=Representative.objects.order_by("name"))),
        pk=pk,
    )


def representative_detail_for(user, pk: int) -> Representative:
    return get_object_or_404(Representative.objects.for_user(user).select_related("institution__platform"), pk=pk)


def upcoming_meetings_of(platform: Platform, *, now: datetime.datetime):
    return meetings_of(platform).filter(starts_at__gte=now).order_by("starts_at")


def past_meetings_of(platform: Platform, *, now: datetime.datetime):
    return meetings_of(platform).filter(starts_at__lt=now)


def outputs_of(platform: Platform):
    return platform.outputs.select_related("meeting__locality").order_by("-date", "-id")


def output_for(user, pk: int) -> Output:
    return get_object_or_404(Output.objects.for_user(user), pk=pk)


def task_detail_for(user, pk: int) -> Task:
    """One task with its history: the meeting that set it, every review, the meeting that closed it."""
    return get_object_or_404(
        Task.objects.for_user(user)
        .select_related("platform", "meeting", "responsible_institution", "closed_at_meeting")
        .prefetch_related(
            Prefetch("reviews", queryset=TaskReview.objects.select_related("meeting").order_by("meeting__starts_at"))
        ),
        pk=pk,
    )


# --- meeting pages (views/meetings.py) -----------------------------------------------------------


def meeting_list_for(user):
    """The organisation's meetings with platform, locality and counts; platforms/filters.py filters them, the view
    orders and pages them."""
    return (
        Meeting.objects.for_user(user)
        .select_related("platform", "locality")
        .annotate(
            present_count=Count("attendance", filter=Q(attendance__status=AttendanceStatus.PRESENT), distinct=True),
            new_task_count=Count("new_tasks", distinct=True),
        )
    )


def meeting_for(user, pk: int) -> Meeting:
    """A meeting for the pages that change one part of it: with its platform and locality, nothing else."""
    return get_object_or_404(Meeting.objects.for_user(user).select_related("platform", "locality"), pk=pk)


def meeting_representatives(meeting: Meeting):
    """Whose attendance the meeting records: the active representatives of the platform's active institutions,
    plus everyone already on the meeting's list (kept if they have left since), by institution and name."""
    return (
        Representative.objects.filter(institution__platform_id=meeting.platform_id)
        .filter(Q(is_active=True, institution__is_active=True) | Q(attendance__meeting=meeting))
        .select_related("institution")
        .distinct()
        .order_by("institution__name", "institution_id", "name", "id")
    )


def meeting_institution_choices(meeting: Meeting):
    """The platform's active member institutions (responsible for a task, involved in a case discussion)."""
    return Institution.objects.filter(platform_id=meeting.platform_id, is_active=True).order_by("name")


def meeting_locality_choices(user, *, include: Locality | None = None):
    """The organisation's active localities, plus `include` (the meeting's own, if deactivated since)."""
    localities = Locality.objects.for_user(user).filter(is_active=True)
    if include is not None:
        localities = localities | Locality.objects.for_user(user).filter(pk=include.pk)
    return localities.order_by("name")


def task_of_platform(meeting: Meeting, pk: int) -> Task:
    """A task of the meeting's platform (404 otherwise); services.task_review decides whether it is due here."""
    return get_object_or_404(Task.objects.filter(platform_id=meeting.platform_id), pk=pk)
