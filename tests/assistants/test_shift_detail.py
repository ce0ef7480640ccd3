"""The shift page: plan vs actual, breaks, records, history; actions only for a reviewer; scope per role."""

import datetime

import pytest
from django.urls import reverse

from accounts.choices import Role
from assistants import services
from assistants.choices import Outcome
from tests.accounts.factories import UserFactory
from tests.assistants.factories import FieldRecordFactory, at, category
from tests.assistants.review_helpers import MONDAY, mentored_project, plan, submit, submitted_shift
from tests.locations.factories import LocalityFactory


@pytest.fixture
def project(organisation, mentor, apk, colleague):
    return mentored_project(organisation, mentor, [apk, colleague])


def _url(shift):
    return reverse("shifts:detail", args=[shift.pk])


def _worked_with_break_and_records(project, mentor, apk):
    shift = plan(project, mentor, [apk])
    shift = services.shift_start(shift=shift, by=apk, at=at(MONDAY, "08:00"))
    services.break_start(shift=shift, by=apk, at=at(MONDAY, "12:00"))
    services.break_end(shift=shift, by=apk, at=at(MONDAY, "12:30"))
    shift = services.shift_end(shift=shift, by=apk, at=at(MONDAY, "16:00"))
    locality = LocalityFactory(organisation=project.organisation, name="Zátiší")
    FieldRecordFactory(
        shift=shift,
        author=apk,
        locality=locality,
        recorded_at=at(MONDAY, "09:15"),
        description="Skupina mladistvých u obchodu, domluva.",
        persons_involved=4,
    )
    FieldRecordFactory(
        shift=shift,
        author=apk,
        locality=None,
        place="park u nádraží",
        category=category("syringes"),
        recorded_at=at(MONDAY, "11:00"),
        description="Sběr stříkaček.",
        outcome=Outcome.HANDED_TO_SERVICE,
        handed_over_to="K-centrum",
        follow_up=True,
        syringe_count=7,
        persons_involved=0,
    )
    return services.shift_submit(shift=shift, by=apk, version=shift.version, note="Klidná směna.")


@pytest.mark.django_db
def test_mentor_sees_plan_actual_breaks_hours_records_and_history(project, mentor, apk, login):
    shift = _worked_with_break_and_records(project, mentor, apk)

    response = login(mentor).get(_url(shift))

    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "Směna 16. 11. 2026 – pochůzka",
        "08:00–16:00",
        "12:00–12:30 (30 min)",
        "7,50 h",
        "Klidná směna.",
        "09:15",
        "Zátiší",
        "park u nádraží",
        "Skupina mladistvých u obchodu, domluva.",
        "předáno OSPOD / sociální službě",
        "K-centrum",
        "sběr použitých injekčních stříkaček",
    ):
        assert text in content, text
    history = [(c.from_status, c.to_status) for c in response.context["shift"].status_changes.all()]
    assert history == [("", "planned"), ("planned", "in_progress"), ("in_progress", "submitted")]
    assert response.context["approve_form"] is not None
    assert response.context["return_form"] is not None
    assert response.context["reopen_form"] is None
    assert ">Vrátit k opravě</button>" in content and ">Schválit</button>" in content


@pytest.mark.django_db
def test_detail_query_count_does_not_grow_with_records(project, mentor, apk, login, django_assert_max_num_queries):
    shift = submit(plan(project, mentor, [apk]))
    for _ in range(15):
        FieldRecordFactory(shift=shift, author=apk)
    client = login(mentor)
    # session, user, OTP device, savepoint + release, shift, assistants, localities, breaks, records, history + users,
    # and can_review's project-mentor check
    with django_assert_max_num_queries(13):
        response = client.get(_url(shift))
    assert len(response.context["shift"].records.all()) == 15


@pytest.mark.django_db
def test_apk_sees_own_shift_without_review_actions(project, mentor, apk, login):
    shift = submitted_shift(project, mentor, [apk])
    response = login(apk).get(_url(shift))
    assert response.status_code == 200
    assert (response.context["approve_form"], response.context["return_form"]) == (None, None)
    assert not response.context["can_work"]  # submitted: waiting for the mentor


