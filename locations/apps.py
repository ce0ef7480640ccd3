from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocationsConfig(AppConfig):
    """The locality registry (SVL) and its monitoring timeline."""

    name = "locations"
    verbose_name = _("Lokality")
