from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SvlConfig(AppConfig):
    """Cross-cutting parts shared by every app: organisations, users and roles, scoping."""

    name = "svl"
    verbose_name = _("Organizace a uživatelé")
