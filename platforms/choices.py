from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    SECURITY = "security", _("bezpečnost")
    CRIME_PREVENTION = "crime_prevention", _("prevence kriminality")
    SOCIOPATHOLOGY = "sociopathology", _("prevence sociopatologických jevů")
    TRUANCY = "truancy", _("záškoláctví")
    EXTREMISM = "extremism", _("extremismus")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("měsíčně")
    BIMONTHLY = "bimonthly", _("jednou za dva měsíce")
    QUARTERLY = "quarterly", _("čtvrtletně")
    IRREGULAR = "irregular", _("podle potřeby")


class InstitutionKind(models.TextChoices):
    POLICE = "pcr", _("Policie ČR")
    MUNICIPAL_POLICE = "mp", _("městská policie")
    MUNICIPALITY = "municipality", _("město / obec")
    NGO = "ngo", _("nestátní nezisková organizace")
    PROBATION = "pms", _("Probační a mediační služba")
    CHILD_PROTECTION = "ospod", _("OSPOD")
    LABOUR_OFFICE = "up", _("Úřad práce")
    SCHOOL = "school", _("škola")
    INCLUSION_AGENCY = "asz", _("Agentura pro sociální začleňování")
    REGION = "region", _("kraj")
    OTHER = "other", _("jiné")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("přítomen")
    EXCUSED = "excused", _("omluven")
    ABSENT = "absent", _("nepřítomen")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("rozpracovaný zápis")
    FINAL = "final", _("konečný zápis")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("otevřený")
    DONE = "done", _("splněný")
    CANCELLED = "cancelled", _("zrušený")


class TaskReviewOutcome(models.TextChoices):
    DONE = "done", _("splněno")
    CANCELLED = "cancelled", _("zrušeno")
    CARRIED_ON = "carried_on", _("trvá")


class OutputKind(models.TextChoices):
    EMERGENCY_METHODOLOGY = "emergency_methodology", _("metodika postupu při mimořádné události")
    PROJECT_PROPOSAL = "project_proposal", _("projektový záměr")
    SAFETY_SURVEY = "safety_survey", _("průzkum vnímání bezpečí")
    OTHER = "other", _("jiné")
