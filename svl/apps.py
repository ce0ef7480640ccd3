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
        # Every file handed out (core.responses.attachment_response) is recorded; core itself imports no app.
        from core.signals import attachment_served

        attachment_served.connect(audit.record_attachment_served, dispatch_uid="svl.audit.attachment_served")
        # The session's lifetime starts at the login (svl.middleware.SessionLifetimeMiddleware).
        from django.contrib.auth.signals import user_logged_in

        from svl.middleware import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="svl.middleware.session_clock")
        # Registers the deploy checks of the database roles, and keeps the application's role's privileges in step
        # with the tables after every `migrate` (svl/rls.py).
        from django.db.models.signals import post_migrate

        from svl import rls

        post_migrate.connect(rls.grant_application_privileges, sender=self, dispatch_uid="svl.rls.grants")
