"""Who may use the meeting pages: readers read, coordinators change, others get 403, outsiders 404."""

import pytest
from django.urls import reverse

from platforms import services
from tests.platforms.meeting_helpers import NOV, OCT, add_task, hold_meeting, platform_with_members

pytestmark = pytest.mark.django_db

READ_ONLY_ROLES = ("mentor", "service_lead", "org_admin")
NO_PLATFORM_ROLES = ("apk", "liaison")
# Pages that read a meeting (GET).
READ_URLS = ("meeting_detail", "minutes_pdf")
# Pages that change a meeting (GET shows the form, POST saves).
FORM_URLS = (
    "meeting_create",
    "meeting_edit",
    "meeting_agenda",
    "meeting_attendance",
    "case_discussion_create",
    "task_create",
)
# Actions (POST only).
ACTION_URLS = ("task_review", "meeting_finalise", "meeting_reopen")


@pytest.fixture
def world(organisation, coordinator):
    members = platform_with_members(organisation, coordinator)
    october = hold_meeting(members.platform, OCT)
    task = add_task(october, members.police)
    november = hold_meeting(members.platform, NOV)
    return {"members": members, "meeting": november, "task": task}


def _url(name, world):
    if name == "meeting_list":
        return reverse("platforms:meeting_list")
    if name == "meeting_create":
        return reverse("platforms:meeting_create", args=[world["members"].platform.pk])
    if name == "task_review":
        return reverse("platforms:task_review", args=[world["meeting"].pk, world["task"].pk])
    return reverse(f"platforms:{name}", args=[world["meeting"].pk])


@pytest.mark.parametrize("role", NO_PLATFORM_ROLES)
@pytest.mark.parametrize("name", ("meeting_list", *READ_URLS, *FORM_URLS))
def test_roles_without_platforms_get_403_on_every_page(name, role, world, login, request):
    assert login(request.getfixturevalue(role)).get(_url(name, world)).status_code == 403


@pytest.mark.parametrize("role", NO_PLATFORM_ROLES + READ_ONLY_ROLES)
@pytest.mark.parametrize("name", FORM_URLS + ACTION_URLS)
def test_only_coordinators_may_change_a_meeting(name, role, world, login, request):
    version_before = world["meeting"].version
    response = login(request.getfixturevalue(role)).post(_url(name, world), {"version": version_before})
    assert response.status_code == 403
    world["meeting"].refresh_from_db()
    assert world["meeting"].version == version_before


@pytest.mark.parametrize("role", READ_ONLY_ROLES + ("coordinator",))
@pytest.mark.parametrize("name", ("meeting_list", *READ_URLS))
def test_readers_may_read(name, role, world, login, request):
    assert login(request.getfixturevalue(role)).get(_url(name, world)).status_code == 200


@pytest.mark.parametrize("role", READ_ONLY_ROLES)
def test_readers_see_no_buttons_to_change_the_meeting(role, world, login, request):
    body = login(request.getfixturevalue(role)).get(_url("meeting_detail", world)).content.decode()
    for name in FORM_URLS[1:] + ACTION_URLS:
        assert _url(name, world) not in body
    assert _url("minutes_pdf", world) in body


@pytest.mark.parametrize("name", FORM_URLS)
def test_coordinator_gets_every_form(name, world, coordinator, login):
    assert login(coordinator).get(_url(name, world)).status_code == 200


@pytest.mark.parametrize("name", READ_URLS + FORM_URLS + ACTION_URLS)
def test_outsider_gets_404(name, world, outsider, login):
    response = (
        login(outsider).post(_url(name, world)) if name in ACTION_URLS else login(outsider).get(_url(name, world))
    )
    assert response.status_code == 404


def test_outsider_lists_no_meeting_of_another_organisation(world, outsider, login):
    response = login(outsider).get(reverse("platforms:meeting_list"))
    assert response.status_code == 200
    assert list(response.context["page"]) == []


@pytest.mark.parametrize("name", ("meeting_list", *READ_URLS, *FORM_URLS))
def test_login_required(name, world, client):
    response = client.get(_url(name, world))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ACTION_URLS)
def test_actions_accept_post_only(name, world, coordinator, login):
    assert login(coordinator).get(_url(name, world)).status_code == 405


@pytest.mark.parametrize("name", ("meeting_list", *READ_URLS))
def test_read_pages_accept_get_only(name, world, coordinator, login):
    assert login(coordinator).post(_url(name, world)).status_code == 405


@pytest.mark.parametrize("name", FORM_URLS)
def test_forms_refuse_other_methods(name, world, coordinator, login):
    assert login(coordinator).put(_url(name, world)).status_code == 405
    assert login(coordinator).delete(_url(name, world)).status_code == 405


def test_task_of_another_platform_is_404(world, organisation, coordinator, login):
    other = platform_with_members(organisation, coordinator, name="Pracovní skupina Trmice")
    foreign_task = add_task(hold_meeting(other.platform, OCT), other.police)
    url = reverse("platforms:task_review", args=[world["meeting"].pk, foreign_task.pk])
    response = login(coordinator).post(url, {"version": world["meeting"].version, "outcome": "done"})
    assert response.status_code == 404
    foreign_task.refresh_from_db()
    assert foreign_task.status == "open"


def test_reopen_is_refused_to_an_org_admin_even_on_final_minutes(world, coordinator, org_admin, login):
    meeting = services.meeting_finalise(meeting=world["meeting"], version=world["meeting"].version, by=coordinator)
    response = login(org_admin).post(_url("meeting_reopen", world), {"version": meeting.version, "reason": "Oprava."})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == "final"
