"""Editing a contact with its version: a stale version is refused, keeps the input and changes nothing."""

import datetime

import pytest
from django.urls import reverse

from cases import services
from tests.cases.casework_helpers import add_contact, messages_of, stale

pytestmark = pytest.mark.django_db


def _url(contact):
    return reverse("cases:contact_edit", args=[contact.pk])


def _post(contact, *workers, **overrides):
    data = {
        "date": "2026-02-01",
        "duration_minutes": "60",
        "workers": [worker.pk for worker in workers],
        "form": "phone",
        "place": "other",
        "activities": ["counselling"],
        "specific_tasks": [],
        "note": "Opraveno.",
        "version": contact.version,
    }
    data.update(overrides)
    return data


@pytest.fixture
def contact(case, liaison):
    return add_contact(case, liaison, minutes=45, specific_tasks=["escort_police"])


def test_form_shows_the_contact_with_its_version(contact, liaison, login):
    response = login(liaison).get(_url(contact))

    form = response.context["form"]
    assert (form["date"].value(), form["duration_minutes"].value(), form["form"].value()) == (
        datetime.date(2026, 2, 1),
        45,
        "in_person",
    )
    assert (form["activities"].value(), form["specific_tasks"].value()) == (["rights"], ["escort_police"])
    assert f'name="version" value="{contact.version}"' in response.content.decode()


def test_edit_saves_and_bumps_the_version(contact, liaison, login):
    response = login(liaison).post(_url(contact), _post(contact, liaison), follow=True)

    assert response.redirect_chain == [(reverse("cases:case_detail", args=[contact.case_id]), 302)]
    assert messages_of(response) == ["Změny kontaktu byly uloženy."]
    contact.refresh_from_db()
    assert (contact.duration_minutes, contact.form, contact.place, contact.activities, contact.version) == (
        60,
        "phone",
        "other",
        ["counselling"],
        2,
    )


def test_stale_edit_is_refused_and_keeps_the_input(contact, liaison, login):
    seen = _post(contact, liaison, note="Moje verze.")
    services.contact_update(
        contact=contact,
        by=liaison,
        version=contact.version,
        workers=[liaison],
        duration_minutes=90,
    )

    response = login(liaison).post(_url(contact), seen)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == [stale("Kontakt")]
    assert form["note"].value() == "Moje verze."
    contact.refresh_from_db()
    assert (contact.duration_minutes, contact.note, contact.version) == (90, "", 2)
