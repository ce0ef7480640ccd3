"""The monthly work log of an APK: an on-screen summary and the PDF to sign.

Who may see whose log is `selectors.worklog_assistants_for`; anyone else's log is a 404, so the page
never reveals whether a colleague exists.
"""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.permissions import WORKLOG_VIEWERS
from assistants import selectors
from assistants.forms import WorklogChooseForm
from audit.choices import AuditAction
from core import dates
from core.pdf import PDF_CONTENT_TYPE, render_pdf
from core.permissions import role_required
from core.responses import attachment_response


def _month_or_404(year: int, month: int) -> datetime.date:
    try:
        return dates.month_of(year, month)
    except ValueError:
        raise Http404 from None


def _pdf_url(assistant, month: datetime.date) -> str:
    return reverse("shifts:worklog", kwargs={"user_id": assistant.pk, "year": month.year, "month": month.month})


@require_GET
@role_required(*WORKLOG_VIEWERS)
def worklog_index(request):
    """Choose an APK and a month; shows the month's summary (the PDF's numbers) and the download link."""
    assistants = selectors.worklog_assistants_for(request.user)
    default_assistant = next((a for a in assistants if a.pk == request.user.pk), None) or assistants.first()
    this_month = dates.month_start(timezone.localdate())
    form = WorklogChooseForm(
        request.GET or None,
        assistants=assistants,
        initial={"assistant": default_assistant, "month": f"{this_month:%Y-%m}"},
    )
    log = None
    if form.is_bound:
        if form.is_valid():
            year, month = form.year_month()
            log = selectors.worklog(form.cleaned_data["assistant"], year, month)
    elif default_assistant is not None:
        log = selectors.worklog(default_assistant, this_month.year, this_month.month)
    context = {"form": form, "log": log}
    if log is not None:
        context.update(
            {
                "pdf_url": _pdf_url(log.assistant, log.month),
                "previous_month": dates.shift_months(log.month, -1),
                "next_month": dates.next_month(log.month),
            }
        )
    return render(request, "assistants/worklog_index.html", context)


@require_GET
@role_required(*WORKLOG_VIEWERS)
def worklog_pdf(request, user_id: int, year: int, month: int):
    """The signed-off document: the APK's approved shifts of the month, hours, records, signature lines."""
    first = _month_or_404(year, month)
    assistant = get_object_or_404(selectors.worklog_assistants_for(request.user), pk=user_id)
    log = selectors.worklog(assistant, first.year, first.month)
    content = render_pdf(
        "assistants/pdf/worklog.html", {"organisation": assistant.organisation, "log": log}, request=request
    )
    return attachment_response(
        content,
        filename=f"vykaz-prace-{assistant.username}-{first:%Y-%m}.pdf",
        content_type=PDF_CONTENT_TYPE,
        request=request,
        action=AuditAction.PDF,
    )
