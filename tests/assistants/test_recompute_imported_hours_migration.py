"""Migration assistants/0009: imported shifts stored with wall-clock hours get the hours measured between instants."""

import datetime
import importlib

from django.apps import apps

from assistants.models import Shift, ShiftBreak
from tests.assistants.factories import ShiftFactory, at

migration = importlib.import_module("assistants.migrations.0009_recompute_imported_hours")


def _imported_night(organisation, eve: datetime.date, stored: int) -> Shift:
    shift = ShiftFactory(
        organisation=organisation,
        date=eve,
        planned_start=at(eve, "22:00"),
        planned_end=at(eve + datetime.timedelta(days=1), "06:00"),
        actual_start=at(eve, "22:00"),
        actual_end=at(eve + datetime.timedelta(days=1), "06:00"),
        worked_minutes=stored,
        imported=True,
    )
    started = datetime.datetime(eve.year, eve.month, eve.day, 23, 30, tzinfo=datetime.UTC)
    ShiftBreak.objects.create(shift=shift, started_at=started, ended_at=started + datetime.timedelta(minutes=30))
    return shift


def test_imported_night_shifts_across_the_clock_changes_get_their_real_hours(organisation):
    spring = _imported_night(organisation, datetime.date(2026, 3, 28), stored=450)  # 8 h − 30 on the wall clock
    autumn = _imported_night(organisation, datetime.date(2026, 10, 24), stored=450)
    ordinary = _imported_night(organisation, datetime.date(2026, 11, 14), stored=450)

    migration.recompute(apps, None)

    hours = dict(Shift.objects.values_list("pk", "worked_minutes"))
    assert (hours[spring.pk], hours[autumn.pk], hours[ordinary.pk]) == (390, 510, 450)


def test_tablet_shifts_are_left_alone(organisation):
    shift = _imported_night(organisation, datetime.date(2026, 3, 28), stored=450)
    Shift.objects.filter(pk=shift.pk).update(imported=False)

    migration.recompute(apps, None)

    shift.refresh_from_db()
    assert shift.worked_minutes == 450
