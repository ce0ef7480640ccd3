"""Reads of platforms, meetings and tasks, scoped to the user's organisation."""

import datetime

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from platforms.choices import TaskStatus
from platforms.models import Attendance, Institution, Meeting, Platform, Representative, Task, TaskReview


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


def open_tasks_for(user, *, platform=None):
    tasks = Task.objects.for_user(user).filter(status=TaskStatus.OPEN)
    if platform is not None:
        tasks = tasks.filter(platform=platform)
    return tasks.select_related("responsible_institution", "platform", "meeting").order_by("due_on", "id")


def overdue_tasks_for(user, *, today: datetime.date, platform=None):
    return open_tasks_for(user, platform=platform).filter(due_on__lt=today)


def meetings_of(platform: Platform):
    return platform.meetings.select_related("locality").order_by("-starts_at")


def attendance_overview(platform: Platform, year: int):
    """Per institution: meetings of the year and how many had at least one representative present."""
    meetings = Meeting.objects.filter(platform=platform, starts_at__year=year)
    meeting_total = meetings.count()
    rows = (
        Institution.objects.filter(platform=platform)
        .annotate(
            present=Count(
                "representatives__attendance__meeting",
                filter=Q(
                    representatives__attendance__status="present",
                    representatives__attendance__meeting__in=meetings,
                ),
                distinct=True,
            ),
            excused=Count(
                "representatives__attendance__meeting",
                filter=Q(
                    representatives__attendance__status="excused",
                    representatives__attendance__meeting__in=meetings,
                ),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    return meeting_total, list(rows)
