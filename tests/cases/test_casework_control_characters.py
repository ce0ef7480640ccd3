"""Casework's plain forms (their text reaches cases.services) show a control character at their own field, by the
service's full_clean (referrals) or by the field's own validator (the closing reason), and save nothing."""

import pytest
from django.urls import reverse

from cases.models import Referral

pytestmark = pytest.mark.django_db

MESSAGE = (
    "Text obsahuje neviditelný řídicí znak {code} ({position}. znak), nejspíš zkopírovaný z jiného programu; smažte ho."
)


def test_control_characters_are_refused_at_the_referral_fields(case, liaison, login):
    data = {"target": "other", "target_other": "Azylový\x07 dům", "referred_on": "2026-02-03", "reason": "Bydlení\x1b."}

    response = login(liaison).post(reverse("cases:referral_create", args=[case.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "target_other": [MESSAGE.format(code="U+0007", position=8)],
        "reason": [MESSAGE.format(code="U+001B", position=8)],
    }
    assert not Referral.objects.exists()


def test_control_character_in_the_closing_reason_is_refused_at_the_reason(case, liaison, login):
    data = {"version": case.version, "closed_on": "2026-05-31", "reason": "Cíle\x07 splněny."}

    response = login(liaison).post(reverse("cases:case_close", args=[case.pk]), data)

    assert response.status_code == 200
    # Before, the model's error named closure_reason and stood above the form, not at the reason.
    assert response.context["close_form"].errors == {"reason": [MESSAGE.format(code="U+0007", position=5)]}
    case.refresh_from_db()
    assert (case.status, case.closure_reason) == ("open", "")
