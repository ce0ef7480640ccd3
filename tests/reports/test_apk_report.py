"""The MV ČR report of an APK project: every number of the March–April 2026 dataset, computed by hand
(see tests/reports/apk_dataset.py for the shifts and records), in the report, the page, the XLSX and the PDF."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from assistants.reports import apk_report
from core.dates import Period
from tests.assistants.factories import ProjectFactory
from tests.reports.apk_dataset import PERIOD, build_apk_data
from tests.reports.helpers import (
    chart_bars,
    html_rows,
    html_table,
    html_value,
    parse_page,
    pdf_line,
    pdf_text,
    xlsx_facts,
    xlsx_rows,
    xlsx_sheet_rows,
    xlsx_table,
    xlsx_value,
)

MARCH_APRIL = Period(datetime.date(2026, 3, 1), datetime.date(2026, 4, 30))

FACTS = [
    ("Asistenti prevence kriminality", "Alena Bílá, Petr Černý"),
    ("Mentoři", "Milan Dvořák"),
    ("Schválené směny", 4),  # S1–S4
    ("Odpracované hodiny", Decimal("29.75")),  # (450 + 480 + 375 + 480) / 60 = 1785 / 60
    ("Záznamy z terénu", 9),  # R1–R9
    ("Sebrané injekční stříkačky", 17),  # R2 12 + R4 5
]
PLAN = [
    ["Plánované hodiny projektu (celé období)", Decimal("3000.00")],
    ["Plánované hodiny za vykazované období (poměrně podle dnů)", Decimal("501.37")],  # 3000 × 61 / 365 = 501.369…
    ["Odpracované hodiny v období", Decimal("29.75")],
    ["Plnění plánu (%)", Decimal("5.9")],  # 29.75 × 100 / 501.37 = 5.93…
]
PER_ASSISTANT = [
    ["Alena Bílá", 3, Decimal("23.50")],  # S1 450 + S2 480 + S4 480 = 1410 min
    ["Petr Černý", 2, Decimal("14.25")],  # S2 480 + S3 375 = 855 min
]
PER_MONTH = [
    ["3/2026", 2, Decimal("15.50"), 6],  # S1 450 + S2 480 = 930 min; R1–R5 and R9
    ["4/2026", 2, Decimal("14.25"), 3],  # S3 375 + S4 480 = 855 min; R6–R8
]
MONTH_TOTAL = ["Celkem", 4, Decimal("29.75"), 9]
PER_CATEGORY = [
    ["dohled nad veřejným pořádkem", 3, 0],  # R1, R7, R8
    ["sousedské spory a jejich urovnání", 1, 0],  # R3
    ["čistota veřejného prostranství, černé skládky", 1, 0],  # R9
    ["sběr použitých injekčních stříkaček (akce „Jehla“)", 2, 17],  # R2 (12), R4 (5)
    ["pomoc a poradenství občanům (dluhy, bydlení, zaměstnání)", 2, 0],  # R5, R6
]
CATEGORY_TOTAL = ["Celkem", 9, 17]
PER_LOCALITY = [
    ["Předlice (Ústí nad Labem)", 4],  # R1, R2, R5, R8
    ["Krásné Březno (Ústí nad Labem)", 3],  # R3, R6, R9
    ["jiné místo", 2],  # R4, R7
]
LOCALITY_TOTAL = ["Celkem", 9]
OUTCOMES = [
    ["vyřešeno na místě", 3],  # R1, R8, R9
    ["předáno dál (MP, PČR, OSPOD / sociální služba)", 4],  # R3, R4, R5, R6
    ["pouze monitoring", 1],  # R2
    ["jiné", 1],  # R7
]
OUTCOME_TOTAL = ["Celkem", 9]
RECEIVERS = [
    ["předáno OSPOD / sociální službě", "Bílý kruh bezpečí", 1],  # R6
    ["předáno OSPOD / sociální službě", "OSPOD Ústí", 1],  # R5
    ["přivolána hlídka MP", "MP Ústí", 1],  # R3
    ["oznámeno PČR", "OO PČR Ústí", 1],  # R4
]
RECEIVER_TOTAL = ["Celkem", "", 4]

# title: (rows, total row or None)
TABLES = {
    "Plán a skutečnost": (PLAN, None),
    "Směny a hodiny podle asistentů": (PER_ASSISTANT, None),
    "Podle měsíců": (PER_MONTH, MONTH_TOTAL),
    "Záznamy podle kategorií": (PER_CATEGORY, CATEGORY_TOTAL),
    "Záznamy podle lokalit": (PER_LOCALITY, LOCALITY_TOTAL),
    "Výsledky řešení": (OUTCOMES, OUTCOME_TOTAL),
    "Předáno podle příjemce": (RECEIVERS, RECEIVER_TOTAL),
}


@pytest.fixture
def data(organisation, mentor, other_organisation):
    return build_apk_data(organisation, mentor, other_organisation)


@pytest.fixture
def report(data):
    return apk_report(data.project, MARCH_APRIL)


def _get(client, data, **extra):
    return client.get(reverse("reports:apk"), {"project": data.project.pk, **PERIOD, **extra})


# --- the numbers -------------------------------------------------------------------------------------


def test_header_facts(report):
    assert report.facts == FACTS
    assert report.subtitle == "APK Předlice (MV-2026-042)"
    assert report.organisation.name == "Město A"


@pytest.mark.parametrize("title", TABLES)
def test_tables(report, title):
    rows, total = TABLES[title]
    table = report.table(title)

    assert table.rows == rows
    assert table.total == total


def test_only_approved_shifts_of_the_project_count(report):
    # Returned S7, submitted S8, S9 of another project and S10 of another organisation add nothing.
    assert report.table("Podle měsíců").total == ["Celkem", 4, Decimal("29.75"), 9]


def test_first_day_counts_and_the_day_before_does_not(report):
    # S1 (1. 3.) counts; S5 (28. 2., over midnight) does not, but its record at 1. 3. 01:00 does (R9),
    # while its record at 28. 2. 23:00 with 100 syringes does not.
    march = report.table("Podle měsíců").rows[0]
    assert march == ["3/2026", 2, Decimal("15.50"), 6]
    assert ["čistota veřejného prostranství, černé skládky", 1, 0] in report.table("Záznamy podle kategorií").rows
    assert report.facts[5] == ("Sebrané injekční stříkačky", 17)


def test_shift_over_midnight_on_the_last_day_counts_all_hours_but_not_its_record_after_midnight(report):
    # S4 starts 30. 4. 22:00 and ends 1. 5. 06:00: its 8 hours count in April (375 + 480 = 855 min);
    # its record at 30. 4. 23:30 counts, the one at 1. 5. 00:30 (7 syringes) falls outside the period.
    april = report.table("Podle měsíců").rows[1]
    assert april == ["4/2026", 2, Decimal("14.25"), 3]
    assert report.table("Záznamy podle kategorií").total == ["Celkem", 9, 17]


def test_shared_shift_counts_whole_for_each_assistant_and_once_in_totals(report):
    per_assistant = report.table("Směny a hodiny podle asistentů").rows
    assistant_hours = sum(row[2] for row in per_assistant)

    assert assistant_hours == Decimal("37.75")  # 23.50 + 14.25: S2's 8 hours twice
    assert report.facts[3] == ("Odpracované hodiny", Decimal("29.75"))  # S2's 8 hours once


def test_planned_hours_are_prorated_to_the_days_the_period_shares_with_the_project(data):
    # December 2025 lies outside the project: 1. 1. – 31. 1. 2026 is 31 of its 365 days.
    # 3000 × 31 / 365 = 254.794… → 254.79; nothing worked in January → 0 %.
    report = apk_report(data.project, Period(datetime.date(2025, 12, 1), datetime.date(2026, 1, 31)))

    assert report.table("Plán a skutečnost").rows == [
        ["Plánované hodiny projektu (celé období)", Decimal("3000.00")],
        ["Plánované hodiny za vykazované období (poměrně podle dnů)", Decimal("254.79")],
        ["Odpracované hodiny v období", Decimal("0.00")],
        ["Plnění plánu (%)", Decimal("0.0")],
    ]


def test_prorated_planned_hours_round_half_up_like_every_hour_figure(organisation):
    # 1 h × 1 day / 8 days = 0.125 h → 0.13 (half up, as hours() rounds worked minutes).
    project = ProjectFactory(
        organisation=organisation,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 1, 8),
        planned_hours=1,
    )

    report = apk_report(project, Period(datetime.date(2026, 1, 1), datetime.date(2026, 1, 1)))

    assert report.table("Plán a skutečnost").rows[1] == [
        "Plánované hodiny za vykazované období (poměrně podle dnů)",
        Decimal("0.13"),
    ]


def test_period_outside_the_project_plans_nothing(data):
    report = apk_report(data.project, Period(datetime.date(2027, 1, 1), datetime.date(2027, 1, 31)))

    assert report.table("Plán a skutečnost").rows[1:] == [
        ["Plánované hodiny za vykazované období (poměrně podle dnů)", Decimal("0.00")],
        ["Odpracované hodiny v období", Decimal("0.00")],
        ["Plnění plánu (%)", Decimal("0")],
    ]


def test_project_without_planned_hours_shows_only_the_hours_worked(data):
    data.project.planned_hours = None
    data.project.save()

    report = apk_report(data.project, MARCH_APRIL)

    assert report.table("Plán a skutečnost").rows == [["Odpracované hodiny v období", Decimal("29.75")]]


def test_chart_values_match_the_monthly_table(report):
    svg = report.charts[0].svg

    assert "<title>Hodiny a záznamy podle měsíců</title>" in svg
    # The bars carry the monthly table's values (a chart drops trailing zeros: 15,50 → 15,5).
    assert "<title>Hodiny – 3/2026: 15,5</title>" in svg
    assert "<title>Hodiny – 4/2026: 14,25</title>" in svg
    assert "<title>Záznamy – 3/2026: 6</title>" in svg
    assert "<title>Záznamy – 4/2026: 3</title>" in svg
    assert "<desc>Hodiny: 3/2026 15,5, 4/2026 14,25; Záznamy: 3/2026 6, 4/2026 3</desc>" in svg


# --- the three outputs -------------------------------------------------------------------------------


def test_page_shows_every_number(data, coordinator, login):
    response = _get(login(coordinator), data)

    assert response.status_code == 200
    page = parse_page(response)
    assert page.facts == [(label, html_value(value)) for label, value in FACTS]
    assert page.facts[3] == ("Odpracované hodiny", "29,75")
    for title, (rows, total) in TABLES.items():
        assert html_table(page, title) == html_rows(rows + ([total] if total else [])), title


def test_page_shows_the_chart_with_the_values_of_the_monthly_table(data, coordinator, login):
    page = parse_page(_get(login(coordinator), data))

    assert page.svgs == ["Hodiny a záznamy podle měsíců"]
    months = html_table(page, "Podle měsíců")[:-1]
    assert chart_bars(page) == {
        **{f"Hodiny – {month}": Decimal(hours.replace(",", ".")) for month, _shifts, hours, _records in months},
        **{f"Záznamy – {month}": Decimal(records) for month, _shifts, _hours, records in months},
    }
    assert chart_bars(page) == {
        "Hodiny – 3/2026": Decimal("15.5"),
        "Hodiny – 4/2026": Decimal("14.25"),
        "Záznamy – 3/2026": 6,
        "Záznamy – 4/2026": 3,
    }


def test_xlsx_holds_the_same_numbers(data, coordinator, login):
    response = _get(login(coordinator), data, format="xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="vykaz-apk-2026-03-01_2026-04-30.xlsx"'
    rows = xlsx_sheet_rows(response.content)
    assert rows[0] == ["Výkaz projektu asistentů prevence kriminality (MV ČR)"]
    assert rows[3] == ["Období", "1. 3. 2026 – 30. 4. 2026"]
    assert xlsx_facts(rows) == [(label, xlsx_value(value)) for label, value in FACTS]
    for title, (body, total) in TABLES.items():
        assert xlsx_table(rows, title) == xlsx_rows(body + ([total] if total else [])), title


def test_pdf_holds_the_same_numbers(data, coordinator, login):
    response = _get(login(coordinator), data, format="pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="vykaz-apk-2026-03-01_2026-04-30.pdf"'
    text = pdf_text(response.content)
    assert f"Město A · IČO {data.project.organisation.ico}" in text
    assert "APK Předlice (MV-2026-042)" in text
    assert "Období: 1. 3. 2026 – 30. 4. 2026" in text
    for label, value in FACTS:
        assert f"{label} {html_value(value)}" in text
    for title, (body, total) in TABLES.items():
        for row in body + ([total] if total else []):
            assert pdf_line(row) in text, (title, row)
    assert "strana 1 z 2" in text
    assert "strana 2 z 2" in text


def test_pdf_draws_the_chart_with_the_monthly_values(data, coordinator, login):
    text = pdf_text(_get(login(coordinator), data, format="pdf").content)

    # The SVG's bar labels, month labels and legend, as the PDF's text layer carries them.
    assert "Hodiny a záznamy podle měsíců" in text
    assert "15,5 14,25 6 3 3/2026 4/2026 Hodiny Záznamy" in text
