import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistants.choices import Funder, Outcome, ShiftKind, ShiftStatus
from core import clock
from core.models import StatusChange
from core.scoping import OrganisationOwned, OrganisationQuerySet
from core.validators import validate_no_control_characters, validate_no_control_characters_multiline
from core.versioning import Versioned
from locations.models import Locality


class Project(OrganisationOwned, Versioned):
    """A grant project (e.g. MV ČR crime prevention programme) that APK shifts belong to."""

    name = models.CharField(_("název"), max_length=200, validators=[validate_no_control_characters])
    funder = models.CharField(_("poskytovatel dotace"), max_length=20, choices=Funder.choices)
    registration_number = models.CharField(
        _("registrační číslo"),
        max_length=60,
        blank=True,
        help_text=_("např. CZ.03.2.60/0.0/0.0/15_026/0002789"),
        validators=[validate_no_control_characters],
    )
    starts_on = models.DateField(_("začátek"))
    ends_on = models.DateField(_("konec"))
    assistants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="assistant_projects", blank=True, verbose_name=_("asistenti")
    )
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="mentor_projects", blank=True, verbose_name=_("mentoři")
    )
    localities = models.ManyToManyField(
        Locality, related_name="projects", blank=True, verbose_name=_("cílové lokality")
    )
    planned_hours = models.PositiveIntegerField(
        _("plánované hodiny terénní práce"), null=True, blank=True, help_text=_("za celé období projektu")
    )
    is_active = models.BooleanField(_("aktivní"), default=True)

    stale_message = _("Projekt mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekty")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="project_period_ordered",
                violation_error_message=_("Konec projektu nemůže být před jeho začátkem."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shifts:project_edit", args=[self.pk])


class CategoryQuerySet(models.QuerySet):
    def available_to(self, organisation_id):
        """The shared default code list plus the organisation's own categories."""
        return self.filter(Q(organisation__isnull=True) | Q(organisation_id=organisation_id))

    def for_user(self, user):
        """Categories the user's organisation owns (for editing; defaults are not editable)."""
        if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
            return self.none()
        return self.filter(organisation_id=user.organisation_id)


class FieldRecordCategory(Versioned):
    """A category of field record. Rows without an organisation are the default code list shared by all."""

    organisation = models.ForeignKey(
        "svl.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("organizace"),
    )
    code = models.SlugField(_("kód"), max_length=40, validators=[validate_no_control_characters])
    name = models.CharField(_("název"), max_length=200, validators=[validate_no_control_characters])
    position = models.PositiveSmallIntegerField(_("pořadí"), default=100)
    requires_syringe_count = models.BooleanField(
        _("vyžaduje počet stříkaček"), default=False, help_text=_("Jen pro kategorii sběru injekčních stříkaček.")
    )
    is_active = models.BooleanField(_("aktivní"), default=True)

    objects = CategoryQuerySet.as_manager()

    stale_message = _("Kategorii mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("kategorie záznamu")
        verbose_name_plural = _("kategorie záznamů")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                name="category_unique_code_per_organisation",
                nulls_distinct=False,
                violation_error_message=_("Kategorie s tímto kódem už existuje."),
            ),
        ]

    def __str__(self):
        return self.name


