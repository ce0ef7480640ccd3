import pytest
from django.core.management import CommandError, call_command

from accounts.models import Organisation, User


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
