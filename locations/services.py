"""Writes to the locality registry. Views, imports, commands and the demo seed call these."""

import datetime

from django.db import transaction

from accounts.models import Organisation, User
from core.services import model_update
from core.versioning import lock, save_new_version
from locations.models import Locality, LocalityObservation

LOCALITY_FIELDS = (
    "name",
    "municipality_name",
    "municipality_code",
    "orp",
    "region",
    "housing_type",
    "estimated_population",
    "latitude",
    "longitude",
    "description",
    "is_active",
    "source",
    "source_year",
)


@transaction.atomic
def locality_create(*, organisation: Organisation, **fields) -> Locality:
    unknown = set(fields) - set(LOCALITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown locality fields: {', '.join(sorted(unknown))}")
    locality = Locality(organisation=organisation, **fields)
    locality.full_clean()
    locality.save()
    return locality


@transaction.atomic
def locality_update(*, locality: Locality, version: int | None, **fields) -> Locality:
    """Change a locality; `version` is the one the user's form saw (None for an import, which has no form)."""
    locality = lock(locality, version=version)
    locality, _updated = model_update(instance=locality, fields=LOCALITY_FIELDS, data=fields)
    return locality


@transaction.atomic
def locality_set_active(*, locality: Locality, active: bool) -> Locality:
    """Deactivate (or reactivate) instead of deleting: localities keep their history and records."""
    locality = lock(locality, version=None)
    locality.is_active = active
    save_new_version(locality, update_fields=["is_active", "updated_at"])
    return locality


@transaction.atomic
def observation_create(
    *,
    locality: Locality,
    author: User,
    observed_on: datetime.date,
    score: int,
    problems: list[str],
    note: str = "",
) -> LocalityObservation:
    observation = LocalityObservation(
        locality=locality,
        author=author,
        observed_on=observed_on,
        score=score,
        problems=sorted(set(problems)),
        note=note,
    )
    observation.full_clean()
    observation.save()
    return observation
