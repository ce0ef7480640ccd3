"""Which models the audit log follows. Each app opts its models in where they are declared, from its AppConfig:

    def ready(self):
        registry.register_app(self, skip=["ShiftStatusChange"], label_fields={"Shift": "date"})

Every model of the app is followed unless skipped (history and bookkeeping tables, written together with a change
that is already recorded), so a new model is audited without anyone remembering to add it. `label_fields` names the
one harmless field shown as a record's label in the log; models without one show their id only.
"""

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.text import capfirst

from audit import receivers, services

_AUDITED: list[type[models.Model]] = []
# The roles that may read their organisation's log (the list and the export); accounts, which owns the roles, says.
_READERS: list[str] = []


def register(model: type[models.Model], *, label_field: str | None = None) -> None:
    if model in _AUDITED:
        return
    _AUDITED.append(model)
    if label_field:
        services.LABEL_FIELDS[model._meta.label] = label_field
    receivers.track(model)


def register_app(app_config: AppConfig, *, skip=(), label_fields: dict[str, str] | None = None) -> None:
    """Follow every model of `app_config` except those named in `skip` (model names, e.g. "AccessLog")."""
    label_fields = label_fields or {}
    unknown = (set(skip) | set(label_fields)) - {model.__name__ for model in app_config.get_models()}
    if unknown:
        raise LookupError(f"{app_config.label} has no models {sorted(unknown)}")
    for model in app_config.get_models():
        if model.__name__ not in skip:
            register(model, label_field=label_fields.get(model.__name__))


def audited_models() -> list[type[models.Model]]:
    return list(_AUDITED)


def object_type_choices() -> list[tuple[str, str]]:
    """(app_label.model, Czech name) of every audited model, for the audit list's filter."""
    choices = [(model._meta.label_lower, capfirst(model._meta.verbose_name)) for model in audited_models()]
    return sorted(choices, key=lambda choice: str(choice[1]))


def allow_readers(*roles: str) -> None:
    _READERS[:] = roles


def readers() -> tuple[str, ...]:
    if not _READERS:
        raise ImproperlyConfigured("No role may read the audit log: accounts calls audit.registry.allow_readers().")
    return tuple(_READERS)
