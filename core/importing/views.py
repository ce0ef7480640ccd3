"""The web steps of every import: upload → preview (a dry run, nothing saved) → confirm (every row or none).

The uploaded file waits on the server between the two steps (core.importing.uploads); the confirmation reads
and checks it again, so it never trusts data sent back by the browser.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.importing.columns import ColumnHelp
from core.importing.forms import ImportConfirmForm, ImportUploadForm
from core.importing.rows import ImportSummary
from core.importing.uploads import UploadStore
from core.tabular import ImportFileError, read_dataset


@dataclass(frozen=True)
class ImportFlow:
    """One app's import on the web: what it runs and the pages it shows.

    The app's two views (decorated with the roles that may import) hand the request to `upload_step` and
    `confirm_step` with their flow.
    """

    # (*, user, dataset, dry_run) -> ImportSummary; saves every row or none, nothing on a dry run.
    importer: Callable[..., ImportSummary]
    upload_form: type[ImportUploadForm]
    confirm_form: type[ImportConfirmForm]
    uploads: UploadStore
    columns: Sequence[ColumnHelp]
    upload_template: str
    preview_template: str
    upload_url: str  # URL name of the upload step; a confirmation that cannot read the file returns there
    success_url: str  # URL name shown after a saved import
    success_message: Callable[[ImportSummary], str]


def upload_step(request, flow: ImportFlow):
    """Upload a file and preview it (a dry run); the file waits on the server for the confirmation."""
    form = flow.upload_form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        summary = flow.importer(user=request.user, dataset=form.dataset, dry_run=True)
        if summary.file_errors:
            for error in summary.file_errors:
                form.add_error("file", error)
        else:
            confirm_form = None
            if summary.is_valid and summary.has_changes:
                token = flow.uploads.save(user=request.user, content=form.content, extension=form.extension)
                confirm_form = flow.confirm_form(initial={"token": token})
            return _preview(request, flow, summary, confirm_form, filename=form.cleaned_data["file"].name)
    return render(request, flow.upload_template, {"form": form, "columns": flow.columns})


def confirm_step(request, flow: ImportFlow):
    """Import the previewed file: read it again from the server and check every row again."""
    form = flow.confirm_form(request.POST)
    if not form.is_valid():
        raise Http404
    token = form.cleaned_data["token"]
    upload = flow.uploads.read(user=request.user, token=token)
    if upload is None:
        raise Http404
    content, extension = upload
    try:
        dataset = read_dataset(content, extension=extension)
        summary = flow.importer(user=request.user, dataset=dataset, dry_run=False)
    except ImportFileError as error:
        messages.error(request, error.message)
        return redirect(flow.upload_url)
    finally:
        flow.uploads.delete(user=request.user, token=token)
    if not summary.is_valid:
        messages.error(request, _("Data se od náhledu změnila a soubor už neprošel kontrolou. Nic nebylo uloženo."))
        return _preview(request, flow, summary, None)
    messages.success(request, flow.success_message(summary))
    return redirect(flow.success_url)


def _preview(request, flow: ImportFlow, summary: ImportSummary, confirm_form, *, filename: str = ""):
    context = {"summary": summary, "confirm_form": confirm_form, "upload_url": reverse(flow.upload_url)}
    if filename:
        context["filename"] = filename
    return render(request, flow.preview_template, context)
