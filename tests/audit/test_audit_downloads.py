"""PDF downloads, exports and views of client records are recorded with the requesting user."""

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.choices import AuditAction
from audit.models import AuditEvent
from core.responses import attachment_response
from tests.audit.audit_helpers import audit_log_text
from tests.cases.factories import CaseFactory, ClientFactory, ClientIdentityFactory
from tests.locations.factories import LocalityFactory
from tests.platforms.factories import MeetingFactory, PlatformFactory
from tests.platforms.platform_helpers import output

pytestmark = pytest.mark.django_db

COLUMNS = (
    "action",
    "organisation",
    "user",
    "username",
    "object_type",
    "object_id",
    "object_repr",
    "ip_address",
    "extra",
)


def _events(*actions):
    return list(AuditEvent.objects.filter(action__in=actions).order_by("id").values_list(*COLUMNS))


def test_a_pdf_download_is_recorded(organisation, coordinator, login):
    meeting = MeetingFactory(platform=PlatformFactory(organisation=organisation, coordinator=coordinator))

    response = login(coordinator).get(reverse("platforms:minutes_pdf", args=[meeting.pk]))

    assert response.status_code == 200
    assert _events(AuditAction.PDF) == [
        (
            AuditAction.PDF,
            organisation.pk,
            coordinator.pk,
            "coordinator",
            "",
            None,
            "",
            "127.0.0.1",
            "zapis-z-jednani-2026-10-05.pdf",
        ),
    ]


def test_an_xlsx_report_export_is_recorded(organisation, coordinator, login):
    response = login(coordinator).get(
        reverse("reports:situation"), {"od": "2026-01-01", "do": "2026-03-31", "format": "xlsx"}
    )

    assert response.status_code == 200
    assert _events(AuditAction.EXPORT, AuditAction.PDF) == [
        (
            AuditAction.EXPORT,
            organisation.pk,
            coordinator.pk,
            "coordinator",
            "",
            None,
            "",
            "127.0.0.1",
            "situacni-zprava-2026-01-01_2026-03-31.xlsx",
        ),
    ]


def test_the_html_report_is_no_export(organisation, coordinator, login):
    login(coordinator).get(reverse("reports:situation"), {"od": "2026-01-01", "do": "2026-03-31"})

    assert _events(AuditAction.EXPORT, AuditAction.PDF) == []


def test_the_locality_export_is_recorded(organisation, apk, login):
    LocalityFactory(organisation=organisation)

    response = login(apk).get(reverse("localities:export"), {"format": "csv", "q": "tajné hledání"})

    assert response.status_code == 200
    filename = f"lokality-{timezone.localdate():%Y-%m-%d}.csv"
    assert _events(AuditAction.EXPORT) == [
        (AuditAction.EXPORT, organisation.pk, apk.pk, "apk", "", None, "", "127.0.0.1", filename),
    ]
    assert "tajné hledání" not in audit_log_text()  # no query strings


def test_viewing_a_client_is_recorded_with_the_code_only(organisation, liaison, login):
    client = ClientFactory(organisation=organisation, created_by=liaison, code="K-2026-0042", note="Bojí se.")
    CaseFactory(client=client, workers=[liaison])
    ClientIdentityFactory(client=client, full_name="Marie Nováková", phone="+420 777 123 456")

    response = login(liaison).get(reverse("cases:client_detail", args=[client.pk]))

    assert response.status_code == 200
    assert _events(AuditAction.VIEW_CLIENT) == [
        (
            AuditAction.VIEW_CLIENT,
            organisation.pk,
            liaison.pk,
            "liaison",
            "cases.client",
            client.pk,
            "K-2026-0042",
            "127.0.0.1",
            "",
        ),
    ]
    text = audit_log_text()
    assert "Nováková" not in text
    assert "+420 777 123 456" not in text
    assert "Bojí se." not in text


def test_the_client_file_pdf_is_recorded_as_a_pdf_of_the_code(organisation, liaison, login):
    client = ClientFactory(organisation=organisation, created_by=liaison, code="K-2026-0042")
    CaseFactory(client=client, workers=[liaison])

    response = login(liaison).get(reverse("cases:client_file", args=[client.pk]))

    assert response.status_code == 200
    assert _events(AuditAction.PDF, AuditAction.VIEW_CLIENT) == [
        (
            AuditAction.PDF,
            organisation.pk,
            liaison.pk,
            "liaison",
            "",
            None,
            "",
            "127.0.0.1",
            "spis-klienta-K-2026-0042.pdf",
        ),
    ]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_an_output_download_is_recorded_as_an_export_of_the_output(organisation, coordinator, login, media):
    platform = PlatformFactory(organisation=organisation, coordinator=coordinator)
    document = output(platform, "Metodika pochodů", name="Metodika – Nováková.pdf")

    response = login(coordinator).get(reverse("platforms:output_download", args=[document.pk]))

    assert response.status_code == 200
    assert _events(AuditAction.EXPORT, AuditAction.PDF) == [
        (
            AuditAction.EXPORT,
            organisation.pk,
            coordinator.pk,
            "coordinator",
            "platforms.output",
            document.pk,
            "Metodika pochodů",
            "127.0.0.1",
            "",
        ),
    ]
    assert "Nováková" not in audit_log_text()  # the uploaded file's own name is not written


def test_a_file_built_outside_a_request_is_not_recorded():
    attachment_response(b"%PDF-1.7", filename="vykaz.pdf", content_type="application/pdf", request=None, action="pdf")

    assert not AuditEvent.objects.exists()
