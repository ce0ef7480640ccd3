from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SvlConfig(AppConfig):
    """Cross-cutting parts shared by every app: organisations, users and roles, scoping, the audit log."""

    name = "svl"
    verbose_name = _("Organizace a uživatelé")

    def ready(self):
        # The audit log is the one cross-cutting concern recorded through signals (svl/audit.py).
        from svl import audit

        audit.connect_signals()
        # The session's lifetime starts at the login (svl.middleware.SessionLifetimeMiddleware).
        from django.contrib.auth.signals import user_logged_in

        from svl.middleware import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="svl.middleware.session_clock")
        # Registers the deploy check that the database role is subject to row-level security.
        from svl import rls  # noqa: F401
