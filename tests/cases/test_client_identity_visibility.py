"""Identifying data appear on the client's own page (and form) for permitted users, never in lists, titles,
URLs or messages."""

import re

import pytest
from django.urls import reverse

from cases.models import Client
from tests.cases.client_helpers import (
    ADDRESS,
    FULL_NAME,
    PHONE,
    client_url,
    client_with_case,
    make_service,
    other_liaison,
)

pytestmark = pytest.mark.django_db


def _title_and_h1(html: str) -> tuple[str, str]:
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return " ".join(title.split()), " ".join(re.sub(r"<[^>]+>", " ", h1).split())


@pytest.fixture
def client_record(organisation, liaison):
    return client_with_case(organisation, workers=[liaison])


@pytest.mark.parametrize("role", ["liaison", "service_lead"])
def test_client_list_shows_the_code_but_no_identifying_data(client_record, login, request, role):
    html = login(request.getfixturevalue(role)).get(reverse("cases:client_list")).content.decode()

    assert "K-2026-0042" in html
    for value in (FULL_NAME, "Nováková", PHONE, ADDRESS, "1980"):
        assert value not in html


def test_client_list_filter_by_name_finds_nothing_and_echoes_nothing(client_record, liaison, login):
    """The list filters by code and target group only; a name typed into the code filter matches no one."""
    response = login(liaison).get(reverse("cases:client_list"), {"code": "Nováková"})

    assert list(response.context["page"]) == []


@pytest.mark.parametrize("role", ["liaison", "service_lead"])
def test_detail_shows_identity_to_the_assigned_worker_and_the_lead(client_record, login, request, role):
    html = login(request.getfixturevalue(role)).get(client_url("client_detail", client_record)).content.decode()

    identity = html[html.index('data-testid="identity"') :]
    for value in (FULL_NAME, PHONE, ADDRESS, "1980"):
        assert value in identity


def test_title_and_heading_of_the_detail_use_the_code_only(client_record, liaison, login):
    html = login(liaison).get(client_url("client_detail", client_record)).content.decode()

    assert _title_and_h1(html) == ("Klient K-2026-0042 · SVL", "Klient K-2026-0042")


def test_title_and_heading_of_the_edit_form_use_the_code_only(client_record, liaison, login):
    html = login(liaison).get(client_url("client_edit", client_record)).content.decode()

    assert _title_and_h1(html) == ("Upravit klienta K-2026-0042 · SVL", "Upravit klienta K-2026-0042")
    assert f'value="{FULL_NAME}"' in html  # the assigned worker edits the identity


@pytest.mark.parametrize("name", ["client_detail", "client_edit", "client_file"])
def test_no_identity_reaches_anyone_outside_the_scope(client_record, organisation, login, coordinator, name):
    for user in (other_liaison(organisation), coordinator):
        response = login(user).get(client_url(name, client_record))
        assert response.status_code in (403, 404)
        assert FULL_NAME.encode() not in response.content
        assert PHONE.encode() not in response.content


def test_creating_a_client_names_it_by_code_in_the_url_and_the_message(organisation, liaison, login):
    service = make_service(organisation)
    response = login(liaison).post(
        reverse("cases:client_create"),
        {
            "service": service.pk,
            "gender": "female",
            "age_band": "27-64",
            "target_group": "crime_victims",
            "full_name": FULL_NAME,
            "phone": PHONE,
        },
        follow=True,
    )

    client = Client.objects.get()
    assert response.redirect_chain == [(client.get_absolute_url(), 302)]
    assert FULL_NAME not in response.redirect_chain[0][0]
    assert [str(message) for message in response.context["messages"]] == [f"Klient {client.code} byl založen."]


def test_saving_changes_names_the_client_by_code_in_the_message(client_record, liaison, login):
    data = {
        "gender": "female",
        "age_band": "27-64",
        "target_group": "crime_victims",
        "full_name": "Marie Nová",
        "version": client_record.version,
    }
    response = login(liaison).post(client_url("client_edit", client_record), data, follow=True)

    assert [str(message) for message in response.context["messages"]] == ["Změny klienta K-2026-0042 byly uloženy."]
