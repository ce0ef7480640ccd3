"""Shared setup of the platform page tests (views/platforms.py): a frozen clock, tasks, reviews, outputs.

The clock is a boundary: `frozen()` pins `timezone.now()` (and so `timezone.localdate()`) to NOW, so
"overdue" and "upcoming" are decided against explicit dates.
"""

import datetime
from contextlib import contextmanager
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile

from platforms import services
from platforms.models import Attendance, Meeting, Output, Task
from tests.core.document_files import pdf_document
from tests.platforms.factories import InstitutionFactory, MeetingFactory, RepresentativeFactory, at

# Monday 16 November 2026, 10:00 in Prague.
TODAY = datetime.date(2026, 11, 16)
NOW = at(TODAY, "10:00")

# A real one-page PDF: uploads are parsed, a signature alone is refused (core/documents.py).
PDF = pdf_document()


@contextmanager
def frozen(moment: datetime.datetime = NOW):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def institution(platform, name: str, kind: str = "pcr", representatives=("Zástupce",)):
    """An institution of `platform` with representatives named in `representatives`."""
    member = InstitutionFactory(platform=platform, name=name, kind=kind)
    for person in representatives:
        RepresentativeFactory(institution=member, name=f"{person} ({name})")
    return member


def meeting(platform, day: datetime.date, hhmm: str = "14:00", **fields) -> Meeting:
    return MeetingFactory(platform=platform, starts_at=at(day, hhmm), **fields)


def task(meeting: Meeting, responsible, title: str, due_on: datetime.date, **fields) -> Task:
    return Task.objects.create(
        organisation_id=meeting.organisation_id,
        platform_id=meeting.platform_id,
        meeting=meeting,
        responsible_institution=responsible,
        title=title,
        due_on=due_on,
        **fields,
    )


def attend(meeting: Meeting, representative, status: str) -> Attendance:
    return Attendance.objects.create(
        organisation_id=meeting.organisation_id, meeting=meeting, representative=representative, status=status
    )


def pdf_upload(name: str = "metodika.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def output(platform, title: str = "Metodika pochodů", *, name: str = "Metodika – pochody.pdf", **fields) -> Output:
    return services.output_create(
        platform=platform,
        kind=fields.pop("kind", "emergency_methodology"),
        title=title,
        date=fields.pop("date", datetime.date(2026, 10, 20)),
        document=pdf_upload(name),
        **fields,
    )
