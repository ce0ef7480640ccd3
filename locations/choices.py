from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The 14 regions (kraje); codes are the NUTS 3 / CZ-NUTS codes."""

    PRAHA = "CZ010", _("Hlavní město Praha")
    STREDOCESKY = "CZ020", _("Středočeský kraj")
    JIHOCESKY = "CZ031", _("Jihočeský kraj")
    PLZENSKY = "CZ032", _("Plzeňský kraj")
    KARLOVARSKY = "CZ041", _("Karlovarský kraj")
    USTECKY = "CZ042", _("Ústecký kraj")
    LIBERECKY = "CZ051", _("Liberecký kraj")
    KRALOVEHRADECKY = "CZ052", _("Královéhradecký kraj")
    PARDUBICKY = "CZ053", _("Pardubický kraj")
    VYSOCINA = "CZ063", _("Kraj Vysočina")
    JIHOMORAVSKY = "CZ064", _("Jihomoravský kraj")
    OLOMOUCKY = "CZ071", _("Olomoucký kraj")
    ZLINSKY = "CZ072", _("Zlínský kraj")
    MORAVSKOSLEZSKY = "CZ080", _("Moravskoslezský kraj")


class HousingType(models.TextChoices):
    HOSTEL = "hostel", _("ubytovna")
    APARTMENT_BLOCKS = "apartment_blocks", _("bytové domy")
    FAMILY_HOUSES = "family_houses", _("rodinné domy")
    MIXED = "mixed", _("smíšená zástavba")
    OTHER = "other", _("jiné")


class Problem(models.TextChoices):
    """Problem tags of a monitoring observation (docs/domain.md)."""

    USURY = "usury", _("lichva")
    DRUGS = "drugs", _("drogy")
    NOISE = "noise", _("hluk a rušení nočního klidu")
    WASTE = "waste", _("odpad a černé skládky")
    NEIGHBOUR_CONFLICTS = "neighbour_conflicts", _("sousedské konflikty")
    TRUANCY = "truancy", _("záškoláctví")
    EXTREMISM = "extremism", _("extremismus")
    VANDALISM = "vandalism", _("vandalismus")
    OTHER = "other", _("jiné")


class SecurityScore(models.IntegerChoices):
    CALM = 1, _("1 – klid")
    MINOR = 2, _("2 – drobné problémy")
    TENSE = 3, _("3 – napjatá situace")
    SERIOUS = 4, _("4 – vážná situace")
    CRITICAL = 5, _("5 – kritická situace")
