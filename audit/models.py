"""The audit log's one table."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.choices import AuditAction
from core.scoping import ORGANISATION_MODEL, OrganisationQuerySet


class AuditEvent(models.Model):
    """One entry of the system-wide audit log (GDPR Art. 32): who did what to which record, when, from where.

    Append-only: the application only inserts (audit/services.py) and a database trigger refuses UPDATE and DELETE
    (migration 0002_add_audit_event). An entry never holds field values: a change lists the names of the changed
    fields only, and `object_repr` is at most a harmless label (a client's pseudonymous code, never identity data
    or notes).
    """

    at = models.DateTimeField(_("kdy"), default=timezone.now, editable=False)
    # Empty for events outside any organisation (a failed login with an unknown user name, a superuser's action).
    organisation = models.ForeignKey(
        ORGANISATION_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("organizace"),
    )
    # The acting user; for a failed login the account whose name was typed, if it exists. Empty for the system.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("uživatel"),
    )
    # The user name at the time of the event (also the name typed at a failed login); never a password.
    username = models.CharField(_("uživatelské jméno"), max_length=150, blank=True)
    action = models.CharField(_("akce"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("typ objektu"), max_length=100, blank=True, help_text=_("app_label.model"))
    object_id = models.BigIntegerField(_("id objektu"), null=True, blank=True)
    object_repr = models.CharField(_("objekt"), max_length=200, blank=True)
    changed_fields = ArrayField(
        models.CharField(max_length=100), default=list, blank=True, verbose_name=_("změněná pole")
    )
    ip_address = models.GenericIPAddressField(_("IP adresa"), null=True, blank=True)
    extra = models.CharField(_("poznámka"), max_length=300, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        # The table it was created under when the audit log was part of the accounts app (label "svl").
        db_table = "svl_auditevent"
        verbose_name = _("záznam auditu")
        verbose_name_plural = _("záznamy auditu")
        ordering = ["-at", "-id"]
        indexes = [
            # Serves the organisation admin's audit list (newest first, keyset on at and id) and its date filter.
            models.Index(fields=["organisation", "at"], name="audit_org_at_idx"),
            # Serves the same list filtered by object type.
            models.Index(fields=["organisation", "object_type", "at"], name="audit_org_type_at_idx"),
            # Serves the service lead's changes of access to clients (accounts.selectors.client_access_changes_for): a
            # handful of rows among all of an organisation's events of 90 days, on a page opened every day.
            models.Index(
                fields=["organisation", "at"],
                condition=models.Q(action__in=[AuditAction.ROLE_GRANT, AuditAction.ROLE_REVOKE]),
                name="audit_org_role_change_idx",
            ),
        ]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.username or '-'} {self.action} {self.object_type}"
