"""A month of shifts for the work log tests: November 2026 of the `apk` fixture."""

import datetime
import io
from dataclasses import dataclass

from pypdf import PdfReader

from assistants.choices import ShiftKind, ShiftStatus
from assistants.models import ShiftBreak
from tests.assistants.factories import FieldRecordFactory, ProjectFactory, ShiftFactory, at, category

NOVEMBER = datetime.date(2026, 11, 1)


def approved_shift(*, project, mentor, assistants, date, start, end, kind=ShiftKind.PATROL, break_minutes=0, **extra):
    """An approved shift worked exactly as planned; an end before the start runs past midnight."""
    planned_start = at(date, start)
    end_date = date if end > start else date + datetime.timedelta(days=1)
    planned_end = at(end_date, end)
    worked = int((planned_end - planned_start).total_seconds() // 60) - break_minutes
    shift = ShiftFactory(
        organisation=project.organisation,
        project=project,
        mentor=mentor,
        date=date,
        planned_start=planned_start,
        planned_end=planned_end,
        actual_start=planned_start,
        actual_end=planned_end,
        worked_minutes=worked,
        kind=kind,
        status=extra.pop("status", ShiftStatus.APPROVED),
        approved_by=mentor,
        assistants=assistants,
        **extra,
    )
    if break_minutes:
        break_start = planned_start + datetime.timedelta(hours=4)
        ShiftBreak.objects.create(
            shift=shift, started_at=break_start, ended_at=break_start + datetime.timedelta(minutes=break_minutes)
        )
    return shift


@dataclass
class Month:
    project: object
    shifts: list


def november(apk, mentor) -> Month:
    """Three approved shifts (8 h; 7.5 h with a 30-minute break; 8 h over midnight from the last day of the
    month), records in three categories; a returned shift and a December shift that must not count."""
    project = ProjectFactory(
        organisation=apk.organisation,
        name="Asistent prevence kriminality – Předlice",
        registration_number="MV-2026-042",
        assistants=[apk],
        mentors=[mentor],
    )

    def shift(**kwargs):
        return approved_shift(project=project, mentor=mentor, assistants=[apk], **kwargs)

    first = shift(date=datetime.date(2026, 11, 2), start="08:00", end="16:00")
    second = shift(
        date=datetime.date(2026, 11, 10), start="07:00", end="15:00", kind=ShiftKind.SCHOOL, break_minutes=30
    )
    overnight = shift(date=datetime.date(2026, 11, 30), start="22:00", end="06:00")
    returned = shift(date=datetime.date(2026, 11, 12), start="08:00", end="16:00", status=ShiftStatus.RETURNED)
    december = shift(date=datetime.date(2026, 12, 1), start="08:00", end="16:00")

    FieldRecordFactory(shift=first, author=apk, category=category("public_order"))
    FieldRecordFactory(shift=first, author=apk, category=category("public_order"))
    FieldRecordFactory(shift=second, author=apk, category=category("school"))
    FieldRecordFactory(shift=overnight, author=apk, category=category("syringes"), syringe_count=12)
    FieldRecordFactory(shift=overnight, author=apk, category=category("syringes"), syringe_count=5)
    FieldRecordFactory(shift=returned, author=apk, category=category("public_order"))
    FieldRecordFactory(shift=december, author=apk, category=category("syringes"), syringe_count=100)
    return Month(project=project, shifts=[first, second, overnight])


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def page_count(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)
