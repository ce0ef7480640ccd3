"""The syringe count through the record form: required for the syringes category, refused for any other."""

import pytest
from django.urls import reverse

from assistants.models import FieldRecord
from tests.assistants.factories import category
from tests.assistants.tablet_helpers import (  # noqa: F401 (default_categories is a fixture)
    default_categories,
    planned_shift,
    record_post,
    started,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_categories")]


@pytest.fixture
def shift(organisation, apk, mentor):
    return started(planned_shift(organisation, mentor, [apk]))


def _post(client, shift, **overrides):
    return client.post(reverse("shifts:record_create", args=[shift.pk]), record_post(shift, **overrides))


def test_syringes_with_a_count_are_saved(shift, apk, login):
    response = _post(login(apk), shift, category=category("syringes").pk, syringe_count="14")

    assert response.status_code == 302
    assert FieldRecord.objects.get().syringe_count == 14


def test_syringes_without_a_count_are_refused_at_the_field(shift, apk, login):
    response = _post(login(apk), shift, category=category("syringes").pk, syringe_count="")

    assert response.status_code == 200
    assert response.context["form"].errors == {"syringe_count": ["U sběru stříkaček vyplňte jejich počet."]}
    assert "U sběru stříkaček vyplňte jejich počet." in response.content.decode()
    assert not FieldRecord.objects.exists()


def test_a_count_for_another_category_is_refused_at_the_field(shift, apk, login):
    response = _post(login(apk), shift, category=category("cleanliness").pk, syringe_count="3")

    assert response.context["form"].errors == {
        "syringe_count": ["Počet stříkaček se vyplňuje jen u kategorie sběru stříkaček."]
    }
    assert not FieldRecord.objects.exists()


def test_zero_syringes_are_refused(shift, apk, login):
    response = _post(login(apk), shift, category=category("syringes").pk, syringe_count="0")

    assert response.context["form"].errors == {"syringe_count": ["Hodnota musí být větší nebo rovna 1."]}
