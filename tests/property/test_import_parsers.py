"""Random files for the import parsers (core/tabular.read_dataset) and random
rows for the locality and shift import services: a readable file or a Czech message, never a crash, and an
import saves every row or nothing."""

import csv
import datetime
import io
import string

import pytest
import tablib
from django.db import transaction
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from assistants import services as shift_services
from assistants.importing.saving import shift_import
from assistants.models import FieldRecord, FieldRecordCategory, Shift
from core import tabular
from core.tabular import ImportFileError
from locations.importing import locality_import
from tests.assistants.factories import ProjectFactory
from tests.locations.factories import LocalityFactory
from tests.property.fuzz import SHARED_FIXTURES, changed_tables, database_state
from tests.property.tables import (
    DELIMITERS,
    ENCODINGS,
    LOCALITY_COLUMNS,
    csv_bytes,
    shift_columns,
    table,
    xlsx_bytes,
)

READERS = [tabular.read_dataset]
EXTENSIONS = st.sampled_from([".csv", ".xlsx", ".txt", ""])
# Cells of a well-formed file: no delimiter, quote or line break, so the table must come back exactly.
SAFE_CELL = st.text(string.ascii_letters + string.digits + " áčďéěíňóřšťúůýžÁČŘŠŽ.-_/()", max_size=12)
SAFE_HEADER = SAFE_CELL.map(str.strip).filter(bool)
DAY = datetime.date(2026, 11, 16)


def _is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read(reader, content: bytes, extension: str):
    """The dataset, or None when the parser refused the file with a message for the user."""
    try:
        return reader(content, extension=extension)
    except ImportFileError as error:
        assert error.message.strip()
        return None


# --- reading files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("reader", READERS)
@given(content=st.binary(max_size=2000), extension=EXTENSIONS)
def test_any_bytes_are_read_or_refused_with_a_message(reader, content, extension):
    dataset = _read(reader, content, extension)
    assert dataset is None or dataset.headers


@pytest.mark.parametrize("reader", READERS)
@given(
    text=st.text(max_size=400),
    encoding=st.sampled_from(ENCODINGS),
    separators=st.lists(st.sampled_from([";", ",", "\t", '"', "\n", "\r\n"]), max_size=30),
)
def test_any_csv_text_is_read_or_refused_with_a_message(reader, text, encoding, separators):
    content = (text + "".join(separators)).encode(encoding, errors="replace")
    dataset = _read(reader, content, ".csv")
    assert dataset is None or dataset.headers


@pytest.mark.parametrize("reader", READERS)
@given(
    headers=st.lists(SAFE_HEADER, min_size=1, max_size=6, unique=True),
    data=st.data(),
    delimiter=st.sampled_from(DELIMITERS),
    encoding=st.sampled_from(ENCODINGS),
)
def test_a_well_formed_csv_comes_back_exactly(reader, headers, data, delimiter, encoding):
    rows = data.draw(st.lists(st.lists(SAFE_CELL, min_size=len(headers), max_size=len(headers)), max_size=6))
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter, lineterminator=data.draw(st.sampled_from(["\r\n", "\n"]))).writerows(
        [headers, *rows]
    )
    content = text.getvalue().encode(encoding)
    # Some windows-1250 bytes are also valid UTF-8 ("ČŠ" is "Ȋ"): such a file is read as UTF-8, by nature.
    assume(encoding != "cp1250" or not _is_utf8(content))
    dataset = reader(content, extension=".csv")
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # trailing empty lines are dropped
    assert dataset.headers == headers
    assert [list(row) for row in dataset] == rows


@pytest.mark.parametrize("reader", READERS)
@given(data=st.data())
def test_any_xlsx_cells_are_read_or_refused_with_a_message(reader, data):
    headers, rows = data.draw(table(LOCALITY_COLUMNS, typed=True))
    dataset = _read(reader, xlsx_bytes(headers, rows), ".xlsx")
    assert dataset is None or dataset.headers


# --- the import services --------------------------------------------------------------------------


def _dataset(data, columns) -> tablib.Dataset:
    """Rows as the services get them: typed cells of an XLSX sheet or text cells of a CSV file."""
    typed = data.draw(st.booleans(), label="typed cells (XLSX)")
    headers, rows = data.draw(table(columns, typed=typed))
    if not typed and data.draw(st.booleans(), label="through a CSV file"):
        dataset = _read(tabular.read_dataset, data.draw(csv_bytes(headers, rows)), ".csv")
        if dataset is not None:
            return dataset
    return tablib.Dataset(*rows, headers=headers)


def _import(run):
    """Run an import in a savepoint rolled back afterwards; returns (summary, database before, database after)."""
    before = database_state()
    with transaction.atomic():
        summary = run()
        after = database_state()
        transaction.set_rollback(True)
    return summary, before, after


@pytest.fixture
def registered(organisation, other_organisation):
    """A locality of the importing organisation (an update matches it) and the same one of another organisation."""
    for owner in (organisation, other_organisation):
        LocalityFactory(organisation=owner, name="Předlice", municipality_code="554804")


@pytest.mark.django_db
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data(), dry_run=st.booleans())
def test_locality_import_saves_all_valid_rows_or_nothing(data, dry_run, registered, organisation):
    dataset = _dataset(data, LOCALITY_COLUMNS)
    summary, before, after = _import(
        lambda: locality_import(organisation=organisation, dataset=dataset, dry_run=dry_run)
    )
    event(f"saved: {summary.saved}, valid: {summary.is_valid}")
    assert summary.saved == (not dry_run and summary.is_valid)
    if not summary.saved or not summary.has_changes:
        assert not changed_tables(before, after)
    else:
        assert set(changed_tables(before, after)) <= {"locations_locality"}
        assert after["locations_locality"][0] == before["locations_locality"][0] + summary.new


@pytest.fixture
def shift_world(organisation, apk, colleague, mentor, coordinator):
    shift_services.category_ensure_defaults()
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    project = ProjectFactory(
        organisation=organisation,
        name="APK Předlice",
        registration_number="MV-1/2026",
        assistants=[apk, colleague],
        mentors=[mentor],
    )
    project.localities.set([locality])
    categories = FieldRecordCategory.objects.filter(organisation=None, requires_syringe_count=False)
    return shift_columns(
        assistants=[apk.username, colleague.username],
        mentors=[mentor.username],
        projects=[project.name, project.registration_number],
        localities=[locality.name],
        categories=[str(category.name) for category in categories],
        day=DAY,
    )


@pytest.mark.django_db
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data(), dry_run=st.booleans())
def test_shift_import_saves_all_valid_rows_or_nothing(data, dry_run, shift_world, organisation, coordinator):
    dataset = _dataset(data, shift_world)
    summary, before, after = _import(
        lambda: shift_import(organisation=organisation, dataset=dataset, by=coordinator, dry_run=dry_run)
    )
    event(f"saved: {summary.saved}, valid: {summary.is_valid}")
    assert summary.saved == (not dry_run and summary.is_valid and summary.has_changes)
    if not summary.saved:
        assert not changed_tables(before, after)
    else:
        shifts, records = Shift._meta.db_table, FieldRecord._meta.db_table
        assert after[shifts][0] == before[shifts][0] + summary.new_shifts
        assert after[records][0] == before[records][0] + summary.new_records
        assert all(table.startswith("assistants_") for table in changed_tables(before, after))
