"""core/responses.py: the one file-download response, and the attachment_served signal it sends."""

import io
from unittest import mock

import pytest
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from core.responses import attachment_response
from core.signals import attachment_served


class Subject:
    """Stands for a served model instance: core knows no model of the apps."""


@pytest.fixture
def served():
    """The arguments of every attachment_served sent during the test, with only this receiver connected."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append({"sender": sender, **{key: kwargs[key] for key in ("request", "subject", "action", "filename")}})

    with mock.patch.object(attachment_served, "receivers", []):
        attachment_served.connect(receiver, weak=False)
        yield calls


def _pdf(content=b"%PDF-1.7", *, filename="vykaz.pdf", request=None, action="pdf", **kwargs):
    return attachment_response(
        content, filename=filename, content_type="application/pdf", request=request, action=action, **kwargs
    )


def test_response_is_an_uncached_attachment_with_a_czech_filename():
    response = attachment_response(
        b"%PDF-1.7", filename="zápis-2026-11.pdf", content_type="application/pdf", request=None, action="pdf"
    )

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''z%C3%A1pis-2026-11.pdf"
    assert response["Cache-Control"] == "no-store"
    assert response.content == b"%PDF-1.7"


def test_response_can_be_shown_inline():
    response = attachment_response(
        b"%PDF-1.7",
        filename="vykaz.pdf",
        content_type="application/pdf",
        request=None,
        action="pdf",
        as_attachment=False,
    )

    assert response["Content-Disposition"] == 'inline; filename="vykaz.pdf"'


def test_bytes_are_an_attachment_under_a_quoted_ascii_name_never_sniffed_or_cached():
    response = _pdf(filename="lokality-2026-11-22.csv")

    assert type(response) is HttpResponse
    assert response["Content-Disposition"] == 'attachment; filename="lokality-2026-11-22.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" not in response


def test_an_open_file_is_streamed_with_its_length_and_given_content_type():
    response = _pdf(io.BytesIO(b"%PDF-1.7 stored"), filename="Metodika – pochody.pdf")

    assert type(response) is FileResponse
    assert b"".join(response.streaming_content) == b"%PDF-1.7 stored"
    assert response["Content-Length"] == "15"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Metodika%20%E2%80%93%20pochody.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"


def test_chunks_are_streamed():
    response = attachment_response(
        iter(["\ufeffa;b\r\n", "1;2\r\n"]),
        filename="audit-2026-11-22.csv",
        content_type="text/csv; charset=utf-8",
        request=None,
        action="export",
    )

    assert type(response) is StreamingHttpResponse
    assert b"".join(response.streaming_content).decode() == "\ufeffa;b\r\n1;2\r\n"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="audit-2026-11-22.csv"'
    assert response["Cache-Control"] == "no-store"


def test_an_upload_is_sandboxed():
    response = _pdf(io.BytesIO(b"<html><script>alert(1)</script></html>"), filename="x.pdf", sandbox=True)

    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_anything_else_is_refused():
    with pytest.raises(TypeError, match="not int"):
        _pdf(42)


def test_every_response_announces_the_file_with_its_request_subject_action_and_name(served):
    request = RequestFactory().get("/")
    subject = Subject()

    _pdf(filename="spis.pdf", request=request, subject=subject, action="export")
    _pdf(filename="vykaz.pdf")

    assert served == [
        {
            "sender": Subject,
            "request": request,
            "subject": subject,
            "action": "export",
            "filename": "spis.pdf",
        },
        {"sender": None, "request": None, "subject": None, "action": "pdf", "filename": "vykaz.pdf"},
    ]
