"""Editing a client: attributes and identity with the version the worker saw; anonymised clients are read-only."""

import pytest
from django.utils import timezone

from cases.models import AccessLog, Client, ClientIdentity
from cases.services import client_anonymise
from tests.cases.client_helpers import FULL_NAME, client_url, client_with_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_record(organisation, liaison):
    return client_with_case(organisation, workers=[liaison])


def _data(client, **overrides):
    data = {
        "gender": "female",
        "age_band": "18-26",
        "target_group": "commercially_exploited",
        "agreement_form": "written",
        "agreement_date": "2026-02-01",
        "consent_date": "2026-02-01",
        "consent_scope": "dokumentace služby",
        "note": "",
        "full_name": "Marie Nová",
        "birth_year": "1981",
        "phone": "608 000 111",
        "address": "",
        "version": client.version,
    }
    data.update(overrides)
    return data


def test_assigned_worker_changes_attributes_and_identity(client_record, liaison, login):
    response = login(liaison).post(client_url("client_edit", client_record), _data(client_record))

    assert response.status_code == 302
    assert response.url == client_record.get_absolute_url()
    client = Client.objects.get()
    assert (client.age_band, client.target_group, client.agreement_form, client.version) == (
        "18-26",
        "commercially_exploited",
        "written",
        2,
    )
    identity = ClientIdentity.objects.get()
    assert (identity.full_name, identity.birth_year, identity.phone, identity.address) == (
        "Marie Nová",
        1981,
        "608 000 111",
        "",
    )


def test_form_carries_the_version_and_the_current_identity(client_record, liaison, login):
    form = login(liaison).get(client_url("client_edit", client_record)).context["form"]

    assert form["version"].value() == 1
    assert form.fields["version"].widget.input_type == "hidden"
    assert (form["full_name"].value(), form["birth_year"].value()) == (FULL_NAME, 1980)


def test_stale_save_is_refused_keeps_the_input_and_changes_nothing(client_record, liaison, service_lead, login):
    seen = _data(client_record)
    login(service_lead).post(client_url("client_edit", client_record), _data(client_record, age_band="65+"))

    response = login(liaison).post(client_url("client_edit", client_record), seen)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == ["Klienta mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."]
    assert (form["age_band"].value(), form["full_name"].value()) == ("18-26", "Marie Nová")
    client = Client.objects.get()
    assert (client.age_band, client.version) == ("65+", 2)
    assert AccessLog.objects.filter(action="update").count() == 1


def test_invalid_input_is_shown_at_the_field(client_record, liaison, login):
    response = login(liaison).post(client_url("client_edit", client_record), _data(client_record, gender=""))

    assert response.context["form"].errors == {"gender": ["Toto pole je třeba vyplnit."]}
    assert Client.objects.get().version == 1


def test_clearing_never_given_identity_creates_no_identity_row(organisation, liaison, login):
    client = client_with_case(organisation, workers=[liaison], identity=False)

    login(liaison).post(
        client_url("client_edit", client), _data(client, full_name="", birth_year="", phone="", address="")
    )

    assert Client.objects.get().version == 2
    assert not ClientIdentity.objects.exists()


def test_anonymised_client_cannot_be_edited(client_record, liaison, login):
    client_anonymise(client=client_record, by=None, now=timezone.now())
    browser = login(liaison)

    opened = browser.get(client_url("client_edit", client_record), follow=True)
    posted = browser.post(client_url("client_edit", client_record), _data(client_record), follow=True)

    for response in (opened, posted):
        assert response.redirect_chain == [(client_record.get_absolute_url(), 302)]
        assert [str(m) for m in response.context["messages"]] == ["Klient byl anonymizován; jeho údaje už nelze měnit."]
    client = Client.objects.get()
    assert (client.age_band, client.version) == ("27-64", 1)
    assert not ClientIdentity.objects.exists()


def test_anonymised_client_page_offers_no_edit_and_no_new_case(client_record, liaison, login):
    client_anonymise(client=client_record, by=None, now=timezone.now())

    html = login(liaison).get(client_url("client_detail", client_record)).content.decode()

    assert "Upravit" not in html
    assert "Založit případ" not in html
    assert "Identifikační údaje nejsou zaznamenány." in html


def test_wrong_method_is_refused(client_record, liaison, login):
    assert login(liaison).delete(client_url("client_edit", client_record)).status_code == 405
