"""The audit log: one append-only record of who did what, when and from where, for the whole system.

GDPR Art. 32 and OWASP ASVS (V7 logging) ask that access to personal data and its changes can be traced afterwards.

What is recorded (`AuditEvent`, audit/models.py):
- logins, logouts and failed logins (the django.contrib.auth signals);
- every create, update and delete of the models the apps register (`audit.registry`, called from each app's
  AppConfig; post_save / post_delete / m2m_changed, audit/receivers.py). An update lists the
  names of the changed fields, never their values; a changed `status` is recorded as `status_change` with the old
  and the new status code. A save that changes nothing records nothing;
- every file handed out in a request (PDF documents, XLSX reports, the locality and audit exports, stored
  documents): `core.responses.attachment_response` sends `core.signals.attachment_served`, and
  `audit.receivers.record_attachment_served` writes the row;
- views of client records (`cases.services.access_log_write`; the service lead's per-client access log stays).

Who did it: model signals get no request. `AuditMiddleware` keeps the current request in a context variable while
the request runs, and `record()` takes the user and the IP address (REMOTE_ADDR) from it unless they are passed
explicitly (views that have the request at hand pass it). Outside a request (management commands, the shell, tests
calling services) the user is empty and the organisation comes from the record itself.

What is never recorded: field values (identity data, notes, descriptions), passwords, query strings. The label
`object_repr` comes from the one harmless field named per model in LABEL_FIELDS (a client's pseudonymous code, a
locality's name) or stays empty; `__str__` is not used, as it may show personal data or run a query.

Bulk writes: bulk_create is not seen by signals; the import writes its rows with record_created_many (and
`record_many` for the many-to-many links the signals would have recorded), which build every row exactly as
`record()` does and insert them all with one bulk_create, plus one `import` event (`AuditAction.IMPORT`) per file
with its counts (assistants/importing/saving.py, locations/importing.py).

Append-only: nothing here updates or deletes an audit row, and a database trigger refuses both (migration
0002_add_audit_event of the accounts app, label svl).

Row-level security (core/rls.py): a row is written under the organisation the request's transaction works for;
the login page's rows, written by an anonymous request, under the account's organisation for that INSERT alone, and
a row of no organisation as the deployment's operators' (`rls.operator()`).
"""

import contextlib
import contextvars
from collections.abc import Iterable

from django.db import models

from audit.choices import AuditAction
from audit.models import AuditEvent
from core import rls
from core.http import client_ip_address
from core.scoping import ORGANISATION_MODEL

# The one field shown as a record's label in the log, by model label ("cases.Client": "code"), filled by
# `audit.registry.register`. Models without one show their id only: their texts may hold personal data (a client's
# identity, a representative's or guest's name, notes and descriptions).
LABEL_FIELDS: dict[str, str] = {}

# The request being served, for events recorded without one at hand (model signals); set by AuditMiddleware.
current_request = contextvars.ContextVar("svl_audit_request", default=None)
_RESOLVE = object()  # record(): find the organisation from the object or the user


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
    request = request if request is not None else current_request.get()
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
    request = request if request is not None else current_request.get()
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


# --- receivers ---------------------------------------------------------------------------------------


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


def _organisation_id(obj):
    """The organisation of `obj` without a query: its own column, or that of a parent already in memory."""
    if obj._meta.label == ORGANISATION_MODEL:
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
    field_name = LABEL_FIELDS.get(obj._meta.label)
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
    """The row-level security (core/rls.py) a row needs beyond the request's, for its one INSERT.

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
    the address they forwarded; core.http.client_ip_address), so the audit log and the lockout agree."""
    return client_ip_address(request) if request is not None else None
