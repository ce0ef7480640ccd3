import datetime
from decimal import Decimal

import factory

from locations.choices import HousingType, Region
from locations.models import Locality, LocalityObservation
from tests.accounts.factories import OrganisationFactory, UserFactory


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Lokalita {n}")
    municipality_name = "Plzeň"
    municipality_code = "554791"
    orp = "Plzeň"
    region = Region.PLZENSKY
    housing_type = HousingType.HOSTEL
    estimated_population = 150
    latitude = Decimal("49.747800")
    longitude = Decimal("13.377600")
    source = "terénní šetření"
    source_year = 2025


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalityObservation

    locality = factory.SubFactory(LocalityFactory)
    author = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..locality.organisation"))
    observed_on = factory.LazyFunction(lambda: datetime.date(2026, 11, 1))
    score = 3
    problems = factory.LazyFunction(lambda: ["noise"])
    note = "Hluk po 22. hodině."
