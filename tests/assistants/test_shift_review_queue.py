"""The mentor's review queue and approving several shifts at once (all or nothing)."""

import datetime

import pytest
from django.urls import reverse

from accounts.choices import Role
from assistants.choices import ShiftStatus
from assistants.models import Shift
from tests.accounts.factories import UserFactory
from tests.assistants.factories import FieldRecordFactory
from tests.assistants.review_helpers import MONDAY, mentored_project, plan, submitted_shift

QUEUE = reverse("shifts:review_queue")
APPROVE_MANY = reverse("shifts:approve_many")


@pytest.fixture
def project(organisation, mentor, apk, colleague):
    return mentored_project(organisation, mentor, [apk, colleague])


def _day(offset):
    return MONDAY + datetime.timedelta(days=offset)


@pytest.mark.django_db
def test_queue_shows_the_teams_submitted_shifts_oldest_first(organisation, project, mentor, apk, colleague, login):
    newer = submitted_shift(project, mentor, [apk], day=_day(2))
    older = submitted_shift(project, mentor, [colleague], day=_day(0))
    plan(project, mentor, [apk], day=_day(3))  # not submitted yet
    other_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    stranger = UserFactory(organisation=organisation, roles=[Role.APK])
    submitted_shift(mentored_project(organisation, other_mentor, [stranger]), other_mentor, [stranger])

    response = login(mentor).get(QUEUE)

    assert response.status_code == 200
    assert response.context["shifts"] == [older, newer]
    assert str(stranger) not in response.content.decode()


@pytest.mark.django_db
def test_a_co_mentor_of_the_project_sees_the_shift_too(organisation, project, mentor, apk, login):
    co_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    project.mentors.add(co_mentor)
    shift = submitted_shift(project, mentor, [apk])
    assert login(co_mentor).get(QUEUE).context["shifts"] == [shift]


@pytest.mark.django_db
def test_queue_row_shows_plan_actual_hours_and_records(project, mentor, apk, login):
    shift = submitted_shift(project, mentor, [apk], start="08:10", end="16:40")
    FieldRecordFactory(shift=shift, author=apk)
    FieldRecordFactory(shift=shift, author=apk)

    response = login(mentor).get(QUEUE)

    row = response.context["shifts"][0]
    assert (row.record_count, row.worked_minutes) == (2, 510)
    content = response.content.decode()
    assert "08:00–16:00" in content
    assert "08:10–16:40" in content
    assert "8,50 h" in content
    assert f'name="shifts" value="{shift.pk}" form="approve-many"' in content
    assert "Schválit vybrané" in content


@pytest.mark.django_db
def test_empty_queue(project, mentor, login):
    response = login(mentor).get(QUEUE)
    assert "Žádná směna nečeká na schválení." in response.content.decode()


@pytest.mark.django_db
def test_queue_query_count_does_not_grow(organisation, project, mentor, login, django_assert_max_num_queries):
    for offset in range(12):
        assistant = UserFactory(organisation=organisation, roles=[Role.APK])
        project.assistants.add(assistant)
        shift = submitted_shift(project, mentor, [assistant], day=_day(offset))
        FieldRecordFactory(shift=shift, author=assistant)
    client = login(mentor)
    # session, user, OTP device, savepoint + release, shifts with record counts, their assistants
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(8):
        response = client.get(QUEUE)
    assert len(response.context["shifts"]) == 12


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["apk", "coordinator", "org_admin"])
def test_only_mentors_review(role, request, login):
    user = request.getfixturevalue(role)
    assert login(user).get(QUEUE).status_code == 403
    assert login(user).post(APPROVE_MANY, {"shifts": []}).status_code == 403


@pytest.mark.django_db
def test_login_required(client):
    assert client.get(QUEUE).url.startswith(reverse("login"))


@pytest.mark.django_db
def test_wrong_methods(mentor, login):
    client = login(mentor)
    assert client.post(QUEUE).status_code == 405
    assert client.get(APPROVE_MANY).status_code == 405


# --- approve many ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_mentor_approves_the_ticked_shifts(project, mentor, apk, colleague, login):
    first = submitted_shift(project, mentor, [apk], day=_day(0))
    second = submitted_shift(project, mentor, [colleague], day=_day(1))
    left = submitted_shift(project, mentor, [apk], day=_day(2))

    response = login(mentor).post(APPROVE_MANY, {"shifts": [first.pk, second.pk]}, follow=True)

    assert response.redirect_chain == [(QUEUE, 302)]
    assert [str(m) for m in response.context["messages"]] == ["Schváleno směn: 2."]
    assert response.context["shifts"] == [left]
    for shift in (first, second):
        shift.refresh_from_db()
        assert (shift.status, shift.approved_by) == (ShiftStatus.APPROVED, mentor)
        assert shift.status_changes.last().to_status == ShiftStatus.APPROVED


@pytest.mark.django_db
def test_approve_many_is_all_or_nothing(project, mentor, apk, colleague, login):
    submitted = submitted_shift(project, mentor, [apk], day=_day(0))
    already_approved = submitted_shift(project, mentor, [colleague], day=_day(1))
    Shift.objects.filter(pk=already_approved.pk).update(status=ShiftStatus.APPROVED)  # approved meanwhile

    response = login(mentor).post(APPROVE_MANY, {"shifts": [submitted.pk, already_approved.pk]}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Nic nebylo schváleno. Směnu ve stavu „schválená“ nelze převést do stavu „schválená“."
    ]
    submitted.refresh_from_db()
    assert submitted.status == ShiftStatus.SUBMITTED
    assert submitted.status_changes.filter(to_status=ShiftStatus.APPROVED).count() == 0


@pytest.mark.django_db
def test_nothing_ticked(project, mentor, login):
    response = login(mentor).post(APPROVE_MANY, {}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Vyberte alespoň jednu směnu."]


@pytest.mark.django_db
def test_an_id_outside_the_review_scope_is_a_404_and_nothing_is_approved(organisation, project, mentor, apk, login):
    own = submitted_shift(project, mentor, [apk])
    other_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    stranger = UserFactory(organisation=organisation, roles=[Role.APK])
    foreign = submitted_shift(mentored_project(organisation, other_mentor, [stranger]), other_mentor, [stranger])

    response = login(mentor).post(APPROVE_MANY, {"shifts": [own.pk, foreign.pk]})

    assert response.status_code == 404
    assert Shift.objects.filter(status=ShiftStatus.APPROVED).count() == 0


@pytest.mark.django_db
def test_another_organisations_shift_is_a_404(project, mentor, apk, outsider, login):
    shift = submitted_shift(project, mentor, [apk])
    assert login(outsider).post(APPROVE_MANY, {"shifts": [shift.pk]}).status_code == 404
    assert Shift.objects.get(pk=shift.pk).status == ShiftStatus.SUBMITTED


@pytest.mark.django_db
def test_garbage_ids_are_refused(mentor, login):
    response = login(mentor).post(APPROVE_MANY, {"shifts": ["x"]}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Neplatný výběr směn."]
