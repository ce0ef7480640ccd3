import pytest
from django.core.management import CommandError, call_command

from accounts.models import Organisation, User
from locations.models import Locality, LocalityObservation


@pytest.mark.django_db
def test_create_organisation_creates_org_and_admin(monkeypatch, capsys):
    monkeypatch.setenv("SVL_ADMIN_PASSWORD", "velmi dlouhé heslo")
    call_command(
        "create_organisation",
        "--name",
        "Město Kladno",
        "--ico",
        "00234516",
        "--kind",
        "municipality",
        "--admin-username",
        "spravce",
    )
    organisation = Organisation.objects.get(ico="00234516")
    admin = User.objects.get(username="spravce")
    assert (admin.organisation, admin.roles) == (organisation, ["org_admin"])
    assert admin.check_password("velmi dlouhé heslo")
    assert "Created organisation Město Kladno" in capsys.readouterr().out


@pytest.mark.django_db
def test_create_organisation_with_bad_ico_creates_nothing(monkeypatch):
    monkeypatch.setenv("SVL_ADMIN_PASSWORD", "velmi dlouhé heslo")
    with pytest.raises(CommandError, match="IČO 00234517 nemá platnou kontrolní číslici"):
        call_command(
            "create_organisation", "--name", "X", "--ico", "00234517", "--kind", "ngo", "--admin-username", "spravce"
        )
    assert not Organisation.objects.exists() and not User.objects.exists()


@pytest.mark.django_db
def test_create_organisation_with_weak_password_creates_nothing(monkeypatch):
    monkeypatch.setenv("SVL_ADMIN_PASSWORD", "short")
    with pytest.raises(CommandError, match="Nothing was created"):
        call_command(
            "create_organisation", "--name", "X", "--ico", "00234516", "--kind", "ngo", "--admin-username", "spravce"
        )
    assert not Organisation.objects.exists()


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
