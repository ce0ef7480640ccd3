"""The locality situation report: every number of the first quarter of 2026, computed by hand (see
tests/reports/situation_dataset.py), in the report, the page, the XLSX and the PDF; region and municipality filters."""

import datetime

import pytest
from django.urls import reverse

from core.dates import Period
from reports.situation import situation_report
from tests.reports.helpers import (
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
from tests.reports.situation_dataset import PERIOD, build_situation_data

QUARTER = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))

FACTS = [
    ("Lokality", 4),  # active localities of the organisation
    ("Záznamy z terénu v období", 6),  # Předlice 3 + Krásné Březno 2 + Vltavínská 1
    ("Jednání platforem v lokalitách", 3),  # Předlice 2 + Vltavínská 1
]
VLTAVINSKA = ["Vltavínská (Plzeň)", "Plzeňský kraj", 1, "15. 2. 2026", "—", 1, 1]
JANOV = ["Janov (Litvínov)", "Ústecký kraj", "—", "—", "—", 0, 0]
BREZNO = ["Krásné Březno (Ústí nad Labem)", "Ústecký kraj", 2, "10. 11. 2025", "—", 2, 0]
# Latest score up to 31. 3. (the 5 of 1. 4. is ignored); problems of the period only, without the
# "hluk" of December and the "extremismus" of April.
PREDLICE = ["Předlice (Ústí nad Labem)", "Ústecký kraj", 4, "31. 3. 2026", "drogy, lichva, odpad a černé skládky", 3, 2]
LOCALITIES = [VLTAVINSKA, JANOV, BREZNO, PREDLICE]  # by region, municipality, name
LOCALITY_TOTAL = ["Celkem", "", "", "", "", 6, 3]
PER_CATEGORY = [
    ["Vltavínská (Plzeň)", "dohled nad veřejným pořádkem", 1],
    ["Krásné Březno (Ústí nad Labem)", "sousedské spory a jejich urovnání", 1],
    ["Krásné Březno (Ústí nad Labem)", "pomoc a poradenství občanům (dluhy, bydlení, zaměstnání)", 1],
    ["Předlice (Ústí nad Labem)", "dohled nad veřejným pořádkem", 2],  # 1. 1. 08:30 and 31. 3. 23:30
    ["Předlice (Ústí nad Labem)", "sběr použitých injekčních stříkaček (akce „Jehla“)", 1],
]

TABLES = {
    "Lokality": (LOCALITIES, LOCALITY_TOTAL),
    "Záznamy z terénu podle lokalit a kategorií": (PER_CATEGORY, None),
}


@pytest.fixture
def data(organisation, other_organisation):
    return build_situation_data(organisation, other_organisation)


@pytest.fixture
def report(data, organisation):
    return situation_report(organisation, QUARTER)


def _get(client, **params):
    return client.get(reverse("reports:situation"), {**PERIOD, **params})


# --- the numbers -------------------------------------------------------------------------------------


def test_header_facts(report):
    assert report.facts == FACTS
    assert report.subtitle == "všechny lokality organizace"


@pytest.mark.parametrize("title", TABLES)
def test_tables(report, title):
    rows, total = TABLES[title]
    table = report.table(title)

    assert table.rows == rows
    assert table.total == total


def test_latest_score_is_the_last_observation_up_to_the_period_end(report):
    predlice = report.table("Lokality").rows[3]

    assert predlice[2:4] == [4, "31. 3. 2026"]  # not the 5 of 1. 4. 2026


def test_score_observed_before_the_period_is_still_the_latest_but_its_problems_are_not_shown(report):
    assert report.table("Lokality").rows[2][2:5] == [2, "10. 11. 2025", "—"]


def test_records_count_by_their_own_date_on_approved_shifts_only(report):
    # Předlice: 1. 1. 08:30, 10. 2. and 31. 3. 23:30 count; 31. 12. 2025, 1. 4. 00:30 (after midnight of a
    # shift of 31. 3.) and 11. 2. on a returned shift do not.
    assert report.table("Lokality").rows[3][5] == 3


