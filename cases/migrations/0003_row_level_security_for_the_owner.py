"""The client tables' policies honour the maintenance bypass only for the database owner's members
(svl/0006, `svl_rls_bypassed()`), and the case and contact worker links get policies of their own: a link row is
visible exactly when its case or contact is."""

from django.db import migrations

from core.rls_migrations import child_policy, disable, organisation_policy

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
)
LINKS = (("cases_case_workers", "cases_case", "case_id"), ("cases_contact_workers", "cases_contact", "contact_id"))
# What cases/0002 had, for the way back.
OLD_ALLOWED = (
    "current_setting('svl.rls_bypass', true) = 'on'"
    " OR organisation_id = NULLIF(current_setting('svl.organisation_id', true), '')::bigint"
)


def _old_policy(table: str) -> str:
    return f"""
DROP POLICY organisation_isolation ON {table};
CREATE POLICY organisation_isolation ON {table} USING ({OLD_ALLOWED}) WITH CHECK ({OLD_ALLOWED});
"""


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_row_level_security"),
        ("svl", "0006_row_level_security"),
    ]

    operations = [
        migrations.RunSQL(
            "".join(organisation_policy(table) for table in TABLES),
            reverse_sql="".join(_old_policy(table) for table in TABLES),
        ),
        migrations.RunSQL(
            "".join(child_policy(*link) for link in LINKS),
            reverse_sql="".join(disable(link[0]) for link in LINKS),
        ),
    ]
