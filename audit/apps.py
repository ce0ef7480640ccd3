from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The system-wide audit log. Apps opt their models in from their own AppConfig (audit.registry)."""

    name = "audit"
    verbose_name = _("Audit")

    def ready(self):
        from audit import receivers

        receivers.connect()
