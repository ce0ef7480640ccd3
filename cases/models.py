"""Client cases of the police-liaison social service.

Clients are pseudonymous: the code (K-2026-0042) is the identity used everywhere. Identifying data
lives apart in ClientIdentity and is shown only to the assigned workers and the service lead; it
never appears in lists, titles, URLs, aggregate exports or logs. Every model carries its
organisation so that database row-level security can apply to it.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.choices import (
    AccessAction,
    AgeBand,
    AgreementForm,
    BasicActivity,
    CaseRole,
    CaseStatus,
    ContactForm,
    ContactPlace,
    CrimeType,
    Gender,
    ReferralTarget,
    ServiceKind,
    SpecificTask,
    TargetGroup,
)
from core.scoping import OrganisationOwned
from core.text import Fold
from core.validators import validate_no_control_characters, validate_no_control_characters_multiline
from core.versioning import Versioned
from locations.models import Locality


class SocialService(OrganisationOwned, Versioned):
    """A registered social service (Act 108/2006 Sb.) run by the organisation."""

    name = models.CharField(_("název služby"), max_length=200, validators=[validate_no_control_characters])
    registration_number = models.CharField(
        _("registrační číslo"),
        max_length=7,
        validators=[
            RegexValidator(r"^\d{7}$", _("Registrační číslo služby má 7 číslic.")),
            validate_no_control_characters,
        ],
    )
    kind = models.CharField(_("druh služby"), max_length=20, choices=ServiceKind.choices)
    target_groups = ArrayField(
        models.CharField(max_length=30, choices=TargetGroup.choices),
        default=list,
        blank=True,
        verbose_name=_("cílové skupiny"),
    )
    intervention_threshold_minutes = models.PositiveSmallIntegerField(
        _("práh intervence (minut)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(480)],
        help_text=_("Kontakt trvající alespoň tolik minut se počítá jako intervence."),
    )

    stale_message = _("Službu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("sociální služba")
        verbose_name_plural = _("sociální služby")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "registration_number"],
                name="service_unique_registration",
                violation_error_message=_("Služba s tímto registračním číslem už existuje."),
            ),
        ]

    def __str__(self):
        return self.name


class ClientCodeCounter(OrganisationOwned):
    """The last issued client number per organisation and year (locked while issuing a code)."""

    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="client_counter_unique_year"),
        ]

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Client(OrganisationOwned):
    """A pseudonymous client of the service. Ethnicity is never recorded."""

    service = models.ForeignKey(
        SocialService, on_delete=models.PROTECT, related_name="clients", verbose_name=_("služba")
    )
    code = models.CharField(_("kód klienta"), max_length=20, editable=False)
    gender = models.CharField(_("pohlaví"), max_length=10, choices=Gender.choices)
    age_band = models.CharField(_("věková skupina"), max_length=10, choices=AgeBand.choices)
    target_group = models.CharField(_("cílová skupina"), max_length=30, choices=TargetGroup.choices)
    agreement_form = models.CharField(
        _("dohoda o poskytování služby"), max_length=10, choices=AgreementForm.choices, blank=True
    )
    agreement_date = models.DateField(_("datum dohody"), null=True, blank=True)
    consent_date = models.DateField(_("souhlas se zpracováním údajů – datum"), null=True, blank=True)
    consent_scope = models.CharField(
        _("rozsah souhlasu"), max_length=300, blank=True, validators=[validate_no_control_characters]
    )
    note = models.TextField(_("poznámka"), blank=True, validators=[validate_no_control_characters_multiline])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("založil")
    )
    created_at = models.DateTimeField(_("založeno"), auto_now_add=True)
    anonymised_at = models.DateTimeField(_("anonymizováno"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    stale_message = _("Klienta mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("klient")
        verbose_name_plural = _("klienti")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                name="client_unique_code",
                violation_error_message=_("Klient s tímto kódem už existuje."),
            ),
            models.CheckConstraint(
                condition=Q(agreement_date__isnull=True) | ~Q(agreement_form=""),
                name="client_agreement_form_with_date",
                violation_error_message=_("U data dohody uveďte i její formu."),
            ),
        ]
        indexes = [
            # Serves the duplicate check by code and the client list.
            models.Index(fields=["organisation", "code"], name="client_org_code_idx"),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("cases:client_detail", args=[self.pk])


class ClientIdentity(OrganisationOwned):
    """Identifying data of a client, kept apart and shown only to assigned workers and the service lead."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="identity")
    full_name = models.CharField(
        _("jméno a příjmení"), max_length=200, blank=True, validators=[validate_no_control_characters]
    )
    birth_year = models.PositiveSmallIntegerField(
        _("rok narození"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    phone = models.CharField(_("telefon"), max_length=30, blank=True, validators=[validate_no_control_characters])
    address = models.CharField(_("adresa"), max_length=300, blank=True, validators=[validate_no_control_characters])
    # Diacritics- and case-insensitive duplicate check ("Novakova" finds "Nováková").
    name_folded = models.GeneratedField(expression=Fold("full_name"), output_field=models.TextField(), db_persist=True)

    class Meta:
        verbose_name = _("identifikační údaje")
        verbose_name_plural = _("identifikační údaje")
        indexes = [
            # Serves the duplicate check on creation.
            models.Index(fields=["organisation", "name_folded"], name="identity_org_name_idx"),
        ]

    def __str__(self):
        return _("identifikační údaje klienta %(code)s") % {"code": self.client.code}


class Case(OrganisationOwned):
    """A case of a client (a client may have several): the client's role and the crime concerned."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="cases", verbose_name=_("klient"))
    role = models.CharField(_("role klienta"), max_length=10, choices=CaseRole.choices)
    crime_type = models.CharField(_("druh trestné činnosti"), max_length=20, choices=CrimeType.choices)
    opened_on = models.DateField(_("otevřen"))
    closed_on = models.DateField(_("uzavřen"), null=True, blank=True)
    status = models.CharField(_("stav"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="assigned_cases", verbose_name=_("přidělení pracovníci")
    )
    closure_reason = models.TextField(
        _("důvod uzavření"), blank=True, validators=[validate_no_control_characters_multiline]
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("založeno"), auto_now_add=True)

    stale_message = _("Případ mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("případ")
        verbose_name_plural = _("případy")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CaseStatus.OPEN, closed_on__isnull=True)
                | Q(status=CaseStatus.CLOSED, closed_on__isnull=False),
                name="case_closed_has_date",
                violation_error_message=_("Uzavřený případ musí mít datum uzavření."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_after_opened",
                violation_error_message=_("Případ nemůže být uzavřen před otevřením."),
            ),
        ]
        indexes = [
            # Serves the retention command: closed cases by closing date.
            models.Index(fields=["organisation", "status", "closed_on"], name="case_org_status_closed_idx"),
        ]

    def __str__(self):
        return f"{self.client.code} – {self.get_crime_type_display()}"

    def get_absolute_url(self):
        return reverse("cases:case_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class Contact(OrganisationOwned):
    """A contact with a client within a case; an intervention when it lasts at least the service's threshold."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("případ"))
    date = models.DateField(_("datum"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("délka (minut)"), validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="client_contacts", verbose_name=_("pracovníci")
    )
    form = models.CharField(_("forma"), max_length=10, choices=ContactForm.choices)
    place = models.CharField(_("místo"), max_length=20, choices=ContactPlace.choices)
    locality = models.ForeignKey(
        Locality,
        on_delete=models.PROTECT,
        related_name="client_contacts",
        null=True,
        blank=True,
        verbose_name=_("lokalita"),
    )
    activities = ArrayField(
        models.CharField(max_length=20, choices=BasicActivity.choices),
        default=list,
        blank=True,
        verbose_name=_("základní činnosti"),
    )
    specific_tasks = ArrayField(
        models.CharField(max_length=20, choices=SpecificTask.choices),
        default=list,
        blank=True,
        verbose_name=_("specifické úkony"),
    )
    note = models.TextField(_("poznámka"), blank=True, validators=[validate_no_control_characters_multiline])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("zapsáno"), auto_now_add=True)

    stale_message = _("Kontakt mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakty")
        ordering = ["-date", "-id"]
        indexes = [
            # Serves the MPSV report (contacts of an organisation in a period) and "last contact" per case.
            models.Index(fields=["organisation", "date"], name="contact_org_date_idx"),
            models.Index(fields=["case", "-date"], name="contact_case_date_idx"),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} ({self.duration_minutes} min)"


class AnonymousContact(OrganisationOwned):
    """A contact without a client record: how many persons, which activities (reported separately)."""

    service = models.ForeignKey(
        SocialService, on_delete=models.PROTECT, related_name="anonymous_contacts", verbose_name=_("služba")
    )
    date = models.DateField(_("datum"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("délka (minut)"), validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    persons_count = models.PositiveSmallIntegerField(
        _("počet osob"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    activities = ArrayField(
        models.CharField(max_length=20, choices=BasicActivity.choices),
        default=list,
        blank=True,
        verbose_name=_("základní činnosti"),
    )
    locality = models.ForeignKey(
        Locality,
        on_delete=models.PROTECT,
        related_name="anonymous_contacts",
        null=True,
        blank=True,
        verbose_name=_("lokalita"),
    )
    note = models.TextField(_("poznámka"), blank=True, validators=[validate_no_control_characters_multiline])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("zapsáno"), auto_now_add=True)

    class Meta:
        verbose_name = _("anonymní kontakt")
        verbose_name_plural = _("anonymní kontakty")
        ordering = ["-date", "-id"]
        indexes = [
            # Serves the MPSV report.
            models.Index(fields=["organisation", "date"], name="anon_contact_org_date_idx"),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} ({self.persons_count})"


class IndividualPlan(OrganisationOwned):
    """The individual plan of a case: goals in the client's words, steps, who does what, next review."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan", verbose_name=_("případ"))
    goals = models.TextField(_("cíle (slovy klienta)"), validators=[validate_no_control_characters_multiline])
    steps = models.TextField(_("kroky"), validators=[validate_no_control_characters_multiline])
    responsible = models.TextField(_("kdo co dělá"), blank=True, validators=[validate_no_control_characters_multiline])
    review_on = models.DateField(_("datum revize"))
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    stale_message = _("Plán mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("individuální plán")
        verbose_name_plural = _("individuální plány")
        indexes = [
            # Serves "overdue plan reviews" on the worker's home page.
            models.Index(fields=["organisation", "review_on"], name="plan_org_review_idx"),
        ]

    def __str__(self):
        return _("plán případu %(case)s") % {"case": self.case_id}


class PlanReview(OrganisationOwned):
    """One review of an individual plan, kept as history (with the plan's text as it was)."""

    plan = models.ForeignKey(IndividualPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("datum revize"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("zhodnocení"), validators=[validate_no_control_characters_multiline])
    goals = models.TextField(_("cíle v době revize"), validators=[validate_no_control_characters_multiline])
    steps = models.TextField(_("kroky v době revize"), validators=[validate_no_control_characters_multiline])
    next_review_on = models.DateField(_("příští revize"))

    class Meta:
        verbose_name = _("revize plánu")
        verbose_name_plural = _("revize plánů")
        ordering = ["-reviewed_on", "-id"]

    def __str__(self):
        return f"{self.reviewed_on:%d.%m.%Y}"


class Referral(OrganisationOwned, Versioned):
    """A referral of the client to another service or institution."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("případ"))
    target = models.CharField(_("kam"), max_length=20, choices=ReferralTarget.choices)
    target_other = models.CharField(
        _("jiná instituce"), max_length=200, blank=True, validators=[validate_no_control_characters]
    )
    referred_on = models.DateField(_("datum"))
    reason = models.TextField(_("důvod"), validators=[validate_no_control_characters_multiline])
    outcome = models.TextField(_("výsledek"), blank=True, validators=[validate_no_control_characters_multiline])

    stale_message = _("Doporučení mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("doporučení")
        verbose_name_plural = _("doporučení")
        ordering = ["-referred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(target=ReferralTarget.OTHER) | ~Q(target_other=""),
                name="referral_other_named",
                violation_error_message=_("Uveďte název jiné instituce."),
            ),
        ]

    def __str__(self):
        return self.get_target_display()


class AccessLog(OrganisationOwned):
    """Who viewed or changed which client's data, and when. Rows are only ever inserted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        help_text=_("Prázdné u akcí systému (např. anonymizace po uplynutí skartační lhůty)."),
    )
    at = models.DateTimeField(_("kdy"), auto_now_add=True)
    action = models.CharField(_("akce"), max_length=10, choices=AccessAction.choices)
    object_type = models.CharField(_("objekt"), max_length=40)
    object_id = models.BigIntegerField(_("id objektu"), null=True)
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="access_log", null=True, verbose_name=_("klient")
    )

    class Meta:
        verbose_name = _("záznam o přístupu")
        verbose_name_plural = _("záznamy o přístupu")
        ordering = ["-at", "-id"]
        indexes = [
            # Serves the service lead's per-client log.
            models.Index(fields=["client", "-at"], name="access_log_client_idx"),
        ]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.user_id} {self.action} {self.object_type}"
