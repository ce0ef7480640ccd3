"""Coordination platforms (koordinační platformy, pracovní skupiny, multidisciplinární týmy).

Member institutions and their representatives are records, not user accounts. Case discussions
at meetings are anonymised and never link to client records.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import StatusChange
from core.scoping import OrganisationOwned
from core.validators import validate_no_control_characters, validate_no_control_characters_multiline
from core.versioning import Versioned
from locations.models import Locality
from platforms.choices import (
    AttendanceStatus,
    Frequency,
    InstitutionKind,
    MeetingStatus,
    OutputKind,
    TaskReviewOutcome,
    TaskStatus,
    Theme,
)


class Platform(OrganisationOwned, Versioned):
    """A coordination platform or working group owned by an organisation and run by a coordinator."""

    name = models.CharField(_("název"), max_length=200, validators=[validate_no_control_characters])
    municipality = models.CharField(_("obec"), max_length=100, validators=[validate_no_control_characters])
    themes = ArrayField(
        models.CharField(max_length=20, choices=Theme.choices), default=list, blank=True, verbose_name=_("témata")
    )
    frequency = models.CharField(
        _("obvyklá frekvence"), max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinated_platforms",
        verbose_name=_("koordinátor"),
    )
    description = models.TextField(_("popis"), blank=True, validators=[validate_no_control_characters_multiline])
    is_active = models.BooleanField(_("aktivní"), default=True)
    created_at = models.DateTimeField(_("založeno"), auto_now_add=True)

    stale_message = _("Platformu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("koordinační platforma")
        verbose_name_plural = _("koordinační platformy")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("platforms:detail", args=[self.pk])


class Institution(OrganisationOwned, Versioned):
    """A member institution of a platform (police, city, NGO, probation service, child protection, …)."""

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="institutions", verbose_name=_("platforma")
    )
    name = models.CharField(_("název"), max_length=200, validators=[validate_no_control_characters])
    kind = models.CharField(_("druh"), max_length=20, choices=InstitutionKind.choices)
    is_active = models.BooleanField(_("aktivní člen"), default=True)

    stale_message = _("Instituci mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("členská instituce")
        verbose_name_plural = _("členské instituce")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Representative(OrganisationOwned, Versioned):
    """A person representing a member institution (a record, not an account)."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="representatives", verbose_name=_("instituce")
    )
    name = models.CharField(_("jméno"), max_length=200, validators=[validate_no_control_characters])
    function = models.CharField(_("funkce"), max_length=200, blank=True, validators=[validate_no_control_characters])
    email = models.EmailField(_("e-mail"), blank=True, validators=[validate_no_control_characters])
    phone = models.CharField(_("telefon"), max_length=30, blank=True, validators=[validate_no_control_characters])
    is_active = models.BooleanField(_("aktivní"), default=True)

    stale_message = _("Údaje zástupce mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("zástupce")
        verbose_name_plural = _("zástupci")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Meeting(OrganisationOwned):
    """A meeting of a platform: attendance, agenda with minutes, decisions; final minutes lock it."""

    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("platforma")
    )
    starts_at = models.DateTimeField(_("datum a čas"))
    place = models.CharField(_("místo"), max_length=200, blank=True, validators=[validate_no_control_characters])
    locality = models.ForeignKey(
        Locality,
        on_delete=models.PROTECT,
        related_name="meetings",
        null=True,
        blank=True,
        verbose_name=_("lokalita"),
    )
    chair = models.CharField(_("předsedající"), max_length=200, blank=True, validators=[validate_no_control_characters])
    decisions = models.TextField(
        _("usnesení a rozhodnutí"), blank=True, validators=[validate_no_control_characters_multiline]
    )
    status = models.CharField(
        _("stav zápisu"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    finalised_at = models.DateTimeField(_("zápis uzavřen"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("uzavřel"),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("založeno"), auto_now_add=True)

    stale_message = _("Jednání mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("jednání")
        verbose_name_plural = _("jednání")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(place="") | Q(locality__isnull=False),
                name="meeting_has_place",
                violation_error_message=_("Uveďte místo jednání, nebo vyberte lokalitu."),
            ),
        ]
        indexes = [
            # Serves the platform page (next and past meetings) and the meeting list of one platform.
            models.Index(fields=["platform", "-starts_at"], name="meeting_platform_time_idx"),
            # Serves the meeting list across all platforms of an organisation and the situation report.
            models.Index(fields=["organisation", "-starts_at"], name="meeting_org_time_idx"),
        ]

    def __str__(self):
        return f"{self.platform.name} {self.starts_at:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("platforms:meeting_detail", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.status == MeetingStatus.FINAL


class AgendaItem(OrganisationOwned):
    """An item of the meeting's agenda with its minutes, in order."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("pořadí"))
    title = models.CharField(_("bod programu"), max_length=300, validators=[validate_no_control_characters])
    minutes = models.TextField(_("zápis"), blank=True, validators=[validate_no_control_characters_multiline])

    class Meta:
        verbose_name = _("bod programu")
        verbose_name_plural = _("body programu")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.position}. {self.title}"


class Attendance(OrganisationOwned):
    """Whether a representative was present, excused or absent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    representative = models.ForeignKey(Representative, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("účast"), max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        verbose_name = _("účast")
        verbose_name_plural = _("účast")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "representative"], name="attendance_once_per_meeting"),
        ]

    def __str__(self):
        return f"{self.representative}: {self.get_status_display()}"


