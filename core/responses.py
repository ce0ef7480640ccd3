"""File downloads: the one response every view that hands out a file returns.

    return attachment_response(
        content, filename="vykaz-2026-11.pdf", content_type="application/pdf", request=request, action=AuditAction.PDF
    )

`content_or_file` is the file's bytes (a PDF, an XLSX), an open binary file (a stored document, streamed) or an
iterable of chunks (a streamed CSV). The response is never cached, sniffed or, for an upload, run:
- the file name follows RFC 6266 (Django's `content_disposition_header`): a plain ASCII name is quoted, a name with
  Czech letters goes as ``filename*=utf-8''...``;
- ``Cache-Control: no-store``: the files hold personal data and field workers share tablets;
- ``X-Content-Type-Options: nosniff``: the browser keeps to the content type given;
- `sandbox=True` (a file a user uploaded): a browser that displayed it anyway runs nothing, loads nothing and reaches
  nothing of the site (a unique origin).

Every file handed out is announced through `core.signals.attachment_served`; the audit log records it.
"""

from collections.abc import Iterable

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from core.signals import attachment_served

SANDBOX_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'"


def attachment_response(
    content_or_file,
    *,
    filename: str,
    content_type: str,
    request,
    subject=None,
    action: str,
    as_attachment: bool = True,
    sandbox: bool = False,
) -> HttpResponse | StreamingHttpResponse:
    """The file as a download under `filename`, announced (`attachment_served`) before it is returned.

    `subject` is the model instance served (a stored document), if the file is one; `action` is the audit log's name
    for the download. `as_attachment=False` lets the browser show the file (a PDF) instead of saving it.
    """
    if isinstance(content_or_file, bytes | str):
        response = HttpResponse(content_or_file, content_type=content_type)
    elif hasattr(content_or_file, "read"):
        response = FileResponse(
            content_or_file, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    elif isinstance(content_or_file, Iterable):
        response = StreamingHttpResponse(content_or_file, content_type=content_type)
    else:
        raise TypeError(f"A download is bytes, a file or an iterable of chunks, not {type(content_or_file).__name__}.")
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    if sandbox:
        response["Content-Security-Policy"] = SANDBOX_CONTENT_SECURITY_POLICY
    attachment_served.send(
        sender=type(subject) if subject is not None else None,
        request=request,
        subject=subject,
        action=action,
        filename=filename,
    )
    return response
