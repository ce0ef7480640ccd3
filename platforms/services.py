"""Writes for platforms, members, meetings, tasks and outputs.

A meeting whose minutes are final is read-only: every meeting change goes through `_editable`, which takes the
meeting's row lock and checks the version the user saw (core.versioning.lock). A coordinator may reopen final
minutes with a reason.
"""

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Organisation, User
from core import documents
from core.services import model_update
from core.versioning import lock, save_new_version
from platforms.choices import MeetingStatus, TaskReviewOutcome, TaskStatus
from platforms.models import (
    AgendaItem,
    Attendance,
    CaseDiscussion,
    Guest,
    Institution,
    Meeting,
    MeetingStatusChange,
    Output,
    Platform,
    Representative,
    Task,
    TaskReview,
)

ALLOWED_DOCUMENT_TYPES = set(documents.DOCUMENT_TYPES)


def final_error() -> ValidationError:
    """Final minutes are read-only; the views say so with this message before offering any change."""
    return ValidationError(
        _("Zápis je uzavřený; jednání nelze měnit, dokud ho koordinátor znovu neotevře."), code="final"
    )


# --- platforms and members ---------------------------------------------------------------------

PLATFORM_FIELDS = ("name", "municipality", "themes", "frequency", "coordinator", "description", "is_active")
INSTITUTION_FIELDS = ("name", "kind", "is_active")
REPRESENTATIVE_FIELDS = ("name", "function", "email", "phone", "is_active")


def _check_coordinator(organisation_id, coordinator: User):
    if coordinator.organisation_id != organisation_id or not coordinator.has_role(Role.COORDINATOR):
        raise ValidationError({"coordinator": _("Koordinátor musí být koordinátorem této organizace.")})


@transaction.atomic
def platform_create(*, organisation: Organisation, **fields) -> Platform:
    platform = Platform(organisation=organisation, **fields)
    _check_coordinator(organisation.pk, platform.coordinator)
    platform.full_clean()
    platform.save()
    return platform


@transaction.atomic
def platform_update(*, platform: Platform, version: int | None, **fields) -> Platform:
    """Change a platform; `version` is the one the user's form saw."""
    platform = lock(platform, version=version)

    def clean(platform: Platform) -> None:
        _check_coordinator(platform.organisation_id, platform.coordinator)
        platform.full_clean()

    platform, _updated = model_update(instance=platform, fields=PLATFORM_FIELDS, data=fields, clean=clean)
    return platform


@transaction.atomic
def institution_save(
    *, platform: Platform, institution: Institution | None = None, version: int | None = None, **fields
) -> Institution:
    """Add a member institution, or change `institution` (with `version`, the one the user's form saw)."""
    if institution is not None:
        institution = lock(institution, version=version)
        institution, _updated = model_update(instance=institution, fields=INSTITUTION_FIELDS, data=fields)
        return institution
    institution = Institution(organisation_id=platform.organisation_id, platform=platform, **fields)
    institution.full_clean()
    institution.save()
    return institution


@transaction.atomic
def representative_save(
    *, institution: Institution, representative: Representative | None = None, version: int | None = None, **fields
) -> Representative:
    """Add a representative, or change `representative` (with `version`, the one the user's form saw)."""
    if representative is not None:
        representative = lock(representative, version=version)
        representative, _updated = model_update(instance=representative, fields=REPRESENTATIVE_FIELDS, data=fields)
        return representative
    representative = Representative(organisation_id=institution.organisation_id, institution=institution, **fields)
    representative.full_clean()
    representative.save()
    return representative


# --- meetings ------------------------------------------------------------------------------------


def _check_locality(organisation_id, locality):
    if locality is not None and locality.organisation_id != organisation_id:
        raise ValidationError({"locality": _("Vyberte lokalitu této organizace.")})


@transaction.atomic
def meeting_create(
    *,
    platform: Platform,
    starts_at: datetime.datetime,
    place: str = "",
    locality=None,
    chair: str = "",
    agenda: list[str] = (),
) -> Meeting:
    """Plan a meeting; every active representative starts as absent until attendance is taken."""
    _check_locality(platform.organisation_id, locality)
    meeting = Meeting(
        organisation_id=platform.organisation_id,
        platform=platform,
        starts_at=starts_at,
        place=place,
        locality=locality,
        chair=chair,
    )
    meeting.full_clean()
    meeting.save()
    for position, title in enumerate([t for t in agenda if t.strip()], start=1):
        item = AgendaItem(
            organisation_id=meeting.organisation_id, meeting=meeting, position=position, title=title.strip()
        )
        _clean_text(item)
        item.save()
    representatives = Representative.objects.filter(
        institution__platform=platform, institution__is_active=True, is_active=True
    )
    Attendance.objects.bulk_create(
        Attendance(organisation_id=meeting.organisation_id, meeting=meeting, representative=r, status="absent")
        for r in representatives
    )
    return meeting


