"""shift_import: rows become approved imported shifts with their records; all rows or none."""

import datetime

import pytest

from assistants.choices import Outcome, ShiftKind, ShiftStatus
from assistants.importing.columns import SHIFT_COLUMNS
from assistants.importing.saving import shift_import
from assistants.models import FieldRecord, Shift, ShiftStatusChange
from core.importing.rows import RowStatus
from core.tabular import read_dataset
from tests.assistants.factories import ShiftFactory, at, category
from tests.assistants.shift_import_helpers import cast_fixture, csv_bytes, shift_row  # noqa: F401

pytestmark = pytest.mark.usefixtures("cast")


def _import(organisation, rows, by, *, dry_run=False, **csv_options):
    dataset = read_dataset(csv_bytes(rows, **csv_options), extension=".csv")
    return shift_import(organisation=organisation, dataset=dataset, by=by, dry_run=dry_run)


def test_row_becomes_an_approved_imported_shift_with_its_record(organisation, apk, mentor, coordinator, cast):
    summary = _import(organisation, [shift_row()], coordinator)

    assert (summary.saved, summary.new, summary.duplicate, summary.invalid) == (True, 1, 0, 0)
    assert (summary.new_shifts, summary.new_records) == (1, 1)
    shift = Shift.objects.get()
    assert (shift.organisation, shift.project, shift.mentor, shift.kind) == (
        organisation,
        cast["project"],
        mentor,
        ShiftKind.PATROL,
    )
    assert (shift.date, shift.planned_start, shift.planned_end) == (
        datetime.date(2026, 11, 3),
        at(datetime.date(2026, 11, 3), "08:00"),
        at(datetime.date(2026, 11, 3), "16:00"),
    )
    assert (shift.actual_start, shift.actual_end) == (shift.planned_start, shift.planned_end)
    assert (shift.status, shift.imported, shift.worked_minutes, shift.approved_by) == (
        ShiftStatus.APPROVED,
        True,
        450,
        coordinator,
    )
    assert list(shift.assistants.all()) == [apk]
    assert [(b.started_at, b.minutes) for b in shift.breaks.all()] == [(at(shift.date, "11:45"), 30)]
    change = ShiftStatusChange.objects.get(shift=shift)
    assert (change.changed_by, change.from_status, change.to_status, change.comment) == (
        coordinator,
        "",
        ShiftStatus.APPROVED,
        "Import historických dat",
    )
    record = FieldRecord.objects.get()
    assert (record.shift, record.organisation, record.author, record.recorded_at) == (
        shift,
        organisation,
        apk,
        at(shift.date, "10:15"),
    )
    assert (record.locality, record.place, record.category, record.description) == (
        cast["locality"],
        "",
        category("hostels"),
        "Kontrola ubytovny, klid.",
    )
    assert (record.persons_involved, record.outcome, record.follow_up, record.syringe_count) == (
        4,
        Outcome.MONITORING_ONLY,
        False,
        None,
    )


def test_hours_equal_those_the_services_compute_from_the_break(organisation, coordinator):
    from assistants.services import compute_worked_minutes

    _import(organisation, [shift_row(Přestávky_min="45")], coordinator)

    shift = Shift.objects.get()
    assert shift.worked_minutes == compute_worked_minutes(shift) == 435


def test_rows_of_one_shift_form_one_shift_with_several_records(organisation, apk, colleague, coordinator):
    rows = [
        shift_row(Asistent="apk, colleague", Čas_záznamu="9:00"),
        shift_row(
            Asistent="colleague,apk",
            Čas_záznamu="11:00",
            Kategorie="záškoláctví, doprovod dětí do školy",
            Popis="Doprovod dětí.",
        ),
        shift_row(Datum="4. 11. 2026", Asistent="apk"),
    ]

    summary = _import(organisation, rows, coordinator)

    assert (summary.new_shifts, summary.new_records) == (2, 3)
    shared = Shift.objects.get(date=datetime.date(2026, 11, 3))
    assert set(shared.assistants.all()) == {apk, colleague}
    assert shared.records.count() == 2
    assert [r.author for r in shared.records.order_by("recorded_at")] == [apk, colleague]


