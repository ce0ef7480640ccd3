"""Planning a shift: the form, the team, overlaps, shifts over midnight, and who may plan."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from assistants.choices import ShiftKind, ShiftStatus
from assistants.models import Shift
from tests.accounts.factories import UserFactory
from tests.assistants.factories import ProjectFactory, at
from tests.assistants.review_helpers import MONDAY, mentored_project, plan
from tests.locations.factories import LocalityFactory

URL = reverse("shifts:plan_create")


@pytest.fixture
def project(organisation, mentor, apk, colleague):
    return mentored_project(organisation, mentor, [apk, colleague], name="APK Plzeň")


def _form(project, assistants, **overrides):
    data = {
        "project": project.pk,
        "date": "2026-11-17",
        "start": "08:00",
        "end": "16:00",
        "kind": ShiftKind.PATROL,
        "assistants": [a.pk for a in assistants],
        "priorities": "Dohled u ZŠ Jižní při odchodu dětí.",
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_mentor_plans_a_shift_for_a_team_of_two(project, mentor, apk, colleague, login):
    locality = LocalityFactory(organisation=project.organisation)
    project.localities.add(locality)
    response = login(mentor).post(URL, _form(project, [apk, colleague], localities=[locality.pk]))

    shift = Shift.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("shifts:plan_week") + "?week=2026-11-16"
    assert (shift.project, shift.mentor, shift.date, shift.status) == (
        project,
        mentor,
        datetime.date(2026, 11, 17),
        ShiftStatus.PLANNED,
    )
    assert (shift.planned_start, shift.planned_end) == (at(shift.date, "08:00"), at(shift.date, "16:00"))
    assert set(shift.assistants.all()) == {apk, colleague}
    assert list(shift.localities.all()) == [locality]
    assert shift.priorities == "Dohled u ZŠ Jižní při odchodu dětí."
    change = shift.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("", ShiftStatus.PLANNED, mentor)


@pytest.mark.django_db
def test_success_message_names_the_day(project, mentor, apk, login):
    response = login(mentor).post(URL, _form(project, [apk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Směna 17. 11. 2026 byla naplánována."]


@pytest.mark.django_db
def test_a_shift_over_midnight_ends_the_next_day(project, mentor, apk, login):
    login(mentor).post(URL, _form(project, [apk], start="22:00", end="06:00"))

    shift = Shift.objects.get()
    assert shift.date == datetime.date(2026, 11, 17)
    assert shift.planned_start == at(datetime.date(2026, 11, 17), "22:00")
    assert shift.planned_end == at(datetime.date(2026, 11, 18), "06:00")


@pytest.mark.django_db
def test_the_end_field_explains_shifts_over_midnight(mentor, project, login):
    response = login(mentor).get(URL)
    assert response.context["form"].fields["end"].help_text == (
        "Konec stejný jako začátek nebo dřívější znamená směnu přes půlnoc (končí následující den)."
    )


@pytest.mark.django_db
def test_overlapping_shift_is_refused_naming_the_other_shift(project, mentor, apk, colleague, login):
    plan(project, mentor, [apk], day=datetime.date(2026, 11, 17), start="12:00", end="20:00")

    response = login(mentor).post(URL, _form(project, [apk, colleague]))

    assert response.status_code == 200
    assert response.context["form"].errors["assistants"] == [
        f"{apk} už má v této době jinou směnu: 17. 11. 2026 12:00–20:00 (pochůzka)."
    ]
    assert Shift.objects.count() == 1


@pytest.mark.django_db
def test_a_shift_right_after_another_is_no_overlap(project, mentor, apk, login):
    plan(project, mentor, [apk], day=datetime.date(2026, 11, 17), start="06:00", end="08:00")
    response = login(mentor).post(URL, _form(project, [apk]))
    assert response.status_code == 302
    assert Shift.objects.count() == 2


@pytest.mark.django_db
def test_team_of_one_to_three(organisation, project, mentor, login):
    assistants = [UserFactory(organisation=organisation, roles=[Role.APK]) for _ in range(4)]
    project.assistants.add(*assistants)
    client = login(mentor)

    response = client.post(URL, _form(project, []))
    assert response.context["form"].errors["assistants"] == ["Směnu slouží 1 až 3 asistenti."]
    response = client.post(URL, _form(project, assistants))
    assert response.context["form"].errors["assistants"] == ["Směnu slouží 1 až 3 asistenti."]
    assert Shift.objects.count() == 0


@pytest.mark.django_db
def test_missing_times_are_shown_at_the_fields(project, mentor, apk, login):
    response = login(mentor).post(URL, _form(project, [apk], start="", end="25:00"))
    errors = response.context["form"].errors
    assert errors["start"] == ["Toto pole je třeba vyplnit."]
    assert errors["end"] == ["Zadejte platný čas."]
    assert Shift.objects.count() == 0


@pytest.mark.django_db
def test_mentor_cannot_plan_into_a_project_they_do_not_mentor(organisation, mentor, apk, project, login):
    foreign_project = ProjectFactory(organisation=organisation, assistants=[apk])
    response = login(mentor).post(URL, _form(foreign_project, [apk]))
    assert "project" in response.context["form"].errors
    assert Shift.objects.count() == 0


@pytest.mark.django_db
def test_only_the_team_is_offered_and_the_project_localities_come_first(organisation, project, mentor, apk, login):
    UserFactory(organisation=organisation, roles=[Role.APK])  # an APK of no project of this mentor
    other = LocalityFactory(organisation=organisation, name="Áčko")
    own = LocalityFactory(organisation=organisation, name="Zátiší")
    project.localities.add(own)

    form = login(mentor).get(URL).context["form"]

    assert set(form.fields["assistants"].queryset) == set(project.assistants.all())
    assert list(form.fields["localities"].queryset) == [own, other]
    assert form.initial["project"] == project.pk  # the only project is chosen already


@pytest.mark.django_db
def test_a_cell_of_the_week_prefills_day_and_assistant(project, mentor, apk, login):
    response = login(mentor).get(URL, {"date": "2026-11-19", "assistant": apk.pk})
    form = response.context["form"]
    assert form.initial["date"] == datetime.date(2026, 11, 19)
    assert form.initial["assistants"] == [apk.pk]
    assert re.search(rf'value="{apk.pk}"[^>]*checked', response.content.decode())


@pytest.mark.django_db
def test_coordinator_plans_and_names_the_mentor(organisation, project, coordinator, mentor, apk, login):
    response = login(coordinator).post(URL, _form(project, [apk], mentor=mentor.pk))
    assert response.status_code == 302
    shift = Shift.objects.get()
    assert shift.mentor == mentor
    assert shift.status_changes.get().changed_by == coordinator


@pytest.mark.django_db
def test_coordinator_must_name_a_mentor(project, coordinator, apk, login):
    response = login(coordinator).post(URL, _form(project, [apk]))
    assert response.context["form"].errors["mentor"] == ["Toto pole je třeba vyplnit."]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_apk_may_not_plan(method, apk, login):
    assert getattr(login(apk), method)(URL).status_code == 403


@pytest.mark.django_db
def test_org_admin_may_not_plan(org_admin, login):
    assert login(org_admin).get(URL).status_code == 403


@pytest.mark.django_db
def test_login_required(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_wrong_method(mentor, login):
    assert login(mentor).put(URL).status_code == 405


@pytest.mark.django_db
def test_planned_times_are_prague_local(project, mentor, apk, login):
    login(mentor).post(URL, _form(project, [apk], date="2026-03-29", start="01:00", end="05:00"))  # DST starts
    shift = Shift.objects.get()
    assert timezone.localtime(shift.planned_start).strftime("%H:%M") == "01:00"
    assert timezone.localtime(shift.planned_end).strftime("%H:%M") == "05:00"


def test_monday_constant_is_a_monday():
    assert MONDAY.weekday() == 0
