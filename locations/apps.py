from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocationsConfig(AppConfig):
    """The locality registry (SVL) and its monitoring timeline."""

    name = "locations"
    verbose_name = _("Lokality")

    def ready(self):
        from audit import registry

        registry.register_app(self, label_fields={"Locality": "name"})
