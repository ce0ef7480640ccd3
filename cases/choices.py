from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    FIELD_PROGRAMMES = "field_programmes", _("terénní programy (§ 69)")
    OTHER = "other", _("jiná sociální služba")


class Gender(models.TextChoices):
    FEMALE = "female", _("žena")
    MALE = "male", _("muž")
    OTHER = "other", _("jiné / neuvedeno")


class AgeBand(models.TextChoices):
    CHILD = "0-14", _("0–14 let")
    ADOLESCENT = "15-17", _("15–17 let")
    YOUNG_ADULT = "18-26", _("18–26 let")
    ADULT = "27-64", _("27–64 let")
    SENIOR = "65+", _("65 a více let")


class TargetGroup(models.TextChoices):
    CRIME_VICTIMS = "crime_victims", _("oběti trestné činnosti")
    TRAFFICKING_VICTIMS = "trafficking_victims", _("oběti obchodu s lidmi")
    COMMERCIALLY_EXPLOITED = "commercially_exploited", _("osoby komerčně zneužívané")
    YOUTH_AT_RISK = "youth_at_risk", _("děti a mládež 6–26 let ohrožené společensky nežádoucími jevy")
    IN_CRISIS = "in_crisis", _("osoby v krizi")
    HOMELESS = "homeless", _("osoby bez přístřeší")
    OTHER = "other", _("jiné")


class AgreementForm(models.TextChoices):
    WRITTEN = "written", _("písemná")
    ORAL = "oral", _("ústní")


class CaseRole(models.TextChoices):
    VICTIM = "victim", _("oběť")
    WITNESS = "witness", _("svědek")
    OTHER = "other", _("jiné")


class CrimeType(models.TextChoices):
    USURY = "usury", _("lichva")
    PIMPING = "pimping", _("kuplířství")
    DRUG_DEALING = "drug_dealing", _("distribuce drog")
    TRAFFICKING = "trafficking", _("obchod s lidmi")
    YOUTH_CRIME = "youth_crime", _("kriminalita mládeže")
    VIOLENCE = "violence", _("násilí včetně domácího")
    PROPERTY = "property", _("majetková trestná činnost")
    FRAUD = "fraud", _("podvod")
    HATE_CRIME = "hate_crime", _("trestný čin z nenávisti")
    OTHER = "other", _("jiné")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("otevřený")
    CLOSED = "closed", _("uzavřený")


class ContactForm(models.TextChoices):
    IN_PERSON = "in_person", _("osobně")
    PHONE = "phone", _("telefonicky")
    WRITTEN = "written", _("písemně")
    ONLINE = "online", _("online")


class ContactPlace(models.TextChoices):
    LOCALITY = "locality", _("lokalita")
    POLICE_STATION = "police_station", _("policejní služebna")
    OFFICE = "office", _("úřad")
    COURT = "court", _("soud")
    OTHER = "other", _("jiné")


class BasicActivity(models.TextChoices):
    """Basic activities of field programmes (§ 69 of Act 108/2006 Sb.)."""

    SOCIAL_CONTACT = "social_contact", _("zprostředkování kontaktu se společenským prostředím")
    THERAPEUTIC = "therapeutic", _("sociálně terapeutické činnosti")
    RIGHTS = "rights", _("pomoc při uplatňování práv, oprávněných zájmů a při obstarávání osobních záležitostí")
    COUNSELLING = "counselling", _("základní sociální poradenství")


class SpecificTask(models.TextChoices):
    ESCORT_POLICE = "escort_police", _("doprovod na policii")
    ESCORT_OFFICE = "escort_office", _("doprovod na úřad či soud")
    CRIMINAL_COMPLAINT = "criminal_complaint", _("pomoc s trestním oznámením")
    VICTIM_RIGHTS = "victim_rights", _("informace o právech oběti")
    POLICE_CONTACT = "police_contact", _("zprostředkování kontaktu s policií")
    INTERROGATION = "interrogation", _("asistence při výslechu")


class ReferralTarget(models.TextChoices):
    WHITE_CIRCLE = "white_circle", _("Bílý kruh bezpečí")
    PMS = "pms", _("Probační a mediační služba")
    OSPOD = "ospod", _("OSPOD")
    LA_STRADA = "la_strada", _("La Strada")
    DEBT_COUNSELLING = "debt_counselling", _("dluhová poradna")
    OTHER = "other", _("jiná instituce")


class AccessAction(models.TextChoices):
    VIEW = "view", _("zobrazení")
    CREATE = "create", _("vytvoření")
    UPDATE = "update", _("změna")
    DELETE = "delete", _("smazání")
    EXPORT = "export", _("export / PDF")
    ANONYMISE = "anonymise", _("anonymizace")
    # The duplicate warning on client creation named this client to the worker (who may not be assigned to it).
    DUPLICATE_CHECK = "duplicate", _("kontrola duplicity")
