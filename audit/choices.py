"""What an audit-log entry records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """What an audit-log entry records (audit/services.py)."""

    LOGIN = "login", _("přihlášení")
    LOGIN_FAILED = "login_failed", _("neúspěšné přihlášení")
    LOGOUT = "logout", _("odhlášení")
    CREATE = "create", _("vytvoření")
    UPDATE = "update", _("změna")
    DELETE = "delete", _("smazání")
    STATUS_CHANGE = "status_change", _("změna stavu")
    EXPORT = "export", _("export")
    PDF = "pdf", _("stažení PDF")
    VIEW_CLIENT = "view_client", _("zobrazení údajů klienta")
    TWO_FACTOR_RESET = "two_factor_reset", _("zrušení dvoufázového ověření")
    UNLOCK = "unlock", _("odemčení zablokovaného přihlášení")
    # A role added to or removed from a user; `extra` holds the role's code
    # (accounts.services.user_role_changes_record).
    ROLE_GRANT = "role_grant", _("udělení role")
    ROLE_REVOKE = "role_revoke", _("odebrání role")
    # A wrong current password at the user's own password change, or a try refused by its throttle
    # (accounts/lockout.py).
    PASSWORD_CHANGE_FAILED = "password_failed", _("neúspěšná změna hesla")
    # One file imported (shifts, localities); `extra` holds the counts. The rows it created have their own events.
    IMPORT = "import", _("import dat")