@pytest.mark.django_db
def test_apk_gets_the_tablet_link_while_the_shift_is_editable(project, mentor, apk, colleague, login):
    shift = plan(project, mentor, [apk])
    work_url = reverse("shifts:work", args=[shift.pk])
    assert work_url in login(apk).get(_url(shift)).content.decode()
    assert work_url not in login(mentor).get(_url(shift)).content.decode()


@pytest.mark.django_db
def test_apk_gets_404_on_another_teams_shift(organisation, project, mentor, apk, login):
    stranger = UserFactory(organisation=organisation, roles=[Role.APK])
    other_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    shift = plan(mentored_project(organisation, other_mentor, [stranger]), other_mentor, [stranger])
    assert login(apk).get(_url(shift)).status_code == 404


@pytest.mark.django_db
def test_mentor_gets_404_on_another_teams_shift(organisation, project, mentor, login):
    stranger = UserFactory(organisation=organisation, roles=[Role.APK])
    other_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    shift = plan(mentored_project(organisation, other_mentor, [stranger]), other_mentor, [stranger])
    assert login(mentor).get(_url(shift)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "org_admin"])
def test_coordinator_and_admin_see_the_shift_read_only(role, request, project, mentor, apk, login):
    shift = submitted_shift(project, mentor, [apk])
    response = login(request.getfixturevalue(role)).get(_url(shift))
    assert response.status_code == 200
    context = response.context
    assert (context["approve_form"], context["return_form"], context["reopen_form"]) == (None, None, None)
    assert 'data-testid="review-actions"' not in response.content.decode()


@pytest.mark.django_db
def test_approved_shift_is_locked_with_no_edit_links(project, mentor, apk, login):
    shift = submitted_shift(project, mentor, [apk])
    shift = services.shift_approve(shift=shift, by=mentor, version=shift.version)

    for user in (mentor, apk):
        content = login(user).get(_url(shift)).content.decode()
        assert reverse("shifts:plan_edit", args=[shift.pk]) not in content
        assert reverse("shifts:work", args=[shift.pk]) not in content
    response = login(mentor).get(_url(shift))
    assert response.context["reopen_form"] is not None
    assert response.context["approve_form"] is None


@pytest.mark.django_db
def test_planned_shift_offers_the_plan_edit_to_its_planners(project, mentor, apk, coordinator, login):
    shift = plan(project, mentor, [apk])
    edit_url = reverse("shifts:plan_edit", args=[shift.pk])
    assert edit_url in login(mentor).get(_url(shift)).content.decode()
    assert edit_url in login(coordinator).get(_url(shift)).content.decode()
    assert edit_url not in login(apk).get(_url(shift)).content.decode()


@pytest.mark.django_db
def test_a_shift_over_midnight_shows_the_end_day(project, mentor, apk, login):
    shift = plan(project, mentor, [apk], day=MONDAY + datetime.timedelta(days=4), start="22:00", end="06:00")
    assert '22:00–06:00 <small class="text-body-secondary">(do 21. 11.)</small>' in (
        login(mentor).get(_url(shift)).content.decode()
    )


@pytest.mark.django_db
def test_returned_shift_shows_the_mentors_comment(project, mentor, apk, login):
    shift = submitted_shift(project, mentor, [apk])
    services.shift_return(shift=shift, by=mentor, version=shift.version, comment="Doplňte výsledek.")
    assert "Doplňte výsledek." in login(apk).get(_url(shift)).content.decode()


@pytest.mark.django_db
def test_another_organisation_gets_404(project, mentor, apk, outsider, login):
    shift = plan(project, mentor, [apk])
    assert login(outsider).get(_url(shift)).status_code == 404


@pytest.mark.django_db
def test_login_required(project, mentor, apk, client):
    shift = plan(project, mentor, [apk])
    assert client.get(_url(shift)).url.startswith(reverse("login"))


@pytest.mark.django_db
def test_wrong_method(project, mentor, apk, login):
    shift = plan(project, mentor, [apk])
    assert login(mentor).post(_url(shift)).status_code == 405
