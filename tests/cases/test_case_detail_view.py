"""The case page: facts by client code, contacts with the intervention badge, the plan and its reviews, referrals."""

import datetime

import pytest
from django.urls import reverse

from tests.cases.casework_helpers import CODE, add_contact, add_plan, add_referral, close

pytestmark = pytest.mark.django_db


def _url(case):
    return reverse("cases:case_detail", args=[case.pk])


def test_page_shows_the_case_by_client_code(case, liaison, login):
    response = login(liaison).get(_url(case))

    assert response.status_code == 200
    body = response.content.decode()
    assert f"<title>Případ {CODE} · SVL</title>" in body
    assert f'<a href="{reverse("cases:client_detail", args=[case.client_id])}">{CODE}</a>' in body
    assert "Případ K-2026-0042 – lichva" in body
    facts = response.context["case"]
    assert (facts.get_role_display(), facts.get_status_display()) == ("oběť", "otevřený")
    assert [str(worker) for worker in response.context["workers"]] == [str(liaison)]
    assert "Intervence od 30 minut." in body


def test_contacts_at_the_threshold_are_interventions(case, service, liaison, login):
    short = add_contact(case, liaison, minutes=29, day=datetime.date(2026, 2, 1))
    exact = add_contact(case, liaison, minutes=30, day=datetime.date(2026, 2, 2))

    response = login(liaison).get(_url(case))

    rows = {row.contact.pk: row.intervention for row in response.context["contacts"]}
    assert rows == {short.pk: False, exact.pk: True}
    body = response.content.decode()
    assert body.count('<span class="badge intervention-badge">Intervence</span>') == 1
    exact_row = body.split(f'data-testid="contact-{exact.pk}"')[1].split("</tr>")[0]
    short_row = body.split(f'data-testid="contact-{short.pk}"')[1].split("</tr>")[0]
    assert "Intervence" in exact_row and "Intervence" not in short_row
    assert "29 min" in short_row and "30 min" in exact_row


def test_threshold_follows_the_service(case, service, liaison, login):
    service.intervention_threshold_minutes = 45
    service.save()
    contact = add_contact(case, liaison, minutes=30)

    response = login(liaison).get(_url(case))

    assert [row.intervention for row in response.context["contacts"]] == [False]
    assert "Intervence od 45 minut." in response.content.decode()
    assert contact.duration_minutes == 30


def test_contact_lists_activities_tasks_and_place(case, liaison, login):
    add_contact(case, liaison, activities=["rights", "counselling"], specific_tasks=["escort_police"])

    response = login(liaison).get(_url(case))

    row = response.context["contacts"][0]
    assert row.activities == [
        "pomoc při uplatňování práv, oprávněných zájmů a při obstarávání osobních záležitostí",
        "základní sociální poradenství",
    ]
    assert row.specific_tasks == ["doprovod na policii"]
    assert "policejní služebna" in response.content.decode()


def test_plan_with_overdue_review_and_referrals_are_shown(case, liaison, login):
    add_plan(case, liaison, review_on=datetime.date(2026, 3, 1))
    add_referral(case, liaison, target="other", target_other="Poradna Naděje", reason="Dluhy.")

    response = login(liaison).get(_url(case))

    body = response.content.decode()
    assert response.context["plan_overdue"] is True
    assert "Chci splatit dluh bez lichváře." in body
    assert '<span class="badge overdue-badge">po termínu</span>' in body
    assert "Poradna Naděje" in body
    assert reverse("cases:plan_review", args=[case.pk]) in body


def test_open_case_shows_its_actions(case, liaison, login):
    body = login(liaison).get(_url(case)).content.decode()

    for name in ("contact_create", "case_edit", "plan_edit", "referral_create", "case_close"):
        assert reverse(f"cases:{name}", args=[case.pk]) in body, name
    assert reverse("cases:case_reopen", args=[case.pk]) not in body


def test_service_lead_sees_every_case_of_the_organisation(case, service_lead, login):
    assert login(service_lead).get(_url(case)).status_code == 200


def test_closed_case_is_read_only(case, liaison, login):
    contact = add_contact(case, liaison)
    referral = add_referral(case, liaison)
    close(case, liaison, reason="Klientka se odstěhovala.")

    response = login(liaison).get(_url(case))

    body = response.content.decode()
    assert "Případ je uzavřený a jen ke čtení. Pro změny ho znovu otevřete." in body
    assert "Klientka se odstěhovala." in body
    for name in ("contact_create", "case_edit", "plan_edit", "referral_create", "case_close", "plan_review"):
        assert reverse(f"cases:{name}", args=[case.pk]) not in body, name
    assert reverse("cases:contact_edit", args=[contact.pk]) not in body
    assert reverse("cases:referral_edit", args=[referral.pk]) not in body
    assert reverse("cases:case_reopen", args=[case.pk]) in body
