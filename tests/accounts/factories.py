import factory

from accounts.choices import OrganisationKind, Role
from accounts.models import Organisation, User
from core.validators import ico_check_digit

TEST_PASSWORD = "correct horse battery staple"


def _valid_ico(n: int) -> str:
    first_seven = f"{n:07d}"
    return first_seven + str(ico_check_digit(first_seven))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organizace {n}")
    ico = factory.Sequence(lambda n: _valid_ico(1000000 + n))
    kind = OrganisationKind.MUNICIPALITY
    seat_municipality = "Horní Lhota"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Jan"
    last_name = factory.Sequence(lambda n: f"Testovací{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.cz")
    organisation = factory.SubFactory(OrganisationFactory)
    roles = factory.LazyFunction(lambda: [Role.APK])
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app (django-otp); the key is random unless given (hex, as django-otp stores it)."""

    class Meta:
        model = "otp_totp.TOTPDevice"

    user = factory.SubFactory(UserFactory)
    name = "Aplikace"
    confirmed = True
