from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Client cases of the police-liaison social service: the most sensitive data in the system."""

    name = "cases"
    verbose_name = _("Klientské případy")
