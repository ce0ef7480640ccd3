"""A report page: the same `Report` (core.reporting) as HTML, PDF or XLSX."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from audit import services as audit
from audit.choices import AuditAction
from core.pdf import pdf_response, render_pdf
from core.reporting import Report, report_xlsx


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
        return pdf_response(content, f"{filename}-{report.period.slug}.pdf")
    if output == "xlsx":
        audit.record(AuditAction.EXPORT, request=request, extra=f"{filename}-{report.period.slug}.xlsx")
        response = HttpResponse(
            report_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}-{report.period.slug}.xlsx"'
        response["Cache-Control"] = "no-store"
        return response
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, template, {**context, "report": report, "query_string": query.urlencode()})