def test_shift_over_midnight_counts_on_its_start_date(organisation, coordinator):
    row = shift_row(Datum="30. 11. 2026", Začátek="22:00", Konec="6:00", Přestávky_min="", Čas_záznamu="1:30")

    _import(organisation, [row], coordinator)

    shift = Shift.objects.get()
    assert (shift.date, shift.worked_minutes) == (datetime.date(2026, 11, 30), 480)
    assert shift.actual_end == at(datetime.date(2026, 12, 1), "06:00")
    assert FieldRecord.objects.get().recorded_at == at(datetime.date(2026, 12, 1), "01:30")


def test_row_without_record_columns_imports_the_shift_only(organisation, coordinator):
    row = {header: value for header, value in shift_row().items() if header in SHIFT_COLUMNS}

    summary = _import(organisation, [row], coordinator)

    assert (summary.new_shifts, summary.new_records) == (1, 0)
    assert Shift.objects.count() == 1
    assert not FieldRecord.objects.exists()


def test_reimport_of_the_same_file_creates_nothing_and_reports_duplicates(organisation, coordinator):
    rows = [
        shift_row(),
        shift_row(Čas_záznamu="12:00"),
        shift_row(Asistent="colleague", Začátek="16:00", Konec="20:00", Čas_záznamu="17:00"),
    ]
    _import(organisation, rows, coordinator)

    summary = _import(organisation, rows, coordinator)

    assert (summary.new, summary.duplicate, summary.invalid, summary.saved) == (0, 3, 0, False)
    assert [row.get_status_display() for row in summary.rows] == ["už importováno"] * 3
    assert (Shift.objects.count(), FieldRecord.objects.count(), ShiftStatusChange.objects.count()) == (2, 3, 2)


def test_reimport_with_a_new_row_adds_it_to_the_imported_shift(organisation, coordinator):
    _import(organisation, [shift_row()], coordinator)

    summary = _import(organisation, [shift_row(), shift_row(Čas_záznamu="14:00")], coordinator)

    assert [row.status for row in summary.rows] == [RowStatus.DUPLICATE, RowStatus.NEW]
    assert (summary.new_shifts, summary.new_records) == (0, 1)
    assert Shift.objects.count() == 1
    assert Shift.objects.get().records.count() == 2


def test_two_identical_rows_are_two_records_and_stay_two_on_reimport(organisation, coordinator):
    rows = [shift_row(), shift_row()]
    _import(organisation, rows, coordinator)

    summary = _import(organisation, rows, coordinator)

    assert summary.duplicate == 2
    assert FieldRecord.objects.count() == 2


def test_same_file_in_another_organisation_is_new_there(organisation, coordinator, outsider):
    from tests.assistants.factories import ProjectFactory

    _import(organisation, [shift_row()], coordinator)
    ProjectFactory(organisation=outsider.organisation, registration_number="MV-2026-042")
    row = shift_row(Asistent="outsider", Mentor="outsider", Lokalita="", Místo="náměstí")

    summary = _import(outsider.organisation, [row], outsider)

    assert summary.saved
    assert FieldRecord.objects.count() == 2


def test_dry_run_saves_nothing_and_reports_what_would_happen(organisation, coordinator):
    summary = _import(organisation, [shift_row(), shift_row(Datum="5. 11. 2026")], coordinator, dry_run=True)

    assert (summary.saved, summary.new, summary.new_shifts, summary.new_records) == (False, 2, 2, 2)
    assert not Shift.objects.exists()


