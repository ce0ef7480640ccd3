"""The minutes PDF: header, the attendance list for signatures, agenda with minutes, cases, decisions, tasks."""

import datetime

import pytest

from platforms import services
from tests.locations.factories import LocalityFactory
from tests.platforms.meeting_helpers import (
    NOV,
    OCT,
    add_task,
    flat,
    hold_meeting,
    pdf_pages,
    pdf_text,
    platform_with_members,
    url,
    version_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(organisation, coordinator):
    return platform_with_members(organisation, coordinator)


@pytest.fixture
def meeting(members, organisation):
    october = hold_meeting(members.platform, OCT)
    patrols = add_task(october, members.police, title="Posílit hlídky u ZŠ Předlice")
    survey = add_task(october, members.city, title="Připravit dotazník bezpečí", due_on=datetime.date(2026, 11, 30))

    locality = LocalityFactory(organisation=organisation, name="Předlice")
    november = hold_meeting(
        members.platform, NOV, hhmm="14:30", place="KC Předlice", chair="Mgr. Žaneta Čermáková", agenda=[]
    )
    services.attendance_save(
        meeting=november,
        version=november.version,
        statuses={
            members.maly.pk: "present",
            members.vesela.pk: "present",
            members.riha.pk: "excused",
            members.stastny.pk: "absent",
        },
        guests=[{"name": "Ing. Hana Dvořáková", "affiliation": "Krajský úřad"}],
    )
    services.agenda_save(
        meeting=november,
        version=version_of(november),
        items=[
            {"title": "Úvod", "minutes": "Jednání zahájila předsedající."},
            {"title": "Bezpečnostní situace", "minutes": "Městská policie hlásí úbytek krádeží o čtvrtinu."},
        ],
    )
    services.case_discussion_add(
        meeting=november,
        version=version_of(november),
        description="Nezletilí ruší noční klid u ubytovny.",
        locality=locality,
        institutions=[members.police, members.ngo],
    )
    services.task_review(meeting=november, version=version_of(november), task=patrols, outcome="done")
    services.task_review(
        meeting=november, version=version_of(november), task=survey, outcome="carried_on", note="Hotovo z poloviny."
    )
    add_task(november, members.ngo, title="Uspořádat besedu pro rodiče", due_on=datetime.date(2026, 12, 15))
    services.meeting_update(
        meeting=november,
        version=version_of(november),
        starts_at=november.starts_at,
        place=november.place,
        locality=None,
        chair=november.chair,
        decisions="Platforma schvaluje průzkum pocitu bezpečí v Předlicích.",
    )
    return november


@pytest.fixture
def response(meeting, mentor, login):
    return login(mentor).get(url("minutes_pdf", meeting))


@pytest.fixture
def text(response):
    return flat(pdf_text(response.content))


def test_pdf_is_a_download(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="zapis-z-jednani-2026-11-02.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")


def test_header_names_platform_date_place_and_chair_and_marks_the_draft(text):
    assert "Zápis z jednání – Koordinační platforma Předlice" in text
    assert "Jednání 2. 11. 2026 14:30 · KC Předlice · předsedající Mgr. Žaneta Čermáková" in text
    assert "PRACOVNÍ VERZE – zápis není uzavřený" in text
    assert "Předsedající Mgr. Žaneta Čermáková" in text


def test_attendance_list_names_every_representative_with_status_and_a_signature_column(text):
    assert "Prezenční listina" in text
    assert "Jméno Instituce Funkce Účast Podpis" in text
    for row in (
        "npor. Jan Malý Policie ČR, OOP Ústí nad Labem vedoucí oddělení přítomen",
        "Mgr. Eva Veselá Magistrát – odbor sociálních věcí kurátorka pro mládež přítomen",
        "Bc. Petr Říha Magistrát – odbor sociálních věcí sociální pracovník omluven",
        "Jiří Šťastný Člověk v tísni terénní pracovník nepřítomen",
    ):
        assert row in text, row
    assert "Přítomno 2, omluveno 1, nepřítomno 1, hosté 1." in text
    assert "Ing. Hana Dvořáková Krajský úřad" in text


def test_agenda_cases_decisions_and_tasks_are_in_the_minutes(text):
    assert "1. Úvod Jednání zahájila předsedající." in text
    assert "2. Bezpečnostní situace Městská policie hlásí úbytek krádeží o čtvrtinu." in text
    assert "Nezletilí ruší noční klid u ubytovny." in text
    assert "Lokalita: Předlice · Zapojené instituce: Policie ČR, OOP Ústí nad Labem, Člověk v tísni" in text
    assert "Platforma schvaluje průzkum pocitu bezpečí v Předlicích." in text
    assert "Úkol Odpovídá Termín Kontrola na tomto jednání" in text
    assert (
        "Posílit hlídky u ZŠ Předlice (zadáno 5. 10. 2026) Policie ČR, OOP Ústí nad Labem 31. 10. 2026 splněno" in text
    )
    assert (
        "Připravit dotazník bezpečí (zadáno 5. 10. 2026) Magistrát – odbor sociálních věcí 30. 11. 2026 trvá – "
        "Hotovo z poloviny." in text
    )
    assert "Uspořádat besedu pro rodiče (nový úkol) Člověk v tísni 15. 12. 2026 —" in text


def test_long_minutes_number_their_pages(response):
    pages = [flat(page) for page in pdf_pages(response.content)]
    assert len(pages) == 2
    assert "strana 1 z 2" in pages[0]
    assert "strana 2 z 2" in pages[1]
    # The running header repeats the meeting on every page.
    assert "Jednání 2. 11. 2026 14:30 · KC Předlice" in pages[1]


def test_short_final_minutes_fit_one_page_without_the_draft_mark(members, coordinator, login):
    meeting = hold_meeting(members.platform, OCT, place="Úřad městského obvodu Ústí-Severní Terasa")
    services.meeting_finalise(meeting=meeting, version=meeting.version, by=coordinator)

    content = login(coordinator).get(url("minutes_pdf", meeting)).content

    pages = [flat(page) for page in pdf_pages(content)]
    assert len(pages) == 1
    assert "strana 1 z 1" in pages[0]
    assert "PRACOVNÍ VERZE" not in pages[0]
    assert "Stav zápisu konečný zápis, uzavřen" in pages[0]
    assert "Místo Úřad městského obvodu Ústí-Severní Terasa" in pages[0]
    assert "Jiří Šťastný Člověk v tísni terénní pracovník nepřítomen" in pages[0]
