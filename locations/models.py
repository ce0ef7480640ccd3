from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.scoping import OrganisationOwned, OrganisationQuerySet
from core.text import Fold
from core.validators import validate_no_control_characters, validate_no_control_characters_multiline
from core.versioning import Versioned
from locations.choices import HousingType, Problem, Region, SecurityScore
from locations.validators import validate_latitude, validate_longitude, validate_municipality_code


class Locality(OrganisationOwned, Versioned):
    """A socially excluded locality (SVL) in an organisation's registry."""

    name = models.CharField(_("název"), max_length=200, validators=[validate_no_control_characters])
    municipality_name = models.CharField(_("obec"), max_length=100, validators=[validate_no_control_characters])
    municipality_code = models.CharField(
        _("kód obce"),
        max_length=6,
        validators=[validate_municipality_code, validate_no_control_characters],
        help_text=_("6místný kód obce podle ČSÚ."),
    )
    orp = models.CharField(
        _("ORP"),
        max_length=100,
        blank=True,
        help_text=_("Obec s rozšířenou působností."),
        validators=[validate_no_control_characters],
    )
    region = models.CharField(_("kraj"), max_length=5, choices=Region.choices)
    housing_type = models.CharField(_("typ bydlení"), max_length=20, choices=HousingType.choices)
    estimated_population = models.PositiveIntegerField(_("odhad počtu obyvatel"), null=True, blank=True)
    latitude = models.DecimalField(
        _("zeměpisná šířka"), max_digits=8, decimal_places=6, null=True, blank=True, validators=[validate_latitude]
    )
    longitude = models.DecimalField(
        _("zeměpisná délka"), max_digits=8, decimal_places=6, null=True, blank=True, validators=[validate_longitude]
    )
    description = models.TextField(_("popis"), blank=True, validators=[validate_no_control_characters_multiline])
    is_active = models.BooleanField(_("aktivní"), default=True)
    source = models.CharField(_("zdroj dat"), max_length=200, blank=True, validators=[validate_no_control_characters])
    source_year = models.PositiveSmallIntegerField(
        _("rok dat"), null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    # Folded copies for diacritics-insensitive search ("plzen" finds "Plzeň"), maintained by PostgreSQL.
    name_folded = models.GeneratedField(expression=Fold("name"), output_field=models.TextField(), db_persist=True)
    municipality_folded = models.GeneratedField(
        expression=Fold("municipality_name"), output_field=models.TextField(), db_persist=True
    )
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    stale_message = _("Lokalitu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        verbose_name = _("lokalita")
        verbose_name_plural = _("lokality")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "municipality_code", "name"],
                name="locality_unique_natural_key",
                violation_error_message=_("Lokalita s tímto názvem v této obci už v registru je."),
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="locality_coordinates_both_or_none",
                violation_error_message=_("Zadejte zeměpisnou šířku i délku, nebo ani jednu."),
            ),
        ]
        indexes = [
            # Serves the default list: an organisation's localities, active first, by name.
            models.Index(fields=["organisation", "is_active", "name"], name="locality_org_active_name_idx"),
            # Serves the region filter and the regional situation report.
            models.Index(fields=["organisation", "region"], name="locality_org_region_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality_name})"

    def get_absolute_url(self):
        return reverse("localities:detail", args=[self.pk])

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class ObservationQuerySet(OrganisationQuerySet):
    organisation_path = "locality__organisation"


class LocalityObservation(models.Model):
    """A dated monitoring entry: the security situation and problems seen in a locality."""

    locality = models.ForeignKey(
        Locality, on_delete=models.PROTECT, related_name="observations", verbose_name=_("lokalita")
    )
    observed_on = models.DateField(_("datum"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="locality_observations",
        verbose_name=_("autor"),
    )
    score = models.PositiveSmallIntegerField(_("bezpečnostní situace"), choices=SecurityScore.choices)
    problems = ArrayField(
        models.CharField(max_length=30, choices=Problem.choices), default=list, blank=True, verbose_name=_("problémy")
    )
    note = models.TextField(_("poznámka"), blank=True, validators=[validate_no_control_characters_multiline])
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("pozorování lokality")
        verbose_name_plural = _("pozorování lokalit")
        ordering = ["-observed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name="observation_score_1_to_5",
                violation_error_message=_("Hodnocení situace musí být 1 až 5."),
            ),
        ]
        indexes = [
            # Serves the locality timeline and "latest score per locality" (newest first).
            models.Index(fields=["locality", "-observed_on", "-id"], name="observation_timeline_idx"),
        ]

    def __str__(self):
        return f"{self.locality.name} {self.observed_on:%d.%m.%Y}: {self.score}"

    def get_problem_labels(self) -> list[str]:
        labels = dict(Problem.choices)
        return [labels.get(code, code) for code in self.problems]
