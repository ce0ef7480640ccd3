"""Changing and cancelling a planned shift: only while planned, only with the version the user saw."""

import datetime

import pytest
from django.urls import reverse

from accounts.choices import Role
from assistants.choices import ShiftKind, ShiftStatus
from assistants.models import Shift
from tests.accounts.factories import UserFactory
from tests.assistants.factories import at
from tests.assistants.review_helpers import MONDAY, mentored_project, plan, work

STALE = "Směnu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."


@pytest.fixture
def project(organisation, mentor, apk, colleague):
    return mentored_project(organisation, mentor, [apk, colleague])


@pytest.fixture
def shift(project, mentor, apk):
    return plan(project, mentor, [apk])


def _edit_url(shift):
    return reverse("shifts:plan_edit", args=[shift.pk])


def _cancel_url(shift):
    return reverse("shifts:plan_cancel", args=[shift.pk])


def _form(shift, **overrides):
    data = {
        "project": shift.project_id,
        "date": shift.date.isoformat(),
        "start": "10:00",
        "end": "18:00",
        "kind": ShiftKind.SCHOOL,
        "assistants": [a.pk for a in shift.assistants.all()],
        "priorities": "Přechod u ZŠ.",
        "version": shift.version,
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_edit_form_shows_the_plan_and_its_version(shift, mentor, login):
    form = login(mentor).get(_edit_url(shift)).context["form"]
    assert form.initial["start"] == datetime.time(8, 0)
    assert form.initial["end"] == datetime.time(16, 0)
    assert form.initial["version"] == shift.version
    assert form.fields["version"].required


@pytest.mark.django_db
def test_mentor_changes_the_plan(shift, mentor, colleague, login):
    response = login(mentor).post(_edit_url(shift), _form(shift, assistants=[colleague.pk]))

    assert response.status_code == 302
    assert response.url == reverse("shifts:plan_week") + "?week=2026-11-16"
    shift.refresh_from_db()
    assert (shift.planned_start, shift.planned_end) == (at(MONDAY, "10:00"), at(MONDAY, "18:00"))
    assert (shift.kind, shift.priorities, shift.version) == (ShiftKind.SCHOOL, "Přechod u ZŠ.", 2)
    assert list(shift.assistants.all()) == [colleague]


@pytest.mark.django_db
def test_stale_version_changes_nothing(shift, mentor, login):
    seen = shift.version
    Shift.objects.filter(pk=shift.pk).update(version=seen + 1)  # someone else saved meanwhile

    response = login(mentor).post(_edit_url(shift), _form(shift, version=seen))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [STALE]
    assert STALE in response.content.decode()
    shift.refresh_from_db()
    assert (shift.planned_start, shift.kind) == (at(MONDAY, "08:00"), ShiftKind.PATROL)


@pytest.mark.django_db
def test_edit_refuses_an_overlap_but_not_the_shift_itself(project, shift, mentor, apk, login):
    other = plan(project, mentor, [apk], day=MONDAY, start="18:00", end="22:00")
    client = login(mentor)

    response = client.post(_edit_url(shift), _form(shift, start="08:00", end="19:00"))
    assert response.context["form"].errors["assistants"] == [
        f"{apk} už má v této době jinou směnu: 16. 11. 2026 18:00–22:00 (pochůzka)."
    ]
    assert client.post(_edit_url(shift), _form(shift, start="07:00", end="15:00")).status_code == 302
    assert other.pk != shift.pk


@pytest.mark.django_db
def test_started_shift_can_no_longer_be_replanned(shift, mentor, login):
    work(shift)
    response = login(mentor).get(_edit_url(shift), follow=True)
    assert response.redirect_chain == [(shift.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Upravit plán lze jen u směny, která ještě nezačala."]


@pytest.mark.django_db
def test_mentor_cancels_a_planned_shift(shift, mentor, login):
    response = login(mentor).post(_cancel_url(shift), {"version": shift.version}, follow=True)
    assert response.redirect_chain == [(reverse("shifts:plan_week") + "?week=2026-11-16", 302)]
    assert [str(m) for m in response.context["messages"]] == ["Směna 16. 11. 2026 byla zrušena."]
    assert not Shift.objects.filter(pk=shift.pk).exists()


@pytest.mark.django_db
def test_cancel_with_a_stale_version_keeps_the_shift(shift, mentor, login):
    response = login(mentor).post(_cancel_url(shift), {"version": shift.version - 1}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [STALE]
    assert Shift.objects.filter(pk=shift.pk).exists()


@pytest.mark.django_db
def test_a_started_shift_cannot_be_cancelled(shift, mentor, login):
    shift = work(shift)
    response = login(mentor).post(_cancel_url(shift), {"version": shift.version}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Zrušit lze jen směnu, která ještě nezačala."]
    assert Shift.objects.get(pk=shift.pk).status == ShiftStatus.IN_PROGRESS


@pytest.mark.django_db
def test_cancel_without_a_version_is_a_bad_request(shift, mentor, login):
    assert login(mentor).post(_cancel_url(shift), {}).status_code == 400
    assert Shift.objects.filter(pk=shift.pk).exists()


@pytest.mark.django_db
def test_cancel_refuses_get(shift, mentor, login):
    assert login(mentor).get(_cancel_url(shift)).status_code == 405


@pytest.mark.django_db
def test_coordinator_may_replan_any_shift_of_the_organisation(shift, coordinator, mentor, login):
    response = login(coordinator).post(_edit_url(shift), _form(shift, mentor=mentor.pk))
    assert response.status_code == 302
    assert Shift.objects.get(pk=shift.pk).kind == ShiftKind.SCHOOL


@pytest.mark.django_db
def test_mentor_of_another_team_gets_404(organisation, shift, login):
    other_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    client = login(other_mentor)
    assert client.get(_edit_url(shift)).status_code == 404
    assert client.post(_cancel_url(shift), {"version": shift.version}).status_code == 404
    assert Shift.objects.filter(pk=shift.pk).exists()


@pytest.mark.django_db
def test_a_mentor_who_is_only_an_assistant_of_the_shift_gets_403(organisation, project, mentor, login):
    both = UserFactory(organisation=organisation, roles=[Role.APK, Role.MENTOR])
    shift = plan(project, mentor, [both])
    assert login(both).get(_edit_url(shift)).status_code == 403


@pytest.mark.django_db
def test_another_organisation_gets_404(shift, outsider, login):
    client = login(outsider)
    assert client.get(_edit_url(shift)).status_code == 404
    assert client.post(_cancel_url(shift), {"version": shift.version}).status_code == 404


@pytest.mark.django_db
def test_apk_may_not_replan_even_their_own_shift(shift, apk, login):
    client = login(apk)
    assert client.get(_edit_url(shift)).status_code == 403
    assert client.post(_cancel_url(shift), {"version": shift.version}).status_code == 403


@pytest.mark.django_db
def test_login_required(shift, client):
    assert client.get(_edit_url(shift)).url.startswith(reverse("login"))
