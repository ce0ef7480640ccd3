from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantsConfig(AppConfig):
    """Grant projects, APK shifts, field records, mentor review and the monthly work log."""

    name = "assistants"
    verbose_name = _("Asistenti prevence kriminality")

    def ready(self):
        from audit import registry

        registry.register_app(
            self,
            skip=["ShiftStatusChange"],
            label_fields={"Project": "name", "FieldRecordCategory": "name", "Shift": "date"},
        )