def test_file_with_one_bad_row_saves_nothing(organisation, coordinator):
    rows = [shift_row(), shift_row(Datum="5. 11. 2026", Kategorie="neznámá věc"), shift_row(Datum="6. 11. 2026")]

    summary = _import(organisation, rows, coordinator)

    assert (summary.saved, summary.is_valid, summary.invalid) == (False, False, 1)
    assert [row.status for row in summary.rows] == ["new", "invalid", "new"]
    assert [(e.row, e.column, e.message) for e in summary.errors] == [
        (3, "Kategorie", "Neznámá kategorie „neznámá věc“; použijte název z číselníku kategorií."),
    ]
    assert not Shift.objects.exists()
    assert not FieldRecord.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        ({"Datum": "31. 2. 2026"}, "Datum", "„31. 2. 2026“ není datum; zadejte např. 15. 11. 2026."),
        ({"Datum": "3. 11. 2027"}, "Datum", "Datum je mimo období projektu (1. 1. 2026 – 31. 12. 2026)."),
        ({"Začátek": "25:00"}, "Začátek", "„25:00“ není čas; zadejte např. 8:00."),
        ({"Konec": "8:00"}, "Konec", "Konec směny musí být jiný než začátek."),
        ({"Přestávky_min": "480"}, "Přestávky (min)", "Přestávky jsou stejně dlouhé jako směna, nebo delší."),
        ({"Asistent": ""}, "Asistent", "Vyplňte uživatelské jméno asistenta."),
        ({"Asistent": "nikdo"}, "Asistent", "Uživatel „nikdo“ v organizaci není."),
        ({"Asistent": "mentor"}, "Asistent", "Uživatel „mentor“ není asistent prevence kriminality."),
        ({"Asistent": "apk,colleague,a3,a4"}, "Asistent", "Směnu slouží 1 až 3 asistenti."),
        ({"Mentor": "apk"}, "Mentor", "Uživatel „apk“ není mentor."),
        ({"Projekt": "XYZ"}, "Projekt", "Projekt „XYZ“ v organizaci není."),
        (
            {"Druh_směny": "hlídka"},
            "Druh směny",
            "Neznámý druh směny „hlídka“; povolené hodnoty: pochůzka, dohled u školy, dohled na úřadě, "
            "společná hlídka s MP/PČR, preventivní akce, školení.",
        ),
        ({"Čas_záznamu": "17:00"}, "Čas záznamu", "Čas záznamu musí být v době směny (08:00–16:00)."),
        (
            {"Lokalita": "Mojžíř"},
            "Lokalita",
            "Lokalita „Mojžíř“ v registru organizace není; jiné místo zapište do sloupce Místo.",
        ),
        ({"Lokalita": ""}, "Lokalita", "Vyplňte lokalitu, nebo jiné místo ve sloupci Místo."),
        ({"Popis": ""}, "Popis", "Vyplňte popis záznamu."),
        ({"Počet_osob": "-1"}, "Počet osob", "„-1“ není celé číslo od 0 do 999."),
        ({"Výsledek": ""}, "Výsledek", "Vyplňte výsledek."),
        ({"Další_řešení": "možná"}, "Další řešení", "„možná“ není platná hodnota; zadejte ano, nebo ne."),
        (
            {"Počet_stříkaček": "3"},
            "Počet stříkaček",
            "Počet stříkaček se vyplňuje jen u kategorie sběru stříkaček.",
        ),
        (
            {"Kategorie": "sběr použitých injekčních stříkaček"},
            "Počet stříkaček",
            "U sběru stříkaček vyplňte jejich počet.",
        ),
    ],
)
def test_invalid_value_is_reported_with_row_column_and_czech_reason(
    organisation, coordinator, overrides, column, message
):
    category("syringes")

    summary = _import(organisation, [shift_row(), shift_row(**overrides)], coordinator)

    assert [(e.row, e.column, e.message) for e in summary.errors] == [(3, column, message)]
    assert not Shift.objects.exists()


