"""Editing a case with the version the user saw: a stale version changes nothing and keeps the input."""

import datetime

import pytest
from django.urls import reverse

from cases import services
from tests.cases.casework_helpers import CLOSED, OPENED, close, messages_of, stale

pytestmark = pytest.mark.django_db


def _url(case):
    return reverse("cases:case_edit", args=[case.pk])


def _post(case, *workers, **overrides):
    data = {
        "role": "witness",
        "crime_type": "pimping",
        "opened_on": "2026-01-05",
        "workers": [worker.pk for worker in workers],
        "version": case.version,
    }
    data.update(overrides)
    return data


def test_form_shows_the_case_with_its_version(case, liaison, login):
    response = login(liaison).get(_url(case))

    form = response.context["form"]
    assert (form["role"].value(), form["crime_type"].value(), form["opened_on"].value()) == ("victim", "usury", OPENED)
    assert form["workers"].value() == [liaison.pk]
    assert f'name="version" value="{case.version}"' in response.content.decode()


def test_edit_saves_and_bumps_the_version(case, liaison, other_liaison, login):
    response = login(liaison).post(_url(case), _post(case, liaison, other_liaison), follow=True)

    assert response.redirect_chain == [(reverse("cases:case_detail", args=[case.pk]), 302)]
    assert messages_of(response) == ["Změny případu byly uloženy."]
    case.refresh_from_db()
    assert (case.role, case.crime_type, case.opened_on, case.version) == (
        "witness",
        "pimping",
        datetime.date(2026, 1, 5),
        2,
    )
    assert set(case.workers.all()) == {liaison, other_liaison}


def test_stale_edit_is_refused_keeps_the_input_and_changes_nothing(case, liaison, login):
    seen = _post(case, liaison, crime_type="fraud")
    services.case_update(
        case=case,
        by=liaison,
        version=case.version,
        role="other",
        crime_type="violence",
        opened_on=OPENED,
        workers=[liaison],
    )

    response = login(liaison).post(_url(case), seen)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [stale("Případ")]
    assert response.context["form"]["crime_type"].value() == "fraud"
    case.refresh_from_db()
    assert (case.role, case.crime_type, case.version) == ("other", "violence", 2)


def test_missing_version_is_said_above_the_form(case, liaison, login):
    data = _post(case, liaison)
    del data["version"]

    response = login(liaison).post(_url(case), data)

    assert response.context["form"].non_field_errors() == ["Formulář je neúplný. Načtěte stránku znovu."]
    case.refresh_from_db()
    assert case.version == 1


def test_closed_case_cannot_be_edited(case, liaison, login):
    close(case, liaison)
    case.refresh_from_db()
    client = login(liaison)

    get = client.get(_url(case), follow=True)
    post = client.post(_url(case), _post(case, liaison), follow=True)

    for response in (get, post):
        assert response.redirect_chain == [(reverse("cases:case_detail", args=[case.pk]), 302)]
        assert messages_of(response) == [CLOSED]
    case.refresh_from_db()
    assert (case.role, case.crime_type) == ("victim", "usury")


def test_removing_myself_sends_me_home(case, liaison, other_liaison, login):
    response = login(liaison).post(_url(case), _post(case, other_liaison), follow=True)

    assert response.redirect_chain == [(reverse("cases:home"), 302)]
    assert messages_of(response) == ["Změny případu byly uloženy.", "K případu už nejste přiděleni, proto ho nevidíte."]
