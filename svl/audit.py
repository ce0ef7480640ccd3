"""The audit log: one append-only record of who did what, when and from where, for the whole system.

GDPR Art. 32 and OWASP ASVS (V7 logging) ask that access to personal data and its changes can be traced afterwards.

What is recorded (`AuditEvent`, svl/models.py):
- logins, logouts and failed logins (the django.contrib.auth signals);
- every create, update and delete of the records of locations, assistants, cases and platforms and of svl's users
  and organisations (post_save / post_delete / m2m_changed, connected in `SvlConfig.ready()`). An update lists the
  names of the changed fields, never their values; a changed `status` is recorded as `status_change` with the old
  and the new status code. A save that changes nothing records nothing;
- every file handed out in a request (PDF documents, XLSX reports, the locality and audit exports, stored
  documents): `core.responses.attachment_response` sends `core.signals.attachment_served`, and
  `record_attachment_served` writes the row;
- views of client records (`cases.services.access_log_write`; the service lead's per-client access log stays).

Who did it: model signals get no request. `AuditMiddleware` keeps the current request in a context variable while
the request runs, and `record()` takes the user and the IP address (REMOTE_ADDR) from it unless they are passed
explicitly (views that have the request at hand pass it). Outside a request (management commands, the shell, tests
calling services) the user is empty and the organisation comes from the record itself.

What is never recorded: field values (identity data, notes, descriptions), passwords, query strings. The label
`object_repr` comes from the one harmless field named per model in REPR_FIELDS (a client's pseudonymous code, a
locality's name) or stays empty; `__str__` is not used, as it may show personal data or run a query.

Changed fields cost no query: the values loaded from the database are kept at `post_init` and compared at
`post_save`, so saving a record runs exactly one extra statement, the INSERT of its audit row. Fields deferred with
`.only()` / `.defer()` and never assigned are not written, hence not compared. Not seen by model signals, hence not
recorded row by row: `QuerySet.update()` and `bulk_create()`.

Bulk writes: bulk_create is not seen by signals; the import writes its rows with record_created_many (and
`record_many` for the many-to-many links the signals would have recorded), which build every row exactly as
`record()` does and insert them all with one bulk_create, plus one `import` event (`AuditAction.IMPORT`) per file
with its counts (assistants/importing.py, locations/importing.py).

Append-only: nothing here updates or deletes an audit row, and a database trigger refuses both (migration
svl/0002_add_audit_event).

Row-level security (svl/rls.py): a row is written under the organisation the request's transaction works for;
the login page's rows, written by an anonymous request, under the account's organisation for that INSERT alone, and
a row of no organisation as the deployment's operators' (`rls.operator()`).
"""

import contextlib
import contextvars
from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth import signals as auth_signals
from django.db import models
from django.db.models import signals
from django.utils.text import capfirst

from svl import rls
from svl.choices import AuditAction
from svl.models import AuditEvent, Organisation, User

# Apps whose every model is audited, and svl's own audited models.
AUDITED_APPS = ("locations", "assistants", "cases", "platforms")
AUDITED_SVL_MODELS = ("svl.Organisation", "svl.User")
# Tables that are themselves history or bookkeeping, written together with a change that is already recorded.
NOT_AUDITED = {
    "cases.AccessLog",
    "cases.ClientCodeCounter",
    "assistants.ShiftStatusChange",
    "platforms.MeetingStatusChange",
}
# The one field shown as a record's label in the log. Models not listed show their id only: their texts may hold
# personal data (a client's identity, a representative's or guest's name, notes and descriptions).
REPR_FIELDS = {
    "svl.Organisation": "name",
    "svl.User": "username",
    "locations.Locality": "name",
    "assistants.Project": "name",
    "assistants.FieldRecordCategory": "name",
    "assistants.Shift": "date",
    "cases.SocialService": "name",
    "cases.Client": "code",
    "platforms.Platform": "name",
    "platforms.Institution": "name",
    "platforms.Output": "title",
}
# A change that is no news: the login time (the login itself is recorded). `auto_now` timestamps and
# database-generated columns are skipped too. The optimistic-locking `version` is kept: when children are replaced
# in bulk (a meeting's agenda), its change is the parent's only trace.
IGNORED_FIELDS = {"last_login"}
STATUS_FIELD = "status"

_current_request = contextvars.ContextVar("svl_audit_request", default=None)
_RESOLVE = object()  # record(): find the organisation from the object or the user

# Filled by connect_signals(): audited model -> ((field name, attname), ...) compared on save; through model -> field.
_TRACKED: dict[type[models.Model], tuple[tuple[str, str], ...]] = {}
_M2M_FIELDS: dict[type[models.Model], models.ManyToManyField] = {}


