from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import LOCALITY_EDITORS, LOCALITY_IMPORTERS, OBSERVATION_AUTHORS
from audit.choices import AuditAction
from core.forms import apply_validation_error
from core.importing.uploads import UploadStore
from core.importing.views import ImportFlow, confirm_step, upload_step
from core.permissions import role_required
from core.responses import attachment_response
from locations import importing, selectors, services
from locations.filters import LocalityFilter
from locations.forms import LocalityForm, LocalityImportConfirmForm, LocalityImportForm, ObservationForm
from locations.resources import EXPORT_CONTENT_TYPES, IMPORT_COLUMNS_HELP, locality_export_file

PAGE_SIZE = 25


@require_GET
def locality_list(request):
    locality_filter = LocalityFilter(request.GET, queryset=selectors.locality_list_for(request.user))
    page = Paginator(locality_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "locations/locality_list.html",
        {
            "filter": locality_filter,
            "page": page,
            "query_string": query.urlencode(),
            "can_edit": request.user.has_role(*LOCALITY_EDITORS),
            "can_import": request.user.has_role(*LOCALITY_IMPORTERS),
        },
    )


@require_GET
def locality_map(request):
    return render(
        request,
        "locations/locality_map.html",
        {
            "points": selectors.map_points_for(request.user),
            "map_config": {"tileUrl": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        },
    )


@require_GET
def locality_detail(request, pk):
    locality = selectors.locality_detail_for(request.user, pk)
    can_observe = request.user.has_role(*OBSERVATION_AUTHORS)
    return render(
        request,
        "locations/locality_detail.html",
        {
            "locality": locality,
            "observations": selectors.observation_timeline(locality),
            "observation_form": ObservationForm() if can_observe and locality.is_active else None,
            "can_edit": request.user.has_role(*LOCALITY_EDITORS),
        },
    )


def _locality_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in LocalityForm.Meta.fields}


@require_http_methods(["GET", "POST"])
@role_required(*LOCALITY_EDITORS)
def locality_create(request):
    form = LocalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            locality = services.locality_create(organisation=request.user.organisation, **_locality_data(form))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Lokalita %(name)s byla přidána.") % {"name": locality.name})
            return redirect(locality)
    return render(request, "locations/locality_form.html", {"form": form, "title": _("Nová lokalita")})


@require_http_methods(["GET", "POST"])
@role_required(*LOCALITY_EDITORS)
def locality_edit(request, pk):
    locality = selectors.locality_detail_for(request.user, pk)
    form = LocalityForm(request.POST or None, instance=locality)
    if request.method == "POST" and form.is_valid():
        try:
            services.locality_update(locality=locality, version=form.cleaned_data["version"], **_locality_data(form))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny lokality byly uloženy."))
            return redirect(locality)
    return render(
        request,
        "locations/locality_form.html",
        {"form": form, "locality": locality, "title": _("Upravit lokalitu %(name)s") % {"name": locality.name}},
    )


@require_POST
@role_required(*LOCALITY_EDITORS)
def locality_set_active(request, pk, active: bool):
    locality = selectors.locality_detail_for(request.user, pk)
    locality = services.locality_set_active(locality=locality, active=active)
    if active:
        messages.success(request, _("Lokalita %(name)s je znovu aktivní.") % {"name": locality.name})
    else:
        messages.success(
            request, _("Lokalita %(name)s byla deaktivována; její historie zůstává.") % {"name": locality.name}
        )
    return redirect(locality)


@require_POST
@role_required(*OBSERVATION_AUTHORS)
def observation_create(request, pk):
    locality = selectors.locality_detail_for(request.user, pk)
    if not locality.is_active:
        raise PermissionDenied
    form = ObservationForm(request.POST)
    if form.is_valid():
        try:
            services.observation_create(locality=locality, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Pozorování bylo uloženo."))
            return redirect(locality)
    return render(
        request,
        "locations/locality_detail.html",
        {
            "locality": locality,
            "observations": selectors.observation_timeline(locality),
            "observation_form": form,
            "can_edit": request.user.has_role(*LOCALITY_EDITORS),
        },
    )


@require_GET
def locality_export(request):
    """The list as XLSX or CSV, with the list's filters; the file re-imports unchanged."""
    file_format = request.GET.get("format", "xlsx")
    if file_format not in EXPORT_CONTENT_TYPES:
        return HttpResponseBadRequest(_("Neznámý formát exportu."))
    locality_filter = LocalityFilter(request.GET, queryset=selectors.locality_list_for(request.user))
    content = locality_export_file(locality_filter.qs, file_format=file_format)
    return attachment_response(
        content,
        filename=f"lokality-{timezone.localdate():%Y-%m-%d}.{file_format}",
        content_type=EXPORT_CONTENT_TYPES[file_format],
        request=request,
        action=AuditAction.EXPORT,
    )


def _import(*, user, dataset, dry_run):
    return importing.locality_import(organisation=user.organisation, dataset=dataset, dry_run=dry_run)


def _import_success_message(summary) -> str:
    return _("Import je hotový. Nové lokality: %(new)s, změněné: %(updated)s, beze změny: %(unchanged)s.") % {
        "new": summary.new,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
    }


IMPORT_FLOW = ImportFlow(
    importer=_import,
    upload_form=LocalityImportForm,
    confirm_form=LocalityImportConfirmForm,
    uploads=UploadStore(),
    columns=IMPORT_COLUMNS_HELP,
    upload_template="locations/locality_import.html",
    preview_template="locations/locality_import_preview.html",
    upload_url="localities:import",
    success_url="localities:list",
    success_message=_import_success_message,
)


@require_http_methods(["GET", "POST"])
@role_required(*LOCALITY_IMPORTERS)
def locality_import(request):
    """Upload a file of localities and preview it (a dry run)."""
    return upload_step(request, IMPORT_FLOW)


@require_POST
@role_required(*LOCALITY_IMPORTERS)
def locality_import_confirm(request):
    """Import the previewed file: read it again from the server and validate every row again."""
    return confirm_step(request, IMPORT_FLOW)
