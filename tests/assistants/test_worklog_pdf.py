"""The monthly work log PDF: approved shifts of the month, totals, categories, header, footer and signatures."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.assistants.factories import FieldRecordFactory, category
from tests.assistants.worklog_helpers import approved_shift, november, page_count, pdf_text


def _url(user, year=2026, month=11):
    return reverse("shifts:worklog", kwargs={"user_id": user.pk, "year": year, "month": month})


@pytest.fixture
def month(apk, mentor):
    return november(apk, mentor)


@pytest.fixture
def text(month, apk, login):
    response = login(apk).get(_url(apk))
    assert response.status_code == 200
    return pdf_text(response.content)


def test_response_is_an_uncached_pdf_download(month, apk, login):
    response = login(apk).get(_url(apk))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="vykaz-prace-apk-2026-11.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")
    assert page_count(response.content) == 1


def test_lists_each_approved_shift_of_the_month_with_times_breaks_and_hours(text):
    assert "po 2. 11. 2026 pochůzka 08:00–16:00 08:00–16:00 0 8,00 2" in text.replace("\n", " ")
    assert "út 10. 11. 2026 dohled u školy 07:00–15:00 07:00–15:00 30 7,50 1" in text.replace("\n", " ")


def test_shift_over_midnight_on_the_last_day_counts_in_that_month(text):
    assert "po 30. 11. 2026 pochůzka 22:00–06:00 22:00–06:00 0 8,00 2" in text.replace("\n", " ")


def test_returned_shift_and_shift_of_another_month_are_left_out(text):
    # The dates of the shift table only: the footer's "vytvořeno <today>" may be any date, 1. 12. 2026 included.
    table = text.split("Schválené směny", 1)[1].split("Celkem (počet směn", 1)[0]
    assert re.findall(r"\d{1,2}\. \d{1,2}\. \d{4}", table) == ["2. 11. 2026", "10. 11. 2026", "30. 11. 2026"]
    assert "Sebrané injekční stříkačky celkem: 17" in text  # not the December shift's 100


def test_totals_match_the_three_approved_shifts(text):
    assert "Celkem (počet směn: 3) 30 23,50 5" in text


def test_hours_per_shift_kind(text):
    lines = text.splitlines()
    assert "pochůzka 2 16,00" in lines
    assert "dohled u školy 1 7,50" in lines
    assert "Celkem hodin 3 23,50" in lines


def test_record_counts_per_category_and_syringes(text):
    flat = " ".join(text.split())
    assert "dohled nad veřejným pořádkem 2" in flat
    assert "dohled u škol (přechody, příchod a odchod dětí) 1" in flat
    assert "sběr použitých injekčních stříkaček (akce „Jehla“) 2 17" in flat
    assert "Celkem záznamů 5 17" in flat
    assert "Sebrané injekční stříkačky celkem: 17" in flat


def test_header_names_organisation_project_assistant_and_month(text, apk, organisation):
    assert f"Město A · IČO {organisation.ico}" in text
    assert "Projekt: Asistent prevence kriminality – Předlice (MV-2026-042)" in text
    assert "Měsíční výkaz práce – listopad 2026" in text
    assert f"Asistent {apk.get_full_name()} (apk)" in text
    assert "Období 1. 11. 2026 – 30. 11. 2026" in text


def test_czech_diacritics_survive_text_extraction(text):
    for word in ("Měsíční výkaz práce", "Schválené směny", "Přestávky", "Záznamy podle kategorie", "Předlice"):
        assert word in " ".join(text.split())


def test_signature_lines_for_assistant_and_mentor(text, apk, mentor):
    lines = text.splitlines()
    assert f"podpis asistenta – {apk.get_full_name()}" in lines
    assert f"podpis mentora – {mentor.get_full_name()}" in lines
    assert lines.count("datum") == 2


def test_footer_numbers_pages(text):
    assert "strana 1 z 1" in text


def test_long_month_runs_over_pages_and_numbers_each(apk, mentor, login):
    month = november(apk, mentor)
    for day in range(3, 30):
        if day in (10, 12):
            continue
        shift = approved_shift(
            project=month.project,
            mentor=mentor,
            assistants=[apk],
            date=datetime.date(2026, 11, day),
            start="06:00",
            end="07:00",
        )
        for _ in range(3):
            FieldRecordFactory(shift=shift, author=apk, category=category("hostels"))

    content = login(apk).get(_url(apk)).content

    pages = page_count(content)
    assert pages == 2
    text = pdf_text(content)
    assert "strana 1 z 2" in text
    assert "strana 2 z 2" in text


def test_records_by_a_team_mate_count_in_their_own_log(month, apk, colleague, mentor, login):
    shared = approved_shift(
        project=month.project,
        mentor=mentor,
        assistants=[apk, colleague],
        date=datetime.date(2026, 11, 20),
        start="08:00",
        end="12:00",
    )
    FieldRecordFactory(shift=shared, author=colleague, category=category("neighbours"))

    text = " ".join(pdf_text(login(apk).get(_url(apk)).content).split())

    assert "Celkem (počet směn: 4) 30 27,50 5" in text
    assert "sousedské spory" not in text


def test_month_without_shifts_still_renders_with_the_assistants_project(month, apk, login):
    text = pdf_text(login(apk).get(_url(apk, month=10)).content)

    assert "V tomto měsíci nejsou žádné schválené směny." in text
    assert "Projekt: Asistent prevence kriminality – Předlice (MV-2026-042)" in text
    assert "Celkem (počet směn: 0) 0 0,00 0" in text