class AuditMiddleware:
    """Makes the current request visible to the audit signals for as long as it runs.

    A context variable, not a thread-local: each request (thread or task) sees only its own. Place it after
    AuthenticationMiddleware; `request.user` is only read when an event is recorded.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def record(
    action: str,
    *,
    obj: models.Model | None = None,
    user=None,
    username: str = "",
    organisation_id=_RESOLVE,
    changed_fields=(),
    extra: str = "",
    request=None,
) -> AuditEvent:
    """Append one audit row. The only writer of the audit log; it never updates or deletes.

    `user` defaults to the current request's user, `organisation_id` to the object's organisation (else the user's),
    `request` to the current request (for the IP address). `extra` is a short plain text without personal data.
    """
    request = request if request is not None else _current_request.get()
    if user is None and request is not None:
        user = _authenticated_user(request)
    event = _event(
        action,
        obj=obj,
        user=user,
        username=username,
        organisation_id=organisation_id,
        changed_fields=changed_fields,
        extra=extra,
        request=request,
    )
    with _row_level_security_scope(request, event.organisation_id):
        event.save(force_insert=True)
    return event


def record_many(
    action: str, objects: Iterable[models.Model], *, changed_fields=(), user=None, request=None
) -> list[AuditEvent]:
    """One audit row per object, each built exactly as `record()` builds it, inserted with one bulk_create.

    For writes that bypass the model signals (bulk_create): the import. The organisation of each row comes from
    its object, as in `record()`; rows of different organisations are inserted under each one's row-level security
    scope (one INSERT per organisation).
    """
    request = request if request is not None else _current_request.get()
    if user is None and request is not None:
        user = _authenticated_user(request)
    by_organisation: dict[int | None, list[AuditEvent]] = {}
    for obj in objects:
        event = _event(action, obj=obj, user=user, changed_fields=changed_fields, request=request)
        by_organisation.setdefault(event.organisation_id, []).append(event)
    created = []
    for organisation_id, events in by_organisation.items():
        with _row_level_security_scope(request, organisation_id):
            created += AuditEvent.objects.bulk_create(events)
    return created


def record_created_many(objects: Iterable[models.Model], *, user=None, request=None) -> list[AuditEvent]:
    """The `create` rows the post_save signal would have written for objects saved with bulk_create."""
    return record_many(AuditAction.CREATE, objects, user=user, request=request)


def record_attachment_served(sender, *, request, subject, action, filename, **kwargs) -> AuditEvent | None:
    """Receiver of `core.signals.attachment_served` (SvlConfig.ready()): one row per file handed out in a request.

    A file built outside a request (a command, a test calling the helper) is not a download: nobody received it.
    A generated file is named in `extra` (we chose the name); a served object is identified by the object columns
    instead, and its file name is not written: an uploaded file keeps the name the user gave it, which may hold
    personal data.
    """
    if request is None:
        return None
    return record(action, obj=subject, extra=filename if subject is None else "", request=request)


def audited_models() -> list[type[models.Model]]:
    audited = [apps.get_model(label) for label in AUDITED_SVL_MODELS]
    for app_label in AUDITED_APPS:
        audited += [m for m in apps.get_app_config(app_label).get_models() if m._meta.label not in NOT_AUDITED]
    return audited


def object_type_choices() -> list[tuple[str, str]]:
    """(app_label.model, Czech name) of every audited model, for the audit list's filter."""
    choices = [(model._meta.label_lower, capfirst(model._meta.verbose_name)) for model in audited_models()]
    return sorted(choices, key=lambda choice: str(choice[1]))


def connect_signals() -> None:
    """Connect the receivers (SvlConfig.ready()); sender-specific, so other models pay nothing."""
    for model in audited_models():
        _TRACKED[model] = _tracked_fields(model)
        uid = f"svl.audit.{model._meta.label}"
        signals.post_init.connect(_remember_loaded_values, sender=model, dispatch_uid=uid)
        signals.pre_save.connect(_forget_values_of_new_instance, sender=model, dispatch_uid=uid)
        signals.post_save.connect(_saved, sender=model, dispatch_uid=uid)
        signals.post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            _M2M_FIELDS[through] = field
            signals.m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}.{field.name}")
    auth_signals.user_logged_in.connect(_logged_in, dispatch_uid="svl.audit.login")
    auth_signals.user_logged_out.connect(_logged_out, dispatch_uid="svl.audit.logout")
    auth_signals.user_login_failed.connect(_login_failed, dispatch_uid="svl.audit.login_failed")


