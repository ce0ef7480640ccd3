"""The locality form (a ModelForm) refuses control characters at the field, by the model field's validator."""

from django.urls import reverse

from locations.models import Locality

MESSAGE = (
    "Text obsahuje neviditelný řídicí znak {code} ({position}. znak), nejspíš zkopírovaný z jiného programu; smažte ho."
)
FORM = {
    "name": "Zátiší",
    "municipality_name": "Plzeň",
    "municipality_code": "554791",
    "orp": "Plzeň",
    "region": "CZ032",
    "housing_type": "hostel",
    "estimated_population": "120",
    "latitude": "49,7478",
    "longitude": "13,3776",
    "description": "Ubytovna u nádraží.",
    "source": "terénní šetření",
    "source_year": "2025",
}


def test_control_characters_are_refused_at_their_fields_and_nothing_is_saved(coordinator, login):
    data = {**FORM, "name": "Zá\x07tiší", "description": "Ubytovna\r\nu nádraží\x1b."}

    response = login(coordinator).post(reverse("localities:create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": [MESSAGE.format(code="U+0007", position=3)],
        "description": [MESSAGE.format(code="U+001B", position=20)],
    }
    assert not Locality.objects.exists()


def test_line_breaks_in_the_description_are_kept(coordinator, login):
    login(coordinator).post(reverse("localities:create"), {**FORM, "description": "První řádek.\r\nDruhý řádek."})

    assert Locality.objects.get().description == "První řádek.\r\nDruhý řádek."
