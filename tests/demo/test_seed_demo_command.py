import pytest
from django.core.management import CommandError, call_command

from accounts.models import Organisation, User
from locations.models import Locality, LocalityObservation


@pytest.mark.django_db
def test_seed_demo_loads_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--if-empty")
    expected = {"apk1", "apk2", "mentor", "liaison", "lead", "coordinator", "admin", "ngo_admin", "ngo_liaison"}
    assert set(User.objects.values_list("username", flat=True)) == expected
    assert all(u.check_password("demo") for u in User.objects.all())
    assert Organisation.objects.count() == 2
    assert Locality.objects.count() == 13
    assert LocalityObservation.objects.count() > 12
    call_command("seed_demo", "--if-empty")
    assert User.objects.count() == 9


@pytest.mark.django_db
def test_seed_demo_if_empty_leaves_a_real_database_alone(settings, organisation):
    settings.DEBUG = True
    call_command("seed_demo", "--if-empty")
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("seed_demo")
