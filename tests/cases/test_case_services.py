"""Client and case services: codes, the access log, closing and reopening, contacts, plans, retention."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases import selectors, services
from cases.models import AccessLog, Client, ClientIdentity, Contact
from tests.cases.factories import CaseFactory, ClientFactory, ClientIdentityFactory, SocialServiceFactory

CLIENT = {"gender": "female", "age_band": "27-64", "target_group": "crime_victims"}
IDENTITY = {"full_name": "Marie Nováková", "birth_year": 1980, "phone": "777 123 456", "address": "Předlice 12"}


@pytest.fixture
def service(organisation):
    return SocialServiceFactory(organisation=organisation)


@pytest.mark.django_db
def test_client_codes_count_per_organisation_and_year(service, liaison, other_organisation, outsider):
    first = services.client_create(service=service, by=liaison, today=datetime.date(2026, 3, 1), **CLIENT)
    second = services.client_create(service=service, by=liaison, today=datetime.date(2026, 3, 2), **CLIENT)
    next_year = services.client_create(service=service, by=liaison, today=datetime.date(2027, 1, 2), **CLIENT)
    foreign = services.client_create(
        service=SocialServiceFactory(organisation=other_organisation),
        by=outsider,
        today=datetime.date(2026, 5, 1),
        **CLIENT,
    )
    assert [first.code, second.code, next_year.code, foreign.code] == [
        "K-2026-0001",
        "K-2026-0002",
        "K-2027-0001",
        "K-2026-0001",
    ]


@pytest.mark.django_db
def test_identity_is_stored_apart_and_creation_is_logged(service, liaison):
    client = services.client_create(service=service, by=liaison, identity=IDENTITY, **CLIENT)
    assert ClientIdentity.objects.get(client=client).full_name == "Marie Nováková"
    log = AccessLog.objects.get()
    assert (log.user, log.action, log.object_type, log.client) == (liaison, "create", "client", client)


@pytest.mark.django_db
def test_no_identity_row_without_identifying_data(service, liaison):
    client = services.client_create(service=service, by=liaison, identity={"full_name": ""}, **CLIENT)
    assert not ClientIdentity.objects.filter(client=client).exists()


@pytest.mark.django_db
def test_coordinator_cannot_create_clients(service, coordinator):
    with pytest.raises(PermissionDenied):
        services.client_create(service=service, by=coordinator, **CLIENT)


@pytest.mark.django_db
def test_duplicate_check_ignores_diacritics_and_case_and_returns_codes_only(organisation, liaison, service):
    ClientIdentityFactory(client=ClientFactory(organisation=organisation, service=service, code="K-2026-0042"))
    assert _codes(selectors.duplicate_candidates(liaison, full_name="marie novakova")) == ["K-2026-0042"]
    assert _codes(selectors.duplicate_candidates(liaison, code="k-2026-0042")) == ["K-2026-0042"]
    assert selectors.duplicate_candidates(liaison, full_name="Jana Nová") == []
    # Nothing beyond the code (and the ids the access log needs) is loaded.
    (candidate,) = selectors.duplicate_candidates(liaison, code="K-2026-0042")
    assert candidate.get_deferred_fields() >= {"service_id", "note", "gender", "created_by_id"}


def _codes(clients) -> list[str]:
    return [client.code for client in clients]


@pytest.mark.django_db
def test_duplicate_check_never_crosses_organisations(organisation, service, outsider):
    ClientIdentityFactory(client=ClientFactory(organisation=organisation, service=service))
    assert selectors.duplicate_candidates(outsider, full_name="Marie Nováková") == []


@pytest.mark.django_db
def test_scope_assigned_worker_and_lead_see_the_client_others_do_not(
    organisation, service, liaison, service_lead, coordinator, mentor, apk
):
    from tests.accounts.factories import UserFactory

    other_liaison = UserFactory(organisation=organisation, username="jina_pracovnice", roles=["liaison"])
    case = CaseFactory(client=ClientFactory(organisation=organisation, service=service), workers=[liaison])
    for user, visible in [
        (liaison, True),
        (service_lead, True),
        (other_liaison, False),
        (coordinator, False),
        (mentor, False),
        (apk, False),
    ]:
        assert selectors.client_scope(user).filter(pk=case.client_id).exists() is visible, user.username
        assert selectors.case_scope(user).filter(pk=case.pk).exists() is visible, user.username


@pytest.mark.django_db
def test_closing_needs_a_reason_and_makes_the_case_read_only(organisation, service, liaison):
    case = CaseFactory(client=ClientFactory(organisation=organisation, service=service), workers=[liaison])
    with pytest.raises(ValidationError) as error:
        services.case_close(case=case, by=liaison, version=case.version, closed_on=datetime.date(2026, 6, 1), reason="")
    assert error.value.message_dict == {"reason": ["Uveďte důvod uzavření případu."]}
    case = services.case_close(
        case=case, by=liaison, version=case.version, closed_on=datetime.date(2026, 6, 1), reason="Cíle splněny."
    )
    with pytest.raises(ValidationError) as error:
        services.contact_create(
            case=case,
            by=liaison,
            workers=[liaison],
            date=datetime.date(2026, 6, 2),
            duration_minutes=20,
            form="phone",
            place="other",
        )
    assert error.value.messages == ["Případ je uzavřený; pro změny ho nejdřív znovu otevřete."]
    case = services.case_reopen(case=case, by=liaison, version=case.version, reason="Nová událost.")
    assert case.status == "open" and case.closed_on is None
    assert "Nová událost." in case.closure_reason


@pytest.mark.django_db
def test_stale_case_edit_is_refused(organisation, service, liaison):
    case = CaseFactory(client=ClientFactory(organisation=organisation, service=service), workers=[liaison])
    seen = case.version
    services.case_update(
        case=case,
        by=liaison,
        version=seen,
        role="witness",
        crime_type="usury",
        opened_on=case.opened_on,
        workers=[liaison],
    )
    with pytest.raises(ValidationError) as error:
        services.case_close(case=case, by=liaison, version=seen, closed_on=datetime.date(2026, 6, 1), reason="x")
    assert error.value.messages == ["Případ mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."]


@pytest.mark.django_db
def test_contact_at_threshold_is_an_intervention(organisation, service, liaison):
    case = CaseFactory(client=ClientFactory(organisation=organisation, service=service), workers=[liaison])
    short = services.contact_create(
        case=case,
        by=liaison,
        workers=[liaison],
        date=datetime.date(2026, 2, 1),
        duration_minutes=29,
        form="phone",
        place="other",
    )
    exact = services.contact_create(
        case=case,
        by=liaison,
        workers=[liaison],
        date=datetime.date(2026, 2, 2),
        duration_minutes=30,
        form="in_person",
        place="police_station",
        activities=["rights"],
        specific_tasks=["escort_police"],
    )
    assert (services.is_intervention(short, service), services.is_intervention(exact, service)) == (False, True)
    assert Contact.objects.count() == 2


@pytest.mark.django_db
def test_contact_in_a_locality_needs_the_locality(organisation, service, liaison):
    case = CaseFactory(client=ClientFactory(organisation=organisation, service=service), workers=[liaison])
    with pytest.raises(ValidationError) as error:
        services.contact_create(
            case=case,
            by=liaison,
            workers=[liaison],
            date=datetime.date(2026, 2, 1),
            duration_minutes=30,
            form="in_person",
            place="locality",
        )
    assert error.value.message_dict == {"locality": ["Vyberte lokalitu."]}


@pytest.mark.django_db
def test_plan_review_keeps_history(organisation, service, liaison):
    case = CaseFactory(client=ClientFactory(organisation=organisation, service=service), workers=[liaison])
    plan = services.plan_save(
        case=case,
        by=liaison,
        version=None,
        goals="Chci splatit dluh bez lichváře.",
        steps="Dluhová poradna.",
        responsible="klientka, pracovnice",
        review_on=datetime.date(2026, 3, 1),
    )
    review = services.plan_review(
        plan=plan,
        by=liaison,
        version=plan.version,
        reviewed_on=datetime.date(2026, 3, 1),
        summary="Splátkový kalendář sjednán.",
        next_review_on=datetime.date(2026, 6, 1),
    )
    plan.refresh_from_db()
    assert (review.goals, plan.review_on) == ("Chci splatit dluh bez lichváře.", datetime.date(2026, 6, 1))
    assert list(plan.reviews.values_list("summary", flat=True)) == ["Splátkový kalendář sjednán."]


@pytest.mark.django_db
def test_anonymise_removes_identity_and_notes_but_keeps_counts(organisation, service, liaison):
    import django.utils.timezone as tz

    client = services.client_create(service=service, by=liaison, identity=IDENTITY, note="Citlivá poznámka", **CLIENT)
    case = services.case_create(
        client=client,
        by=liaison,
        role="victim",
        crime_type="usury",
        opened_on=datetime.date(2016, 1, 1),
        workers=[liaison],
    )
    services.contact_create(
        case=case,
        by=liaison,
        workers=[liaison],
        date=datetime.date(2016, 1, 2),
        duration_minutes=60,
        form="in_person",
        place="other",
        note="Podrobnosti o lichváři.",
    )
    assert services.client_anonymise(client=client, by=None, now=tz.now()) is True
    assert services.client_anonymise(client=client, by=None, now=tz.now()) is False
    client = Client.objects.get(pk=client.pk)
    assert client.note == "" and client.anonymised_at is not None
    assert not ClientIdentity.objects.filter(client=client).exists()
    assert Contact.objects.get().note == ""
    assert Contact.objects.get().duration_minutes == 60
    assert AccessLog.objects.filter(action="anonymise", user__isnull=True).count() == 1
