"""Coordinators create and edit platforms; the coordinator must be a coordinator of the same organisation."""

from django.urls import reverse

from accounts.choices import Role
from platforms.models import Platform
from tests.accounts.factories import UserFactory
from tests.platforms.factories import PlatformFactory

CREATE_URL = reverse("platforms:create")


def _edit_url(platform):
    return reverse("platforms:edit", args=[platform.pk])


def _data(coordinator, **overrides):
    data = {
        "name": "Koordinační platforma Předlice",
        "municipality": "Ústí nad Labem",
        "themes": ["security", "truancy"],
        "frequency": "monthly",
        "coordinator": coordinator.pk,
        "description": "Setkání v KC Předlice každé první pondělí.",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_platform(coordinator, organisation, login):
    response = login(coordinator).post(CREATE_URL, _data(coordinator))

    platform = Platform.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("platforms:detail", args=[platform.pk])
    assert (platform.organisation, platform.name, platform.municipality) == (
        organisation,
        "Koordinační platforma Předlice",
        "Ústí nad Labem",
    )
    assert (platform.themes, platform.frequency, platform.coordinator, platform.is_active) == (
        ["security", "truancy"],
        "monthly",
        coordinator,
        True,
    )
    assert platform.description == "Setkání v KC Předlice každé první pondělí."


def test_success_message_asks_for_members(coordinator, login):
    response = login(coordinator).post(CREATE_URL, _data(coordinator), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Platforma Koordinační platforma Předlice byla založena. Přidejte její členské instituce."
    ]


def test_new_platform_form_defaults_to_me_as_coordinator(coordinator, login):
    response = login(coordinator).get(CREATE_URL)

    assert response.status_code == 200
    assert response.context["form"]["coordinator"].value() == coordinator.pk
    assert response.context["title"] == "Nová platforma"
    assert 'novalidate=""' in response.content.decode()


def test_missing_name_and_municipality_are_errors_at_the_fields(coordinator, login):
    response = login(coordinator).post(CREATE_URL, _data(coordinator, name="", municipality=""))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Toto pole je třeba vyplnit."],
        "municipality": ["Toto pole je třeba vyplnit."],
    }
    assert "Toto pole je třeba vyplnit." in response.content.decode()
    assert not Platform.objects.exists()


def test_unknown_theme_is_an_error_at_the_field(coordinator, login):
    response = login(coordinator).post(CREATE_URL, _data(coordinator, themes=["security", "weather"]))

    assert response.context["form"].errors == {"themes": ['Vyberte platnou možnost, "weather" není k dispozici.']}


def test_coordinator_of_another_organisation_cannot_be_chosen(coordinator, other_organisation, login):
    foreign = UserFactory(organisation=other_organisation, roles=[Role.COORDINATOR])

    response = login(coordinator).post(CREATE_URL, _data(foreign))

    assert response.context["form"].errors == {"coordinator": ["Vyberte platnou možnost. Tato není k dispozici."]}
    assert foreign not in response.context["form"].fields["coordinator"].queryset
    assert not Platform.objects.exists()


def test_only_active_coordinators_of_the_organisation_are_offered(coordinator, mentor, organisation, login):
    second = UserFactory(organisation=organisation, roles=[Role.COORDINATOR, Role.MENTOR], last_name="Druhá")
    UserFactory(organisation=organisation, roles=[Role.COORDINATOR], is_active=False)

    response = login(coordinator).get(CREATE_URL)

    assert set(response.context["form"].fields["coordinator"].queryset) == {coordinator, second}


def test_mentor_cannot_be_the_coordinator(coordinator, mentor, login):
    response = login(coordinator).post(CREATE_URL, _data(mentor))

    assert response.context["form"].errors == {"coordinator": ["Vyberte platnou možnost. Tato není k dispozici."]}


def test_coordinator_edits_a_platform(coordinator, organisation, login):
    platform = PlatformFactory(organisation=organisation, coordinator=coordinator, name="Stará platforma")
    colleague = UserFactory(organisation=organisation, roles=[Role.COORDINATOR])

    response = login(coordinator).post(
        _edit_url(platform),
        _data(
            colleague,
            name="Pracovní skupina Krásné Březno",
            themes=["extremism"],
            frequency="quarterly",
            is_active="",
            version=platform.version,
        ),
    )

    assert response.status_code == 302
    assert response.url == reverse("platforms:detail", args=[platform.pk])
    platform.refresh_from_db()
    assert (platform.name, platform.themes, platform.frequency, platform.coordinator, platform.is_active) == (
        "Pracovní skupina Krásné Březno",
        ["extremism"],
        "quarterly",
        colleague,
        False,
    )


def test_edit_form_shows_errors_at_the_field_and_keeps_the_title(coordinator, organisation, login):
    platform = PlatformFactory(organisation=organisation, coordinator=coordinator, name="Stará platforma")

    response = login(coordinator).post(_edit_url(platform), _data(coordinator, name="", version=platform.version))

    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["Toto pole je třeba vyplnit."]}
    assert response.context["title"] == "Upravit platformu Stará platforma"
    platform.refresh_from_db()
    assert platform.name == "Stará platforma"


def test_coordinator_who_lost_the_role_is_shown_but_refused_by_the_service(coordinator, mentor, organisation, login):
    platform = PlatformFactory(organisation=organisation, coordinator=mentor)

    response = login(coordinator).post(_edit_url(platform), _data(mentor, version=platform.version))

    assert response.status_code == 200
    assert response.context["form"].errors == {"coordinator": ["Koordinátor musí být koordinátorem této organizace."]}
    assert mentor in response.context["form"].fields["coordinator"].queryset
