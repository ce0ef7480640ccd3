"""Shared set-up for the planning and review tests: a mentored project and shifts moved through the services."""

import datetime

from assistants import services
from assistants.choices import ShiftKind
from assistants.models import Shift
from tests.assistants.factories import ProjectFactory, at

MONDAY = datetime.date(2026, 11, 16)


def mentored_project(organisation, mentor, assistants, **kwargs):
    """An active project of `organisation` that `mentor` mentors and `assistants` work in."""
    return ProjectFactory(organisation=organisation, mentors=[mentor], assistants=list(assistants), **kwargs)


def plan(project, mentor, assistants, day=MONDAY, start="08:00", end="16:00", kind=ShiftKind.PATROL) -> Shift:
    hours = [datetime.time(*map(int, value.split(":"))) for value in (start, end)]
    return services.shift_plan(
        project=project,
        mentor=mentor,
        date=day,
        start=hours[0],
        end=hours[1],
        kind=kind,
        assistants=list(assistants),
        planned_by=mentor,
    )


def work(shift: Shift, start="08:05", end="15:50", note="") -> Shift:
    """Start and end the shift as its first assistant (actual times on the shift's date)."""
    assistant = shift.assistants.order_by("pk").first()
    shift = services.shift_start(shift=shift, by=assistant, at=at(shift.date, start))
    return services.shift_end(shift=shift, by=assistant, at=at(shift.date, end))


def submit(shift: Shift, **times) -> Shift:
    """Work the shift and submit it for review."""
    shift = work(shift, **times)
    assistant = shift.assistants.order_by("pk").first()
    return services.shift_submit(shift=shift, by=assistant, version=shift.version, note=times.get("note", ""))


def submitted_shift(project, mentor, assistants, day=MONDAY, **times) -> Shift:
    return submit(plan(project, mentor, assistants, day=day), **times)
