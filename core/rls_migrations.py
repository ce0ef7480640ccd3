"""SQL of the row-level security policies, shared by the apps' `*_row_level_security` migrations (core/rls.py).

Not a migration itself (Django skips modules starting with "_"). Migrations that have run keep depending on what
these functions return: never change one; add a new function for a new kind of policy.

Every policy is named `organisation_isolation`, is PERMISSIVE for all commands, and uses the same expression for
USING (which rows a session sees, updates and deletes) and WITH CHECK (which rows it may write), so a row can
neither be read nor written outside the session's organisation, nor moved to another one.
"""

# NULLIF: a setting once made in a session reads as '' (not NULL) after its transaction ends.
ORGANISATION = "organisation_id = NULLIF(current_setting('svl.organisation_id', true), '')::bigint"
# The maintenance bypass, honoured only for the database owner's members (svl/0006_row_level_security). A
# sub-select, so PostgreSQL evaluates it once per query rather than once per row.
BYPASS = "(SELECT svl_rls_bypassed())"
OPERATOR = "current_setting('svl.operator', true) = 'on'"
CURRENT_USER = "NULLIF(current_setting('svl.user_id', true), '')::bigint"


def _policy(table: str, using: str, check: str | None = None) -> str:
    return f"""
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS organisation_isolation ON {table};
CREATE POLICY organisation_isolation ON {table} USING ({using}) WITH CHECK ({check or using});
"""


def organisation_policy(table: str) -> str:
    """A table with its own organisation_id."""
    return _policy(table, f"{ORGANISATION} OR {BYPASS}")


def shared_code_list_policy(table: str) -> str:
    """A code list whose rows without an organisation are the defaults every organisation reads (not writes)."""
    return _policy(table, f"organisation_id IS NULL OR {ORGANISATION} OR {BYPASS}", f"{ORGANISATION} OR {BYPASS}")


def child_policy(table: str, parent: str, column: str) -> str:
    """A row without an organisation of its own: visible and writable exactly when its parent row is.

    The sub-select reads `parent` under the parent's own policy, which carries the bypass as well.
    """
    return _policy(table, f"EXISTS (SELECT 1 FROM {parent} parent WHERE parent.id = {table}.{column})")


def user_device_policy(table: str) -> str:
    """A user's authenticator device: visible in the user's organisation, and to an organisation-less user
    (a superuser) for their own devices."""
    user = (
        f"EXISTS (SELECT 1 FROM svl_user u WHERE u.id = {table}.user_id AND "
        f"(u.organisation_id = NULLIF(current_setting('svl.organisation_id', true), '')::bigint "
        f"OR (u.organisation_id IS NULL AND u.id = {CURRENT_USER})))"
    )
    return _policy(table, f"{user} OR {BYPASS}")


def audit_policy(table: str) -> str:
    """The audit log: the organisation's rows; rows of no organisation for the deployment's operators."""
    return _policy(table, f"{ORGANISATION} OR {BYPASS} OR (organisation_id IS NULL AND {OPERATOR})")


def disable(table: str) -> str:
    return f"""
DROP POLICY IF EXISTS organisation_isolation ON {table};
ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;
ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
"""
