"""Creating a client: a generated code, identity kept apart, the duplicate warning by name or earlier code."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog, Client, ClientIdentity
from tests.cases.client_helpers import FULL_NAME, client_with_case, make_service, other_liaison

pytestmark = pytest.mark.django_db

URL = reverse("cases:client_create")


@pytest.fixture
def service(organisation):
    return make_service(organisation, name="Asistence obětem")


def _data(chosen_service, **overrides):
    data = {
        "service": chosen_service.pk,
        "gender": "female",
        "age_band": "27-64",
        "target_group": "trafficking_victims",
        "agreement_form": "oral",
        "agreement_date": "2026-03-02",
        "consent_date": "2026-03-02",
        "consent_scope": "vedení dokumentace služby",
        "note": "Kontakt přes policii.",
        "full_name": "",
        "birth_year": "",
        "phone": "",
        "address": "",
        "earlier_code": "",
    }
    data.update(overrides)
    return data


def test_liaison_creates_a_client_with_identity_and_lands_on_its_page(service, liaison, login):
    response = login(liaison).post(
        URL, _data(service, full_name=FULL_NAME, birth_year="1980", phone="777 123 456", address="Předlice 12")
    )

    client = Client.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("cases:client_detail", args=[client.pk])
    assert client.code == f"K-{timezone.localdate().year}-0001"
    assert (client.organisation, client.service, client.created_by) == (liaison.organisation, service, liaison)
    assert (client.gender, client.age_band, client.target_group) == ("female", "27-64", "trafficking_victims")
    assert (client.agreement_form, client.agreement_date) == ("oral", datetime.date(2026, 3, 2))
    assert (client.consent_date, client.consent_scope) == (datetime.date(2026, 3, 2), "vedení dokumentace služby")
    assert client.note == "Kontakt přes policii."
    identity = ClientIdentity.objects.get(client=client)
    assert (identity.full_name, identity.birth_year, identity.phone, identity.address) == (
        FULL_NAME,
        1980,
        "777 123 456",
        "Předlice 12",
    )
    assert list(AccessLog.objects.values_list("user", "action", "object_type", "client")) == [
        (liaison.pk, "create", "client", client.pk)
    ]


def test_detail_after_creation_offers_the_first_case_prominently(service, liaison, login):
    response = login(liaison).post(URL, _data(service), follow=True)

    client = Client.objects.get()
    html = response.content.decode()
    case_link = f'<a class="btn btn-primary btn-lg" href="{reverse("cases:case_create", args=[client.pk])}">'
    assert f"{case_link}Založit případ</a>" in html


def test_client_without_identifying_data_has_no_identity_row(service, liaison, login):
    login(liaison).post(URL, _data(service))

    assert Client.objects.count() == 1
    assert not ClientIdentity.objects.exists()


def test_service_lead_creates_a_client(service, service_lead, login):
    assert login(service_lead).post(URL, _data(service)).status_code == 302
    assert Client.objects.get().created_by == service_lead


def test_the_only_service_is_preselected_and_hidden(service, liaison, login):
    form = login(liaison).get(URL).context["form"]

    assert form["service"].value() == service.pk
    assert form.fields["service"].widget.input_type == "hidden"


def test_with_several_services_the_worker_chooses_one(service, organisation, liaison, login):
    make_service(organisation, name="Krizová pomoc")

    response = login(liaison).get(URL)
    form = response.context["form"]

    assert form.fields["service"].widget.input_type == "select"
    assert [label for _value, label in form.fields["service"].choices] == [
        "vyberte službu",
        "Asistence obětem",
        "Krizová pomoc",
    ]
    response = login(liaison).post(URL, _data(service, service=""))
    assert response.context["form"].errors == {"service": ["Toto pole je třeba vyplnit."]}


def test_identity_fields_are_in_a_fieldset_labelled_as_identifying_data(service, liaison, login):
    html = login(liaison).get(URL).content.decode()

    fieldset = html[html.index('data-testid="identity-fieldset"') :]
    fieldset = fieldset[: fieldset.index("</fieldset>")]
    assert "<legend>Identifikační údaje (důvěrné, nepovinné)</legend>" in fieldset
    for name in ("full_name", "birth_year", "phone", "address"):
        assert f'name="{name}"' in fieldset


def test_another_organisations_service_cannot_be_chosen(service, liaison, other_organisation, login):
    foreign = make_service(other_organisation)

    response = login(liaison).post(URL, _data(service, service=foreign.pk))

    assert response.context["form"].errors == {"service": ["Vyberte platnou možnost. Tato není k dispozici."]}
    assert not Client.objects.exists()


def test_missing_attributes_are_errors_at_their_fields(service, liaison, login):
    response = login(liaison).post(URL, _data(service, gender="", age_band="", target_group=""))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "gender": ["Toto pole je třeba vyplnit."],
        "age_band": ["Toto pole je třeba vyplnit."],
        "target_group": ["Toto pole je třeba vyplnit."],
    }
    assert not Client.objects.exists()


def test_agreement_date_without_its_form_is_refused(service, liaison, login):
    response = login(liaison).post(URL, _data(service, agreement_form=""))

    assert response.context["form"].non_field_errors() == ["U data dohody uveďte i její formu."]
    assert not Client.objects.exists()


def test_birth_year_in_the_future_is_refused(service, liaison, login):
    next_year = timezone.localdate().year + 1

    response = login(liaison).post(URL, _data(service, full_name=FULL_NAME, birth_year=str(next_year)))

    assert response.context["form"].errors == {"birth_year": ["Rok narození nemůže být v budoucnosti."]}


def test_same_name_without_diacritics_warns_with_the_existing_code_only(service, organisation, login):
    client_with_case(organisation, workers=[other_liaison(organisation)], service=service, code="K-2026-0042")
    worker = other_liaison(organisation, username="druha_pracovnice")

    response = login(worker).post(URL, _data(service, full_name="marie NOVAKOVA"))

    assert response.status_code == 200
    assert Client.objects.count() == 1
    assert response.context["duplicate_codes"] == ["K-2026-0042"]
    html = response.content.decode()
    assert "Se shodným jménem nebo kódem už organizace vede klienta: K-2026-0042." in html
    assert "Přesto založit nového klienta" in html
    assert FULL_NAME not in html  # the existing client's identity is not revealed
    assert "Předlická" not in html


def test_earlier_code_warns(service, organisation, liaison, login):
    client_with_case(organisation, workers=[liaison], service=service, code="K-2025-0007", identity=False)

    response = login(liaison).post(URL, _data(service, earlier_code="k-2025-0007"))

    assert response.context["duplicate_codes"] == ["K-2025-0007"]
    assert Client.objects.count() == 1


def test_confirming_creates_the_new_client_anyway(service, organisation, liaison, login):
    client_with_case(organisation, workers=[liaison], service=service, code="K-2026-0042")
    browser = login(liaison)
    warned = browser.post(URL, _data(service, full_name="Marie Novakova"))
    assert warned.context["form"]["warned_codes"].value() == "K-2026-0042"

    response = browser.post(
        URL, _data(service, full_name="Marie Novakova", warned_codes="K-2026-0042", confirm_duplicate="on")
    )

    assert response.status_code == 302
    assert Client.objects.count() == 2
    assert ClientIdentity.objects.filter(name_folded="marie novakova").count() == 2


def test_confirmation_does_not_cover_a_match_the_worker_was_not_shown(service, organisation, liaison, login):
    client_with_case(organisation, workers=[liaison], service=service, code="K-2026-0042")
    client_with_case(organisation, workers=[liaison], service=service, code="K-2026-0050", identity=False)

    response = login(liaison).post(
        URL,
        _data(
            service, full_name=FULL_NAME, earlier_code="K-2026-0050", warned_codes="K-2026-0042", confirm_duplicate="on"
        ),
    )

    assert response.status_code == 200
    assert response.context["duplicate_codes"] == ["K-2026-0042", "K-2026-0050"]
    assert response.context["form"]["confirm_duplicate"].value() is False
    assert Client.objects.count() == 2


def test_no_warning_for_a_different_name_or_another_organisations_client(
    service, organisation, other_organisation, outsider, liaison, login
):
    client_with_case(other_organisation, workers=[outsider], code="K-2026-0042")

    response = login(liaison).post(URL, _data(service, full_name=FULL_NAME, earlier_code="K-2026-0042"))

    assert response.status_code == 302


def test_wrong_method_is_refused(liaison, login):
    assert login(liaison).put(URL).status_code == 405
