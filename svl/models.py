from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group, Permission, UserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from svl.choices import AuditAction, OrganisationKind, Role
from svl.validators import validate_ico, validate_no_control_characters
from svl.versioning import Versioned


class Organisation(Versioned):
    """A tenant: a city office, a municipal police, an NGO or a social-service provider.

    Every domain record belongs to exactly one organisation; no user ever sees another's records.
    """

    name = models.CharField(_("název"), max_length=200, validators=[validate_no_control_characters])
    ico = models.CharField(
        _("IČO"), max_length=8, unique=True, validators=[validate_ico, validate_no_control_characters]
    )
    kind = models.CharField(_("druh"), max_length=20, choices=OrganisationKind.choices)
    seat_municipality = models.CharField(
        _("sídlo (obec)"), max_length=100, blank=True, validators=[validate_no_control_characters]
    )
    # Two-factor login is always required of the roles that see clients or manage others (svl/two_factor.py);
    # for APKs, who log in on shared tablets, the organisation decides.
    require_two_factor_for_apk = models.BooleanField(
        _("vyžadovat dvoufázové ověření i od asistentů prevence kriminality"), default=False
    )
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)

    stale_message = _("Nastavení organizace mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("organizace")
        verbose_name_plural = _("organizace")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    """The one scoping mechanism: every read of organisation-owned data starts with `for_user`.

    `organisation_path` names the lookup from the model to its organisation (a direct foreign key
    for owned records, a path through the parent for child records).
    """

    organisation_path = "organisation"

    def for_organisation(self, organisation_id):
        return self.filter(**{f"{self.organisation_path}_id": organisation_id})

    def for_user(self, user):
        organisation_id = getattr(user, "organisation_id", None)
        if not getattr(user, "is_authenticated", False) or organisation_id is None:
            return self.none()
        return self.for_organisation(organisation_id)


class OrganisationOwned(models.Model):
    """Abstract base of every record owned directly by an organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organizace")
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        abstract = True


class SvlUserManager(UserManager.from_queryset(OrganisationQuerySet)):
    pass


class User(Versioned, AbstractUser):
    """A person who logs in; belongs to one organisation and holds one or more roles.

    Superusers created for Django admin may have no organisation; they then see no domain data.
    """

    # AbstractUser's own name and e-mail fields, with the control-character check every text field has.
    # (username keeps Django's UnicodeUsernameValidator: letters, digits and @.+-_ only.)
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_no_control_characters]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_no_control_characters]
    )
    email = models.EmailField(_("email address"), blank=True, validators=[validate_no_control_characters])
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("organizace"),
    )
    roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices),
        default=list,
        blank=True,
        verbose_name=_("role"),
    )
    # Django's groups and permissions (SVL itself uses roles; the admin still shows them) with no way back from a
    # group or a permission, rows every organisation shares, to the users of every organisation
    # (tests/svl/test_shared_rows.py).
    groups = models.ManyToManyField(Group, blank=True, related_name="+", verbose_name=_("skupiny"))
    user_permissions = models.ManyToManyField(
        Permission, blank=True, related_name="+", verbose_name=_("oprávnění uživatele")
    )

    objects = SvlUserManager()

    stale_message = _("Uživatele mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("uživatel")
        verbose_name_plural = _("uživatelé")
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(roles__contained_by=Role.values),
                name="user_roles_known",
                violation_error_message=_("Neznámá role."),
            ),
        ]
        indexes = [
            # Serves "users of my organisation with role X" (team pickers, user lists).
            models.Index(fields=["organisation", "is_active"], name="user_org_active_idx"),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_absolute_url(self):
        return reverse("users:edit", args=[self.pk])

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [labels.get(role, role) for role in self.roles]


class AuditEvent(models.Model):
    """One entry of the system-wide audit log (GDPR Art. 32): who did what to which record, when, from where.

    Append-only: the application only inserts (svl/audit.py) and a database trigger refuses UPDATE and DELETE
    (migration 0002_add_audit_event). An entry never holds field values: a change lists the names of the changed
    fields only, and `object_repr` is at most a harmless label (a client's pseudonymous code, never identity data
    or notes).
    """

    at = models.DateTimeField(_("kdy"), default=timezone.now, editable=False)
    # Empty for events outside any organisation (a failed login with an unknown user name, a superuser's action).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("organizace")
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
        verbose_name = _("záznam auditu")
        verbose_name_plural = _("záznamy auditu")
        ordering = ["-at", "-id"]
        indexes = [
            # Serves the organisation admin's audit list (newest first, keyset on at and id) and its date filter.
            models.Index(fields=["organisation", "at"], name="audit_org_at_idx"),
            # Serves the same list filtered by object type.
            models.Index(fields=["organisation", "object_type", "at"], name="audit_org_type_at_idx"),
            # Serves the service lead's changes of access to clients (svl.selectors.client_access_changes_for): a
            # handful of rows among all of an organisation's events of 90 days, on a page opened every day.
            models.Index(
                fields=["organisation", "at"],
                condition=models.Q(action__in=[AuditAction.ROLE_GRANT, AuditAction.ROLE_REVOKE]),
                name="audit_org_role_change_idx",
            ),
        ]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.username or '-'} {self.action} {self.object_type}"
