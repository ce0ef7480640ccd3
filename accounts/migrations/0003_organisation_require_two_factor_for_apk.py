from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("svl", "0002_add_audit_event"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="require_two_factor_for_apk",
            field=models.BooleanField(
                default=False, verbose_name="vyžadovat dvoufázové ověření i od asistentů prevence kriminality"
            ),
        ),
    ]
