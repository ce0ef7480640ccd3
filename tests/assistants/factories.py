import datetime
import uuid

import factory
from django.utils import timezone

from accounts.choices import Role
from assistants.choices import Funder, Outcome, ShiftKind, ShiftStatus
from assistants.models import FieldRecord, FieldRecordCategory, Project, Shift
from assistants.services import category_ensure_defaults
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.locations.factories import LocalityFactory


def category(code: str, organisation=None) -> FieldRecordCategory:
    """A category of the default code list by its code (restored if a transactional test flushed it)."""
    if organisation is None:
        category_ensure_defaults()
    return FieldRecordCategory.objects.get(organisation=organisation, code=code)


def at(date: datetime.date, hhmm: str) -> datetime.datetime:
    """An aware datetime in Europe/Prague."""
    hours, minutes = map(int, hhmm.split(":"))
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hours, minutes)))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Asistent prevence kriminality {n}")
    funder = Funder.MV_PREVENTION
    registration_number = "MV-12345-1/PK-2026"
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2026, 12, 31)
    planned_hours = 3000

    @factory.post_generation
    def mentors(self, create, extracted, **kwargs):
        if create and extracted:
            self.mentors.set(extracted)

    @factory.post_generation
    def assistants(self, create, extracted, **kwargs):
        if create and extracted:
            self.assistants.set(extracted)


class ShiftFactory(factory.django.DjangoModelFactory):
    """A shift planned 8:00–16:00 on `date`; pass assistants=[...] (default: one new APK)."""

    class Meta:
        model = Shift
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    project = factory.SubFactory(ProjectFactory, organisation=factory.SelfAttribute("..organisation"))
    mentor = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..organisation"), roles=[Role.MENTOR])
    date = datetime.date(2026, 11, 16)
    planned_start = factory.LazyAttribute(lambda s: at(s.date, "08:00"))
    planned_end = factory.LazyAttribute(lambda s: at(s.date, "16:00"))
    kind = ShiftKind.PATROL
    status = ShiftStatus.PLANNED

    @factory.post_generation
    def assistants(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [UserFactory(organisation=self.organisation, roles=[Role.APK])]
        self.assistants.set(extracted)


class FieldRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldRecord

    shift = factory.SubFactory(ShiftFactory)
    organisation = factory.SelfAttribute("shift.organisation")
    recorded_at = factory.LazyAttribute(lambda r: at(r.shift.date, "10:00"))
    locality = factory.SubFactory(LocalityFactory, organisation=factory.SelfAttribute("..shift.organisation"))
    category = factory.LazyFunction(lambda: category("public_order"))
    description = "Skupina mladistvých u obchodu, domluva."
    persons_involved = 4
    outcome = Outcome.SOLVED_ON_SPOT
    author = factory.LazyAttribute(lambda r: r.shift.assistants.first())
    client_token = factory.LazyFunction(uuid.uuid4)
