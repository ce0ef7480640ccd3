"""The organisation's social services: the service lead and the organisation admin list, create and edit them."""

import pytest
from django.urls import reverse

from cases.models import SocialService
from tests.cases.client_helpers import make_service

pytestmark = pytest.mark.django_db

LIST_URL = reverse("cases:service_list")
CREATE_URL = reverse("cases:service_create")


def _edit_url(service):
    return reverse("cases:service_edit", args=[service.pk])


def _data(**overrides):
    data = {
        "name": "Terénní programy – asistence obětem",
        "registration_number": "1234567",
        "kind": "field_programmes",
        "target_groups": ["crime_victims", "trafficking_victims"],
        "intervention_threshold_minutes": "30",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["service_lead", "org_admin"])
def test_service_manager_creates_a_service(login, request, role):
    user = request.getfixturevalue(role)

    response = login(user).post(CREATE_URL, _data())

    assert response.status_code == 302
    assert response.url == LIST_URL
    service = SocialService.objects.get()
    assert (service.organisation, service.name, service.registration_number, service.kind) == (
        user.organisation,
        "Terénní programy – asistence obětem",
        "1234567",
        "field_programmes",
    )
    assert (service.target_groups, service.intervention_threshold_minutes) == (
        ["crime_victims", "trafficking_victims"],
        30,
    )


def test_threshold_defaults_to_30_minutes(service_lead, login):
    form = login(service_lead).get(CREATE_URL).context["form"]

    assert form["intervention_threshold_minutes"].value() == 30


def test_registration_number_has_7_digits(service_lead, login):
    response = login(service_lead).post(CREATE_URL, _data(registration_number="12345"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"registration_number": ["Registrační číslo služby má 7 číslic."]}
    assert not SocialService.objects.exists()


def test_registration_number_is_unique_in_the_organisation(service_lead, organisation, other_organisation, login):
    make_service(other_organisation, registration_number="1234567")
    make_service(organisation, registration_number="1234567")

    response = login(service_lead).post(CREATE_URL, _data())

    assert response.context["form"].non_field_errors() == ["Služba s tímto registračním číslem už existuje."]
    assert SocialService.objects.filter(organisation=organisation).count() == 1


def test_threshold_out_of_range_is_an_error_at_the_field(service_lead, login):
    response = login(service_lead).post(CREATE_URL, _data(intervention_threshold_minutes="0"))

    assert response.context["form"].errors == {
        "intervention_threshold_minutes": ["Hodnota musí být větší nebo rovna 1."]
    }


def test_service_lead_edits_a_service(service_lead, organisation, login):
    service = make_service(organisation, name="Starý název", registration_number="7654321")

    response = login(service_lead).post(
        _edit_url(service),
        _data(
            name="Nový název",
            target_groups=["homeless"],
            intervention_threshold_minutes="45",
            version=service.version,
        ),
    )

    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name, service.registration_number, service.target_groups) == (
        "Nový název",
        "1234567",
        ["homeless"],
    )
    assert service.intervention_threshold_minutes == 45


def test_edit_keeps_its_own_registration_number(org_admin, organisation, login):
    service = make_service(organisation, registration_number="1234567")

    response = login(org_admin).post(_edit_url(service), _data(name="Jen jiný název", version=service.version))

    assert response.status_code == 302


def test_edit_form_error_keeps_the_title(service_lead, organisation, login):
    service = make_service(organisation, name="Asistence obětem")

    response = login(service_lead).post(_edit_url(service), _data(name="", version=service.version))

    assert response.context["form"].errors == {"name": ["Toto pole je třeba vyplnit."]}
    assert response.context["title"] == "Upravit službu Asistence obětem"


def test_list_shows_the_organisations_services_with_target_groups(
    service_lead, organisation, other_organisation, login, django_assert_max_num_queries
):
    make_service(organisation, name="Asistence obětem", target_groups=["crime_victims", "homeless"])
    # An explicit number: the factory's sequence depends on how many services the whole run made before.
    make_service(
        organisation,
        name="Krizová pomoc",
        registration_number="1234568",
        target_groups=[],
        intervention_threshold_minutes=20,
    )
    make_service(other_organisation, name="Cizí služba")
    browser = login(service_lead)

    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(7):
        response = browser.get(LIST_URL)

    html = " ".join(response.content.decode().split())
    assert "Cizí služba" not in html
    assert "<td>oběti trestné činnosti, osoby bez přístřeší</td>" in html
    assert "<td>Krizová pomoc</td> <td>1234568</td>" in html
    assert '<td>—</td> <td class="text-end text-nowrap">20 min</td>' in html


@pytest.mark.parametrize("role", ["liaison", "coordinator", "mentor", "apk"])
def test_other_roles_get_403(organisation, login, request, role):
    service = make_service(organisation)
    browser = login(request.getfixturevalue(role))

    for url in (LIST_URL, CREATE_URL, _edit_url(service)):
        assert browser.get(url).status_code == 403


def test_another_organisations_service_is_404(organisation, outsider, login):
    service = make_service(organisation, name="Asistence obětem")

    response = login(outsider).post(_edit_url(service), _data(name="Převzato"))

    assert response.status_code == 404
    service.refresh_from_db()
    assert service.name == "Asistence obětem"


def test_wrong_method_is_refused(service_lead, login):
    assert login(service_lead).post(LIST_URL).status_code == 405


@pytest.mark.parametrize("role", ["service_lead", "org_admin"])
def test_navigation_leads_service_managers_to_the_services(login, request, role):
    nav = {item["label"]: item for item in login(request.getfixturevalue(role)).get(LIST_URL).context["nav_items"]}

    assert nav["Sociální služby"]["url"] == LIST_URL
    assert [label for label, item in nav.items() if item["active"]] == ["Sociální služby"]


def test_navigation_has_no_services_entry_for_a_liaison(liaison, login):
    nav = login(liaison).get(reverse("cases:client_list")).context["nav_items"]

    assert "Sociální služby" not in [item["label"] for item in nav]
