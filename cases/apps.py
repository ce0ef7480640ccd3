from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Client cases of the police-liaison social service: the most sensitive data in the system."""

    name = "cases"
    verbose_name = _("Klientské případy")

    def ready(self):
        from audit import registry

        # The access log and the code counter are bookkeeping written together with a change already recorded.
        registry.register_app(
            self, skip=["AccessLog", "ClientCodeCounter"], label_fields={"SocialService": "name", "Client": "code"}
        )
