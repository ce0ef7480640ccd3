"""Output documents are stored for the server's own user only: files 0600, every directory up to MEDIA_ROOT 0700."""

import os
import stat

import pytest
from django.urls import reverse

from platforms.models import Output
from tests.platforms.factories import PlatformFactory
from tests.platforms.platform_helpers import pdf_upload


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def world_readable_umask():
    """The usual 022 umask, under which Django's defaults give 0755 directories and 0644 files."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def platform(organisation, coordinator):
    return PlatformFactory(organisation=organisation, coordinator=coordinator)


def _upload(login, coordinator, platform):
    data = {"kind": "other", "title": "Metodika", "date": "2026-10-20", "document": pdf_upload()}
    response = login(coordinator).post(reverse("platforms:output_create", args=[platform.pk]), data)
    assert response.status_code == 302
    return Output.objects.get()


def test_upload_into_a_new_media_root_creates_every_directory_0700_and_the_file_0600(
    platform, coordinator, login, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "var" / "media"

    output = _upload(login, coordinator, platform)

    stored = settings.MEDIA_ROOT / output.document.name
    assert _mode(stored) == 0o600
    assert [_mode(directory) for directory in (stored.parent, stored.parent.parent, settings.MEDIA_ROOT)] == [
        0o700,
        0o700,
        0o700,
    ]
    assert _mode(tmp_path / "var") == 0o700


def test_an_existing_open_media_root_is_tightened_on_upload(platform, coordinator, login, settings, tmp_path):
    media = tmp_path / "media"
    media.mkdir(mode=0o755)
    media.chmod(0o755)
    settings.MEDIA_ROOT = media

    output = _upload(login, coordinator, platform)

    assert _mode(media) == 0o700
    assert _mode(media / output.document.name) == 0o600


def test_upload_permission_settings_are_private(settings):
    assert (settings.FILE_UPLOAD_PERMISSIONS, settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS) == (0o600, 0o700)
