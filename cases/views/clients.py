"""Clients, their identifying data, the client file PDF and the access log; the organisation's social services.

Who sees a client: the workers assigned to one of the client's cases and the service lead (selectors.client_scope).
Anyone else in a client-working role gets a 404 for a client outside their scope, so a page never reveals that
a client exists; other roles (APKs, mentors, coordinators, admins) get a 403 on every client page.
Identifying data appear only on the client's own page, its edit form and the client file; lists, titles, URLs
and messages use the pseudonymous code. Every view of a client's page or file is written to the access log
(the services log every change).
"""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import CASE_WORKERS, SERVICE_MANAGERS
from audit.choices import AuditAction
from cases import selectors, services
from cases.choices import AccessAction, BasicActivity, SpecificTask, TargetGroup
from cases.filters import ClientFilter
from cases.forms import ClientCreateForm, ClientEditForm, SocialServiceForm
from core.forms import apply_validation_error
from core.pagination import keyset_page, query_without_cursor
from core.pdf import PDF_CONTENT_TYPE, render_pdf
from core.permissions import role_required
from core.responses import attachment_response

CLIENT_PAGE_SIZE = 25
ACCESS_LOG_PAGE_SIZE = 50


def _labels(choices, values) -> list[str]:
    """Display labels of the values of a multiple-choice array field, in the choices' order."""
    return [label for value, label in choices.choices if value in values]


# --- clients -------------------------------------------------------------------------------------


