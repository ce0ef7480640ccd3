"""PostgreSQL row-level security: the database's own check that a session sees only one organisation's rows.

The first line of isolation is the application's: every read starts with `for_user` (accounts/models.py) and every
object outside the user's organisation is a 404. Row-level security is the second line, for the day a query
forgets that scoping: on every table that holds an organisation's data (the policies are in each app's
`*_row_level_security` migration; tests/core/test_rls.py fails on a table left out), PostgreSQL itself hides other
organisations' rows and refuses to write them. Tables with an `organisation_id` compare it with the session's
organisation; a table without one (many-to-many links, shift breaks, status history, recovery codes) shows a row
when its parent row is visible; the authenticator devices follow their user's organisation.

A policy lets a row through when the session's settings allow it:
- `svl.organisation_id`: the organisation the current transaction works for. `RowLevelSecurityMiddleware` sets it
  with `set_config(..., is_local => true)` (= SET LOCAL) as the signed-in user's organisation, inside a
  transaction it opens around the rest of the request; the setting ends with that transaction, so nothing carries
  over to the next request on a reused connection. Django's ATOMIC_REQUESTS wraps only the view, not the
  middleware, hence the middleware's own transaction (the view's becomes a savepoint in it). Without the setting
  a session sees no rows at all and can write none.
- `svl.user_id`: the signed-in user, set with it; it shows a user without an organisation (a superuser) their own
  authenticator devices.
- `svl.operator = 'on'`: the deployment's operators (superusers, `operator()`) see the audit rows that belong to no
  organisation (failed logins with an unknown user name, superusers' own actions). Nothing else.
- `svl.rls_bypass = 'on'`: every organisation, for maintenance that must see them all (`all_organisations()`:
  commands such as seed_demo and anonymise_expired, backups, the tests' set-up). The policies honour it only for a
  member of the database's owner role, the maintenance role that runs migrations and commands
  (`svl_rls_bypassed()`, migration svl/0006). The application's role may set it, and nothing happens.

Two roles (README, "Deploying"; the embedded database's `svl_owner` and `svl_app`, core/embedded_db.py): the
maintenance role owns the schema; the application's role owns nothing, so it cannot switch row-level security
off, drop or change a policy, disable the audit log's trigger, truncate a table or create objects, and it may only
read and insert audit rows (`grant_application_privileges`, run after every `migrate`). Neither role is superuser
or BYPASSRLS; FORCE ROW LEVEL SECURITY binds the owner too. The deploy checks below warn when this is not so.

What it does not do: the application's role can still set `svl.organisation_id` to any organisation, so row-level
security guards against the application's scoping mistakes, not against SQL run by an attacker as that role.

Anonymous requests set no organisation. The one thing they write to these tables is the audit row of a login or
a failed login: `audit.services.record` writes it under the account's organisation for that one INSERT
(`organisation()`), or, for an unknown user name, under `operator()`.
"""

import contextlib

from django.conf import settings
from django.core import checks
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

ORGANISATION_SETTING = "svl.organisation_id"
USER_SETTING = "svl.user_id"
OPERATOR_SETTING = "svl.operator"
BYPASS_SETTING = "svl.rls_bypass"
# What the middleware scoped a superuser's request to, kept on the request (`request.rls_scope`).
OPERATOR = "operator"
# Tables the application's role may read and add to but never change (append-only logs).
APPEND_ONLY_TABLES = ("svl_auditevent",)
# Django's record of applied migrations belongs to the maintenance role alone.
READ_ONLY_TABLES = ("django_migrations",)


class BypassRefused(RuntimeError):
    """`all_organisations()` was asked of a role that may not lift row-level security (the application's)."""


class RowLevelSecurityMiddleware:
    """Runs the rest of the request in one transaction scoped to the signed-in user's organisation.

    Place it right after AuthenticationMiddleware, before anything that reads organisation data (django-otp's
    OTPMiddleware reads the user's authenticator device). The user is read (session and user queries) before the
    setting, so the setting is the first statement after them: one `SELECT set_config(...)` per request of a
    signed-in user. An anonymous request gets neither the transaction nor the setting (it may see nothing anyway),
    so a page that needs no database, such as the redirect to the login page, still touches none.
    `savepoint=False`: where a transaction is already open (tests) no savepoint is made; an error inside rolls the
    whole request back, as it would anyway. A streamed response reads its rows after the transaction has ended:
    it scopes itself again (`for_user`, as the audit export does).
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
    """Scope the current transaction to `user`; returns the scope set (OPERATOR, an organisation id, None).

    Must run inside a transaction (`transaction.atomic`): the settings are local to it. One statement.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    values = {USER_SETTING: str(user.pk)}
    if user.is_superuser:
        scope, values[OPERATOR_SETTING] = OPERATOR, "on"
    elif user.organisation_id is None:
        scope = None
    else:
        scope, values[ORGANISATION_SETTING] = user.organisation_id, str(user.organisation_id)
    calls = ", ".join("set_config(%s, %s, true)" for _ in values)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {calls}", [item for pair in values.items() for item in pair])
    return scope


