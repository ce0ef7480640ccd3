import datetime

import factory

from accounts.choices import Role
from cases.choices import AgeBand, CaseRole, ContactForm, ContactPlace, CrimeType, Gender, ServiceKind, TargetGroup
from cases.models import Case, Client, ClientIdentity, Contact, SocialService
from tests.accounts.factories import OrganisationFactory, UserFactory


class SocialServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialService

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Terénní program – asistence obětem"
    registration_number = factory.Sequence(lambda n: f"{1234500 + n:07d}")
    kind = ServiceKind.FIELD_PROGRAMMES
    target_groups = factory.LazyFunction(lambda: [TargetGroup.CRIME_VICTIMS])
    intervention_threshold_minutes = 30


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    organisation = factory.SubFactory(OrganisationFactory)
    service = factory.SubFactory(SocialServiceFactory, organisation=factory.SelfAttribute("..organisation"))
    code = factory.Sequence(lambda n: f"K-2026-{n + 1:04d}")
    gender = Gender.FEMALE
    age_band = AgeBand.ADULT
    target_group = TargetGroup.CRIME_VICTIMS
    created_by = factory.SubFactory(
        UserFactory, organisation=factory.SelfAttribute("..organisation"), roles=[Role.LIAISON]
    )


class ClientIdentityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientIdentity

    client = factory.SubFactory(ClientFactory)
    organisation = factory.SelfAttribute("client.organisation")
    full_name = "Marie Nováková"
    birth_year = 1980
    phone = "+420 777 123 456"
    address = "Předlická 12, Ústí nad Labem"


class CaseFactory(factory.django.DjangoModelFactory):
    """A case; pass workers=[...] (default: the client's creator)."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    organisation = factory.SelfAttribute("client.organisation")
    role = CaseRole.VICTIM
    crime_type = CrimeType.USURY
    opened_on = datetime.date(2026, 1, 10)

    @factory.post_generation
    def workers(self, create, extracted, **kwargs):
        if create:
            self.workers.set(extracted if extracted is not None else [self.client.created_by])


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    organisation = factory.SelfAttribute("case.organisation")
    date = datetime.date(2026, 2, 1)
    duration_minutes = 45
    form = ContactForm.IN_PERSON
    place = ContactPlace.POLICE_STATION
    activities = factory.LazyFunction(lambda: ["rights"])
    specific_tasks = factory.LazyFunction(lambda: ["escort_police"])
    created_by = factory.LazyAttribute(lambda c: c.case.client.created_by)

    @factory.post_generation
    def workers(self, create, extracted, **kwargs):
        if create:
            self.workers.set(extracted if extracted is not None else [self.created_by])
