"""Imported shifts, breaks and records are in the audit log, as if entered through the UI, plus one import event.

The import saves in bulk, which the audit signals do not see; it writes the rows with audit.record_created_many.
"""

import datetime
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assistants import services
from assistants.choices import ShiftKind
from assistants.importing.columns import SHIFT_COLUMNS
from assistants.importing.saving import shift_import
from assistants.models import FieldRecord, Shift, ShiftBreak
from audit.choices import AuditAction
from audit.models import AuditEvent
from core.tabular import read_dataset
from tests.assistants.shift_import_helpers import cast_fixture, csv_bytes, shift_row  # noqa: F401
from tests.audit.audit_helpers import events_of

pytestmark = pytest.mark.usefixtures("cast")


def _import(organisation, rows, by, *, dry_run=False):
    dataset = read_dataset(csv_bytes(rows), extension=".csv")
    return shift_import(organisation=organisation, dataset=dataset, by=by, dry_run=dry_run)


def _rows() -> list[dict]:
    """Two shifts: one with a break and two records, one without a break and with the shift only."""
    shift_only = {
        header: value
        for header, value in shift_row(Datum="4. 11. 2026", Přestávky_min="").items()
        if header in SHIFT_COLUMNS
    }
    return [shift_row(), shift_row(Čas_záznamu="12:00"), shift_only]


@pytest.fixture(name="log")
def log_fixture(cast):
    """The audit rows written after the test's set-up (the log is append-only, the fixtures write to it too)."""
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def events():
        return AuditEvent.objects.filter(pk__gt=last)

    return events


def _kinds(events) -> Counter:
    return Counter(events.values_list("action", "object_type"))


def test_import_writes_a_summary_and_one_create_event_per_shift_break_and_record(organisation, coordinator, log):
    summary = _import(organisation, _rows(), coordinator)

    assert (summary.saved, summary.new_shifts, summary.new_records) == (True, 2, 2)
    assert _kinds(log()) == Counter(
        {
            (AuditAction.IMPORT, ""): 1,
            (AuditAction.CREATE, "assistants.shift"): 2,
            (AuditAction.UPDATE, "assistants.shift"): 2,  # the assistants link, as m2m_changed records it
            (AuditAction.CREATE, "assistants.shiftbreak"): 1,
            (AuditAction.CREATE, "assistants.fieldrecord"): 2,
        }
    )
    created = log().filter(action=AuditAction.CREATE)
    assert sorted(created.values_list("object_type", "object_id")) == sorted(
        [("assistants.shift", pk) for pk in Shift.objects.values_list("pk", flat=True)]
        + [("assistants.shiftbreak", pk) for pk in ShiftBreak.objects.values_list("pk", flat=True)]
        + [("assistants.fieldrecord", pk) for pk in FieldRecord.objects.values_list("pk", flat=True)]
    )
    assert set(log().values_list("organisation_id", "user_id", "username")) == {
        (organisation.pk, coordinator.pk, coordinator.username)
    }
    event = log().get(action=AuditAction.IMPORT)
    assert (event.object_id, event.object_repr, event.changed_fields, event.extra) == (
        None,
        "",
        [],
        "směny: 2, záznamy: 2",
    )
    assert event.get_action_display() == "import dat"


def test_an_imported_shift_has_the_events_of_a_shift_planned_in_the_ui(
    organisation, coordinator, mentor, colleague, cast
):
    planned = services.shift_plan(
        project=cast["project"],
        mentor=mentor,
        date=datetime.date(2026, 11, 3),
        start=datetime.time(8),
        end=datetime.time(16),
        kind=ShiftKind.PATROL,
        assistants=[colleague],
        planned_by=mentor,
    )

    _import(organisation, [shift_row()], coordinator)

    imported = Shift.objects.get(imported=True)
    assert (
        events_of(imported)
        == events_of(planned)
        == [
            (AuditAction.CREATE, "assistants.shift", "2026-11-03", [], ""),
            (AuditAction.UPDATE, "assistants.shift", "2026-11-03", ["assistants"], ""),
        ]
    )
    assert events_of(FieldRecord.objects.get()) == [(AuditAction.CREATE, "assistants.fieldrecord", "", [], "")]
    assert events_of(ShiftBreak.objects.get()) == [(AuditAction.CREATE, "assistants.shiftbreak", "", [], "")]


def test_records_added_to_an_imported_shift_on_reimport_are_recorded_alone(organisation, coordinator, log):
    _import(organisation, [shift_row()], coordinator)
    before = set(log().values_list("pk", flat=True))

    _import(organisation, [shift_row(), shift_row(Čas_záznamu="14:00")], coordinator)

    new = log().exclude(pk__in=before)
    assert sorted(new.values_list("action", "object_type", "extra")) == [
        (AuditAction.CREATE, "assistants.fieldrecord", ""),
        (AuditAction.IMPORT, "", "směny: 0, záznamy: 1"),
    ]


def test_a_dry_run_an_invalid_file_and_a_file_already_imported_write_no_audit_rows(organisation, coordinator, log):
    _import(organisation, _rows(), coordinator, dry_run=True)
    _import(organisation, [*_rows(), shift_row(Kategorie="neznámá věc")], coordinator)
    assert not log().exists()

    _import(organisation, _rows(), coordinator)
    count = log().count()
    _import(organisation, _rows(), coordinator)

    assert (count, log().count()) == (8, 8)


def test_the_web_import_records_the_requests_user_and_address(login, coordinator, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.VAR_DIR = tmp_path
    client = login(coordinator)
    preview = client.post(reverse("shifts:import"), {"file": SimpleUploadedFile("smeny.csv", csv_bytes(_rows()))})
    before = set(AuditEvent.objects.values_list("pk", flat=True))  # the login's own rows

    client.post(reverse("shifts:import_confirm"), {"token": preview.context["confirm_form"].initial["token"]})

    new = AuditEvent.objects.exclude(pk__in=before)
    assert new.count() == 8
    assert set(new.values_list("user_id", "ip_address")) == {(coordinator.pk, "127.0.0.1")}


def test_the_command_records_the_given_user(organisation, coordinator, tmp_path, log):
    path = tmp_path / "smeny.csv"
    path.write_bytes(csv_bytes(_rows()))

    call_command("import_shifts", str(path), org=organisation.ico, user=coordinator.username)

    assert log().count() == 8
    assert set(log().values_list("organisation_id", "user_id", "ip_address")) == {
        (organisation.pk, coordinator.pk, None)
    }


def _queries_of_import(organisation, coordinator, first_day: datetime.date, shifts: int) -> int:
    days = [first_day + datetime.timedelta(days=offset) for offset in range(shifts)]
    rows = [shift_row(Datum=f"{day:%-d. %-m. %Y}", Čas_záznamu=f"{hour}:00") for day in days for hour in (9, 11, 13)]
    dataset = read_dataset(csv_bytes(rows), extension=".csv")
    with CaptureQueriesContext(connection) as queries:
        summary = shift_import(organisation=organisation, dataset=dataset, by=coordinator, dry_run=False)
    assert (summary.saved, summary.new_shifts, summary.new_records) == (True, shifts, shifts * 3)
    return len(queries)


def test_a_confirmed_import_of_100_shifts_runs_as_many_queries_as_one_of_10(organisation, coordinator, log):
    small = _queries_of_import(organisation, coordinator, datetime.date(2026, 1, 5), 10)

    large = _queries_of_import(organisation, coordinator, datetime.date(2026, 2, 1), 100)

    assert large == small
    assert log().filter(action=AuditAction.CREATE, object_type="assistants.fieldrecord").count() == 330
