"""Logging a contact on a tablet: date, duration with quick choices, workers, form, place, activities, tasks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog, Contact
from tests.cases.casework_helpers import messages_of
from tests.locations.factories import LocalityFactory

pytestmark = pytest.mark.django_db


def _url(case):
    return reverse("cases:contact_create", args=[case.pk])


def _post(*workers, **overrides):
    data = {
        "date": "2026-02-10",
        "duration_minutes": "45",
        "workers": [worker.pk for worker in workers],
        "form": "in_person",
        "place": "police_station",
        "activities": ["rights", "counselling"],
        "specific_tasks": ["escort_police", "victim_rights"],
        "note": "Doprovod k podání trestního oznámení.",
    }
    data.update(overrides)
    return data


def test_form_defaults_and_the_intervention_hint(case, liaison, login):
    response = login(liaison).get(_url(case))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["date"].value() == timezone.localdate()
    assert form["workers"].value() == [liaison.pk]
    body = response.content.decode()
    assert "Intervence od 30 minut." in body
    for minutes in (15, 30, 45, 60, 90):
        assert f'data-minutes="{minutes}">{minutes} min</button>' in body
    assert 'data-threshold="30"' in body
    assert 'novalidate=""' in body and "data-submit-once" in body
    assert 'name="version"' not in body


def test_hint_follows_the_services_threshold(case, service, liaison, login):
    service.intervention_threshold_minutes = 1
    service.save()

    assert "Intervence od 1 minuty." in login(liaison).get(_url(case)).content.decode()


def test_localities_are_the_organisations_active_ones(case, liaison, other_organisation, login):
    LocalityFactory(organisation=case.organisation, name="Předlice")
    LocalityFactory(organisation=case.organisation, name="Stará lokalita", is_active=False)
    LocalityFactory(organisation=other_organisation, name="Cizí lokalita")

    form = login(liaison).get(_url(case)).context["form"]

    assert [locality.name for locality in form.fields["locality"].queryset] == ["Předlice"]


def test_contact_is_saved(case, liaison, other_liaison, login):
    response = login(liaison).post(_url(case), _post(liaison, other_liaison), follow=True)

    assert response.redirect_chain == [(reverse("cases:case_detail", args=[case.pk]), 302)]
    assert messages_of(response) == ["Kontakt byl zapsán."]
    contact = Contact.objects.get()
    assert (
        contact.date,
        contact.duration_minutes,
        contact.form,
        contact.place,
        contact.locality,
        contact.activities,
        contact.specific_tasks,
        contact.note,
        contact.created_by,
    ) == (
        datetime.date(2026, 2, 10),
        45,
        "in_person",
        "police_station",
        None,
        ["rights", "counselling"],
        ["escort_police", "victim_rights"],
        "Doprovod k podání trestního oznámení.",
        liaison,
    )
    assert set(contact.workers.all()) == {liaison, other_liaison}
    assert AccessLog.objects.filter(action="create", object_type="contact", client=case.client).count() == 1


def test_contact_in_a_locality_needs_the_locality(case, liaison, login):
    response = login(liaison).post(_url(case), _post(liaison, place="locality"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"locality": ["Vyberte lokalitu."]}
    assert not Contact.objects.exists()


def test_contact_in_a_locality_keeps_it(case, liaison, login):
    locality = LocalityFactory(organisation=case.organisation, name="Předlice")

    login(liaison).post(_url(case), _post(liaison, place="locality", locality=locality.pk))

    assert Contact.objects.get().locality == locality


def test_locality_is_dropped_for_another_place(case, liaison, login):
    locality = LocalityFactory(organisation=case.organisation, name="Předlice")

    login(liaison).post(_url(case), _post(liaison, place="court", locality=locality.pk))

    assert Contact.objects.get().locality is None


def test_locality_of_another_organisation_is_not_a_choice(case, liaison, other_organisation, login):
    foreign = LocalityFactory(organisation=other_organisation, name="Cizí lokalita")

    response = login(liaison).post(_url(case), _post(liaison, place="locality", locality=foreign.pk))

    assert list(response.context["form"].errors) == ["locality"]
    assert not Contact.objects.exists()


def test_required_fields_are_said_in_czech(case, liaison, login):
    response = login(liaison).post(_url(case), {"date": "", "duration_minutes": "", "workers": []})

    assert response.context["form"].errors == {
        "date": ["Zadejte datum kontaktu."],
        "duration_minutes": ["Zadejte délku kontaktu v minutách."],
        "workers": ["Vyberte alespoň jednoho pracovníka."],
        "form": ["Vyberte formu kontaktu."],
        "place": ["Vyberte místo kontaktu."],
    }


def test_duration_must_be_positive_and_dates_sensible(case, liaison, login):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client = login(liaison)

    zero = client.post(_url(case), _post(liaison, duration_minutes="0")).context["form"].errors
    future = client.post(_url(case), _post(liaison, date=tomorrow.isoformat())).context["form"].errors
    before = client.post(_url(case), _post(liaison, date="2026-01-01")).context["form"].errors

    assert zero == {"duration_minutes": ["Kontakt trvá alespoň 1 minutu."]}
    assert future == {"date": ["Datum kontaktu nemůže být v budoucnosti."]}
    assert before == {"date": ["Kontakt nemůže být před otevřením případu."]}
    assert not Contact.objects.exists()
