"""Import of historical shifts: upload → preview (nothing saved) → confirm (all rows or none).

The uploaded file waits on the server between the two steps (svl/tabular.UploadStore); the confirmation
reads and checks it again, so it never trusts data sent back by the browser.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import SHIFT_IMPORTERS
from assistants import importing
from assistants.forms import ShiftImportConfirmForm, ShiftImportForm
from core.permissions import role_required
from core.tabular import ImportFileError, read_dataset


@require_http_methods(["GET", "POST"])
@role_required(*SHIFT_IMPORTERS)
def shift_import(request):
    """Upload a file and preview it (a dry run); the file waits on the server for the confirmation."""
    form = ShiftImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        summary = importing.shift_import(
            organisation=request.user.organisation, dataset=form.dataset, by=request.user, dry_run=True
        )
        if summary.file_errors:
            for error in summary.file_errors:
                form.add_error("file", error)
        else:
            confirm_form = None
            if summary.is_valid and summary.has_changes:
                token = importing.uploads.save(user=request.user, content=form.content, extension=form.extension)
                confirm_form = ShiftImportConfirmForm(initial={"token": token})
            return render(
                request,
                "assistants/shift_import_preview.html",
                {"summary": summary, "confirm_form": confirm_form, "filename": form.cleaned_data["file"].name},
            )
    return render(
        request,
        "assistants/shift_import.html",
        {"form": form, "columns": importing.IMPORT_COLUMNS_HELP},
    )


@require_POST
@role_required(*SHIFT_IMPORTERS)
def shift_import_confirm(request):
    """Import the previewed file: read it again from the server and check every row again."""
    form = ShiftImportConfirmForm(request.POST)
    if not form.is_valid():
        raise Http404
    token = form.cleaned_data["token"]
    upload = importing.uploads.read(user=request.user, token=token)
    if upload is None:
        raise Http404
    content, extension = upload
    try:
        dataset = read_dataset(content, extension=extension)
        summary = importing.shift_import(
            organisation=request.user.organisation, dataset=dataset, by=request.user, dry_run=False
        )
    except ImportFileError as error:
        messages.error(request, error.message)
        return redirect("shifts:import")
    finally:
        importing.uploads.delete(user=request.user, token=token)
    if not summary.is_valid:
        messages.error(request, _("Data se od náhledu změnila a soubor už neprošel kontrolou. Nic nebylo uloženo."))
        return render(request, "assistants/shift_import_preview.html", {"summary": summary, "confirm_form": None})
    messages.success(
        request,
        _("Import je hotový. Nové směny: %(shifts)s, nové záznamy: %(records)s, už importované řádky: %(duplicates)s.")
        % {"shifts": summary.new_shifts, "records": summary.new_records, "duplicates": summary.duplicate},
    )
    return redirect("shifts:import")
