"""Who may download whose work log: the APK their own, their mentors, coordinators and admins; others 404."""

import datetime

import pytest
from django.urls import reverse

from accounts.choices import Role
from tests.accounts.factories import UserFactory
from tests.assistants.factories import ProjectFactory
from tests.assistants.worklog_helpers import approved_shift


def _url(user, year=2026, month=11):
    return reverse("shifts:worklog", kwargs={"user_id": user.pk, "year": year, "month": month})


@pytest.fixture
def project(organisation, apk, mentor):
    return ProjectFactory(organisation=organisation, assistants=[apk], mentors=[mentor])


def test_apk_downloads_own_log(project, apk, login):
    assert login(apk).get(_url(apk)).status_code == 200


def test_apk_gets_404_for_another_apks_log(project, apk, colleague, login):
    assert login(colleague).get(_url(apk)).status_code == 404


def test_mentor_of_the_apks_project_downloads_it(project, apk, mentor, login):
    assert login(mentor).get(_url(apk)).status_code == 200


def test_mentor_who_led_one_of_the_apks_shifts_downloads_it(organisation, apk, login):
    other_project = ProjectFactory(organisation=organisation)
    shift_mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    approved_shift(
        project=other_project,
        mentor=shift_mentor,
        assistants=[apk],
        date=datetime.date(2026, 11, 3),
        start="08:00",
        end="12:00",
    )

    assert login(shift_mentor).get(_url(apk)).status_code == 200


def test_unrelated_mentor_gets_404(project, apk, organisation, login):
    stranger = UserFactory(organisation=organisation, roles=[Role.MENTOR])

    assert login(stranger).get(_url(apk)).status_code == 404


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ORG_ADMIN])
def test_coordinator_and_admin_download_any_apks_log(project, apk, organisation, login, role):
    user = UserFactory(organisation=organisation, roles=[role])

    assert login(user).get(_url(apk)).status_code == 200


def test_outsider_gets_404(project, apk, outsider, login):
    assert login(outsider).get(_url(apk)).status_code == 404


def test_role_without_work_logs_gets_403(project, apk, liaison, login):
    assert login(liaison).get(_url(apk)).status_code == 403


def test_log_of_a_user_who_is_no_apk_is_404(project, mentor, coordinator, login):
    assert login(coordinator).get(_url(mentor)).status_code == 404


@pytest.mark.parametrize(("year", "month"), [(2026, 13), (2026, 0), (1999, 11), (2101, 1)])
def test_invalid_month_is_404(project, apk, login, year, month):
    assert login(apk).get(_url(apk, year=year, month=month)).status_code == 404


def test_login_required(project, apk, client):
    url = _url(apk)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_post_is_405(project, apk, login):
    assert login(apk).post(_url(apk)).status_code == 405
