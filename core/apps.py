from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The toolkit every SVL app builds on; it imports no SVL app (docs/architecture.md).

    Installed for its template tags (`{% load clock %}`) and its commands (embedded_db, backup_db, restore_db);
    it has no tables.
    """

    name = "core"
    verbose_name = _("Základ")
