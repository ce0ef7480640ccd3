"""The MPSV statistics of a social service: every number of the first quarter of 2026, computed by hand
(see tests/reports/mpsv_dataset.py for the clients and contacts), in the report, the page, the XLSX and the PDF."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.reports import mpsv_report
from core.dates import Period
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
from tests.reports.mpsv_dataset import PERIOD, build_mpsv_data

QUARTER = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))

FACTS = [
    ("Unikátní identifikovaní klienti", 4),  # C1, C2, C3, C5 (C4 only outside the period)
    ("z toho noví", 3),  # C1, C3, C5; C2's first contact ever was on 15. 12. 2025
    ("Kontakty s klienty", 7),  # K1–K7
    ("z toho intervence (od 30 minut)", 4),  # K1 (30), K3 (60), K4 (90), K6 (45); not K2 (29), K5 (15), K7 (20)
    ("Anonymní kontakty", 2),  # A1, A2
    ("Osoby v anonymních kontaktech", 4),  # 3 + 1
    ("Hodiny přímé práce", Decimal("5.82")),  # (30+29+60+90+15+45+20 = 289) + (40+20 = 60) = 349 min = 5.816…
]
CLIENT_TOTAL = ["Celkem", 4, 3]
PER_GENDER = [
    ["žena", 2, 2],  # C1, C3
    ["muž", 1, 0],  # C2
    ["jiné / neuvedeno", 1, 1],  # C5
]
PER_AGE = [
    ["0–14 let", 0, 0],
    ["15–17 let", 1, 1],  # C3
    ["18–26 let", 1, 0],  # C2
    ["27–64 let", 1, 1],  # C1
    ["65 a více let", 1, 1],  # C5
]
PER_TARGET_GROUP = [
    ["oběti trestné činnosti", 1, 1],  # C1
    ["oběti obchodu s lidmi", 1, 1],  # C3
    ["osoby komerčně zneužívané", 0, 0],
    ["děti a mládež 6–26 let ohrožené společensky nežádoucími jevy", 1, 0],  # C2
    ["osoby v krizi", 1, 1],  # C5
    ["osoby bez přístřeší", 0, 0],
    ["jiné", 0, 0],
]
CONTACTS = [
    ["kontakty s identifikovanými klienty", 7],
    ["z toho intervence", 4],
    ["anonymní kontakty", 2],
    ["osoby v anonymních kontaktech", 4],
    ["hodiny přímé práce s identifikovanými klienty", Decimal("4.82")],  # 289 / 60 = 4.816…
    ["hodiny přímé práce v anonymních kontaktech", Decimal("1.00")],  # 60 / 60
]
CONTACTS_TOTAL = ["Hodiny přímé práce celkem", Decimal("5.82")]
PER_ACTIVITY = [
    ["zprostředkování kontaktu se společenským prostředím", 1, 1],  # K3; A1
    ["sociálně terapeutické činnosti", 1, 0],  # K4
    ["pomoc při uplatňování práv, oprávněných zájmů a při obstarávání osobních záležitostí", 3, 0],  # K1, K4, K6
    ["základní sociální poradenství", 3, 2],  # K1, K2, K5; A1, A2
]
PER_TASK = [
    ["doprovod na policii", 2],  # K1, K6
    ["doprovod na úřad či soud", 1],  # K3
    ["pomoc s trestním oznámením", 1],  # K1
    ["informace o právech oběti", 1],  # K5
    ["zprostředkování kontaktu s policií", 1],  # K4
    ["asistence při výslechu", 1],  # K4
]
PER_CRIME = [
    ["lichva", 2, 3],  # C1 (K1, K2), C5 (K6)
    ["kuplířství", 0, 0],
    ["distribuce drog", 0, 0],
    ["obchod s lidmi", 1, 2],  # C3 (K4, K5)
    ["kriminalita mládeže", 1, 1],  # C2 (K3)
    ["násilí včetně domácího", 0, 0],
    ["majetková trestná činnost", 0, 0],
    ["podvod", 1, 1],  # C5 (K7)
    ["trestný čin z nenávisti", 0, 0],
    ["jiné", 0, 0],
]
CRIME_TOTAL = ["Kontakty celkem", "", 7]
PER_MONTH = [
    ["1/2026", 2, 1],  # K1, K2; A1
    ["2/2026", 2, 0],  # K4, K5
    ["3/2026", 3, 1],  # K3, K6, K7; A2
]
MONTH_TOTAL = ["Celkem", 7, 2]

TABLES = {
    "Klienti podle pohlaví": (PER_GENDER, CLIENT_TOTAL),
    "Klienti podle věku": (PER_AGE, CLIENT_TOTAL),
    "Klienti podle cílové skupiny": (PER_TARGET_GROUP, CLIENT_TOTAL),
    "Kontakty a intervence": (CONTACTS, CONTACTS_TOTAL),
    "Základní činnosti (§ 69)": (PER_ACTIVITY, None),
    "Specifické úkony": (PER_TASK, None),
    "Podle druhu trestné činnosti": (PER_CRIME, CRIME_TOTAL),
    "Kontakty podle měsíců": (PER_MONTH, MONTH_TOTAL),
}


@pytest.fixture
def data(organisation, other_organisation):
    return build_mpsv_data(organisation, other_organisation)


@pytest.fixture
def report(data):
    return mpsv_report(data.service, QUARTER)


def _get(client, data, **extra):
    return client.get(reverse("reports:mpsv"), {"service": data.service.pk, **PERIOD, **extra})


# --- the numbers -------------------------------------------------------------------------------------


def test_header_facts(report):
    assert report.facts == FACTS
    assert report.subtitle == "Terénní program Ústí (reg. č. 1234567)"


@pytest.mark.parametrize("title", TABLES)
def test_tables(report, title):
    rows, total = TABLES[title]
    table = report.table(title)

    assert table.rows == rows
    assert table.total == total


def test_contacts_on_the_first_and_last_day_count_and_the_days_around_do_not(report):
    # K1 (1. 1.) and K3 (31. 3.) count; C4's contacts on 31. 12. 2025 and 1. 4. 2026 do not, so C4
    # (man, 27–64, crime victims, usury) is no client of the period.
    assert report.table("Kontakty podle měsíců").rows[0] == ["1/2026", 2, 1]
    assert report.table("Kontakty podle měsíců").rows[2] == ["3/2026", 3, 1]
    assert report.table("Klienti podle pohlaví").rows[1] == ["muž", 1, 0]  # C2 only


def test_client_whose_first_contact_ever_was_before_the_period_is_not_new(report):
    assert report.facts[:2] == [("Unikátní identifikovaní klienti", 4), ("z toho noví", 3)]
    assert report.table("Klienti podle cílové skupiny").rows[3] == [
        "děti a mládež 6–26 let ohrožené společensky nežádoucími jevy",
        1,
        0,
    ]


def test_intervention_is_a_contact_lasting_at_least_the_threshold(report):
    # K1 lasts exactly 30 minutes and is an intervention; K2 lasts 29 and is not.
    assert report.facts[3] == ("z toho intervence (od 30 minut)", 4)


def test_service_with_its_own_threshold_counts_its_own_interventions(data):
    # "Krizová pomoc" counts from 45 minutes: of C6's contacts of 44 and 45 minutes only the second.
    report = mpsv_report(data.crisis_service, QUARTER)

    assert report.facts == [
        ("Unikátní identifikovaní klienti", 1),
        ("z toho noví", 1),
        ("Kontakty s klienty", 2),
        ("z toho intervence (od 45 minut)", 1),
        ("Anonymní kontakty", 1),
        ("Osoby v anonymních kontaktech", 2),
        ("Hodiny přímé práce", Decimal("1.98")),  # (44 + 45 + 30) / 60 = 1.983…
    ]


def test_clients_of_another_service_and_organisation_are_left_out(report):
    # C6 (girl 0–14, homeless, violence) belongs to the other service, C7 (girl 0–14, other, pimping) to
    # another organisation: neither appears anywhere.
    assert report.table("Klienti podle věku").rows[0] == ["0–14 let", 0, 0]
    assert report.table("Klienti podle cílové skupiny").rows[5] == ["osoby bez přístřeší", 0, 0]
    assert report.table("Podle druhu trestné činnosti").rows[1] == ["kuplířství", 0, 0]
    assert report.table("Podle druhu trestné činnosti").rows[5] == ["násilí včetně domácího", 0, 0]


def test_a_client_with_two_cases_counts_once_per_crime_type_and_once_in_total(report):
    # C5 has a usury case and a fraud case: one client under each crime type, one client in the totals.
    assert report.table("Podle druhu trestné činnosti").rows[0] == ["lichva", 2, 3]
    assert report.table("Podle druhu trestné činnosti").rows[7] == ["podvod", 1, 1]
    assert report.table("Klienti podle pohlaví").total == ["Celkem", 4, 3]


def test_chart_values_match_the_monthly_table(report):
    svg = report.charts[0].svg

    assert "<title>Kontakty podle měsíců</title>" in svg
    assert (
        "<desc>Kontakty s klienty: 1/2026 2, 2/2026 2, 3/2026 3; Anonymní kontakty: 1/2026 1, 2/2026 0, 3/2026 1</desc>"
        in svg
    )
    assert "<title>Kontakty s klienty – 3/2026: 3</title>" in svg
    assert "<title>Anonymní kontakty – 2/2026: 0</title>" in svg


def test_report_never_shows_a_client_code(data, coordinator, login):
    body = _get(login(coordinator), data).content.decode()

    assert "K-2026-0001" not in body
    assert "K-2025-0007" not in body


# --- the three outputs -------------------------------------------------------------------------------


def test_page_shows_every_number(data, service_lead, login):
    response = _get(login(service_lead), data)

    assert response.status_code == 200
    page = parse_page(response)
    assert page.facts == [(label, html_value(value)) for label, value in FACTS]
    assert page.facts[6] == ("Hodiny přímé práce", "5,82")
    for title, (rows, total) in TABLES.items():
        assert html_table(page, title) == html_rows(rows + ([total] if total else [])), title
    assert page.svgs == ["Kontakty podle měsíců"]
    months = html_table(page, "Kontakty podle měsíců")[:-1]
    assert chart_bars(page) == {
        **{f"Kontakty s klienty – {month}": Decimal(contacts) for month, contacts, _anonymous in months},
        **{f"Anonymní kontakty – {month}": Decimal(anonymous) for month, _contacts, anonymous in months},
    }


def test_xlsx_holds_the_same_numbers(data, service_lead, login):
    response = _get(login(service_lead), data, format="xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="statistika-mpsv-2026-01-01_2026-03-31.xlsx"'
    rows = xlsx_sheet_rows(response.content)
    assert rows[2] == ["Terénní program Ústí (reg. č. 1234567)"]
    assert xlsx_facts(rows) == [(label, xlsx_value(value)) for label, value in FACTS]
    for title, (body, total) in TABLES.items():
        assert xlsx_table(rows, title) == xlsx_rows(body + ([total] if total else [])), title


def test_pdf_holds_the_same_numbers(data, service_lead, login):
    response = _get(login(service_lead), data, format="pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Terénní program Ústí (reg. č. 1234567)" in text
    assert "Období: 1. 1. 2026 – 31. 3. 2026" in text
    for label, value in FACTS:
        assert f"{label} {html_value(value)}" in text
    for title, (body, total) in TABLES.items():
        for row in body + ([total] if total else []):
            assert pdf_line(row) in text, (title, row)
    # The chart: bar labels (zeros have none), month labels and legend.
    assert "2 2 3 1 1 1/2026 2/2026 3/2026 Kontakty s klienty Anonymní kontakty" in text
