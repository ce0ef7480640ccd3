"""Row-level security that only the maintenance role can lift, on the audit log and the authenticator devices.

`svl_rls_bypassed()` is what every policy asks about the maintenance bypass (core/rls.py): the setting
`svl.rls_bypass = 'on'` counts only for a member of the database's owner, the role that runs migrations and
commands. The application's role may set it, and still sees one organisation at most. Before, the setting alone
lifted the policies, for any role that could run SQL.

The audit log's policy (first set in cases/0002) is replaced: the deployment's operators (`svl.operator`) now see
the rows of no organisation, which before needed the bypass. The authenticator apps and recovery codes of
django-otp get policies of their own: a device follows its user's organisation, a recovery code its device.
"""

from django.db import migrations

from core.rls_migrations import audit_policy, child_policy, disable, user_device_policy

BYPASSED_FUNCTION = """
CREATE OR REPLACE FUNCTION svl_rls_bypassed() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT coalesce(current_setting('svl.rls_bypass', true), '') = 'on'
           AND pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER')
    $$;
"""
# What cases/0002 had on the audit log, for the way back.
OLD_AUDIT_POLICY = """
DROP POLICY organisation_isolation ON svl_auditevent;
CREATE POLICY organisation_isolation ON svl_auditevent
    USING (current_setting('svl.rls_bypass', true) = 'on'
           OR organisation_id = NULLIF(current_setting('svl.organisation_id', true), '')::bigint)
    WITH CHECK (current_setting('svl.rls_bypass', true) = 'on'
                OR organisation_id = NULLIF(current_setting('svl.organisation_id', true), '')::bigint);
"""
DEVICE_TABLES = ("otp_totp_totpdevice", "otp_static_staticdevice")


class Migration(migrations.Migration):

    dependencies = [
        ("svl", "0005_auditevent_action_unlock"),
        ("cases", "0002_row_level_security"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [
        migrations.RunSQL(BYPASSED_FUNCTION, reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL(audit_policy("svl_auditevent"), reverse_sql=OLD_AUDIT_POLICY),
        migrations.RunSQL(
            "".join(user_device_policy(table) for table in DEVICE_TABLES)
            + child_policy("otp_static_statictoken", "otp_static_staticdevice", "device_id"),
            reverse_sql="".join(disable(table) for table in (*DEVICE_TABLES, "otp_static_statictoken")),
        ),
    ]
