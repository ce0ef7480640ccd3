from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("město / obec")
    MUNICIPAL_POLICE = "municipal_police", _("městská policie")
    NGO = "ngo", _("nestátní nezisková organizace")
    SOCIAL_SERVICE = "social_service", _("poskytovatel sociálních služeb")
    OTHER = "other", _("jiné")


class Role(models.TextChoices):
    """Roles from docs/domain.md; a user holds one or more."""

    APK = "apk", _("asistent prevence kriminality")
    MENTOR = "mentor", _("mentor")
    LIAISON = "liaison", _("asistent pro jednání s policií")
    SERVICE_LEAD = "service_lead", _("vedoucí služby")
    COORDINATOR = "coordinator", _("koordinátor")
    ORG_ADMIN = "org_admin", _("správce organizace")