class Shift(OrganisationOwned):
    """An APK shift: planned by a mentor, worked and logged by 1–3 assistants, reviewed by the mentor.

    `date` is the start date; a shift over midnight counts on it. `worked_minutes` is kept by the
    services (actual end − actual start − breaks) so reports can sum it in the database.
    """

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="shifts", verbose_name=_("projekt"))
    date = models.DateField(_("datum"))
    planned_start = models.DateTimeField(_("plánovaný začátek"))
    planned_end = models.DateTimeField(_("plánovaný konec"))
    kind = models.CharField(_("druh směny"), max_length=20, choices=ShiftKind.choices, default=ShiftKind.PATROL)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentored_shifts", verbose_name=_("mentor")
    )
    assistants = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="shifts", verbose_name=_("asistenti"))
    localities = models.ManyToManyField(Locality, related_name="shifts", blank=True, verbose_name=_("lokality"))
    priorities = models.TextField(
        _("priority dne"),
        blank=True,
        help_text=_("Úkoly z porady před směnou."),
        validators=[validate_no_control_characters_multiline],
    )
    actual_start = models.DateTimeField(_("skutečný začátek"), null=True, blank=True)
    actual_end = models.DateTimeField(_("skutečný konec"), null=True, blank=True)
    worked_minutes = models.PositiveIntegerField(_("odpracováno (minut)"), null=True, blank=True)
    note = models.TextField(_("poznámka ke směně"), blank=True, validators=[validate_no_control_characters_multiline])
    status = models.CharField(_("stav"), max_length=20, choices=ShiftStatus.choices, default=ShiftStatus.PLANNED)
    return_comment = models.TextField(
        _("komentář mentora k vrácení"), blank=True, validators=[validate_no_control_characters_multiline]
    )
    approved_at = models.DateTimeField(_("schváleno"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="approved_shifts",
        null=True,
        blank=True,
        verbose_name=_("schválil"),
    )
    imported = models.BooleanField(_("importovaná"), default=False, help_text=_("Historická směna z importu."))
    # Optimistic locking: every change increments it; a save based on an older version is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    stale_message = _("Směnu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("směna")
        verbose_name_plural = _("směny")
        ordering = ["-date", "-planned_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gt=models.F("planned_start")),
                name="shift_planned_end_after_start",
                violation_error_message=_("Plánovaný konec musí být po začátku."),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=False, actual_end__gt=models.F("actual_start")),
                name="shift_actual_end_after_start",
                violation_error_message=_("Skutečný konec musí být po začátku."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ShiftStatus.APPROVED) | Q(worked_minutes__isnull=False),
                name="shift_approved_has_hours",
                violation_error_message=_("Schválená směna musí mít odpracované hodiny."),
            ),
        ]
        indexes = [
            # Serves reports and the work log: approved shifts of an organisation in a period.
            models.Index(fields=["organisation", "status", "date"], name="shift_org_status_date_idx"),
            # Serves the review queue: a mentor's submitted shifts, oldest first.
            models.Index(fields=["mentor", "status", "date"], name="shift_mentor_status_date_idx"),
            # Serves the keyset-paginated shift list (newest first).
            models.Index(fields=["organisation", "-date", "-id"], name="shift_org_date_id_idx"),
            # Serves the project report.
            models.Index(fields=["project", "date"], name="shift_project_date_idx"),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("shifts:detail", args=[self.pk])

    @property
    def worked_hours(self):
        return None if self.worked_minutes is None else round(self.worked_minutes / 60, 2)

    @property
    def is_locked(self) -> bool:
        return self.status == ShiftStatus.APPROVED


class ShiftChildQuerySet(OrganisationQuerySet):
    """A shift's breaks and status history belong to the shift's organisation."""

    organisation_path = "shift__organisation"


class ShiftBreak(models.Model):
    """A break during a shift; an open break has no end yet."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="breaks", verbose_name=_("směna"))
    started_at = models.DateTimeField(_("začátek přestávky"))
    ended_at = models.DateTimeField(_("konec přestávky"), null=True, blank=True)

    objects = ShiftChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("přestávka")
        verbose_name_plural = _("přestávky")
        ordering = ["started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gt=models.F("started_at")),
                name="break_end_after_start",
                violation_error_message=_("Konec přestávky musí být po jejím začátku."),
            ),
        ]

    def __str__(self):
        # Local wall times (with SELČ/SEČ on the October night), not the stored UTC.
        return f"{clock.clock_label(self.started_at)}–{clock.clock_label(self.ended_at)}"

    @property
    def minutes(self) -> int | None:
        if self.ended_at is None:
            return None
        return clock.minutes_between(self.started_at, self.ended_at)


class FieldRecord(OrganisationOwned):
    """What an APK saw or solved during a shift (no names of residents)."""

    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="records", verbose_name=_("směna"))
    recorded_at = models.DateTimeField(_("čas"))
    locality = models.ForeignKey(
        Locality,
        on_delete=models.PROTECT,
        related_name="field_records",
        null=True,
        blank=True,
        verbose_name=_("lokalita"),
    )
    place = models.CharField(_("jiné místo"), max_length=200, blank=True, validators=[validate_no_control_characters])
    # No way back from a category to its records: the default categories are rows every organisation shares, and
    # `category.records` would lead from them to every organisation's records (tests/svl/test_shared_rows.py).
    category = models.ForeignKey(
        FieldRecordCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("kategorie")
    )
    description = models.TextField(
        _("popis"), help_text=_("Stručně, bez jmen obyvatel."), validators=[validate_no_control_characters_multiline]
    )
    persons_involved = models.PositiveSmallIntegerField(_("počet osob"), default=0, validators=[MaxValueValidator(999)])
    outcome = models.CharField(_("výsledek"), max_length=20, choices=Outcome.choices)
    handed_over_to = models.CharField(
        _("předáno komu"), max_length=200, blank=True, validators=[validate_no_control_characters]
    )
    follow_up = models.BooleanField(_("nutné další řešení"), default=False)
    syringe_count = models.PositiveIntegerField(
        _("počet stříkaček"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="field_records", verbose_name=_("autor")
    )
    # Sent with the form; a retried or double-tapped submit carries the same token and creates nothing new.
    client_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Optimistic locking, as on Shift: two people editing one record never silently overwrite each other.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    stale_message = _("Záznam mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("záznam z terénu")
        verbose_name_plural = _("záznamy z terénu")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(locality__isnull=False) | ~Q(place=""),
                name="record_has_locality_or_place",
                violation_error_message=_("Vyberte lokalitu, nebo vyplňte jiné místo."),
            ),
        ]
        indexes = [
            # Serves the shift page (records of a shift in time order).
            models.Index(fields=["shift", "recorded_at"], name="record_shift_time_idx"),
            # Serves reports: records of an organisation in a period, per category / locality.
            models.Index(fields=["organisation", "recorded_at"], name="record_org_time_idx"),
        ]

    def __str__(self):
        return f"{clock.clock_label(self.recorded_at, with_date=True)} {self.category}"

    def get_absolute_url(self):
        return reverse("shifts:record_edit", args=[self.pk])


class ShiftStatusChange(StatusChange):
    """History of a shift's status: who, when, from, to, and the comment (required for returns and reopening)."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("směna"))
    from_status = models.CharField(_("z"), max_length=20, choices=ShiftStatus.choices, blank=True)
    to_status = models.CharField(_("na"), max_length=20, choices=ShiftStatus.choices)
    comment = models.TextField(_("komentář"), blank=True, validators=[validate_no_control_characters_multiline])

    objects = ShiftChildQuerySet.as_manager()

    class Meta(StatusChange.Meta):
        verbose_name = _("změna stavu směny")
        verbose_name_plural = _("změny stavu směn")
        indexes = [
            # Serves the history on the shift page.
            models.Index(fields=["shift", "changed_at"], name="status_change_shift_idx"),
        ]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class ReportNarrative(OrganisationOwned, Versioned):
    """The narrative section a coordinator writes for a project's report of one period (goes into the PDF)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="narratives")
    period_start = models.DateField(_("od"))
    period_end = models.DateField(_("do"))
    text = models.TextField(_("slovní hodnocení"), blank=True, validators=[validate_no_control_characters_multiline])
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    stale_message = _("Slovní hodnocení mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("slovní hodnocení výkazu")
        verbose_name_plural = _("slovní hodnocení výkazů")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period_start", "period_end"], name="narrative_unique_project_period"
            ),
        ]

    def __str__(self):
        return f"{self.project} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"
