"""Abstract model bases shared by the apps. Core has no tables: every model here is abstract."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusChange(models.Model):
    """A row of a record's status history: who changed it and when, oldest first.

    The concrete model adds the foreign key to its record, the status fields with its own choices and its
    comment or reason, and a `__str__` naming them.
    """

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("změnil")
    )
    changed_at = models.DateTimeField(_("kdy"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["changed_at", "id"]
