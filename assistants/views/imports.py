"""Import of historical shifts on the one import flow (core/importing/views.py): upload → preview → confirm."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import SHIFT_IMPORTERS
from assistants.forms import ShiftImportConfirmForm, ShiftImportForm
from assistants.importing.columns import IMPORT_COLUMNS_HELP
from assistants.importing.saving import shift_import as import_shifts
from core.importing.uploads import UploadStore
from core.importing.views import ImportFlow, confirm_step, upload_step
from core.permissions import role_required


def _import(*, user, dataset, dry_run):
    return import_shifts(organisation=user.organisation, dataset=dataset, by=user, dry_run=dry_run)


def _success_message(summary) -> str:
    return _(
        "Import je hotový. Nové směny: %(shifts)s, nové záznamy: %(records)s, už importované řádky: %(duplicates)s."
    ) % {"shifts": summary.new_shifts, "records": summary.new_records, "duplicates": summary.duplicate}


FLOW = ImportFlow(
    importer=_import,
    upload_form=ShiftImportForm,
    confirm_form=ShiftImportConfirmForm,
    uploads=UploadStore("shifts"),
    columns=IMPORT_COLUMNS_HELP,
    upload_template="assistants/shift_import.html",
    preview_template="assistants/shift_import_preview.html",
    upload_url="shifts:import",
    success_url="shifts:import",
    success_message=_success_message,
)


@require_http_methods(["GET", "POST"])
@role_required(*SHIFT_IMPORTERS)
def shift_import(request):
    """Upload a file of historical shifts and preview it (a dry run)."""
    return upload_step(request, FLOW)


@require_POST
@role_required(*SHIFT_IMPORTERS)
def shift_import_confirm(request):
    """Import the previewed file: read it again from the server and check every row again."""
    return confirm_step(request, FLOW)
