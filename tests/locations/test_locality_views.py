import datetime

import pytest
from django.urls import reverse

from locations.models import Locality, LocalityObservation
from tests.locations.factories import LocalityFactory, ObservationFactory

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


# --- list ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_shows_the_organisations_localities_with_latest_score(organisation, apk, login):
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    ObservationFactory(locality=locality, observed_on=datetime.date(2026, 10, 1), score=2)
    ObservationFactory(locality=locality, observed_on=datetime.date(2026, 11, 1), score=5)
    response = login(apk).get(reverse("localities:list"))
    assert response.status_code == 200
    row = response.context["page"].object_list[0]
    assert (row.name, row.latest_score, row.latest_observed_on) == ("Předlice", 5, datetime.date(2026, 11, 1))
    assert "1 lokalita" in response.content.decode()


@pytest.mark.django_db
def test_search_ignores_diacritics_and_case(organisation, apk, login):
    LocalityFactory(organisation=organisation, name="Zátiší", municipality_name="Plzeň")
    LocalityFactory(organisation=organisation, name="Chanov", municipality_name="Most", municipality_code="567027")
    response = login(apk).get(reverse("localities:list"), {"q": "PLZEN"})
    assert [loc.name for loc in response.context["page"]] == ["Zátiší"]
    response = login(apk).get(reverse("localities:list"), {"q": "zatisi"})
    assert [loc.name for loc in response.context["page"]] == ["Zátiší"]


@pytest.mark.django_db
def test_filters_by_region_housing_municipality_and_active(organisation, apk, login):
    LocalityFactory(organisation=organisation, name="A", region="CZ032", housing_type="hostel")
    LocalityFactory(
        organisation=organisation, name="B", region="CZ042", housing_type="hostel", municipality_name="Ústí nad Labem"
    )
    LocalityFactory(organisation=organisation, name="C", region="CZ042", housing_type="mixed", is_active=False)
    client = login(apk)

    def names(**params):
        return [loc.name for loc in client.get(reverse("localities:list"), params).context["page"]]

    assert names(region="CZ042") == ["B", "C"]
    assert names(housing_type="hostel") == ["A", "B"]
    assert names(municipality_name="usti") == ["B"]
    assert names(is_active="false") == ["C"]
    assert names(is_active="true") == ["A", "B"]


@pytest.mark.django_db
def test_invalid_filter_value_shows_the_error_not_a_crash(organisation, apk, login):
    LocalityFactory(organisation=organisation)
    response = login(apk).get(reverse("localities:list"), {"region": "CZ999"})
    assert response.status_code == 200
    assert "region" in response.context["filter"].form.errors


@pytest.mark.django_db
def test_list_query_count_does_not_grow_with_rows(organisation, apk, login, django_assert_max_num_queries):
    for _ in range(30):
        ObservationFactory(locality=LocalityFactory(organisation=organisation))
    client = login(apk)
    # session, user with organisation, OTP device, savepoint + release (ATOMIC_REQUESTS), count, page rows
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("localities:list"))
    assert len(response.context["page"].object_list) == 25


@pytest.mark.django_db
def test_list_is_paginated(organisation, apk, login):
    for index in range(27):
        LocalityFactory(organisation=organisation, name=f"Lokalita {index:02d}")
    response = login(apk).get(reverse("localities:list"), {"page": 2})
    assert [loc.name for loc in response.context["page"]] == ["Lokalita 25", "Lokalita 26"]


# --- detail ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_detail_shows_the_timeline_newest_first(organisation, apk, login, django_assert_max_num_queries):
    locality = LocalityFactory(organisation=organisation)
    ObservationFactory(locality=locality, observed_on=datetime.date(2026, 9, 1), note="starší")
    ObservationFactory(locality=locality, observed_on=datetime.date(2026, 11, 1), note="novější")
    client = login(apk)
    # session, user with organisation, OTP device, savepoint + release, locality, timeline
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("localities:detail", args=[locality.pk]))
    assert [o.note for o in response.context["observations"]] == ["novější", "starší"]
    assert response.context["observation_form"] is not None


# --- create and edit -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_coordinator_creates_a_locality_with_decimal_comma(organisation, coordinator, login):
    response = login(coordinator).post(reverse("localities:create"), FORM)
    locality = Locality.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("localities:detail", args=[locality.pk])
    assert locality.organisation == organisation
    assert str(locality.latitude) == "49.747800"
    assert str(locality.longitude) == "13.377600"


