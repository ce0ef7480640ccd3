from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformsConfig(AppConfig):
    """Coordination platforms: member institutions, meetings with attendance and minutes, tasks, outputs."""

    name = "platforms"
    verbose_name = _("Koordinační platformy")

    def ready(self):
        from audit import registry

        registry.register_app(
            self,
            skip=["MeetingStatusChange"],
            label_fields={"Platform": "name", "Institution": "name", "Output": "title"},
        )
