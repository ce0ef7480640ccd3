"""Organisation scoping, the one way every read of an organisation's data is limited to the user's organisation.

Row-level security (core/rls.py) enforces the same boundary in the database; this is how the application asks for
it. The organisation model itself lives in accounts; it is named here by its label, as AUTH_USER_MODEL names the user.
"""

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

# The model every organisation-owned record points to (accounts.models.Organisation; app label "svl").
ORGANISATION_MODEL = "svl.Organisation"


class OrganisationQuerySet(models.QuerySet):
    """The one scoping mechanism: every read of organisation-owned data starts with `for_user`.

    `organisation_path` names the lookup from the model to its organisation (a direct foreign key
    for owned records, a path through the parent for child records).
    """

    organisation_path = "organisation"

    def for_organisation(self, organisation_id):
        return self.filter(**{f"{self.organisation_path}_id": organisation_id})

    def for_user(self, user):
        organisation_id = getattr(user, "organisation_id", None)
        if not getattr(user, "is_authenticated", False) or organisation_id is None:
            return self.none()
        return self.for_organisation(organisation_id)


class OrganisationOwned(models.Model):
    """Abstract base of every record owned directly by an organisation."""

    organisation = models.ForeignKey(
        ORGANISATION_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("organizace")
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        abstract = True


def get_for_user_or_404(queryset, user, **lookup):
    """Fetch one object through the organisation scope: another organisation's object is a 404."""
    return get_object_or_404(queryset.for_user(user), **lookup)
