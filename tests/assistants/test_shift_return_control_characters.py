"""The return comment of a shift (a plain form; the service saved it without model validation) refuses control
characters at the comment field, and the service refuses them for any other caller too."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistants import services
from assistants.choices import ShiftStatus
from tests.assistants.review_helpers import mentored_project, submitted_shift

pytestmark = pytest.mark.django_db

MESSAGE = (
    "Text obsahuje neviditelný řídicí znak {code} ({position}. znak), nejspíš zkopírovaný z jiného programu; smažte ho."
)


@pytest.fixture
def shift(organisation, mentor, apk):
    return submitted_shift(mentored_project(organisation, mentor, [apk]), mentor, [apk])


def test_return_comment_with_a_control_character_is_refused_at_the_comment(shift, mentor, login):
    data = {"comment": "Doplňte\x1b výsledek.", "version": shift.version}

    response = login(mentor).post(reverse("shifts:return", args=[shift.pk]), data)

    assert response.status_code == 200
    assert response.context["return_form"].errors == {"comment": [MESSAGE.format(code="U+001B", position=8)]}
    shift.refresh_from_db()
    assert (shift.status, shift.return_comment) == (ShiftStatus.SUBMITTED, "")


def test_the_return_service_refuses_a_control_character_in_the_comment(shift, mentor):
    with pytest.raises(ValidationError) as raised:
        services.shift_return(shift=shift, by=mentor, version=shift.version, comment="Doplňte\x07.")

    assert raised.value.message_dict == {"comment": [MESSAGE.format(code="U+0007", position=8)]}
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.SUBMITTED
