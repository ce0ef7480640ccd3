from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Organisations, users and roles, two-factor login, the lockout and sessions."""

    name = "accounts"
    # The app label stays "svl", the label these models were created under: AUTH_USER_MODEL is "svl.User", every
    # table is named svl_*, and the migration history and the other apps' migrations refer to "svl".
    label = "svl"
    verbose_name = _("Organizace a uživatelé")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from accounts.permissions import AUDIT_VIEWERS
        from accounts.sessions import start_session_clock
        from audit import registry
        from core import rls

        registry.register_app(self, label_fields={"Organisation": "name", "User": "username"})
        registry.allow_readers(*AUDIT_VIEWERS)
        # The session's lifetime starts at the login (accounts.sessions.SessionLifetimeMiddleware).
        user_logged_in.connect(start_session_clock, dispatch_uid="svl.middleware.session_clock")
        # Keeps the application's database role's privileges in step with the tables after every `migrate`
        # (core/rls.py). Sent for this app, which has tables; core has none.
        post_migrate.connect(rls.grant_application_privileges, sender=self, dispatch_uid="core.rls.grants")