def request_scope(request):
    """What the middleware scoped `request` to: OPERATOR, an organisation id, or None (anonymous).

    A request that did not pass the middleware (RequestFactory in a test) has nothing to make up for: it counts
    as already scoped.
    """
    return getattr(request, "rls_scope", OPERATOR)


@contextlib.contextmanager
def all_organisations(*, using: str = DEFAULT_DB_ALIAS):
    """Lift row-level security for the block: maintenance across organisations (commands, tests).

    Only the maintenance role can (svl/settings.py, DATABASE_ROLE); asked of the application's role it raises
    BypassRefused rather than quietly showing nothing.
    """
    with _setting(BYPASS_SETTING, "on", using=using):
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT svl_rls_bypassed()")
            if not cursor.fetchone()[0]:
                raise BypassRefused(
                    "This database role may not lift row-level security: run the command as the maintenance role "
                    '(MAINTENANCE_DATABASE_URL; `manage.py` commands use it), README "Deploying".'
                )
        yield


@contextlib.contextmanager
def organisation(organisation_id: int, *, using: str = DEFAULT_DB_ALIAS):
    """Work for one organisation in the block: an import command for one organisation, the audit row of a login."""
    with _setting(ORGANISATION_SETTING, str(organisation_id), using=using):
        yield


@contextlib.contextmanager
def operator(*, using: str = DEFAULT_DB_ALIAS):
    """See and write the audit rows of no organisation in the block (a superuser, an unknown user name)."""
    with _setting(OPERATOR_SETTING, "on", using=using):
        yield


def for_user(user, *, using: str = DEFAULT_DB_ALIAS):
    """A block working for what `user` may see, outside the request's transaction (a streamed response's rows)."""
    if getattr(user, "is_superuser", False):
        return operator(using=using)
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


# --- the application's privileges -----------------------------------------------------------------


def grant_application_privileges(*, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Give the application's role what it needs and nothing more (receiver of post_migrate, SvlConfig.ready()).

    Read and write every table and use its sequences; the append-only logs only SELECT and INSERT; no CREATE in the
    schema (PostgreSQL before 15 grants it to PUBLIC). Idempotent: every `migrate` runs it, so a table a migration
    adds is covered at once. Nothing to do when the application connects as this role itself (one role for both,
    which the deploy check warns about).
    """
    role = settings.APPLICATION_DATABASE_USER
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s)", [role])
        current, exists = cursor.fetchone()
        if not role or role == current or not exists:
            return
        quoted = connection.ops.quote_name(role)
        cursor.execute(f"REVOKE CREATE ON SCHEMA public FROM PUBLIC, {quoted}")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {quoted}")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}")
        cursor.execute(f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {quoted}")
        existing = set(connection.introspection.table_names(cursor))
        for table in APPEND_ONLY_TABLES:
            if table in existing:
                cursor.execute(f"REVOKE UPDATE, DELETE ON {connection.ops.quote_name(table)} FROM {quoted}")
        for table in READ_ONLY_TABLES:
            if table in existing:
                cursor.execute(f"REVOKE INSERT, UPDATE, DELETE ON {connection.ops.quote_name(table)} FROM {quoted}")


# --- deploy checks -----------------------------------------------------------------------------------


@checks.register(checks.Tags.security, deploy=True)
def check_database_role(app_configs=None, **kwargs):
    """`check --deploy`: the database roles keep row-level security meaningful."""
    connection = connections[DEFAULT_DB_ALIAS]
    return database_role_warnings(connection) + application_role_warnings(
        connection, settings.APPLICATION_DATABASE_USER
    )


def database_role_warnings(connection) -> list[checks.CheckMessage]:
    """The connection's own role must be subject to row-level security."""
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


def application_role_warnings(connection, role: str) -> list[checks.CheckMessage]:
    """The application's role must own nothing and be no member of the database's owner (who may lift RLS)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT r.rolsuper OR r.rolbypassrls,
                       pg_has_role(r.oid, d.datdba, 'MEMBER'),
                       EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                               WHERE n.nspname = 'public' AND pg_has_role(r.oid, c.relowner, 'MEMBER'))
                FROM pg_roles r, pg_database d
                WHERE r.rolname = %s AND d.datname = current_database()
                """,
                [role],
            )
            row = cursor.fetchone()
    except DatabaseError:
        return []
    if row is None or not any(row):
        return []
    return [
        checks.Warning(
            f"The application's database role {role} can lift or switch off row-level security: it is superuser "
            "or BYPASSRLS, owns the database or its tables, or is a member of their owner.",
            hint=(
                "Give the application a role of its own that owns nothing (DATABASE_URL) and run migrations and "
                'commands as the owner (MAINTENANCE_DATABASE_URL); README, "Deploying".'
            ),
            id="svl.W002",
        )
    ]
