"""Anonymised case discussions: a warning against personal data, a locality, the institutions involved."""

import pytest

from platforms import services
from platforms.models import CaseDiscussion
from tests.locations.factories import LocalityFactory
from tests.platforms.meeting_helpers import (
    FINAL,
    OCT,
    STALE,
    hold_meeting,
    messages_of,
    platform_with_members,
    url,
)

pytestmark = pytest.mark.django_db
DESCRIPTION = "Skupina nezletilých opakovaně ruší noční klid u ubytovny; rodiny spolupracují s NNO."


@pytest.fixture
def members(organisation, coordinator):
    return platform_with_members(organisation, coordinator)


@pytest.fixture
def meeting(members):
    return hold_meeting(members.platform, OCT)


def test_form_warns_against_personal_data(meeting, coordinator, login):
    response = login(coordinator).get(url("case_discussion_create", meeting))
    page = response.content.decode()
    assert page.count("Nepište jména ani jiné osobní údaje.") == 2  # the warning box and the field's help
    assert 'data-testid="no-personal-data"' in page
    # Nothing on the form could point to a client record.
    assert list(response.context["form"].fields) == ["version", "description", "locality", "institutions"]


def test_case_is_saved_with_locality_and_institutions(members, meeting, organisation, coordinator, login):
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    data = {
        "version": meeting.version,
        "description": DESCRIPTION,
        "locality": locality.pk,
        "institutions": [members.police.pk, members.ngo.pk],
    }
    response = login(coordinator).post(url("case_discussion_create", meeting), data, follow=True)

    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == ["Anonymizovaný případ byl zapsán."]
    case = CaseDiscussion.objects.get()
    assert (case.meeting, case.description, case.locality) == (meeting, DESCRIPTION, locality)
    assert sorted(case.institutions.values_list("name", flat=True)) == [
        "Policie ČR, OOP Ústí nad Labem",
        "Člověk v tísni",
    ]
    page = response.content.decode()
    assert DESCRIPTION in page
    assert "Policie ČR, OOP Ústí nad Labem" in page


def test_missing_description_is_refused_at_the_field(meeting, coordinator, login):
    response = login(coordinator).post(url("case_discussion_create", meeting), {"version": meeting.version})
    assert response.status_code == 200
    assert response.context["form"].errors == {"description": ["Popište projednávanou situaci."]}
    assert not CaseDiscussion.objects.exists()


def test_institution_of_another_platform_is_refused(meeting, organisation, coordinator, login):
    other = platform_with_members(organisation, coordinator, name="Pracovní skupina Trmice")
    data = {"version": meeting.version, "description": DESCRIPTION, "institutions": [other.police.pk]}
    response = login(coordinator).post(url("case_discussion_create", meeting), data)
    assert response.context["form"].errors == {"institutions": ["Vyberte instituce této platformy."]}
    assert response.context["form"]["description"].value() == DESCRIPTION
    assert not CaseDiscussion.objects.exists()


def test_stale_version_is_refused_and_the_input_kept(meeting, coordinator, login):
    seen = meeting.version
    services.agenda_save(meeting=meeting, version=seen, items=[{"title": "Úvod"}])
    response = login(coordinator).post(
        url("case_discussion_create", meeting), {"version": seen, "description": DESCRIPTION}
    )
    assert response.context["form"].non_field_errors() == [STALE]
    assert response.context["form"]["description"].value() == DESCRIPTION
    assert not CaseDiscussion.objects.exists()


def test_final_meeting_takes_no_new_case(meeting, coordinator, login):
    services.meeting_finalise(meeting=meeting, version=meeting.version, by=coordinator)
    meeting.refresh_from_db()
    response = login(coordinator).post(
        url("case_discussion_create", meeting), {"version": meeting.version, "description": DESCRIPTION}, follow=True
    )
    assert messages_of(response) == [FINAL]
    assert not CaseDiscussion.objects.exists()