# --- receivers ---------------------------------------------------------------------------------------


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
        record(AuditAction.CREATE, obj=instance)
    else:
        loaded = getattr(instance, "_audit_loaded", None)
        changed = _changed_fields(sender, instance, loaded, update_fields)
        if STATUS_FIELD in changed:
            old = (loaded or {}).get(STATUS_FIELD, "?")
            extra = f"{STATUS_FIELD}: {old} → {instance.__dict__[STATUS_FIELD]}"
            record(AuditAction.STATUS_CHANGE, obj=instance, changed_fields=changed, extra=extra)
        elif changed:
            record(AuditAction.UPDATE, obj=instance, changed_fields=changed)
    instance._audit_loaded = _values(sender, instance)


def _deleted(sender, instance, **kwargs):
    if sender is Organisation:
        # The row is gone: the event belongs to no organisation (only superusers delete organisations).
        record(AuditAction.DELETE, obj=instance, organisation_id=None)
    else:
        record(AuditAction.DELETE, obj=instance)


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
    record(AuditAction.UPDATE, obj=instance, changed_fields=[name])


def _logged_in(sender, request, user, **kwargs):
    record(AuditAction.LOGIN, user=user, request=request)


def _logged_out(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated:
        record(AuditAction.LOGOUT, user=user, request=request)


def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the user name is read from the credentials, never the password. A user name that matches no account is
    # kept as typed (it could be a password typed into the wrong box): such events belong to no organisation, so
    # only superusers see them, in the Django admin.
    username = str(credentials.get(User.USERNAME_FIELD) or "")[:150]
    account = (
        User.objects.filter(username=username).only("pk", "username", "organisation_id").first() if username else None
    )
    record(
        AuditAction.LOGIN_FAILED,
        user=account,
        username=username,
        organisation_id=account.organisation_id if account is not None else None,
        request=request,
    )


# --- helpers -----------------------------------------------------------------------------------------


def _event(
    action: str,
    *,
    obj: models.Model | None,
    user,
    request,
    username: str = "",
    organisation_id=_RESOLVE,
    changed_fields=(),
    extra: str = "",
) -> AuditEvent:
    """An unsaved audit row; `user` and `request` are already resolved (record(), record_many())."""
    if organisation_id is _RESOLVE:
        organisation_id = _organisation_id(obj) if obj is not None else None
        if organisation_id is None and user is not None:
            organisation_id = user.organisation_id
    return AuditEvent(
        organisation_id=organisation_id,
        user=user,
        username=(username or (user.get_username() if user is not None else ""))[:150],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None and isinstance(obj.pk, int) else None,
        object_repr=_label(obj),
        changed_fields=list(changed_fields),
        ip_address=_ip_address(request),
        extra=extra[:300],
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


def _organisation_id(obj):
    """The organisation of `obj` without a query: its own column, or that of a parent already in memory."""
    if isinstance(obj, Organisation):
        return obj.pk
    values = obj.__dict__
    if "organisation_id" in values:
        return values["organisation_id"]
    for field in obj._meta.concrete_fields:
        if field.many_to_one and field.is_cached(obj):
            parent = field.get_cached_value(obj)
            if parent is not None and "organisation_id" in parent.__dict__:
                return parent.organisation_id
    return None


def _label(obj) -> str:
    if obj is None:
        return ""
    field_name = REPR_FIELDS.get(obj._meta.label)
    if not field_name:
        return ""
    value = obj.__dict__.get(obj._meta.get_field(field_name).attname)
    return "" if value is None else str(value)[:200]


def _authenticated_user(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user


def _row_level_security_scope(request, organisation_id):
    """The row-level security (svl/rls.py) a row needs beyond the request's, for its one INSERT.

    A row is refused unless the transaction works for its organisation. A row of no organisation belongs to none
    (an unknown user name at the login page, a superuser's action, `createsuperuser`): it is written as the
    deployment's operators' (`rls.operator()`), who alone read such rows. An anonymous request (the login page)
    works for no organisation: the row of a login or a failed login is written under the account's organisation.
    A signed-in request's row for another organisation is a scoping mistake, and the database refuses it; so is a
    row of an organisation outside a request, unless the command runs under `rls.all_organisations()` or
    `rls.organisation()`.
    """
    scope = rls.request_scope(request) if request is not None else None
    if organisation_id is None:
        return contextlib.nullcontext() if scope == rls.OPERATOR else rls.operator()
    if request is None:
        return contextlib.nullcontext()
    return rls.organisation(organisation_id) if scope is None else contextlib.nullcontext()


def _ip_address(request) -> str | None:
    """The client's address as the lockout counts it (REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies
    the address they forwarded; svl.lockout.client_ip_address), so the audit log and the lockout agree."""
    from svl.lockout import client_ip_address

    return client_ip_address(request) if request is not None else None
