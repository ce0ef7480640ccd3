from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Developer tooling: the demo data (seed_demo) and the load generator (load_test); no tables."""

    name = "demo"
    verbose_name = _("Ukázková data")
