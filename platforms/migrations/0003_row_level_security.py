"""Row-level security on coordination platforms (core/rls.py): every table by its organisation, the institutions
of an anonymised case with the case."""

from django.db import migrations

from core.rls_migrations import child_policy, disable, organisation_policy

OWNED = (
    "platforms_platform",
    "platforms_institution",
    "platforms_representative",
    "platforms_meeting",
    "platforms_agendaitem",
    "platforms_attendance",
    "platforms_guest",
    "platforms_casediscussion",
    "platforms_task",
    "platforms_taskreview",
    "platforms_output",
    "platforms_meetingstatuschange",
)
LINK = ("platforms_casediscussion_institutions", "platforms_casediscussion", "casediscussion_id")


class Migration(migrations.Migration):

    dependencies = [
        ("platforms", "0002_meeting_org_index"),
        ("svl", "0006_row_level_security"),
    ]

    operations = [
        migrations.RunSQL(
            "".join(organisation_policy(table) for table in OWNED) + child_policy(*LINK),
            reverse_sql=disable(LINK[0]) + "".join(disable(table) for table in OWNED),
        ),
    ]
