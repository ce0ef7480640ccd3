"""PostgreSQL row-level security: the database's own check that a session sees only one organisation's rows.

The first line of isolation is the application's: every read starts with `for_user` (svl/models.py) and every
object outside the user's organisation is a 404. Row-level security is the second line, for the day a query
forgets that scoping: on the client tables (every table of `cases`) and on the audit log, PostgreSQL itself
hides other organisations' rows and refuses to write them (migration cases/0002_row_level_security).

A policy lets a row through when either session setting allows it:
- `svl.organisation_id`: the organisation the current transaction works for. `RowLevelSecurityMiddleware` sets it
  with `set_config(..., is_local => true)` (= SET LOCAL) as the signed-in user's organisation, inside a
  transaction it opens around the rest of the request; the setting ends with that transaction, so nothing carries
  over to the next request on a reused connection. Django's ATOMIC_REQUESTS wraps only the view, not the
  middleware, hence the middleware's own transaction (the view's becomes a savepoint in it). Without the setting
  a session sees no rows at all and can write none.
- `svl.rls_bypass = 'on'`: every organisation, for maintenance that must see them all (`all_organisations()`:
  commands such as seed_demo and anonymise_expired, backups, the tests' set-up) and for superusers' requests
  (they run the deployment and the Django admin shows them every organisation's audit log; the application's
  scoping still shows a superuser without an organisation no domain data).

Neither setting protects anything against a role that may switch row-level security off: a superuser, a role with
BYPASSRLS, or (without FORCE ROW LEVEL SECURITY, which the migration sets) the tables' owner. The application
connects as a role that is none of the first two (README, "Deploying"; the embedded database's `svl_app`,
svl/embedded_db.py; the deploy check `svl.W001` below warns otherwise).

Anonymous requests set no organisation. The one thing they write to these tables is the audit row of a login or
a failed login: `svl.audit.record` writes it under the account's organisation for that one INSERT
(`organisation()`). An audit row of no organisation (an unknown user name, a superuser's action) is readable only
with the bypass, and Django's INSERT ... RETURNING needs the row readable, so `record` writes it with the bypass.
"""

import contextlib

from django.core import checks
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

ORGANISATION_SETTING = "svl.organisation_id"
BYPASS_SETTING = "svl.rls_bypass"
# What the middleware scoped a request to, kept on the request (`request.rls_scope`).
ALL_ORGANISATIONS = "all"


class RowLevelSecurityMiddleware:
    """Runs the rest of the request in one transaction scoped to the signed-in user's organisation.

    Place it after AuthenticationMiddleware. The user is read (session and user queries) before the setting, so
    the setting is the first statement after them: one `SELECT set_config(...)` per request of a signed-in user.
    An anonymous request gets neither the transaction nor the setting (it may see nothing anyway), so a page that
    needs no database, such as the redirect to the login page, still touches none. `savepoint=False`: where a
    transaction is already open (tests) no savepoint is made; an error inside rolls the whole request back, as it
    would anyway. A streamed response reads its rows after the transaction has ended: it scopes itself again
    (`for_user`, as the audit export does).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated:
            request.rls_scope = None
            return self.get_response(request)
        with transaction.atomic(savepoint=False):
            request.rls_scope = scope_transaction_to(request.user)
            return self.get_response(request)


def scope_transaction_to(user, *, using: str = DEFAULT_DB_ALIAS):
    """Scope the current transaction to `user`; returns the scope set (ALL_ORGANISATIONS, an organisation id, None).

    Must run inside a transaction (`transaction.atomic`): the setting is local to it.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        _set_local(BYPASS_SETTING, "on", using=using)
        return ALL_ORGANISATIONS
    if user.organisation_id is None:
        return None
    _set_local(ORGANISATION_SETTING, str(user.organisation_id), using=using)
    return user.organisation_id


def request_scope(request):
    """What the middleware scoped `request` to: ALL_ORGANISATIONS, an organisation id, or None (anonymous).

    A request that did not pass the middleware (RequestFactory in a test) counts as scoped: there is nothing to
    make up for.
    """
    return getattr(request, "rls_scope", ALL_ORGANISATIONS)


@contextlib.contextmanager
def all_organisations(*, using: str = DEFAULT_DB_ALIAS):
    """Lift row-level security for the block: maintenance that works across organisations (commands, tests)."""
    with _setting(BYPASS_SETTING, "on", using=using):
        yield


@contextlib.contextmanager
def organisation(organisation_id: int, *, using: str = DEFAULT_DB_ALIAS):
    """Work for one organisation in the block: an import command for one organisation, the audit row of a login."""
    with _setting(ORGANISATION_SETTING, str(organisation_id), using=using):
        yield


def for_user(user, *, using: str = DEFAULT_DB_ALIAS):
    """A block working for what `user` may see, outside the request's transaction (a streamed response's rows)."""
    if getattr(user, "is_superuser", False):
        return all_organisations(using=using)
    organisation_id = getattr(user, "organisation_id", None)
    if not getattr(user, "is_authenticated", False) or organisation_id is None:
        return contextlib.nullcontext()
    return organisation(organisation_id, using=using)


@contextlib.contextmanager
def _setting(name: str, value: str, *, using: str):
    """Set `name` for the block and put the previous value back afterwards.

    Inside a transaction the setting is local to it (SET LOCAL): even a block that never gets to restore it cannot
    outlive the transaction, so a request's connection never keeps it. Outside one (a command in autocommit mode)
    it is the session's, which is what lets a command's many short transactions share it; it is put back when the
    block ends. When the block ends with an error that left its transaction aborted, the restore fails and is
    skipped: the setting was made in that same transaction (an inner atomic block has rolled back before this
    block ends), and the rollback that must follow takes it away.
    """
    connection = connections[using]
    local = connection.in_atomic_block
    with connection.cursor() as cursor:
        # The subquery (kept apart by OFFSET 0) reads the old value before the outer query sets the new one.
        cursor.execute(
            "SELECT previous.value, set_config(%s, %s, %s)"
            " FROM (SELECT current_setting(%s, true) AS value OFFSET 0) AS previous",
            [name, value, local, name],
        )
        previous = cursor.fetchone()[0] or ""
    failed = True
    try:
        yield
        failed = False
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, %s, %s)", [name, previous, local])
        except DatabaseError:
            if not failed:
                raise


def _set_local(name: str, value: str, *, using: str) -> None:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [name, value])


# --- deploy check ------------------------------------------------------------------------------------


@checks.register(checks.Tags.security, deploy=True)
def check_database_role(app_configs=None, **kwargs):
    """`check --deploy`: the application's database role must be subject to row-level security."""
    return database_role_warnings(connections[DEFAULT_DB_ALIAS])


def database_role_warnings(connection) -> list[checks.CheckMessage]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
            role, superuser, bypassrls = cursor.fetchone()
    except DatabaseError:
        # Unreachable (the check runs before the database exists, or elsewhere): `migrate` will say so.
        return []
    if not (superuser or bypassrls):
        return []
    attribute = "SUPERUSER" if superuser else "BYPASSRLS"
    return [
        checks.Warning(
            f"The application connects to PostgreSQL as {role}, a role with {attribute}: row-level security does "
            "not apply to it, so the database's second line of isolation between organisations is off.",
            hint='Connect as a role with NOSUPERUSER NOBYPASSRLS (README, "Deploying", Database-level isolation).',
            id="svl.W001",
        )
    ]
