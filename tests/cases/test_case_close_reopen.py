"""Closing a case needs a date and a reason; a closed case is read-only until reopened with a reason."""

import datetime

import pytest
from django.urls import reverse

from cases import services
from cases.models import Contact, IndividualPlan, Referral
from tests.cases.casework_helpers import CLOSED, add_contact, add_plan, add_referral, close, messages_of, stale

pytestmark = pytest.mark.django_db


def _close(case, **data):
    return reverse("cases:case_close", args=[case.pk]), {"version": case.version, **data}


def _detail(case):
    return reverse("cases:case_detail", args=[case.pk])


def test_closing_saves_date_and_reason(case, liaison, login):
    url, data = _close(case, closed_on="2026-05-31", reason="Cíle plánu splněny.")

    response = login(liaison).post(url, data, follow=True)

    assert response.redirect_chain == [(_detail(case), 302)]
    assert messages_of(response) == ["Případ byl uzavřen."]
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.closure_reason) == (
        "closed",
        datetime.date(2026, 5, 31),
        "Cíle plánu splněny.",
    )


def test_reason_is_required_and_said_at_the_field(case, liaison, login):
    url, data = _close(case, closed_on="2026-05-31", reason="  ")

    response = login(liaison).post(url, data)

    assert response.status_code == 200
    form = response.context["close_form"]
    assert form.errors == {"reason": ["Uveďte důvod uzavření případu."]}
    body = response.content.decode()
    assert "Uveďte důvod uzavření případu." in body
    assert '<details class="card mt-4 case-close" open' in body
    case.refresh_from_db()
    assert case.status == "open"


def test_closing_before_opening_is_refused_at_the_date(case, liaison, login):
    url, data = _close(case, closed_on="2026-01-01", reason="Omyl.")

    response = login(liaison).post(url, data)

    assert response.context["close_form"].errors == {"closed_on": ["Případ nemůže být uzavřen před otevřením."]}


def test_stale_close_is_refused(case, liaison, login):
    url, data = _close(case, closed_on="2026-05-31", reason="Konec.")
    services.case_update(
        case=case,
        by=liaison,
        version=case.version,
        role="other",
        crime_type="usury",
        opened_on=case.opened_on,
        workers=[liaison],
    )

    response = login(liaison).post(url, data, follow=True)

    assert messages_of(response) == [stale("Případ")]
    case.refresh_from_db()
    assert case.status == "open"


def test_closed_case_refuses_every_change(case, liaison, login):
    contact = add_contact(case, liaison)
    plan = add_plan(case, liaison)
    referral = add_referral(case, liaison)
    close(case, liaison)
    case.refresh_from_db()
    client = login(liaison)
    posts = {
        reverse("cases:case_edit", args=[case.pk]): {"role": "other"},
        reverse("cases:contact_create", args=[case.pk]): {"duration_minutes": 30},
        reverse("cases:contact_edit", args=[contact.pk]): {"duration_minutes": 30},
        reverse("cases:plan_edit", args=[case.pk]): {"goals": "Nové."},
        reverse("cases:plan_review", args=[case.pk]): {"summary": "Revize."},
        reverse("cases:referral_create", args=[case.pk]): {"target": "pms"},
        reverse("cases:referral_edit", args=[referral.pk]): {"outcome": "Hotovo."},
        reverse("cases:case_close", args=[case.pk]): {"reason": "Znovu.", "version": case.version},
    }
    for url, data in posts.items():
        responses = [client.post(url, data, follow=True)]
        if "/close/" not in url:  # the forms refuse to open too
            responses.append(client.get(url, follow=True))
        for response in responses:
            assert response.redirect_chain[-1] == (_detail(case), 302), url
            assert messages_of(response) == [CLOSED], url
    assert Contact.objects.get() == contact and Contact.objects.get().duration_minutes == 45
    assert IndividualPlan.objects.get().goals == plan.goals
    assert Referral.objects.get().outcome == ""


def test_reopening_needs_a_reason(case, liaison, login):
    close(case, liaison)
    case.refresh_from_db()

    response = login(liaison).post(reverse("cases:case_reopen", args=[case.pk]), {"version": case.version})

    assert response.status_code == 200
    assert response.context["reopen_form"].errors == {"reason": ["Uveďte důvod znovuotevření případu."]}
    case.refresh_from_db()
    assert case.status == "closed"


def test_reopening_opens_the_case_and_keeps_the_history(case, liaison, login):
    close(case, liaison, reason="Klientka se odstěhovala.")
    case.refresh_from_db()

    response = login(liaison).post(
        reverse("cases:case_reopen", args=[case.pk]),
        {"version": case.version, "reason": "Klientka se vrátila."},
        follow=True,
    )

    assert messages_of(response) == ["Případ byl znovu otevřen."]
    case.refresh_from_db()
    assert (case.status, case.closed_on) == ("open", None)
    assert case.closure_reason == (
        "Znovu otevřeno (Klientka se vrátila.); předtím uzavřeno 01.06.2026: Klientka se odstěhovala."
    )
    assert reverse("cases:contact_create", args=[case.pk]) in response.content.decode()


def test_reopening_an_open_case_is_refused(case, liaison, login):
    response = login(liaison).post(
        reverse("cases:case_reopen", args=[case.pk]), {"version": case.version, "reason": "x"}, follow=True
    )

    assert messages_of(response) == ["Případ není uzavřený."]


def test_stale_reopen_is_refused(case, liaison, login):
    close(case, liaison)

    response = login(liaison).post(
        reverse("cases:case_reopen", args=[case.pk]), {"version": 1, "reason": "Nová událost."}, follow=True
    )

    assert messages_of(response) == [stale("Případ")]
    case.refresh_from_db()
    assert case.status == "closed"