@pytest.mark.django_db
def test_invalid_locality_is_rerendered_with_czech_errors_at_the_fields(coordinator, login):
    response = login(coordinator).post(
        reverse("localities:create"), {**FORM, "municipality_code": "12345", "latitude": "52,1"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["municipality_code"] == [
        "Kód obce musí mít 6 číslic a začínat číslicí 5 (číselník obcí ČSÚ), např. 554791."
    ]
    assert errors["latitude"] == ["Zeměpisná šířka 52.1 leží mimo Českou republiku (48.55–51.06)."]
    assert Locality.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_locality_error_is_shown_on_the_form(organisation, coordinator, login):
    LocalityFactory(organisation=organisation, name="Zátiší", municipality_code="554791")
    response = login(coordinator).post(reverse("localities:create"), FORM)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Lokalita s tímto názvem v této obci už v registru je."]


@pytest.mark.django_db
def test_apk_may_not_create_localities(apk, login):
    assert login(apk).get(reverse("localities:create")).status_code == 403
    assert login(apk).post(reverse("localities:create"), FORM).status_code == 403
    assert Locality.objects.count() == 0


@pytest.mark.django_db
def test_mentor_edits_a_locality(organisation, mentor, login):
    locality = LocalityFactory(organisation=organisation, name="Staré jméno")
    response = login(mentor).post(
        reverse("localities:edit", args=[locality.pk]), {**FORM, "name": "Nové jméno", "version": "1"}
    )
    assert response.status_code == 302
    locality.refresh_from_db()
    assert locality.name == "Nové jméno"


# --- deactivate ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_deactivate_and_reactivate(organisation, coordinator, login):
    locality = LocalityFactory(organisation=organisation)
    client = login(coordinator)
    assert client.post(reverse("localities:deactivate", args=[locality.pk])).status_code == 302
    locality.refresh_from_db()
    assert locality.is_active is False
    client.post(reverse("localities:activate", args=[locality.pk]))
    locality.refresh_from_db()
    assert locality.is_active is True


@pytest.mark.django_db
def test_deactivate_refuses_get(organisation, coordinator, login):
    locality = LocalityFactory(organisation=organisation)
    assert login(coordinator).get(reverse("localities:deactivate", args=[locality.pk])).status_code == 405


@pytest.mark.django_db
def test_apk_may_not_deactivate(organisation, apk, login):
    locality = LocalityFactory(organisation=organisation)
    assert login(apk).post(reverse("localities:deactivate", args=[locality.pk])).status_code == 403


# --- observations ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_apk_adds_an_observation(organisation, apk, login):
    locality = LocalityFactory(organisation=organisation)
    response = login(apk).post(
        reverse("localities:observation_create", args=[locality.pk]),
        {"observed_on": "2026-11-20", "score": "4", "problems": ["drugs", "noise"], "note": "Hluk v noci."},
    )
    assert response.status_code == 302
    observation = LocalityObservation.objects.get()
    assert (observation.author, observation.score, observation.problems) == (apk, 4, ["drugs", "noise"])


@pytest.mark.django_db
def test_invalid_observation_is_rerendered_with_errors(organisation, apk, login):
    locality = LocalityFactory(organisation=organisation)
    response = login(apk).post(
        reverse("localities:observation_create", args=[locality.pk]), {"observed_on": "2099-01-01", "score": ""}
    )
    assert response.status_code == 200
    errors = response.context["observation_form"].errors
    assert errors["observed_on"] == ["Datum pozorování nemůže být v budoucnosti."]
    assert "score" in errors
    assert LocalityObservation.objects.count() == 0


@pytest.mark.django_db
def test_no_observations_on_an_inactive_locality(organisation, apk, login):
    locality = LocalityFactory(organisation=organisation, is_active=False)
    response = login(apk).post(
        reverse("localities:observation_create", args=[locality.pk]), {"observed_on": "2026-11-20", "score": "1"}
    )
    assert response.status_code == 403


# --- map -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_map_lists_active_localities_with_coordinates(organisation, apk, login):
    LocalityFactory(organisation=organisation, name="Na mapě")
    LocalityFactory(organisation=organisation, name="Bez polohy", latitude=None, longitude=None)
    LocalityFactory(organisation=organisation, name="Neaktivní", is_active=False)
    response = login(apk).get(reverse("localities:map"))
    assert [p["name"] for p in response.context["points"]] == ["Na mapě"]
    assert b'id="locality-points"' in response.content
