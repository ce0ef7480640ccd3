"""Attendance: present, excused or absent for every representative, grouped by institution, and the guests."""

import pytest

from platforms import services
from platforms.models import Guest
from tests.platforms.factories import RepresentativeFactory
from tests.platforms.meeting_helpers import (
    FINAL,
    OCT,
    STALE,
    attendance_data,
    hold_meeting,
    messages_of,
    platform_with_members,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(organisation, coordinator):
    return platform_with_members(organisation, coordinator)


@pytest.fixture
def meeting(members):
    return hold_meeting(members.platform, OCT)


def _statuses(members, **overrides):
    statuses = {members.maly: "present", members.vesela: "present", members.riha: "excused", members.stastny: "absent"}
    statuses.update({getattr(members, name): status for name, status in overrides.items()})
    return statuses


def test_form_groups_the_representatives_by_institution(members, meeting, coordinator, login):
    response = login(coordinator).get(url("meeting_attendance", meeting))
    form = response.context["form"]
    # The institutions' order is the database's collation of their names; the grouping is what matters.
    groups = {
        fieldset.legend: [radios.fields[0] for radios in fieldset.fields]
        for fieldset in form.helper.layout.fields
        if hasattr(fieldset, "legend")
    }
    assert groups == {
        "Policie ČR, OOP Ústí nad Labem": [f"status_{members.maly.pk}"],
        "Magistrát – odbor sociálních věcí": [f"status_{members.riha.pk}", f"status_{members.vesela.pk}"],
        "Člověk v tísni": [f"status_{members.stastny.pk}"],
    }
    assert form.fields[f"status_{members.riha.pk}"].label == "Bc. Petr Říha, sociální pracovník"
    assert form[f"status_{members.riha.pk}"].value() == "absent"
    page = response.content.decode()
    assert page.count('type="radio"') == 4 * 3
    assert "přítomen" in page and "omluven" in page and "nepřítomen" in page


def test_attendance_and_guests_are_saved(members, meeting, coordinator, login):
    guests = [
        {"name": "Ing. Hana Dvořáková", "affiliation": "Krajský úřad, manažerka prevence kriminality"},
        {"name": "", "affiliation": ""},
    ]
    response = login(coordinator).post(
        url("meeting_attendance", meeting), attendance_data(meeting.version, _statuses(members), guests), follow=True
    )

    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert messages_of(response) == ["Prezenční listina byla uložena."]
    assert sorted(meeting.attendance.values_list("representative__name", "status")) == [
        ("Bc. Petr Říha", "excused"),
        ("Jiří Šťastný", "absent"),
        ("Mgr. Eva Veselá", "present"),
        ("npor. Jan Malý", "present"),
    ]
    assert list(meeting.guests.values_list("name", "affiliation")) == [
        ("Ing. Hana Dvořáková", "Krajský úřad, manažerka prevence kriminality")
    ]
    assert response.context["attendance_counts"] == {"present": 2, "excused": 1, "absent": 1, "guests": 1}
    assert "Přítomno 2, omluveno 1, nepřítomno 1, hosté 1." in response.content.decode()


def test_guests_are_replaced_and_removed(members, meeting, coordinator, login):
    services.attendance_save(meeting=meeting, version=meeting.version, statuses={}, guests=[{"name": "Host A"}])
    meeting.refresh_from_db()
    guests = [{"name": "Host A", "affiliation": "", "DELETE": "on"}, {"name": "Host B", "affiliation": "ÚP"}]
    data = attendance_data(meeting.version, _statuses(members), guests)
    data["guests-INITIAL_FORMS"] = "1"
    login(coordinator).post(url("meeting_attendance", meeting), data)
    assert list(Guest.objects.values_list("name", "affiliation")) == [("Host B", "ÚP")]


def test_new_representative_joins_the_list_and_is_saved(members, meeting, coordinator, login):
    newcomer = RepresentativeFactory(institution=members.ngo, name="Mgr. Lucie Nová", function="sociální pracovnice")
    client = login(coordinator)
    form = client.get(url("meeting_attendance", meeting)).context["form"]
    assert form[f"status_{newcomer.pk}"].value() == "absent"

    statuses = {**_statuses(members), newcomer: "present"}
    client.post(url("meeting_attendance", meeting), attendance_data(meeting.version, statuses))
    assert meeting.attendance.get(representative=newcomer).status == "present"


def test_missing_status_is_refused_at_the_representative(members, meeting, coordinator, login):
    statuses = _statuses(members)
    del statuses[members.stastny]
    guests = [{"name": "", "affiliation": "Krajský úřad"}]
    response = login(coordinator).post(
        url("meeting_attendance", meeting), attendance_data(meeting.version, statuses, guests)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {f"status_{members.stastny.pk}": ["Vyberte účast."]}
    assert response.context["formset"].errors == [{"name": ["Zadejte jméno hosta."]}]
    assert response.context["form"][f"status_{members.riha.pk}"].value() == "excused"
    assert set(meeting.attendance.values_list("status", flat=True)) == {"absent"}


def test_stale_version_is_refused_and_the_input_kept(members, meeting, coordinator, login):
    seen = meeting.version
    services.agenda_save(meeting=meeting, version=seen, items=[{"title": "Úvod"}])

    response = login(coordinator).post(url("meeting_attendance", meeting), attendance_data(seen, _statuses(members)))

    assert response.context["form"].non_field_errors() == [STALE]
    assert response.context["form"][f"status_{members.maly.pk}"].value() == "present"
    assert set(meeting.attendance.values_list("status", flat=True)) == {"absent"}


def test_final_meeting_attendance_cannot_be_changed(members, meeting, coordinator, login):
    services.meeting_finalise(meeting=meeting, version=meeting.version, by=coordinator)
    meeting.refresh_from_db()
    response = login(coordinator).post(
        url("meeting_attendance", meeting), attendance_data(meeting.version, _statuses(members)), follow=True
    )
    assert messages_of(response) == [FINAL]
    assert set(meeting.attendance.values_list("status", flat=True)) == {"absent"}
