"""Rows that several organisations share lead to no organisation's data.

Most rows belong to one organisation. A few are shared: the default code list of field-record categories (no
organisation), and Django's groups, permissions and content types. A relation from a shared row back to the rows
that point at it (`category.records`, `group.user_set`) would be a path from one organisation's data to every
other's - reachable from any template that ever got hold of the shared row. So shared models have no such reverse
accessors (`related_name="+"`), and every model that organisation data points at is either owned by one
organisation or listed here as shared, so a new shared code list is looked at too.
"""

from django.apps import apps
from django.db import models

from assistants.models import FieldRecordCategory

PROJECT_APPS = ("svl", "audit", "locations", "assistants", "cases", "platforms")
# Models whose rows are not one organisation's, and why a project model may point at them.
SHARED = {
    "assistants.FieldRecordCategory": "the default categories (organisation empty) every organisation records with",
    "auth.Group": "Django's groups (User.groups); SVL uses roles",
    "auth.Permission": "Django's permissions (User.user_permissions, Group.permissions)",
    "contenttypes.ContentType": "Django's model registry (Permission.content_type)",
}
# The tenants themselves: an organisation's own row, and a user, who belongs to one organisation (a superuser to
# none, and owns no organisation data).
TENANT = {"svl.Organisation", "svl.User"}
# Reverse relations of shared models that are allowed, and why they lead to no organisation's data.
ALLOWED_REVERSE = {
    ("auth.Permission", "group"): "groups are shared too",
    ("contenttypes.ContentType", "permission"): "permissions are shared too",
    ("contenttypes.ContentType", "logentry"): (
        "the Django admin's history of superusers' actions: no organisation's user reaches a content type "
        "(users lead to no group or permission) and organisation data never points at a content type"
    ),
}


def _label(model) -> str:
    return model._meta.label


def _owned(model, seen=()) -> bool:
    """Does every row of `model` belong to one organisation: its own `organisation`, or a required parent's?"""
    if _label(model) in TENANT:
        return True
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.null or field.related_model is model or field.related_model in seen:
            continue
        if field.name == "organisation" or _owned(field.related_model, (*seen, model)):
            return True
    return False


def _project_models():
    for app_label in PROJECT_APPS:
        yield from apps.get_app_config(app_label).get_models(include_auto_created=True)


def _shared_models():
    """Every model reached from organisation data through forward relations that is not owned by one organisation."""
    found, queue = set(), list(_project_models())
    while queue:
        model = queue.pop()
        for field in model._meta.get_fields():
            if field.is_relation and (field.concrete or field.many_to_many) and not field.auto_created:
                target = field.related_model
                if target not in found and not _owned(target):
                    found.add(target)
                    queue.append(target)
    return found


def test_every_shared_model_is_known():
    assert {_label(model) for model in _shared_models()} == set(SHARED)


def test_shared_rows_lead_back_to_no_organisations_data():
    offences = []
    for label in SHARED:
        model = apps.get_model(label)
        for relation in model._meta.get_fields():  # hidden relations (related_name="+") are not listed
            if relation.auto_created and not relation.concrete and relation.is_relation:
                key = (label, relation.related_model._meta.model_name)
                if key not in ALLOWED_REVERSE and _label(relation.related_model) not in SHARED:
                    offences.append(f"{label}.{relation.get_accessor_name()} -> {_label(relation.related_model)}")
    assert not offences, "Give these relations related_name='+':\n" + "\n".join(sorted(offences))


def test_a_default_category_has_no_way_to_the_records():
    default = FieldRecordCategory(code="x", name="x")

    assert not hasattr(default, "records")
    assert not any(isinstance(field, models.ManyToOneRel) for field in FieldRecordCategory._meta.get_fields())
