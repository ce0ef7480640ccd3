"""The agenda with minutes: items in order, added, removed and reordered in one save."""

import pytest

from platforms import services
from tests.platforms.meeting_helpers import (
    FINAL,
    OCT,
    STALE,
    formset_data,
    hold_meeting,
    messages_of,
    platform_with_members,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(organisation, coordinator):
    platform = platform_with_members(organisation, coordinator).platform
    return hold_meeting(platform, OCT, agenda=["Úvod", "Bezpečnostní situace", "Různé"])


def _row(title, minutes="", order="", delete=""):
    row = {"title": title, "minutes": minutes, "ORDER": order}
    if delete:
        row["DELETE"] = "on"
    return row


def _post(client, meeting, rows, *, version=None, initial=3):
    data = {
        "version": str(meeting.version if version is None else version),
        **formset_data("agenda", rows, initial=initial),
    }
    return client.post(url("meeting_agenda", meeting), data, follow=True)


def test_form_lists_the_items_in_order_with_blank_rows_to_add(meeting, coordinator, login):
    formset = login(coordinator).get(url("meeting_agenda", meeting)).context["formset"]
    assert [form["title"].value() for form in formset] == ["Úvod", "Bezpečnostní situace", "Různé", None, None, None]
    assert [form["ORDER"].value() for form in formset][:3] == [1, 2, 3]


def test_minutes_are_saved_and_items_reordered_removed_and_added(meeting, coordinator, login):
    rows = [
        _row("Úvod", "Zahájil koordinátor, přítomní se představili.", "1"),
        _row("Bezpečnostní situace", "MP hlásí méně krádeží; PČR řeší výtržnosti u ubytovny.", "3"),
        _row("Různé", "", "4", delete=True),
        _row("Záškoláctví na ZŠ Předlice", "OSPOD eviduje 12 žáků s neomluvenou absencí.", "2"),
        _row(""),
        _row(""),
    ]
    response = _post(login(coordinator), meeting, rows)

    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == ["Program a zápis byly uloženy."]
    assert list(meeting.agenda_items.values_list("position", "title", "minutes")) == [
        (1, "Úvod", "Zahájil koordinátor, přítomní se představili."),
        (2, "Záškoláctví na ZŠ Předlice", "OSPOD eviduje 12 žáků s neomluvenou absencí."),
        (3, "Bezpečnostní situace", "MP hlásí méně krádeží; PČR řeší výtržnosti u ubytovny."),
    ]
    page = response.content.decode()
    assert page.index("Záškoláctví na ZŠ Předlice") < page.index("MP hlásí méně krádeží")


def test_minutes_without_a_title_are_refused_at_the_field(meeting, coordinator, login):
    rows = [_row("Úvod", "", "1"), _row("", "Zápis bez bodu.", "2")]
    response = _post(login(coordinator), meeting, rows, initial=1)

    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.errors == [{}, {"title": ["Zadejte název bodu programu."]}]
    assert formset.forms[1]["minutes"].value() == "Zápis bez bodu."
    assert "Zadejte název bodu programu." in response.content.decode()
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Úvod", "Bezpečnostní situace", "Různé"]


def test_stale_version_is_refused_and_the_input_kept(meeting, coordinator, login):
    seen = meeting.version
    services.attendance_save(meeting=meeting, version=seen, statuses={})

    response = _post(login(coordinator), meeting, [_row("Úvod", "Nový zápis.", "1")], version=seen, initial=1)

    assert response.context["form"].non_field_errors() == [STALE]
    assert response.context["formset"].forms[0]["minutes"].value() == "Nový zápis."
    assert STALE in response.content.decode()
    assert list(meeting.agenda_items.values_list("minutes", flat=True)) == ["", "", ""]


def test_final_meeting_agenda_cannot_be_changed(meeting, coordinator, login):
    services.meeting_finalise(meeting=meeting, version=meeting.version, by=coordinator)
    meeting.refresh_from_db()
    response = _post(login(coordinator), meeting, [_row("Jiný bod", "", "1")], initial=1)
    assert messages_of(response) == [FINAL]
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Úvod", "Bezpečnostní situace", "Různé"]
