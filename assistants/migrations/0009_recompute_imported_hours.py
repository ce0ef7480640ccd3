"""Imported shifts' hours measured between UTC instants.

The shift import used to subtract two local datetimes on the wall clock, so an imported night shift across a change
to or from summer time was stored with an hour too many (March) or too few (October), and a mentor reopening and
approving it again silently changed its hours. Here every imported shift's hours are computed again by the one rule
(assistants.services.worked_minutes: actual end − actual start − breaks, between instants); shifts that were right
stay untouched.
"""

from django.db import migrations


def recompute(apps, schema_editor):
    Shift = apps.get_model("assistants", "Shift")
    ShiftBreak = apps.get_model("assistants", "ShiftBreak")
    breaks: dict[int, int] = {}
    for shift_id, started_at, ended_at in ShiftBreak.objects.filter(
        shift__imported=True, ended_at__isnull=False
    ).values_list("shift_id", "started_at", "ended_at"):
        # Database instants are UTC: their difference is the real elapsed time.
        breaks[shift_id] = breaks.get(shift_id, 0) + int((ended_at - started_at).total_seconds() // 60)
    shifts = Shift.objects.filter(imported=True, actual_start__isnull=False, actual_end__isnull=False)
    for pk, start, end, stored in shifts.values_list("pk", "actual_start", "actual_end", "worked_minutes"):
        worked = max(0, int((end - start).total_seconds() // 60) - breaks.get(pk, 0))
        if worked != stored:
            Shift.objects.filter(pk=pk).update(worked_minutes=worked)


class Migration(migrations.Migration):
    dependencies = [("assistants", "0008_text_without_control_characters")]

    operations = [
        # Every organisation's imported shifts (core/rls.py).
        migrations.RunSQL("SELECT set_config('svl.rls_bypass', 'on', true)", migrations.RunSQL.noop),
        migrations.RunPython(recompute, migrations.RunPython.noop),
    ]
