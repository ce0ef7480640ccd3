"""A report page: the same `Report` (core.reporting) as HTML, PDF or XLSX."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from audit.choices import AuditAction
from core.pdf import PDF_CONTENT_TYPE, render_pdf
from core.reporting import Report, report_xlsx
from core.responses import attachment_response


def render_report(request, report: Report, *, template: str, pdf_template: str, filename: str, context: dict):
    """The report as HTML (default), PDF (?format=pdf) or XLSX (?format=xlsx), from the same Report object."""
    output = request.GET.get("format", "html")
    if output == "pdf":
        pdf_context = {
            "report": report,
            "title": report.title,
            "organisation": report.organisation,
            "header_lines": [
                line for line in (report.subtitle, _("Období: %(period)s") % {"period": report.period.label}) if line
            ],
            "generated_by": request.user,
        }
        content = render_pdf(pdf_template, pdf_context, request=request)
        return attachment_response(
            content,
            filename=f"{filename}-{report.period.slug}.pdf",
            content_type=PDF_CONTENT_TYPE,
            request=request,
            action=AuditAction.PDF,
        )
    if output == "xlsx":
        return attachment_response(
            report_xlsx(report),
            filename=f"{filename}-{report.period.slug}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            request=request,
            action=AuditAction.EXPORT,
        )
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, template, {**context, "report": report, "query_string": query.urlencode()})
