"""Changing a meeting's date, place, chair and decisions, with the version the coordinator saw."""

import pytest

from platforms import services
from tests.platforms.factories import at
from tests.platforms.meeting_helpers import FINAL, OCT, STALE, hold_meeting, messages_of, platform_with_members, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(organisation, coordinator):
    return hold_meeting(platform_with_members(organisation, coordinator).platform, OCT)


def _data(meeting, **fields):
    return {
        "date": "2026-10-06",
        "time": "09:00",
        "place": "KC Předlice, sál",
        "locality": "",
        "chair": "Mgr. Alena Nová",
        "decisions": "Platforma doporučuje posílit hlídky MP u ZŠ Předlice.",
        "version": str(meeting.version),
        **fields,
    }


def test_changes_are_saved(meeting, coordinator, login):
    response = login(coordinator).post(url("meeting_edit", meeting), _data(meeting), follow=True)

    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == ["Změny jednání byly uloženy."]
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.place, meeting.chair, meeting.decisions) == (
        at(OCT.replace(day=6), "09:00"),
        "KC Předlice, sál",
        "Mgr. Alena Nová",
        "Platforma doporučuje posílit hlídky MP u ZŠ Předlice.",
    )
    assert "Platforma doporučuje posílit hlídky MP u ZŠ Předlice." in response.content.decode()


def test_form_shows_the_meeting_as_saved(meeting, coordinator, login):
    form = login(coordinator).get(url("meeting_edit", meeting)).context["form"]
    assert {name: form[name].value() for name in ("date", "time", "place", "chair", "version")} == {
        "date": OCT,
        "time": at(OCT, "14:00").time(),
        "place": "KC Předlice",
        "chair": "Karel Svoboda",
        "version": meeting.version,
    }
    assert "agenda" not in form.fields


def test_invalid_input_is_shown_at_the_field(meeting, coordinator, login):
    response = login(coordinator).post(url("meeting_edit", meeting), _data(meeting, time="25:99"))
    assert response.status_code == 200
    assert response.context["form"].errors == {"time": ["Zadejte platný čas."]}
    meeting.refresh_from_db()
    assert meeting.place == "KC Předlice"


def test_stale_version_is_refused_and_the_input_kept(meeting, coordinator, login):
    seen = _data(meeting)
    services.agenda_save(meeting=meeting, version=meeting.version, items=[{"title": "Bod jiného koordinátora"}])

    response = login(coordinator).post(url("meeting_edit", meeting), seen)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [STALE]
    assert response.context["form"]["decisions"].value() == "Platforma doporučuje posílit hlídky MP u ZŠ Předlice."
    assert STALE in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.place, meeting.decisions) == ("KC Předlice", "")


def test_missing_version_is_said_above_the_form(meeting, coordinator, login):
    response = login(coordinator).post(url("meeting_edit", meeting), _data(meeting, version=""))
    assert response.context["form"].non_field_errors() == ["Formulář je neúplný. Načtěte stránku znovu."]


def test_final_meeting_cannot_be_edited(meeting, coordinator, login):
    services.meeting_finalise(meeting=meeting, version=meeting.version, by=coordinator)
    meeting.refresh_from_db()
    client = login(coordinator)

    response = client.get(url("meeting_edit", meeting), follow=True)
    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == [FINAL]

    response = client.post(url("meeting_edit", meeting), _data(meeting), follow=True)
    assert messages_of(response) == [FINAL]
    meeting.refresh_from_db()
    assert meeting.place == "KC Předlice"
