"""Anonymous contacts: logged without a client record, listed for the organisation's service workers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AnonymousContact
from tests.cases.casework_helpers import add_anonymous, messages_of
from tests.cases.factories import SocialServiceFactory
from tests.locations.factories import LocalityFactory

pytestmark = pytest.mark.django_db
LIST = reverse("cases:anonymous_list")
CREATE = reverse("cases:anonymous_create")


def _post(chosen_service, **overrides):
    data = {
        "date": "2026-02-05",
        "duration_minutes": "35",
        "persons_count": "4",
        "activities": ["counselling", "social_contact"],
        "locality": "",
        "service": chosen_service.pk,
        "note": "Skupina mladých u herny.",
    }
    data.update(overrides)
    return data


def test_form_defaults_to_today_one_person_and_the_only_service(service, liaison, login):
    form = login(liaison).get(CREATE).context["form"]

    assert (form["date"].value(), form["persons_count"].value(), form["service"].value()) == (
        timezone.localdate(),
        1,
        service.pk,
    )


def test_anonymous_contact_is_saved(service, liaison, login):
    locality = LocalityFactory(organisation=service.organisation, name="Předlice")

    response = login(liaison).post(CREATE, _post(service, locality=locality.pk), follow=True)

    assert response.redirect_chain == [(LIST, 302)]
    assert messages_of(response) == ["Anonymní kontakt byl zapsán."]
    contact = AnonymousContact.objects.get()
    assert (
        contact.service,
        contact.date,
        contact.duration_minutes,
        contact.persons_count,
        contact.activities,
        contact.locality,
        contact.note,
        contact.created_by,
    ) == (
        service,
        datetime.date(2026, 2, 5),
        35,
        4,
        ["counselling", "social_contact"],
        locality,
        "Skupina mladých u herny.",
        liaison,
    )


def test_invalid_input_is_said_at_the_fields(service, liaison, login):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = login(liaison).post(
        CREATE, _post(service, date=tomorrow.isoformat(), persons_count="0", duration_minutes="", service="")
    )

    assert response.context["form"].errors == {
        "date": ["Datum kontaktu nemůže být v budoucnosti."],
        "duration_minutes": ["Zadejte délku kontaktu v minutách."],
        "persons_count": ["Počet osob je alespoň 1."],
        "service": ["Vyberte službu."],
    }
    assert not AnonymousContact.objects.exists()


def test_service_of_another_organisation_is_not_a_choice(service, liaison, other_organisation, login):
    foreign = SocialServiceFactory(organisation=other_organisation)

    response = login(liaison).post(CREATE, _post(foreign))

    assert list(response.context["form"].errors) == ["service"]
    assert not AnonymousContact.objects.exists()


def test_list_shows_the_organisations_contacts_newest_first(
    service, liaison, other_liaison, other_organisation, outsider, login
):
    add_anonymous(service, liaison, day=datetime.date(2026, 2, 1), note="První.")
    add_anonymous(service, other_liaison, day=datetime.date(2026, 2, 3), duration_minutes=30, note="Druhý.")
    add_anonymous(SocialServiceFactory(organisation=other_organisation), outsider, note="Cizí.")

    response = login(liaison).get(LIST)

    assert [row.contact.note for row in response.context["rows"]] == ["Druhý.", "První."]
    assert [row.intervention for row in response.context["rows"]] == [True, False]
    body = response.content.decode()
    assert "Cizí." not in body
    assert "základní sociální poradenství" in body


def test_list_is_paged_by_keyset(service, liaison, login):
    for day in range(1, 29):
        for _ in range(2):
            add_anonymous(service, liaison, day=datetime.date(2026, 2, day))
    client = login(liaison)

    first = client.get(LIST)
    second = client.get(LIST, {"after": first.context["page"].next_cursor})

    assert len(first.context["rows"]) == 50 and len(second.context["rows"]) == 6
    assert 'rel="next"' in first.content.decode()
    ids = [row.contact.pk for row in first.context["rows"]] + [row.contact.pk for row in second.context["rows"]]
    assert len(set(ids)) == 56


def test_list_query_count_is_fixed(service, liaison, login, django_assert_num_queries):
    locality = LocalityFactory(organisation=service.organisation)
    for day in range(1, 20):
        add_anonymous(service, liaison, day=datetime.date(2026, 2, day), locality=locality)
    client = login(liaison)

    # session, user, OTP device, savepoint + release, one page of contacts with their localities and services
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_num_queries(7):
        client.get(LIST)
