"""Row-level security on the client tables and the audit log (core/rls.py explains the settings).

Every table of `cases` carries its organisation (cases/models.py), so one policy on `organisation_id` serves each;
the audit log (svl_auditevent) gets the same policy here too, next to the client data it describes, rather than in
an svl migration of its own. FORCE makes the policies bind the tables' owner as well: the embedded database's
application role owns them.

A row is visible, and may be inserted or updated into, when the session works for its organisation
(`svl.organisation_id`) or has the maintenance bypass on (`svl.rls_bypass`). Without either a query sees no rows.
Audit rows of no organisation (a failed login with an unknown user name, a superuser's action) need the bypass both
ways: Django inserts with RETURNING, which PostgreSQL allows only for a row the session may also read, and such rows
are for superusers only; `audit.services.record` writes them with the bypass for that INSERT. UPDATE and DELETE of audit
rows see the same rows as SELECT, so the append-only trigger (svl/0002_add_audit_event) still refuses them with its
own error.

Foreign-key checks and cascades are not subject to row-level security (PostgreSQL runs them as the owner without
the policies). A later data migration that reads or writes these tables must turn the bypass on first, e.g.
`migrations.RunSQL("SELECT set_config('svl.rls_bypass', 'on', true)", migrations.RunSQL.noop)`; it is local to the
migration's transaction.
"""

from django.db import migrations

TABLES = (
    "cases_socialservice",
    "cases_clientcodecounter",
    "cases_client",
    "cases_clientidentity",
    "cases_case",
    "cases_contact",
    "cases_anonymouscontact",
    "cases_individualplan",
    "cases_planreview",
    "cases_referral",
    "cases_accesslog",
    "svl_auditevent",
)
# NULLIF: a setting once made in a session reads as '' (not NULL) after its transaction ends.
ALLOWED = (
    "current_setting('svl.rls_bypass', true) = 'on'"
    " OR organisation_id = NULLIF(current_setting('svl.organisation_id', true), '')::bigint"
)


def _enable(table: str) -> str:
    return f"""
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
CREATE POLICY organisation_isolation ON {table} USING ({ALLOWED}) WITH CHECK ({ALLOWED});
"""


def _disable(table: str) -> str:
    return f"""
DROP POLICY organisation_isolation ON {table};
ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;
ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
"""



class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0001_initial"),
        ("svl", "0002_add_audit_event"),
    ]

    operations = [
        migrations.RunSQL(
            "".join(_enable(table) for table in TABLES),
            reverse_sql="".join(_disable(table) for table in TABLES),
        ),
    ]
