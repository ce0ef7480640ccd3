"""A shift's breaks and status history are scoped to the shift's organisation (core.scoping.OrganisationQuerySet)."""

import pytest

from assistants.models import ShiftBreak, ShiftStatusChange
from tests.assistants.factories import at
from tests.assistants.tablet_helpers import DAY, planned_shift

pytestmark = pytest.mark.django_db


@pytest.fixture
def shift(organisation, mentor, apk):
    shift = planned_shift(organisation, mentor, [apk])
    ShiftBreak.objects.create(shift=shift, started_at=at(DAY, "12:00"), ended_at=at(DAY, "12:30"))
    ShiftStatusChange.objects.create(shift=shift, changed_by=mentor, from_status="", to_status="planned")
    return shift


@pytest.mark.parametrize("model", [ShiftBreak, ShiftStatusChange])
def test_a_user_of_the_shifts_organisation_sees_its_rows(model, shift, apk):
    assert list(model.objects.for_user(apk).values_list("shift", flat=True)) == [shift.pk]


@pytest.mark.parametrize("model", [ShiftBreak, ShiftStatusChange])
def test_a_user_of_another_organisation_sees_none(model, shift, outsider):
    assert not model.objects.for_user(outsider).exists()


@pytest.mark.parametrize("model", [ShiftBreak, ShiftStatusChange])
def test_rows_are_found_by_the_shifts_organisation(model, shift, organisation, other_organisation):
    assert model.objects.for_organisation(organisation.pk).count() == 1
    assert not model.objects.for_organisation(other_organisation.pk).exists()
