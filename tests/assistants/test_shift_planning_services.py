"""Planning: teams of 1–3 APKs, no overlapping shifts for one APK, copying a week."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from assistants import services
from assistants.models import Shift
from tests.accounts.factories import UserFactory
from tests.assistants.factories import ProjectFactory

MONDAY = datetime.date(2026, 11, 16)
T8, T16, T12, T20, T4 = (datetime.time(h) for h in (8, 16, 12, 20, 4))


@pytest.fixture
def project(organisation, apk, colleague, mentor):
    return ProjectFactory(organisation=organisation, mentors=[mentor], assistants=[apk, colleague])


def _plan(project, mentor, assistants, *, date=MONDAY, start=T8, end=T16):
    return services.shift_plan(
        project=project,
        mentor=mentor,
        date=date,
        start=start,
        end=end,
        kind="patrol",
        assistants=assistants,
        planned_by=mentor,
    )


@pytest.mark.django_db
def test_overlapping_shift_is_refused_naming_the_other_shift(project, mentor, apk, colleague):
    _plan(project, mentor, [apk])
    with pytest.raises(ValidationError) as error:
        _plan(project, mentor, [colleague, apk], start=T12, end=T20)
    assert error.value.message_dict == {
        "assistants": [f"{apk} už má v této době jinou směnu: 16. 11. 2026 08:00–16:00 (pochůzka)."]
    }
    assert Shift.objects.count() == 1


@pytest.mark.django_db
def test_back_to_back_shifts_are_allowed(project, mentor, apk):
    _plan(project, mentor, [apk], start=T8, end=T12)
    _plan(project, mentor, [apk], start=T12, end=T16)
    assert Shift.objects.count() == 2


@pytest.mark.django_db
def test_shift_over_midnight_blocks_the_next_morning(project, mentor, apk):
    night = _plan(project, mentor, [apk], start=T20, end=T4)
    assert night.planned_end - night.planned_start == datetime.timedelta(hours=8)
    with pytest.raises(ValidationError):
        _plan(project, mentor, [apk], date=MONDAY + datetime.timedelta(days=1), start=datetime.time(3), end=T8)


@pytest.mark.django_db
def test_team_must_have_one_to_three_apks(project, mentor, organisation):
    team = [UserFactory(organisation=organisation, roles=["apk"]) for _ in range(4)]
    with pytest.raises(ValidationError) as error:
        _plan(project, mentor, team)
    assert error.value.message_dict == {"assistants": ["Směnu slouží 1 až 3 asistenti."]}
    with pytest.raises(ValidationError):
        _plan(project, mentor, [])


@pytest.mark.django_db
def test_assistant_of_another_organisation_cannot_be_planned(project, mentor, outsider):
    with pytest.raises(ValidationError) as error:
        _plan(project, mentor, [outsider])
    assert error.value.message_dict == {
        "assistants": ["Do směny lze zařadit jen aktivní asistenty prevence kriminality této organizace."]
    }


@pytest.mark.django_db
def test_editing_a_plan_keeps_the_overlap_rule_but_ignores_itself(project, mentor, apk, colleague):
    shift = _plan(project, mentor, [apk])
    shift = services.shift_update_plan(
        shift=shift,
        version=shift.version,
        project=project,
        mentor=mentor,
        date=MONDAY,
        start=T8,
        end=datetime.time(17),
        kind="school",
        assistants=[apk],
        localities=[],
    )
    assert shift.kind == "school"
    _plan(project, mentor, [colleague], start=T8, end=T16)
    with pytest.raises(ValidationError):
        services.shift_update_plan(
            shift=shift,
            version=shift.version,
            project=project,
            mentor=mentor,
            date=MONDAY,
            start=T8,
            end=T16,
            kind="school",
            assistants=[apk, colleague],
            localities=[],
        )


@pytest.mark.django_db
def test_copy_week_copies_and_skips_clashes(project, mentor, apk, colleague):
    _plan(project, mentor, [apk])
    _plan(project, mentor, [colleague], date=MONDAY + datetime.timedelta(days=2))
    # The colleague already has a shift on the target Wednesday.
    _plan(project, mentor, [colleague], date=MONDAY + datetime.timedelta(days=9))
    result = services.shift_copy_week(mentor=mentor, source_monday=MONDAY, by=mentor)
    assert [s.date for s in result.created] == [MONDAY + datetime.timedelta(days=7)]
    assert len(result.skipped) == 1
    assert "už má v této době jinou směnu" in result.skipped[0][1]
