"""Who may use the platform pages: staff in PLATFORM_VIEWERS read, only coordinators change; APKs and liaison
workers get 403 everywhere; another organisation's objects are 404; wrong methods 405; anonymous users log in."""

import datetime

import pytest
from django.urls import reverse

from tests.platforms.factories import PlatformFactory, RepresentativeFactory
from tests.platforms.platform_helpers import institution, meeting, output, task


@pytest.fixture
def world(organisation, coordinator, settings, tmp_path):
    """One of each object of organisation A that the platform pages take in their URL."""
    settings.MEDIA_ROOT = tmp_path
    platform = PlatformFactory(organisation=organisation, coordinator=coordinator, name="Platforma A")
    police = institution(platform, "Policie ČR", representatives=[])
    representative = RepresentativeFactory(institution=police, name="npor. Jan Malý")
    october = meeting(platform, datetime.date(2026, 10, 5))
    return {
        "platform": platform,
        "institution": police,
        "representative": representative,
        "task": task(october, police, "Posílit hlídky", datetime.date(2026, 10, 31)),
        "output": output(platform),
    }


# name -> the object of `world` in its URL (None: no object)
READ_PAGES = {
    "platforms:list": None,
    "platforms:detail": "platform",
    "platforms:task_list": None,
    "platforms:task_detail": "task",
    "platforms:output_download": "output",
}
CHANGE_PAGES = {
    "platforms:create": None,
    "platforms:edit": "platform",
    "platforms:institution_create": "platform",
    "platforms:institution_edit": "institution",
    "platforms:representative_create": "institution",
    "platforms:representative_edit": "representative",
    "platforms:output_create": "platform",
}
OBJECT_PAGES = {name: key for name, key in {**READ_PAGES, **CHANGE_PAGES}.items() if key}


def _url(name, world):
    key = {**READ_PAGES, **CHANGE_PAGES}[name]
    return reverse(name, args=[world[key].pk]) if key else reverse(name)


@pytest.mark.parametrize("role", ["apk", "liaison"])
@pytest.mark.parametrize("name", sorted({**READ_PAGES, **CHANGE_PAGES}))
def test_apk_and_liaison_get_403_on_every_platform_page(request, role, name, world, login):
    client = login(request.getfixturevalue(role))

    assert client.get(_url(name, world)).status_code == 403


@pytest.mark.parametrize("role", ["mentor", "service_lead", "org_admin", "coordinator"])
@pytest.mark.parametrize("name", sorted(READ_PAGES))
def test_staff_of_the_organisation_may_read(request, role, name, world, login):
    client = login(request.getfixturevalue(role))

    assert client.get(_url(name, world)).status_code == 200


@pytest.mark.parametrize("role", ["mentor", "service_lead", "org_admin"])
@pytest.mark.parametrize("name", sorted(CHANGE_PAGES))
def test_readers_may_not_change(request, role, name, world, login):
    client = login(request.getfixturevalue(role))
    url = _url(name, world)

    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Změna"}).status_code == 403


@pytest.mark.parametrize("name", sorted(CHANGE_PAGES))
def test_coordinator_may_open_every_change_page(name, world, coordinator, login):
    assert login(coordinator).get(_url(name, world)).status_code == 200


@pytest.mark.parametrize("name", sorted(OBJECT_PAGES))
def test_outsider_gets_404_on_every_object_of_another_organisation(name, world, outsider, login):
    client = login(outsider)
    url = _url(name, world)

    assert client.get(url).status_code == 404
    if name in CHANGE_PAGES:
        assert client.post(url, {"name": "Cizí"}).status_code == 404


def test_outsider_lists_show_nothing_of_another_organisation(world, outsider, login):
    client = login(outsider)

    for name in ("platforms:list", "platforms:task_list"):
        body = client.get(reverse(name)).content.decode()
        assert "Platforma A" not in body
        assert "Posílit hlídky" not in body


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("platforms:list", "post"),
        ("platforms:detail", "post"),
        ("platforms:task_list", "post"),
        ("platforms:task_detail", "post"),
        ("platforms:output_download", "post"),
        ("platforms:create", "put"),
        ("platforms:edit", "delete"),
        ("platforms:institution_create", "put"),
        ("platforms:institution_edit", "delete"),
        ("platforms:representative_create", "put"),
        ("platforms:representative_edit", "delete"),
        ("platforms:output_create", "put"),
    ],
)
def test_wrong_method_is_405(name, method, world, coordinator, login):
    response = getattr(login(coordinator), method)(_url(name, world))

    assert response.status_code == 405


@pytest.mark.parametrize("name", sorted({**READ_PAGES, **CHANGE_PAGES}))
def test_login_required(name, world, client):
    url = _url(name, world)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"
