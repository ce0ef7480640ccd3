"""The client file PDF: everything recorded about the client, confidential, for the client or a hand-over."""

import datetime

import pytest
from django.utils import timezone

from cases import services
from cases.models import AccessLog
from tests.cases.client_helpers import client_url, client_with_case, flat, make_service, page_count, pdf_text
from tests.cases.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_record(organisation, liaison):
    service = make_service(organisation, name="Asistence obětem", registration_number="7654321")
    client = client_with_case(organisation, workers=[liaison], service=service, crime_type="usury")
    client.agreement_form, client.agreement_date = "written", datetime.date(2026, 1, 10)
    client.consent_date, client.consent_scope = datetime.date(2026, 1, 10), "vedení dokumentace služby"
    client.note = "Bojí se odvety."
    client.save()
    case = client.cases.get()
    ContactFactory(
        case=case,
        date=datetime.date(2026, 2, 1),
        duration_minutes=29,
        form="phone",
        place="other",
        activities=["counselling"],
        specific_tasks=[],
        note="Domluvena schůzka.",
    )
    ContactFactory(
        case=case,
        date=datetime.date(2026, 2, 3),
        duration_minutes=45,
        form="in_person",
        place="police_station",
        activities=["rights"],
        specific_tasks=["escort_police", "criminal_complaint"],
        note="Podání trestního oznámení.",
    )
    plan = services.plan_save(
        case=case,
        by=liaison,
        version=None,
        goals="Chci splatit dluh bez lichváře.",
        steps="Dluhová poradna, splátkový kalendář.",
        responsible="klientka, pracovnice",
        review_on=datetime.date(2026, 3, 1),
    )
    services.plan_review(
        plan=plan,
        by=liaison,
        version=plan.version,
        reviewed_on=datetime.date(2026, 3, 1),
        summary="Splátkový kalendář sjednán.",
        next_review_on=datetime.date(2026, 6, 1),
    )
    services.referral_create(
        case=case,
        by=liaison,
        target="white_circle",
        referred_on=datetime.date(2026, 2, 10),
        reason="Právní pomoc oběti.",
        outcome="Klientka poradnu navštívila.",
    )
    AccessLog.objects.all().delete()
    return client


@pytest.fixture
def response(client_record, liaison, login):
    return login(liaison).get(client_url("client_file", client_record))


@pytest.fixture
def text(response):
    assert response.status_code == 200
    return flat(pdf_text(response.content))


def test_response_is_an_uncached_pdf_download_named_by_code(response):
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="spis-klienta-K-2026-0042.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")


def test_header_marks_every_page_confidential(response, text, organisation):
    # The running header is on every page (pypdf reads it after the page's body).
    header = f"Město A · IČO {organisation.ico} Důvěrné – osobní údaje Spis klienta K-2026-0042"
    assert text.count(header) == page_count(response.content)


def test_names_the_producing_user_and_date(text, liaison):
    today = timezone.localtime()
    assert f"Vytvořil(a) {liaison.get_full_name()} (liaison) dne {today:%-d. %-m. %Y}" in text


def test_identity_with_correct_diacritics(text):
    assert "Jméno a příjmení Marie Nováková" in text
    assert "Rok narození 1980" in text
    assert "Telefon +420 777 123 456" in text
    assert "Adresa Předlická 12, Ústí nad Labem" in text


def test_pseudonymous_attributes_agreement_and_consent(text):
    assert "Kód klienta K-2026-0042" in text
    assert "Služba Asistence obětem (reg. č. 7654321)" in text
    assert "Pohlaví žena" in text
    assert "Věková skupina 27–64 let" in text
    assert "Cílová skupina oběti trestné činnosti" in text
    assert "Poznámka Bojí se odvety." in text
    assert "Dohoda písemná, 10. 1. 2026" in text
    assert "Souhlas se zpracováním údajů 10. 1. 2026" in text
    assert "Rozsah souhlasu vedení dokumentace služby" in text


def test_case_with_contacts_and_intervention_marks(text, liaison):
    assert "Případ 1: lichva" in text
    assert "Role klienta oběť Stav otevřený Otevřen 10. 1. 2026 Uzavřen —" in text
    assert f"Přidělení pracovníci {liaison.get_full_name()}" in text
    short = (
        f"1. 2. 2026 29 telefonicky, jiné {liaison.get_full_name()} základní sociální poradenství Domluvena schůzka. ne"
    )
    long = (
        f"3. 2. 2026 45 osobně, policejní služebna {liaison.get_full_name()} pomoc při uplatňování práv, "
        "oprávněných zájmů a při obstarávání osobních záležitostí Specifické úkony: doprovod na policii; "
        "pomoc s trestním oznámením Podání trestního oznámení. ano"
    )
    assert short in text
    assert long in text
    assert "Intervence je kontakt trvající alespoň 30 minut." in text


def test_plan_and_its_review_history(text, liaison):
    assert "Cíle (slovy klienta) Chci splatit dluh bez lichváře." in text
    assert "Kroky Dluhová poradna, splátkový kalendář." in text
    assert "Kdo co dělá klientka, pracovnice" in text
    assert "Příští revize 1. 6. 2026" in text
    assert (
        f"1. 3. 2026 {liaison.get_full_name()} Splátkový kalendář sjednán. Chci splatit dluh bez lichváře. "
        "Dluhová poradna, splátkový kalendář. 1. 6. 2026"
    ) in text


def test_referrals(text):
    assert "10. 2. 2026 Bílý kruh bezpečí Právní pomoc oběti. Klientka poradnu navštívila." in text


def test_intervention_threshold_follows_the_service(client_record, liaison, login):
    client_record.service.intervention_threshold_minutes = 20
    client_record.service.save()

    text = flat(pdf_text(login(liaison).get(client_url("client_file", client_record)).content))

    assert "Domluvena schůzka. ano" in text
    assert "Intervence je kontakt trvající alespoň 20 minut." in text


def test_service_lead_produces_it_too_and_it_is_logged(client_record, service_lead, login):
    response = login(service_lead).get(client_url("client_file", client_record))

    assert response.status_code == 200
    assert f"Vytvořil(a) {service_lead.get_full_name()} (lead)" in flat(pdf_text(response.content))
    assert list(AccessLog.objects.values_list("user", "action", "client")) == [
        (service_lead.pk, "export", client_record.pk)
    ]


def test_anonymised_client_file_keeps_the_counts_but_no_identity_or_notes(client_record, liaison, login):
    services.client_anonymise(client=client_record, by=None, now=timezone.now())

    text = flat(pdf_text(login(liaison).get(client_url("client_file", client_record)).content))

    assert "Identifikační údaje nejsou zaznamenány." in text
    assert "Nováková" not in text and "Bojí se odvety." not in text and "Podání trestního oznámení." not in text
    assert "3. 2. 2026 45 osobně, policejní služebna" in text


def test_query_count_is_fixed(client_record, liaison, login, django_assert_max_num_queries):
    for day in range(4, 20):
        ContactFactory(case=client_record.cases.get(), date=datetime.date(2026, 2, day))
    browser = login(liaison)

    with django_assert_max_num_queries(16):
        browser.get(client_url("client_file", client_record))
