import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from locations import services
from locations.models import LocalityObservation
from tests.locations.factories import LocalityFactory


@pytest.mark.django_db
def test_observation_is_saved_with_sorted_unique_problems(organisation, apk):
    locality = LocalityFactory(organisation=organisation)
    observation = services.observation_create(
        locality=locality,
        author=apk,
        observed_on=datetime.date(2026, 11, 2),
        score=4,
        problems=["waste", "drugs", "waste"],
        note="Černá skládka u garáží.",
    )
    assert observation.problems == ["drugs", "waste"]
    assert observation.get_problem_labels() == ["drogy", "odpad a černé skládky"]


@pytest.mark.django_db
def test_unknown_problem_tag_is_refused(organisation, apk):
    locality = LocalityFactory(organisation=organisation)
    with pytest.raises(ValidationError) as error:
        services.observation_create(
            locality=locality, author=apk, observed_on=datetime.date(2026, 11, 2), score=2, problems=["aliens"]
        )
    assert "problems" in error.value.message_dict


@pytest.mark.django_db
def test_score_outside_1_to_5_is_refused_by_the_database(organisation, apk):
    locality = LocalityFactory(organisation=organisation)
    with pytest.raises(IntegrityError):
        LocalityObservation.objects.create(
            locality=locality, author=apk, observed_on=datetime.date(2026, 1, 1), score=6
        )


@pytest.mark.django_db
def test_locality_with_observations_cannot_be_hard_deleted(organisation, apk):
    from django.db.models import ProtectedError

    locality = LocalityFactory(organisation=organisation)
    services.observation_create(
        locality=locality, author=apk, observed_on=datetime.date(2026, 11, 2), score=1, problems=[]
    )
    with pytest.raises(ProtectedError):
        locality.delete()
