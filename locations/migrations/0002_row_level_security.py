"""Row-level security on the locality registry (core/rls.py): localities by their organisation, observations with
their locality."""

from django.db import migrations

from core.rls_migrations import child_policy, disable, organisation_policy


class Migration(migrations.Migration):

    dependencies = [
        ("locations", "0001_initial"),
        ("svl", "0006_row_level_security"),
    ]

    operations = [
        migrations.RunSQL(
            organisation_policy("locations_locality")
            + child_policy("locations_localityobservation", "locations_locality", "locality_id"),
            reverse_sql=disable("locations_localityobservation") + disable("locations_locality"),
        ),
    ]
