from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.text import fold
from locations import services
from locations.models import Locality
from tests.locations.factories import LocalityFactory

VALID = {
    "name": "Zátiší",
    "municipality_name": "Plzeň",
    "municipality_code": "554791",
    "region": "CZ032",
    "housing_type": "hostel",
}


def test_fold_removes_czech_diacritics_and_case():
    assert fold("Plzeň – Ústí nad Labem, ŽĎÁR, Říčany") == "plzen – usti nad labem, zdar, ricany"


@pytest.mark.django_db
def test_folded_columns_are_maintained_by_postgresql(organisation):
    locality = services.locality_create(organisation=organisation, **{**VALID, "name": "Předlice ŽIŽKOVA"})
    locality.refresh_from_db()
    assert locality.name_folded == "predlice zizkova"
    assert locality.municipality_folded == "plzen"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["55479", "5547911", "454791", "55479a", ""])
def test_bad_municipality_code_is_refused(organisation, code):
    with pytest.raises(ValidationError) as error:
        services.locality_create(organisation=organisation, **{**VALID, "municipality_code": code})
    assert "municipality_code" in error.value.message_dict
    assert Locality.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("latitude", "longitude", "field", "message"),
    [
        ("48.000000", "14.000000", "latitude", "Zeměpisná šířka 48.000000 leží mimo Českou republiku (48.55–51.06)."),
        ("50.000000", "19.500000", "longitude", "Zeměpisná délka 19.500000 leží mimo Českou republiku (12.09–18.87)."),
    ],
)
def test_coordinates_outside_czechia_are_refused(organisation, latitude, longitude, field, message):
    with pytest.raises(ValidationError) as error:
        services.locality_create(
            organisation=organisation, **VALID, latitude=Decimal(latitude), longitude=Decimal(longitude)
        )
    assert error.value.message_dict[field] == [message]


@pytest.mark.django_db
def test_only_one_coordinate_is_refused(organisation):
    with pytest.raises(ValidationError) as error:
        services.locality_create(organisation=organisation, **VALID, latitude=Decimal("50.1"))
    assert error.value.messages == ["Zadejte zeměpisnou šířku i délku, nebo ani jednu."]


@pytest.mark.django_db
def test_duplicate_natural_key_in_same_organisation_is_refused(organisation):
    services.locality_create(organisation=organisation, **VALID)
    with pytest.raises(ValidationError) as error:
        services.locality_create(organisation=organisation, **VALID)
    assert error.value.messages == ["Lokalita s tímto názvem v této obci už v registru je."]


@pytest.mark.django_db
def test_same_natural_key_in_another_organisation_is_allowed(organisation, other_organisation):
    services.locality_create(organisation=organisation, **VALID)
    services.locality_create(organisation=other_organisation, **VALID)
    assert Locality.objects.count() == 2


@pytest.mark.django_db
def test_deactivation_keeps_the_locality(organisation):
    locality = LocalityFactory(organisation=organisation)
    services.locality_set_active(locality=locality, active=False)
    locality.refresh_from_db()
    assert locality.is_active is False
    assert Locality.objects.filter(pk=locality.pk).exists()


@pytest.mark.django_db
def test_unknown_field_is_a_programming_error(organisation):
    with pytest.raises(TypeError):
        services.locality_create(organisation=organisation, **VALID, colour="red")
