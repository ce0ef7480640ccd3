"""Referrals: to whom (another institution by name), when and why; the outcome is recorded later."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog, Referral
from tests.cases.casework_helpers import add_referral, messages_of

pytestmark = pytest.mark.django_db


def _url(case):
    return reverse("cases:referral_create", args=[case.pk])


def test_form_defaults_to_today(case, liaison, login):
    response = login(liaison).get(_url(case))

    assert response.context["form"]["referred_on"].value() == timezone.localdate()
    body = response.content.decode()
    for label in ("Bílý kruh bezpečí", "Probační a mediační služba", "OSPOD", "La Strada", "dluhová poradna"):
        assert label in body


def test_referral_is_saved(case, liaison, login):
    response = login(liaison).post(
        _url(case),
        {"target": "white_circle", "target_other": "", "referred_on": "2026-02-03", "reason": "Právní pomoc."},
        follow=True,
    )

    assert messages_of(response) == ["Doporučení bylo zapsáno."]
    referral = Referral.objects.get()
    assert (referral.case, referral.target, referral.referred_on, referral.reason) == (
        case,
        "white_circle",
        datetime.date(2026, 2, 3),
        "Právní pomoc.",
    )
    assert "Bílý kruh bezpečí" in response.content.decode()


def test_other_institution_needs_its_name(case, liaison, login):
    response = login(liaison).post(
        _url(case), {"target": "other", "target_other": " ", "referred_on": "2026-02-03", "reason": "Bydlení."}
    )

    assert response.context["form"].errors == {"target_other": ["Uveďte název jiné instituce."]}
    assert not Referral.objects.exists()


def test_name_is_dropped_for_a_listed_institution(case, liaison, login):
    login(liaison).post(
        _url(case), {"target": "pms", "target_other": "Něco", "referred_on": "2026-02-03", "reason": "Mediace."}
    )

    assert Referral.objects.get().target_other == ""


def test_required_fields_are_said_in_czech(case, liaison, login):
    response = login(liaison).post(_url(case), {})

    assert response.context["form"].errors == {
        "target": ["Vyberte, kam klienta doporučujete."],
        "referred_on": ["Zadejte datum doporučení."],
        "reason": ["Uveďte důvod doporučení."],
    }


def test_outcome_is_recorded(case, liaison, login):
    referral = add_referral(case, liaison)
    client = login(liaison)

    page = client.get(reverse("cases:referral_edit", args=[referral.pk]))
    response = client.post(
        reverse("cases:referral_edit", args=[referral.pk]),
        {"outcome": "Splátkový kalendář sjednán.", "version": referral.version},
        follow=True,
    )

    assert "Splátkový kalendář." in page.content.decode()
    assert messages_of(response) == ["Výsledek doporučení byl uložen."]
    referral.refresh_from_db()
    assert referral.outcome == "Splátkový kalendář sjednán."
    assert AccessLog.objects.filter(action="update", object_type="referral").count() == 1


def test_outcome_is_required(case, liaison, login):
    referral = add_referral(case, liaison)

    response = login(liaison).post(
        reverse("cases:referral_edit", args=[referral.pk]), {"outcome": "", "version": referral.version}
    )

    assert response.context["form"].errors == {"outcome": ["Zapište výsledek doporučení."]}
