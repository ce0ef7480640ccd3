"""Grant projects and the organisation's field-record categories: coordinators and organisation admins manage them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import PROJECT_MANAGERS, SHIFT_IMPORTERS
from assistants import selectors, services
from assistants.forms import CategoryCreateForm, CategoryEditForm, ProjectForm
from core.forms import apply_validation_error
from core.permissions import role_required


@require_GET
@role_required(*PROJECT_MANAGERS)
def project_list(request):
    return render(
        request,
        "assistants/project_list.html",
        {
            "projects": selectors.project_list_for(request.user),
            "can_import": request.user.has_role(*SHIFT_IMPORTERS),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*PROJECT_MANAGERS)
def project_create(request):
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(organisation=request.user.organisation, **form.service_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Projekt %(name)s byl založen.") % {"name": project.name})
            return redirect("shifts:project_list")
    return render(request, "assistants/project_form.html", {"form": form, "title": _("Nový projekt")})


@require_http_methods(["GET", "POST"])
@role_required(*PROJECT_MANAGERS)
def project_edit(request, pk):
    project = selectors.project_detail_for(request.user, pk)
    title = _("Upravit projekt %(name)s") % {"name": project.name}  # before the form changes the instance
    form = ProjectForm(request.POST or None, user=request.user, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project=project, version=form.cleaned_data["version"], **form.service_arguments())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny projektu %(name)s byly uloženy.") % {"name": project.name})
            return redirect("shifts:project_list")
    return render(
        request,
        "assistants/project_form.html",
        {"form": form, "project": project, "title": title},
    )


@require_GET
@role_required(*PROJECT_MANAGERS)
def category_list(request):
    return render(
        request,
        "assistants/category_list.html",
        {"defaults": selectors.default_categories(), "own": selectors.own_categories_for(request.user)},
    )


@require_http_methods(["GET", "POST"])
@role_required(*PROJECT_MANAGERS)
def category_create(request):
    form = CategoryCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            category = services.category_create(organisation=request.user.organisation, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Kategorie %(name)s byla přidána.") % {"name": category.name})
            return redirect("shifts:category_list")
    return render(request, "assistants/category_form.html", {"form": form, "title": _("Nová kategorie záznamu")})


@require_http_methods(["GET", "POST"])
@role_required(*PROJECT_MANAGERS)
def category_edit(request, pk):
    category = selectors.category_detail_for(request.user, pk)
    if category.organisation_id is None:
        # The shared default code list is visible to everyone and edited by no organisation.
        raise PermissionDenied
    title = _("Upravit kategorii %(name)s") % {"name": category.name}  # before the form changes the instance
    form = CategoryEditForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_update(category=category, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Změny kategorie byly uloženy."))
            return redirect("shifts:category_list")
    return render(
        request,
        "assistants/category_form.html",
        {"form": form, "category": category, "title": title},
    )
