"""Row-level security on projects, shifts and field records (core/rls.py).

Tables with an organisation by it; the default categories (no organisation) are read by every organisation and
written by none; the team, mentor and locality links, breaks and status history with their project or shift.
"""

from django.db import migrations

from core.rls_migrations import child_policy, disable, organisation_policy, shared_code_list_policy

OWNED = ("assistants_project", "assistants_shift", "assistants_fieldrecord", "assistants_reportnarrative")
CHILDREN = (
    ("assistants_project_assistants", "assistants_project", "project_id"),
    ("assistants_project_mentors", "assistants_project", "project_id"),
    ("assistants_project_localities", "assistants_project", "project_id"),
    ("assistants_shift_assistants", "assistants_shift", "shift_id"),
    ("assistants_shift_localities", "assistants_shift", "shift_id"),
    ("assistants_shiftbreak", "assistants_shift", "shift_id"),
    ("assistants_shiftstatuschange", "assistants_shift", "shift_id"),
)
CATEGORIES = "assistants_fieldrecordcategory"


class Migration(migrations.Migration):

    dependencies = [
        ("assistants", "0004_report_narrative"),
        ("svl", "0006_row_level_security"),
    ]

    operations = [
        migrations.RunSQL(
            "".join(organisation_policy(table) for table in OWNED)
            + shared_code_list_policy(CATEGORIES)
            + "".join(child_policy(*child) for child in CHILDREN),
            reverse_sql="".join(disable(table) for table in (*(child[0] for child in CHILDREN), CATEGORIES, *OWNED)),
        ),
    ]
