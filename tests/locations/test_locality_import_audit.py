"""A saved locality import leaves one `import` event besides the rows' own events (written by the services)."""

from collections import Counter

import pytest

from audit.choices import AuditAction
from audit.models import AuditEvent
from locations import importing
from tests.locations.factories import LocalityFactory
from tests.locations.locality_import_helpers import dataset_of, locality_row


@pytest.fixture(name="log")
def log_fixture(organisation):
    """The audit rows written after the test's set-up (the log is append-only, the fixtures write to it too)."""
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return lambda: AuditEvent.objects.filter(pk__gt=last)


def test_saved_import_writes_the_rows_events_and_one_import_event(organisation, log):
    LocalityFactory(organisation=organisation, name="Předlice", municipality_code="554804", orp="staré")
    before = set(log().values_list("pk", flat=True))
    rows = [locality_row(Název="Předlice"), locality_row(Název="Mojžíř"), locality_row(Název="Krásné Březno")]

    summary = importing.locality_import(organisation=organisation, dataset=dataset_of(rows), dry_run=False)

    assert (summary.saved, summary.new, summary.updated) == (True, 2, 1)
    new = log().exclude(pk__in=before)
    assert Counter(new.values_list("action", "object_type")) == Counter(
        {
            (AuditAction.CREATE, "locations.locality"): 2,
            (AuditAction.UPDATE, "locations.locality"): 1,
            (AuditAction.IMPORT, ""): 1,
        }
    )
    event = new.get(action=AuditAction.IMPORT)
    assert (event.organisation_id, event.extra) == (organisation.pk, "lokality nové: 2, změněné: 1")


def test_dry_run_invalid_and_unchanged_files_write_no_import_event(organisation, log):
    rows = [locality_row(Název="Předlice")]
    importing.locality_import(organisation=organisation, dataset=dataset_of(rows), dry_run=True)
    importing.locality_import(
        organisation=organisation, dataset=dataset_of([*rows, locality_row(Kód_obce="12345")]), dry_run=False
    )
    assert not log().exists()

    importing.locality_import(organisation=organisation, dataset=dataset_of(rows), dry_run=False)
    importing.locality_import(organisation=organisation, dataset=dataset_of(rows), dry_run=False)

    assert list(log().filter(action=AuditAction.IMPORT).values_list("extra", flat=True)) == [
        "lokality nové: 1, změněné: 0"
    ]
