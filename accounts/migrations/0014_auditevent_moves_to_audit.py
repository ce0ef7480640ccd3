from django.db import migrations


class Migration(migrations.Migration):
    """AuditEvent moves to the audit app; its table (svl_auditevent), trigger and policies stay as they are."""

    dependencies = [
        ("svl", "0013_audit_action_import"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEvent")],
            database_operations=[],
        ),
    ]
