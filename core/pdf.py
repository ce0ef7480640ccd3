"""PDF documents from HTML templates (WeasyPrint), shared by every app's reports.

Usage in a view::

    from core.responses import attachment_response
    from core.pdf import PDF_CONTENT_TYPE, render_pdf

    content = render_pdf(
        "assistants/pdf/worklog.html",
        {"title": "Měsíční výkaz práce", "organisation": organisation, "header_lines": ["Projekt …"], ...},
        request=request,
    )
    return attachment_response(
        content, filename="vykaz-2026-11.pdf", content_type=PDF_CONTENT_TYPE, request=request, action=AuditAction.PDF
    )

A document template extends ``pdf/base.html`` and fills ``{% block content %}`` (and optionally
``{% block styles %}``). The base gives A4 pages, DejaVu Sans (Czech diacritics), a running header with
the organisation, the title and ``header_lines`` (e.g. the project), and the footer "strana X z Y".
Context keys the base reads: ``title``, ``organisation``, ``header_lines`` (list of strings),
``generated_at`` (defaults to now).

Documents are rendered in Czech (docs/domain.md: reports are Czech) whatever the user's interface language,
and never touch the network: only files under the static directories and the font directory are read.
They are handed out through ``core.responses.attachment_response``: never cached, and recorded in the audit log.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

PDF_CONTENT_TYPE = "application/pdf"
# DejaVu Sans covers all Czech letters; the base template loads it by file URL, with a local() fallback.
FONT_DIR = Path(getattr(settings, "PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))
PDF_LANGUAGE = "cs"


def _allowed_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS), FONT_DIR]
    return [root.resolve() for root in roots]


def _url_fetcher():
    """A WeasyPrint fetcher that reads local files under the allowed roots and data: URLs, nothing else."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyURLFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.roots = _allowed_roots()

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in self.roots):
                    raise ValueError(f"PDF rendering reads no files outside the static and font directories: {url}")
            elif scheme != "data":
                raise ValueError(f"PDF rendering fetches no remote resources: {url}")
            return super().fetch(url, headers)

    return LocalOnlyURLFetcher()


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render `template_name` (extending pdf/base.html) to an A4 PDF and return its bytes.

    Relative URLs in the template (``img/logo.png``, not ``{% static %}``, which gives a site path) resolve
    against the first static directory; remote URLs are refused (the document renders without them).
    """
    from weasyprint import HTML

    context = {
        "generated_at": timezone.localtime(),
        "font_dir_url": FONT_DIR.resolve().as_uri(),
        **context,
    }
    with translation.override(PDF_LANGUAGE):
        html = render_to_string(template_name, context, request=request)
        base_dir = settings.STATICFILES_DIRS[0] if settings.STATICFILES_DIRS else settings.STATIC_ROOT
        document = HTML(string=html, base_url=Path(base_dir).resolve().as_uri() + "/", url_fetcher=_url_fetcher())
        return document.write_pdf()
