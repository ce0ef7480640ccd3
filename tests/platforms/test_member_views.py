"""Member institutions and their representatives: records (not user accounts) that coordinators keep."""

import pytest
from django.urls import reverse

from platforms.models import Institution, Representative
from tests.platforms.factories import InstitutionFactory, PlatformFactory, RepresentativeFactory


@pytest.fixture
def platform(organisation, coordinator):
    return PlatformFactory(organisation=organisation, coordinator=coordinator, name="Platforma Předlice")


def _members_url(platform):
    return f"{reverse('platforms:detail', args=[platform.pk])}#members"


def test_coordinator_adds_an_institution_and_is_asked_for_its_representative(platform, coordinator, login):
    response = login(coordinator).post(
        reverse("platforms:institution_create", args=[platform.pk]),
        {"name": "OSPOD Ústí nad Labem", "kind": "ospod", "is_active": "on"},
        follow=True,
    )

    institution = Institution.objects.get()
    assert (institution.platform, institution.organisation, institution.name, institution.kind) == (
        platform,
        platform.organisation,
        "OSPOD Ústí nad Labem",
        "ospod",
    )
    assert institution.is_active is True
    assert response.redirect_chain == [(reverse("platforms:representative_create", args=[institution.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Instituce OSPOD Ústí nad Labem byla přidána. Uveďte jejího zástupce."
    ]
    assert response.context["title"] == "Nový zástupce instituce OSPOD Ústí nad Labem"


def test_institution_needs_a_name_and_a_kind(platform, coordinator, login):
    response = login(coordinator).post(
        reverse("platforms:institution_create", args=[platform.pk]), {"name": "", "kind": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Toto pole je třeba vyplnit."],
        "kind": ["Toto pole je třeba vyplnit."],
    }
    assert not Institution.objects.exists()


def test_every_institution_kind_is_offered(platform, coordinator, login):
    response = login(coordinator).get(reverse("platforms:institution_create", args=[platform.pk]))

    assert [label for _value, label in response.context["form"].fields["kind"].choices] == [
        "vyberte druh instituce",
        "Policie ČR",
        "městská policie",
        "město / obec",
        "nestátní nezisková organizace",
        "Probační a mediační služba",
        "OSPOD",
        "Úřad práce",
        "škola",
        "Agentura pro sociální začleňování",
        "kraj",
        "jiné",
    ]


def test_coordinator_edits_and_deactivates_an_institution(platform, coordinator, login):
    institution = InstitutionFactory(platform=platform, name="MP Ústí", kind="mp")
    RepresentativeFactory(institution=institution, name="str. Karel Novák")

    client = login(coordinator)
    page = client.get(reverse("platforms:institution_edit", args=[institution.pk]))
    response = client.post(
        reverse("platforms:institution_edit", args=[institution.pk]),
        {"name": "Městská policie Ústí nad Labem", "kind": "mp", "is_active": "", "version": institution.version},
    )

    assert page.context["title"] == "Upravit instituci MP Ústí"
    assert [r.name for r in page.context["representatives"]] == ["str. Karel Novák"]
    assert response.status_code == 302
    assert response.url == _members_url(platform)
    institution.refresh_from_db()
    assert (institution.name, institution.is_active) == ("Městská policie Ústí nad Labem", False)


def test_invalid_institution_edit_is_rerendered_with_the_error(platform, coordinator, login):
    institution = InstitutionFactory(platform=platform, name="MP Ústí", kind="mp")

    response = login(coordinator).post(
        reverse("platforms:institution_edit", args=[institution.pk]),
        {"name": "MP Ústí", "kind": "army", "version": institution.version},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"kind": ['Vyberte platnou možnost, "army" není k dispozici.']}
    institution.refresh_from_db()
    assert institution.kind == "mp"


def test_coordinator_adds_a_representative(platform, coordinator, login):
    institution = InstitutionFactory(platform=platform, name="Policie ČR")

    response = login(coordinator).post(
        reverse("platforms:representative_create", args=[institution.pk]),
        {
            "name": "npor. Jan Malý",
            "function": "vedoucí OOP Předlice",
            "email": "jan.maly@pcr.cz",
            "phone": "+420 974 421 111",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert response.url == _members_url(platform)
    representative = Representative.objects.get()
    assert (
        representative.institution,
        representative.organisation,
        representative.name,
        representative.function,
        representative.email,
        representative.phone,
        representative.is_active,
    ) == (
        institution,
        platform.organisation,
        "npor. Jan Malý",
        "vedoucí OOP Předlice",
        "jan.maly@pcr.cz",
        "+420 974 421 111",
        True,
    )


def test_representative_needs_a_name_and_a_valid_email(platform, coordinator, login):
    institution = InstitutionFactory(platform=platform)

    response = login(coordinator).post(
        reverse("platforms:representative_create", args=[institution.pk]), {"name": "", "email": "jan.maly"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Toto pole je třeba vyplnit."],
        "email": ["Zadejte platnou e-mailovou adresu."],
    }
    assert not Representative.objects.exists()


def test_coordinator_edits_a_representative(platform, coordinator, login):
    institution = InstitutionFactory(platform=platform)
    representative = RepresentativeFactory(institution=institution, name="Mgr. Eva Veselá")

    client = login(coordinator)
    page = client.get(reverse("platforms:representative_edit", args=[representative.pk]))
    response = client.post(
        reverse("platforms:representative_edit", args=[representative.pk]),
        {
            "name": "Mgr. Eva Veselá",
            "function": "ředitelka",
            "email": "",
            "phone": "",
            "is_active": "",
            "version": representative.version,
        },
    )

    assert page.context["title"] == "Upravit zástupce Mgr. Eva Veselá"
    assert response.status_code == 302
    representative.refresh_from_db()
    assert (representative.function, representative.is_active) == ("ředitelka", False)


def test_members_appear_on_the_platform_page(platform, coordinator, login):
    institution = InstitutionFactory(platform=platform, name="ZŠ Rozcestí", kind="school")
    RepresentativeFactory(institution=institution, name="Mgr. Eva Veselá", function="ředitelka", email="eva@zs.cz")

    body = login(coordinator).get(reverse("platforms:detail", args=[platform.pk])).content.decode()

    assert "ZŠ Rozcestí" in body
    assert "Mgr. Eva Veselá</a>, ředitelka" in body
    assert '<a href="mailto:eva@zs.cz">eva@zs.cz</a>' in body
