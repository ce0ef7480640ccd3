import datetime

import factory
from django.utils import timezone

from accounts.choices import Role
from platforms.choices import Frequency, InstitutionKind
from platforms.models import Institution, Meeting, Platform, Representative
from tests.accounts.factories import OrganisationFactory, UserFactory


def at(date: datetime.date, hhmm: str = "14:00") -> datetime.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hours, minutes)))


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Platform

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Koordinační platforma Předlice {n}")
    municipality = "Ústí nad Labem"
    themes = factory.LazyFunction(lambda: ["security", "crime_prevention"])
    frequency = Frequency.MONTHLY
    coordinator = factory.SubFactory(
        UserFactory, organisation=factory.SelfAttribute("..organisation"), roles=[Role.COORDINATOR]
    )


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    platform = factory.SubFactory(PlatformFactory)
    organisation = factory.SelfAttribute("platform.organisation")
    name = factory.Sequence(lambda n: f"Instituce {n}")
    kind = InstitutionKind.POLICE


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    institution = factory.SubFactory(InstitutionFactory)
    organisation = factory.SelfAttribute("institution.organisation")
    name = factory.Sequence(lambda n: f"Zástupce {n}")
    function = "vedoucí oddělení"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    platform = factory.SubFactory(PlatformFactory)
    organisation = factory.SelfAttribute("platform.organisation")
    starts_at = factory.LazyFunction(lambda: at(datetime.date(2026, 10, 5)))
    place = "zasedací místnost MMÚ"
    chair = "Karel Svoboda"
