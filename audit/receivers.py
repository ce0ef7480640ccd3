"""The audit log's receivers: model signals of the registered models (audit.registry) and the login signals.

Changed fields cost no query: the values loaded from the database are kept at `post_init` and compared at
`post_save`, so saving a record runs exactly one extra statement, the INSERT of its audit row. Fields deferred with
`.only()` / `.defer()` and never assigned are not written, hence not compared. Not seen by model signals, hence not
recorded row by row: `QuerySet.update()` and `bulk_create()` (see `services.record_created_many`).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.db import models
from django.db.models import signals

from audit import services
from audit.choices import AuditAction
from core.scoping import ORGANISATION_MODEL
from core.signals import attachment_served

# A change that is no news: the login time (the login itself is recorded). `auto_now` timestamps and
# database-generated columns are skipped too. The optimistic-locking `version` is kept: when children are replaced
# in bulk (a meeting's agenda), its change is the parent's only trace.
IGNORED_FIELDS = {"last_login"}


STATUS_FIELD = "status"


# Filled by connect_signals(): audited model -> ((field name, attname), ...) compared on save; through model -> field.
_TRACKED: dict[type[models.Model], tuple[tuple[str, str], ...]] = {}


_M2M_FIELDS: dict[type[models.Model], models.ManyToManyField] = {}


def track(model: type[models.Model]) -> None:
    """Follow one model's saves, deletes and many-to-many changes; sender-specific, so other models pay nothing."""
    _TRACKED[model] = _tracked_fields(model)
    uid = f"audit.{model._meta.label}"
    signals.post_init.connect(_remember_loaded_values, sender=model, dispatch_uid=uid)
    signals.pre_save.connect(_forget_values_of_new_instance, sender=model, dispatch_uid=uid)
    signals.post_save.connect(_saved, sender=model, dispatch_uid=uid)
    signals.post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        _M2M_FIELDS[through] = field
        signals.m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}.{field.name}")


def connect() -> None:
    """Logins, logouts, failed logins and files handed out (AuditConfig.ready())."""
    attachment_served.connect(record_attachment_served, dispatch_uid="audit.attachment_served")
    auth_signals.user_logged_in.connect(_logged_in, dispatch_uid="audit.login")
    auth_signals.user_logged_out.connect(_logged_out, dispatch_uid="audit.logout")
    auth_signals.user_login_failed.connect(_login_failed, dispatch_uid="audit.login_failed")


def _remember_loaded_values(sender, instance, **kwargs):
    instance._audit_loaded = _values(sender, instance)


def _forget_values_of_new_instance(sender, instance, raw=False, **kwargs):
    # An instance built in Python (not loaded) that is saved over an existing row: its construction values are not
    # the row's old values, so every field it writes counts as changed.
    if instance._state.adding:
        instance._audit_loaded = None


def _saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if raw:  # loaddata: not a user's change
        return
    if created:
        services.record(AuditAction.CREATE, obj=instance)
    else:
        loaded = getattr(instance, "_audit_loaded", None)
        changed = _changed_fields(sender, instance, loaded, update_fields)
        if STATUS_FIELD in changed:
            old = (loaded or {}).get(STATUS_FIELD, "?")
            extra = f"{STATUS_FIELD}: {old} → {instance.__dict__[STATUS_FIELD]}"
            services.record(AuditAction.STATUS_CHANGE, obj=instance, changed_fields=changed, extra=extra)
        elif changed:
            services.record(AuditAction.UPDATE, obj=instance, changed_fields=changed)
    instance._audit_loaded = _values(sender, instance)


def _deleted(sender, instance, **kwargs):
    if sender._meta.label == ORGANISATION_MODEL:
        # The row is gone: the event belongs to no organisation (only superusers delete organisations).
        services.record(AuditAction.DELETE, obj=instance, organisation_id=None)
    else:
        services.record(AuditAction.DELETE, obj=instance)


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or (action != "post_clear" and not pk_set):
        return
    field = _M2M_FIELDS[sender]
    if reverse:  # e.g. user.shifts.add(shift): recorded on the user, if users are audited
        if type(instance)._meta.concrete_model not in _TRACKED:
            return
        name = field.remote_field.get_accessor_name()
    else:
        name = field.name
    services.record(AuditAction.UPDATE, obj=instance, changed_fields=[name])


def _logged_in(sender, request, user, **kwargs):
    services.record(AuditAction.LOGIN, user=user, request=request)


def _logged_out(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated:
        services.record(AuditAction.LOGOUT, user=user, request=request)


def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the user name is read from the credentials, never the password. A user name that matches no account is
    # kept as typed (it could be a password typed into the wrong box): such events belong to no organisation, so
    # only superusers see them, in the Django admin.
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or "")[:150]
    account = (
        User.objects.filter(username=username).only("pk", "username", "organisation_id").first() if username else None
    )
    services.record(
        AuditAction.LOGIN_FAILED,
        user=account,
        username=username,
        organisation_id=account.organisation_id if account is not None else None,
        request=request,
    )


def _tracked_fields(model) -> tuple[tuple[str, str], ...]:
    return tuple(
        (field.name, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not field.generated
        and not getattr(field, "auto_now", False)
        and field.name not in IGNORED_FIELDS
    )


def _values(model, instance) -> dict:
    """The instance's loaded field values (deferred fields are absent); lists copied, they may change in place."""
    loaded = instance.__dict__
    return {
        attname: list(loaded[attname]) if isinstance(loaded[attname], list) else loaded[attname]
        for _name, attname in _TRACKED[model]
        if attname in loaded
    }


def _changed_fields(model, instance, loaded: dict | None, update_fields) -> list[str]:
    current = instance.__dict__
    changed = []
    for name, attname in _TRACKED[model]:
        if update_fields is not None and name not in update_fields:
            continue
        if attname not in current:  # deferred and not assigned: not written
            continue
        if loaded is None or attname not in loaded or loaded[attname] != current[attname]:
            changed.append(name)
    return changed


def record_attachment_served(sender, *, request, subject, action, filename, **kwargs):
    """One row per file handed out in a request (`core.responses.attachment_response`).

    A file built outside a request (a command, a test calling the helper) is not a download: nobody received it.
    A generated file is named in `extra` (we chose the name); a served object is identified by the object columns
    instead, and its file name is not written: an uploaded file keeps the name the user gave it, which may hold
    personal data.
    """
    if request is None:
        return None
    return services.record(action, obj=subject, extra=filename if subject is None else "", request=request)
