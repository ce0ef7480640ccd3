"""The organisation admin's view of the audit log (/organisation/audit/): a filtered list and its CSV export.

Only the admin's own organisation's events; events of no organisation (failed logins with an unknown user name)
are for superusers in the Django admin. The log grows without bound: the list is paged by keyset and never
counted, the export streams.
"""

import csv

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit import registry
from audit.choices import AuditAction
from audit.filters import AuditEventFilter
from audit.selectors import audit_event_list_for
from core import rls
from core.pagination import keyset_page, query_without_cursor
from core.permissions import role_required
from core.responses import attachment_response
from core.spreadsheets import spreadsheet_cell

PAGE_SIZE = 50
EXPORT_CHUNK_SIZE = 2000


@require_GET
@role_required(*registry.readers())
def audit_list(request):
    """The organisation's audit log, newest first, paged by keyset on (at, id): no COUNT, no OFFSET."""
    event_filter = AuditEventFilter(request.GET, queryset=audit_event_list_for(request.user), user=request.user)
    page = keyset_page(
        event_filter.qs,
        ordering=("-at", "-id"),
        per_page=PAGE_SIZE,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    type_labels = dict(registry.object_type_choices())
    for event in page:
        event.object_type_label = type_labels.get(event.object_type, event.object_type)
    query_string = query_without_cursor(request.GET)
    return render(
        request, "svl/audit_list.html", {"form": event_filter.form, "page": page, "query_string": query_string}
    )


@require_GET
@role_required(*registry.readers())
def audit_export(request):
    """The filtered log as CSV for Czech Excel (UTF-8 with BOM, ';'), streamed row by row; the export is logged."""
    event_filter = AuditEventFilter(request.GET, queryset=audit_event_list_for(request.user), user=request.user)
    filename = f"audit-{timezone.localdate():%Y-%m-%d}.csv"
    return attachment_response(
        _csv_lines(event_filter.qs, user=request.user),
        filename=filename,
        content_type="text/csv; charset=utf-8",
        request=request,
        action=AuditAction.EXPORT,
    )


class _Line:
    """A file-like object for csv.writer that hands back each written line instead of storing it."""

    def write(self, value):
        return value


def _csv_lines(events, *, user):
    # Labels are resolved now, in the request's language: the rows stream after the view has returned.
    action_labels = {value: str(label) for value, label in AuditAction.choices}
    type_labels = {value: str(label) for value, label in registry.object_type_choices()}
    writer = csv.writer(_Line(), delimiter=";")
    header = [
        _("Čas"),
        _("Uživatel"),
        _("Akce"),
        _("Typ objektu"),
        _("ID objektu"),
        _("Objekt"),
        _("Změněná pole"),
        _("IP adresa"),
        _("Poznámka"),
    ]

    def lines():
        yield "\ufeff" + writer.writerow(header)
        # The request's transaction, and with it its row-level security scope, has ended by now (core/rls.py).
        with rls.for_user(user):
            for event in events.iterator(chunk_size=EXPORT_CHUNK_SIZE):
                # Every cell through the export's shared guard (core/spreadsheets.py): a user name typed at a
                # failed login such as "=HYPERLINK(...)" must not become a formula (CSV injection, OWASP ASVS 5.3).
                cells = [
                    f"{timezone.localtime(event.at):%Y-%m-%d %H:%M:%S}",
                    event.username,
                    action_labels.get(event.action, event.action),
                    type_labels.get(event.object_type, event.object_type),
                    "" if event.object_id is None else event.object_id,
                    event.object_repr,
                    ", ".join(event.changed_fields),
                    event.ip_address or "",
                    event.extra,
                ]
                yield writer.writerow([spreadsheet_cell(cell) for cell in cells])

    return lines()
