"""Reads of the locality registry, always scoped to the requesting user's organisation."""

from django.db.models import OuterRef, Subquery

from locations.models import Locality, LocalityObservation


def locality_list_for(user):
    """The organisation's localities with their latest monitoring score, for the list and exports."""
    latest = LocalityObservation.objects.filter(locality=OuterRef("pk")).order_by("-observed_on", "-id")
    localities = Locality.objects.for_user(user).annotate(
        latest_score=Subquery(latest.values("score")[:1]),
        latest_observed_on=Subquery(latest.values("observed_on")[:1]),
    )
    return localities.order_by("-is_active", "name", "id")


def locality_detail_for(user, pk: int) -> Locality:
    from core.scoping import get_for_user_or_404

    return get_for_user_or_404(Locality.objects.select_related("organisation"), user, pk=pk)


def observation_timeline(locality: Locality, *, limit: int = 100):
    return locality.observations.select_related("author").order_by("-observed_on", "-id")[:limit]


def map_points_for(user):
    """Active localities with coordinates, as plain dicts for the map's JSON."""
    return list(
        Locality.objects.for_user(user)
        .filter(is_active=True, latitude__isnull=False)
        .order_by("name")
        .values("id", "name", "municipality_name", "latitude", "longitude", "housing_type", "estimated_population")
    )
