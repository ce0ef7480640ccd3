"""The shift's life: planned → in progress → submitted → approved, or returned → submitted again."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assistants import services
from assistants.choices import ShiftStatus
from assistants.models import ShiftStatusChange
from tests.assistants.factories import ProjectFactory, ShiftFactory, at

DAY = datetime.date(2026, 11, 16)


@pytest.fixture
def shift(organisation, apk, mentor):
    project = ProjectFactory(organisation=organisation, mentors=[mentor], assistants=[apk])
    return ShiftFactory(organisation=organisation, project=project, mentor=mentor, date=DAY, assistants=[apk])


def _worked(shift, apk, start="08:00", end="16:00"):
    shift = services.shift_start(shift=shift, by=apk, at=at(DAY, start))
    return services.shift_end(shift=shift, by=apk, at=at(DAY, end))


def _submitted(shift, apk):
    shift = _worked(shift, apk)
    return services.shift_submit(shift=shift, by=apk, version=shift.version, note="Klidná směna.")


@pytest.mark.django_db
def test_full_happy_path_records_every_status_change(shift, apk, mentor):
    shift = _submitted(shift, apk)
    shift = services.shift_approve(shift=shift, by=mentor, version=shift.version)
    assert shift.status == ShiftStatus.APPROVED
    assert shift.approved_by == mentor
    history = list(shift.status_changes.values_list("from_status", "to_status", "changed_by__username"))
    assert history == [
        ("planned", "in_progress", "apk"),
        ("in_progress", "submitted", "apk"),
        ("submitted", "approved", "mentor"),
    ]


@pytest.mark.django_db
def test_returned_shift_requires_comment(shift, apk, mentor):
    shift = _submitted(shift, apk)
    with pytest.raises(ValidationError) as error:
        services.shift_return(shift=shift, by=mentor, version=shift.version, comment="   ")
    assert error.value.message_dict == {"comment": ["Napište, co je potřeba opravit."]}
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.SUBMITTED


@pytest.mark.django_db
def test_returned_shift_can_be_resubmitted_and_approved(shift, apk, mentor):
    shift = _submitted(shift, apk)
    shift = services.shift_return(shift=shift, by=mentor, version=shift.version, comment="Doplňte popis záznamu.")
    assert (shift.status, shift.return_comment) == (ShiftStatus.RETURNED, "Doplňte popis záznamu.")
    shift = services.shift_submit(shift=shift, by=apk, version=shift.version, note="Opraveno.")
    assert shift.return_comment == ""
    shift = services.shift_approve(shift=shift, by=mentor, version=shift.version)
    assert shift.status == ShiftStatus.APPROVED
    change = ShiftStatusChange.objects.get(to_status=ShiftStatus.RETURNED)
    assert (change.changed_by, change.comment) == (mentor, "Doplňte popis záznamu.")


@pytest.mark.django_db
def test_planned_shift_cannot_be_submitted_or_approved(shift, apk, mentor):
    with pytest.raises(ValidationError) as error:
        services.shift_submit(shift=shift, by=apk, version=shift.version, note="")
    assert error.value.messages == ["Před odevzdáním směnu ukončete."]
    with pytest.raises(ValidationError) as error:
        services.shift_approve(shift=shift, by=mentor, version=shift.version)
    assert error.value.messages == ["Směnu ve stavu „naplánovaná“ nelze převést do stavu „schválená“."]


@pytest.mark.django_db
def test_shift_cannot_be_started_twice(shift, apk):
    shift = services.shift_start(shift=shift, by=apk)
    with pytest.raises(ValidationError) as error:
        services.shift_start(shift=shift, by=apk)
    assert error.value.messages == ["Směnu ve stavu „probíhá“ nelze převést do stavu „probíhá“."]


@pytest.mark.django_db
def test_only_the_shifts_assistants_may_work_it(shift, colleague):
    with pytest.raises(PermissionDenied):
        services.shift_start(shift=shift, by=colleague)


@pytest.mark.django_db
def test_only_a_mentor_of_the_shift_may_approve(shift, apk, organisation):
    from tests.accounts.factories import UserFactory

    other_mentor = UserFactory(organisation=organisation, username="jiny_mentor", roles=["mentor"])
    shift = _submitted(shift, apk)
    with pytest.raises(PermissionDenied):
        services.shift_approve(shift=shift, by=other_mentor, version=shift.version)
    with pytest.raises(PermissionDenied):
        services.shift_approve(shift=shift, by=apk, version=shift.version)


@pytest.mark.django_db
def test_project_mentor_may_approve_a_colleagues_shift(shift, apk, organisation):
    from tests.accounts.factories import UserFactory

    deputy = UserFactory(organisation=organisation, username="zastupce", roles=["mentor"])
    shift.project.mentors.add(deputy)
    shift = _submitted(shift, apk)
    assert services.shift_approve(shift=shift, by=deputy, version=shift.version).status == ShiftStatus.APPROVED


@pytest.mark.django_db
def test_approved_shift_is_locked(shift, apk, mentor):
    shift = _submitted(shift, apk)
    shift = services.shift_approve(shift=shift, by=mentor, version=shift.version)
    assert shift.is_locked
    with pytest.raises(ValidationError):
        services.shift_correct_times(
            shift=shift,
            by=apk,
            version=shift.version,
            actual_start=at(DAY, "07:00"),
            actual_end=at(DAY, "16:00"),
            note="",
        )
    with pytest.raises(ValidationError):
        services.shift_submit(shift=shift, by=apk, version=shift.version, note="")


@pytest.mark.django_db
def test_reopen_requires_reason_and_is_recorded(shift, apk, mentor):
    shift = _submitted(shift, apk)
    shift = services.shift_approve(shift=shift, by=mentor, version=shift.version)
    with pytest.raises(ValidationError) as error:
        services.shift_reopen(shift=shift, by=mentor, version=shift.version, reason="")
    assert error.value.message_dict == {"reason": ["Uveďte důvod znovuotevření."]}
    shift = services.shift_reopen(shift=shift, by=mentor, version=shift.version, reason="Chybný čas konce.")
    assert (shift.status, shift.approved_by, shift.approved_at) == (ShiftStatus.RETURNED, None, None)
    last = shift.status_changes.order_by("-id").first()
    assert (last.from_status, last.to_status, last.comment) == ("approved", "returned", "Chybný čas konce.")


@pytest.mark.django_db
def test_apk_cannot_reopen(shift, apk, mentor):
    shift = _submitted(shift, apk)
    shift = services.shift_approve(shift=shift, by=mentor, version=shift.version)
    with pytest.raises(PermissionDenied):
        services.shift_reopen(shift=shift, by=apk, version=shift.version, reason="chci upravit")


@pytest.mark.django_db
def test_concurrent_edit_is_refused(shift, apk, mentor):
    """Two people looked at version N; the first save wins, the second is refused with a reload message."""
    shift = _worked(shift, apk)
    seen_version = shift.version
    services.shift_submit(shift=shift, by=apk, version=seen_version, note="první")
    with pytest.raises(ValidationError) as error:
        services.shift_correct_times(
            shift=shift,
            by=apk,
            version=seen_version,
            actual_start=at(DAY, "07:00"),
            actual_end=at(DAY, "15:00"),
            note="druhý",
        )
    assert error.value.messages == ["Směnu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."]
    shift.refresh_from_db()
    assert shift.note == "první"


@pytest.mark.django_db
def test_stale_approval_is_refused(shift, apk, mentor):
    shift = _submitted(shift, apk)
    seen = shift.version
    services.shift_return(shift=shift, by=mentor, version=seen, comment="Oprav.")
    with pytest.raises(ValidationError) as error:
        services.shift_approve(shift=shift, by=mentor, version=seen)
    assert error.value.code == "stale"


@pytest.mark.django_db
def test_approve_many_is_all_or_nothing(organisation, apk, mentor):
    project = ProjectFactory(organisation=organisation, mentors=[mentor], assistants=[apk])
    first = ShiftFactory(organisation=organisation, project=project, mentor=mentor, date=DAY, assistants=[apk])
    second = ShiftFactory(
        organisation=organisation,
        project=project,
        mentor=mentor,
        date=DAY + datetime.timedelta(days=1),
        planned_start=at(DAY + datetime.timedelta(days=1), "08:00"),
        planned_end=at(DAY + datetime.timedelta(days=1), "16:00"),
        assistants=[apk],
    )
    first = _submitted(first, apk)
    with pytest.raises(ValidationError):
        services.shift_approve_many(shifts=[first, second], by=mentor)  # the second is only planned
    first.refresh_from_db()
    assert first.status == ShiftStatus.SUBMITTED