def _clean_text(row) -> None:
    """The field checks of a child row saved without full_clean (its parent is checked already): text fields'
    validators (control characters) and lengths, without a query for its foreign keys."""
    row.clean_fields(exclude=[field.name for field in row._meta.concrete_fields if field.is_relation])


def _editable(meeting: Meeting, version: int | None) -> Meeting:
    current = lock(meeting, version=version)
    if current.is_final:
        raise final_error()
    return current


def _touch(meeting: Meeting):
    save_new_version(meeting, update_fields=[])


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, version: int, starts_at, place: str, locality, chair: str, decisions: str
) -> Meeting:
    meeting = _editable(meeting, version)
    _check_locality(meeting.organisation_id, locality)
    meeting.starts_at, meeting.place, meeting.locality = starts_at, place, locality
    meeting.chair, meeting.decisions = chair, decisions
    meeting.full_clean()
    save_new_version(meeting)
    return meeting


@transaction.atomic
def agenda_save(*, meeting: Meeting, version: int, items: list[dict]) -> Meeting:
    """Replace the agenda: items are dicts with title and minutes, in order. Empty titles are dropped."""
    meeting = _editable(meeting, version)
    meeting.agenda_items.all().delete()
    rows = [item for item in items if item.get("title", "").strip()]
    agenda_items = [
        AgendaItem(
            organisation_id=meeting.organisation_id,
            meeting=meeting,
            position=position,
            title=item["title"].strip(),
            minutes=item.get("minutes", "").strip(),
        )
        for position, item in enumerate(rows, start=1)
    ]
    for agenda_item in agenda_items:
        _clean_text(agenda_item)
    AgendaItem.objects.bulk_create(agenda_items)
    _touch(meeting)
    return meeting


@transaction.atomic
def attendance_save(*, meeting: Meeting, version: int, statuses: dict[int, str], guests: list[dict] = ()) -> Meeting:
    """Record attendance for every representative (id -> status) and replace the guest list."""
    meeting = _editable(meeting, version)
    existing = {a.representative_id: a for a in meeting.attendance.all()}
    valid_ids = set(
        Representative.objects.filter(institution__platform=meeting.platform_id).values_list("pk", flat=True)
    )
    for representative_id, status in statuses.items():
        if representative_id not in valid_ids:
            raise ValidationError(_("Neznámý zástupce."))
        row = existing.get(representative_id) or Attendance(
            organisation_id=meeting.organisation_id, meeting=meeting, representative_id=representative_id
        )
        row.status = status
        row.full_clean(exclude=["meeting", "representative"])
        row.save()
    meeting.guests.all().delete()
    for guest in guests:
        if guest.get("name", "").strip():
            row = Guest(
                organisation_id=meeting.organisation_id,
                meeting=meeting,
                name=guest["name"].strip(),
                affiliation=guest.get("affiliation", "").strip(),
            )
            _clean_text(row)
            row.save()
    _touch(meeting)
    return meeting


@transaction.atomic
def case_discussion_add(
    *, meeting: Meeting, version: int, description: str, locality=None, institutions=()
) -> CaseDiscussion:
    meeting = _editable(meeting, version)
    _check_locality(meeting.organisation_id, locality)
    if any(i.platform_id != meeting.platform_id for i in institutions):
        raise ValidationError({"institutions": _("Vyberte instituce této platformy.")})
    item = CaseDiscussion(
        organisation_id=meeting.organisation_id, meeting=meeting, description=description, locality=locality
    )
    item.full_clean()
    item.save()
    item.institutions.set(institutions)
    _touch(meeting)
    return item


# --- tasks ---------------------------------------------------------------------------------------


@transaction.atomic
def task_create(
    *,
    meeting: Meeting,
    version: int,
    title: str,
    responsible_institution: Institution,
    responsible_person: str = "",
    due_on: datetime.date,
) -> Task:
    meeting = _editable(meeting, version)
    if responsible_institution.platform_id != meeting.platform_id:
        raise ValidationError({"responsible_institution": _("Vyberte instituci této platformy.")})
    task = Task(
        organisation_id=meeting.organisation_id,
        platform_id=meeting.platform_id,
        meeting=meeting,
        title=title,
        responsible_institution=responsible_institution,
        responsible_person=responsible_person,
        due_on=due_on,
    )
    task.full_clean()
    task.save()
    _touch(meeting)
    return task