class Guest(OrganisationOwned):
    """A guest at a meeting (not a member)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("jméno"), max_length=200, validators=[validate_no_control_characters])
    affiliation = models.CharField(
        _("instituce / funkce"), max_length=200, blank=True, validators=[validate_no_control_characters]
    )

    class Meta:
        verbose_name = _("host")
        verbose_name_plural = _("hosté")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CaseDiscussion(OrganisationOwned):
    """An anonymised case discussed at a meeting: no personal data, never linked to client records."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="case_discussions")
    description = models.TextField(
        _("popis situace (bez osobních údajů)"), validators=[validate_no_control_characters_multiline]
    )
    locality = models.ForeignKey(
        Locality,
        on_delete=models.PROTECT,
        related_name="case_discussions",
        null=True,
        blank=True,
        verbose_name=_("lokalita"),
    )
    institutions = models.ManyToManyField(
        Institution, related_name="case_discussions", blank=True, verbose_name=_("zapojené instituce")
    )

    class Meta:
        verbose_name = _("anonymizovaný případ")
        verbose_name_plural = _("anonymizované případy")
        ordering = ["id"]

    def __str__(self):
        return self.description[:60]


class Task(OrganisationOwned):
    """A task agreed at a meeting; open tasks come back at every next meeting until done or cancelled."""

    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="tasks")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="new_tasks", verbose_name=_("zadáno na jednání")
    )
    # Written in a text area (platforms/forms.py TaskForm), so line breaks are allowed.
    title = models.CharField(_("úkol"), max_length=300, validators=[validate_no_control_characters_multiline])
    responsible_institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("odpovědná instituce")
    )
    responsible_person = models.CharField(
        _("odpovědná osoba"), max_length=200, blank=True, validators=[validate_no_control_characters]
    )
    due_on = models.DateField(_("termín"))
    status = models.CharField(_("stav"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    closed_at_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="closed_tasks",
        null=True,
        blank=True,
        verbose_name=_("uzavřeno na jednání"),
    )

    class Meta:
        verbose_name = _("úkol")
        verbose_name_plural = _("úkoly")
        ordering = ["due_on", "id"]
        indexes = [
            # Serves open and overdue tasks of a platform and the coordinator's home page.
            models.Index(fields=["organisation", "status", "due_on"], name="task_org_status_due_idx"),
        ]

    def __str__(self):
        return self.title


class TaskReview(OrganisationOwned):
    """How an open task was reviewed at a later meeting ("Kontrola úkolů"): done, cancelled or carried on."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reviews")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="task_reviews")
    outcome = models.CharField(_("výsledek kontroly"), max_length=12, choices=TaskReviewOutcome.choices)
    note = models.TextField(_("poznámka"), blank=True, validators=[validate_no_control_characters_multiline])

    class Meta:
        verbose_name = _("kontrola úkolu")
        verbose_name_plural = _("kontroly úkolů")
        ordering = ["meeting__starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["task", "meeting"], name="task_review_once_per_meeting"),
        ]

    def __str__(self):
        return f"{self.task}: {self.get_outcome_display()}"


class Output(OrganisationOwned):
    """An output of the platform (methodology, project proposal, safety survey) with its document."""

    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="outputs")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="outputs",
        null=True,
        blank=True,
        verbose_name=_("z jednání"),
    )
    kind = models.CharField(_("druh"), max_length=30, choices=OutputKind.choices)
    title = models.CharField(_("název"), max_length=300, validators=[validate_no_control_characters])
    date = models.DateField(_("datum"))
    # Stored under MEDIA_ROOT (outside the web root) and served only through a permission-checked view.
    document = models.FileField(_("dokument"), upload_to="platform-outputs/%Y/", blank=True)
    original_filename = models.CharField(max_length=255, blank=True, validators=[validate_no_control_characters])

    class Meta:
        verbose_name = _("výstup")
        verbose_name_plural = _("výstupy")
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.title


class MeetingStatusChange(OrganisationOwned, StatusChange):
    """Finalising and reopening of a meeting's minutes (reopening needs a reason)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="status_changes")
    # Without the base's Czech labels, as the table was created: a label of its own would be a migration.
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    to_status = models.CharField(max_length=10, choices=MeetingStatus.choices)
    reason = models.TextField(blank=True, validators=[validate_no_control_characters_multiline])

    class Meta(StatusChange.Meta):
        pass

    def __str__(self):
        return f"{self.meeting_id} → {self.to_status}"
