from django.contrib.auth.models import AbstractUser, Group, Permission, UserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import OrganisationKind, Role
from core.scoping import OrganisationQuerySet
from core.validators import validate_ico, validate_no_control_characters
from core.versioning import Versioned


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
    # Two-factor login is always required of the roles that see clients or manage others
    # (accounts/two_factor/services.py);
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