@require_GET
@role_required(*CASE_WORKERS)
def client_list(request):
    """Clients in the user's scope: codes and pseudonymous attributes only, never identifying data."""
    client_filter = ClientFilter(request.GET, queryset=selectors.client_list_for(request.user))
    page = Paginator(client_filter.qs, CLIENT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/client_list.html",
        {
            "filter": client_filter,
            "page": page,
            "query_string": query.urlencode(),
            "can_manage_services": request.user.has_role(*SERVICE_MANAGERS),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*CASE_WORKERS)
def client_create(request):
    """A new client; a possible duplicate (same name or earlier code) is shown by code and must be confirmed."""
    form = ClientCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        candidates = selectors.duplicate_candidates(request.user, **form.duplicate_check_arguments())
        codes = [candidate.code for candidate in candidates]
        if codes and not form.confirmed(codes):
            services.client_duplicate_check_log(by=request.user, clients=candidates)
            form.warn_about_duplicates(codes)
        else:
            try:
                client = services.client_create(
                    service=form.cleaned_data["service"],
                    by=request.user,
                    identity=form.identity_arguments(),
                    **form.client_arguments(),
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Klient %(code)s byl založen.") % {"code": client.code})
                return redirect(client)
    return render(
        request,
        "cases/client_form.html",
        {"form": form, "title": _("Nový klient"), "duplicate_codes": form.duplicate_codes},
    )


@require_GET
@role_required(*CASE_WORKERS)
def client_detail(request, pk):
    client = selectors.client_detail_for(request.user, pk)
    identity = selectors.identity_of(client)
    services.access_log_write(user=request.user, action=AccessAction.VIEW, obj=client, client=client)
    return render(
        request,
        "cases/client_detail.html",
        {
            "client": client,
            "identity": identity,
            "cases": list(client.cases.all()),
            "is_service_lead": selectors.is_service_lead(request.user),
            "is_anonymised": client.anonymised_at is not None,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*CASE_WORKERS)
def client_edit(request, pk):
    client = selectors.client_for(request.user, pk)
    if client.anonymised_at is not None:
        messages.error(request, _("Klient byl anonymizován; jeho údaje už nelze měnit."))
        return redirect(client)
    identity = selectors.identity_of(client)
    form = ClientEditForm(request.POST or None, client=client, identity=identity)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.client_update(
                    client=client,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    identity=form.identity_arguments(),
                    **form.client_arguments(),
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Změny klienta %(code)s byly uloženy.") % {"code": client.code})
                return redirect(client)
    else:
        # The form shows the identifying data: opening it is a view of the client's data.
        services.access_log_write(user=request.user, action=AccessAction.VIEW, obj=client, client=client)
    return render(
        request,
        "cases/client_form.html",
        {"form": form, "client": client, "title": _("Upravit klienta %(code)s") % {"code": client.code}},
    )


def _file_cases(client) -> list[dict]:
    """The client's cases for the file: contacts with their intervention mark and the labels of array fields."""
    service = client.service
    rows = []
    for case in client.cases.all():
        plan = getattr(case, "plan", None)
        rows.append(
            {
                "case": case,
                "workers": list(case.workers.all()),
                "contacts": [
                    {
                        "contact": contact,
                        "workers": list(contact.workers.all()),
                        "activities": _labels(BasicActivity, contact.activities),
                        "specific_tasks": _labels(SpecificTask, contact.specific_tasks),
                        "is_intervention": services.is_intervention(contact, service),
                    }
                    for contact in case.contacts.all()
                ],
                "plan": plan,
                "reviews": list(plan.reviews.all()) if plan else [],
                "referrals": list(case.referrals.all()),
            }
        )
    return rows


@require_GET
@role_required(*CASE_WORKERS)
def client_file(request, pk):
    """Everything recorded about the client (right of access, hand-over); confidential, never cached."""
    client = selectors.client_file_for(request.user, pk)
    identity = selectors.identity_of(client)
    services.access_log_write(user=request.user, action=AccessAction.EXPORT, obj=client, client=client)
    content = render_pdf(
        "cases/pdf/client_file.html",
        {
            "title": _("Spis klienta %(code)s") % {"code": client.code},
            "organisation": request.user.organisation,
            "client": client,
            "identity": identity,
            "cases": _file_cases(client),
            "produced_by": request.user,
            "produced_at": timezone.localtime(),
        },
        request=request,
    )
    return attachment_response(
        content,
        filename=f"spis-klienta-{client.code}.pdf",
        content_type=PDF_CONTENT_TYPE,
        request=request,
        action=AuditAction.PDF,
    )


def _object_labels() -> dict[str, str]:
    """Access-log object types (model names) and their Czech names."""
    return {model._meta.model_name: model._meta.verbose_name for model in apps.get_app_config("cases").get_models()}


@require_GET
@role_required(*CASE_WORKERS)
def client_access_log(request, pk):
    """Who viewed or changed the client's data, newest first; the service lead only."""
    client = selectors.client_for(request.user, pk)
    if not selectors.is_service_lead(request.user):
        raise PermissionDenied
    page = keyset_page(
        selectors.access_log_for(request.user, client),
        ordering=("-at", "-id"),
        per_page=ACCESS_LOG_PAGE_SIZE,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    labels = _object_labels()
    rows = [{"entry": entry, "object_label": labels.get(entry.object_type, entry.object_type)} for entry in page]
    return render(
        request,
        "cases/client_access_log.html",
        {"client": client, "page": page, "rows": rows, "query_string": query_without_cursor(request.GET)},
    )


# --- social services -----------------------------------------------------------------------------


@require_GET
@role_required(*SERVICE_MANAGERS)
def service_list(request):
    rows = [
        {"service": service, "target_groups": _labels(TargetGroup, service.target_groups)}
        for service in selectors.services_for(request.user)
    ]
    return render(request, "cases/service_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@role_required(*SERVICE_MANAGERS)
def service_create(request):
    form = SocialServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_create(organisation=request.user.organisation, **form.service_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Služba %(name)s byla založena.") % {"name": service.name})
            return redirect("cases:service_list")
    return render(request, "cases/service_form.html", {"form": form, "title": _("Nová sociální služba")})


@require_http_methods(["GET", "POST"])
@role_required(*SERVICE_MANAGERS)
def service_edit(request, pk):
    service = selectors.service_detail_for(request.user, pk)
    title = _("Upravit službu %(name)s") % {"name": service.name}  # before the form changes the instance
    form = SocialServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(service=service, version=form.cleaned_data["version"], **form.service_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny služby byly uloženy."))
            return redirect("cases:service_list")
    return render(request, "cases/service_form.html", {"form": form, "service": service, "title": title})
