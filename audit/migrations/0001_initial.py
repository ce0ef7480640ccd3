import django.contrib.postgres.fields
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("svl", "0014_auditevent_moves_to_audit"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The table exists since svl/0002_add_audit_event (the app was part of the accounts app then): state only.
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "at",
                            models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="kdy"),
                        ),
                        ("username", models.CharField(blank=True, max_length=150, verbose_name="uživatelské jméno")),
                        (
                            "action",
                            models.CharField(
                                choices=[
                                    ("login", "přihlášení"),
                                    ("login_failed", "neúspěšné přihlášení"),
                                    ("logout", "odhlášení"),
                                    ("create", "vytvoření"),
                                    ("update", "změna"),
                                    ("delete", "smazání"),
                                    ("status_change", "změna stavu"),
                                    ("export", "export"),
                                    ("pdf", "stažení PDF"),
                                    ("view_client", "zobrazení údajů klienta"),
                                    ("two_factor_reset", "zrušení dvoufázového ověření"),
                                    ("unlock", "odemčení zablokovaného přihlášení"),
                                    ("role_grant", "udělení role"),
                                    ("role_revoke", "odebrání role"),
                                    ("password_failed", "neúspěšná změna hesla"),
                                    ("import", "import dat"),
                                ],
                                max_length=20,
                                verbose_name="akce",
                            ),
                        ),
                        (
                            "object_type",
                            models.CharField(
                                blank=True, help_text="app_label.model", max_length=100, verbose_name="typ objektu"
                            ),
                        ),
                        ("object_id", models.BigIntegerField(blank=True, null=True, verbose_name="id objektu")),
                        ("object_repr", models.CharField(blank=True, max_length=200, verbose_name="objekt")),
                        (
                            "changed_fields",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.CharField(max_length=100),
                                blank=True,
                                default=list,
                                size=None,
                                verbose_name="změněná pole",
                            ),
                        ),
                        ("ip_address", models.GenericIPAddressField(blank=True, null=True, verbose_name="IP adresa")),
                        ("extra", models.CharField(blank=True, max_length=300, verbose_name="poznámka")),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="svl.organisation",
                                verbose_name="organizace",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="uživatel",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "záznam auditu",
                        "verbose_name_plural": "záznamy auditu",
                        "db_table": "svl_auditevent",
                        "ordering": ["-at", "-id"],
                        "indexes": [
                            models.Index(fields=["organisation", "at"], name="audit_org_at_idx"),
                            models.Index(fields=["organisation", "object_type", "at"], name="audit_org_type_at_idx"),
                            models.Index(
                                condition=models.Q(("action__in", ["role_grant", "role_revoke"])),
                                fields=["organisation", "at"],
                                name="audit_org_role_change_idx",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