@transaction.atomic
def task_review(*, meeting: Meeting, version: int, task: Task, outcome: str, note: str = "") -> TaskReview:
    """Review an open task at a later meeting: done and cancelled close it, carried on keeps it open."""
    meeting = _editable(meeting, version)
    task = Task.objects.select_for_update().select_related("meeting").get(pk=task.pk)
    if task.platform_id != meeting.platform_id or task.meeting.starts_at >= meeting.starts_at:
        raise ValidationError(_("Tento úkol na tomto jednání nelze kontrolovat."))
    if outcome == TaskReviewOutcome.CARRIED_ON and not note.strip():
        raise ValidationError({"note": _("U pokračujícího úkolu uveďte, jak pokročil.")})
    review = TaskReview.objects.filter(task=task, meeting=meeting).first() or TaskReview(
        organisation_id=meeting.organisation_id, task=task, meeting=meeting
    )
    if review.pk is None and task.status != TaskStatus.OPEN:
        raise ValidationError(_("Úkol už je uzavřený."))
    review.outcome, review.note = outcome, note.strip()
    review.full_clean()
    review.save()
    if outcome == TaskReviewOutcome.DONE:
        task.status, task.closed_at_meeting = TaskStatus.DONE, meeting
    elif outcome == TaskReviewOutcome.CANCELLED:
        task.status, task.closed_at_meeting = TaskStatus.CANCELLED, meeting
    else:
        task.status, task.closed_at_meeting = TaskStatus.OPEN, None
    task.save(update_fields=["status", "closed_at_meeting"])
    _touch(meeting)
    return review


# --- finalising --------------------------------------------------------------------------------


@transaction.atomic
def meeting_finalise(*, meeting: Meeting, version: int, by: User) -> Meeting:
    meeting = _editable(meeting, version)
    meeting.status, meeting.finalised_at, meeting.finalised_by = MeetingStatus.FINAL, timezone.now(), by
    save_new_version(meeting)
    MeetingStatusChange.objects.create(
        organisation_id=meeting.organisation_id, meeting=meeting, changed_by=by, to_status=MeetingStatus.FINAL
    )
    return meeting


@transaction.atomic
def meeting_reopen(*, meeting: Meeting, version: int, by: User, reason: str) -> Meeting:
    if not reason.strip():
        raise ValidationError({"reason": _("Uveďte důvod znovuotevření zápisu.")})
    if not by.has_role(Role.COORDINATOR):
        raise ValidationError(_("Zápis může znovu otevřít jen koordinátor."))
    meeting = lock(meeting, version=version)
    if not meeting.is_final:
        raise ValidationError(_("Zápis není uzavřený."))
    meeting.status, meeting.finalised_at, meeting.finalised_by = MeetingStatus.DRAFT, None, None
    change = MeetingStatusChange(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        changed_by=by,
        to_status=MeetingStatus.DRAFT,
        reason=reason.strip(),
    )
    _clean_text(change)
    save_new_version(meeting)
    change.save()
    return meeting


# --- outputs -------------------------------------------------------------------------------------


def validate_document(upload) -> documents.DocumentType:
    """Accept a sound PDF, DOCX, XLSX or ODT (core.documents) up to settings.PLATFORM_DOCUMENT_MAX_BYTES.

    Returns the document's type, which names the stored file and is the only type it is ever served as.
    """
    if documents.document_type_of(upload.name) is None:
        raise ValidationError({"document": _("Nahrajte dokument PDF, DOCX, XLSX nebo ODT.")})
    limit = settings.PLATFORM_DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {"document": _("Dokument je příliš velký (nejvýše %(mb)s MB).") % {"mb": limit // (1024 * 1024)}}
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    try:
        return documents.validate_document(content, filename=upload.name)
    except documents.DocumentError as error:
        raise ValidationError({"document": error.message}) from None


@transaction.atomic
def output_create(
    *, platform: Platform, kind: str, title: str, date: datetime.date, document=None, meeting: Meeting | None = None
) -> Output:
    if meeting is not None and meeting.platform_id != platform.pk:
        raise ValidationError({"meeting": _("Vyberte jednání této platformy.")})
    output = Output(
        organisation_id=platform.organisation_id,
        platform=platform,
        kind=kind,
        title=title,
        date=date,
        meeting=meeting,
    )
    if document is not None:
        document_type = validate_document(document)
        output.original_filename = Path(document.name).name[:255]
        # Stored under a random name with the validated type's extension: the original (possibly telling) file
        # name is kept only in the database, and the download serves the type the stored name carries.
        document.name = f"{uuid.uuid4().hex}{document_type.extension}"
        output.document = document
    output.full_clean()
    if document is not None:
        # The storage creates missing directories 0700 (FILE_UPLOAD_DIRECTORY_PERMISSIONS); an existing
        # MEDIA_ROOT, made by hand or by an older version, is tightened to the same.
        documents.private_directory(Path(settings.MEDIA_ROOT))
    output.save()
    return output
