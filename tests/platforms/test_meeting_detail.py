"""The meeting page: header, attendance, agenda with minutes, cases, task review, new tasks, decisions, outputs."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from platforms import services
from tests.locations.factories import LocalityFactory
from tests.platforms.factories import RepresentativeFactory
from tests.platforms.meeting_helpers import NOV, OCT, add_task, hold_meeting, platform_with_members, url, version_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(organisation, coordinator):
    return platform_with_members(organisation, coordinator)


def _fill(meeting, members, locality, coordinator, *, size: int):
    """`size` agenda items, guests, cases, new tasks, tasks to review and reopenings; everyone's attendance."""
    october = hold_meeting(members.platform, OCT, agenda=[])
    for number in range(size):
        add_task(october, members.city, title=f"Starší úkol {number}", due_on=datetime.date(2026, 10, 20 + number))
    services.agenda_save(
        meeting=meeting,
        version=version_of(meeting),
        items=[{"title": f"Bod {number}", "minutes": f"Zápis k bodu {number}."} for number in range(size)],
    )
    statuses = {rep.pk: "present" for rep in RepresentativeFactory.create_batch(size, institution=members.ngo)}
    services.attendance_save(
        meeting=meeting,
        version=version_of(meeting),
        statuses={members.maly.pk: "present", members.vesela.pk: "excused", **statuses},
        guests=[{"name": f"Host {number}", "affiliation": "Krajský úřad"} for number in range(size)],
    )
    for number in range(size):
        services.case_discussion_add(
            meeting=meeting,
            version=version_of(meeting),
            description=f"Anonymizovaný případ {number}.",
            locality=locality,
            institutions=[members.police, members.ngo],
        )
        add_task(meeting, members.police, title=f"Nový úkol {number}", due_on=datetime.date(2026, 12, 1))
    services.output_create(
        platform=members.platform, kind="safety_survey", title="Průzkum bezpečí 2026", date=NOV, meeting=meeting
    )
    for task in october.new_tasks.all()[:1]:
        services.task_review(meeting=meeting, version=version_of(meeting), task=task, outcome="done")
    for number in range(size):
        services.meeting_finalise(meeting=meeting, version=version_of(meeting), by=coordinator)
        services.meeting_reopen(
            meeting=meeting, version=version_of(meeting), by=coordinator, reason=f"Oprava {number}."
        )


def test_page_shows_every_part_of_the_meeting(members, organisation, coordinator, login):
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    meeting = hold_meeting(members.platform, NOV, hhmm="09:30", locality=locality, agenda=[])
    _fill(meeting, members, locality, coordinator, size=1)
    services.meeting_update(
        meeting=meeting,
        version=version_of(meeting),
        starts_at=meeting.starts_at,
        place=meeting.place,
        locality=locality,
        chair="Karel Svoboda",
        decisions="Platforma schvaluje průzkum pocitu bezpečí.",
    )

    response = login(coordinator).get(url("meeting_detail", meeting))

    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "Jednání 2. 11. 2026 – Koordinační platforma Předlice",
        "pondělí 2. 11. 2026 09:30",
        "KC Předlice, lokalita Předlice",
        "Karel Svoboda",
        "rozpracovaný zápis",
        "Přítomno 2, omluveno 1, nepřítomno 2, hosté 1.",
        "Policie ČR, OOP Ústí nad Labem",
        "npor. Jan Malý",
        "Host 0 – Krajský úřad",
        "Bod 0",
        "Zápis k bodu 0.",
        "Anonymizovaný případ 0.",
        "Kontrola úkolů",
        "Starší úkol 0",
        "Na tomto jednání: splněno",
        "Nový úkol 0",
        "Platforma schvaluje průzkum pocitu bezpečí.",
        "Průzkum bezpečí 2026",
        "Oprava 0.",
    ):
        assert text in page, text
    assert page.index("Prezenční listina") < page.index("Program a zápis") < page.index("Kontrola úkolů")
    assert page.index("Kontrola úkolů") < page.index("Nové úkoly") < page.index("Usnesení a rozhodnutí")


def test_query_count_does_not_grow_with_the_meeting(members, organisation, coordinator, login):
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    few = hold_meeting(members.platform, NOV, agenda=[])
    _fill(few, members, locality, coordinator, size=1)
    many = hold_meeting(members.platform, NOV + datetime.timedelta(days=28), agenda=[])
    _fill(many, members, locality, coordinator, size=8)
    client = login(coordinator)

    def count(meeting):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("meeting_detail", meeting))
        assert response.status_code == 200
        return len(queries)

    assert count(many) == count(few)
    # session, user, OTP device, the row-level security scope (core/rls.py), savepoint + release, the meeting
    # (platform, locality, finaliser), agenda, attendance, guests, cases, their institutions and localities, new
    # tasks, status changes, their authors, outputs, the representatives, the tasks to review and their reviews
    assert count(few) == 20


def test_final_meeting_shows_reviews_without_forms(members, coordinator, mentor, login):
    october = hold_meeting(members.platform, OCT)
    add_task(october, members.police, title="Posílit hlídky")
    november = hold_meeting(members.platform, NOV)
    services.meeting_finalise(meeting=november, version=november.version, by=coordinator)

    for user in (coordinator, mentor):
        response = login(user).get(url("meeting_detail", november))
        assert [row.form for row in response.context["review_rows"]] == [None]
        assert "Na tomto jednání nekontrolováno." in response.content.decode()


def test_readers_see_review_outcomes_but_no_forms(members, mentor, login):
    october = hold_meeting(members.platform, OCT)
    add_task(october, members.police, title="Posílit hlídky")
    november = hold_meeting(members.platform, NOV)

    response = login(mentor).get(url("meeting_detail", november))

    assert [(row.task.title, row.form) for row in response.context["review_rows"]] == [("Posílit hlídky", None)]
    assert response.context["finalise_form"] is None
    assert response.context["reopen_form"] is None
