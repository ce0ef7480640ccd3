"""The individual plan: created on the first save, edited with its version; a stale save changes nothing."""

import datetime

import pytest
from django.urls import reverse

from cases import services
from cases.models import IndividualPlan
from tests.cases.casework_helpers import add_plan, messages_of, stale

pytestmark = pytest.mark.django_db


def _url(case):
    return reverse("cases:plan_edit", args=[case.pk])


def _post(**overrides):
    data = {
        "goals": "Chci se zbavit lichváře.",
        "steps": "Trestní oznámení, dluhová poradna.",
        "responsible": "klientka: doklady; pracovnice: doprovod",
        "review_on": "2026-04-01",
    }
    data.update(overrides)
    return data


def test_new_plan_is_created(case, liaison, login):
    response = login(liaison).post(_url(case), _post(), follow=True)

    assert response.redirect_chain == [(reverse("cases:case_detail", args=[case.pk]), 302)]
    assert messages_of(response) == ["Individuální plán byl uložen."]
    plan = IndividualPlan.objects.get()
    assert (plan.case, plan.goals, plan.review_on, plan.version) == (
        case,
        "Chci se zbavit lichváře.",
        datetime.date(2026, 4, 1),
        1,
    )


def test_new_plan_form_has_no_version(case, liaison, login):
    body = login(liaison).get(_url(case)).content.decode()

    assert "Nový individuální plán" in body and 'name="version"' not in body


def test_required_fields_are_said_in_czech(case, liaison, login):
    response = login(liaison).post(_url(case), {"goals": "", "steps": "", "review_on": ""})

    assert response.context["form"].errors == {
        "goals": ["Zapište cíle klienta."],
        "steps": ["Zapište kroky k cílům."],
        "review_on": ["Zadejte datum revize plánu."],
    }


def test_existing_plan_is_edited_with_its_version(case, liaison, login):
    plan = add_plan(case, liaison)
    client = login(liaison)

    form = client.get(_url(case)).context["form"]
    response = client.post(_url(case), _post(goals="Nový cíl.", version=plan.version))

    assert form["goals"].value() == "Chci splatit dluh bez lichváře."
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.goals, plan.version) == ("Nový cíl.", 2)


def test_stale_edit_is_refused_and_keeps_the_input(case, liaison, login):
    plan = add_plan(case, liaison)
    seen = _post(goals="Moje verze.", version=plan.version)
    services.plan_save(
        case=case,
        by=liaison,
        version=plan.version,
        goals="Mezitím.",
        steps="x",
        responsible="",
        review_on=datetime.date(2026, 5, 1),
    )

    response = login(liaison).post(_url(case), seen)

    assert response.context["form"].non_field_errors() == [stale("Plán")]
    assert response.context["form"]["goals"].value() == "Moje verze."
    plan.refresh_from_db()
    assert (plan.goals, plan.version) == ("Mezitím.", 2)


def test_plan_created_meanwhile_is_not_overwritten(case, liaison, login):
    """Two workers open the new-plan form; the second save must not overwrite the first."""
    client = login(liaison)
    client.get(_url(case))
    add_plan(case, liaison)

    response = client.post(_url(case), _post(goals="Druhý plán."))

    assert response.context["form"].non_field_errors() == [stale("Plán")]
    assert IndividualPlan.objects.get().goals == "Chci splatit dluh bez lichváře."
