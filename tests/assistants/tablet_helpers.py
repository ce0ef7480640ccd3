"""Shared set-up for the tablet tests: an APK's shift of today, moved through the services, and a frozen clock."""

import contextlib
import datetime
import uuid
from unittest import mock

import pytest
from django.utils import timezone

from assistants import services
from assistants.choices import Outcome, ShiftStatus
from assistants.models import FieldRecord, Shift
from locations.models import Locality
from tests.assistants.factories import ProjectFactory, ShiftFactory, at, category
from tests.locations.factories import LocalityFactory

DAY = datetime.date(2026, 11, 16)
PLAN_LOCALITY = "Zátiší – ubytovna"


@pytest.fixture
def default_categories(db):
    """The shared code list of categories (a transactional test elsewhere may have flushed the migrated rows)."""
    services.category_ensure_defaults()


@contextlib.contextmanager
def clock(moment: datetime.datetime):
    """Freeze `timezone.now()` (the services' and views' clock) at `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def planned_shift(organisation, mentor, assistants, *, day=DAY, localities=None, priorities="", **kwargs) -> Shift:
    """A planned shift 8:00–16:00 of `assistants` with `mentor`, in a project of theirs."""
    project = ProjectFactory(organisation=organisation, mentors=[mentor], assistants=list(assistants))
    shift = ShiftFactory(
        organisation=organisation,
        project=project,
        mentor=mentor,
        date=day,
        assistants=list(assistants),
        priorities=priorities,
        **kwargs,
    )
    if localities is None:
        existing = Locality.objects.filter(organisation=organisation, name=PLAN_LOCALITY).first()
        localities = [existing or LocalityFactory(organisation=organisation, name=PLAN_LOCALITY)]
    shift.localities.set(localities)
    return shift


def started(shift: Shift, *, at_time="08:00") -> Shift:
    """The shift started at `at_time` (left as it is if it already runs)."""
    shift.refresh_from_db()
    if shift.status != ShiftStatus.PLANNED:
        return shift
    return services.shift_start(shift=shift, by=shift.assistants.order_by("pk").first(), at=at(shift.date, at_time))


def ended(shift: Shift, *, start="08:00", end="16:00") -> Shift:
    """The shift started (unless it runs already) and ended."""
    shift = started(shift, at_time=start)
    return services.shift_end(shift=shift, by=shift.assistants.order_by("pk").first(), at=at(shift.date, end))


def submitted(shift: Shift, **times) -> Shift:
    shift = ended(shift, **times)
    assistant = shift.assistants.order_by("pk").first()
    return services.shift_submit(shift=shift, by=assistant, version=shift.version, note="")


def returned(shift: Shift, *, comment="Doplňte popis u záznamu z 9:15.") -> Shift:
    shift = submitted(shift)
    return services.shift_return(shift=shift, by=shift.mentor, version=shift.version, comment=comment)


def add_record(shift: Shift, *, author=None, time="09:15", **overrides) -> FieldRecord:
    fields = {
        "recorded_at": at(shift.date, time),
        "locality": shift.localities.first(),
        "place": "",
        "category": category("public_order"),
        "description": "Skupina mladistvých u obchodu, domluva.",
        "persons_involved": 4,
        "outcome": Outcome.SOLVED_ON_SPOT,
        "handed_over_to": "",
        "follow_up": False,
        "syringe_count": None,
    }
    fields.update(overrides)
    record, _created = services.record_create(
        shift=shift, author=author or shift.assistants.order_by("pk").first(), client_token=uuid.uuid4(), **fields
    )
    return record


def record_post(shift: Shift, **overrides) -> dict:
    """A valid POST of the record form for `shift` (a new record unless `version` is given)."""
    data = {
        "category": category("public_order").pk,
        "time": "09:30",
        "locality": shift.localities.first().pk,
        "place": "",
        "description": "Hlasitá hudba na dvoře ubytovny, domluva se správcem.",
        "persons_involved": "3",
        "outcome": Outcome.SOLVED_ON_SPOT,
        "handed_over_to": "",
        "client_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