def test_labels_match_without_case_and_diacritics(organisation, coordinator):
    category("syringes")
    row = shift_row(
        Druh_směny="DOHLED U SKOLY",
        Kategorie="sber pouzitych injekcnich strikacek",
        Počet_stříkaček="12",
        Výsledek="predano ospod / socialni sluzbe",
        Další_řešení="ANO",
        Lokalita="predlice",
    )

    _import(organisation, [row], coordinator)

    record = FieldRecord.objects.select_related("shift").get()
    assert (record.shift.kind, record.category.code, record.syringe_count) == (ShiftKind.SCHOOL, "syringes", 12)
    assert (record.outcome, record.follow_up) == (Outcome.HANDED_TO_SERVICE, True)


def test_project_is_found_by_name_too(organisation, coordinator, cast):
    _import(organisation, [shift_row(Projekt="apk předlice")], coordinator)

    assert Shift.objects.get().project == cast["project"]


def test_rows_of_one_shift_must_agree_on_the_shift(organisation, coordinator):
    rows = [shift_row(), shift_row(Čas_záznamu="12:00", Druh_směny="školení")]

    summary = _import(organisation, rows, coordinator)

    assert [(e.row, e.column, e.message) for e in summary.errors] == [
        (3, "Druh směny", "Řádek patří ke stejné směně jako řádek 2, ale sloupec Druh směny se liší."),
    ]


def test_overlapping_shift_of_the_same_assistant_is_refused(organisation, apk, mentor, coordinator, cast):
    ShiftFactory(
        organisation=organisation,
        project=cast["project"],
        mentor=mentor,
        date=datetime.date(2026, 11, 3),
        planned_start=at(datetime.date(2026, 11, 3), "14:00"),
        planned_end=at(datetime.date(2026, 11, 3), "22:00"),
        assistants=[apk],
    )
    rows = [shift_row(), shift_row(Datum="4. 11. 2026", Asistent="colleague"), shift_row(Asistent="colleague")]

    summary = _import(organisation, rows, coordinator)

    assert [(e.row, e.column, e.message) for e in summary.errors] == [
        (2, "Asistent", "apk už má v této době jinou směnu: 3. 11. 2026 14:00–22:00 (pochůzka)."),
    ]
    assert Shift.objects.count() == 1


def test_overlapping_shifts_within_the_file_are_refused(organisation, coordinator):
    rows = [shift_row(), shift_row(Začátek="15:00", Konec="19:00", Přestávky_min="", Čas_záznamu="16:00")]

    summary = _import(organisation, rows, coordinator)

    assert [(e.row, e.column, e.message) for e in summary.errors] == [
        (3, "Asistent", "apk má v souboru ve stejné době jinou směnu (řádek 2)."),
    ]


def test_missing_required_columns_are_a_file_error(organisation, coordinator):
    dataset = read_dataset(csv_bytes([shift_row()], headers=["Datum", "Začátek", "Konec"]), extension=".csv")

    summary = shift_import(organisation=organisation, dataset=dataset, by=coordinator, dry_run=False)

    assert summary.file_errors == [
        "V záhlaví souboru chybí povinné sloupce: Asistent, Mentor, Projekt. "
        "Povinné jsou: Datum, Začátek, Konec, Asistent, Mentor, Projekt."
    ]


def test_query_count_does_not_grow_per_row(organisation, coordinator, django_assert_max_num_queries):
    rows = [shift_row(Datum=f"{day}. 11. 2026", Čas_záznamu=f"{hour}:00") for day in range(2, 22) for hour in (9, 11)]
    dataset = read_dataset(csv_bytes(rows), extension=".csv")

    with django_assert_max_num_queries(20):
        summary = shift_import(organisation=organisation, dataset=dataset, by=coordinator, dry_run=False)

    assert (summary.new_shifts, summary.new_records) == (20, 40)


def test_imported_shifts_count_in_the_work_log(organisation, apk, coordinator):
    from assistants import selectors

    rows = [shift_row(), shift_row(Datum="30. 11. 2026", Začátek="20:00", Konec="4:00", Čas_záznamu="23:00")]
    _import(organisation, rows, coordinator)

    log = selectors.worklog(apk, 2026, 11)

    assert (log.shift_count, log.worked_minutes, log.break_minutes, log.record_count) == (2, 900, 60, 2)
