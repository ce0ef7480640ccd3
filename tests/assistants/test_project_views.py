"""Grant projects: coordinators and organisation admins list, create and edit them; others 403; outsiders 404."""

import datetime

import pytest
from django.urls import reverse

from accounts.choices import Role
from assistants.choices import Funder
from assistants.models import Project
from tests.accounts.factories import UserFactory
from tests.assistants.factories import ProjectFactory
from tests.assistants.worklog_helpers import approved_shift
from tests.locations.factories import LocalityFactory

LIST_URL = reverse("shifts:project_list")
CREATE_URL = reverse("shifts:project_create")


def _edit_url(project):
    return reverse("shifts:project_edit", args=[project.pk])


@pytest.fixture
def locality(organisation):
    return LocalityFactory(organisation=organisation, name="Předlice")


def _data(apk, mentor, locality, **overrides):
    data = {
        "name": "Asistent prevence kriminality 2027",
        "funder": Funder.MV_PREVENTION,
        "registration_number": "MV-2027-001",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "planned_hours": "3200",
        "assistants": [apk.pk],
        "mentors": [mentor.pk],
        "localities": [locality.pk],
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_project(coordinator, apk, mentor, locality, login):
    response = login(coordinator).post(CREATE_URL, _data(apk, mentor, locality))

    assert response.status_code == 302
    assert response.url == LIST_URL
    project = Project.objects.get()
    assert (project.organisation, project.name, project.registration_number) == (
        coordinator.organisation,
        "Asistent prevence kriminality 2027",
        "MV-2027-001",
    )
    assert (project.starts_on, project.ends_on, project.planned_hours, project.is_active) == (
        datetime.date(2027, 1, 1),
        datetime.date(2027, 12, 31),
        3200,
        True,
    )
    assert list(project.assistants.all()) == [apk]
    assert list(project.mentors.all()) == [mentor]
    assert list(project.localities.all()) == [locality]


def test_end_before_start_is_an_error_at_the_end_field(org_admin, apk, mentor, locality, login):
    response = login(org_admin).post(CREATE_URL, _data(apk, mentor, locality, ends_on="2026-12-31"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"ends_on": ["Konec projektu nemůže být před jeho začátkem."]}
    assert not Project.objects.exists()


def test_missing_name_is_an_error_at_the_field(coordinator, apk, mentor, locality, login):
    response = login(coordinator).post(CREATE_URL, _data(apk, mentor, locality, name=""))

    assert response.context["form"].errors == {"name": ["Toto pole je třeba vyplnit."]}


def test_only_apks_can_be_assistants_and_only_mentors_mentors(coordinator, apk, mentor, locality, login):
    response = login(coordinator).post(
        CREATE_URL, _data(apk, mentor, locality, assistants=[mentor.pk], mentors=[apk.pk])
    )

    errors = response.context["form"].errors
    assert errors["assistants"] == [f'Vyberte platnou možnost, "{mentor.pk}" není k dispozici.']
    assert errors["mentors"] == [f'Vyberte platnou možnost, "{apk.pk}" není k dispozici.']


def test_members_and_localities_of_another_organisation_cannot_be_chosen(
    coordinator, apk, mentor, locality, other_organisation, login
):
    foreign_apk = UserFactory(organisation=other_organisation, roles=[Role.APK])
    foreign_locality = LocalityFactory(organisation=other_organisation)

    response = login(coordinator).post(
        CREATE_URL, _data(apk, mentor, locality, assistants=[foreign_apk.pk], localities=[foreign_locality.pk])
    )

    errors = response.context["form"].errors
    assert errors["assistants"] == [f'Vyberte platnou možnost, "{foreign_apk.pk}" není k dispozici.']
    assert errors["localities"] == [f'Vyberte platnou možnost, "{foreign_locality.pk}" není k dispozici.']


def test_coordinator_edits_a_project(coordinator, apk, colleague, mentor, locality, login):
    project = ProjectFactory(organisation=coordinator.organisation, assistants=[apk], mentors=[mentor])

    response = login(coordinator).post(
        _edit_url(project),
        _data(
            apk,
            mentor,
            locality,
            name="Nový název",
            assistants=[apk.pk, colleague.pk],
            is_active="",
            version=project.version,
        ),
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.name, project.is_active) == ("Nový název", False)
    assert set(project.assistants.all()) == {apk, colleague}


def test_edit_form_shows_the_period_error_at_the_field(coordinator, apk, mentor, locality, login):
    project = ProjectFactory(organisation=coordinator.organisation, name="Starý název")

    response = login(coordinator).post(
        _edit_url(project),
        _data(apk, mentor, locality, starts_on="2027-06-01", ends_on="2027-05-31", version=project.version),
    )

    assert response.context["form"].errors == {"ends_on": ["Konec projektu nemůže být před jeho začátkem."]}
    assert response.context["title"] == "Upravit projekt Starý název"
    project.refresh_from_db()
    assert project.ends_on == datetime.date(2026, 12, 31)


def test_deactivated_member_stays_selectable_on_edit(coordinator, apk, mentor, locality, login):
    project = ProjectFactory(organisation=coordinator.organisation, assistants=[apk], mentors=[mentor])
    apk.is_active = False
    apk.save()

    response = login(coordinator).get(_edit_url(project))

    assert apk in response.context["form"].fields["assistants"].queryset


def test_list_shows_projects_with_members_and_approved_hours(coordinator, apk, mentor, login):
    project = ProjectFactory(
        organisation=coordinator.organisation, name="APK Předlice", assistants=[apk], mentors=[mentor]
    )
    approved_shift(
        project=project, mentor=mentor, assistants=[apk], date=datetime.date(2026, 3, 2), start="08:00", end="15:30"
    )
    ProjectFactory(organisation=coordinator.organisation, name="Starý projekt", is_active=False)

    response = login(coordinator).get(LIST_URL)

    assert response.status_code == 200
    projects = list(response.context["projects"])
    assert [p.name for p in projects] == ["APK Předlice", "Starý projekt"]
    assert (projects[0].shift_count, projects[0].approved_hours) == (1, 7.5)
    html = response.content.decode()
    assert "7,5 / 3000" in html
    assert apk.get_full_name() in html


def test_list_query_count_does_not_grow_with_projects(coordinator, apk, mentor, login, django_assert_max_num_queries):
    for n in range(10):
        ProjectFactory(organisation=coordinator.organisation, name=f"Projekt {n}", assistants=[apk], mentors=[mentor])

    client = login(coordinator)

    with django_assert_max_num_queries(9):
        response = client.get(LIST_URL)

    assert len(response.context["projects"]) == 10


def test_list_never_shows_another_organisations_projects(outsider, organisation, login):
    ProjectFactory(organisation=organisation, name="ZZTAJNY projekt")

    response = login(outsider).get(LIST_URL)

    assert "ZZTAJNY" not in response.content.decode()


@pytest.mark.parametrize("fixture", ["apk", "mentor", "liaison"])
def test_other_roles_get_403(request, fixture, login, organisation):
    user = request.getfixturevalue(fixture)
    project = ProjectFactory(organisation=organisation)
    client = login(user)

    assert client.get(LIST_URL).status_code == 403
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, {}).status_code == 403
    assert client.get(_edit_url(project)).status_code == 403


def test_outsider_gets_404_on_edit(outsider, organisation, login):
    project = ProjectFactory(organisation=organisation)

    assert login(outsider).get(_edit_url(project)).status_code == 404
    assert login(outsider).post(_edit_url(project), {}).status_code == 404


@pytest.mark.parametrize("url", [LIST_URL, CREATE_URL])
def test_login_required(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_wrong_method_is_405(coordinator, login):
    assert login(coordinator).post(LIST_URL).status_code == 405
    assert login(coordinator).put(CREATE_URL).status_code == 405


def test_create_page_offers_the_organisations_apks_mentors_and_active_localities(
    coordinator, apk, colleague, mentor, locality, organisation, outsider, login
):
    LocalityFactory(organisation=organisation, name="Zrušená", is_active=False)

    response = login(coordinator).get(CREATE_URL)

    assert response.status_code == 200
    fields = response.context["form"].fields
    assert list(fields["assistants"].queryset) == sorted([apk, colleague], key=lambda u: (u.last_name, u.username))
    assert list(fields["mentors"].queryset) == [mentor]
    assert list(fields["localities"].queryset) == [locality]
    html = response.content.decode()
    assert 'type="date"' in html
    assert 'name="registration_number"' in html