def test_meetings_held_in_the_locality_in_the_period(report):
    # Předlice: 1. 1. 00:30 and 31. 3. 18:00, not 1. 4.; Krásné Březno's meeting of 31. 12. 2025 23:30 and the meeting
    # held in the town hall count nowhere.
    assert [row[6] for row in report.table("Lokality").rows] == [1, 0, 0, 2]


def test_region_filter(data, organisation):
    report = situation_report(organisation, QUARTER, region="CZ032")

    assert report.subtitle == "Plzeňský kraj"
    assert report.table("Lokality").rows == [VLTAVINSKA]
    assert report.facts == [("Lokality", 1), ("Záznamy z terénu v období", 1), ("Jednání platforem v lokalitách", 1)]


@pytest.mark.parametrize("municipality", ["Ústí nad Labem", "usti nad labem", "ÚSTÍ", " usti "])
def test_municipality_filter_ignores_diacritics_and_case(data, organisation, municipality):
    report = situation_report(organisation, QUARTER, municipality=municipality)

    assert report.table("Lokality").rows == [BREZNO, PREDLICE]
    assert report.table("Lokality").total == ["Celkem", "", "", "", "", 5, 2]
    assert report.table("Záznamy z terénu podle lokalit a kategorií").rows == PER_CATEGORY[1:]


def test_region_and_municipality_together(data, organisation):
    assert situation_report(organisation, QUARTER, region="CZ042", municipality="litvinov").table("Lokality").rows == [
        JANOV
    ]
    assert situation_report(organisation, QUARTER, region="CZ032", municipality="usti").facts == [
        ("Lokality", 0),
        ("Záznamy z terénu v období", 0),
        ("Jednání platforem v lokalitách", 0),
    ]


# --- the three outputs -------------------------------------------------------------------------------


def test_page_shows_every_number(data, coordinator, login):
    response = _get(login(coordinator))

    assert response.status_code == 200
    page = parse_page(response)
    assert page.facts == [(label, html_value(value)) for label, value in FACTS]
    for title, (rows, total) in TABLES.items():
        assert html_table(page, title) == html_rows(rows + ([total] if total else [])), title


def test_page_filters_by_region_and_municipality(data, coordinator, login):
    page = parse_page(_get(login(coordinator), region="CZ042", municipality="usti"))

    assert html_table(page, "Lokality") == html_rows([BREZNO, PREDLICE, ["Celkem", "", "", "", "", 5, 2]])


def test_page_with_no_locality_says_so(data, coordinator, login):
    response = _get(login(coordinator), municipality="Brno")

    assert html_table(parse_page(response), "Lokality") == [
        ["Žádné údaje za období."],
        ["Celkem", "", "", "", "", "0", "0"],
    ]


def test_xlsx_holds_the_same_numbers(data, coordinator, login):
    response = _get(login(coordinator), format="xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="situacni-zprava-2026-01-01_2026-03-31.xlsx"'
    rows = xlsx_sheet_rows(response.content)
    assert xlsx_facts(rows) == [(label, xlsx_value(value)) for label, value in FACTS]
    for title, (body, total) in TABLES.items():
        assert xlsx_table(rows, title) == xlsx_rows(body + ([total] if total else [])), title


def test_pdf_holds_the_same_numbers(data, coordinator, login):
    response = _get(login(coordinator), format="pdf")

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Situační zpráva o lokalitách" in text
    assert "všechny lokality organizace" in text
    for label, value in FACTS:
        assert f"{label} {html_value(value)}" in text
    for row in PER_CATEGORY:
        assert pdf_line(row) in text, row
    # Long cells wrap in the narrow columns of the locality table; the short rows stay on one line.
    assert pdf_line(JANOV) in text
    assert pdf_line(LOCALITY_TOTAL) in text
