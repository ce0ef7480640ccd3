from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports across the domain apps (grant reports, the situation report) and the dashboard; no tables."""

    name = "reports"
    verbose_name = _("Výkazy")
