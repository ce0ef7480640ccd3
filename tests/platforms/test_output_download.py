"""Output documents are served only to staff of the organisation, as attachments that are never cached."""

import datetime

import pytest
from django.urls import reverse

from platforms.models import Output
from tests.platforms.factories import PlatformFactory
from tests.platforms.platform_helpers import PDF, output


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def platform(organisation, coordinator):
    return PlatformFactory(organisation=organisation, coordinator=coordinator)


@pytest.fixture
def document(platform, media):
    return output(platform, "Metodika pochodů", name="Metodika – pochody extremistů.pdf")


def _url(document):
    return reverse("platforms:output_download", args=[document.pk])


@pytest.mark.parametrize("role", ["coordinator", "mentor", "service_lead", "org_admin"])
def test_staff_of_the_organisation_download_the_original_file(request, role, document, login):
    response = login(request.getfixturevalue(role)).get(_url(document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Metodika%20%E2%80%93%20pochody%20extremist%C5%AF.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("stored_name", "original_filename", "content_type"),
    [
        ("platform-outputs/2026/3f2a.pdf", "Metodika.html", "application/pdf"),
        (
            "platform-outputs/2026/3f2a.xlsx",
            "Průzkum.svg",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("platform-outputs/2026/3f2a.htm", "Metodika.pdf", "application/octet-stream"),
    ],
)
def test_content_type_is_the_stored_validated_type_never_a_guess_from_the_original_name(
    platform, coordinator, login, media, stored_name, original_filename, content_type
):
    (media / stored_name).parent.mkdir(parents=True, exist_ok=True)
    (media / stored_name).write_bytes(b"<html><script>alert(1)</script></html>")
    # A row as an older version, or a hand-made change of the database, could have left it.
    stored = Output.objects.create(
        organisation=platform.organisation,
        platform=platform,
        kind="other",
        title="Starší výstup",
        date=datetime.date(2026, 10, 20),
        document=stored_name,
        original_filename=original_filename,
    )

    response = login(coordinator).get(_url(stored))

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment; ")
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_another_organisation_gets_404(document, outsider, login):
    assert login(outsider).get(_url(document)).status_code == 404


@pytest.mark.parametrize("role", ["apk", "liaison"])
def test_roles_outside_the_platform_viewers_get_403(request, role, document, login):
    assert login(request.getfixturevalue(role)).get(_url(document)).status_code == 403


def test_missing_file_is_404(document, coordinator, login, tmp_path):
    (tmp_path / document.document.name).unlink()

    assert login(coordinator).get(_url(document)).status_code == 404


def test_anonymous_user_is_sent_to_log_in(document, client):
    response = client.get(_url(document))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
