"""A new case of a client: role, crime type, opening date and workers (the current user by default)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Case
from tests.accounts.factories import UserFactory
from tests.cases.casework_helpers import CODE, messages_of
from tests.cases.factories import ClientFactory, SocialServiceFactory

pytestmark = pytest.mark.django_db
CLIENT = {"gender": "female", "age_band": "27-64", "target_group": "crime_victims"}


def _url(client):
    return reverse("cases:case_create", args=[client.pk])


def _post(*workers, **overrides):
    data = {
        "role": "victim",
        "crime_type": "usury",
        "opened_on": "2026-02-01",
        "workers": [worker.pk for worker in workers],
    }
    data.update(overrides)
    return data


@pytest.fixture
def new_client(service, liaison):
    """A client just created by `liaison`: it has no case yet, so nobody is assigned to it."""
    return services.client_create(service=service, by=liaison, **CLIENT)


def test_form_defaults_to_today_and_the_current_user(new_client, liaison, login):
    response = login(liaison).get(_url(new_client))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["opened_on"].value() == timezone.localdate()
    assert form["workers"].value() == [liaison.pk]
    body = response.content.decode()
    assert f'Nový případ <small class="text-body-secondary fs-5">klient {new_client.code}</small>' in body
    assert 'name="version"' not in body


def test_worker_choices_are_the_services_workers_of_the_organisation(
    new_client, liaison, service_lead, other_liaison, coordinator, outsider, login
):
    UserFactory(organisation=liaison.organisation, username="odesla", roles=["liaison"], is_active=False)
    response = login(liaison).get(_url(new_client))

    choices = {user.username for user in response.context["form"].fields["workers"].queryset}
    assert choices == {"liaison", "lead", "jina"}


def test_creator_adds_the_first_case_of_a_new_client(new_client, liaison, login):
    response = login(liaison).post(_url(new_client), _post(liaison), follow=True)

    case = Case.objects.get()
    assert response.redirect_chain == [(reverse("cases:case_detail", args=[case.pk]), 302)]
    assert messages_of(response) == [f"Případ klienta {new_client.code} byl založen."]
    assert (case.client, case.role, case.crime_type, case.opened_on, case.status) == (
        new_client,
        "victim",
        "usury",
        datetime.date(2026, 2, 1),
        "open",
    )
    assert list(case.workers.all()) == [liaison]


def test_another_liaison_cannot_add_a_case_to_someone_elses_new_client(new_client, other_liaison, login):
    assert login(other_liaison).post(_url(new_client), _post(other_liaison)).status_code == 404
    assert not Case.objects.exists()


def test_once_the_client_has_a_case_only_the_assignment_counts(new_client, liaison, other_liaison, login):
    login(liaison).post(_url(new_client), _post(other_liaison), follow=True)

    # The creator assigned the case to a colleague only: the client is now the colleague's.
    assert login(liaison).get(_url(new_client)).status_code == 404
    assert login(other_liaison).get(_url(new_client)).status_code == 200


def test_creator_who_assigns_someone_else_lands_on_the_home_page(new_client, liaison, other_liaison, login):
    response = login(liaison).post(_url(new_client), _post(other_liaison), follow=True)

    assert response.redirect_chain == [(reverse("cases:home"), 302)]
    assert messages_of(response) == [
        f"Případ klienta {new_client.code} byl založen.",
        "K případu už nejste přiděleni, proto ho nevidíte.",
    ]


def test_assigned_worker_adds_another_case(case, liaison, login):
    response = login(liaison).post(_url(case.client), _post(liaison, role="witness", crime_type="pimping"))

    assert response.status_code == 302
    assert case.client.cases.count() == 2


def test_service_lead_may_create_a_case_for_any_client(new_client, service_lead, liaison, login):
    response = login(service_lead).post(_url(new_client), _post(liaison))

    assert response.status_code == 302
    assert list(Case.objects.get().workers.all()) == [liaison]


def test_invalid_input_is_shown_at_the_fields(new_client, liaison, login):
    response = login(liaison).post(_url(new_client), {"role": "", "crime_type": "", "opened_on": "", "workers": []})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "role": ["Vyberte roli klienta."],
        "crime_type": ["Vyberte druh trestné činnosti."],
        "opened_on": ["Zadejte datum otevření."],
        "workers": ["Vyberte alespoň jednoho pracovníka."],
    }
    assert not Case.objects.exists()


def test_worker_of_another_organisation_cannot_be_assigned(new_client, liaison, outsider, login):
    response = login(liaison).post(_url(new_client), _post(outsider))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["workers"]
    assert not Case.objects.exists()


def test_client_of_another_organisation_is_404(liaison, other_organisation, outsider, login):
    foreign = ClientFactory(
        organisation=other_organisation,
        service=SocialServiceFactory(organisation=other_organisation),
        created_by=outsider,
    )
    assert login(liaison).get(_url(foreign)).status_code == 404


def test_code_is_shown_on_the_form(case, liaison, login):
    assert CODE in login(liaison).get(_url(case.client)).content.decode()
