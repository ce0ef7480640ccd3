"""Optimistic locking for editable records: a save based on what someone else has changed meanwhile is refused.

One mechanism for every record a user edits in a form (localities, projects, platforms, users, …):

- the model inherits `Versioned`: a `version` counter and `stale_message`, the one Czech sentence that names the
  record ("Lokalitu mezitím změnil někdo jiný. …");
- the form inherits `VersionedForm`: a hidden `version` carrying the version the user saw (a ModelForm takes it from
  its instance; a plain form is given it);
- the service calls `lock(obj, version=…)` inside its transaction: the row is re-read under a row lock and its
  version compared with the one the user saw, and it saves through `save_new_version`, which bumps the version.

Every other write to such a row (an import, an activate button, a password set, a bulk `QuerySet.update()` with
`next_version()`) bumps the version too, so a form opened before it becomes stale.

Shifts, field records, clients, cases, contacts, plans and meetings use the same three pieces; a service that
also needs a parent's row lock (a field record's shift, a contact's case and client) names it in `also_lock`.
"""

from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

# A hidden field the user cannot fix: the form says so above itself (also for a tampered or missing version).
INCOMPLETE_FORM = _("Formulář je neúplný. Načtěte stránku znovu.")
STALE_CODE = "stale"

V = TypeVar("V", bound="Versioned")


class Versioned(models.Model):
    """Abstract base of every record edited in a form: the version the optimistic lock compares.

    A concrete model overrides `stale_message` with a sentence naming itself, in the accusative it needs.
    """

    version = models.PositiveIntegerField(_("verze"), default=1, editable=False)

    stale_message = _("Záznam mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte.")

    class Meta:
        abstract = True


def stale_error(obj: "Versioned") -> ValidationError:
    """The error of a save based on an older version (a non-field error: no single field caused it)."""
    return ValidationError(obj.stale_message, code=STALE_CODE)


def lock(
    obj: V,
    *,
    version: int | None,
    queryset: models.QuerySet | None = None,
    also_lock: tuple[str, ...] = (),
) -> V:
    """Re-read `obj`'s row under a row lock (SELECT … FOR UPDATE) and check the version the user saw.

    Returns the current row; the caller changes and saves that one, never `obj` (a ModelForm has already written
    the user's input into it). `version` is the version the edit form carried; None only for writes without a form
    the user filled in (an import, an activate button, a password set): they take the lock and bump the version
    but have nothing to compare. `queryset` adds the caller's select_related; `also_lock` names those of its
    relations whose rows are locked too (a field record's "shift": the shift's own writes wait for the record's).
    Must run inside transaction.atomic.
    """
    # _meta.model rather than type(obj): request.user is a lazy proxy of the user.
    rows = queryset if queryset is not None else obj._meta.model._default_manager.all()
    # OF self: a select_related table (the organisation, the case) is read, not locked, unless named in also_lock.
    current = rows.select_for_update(of=("self", *also_lock)).get(pk=obj.pk)
    if version is not None and current.version != version:
        raise stale_error(current)
    return current


def save_new_version(obj: "Versioned", *, update_fields: list[str] | tuple[str, ...] | None = None) -> None:
    """Save `obj` as its next version (after `lock` and `full_clean`); `update_fields` gains "version"."""
    obj.version += 1
    if update_fields is None:
        obj.save()
    else:
        obj.save(update_fields=[*update_fields, "version"])


def next_version() -> F:
    """For `QuerySet.update(…, version=next_version())`: a bulk write bumps every row it changes."""
    return F("version") + 1


class VersionedForm(forms.Form):
    """Mixin of every form that edits a `Versioned` record: the hidden version the user saw.

    Put it first: `class LocalityForm(VersionedForm, forms.ModelForm)`. A ModelForm takes the version from its
    instance; a plain form is given it, `super().__init__(data, version=referral.version)`. A form that creates
    a record (an unsaved instance, no version given) has no version field. Put `*self.version_layout()` in the
    crispy layout (a layout renders only the fields it names). The version is hidden, so its errors (a tampered or
    missing version) are said above the form, not at an invisible field.
    """

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": INCOMPLETE_FORM, "invalid": INCOMPLETE_FORM, "min_value": INCOMPLETE_FORM},
    )

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if version is None and instance is not None and not instance._state.adding:
            version = instance.version
        if version is None:
            del self.fields["version"]
        else:
            self.fields["version"].initial = version

    def version_layout(self) -> list[str]:
        """The crispy layout entry of the hidden version: none on a form that creates a record."""
        return ["version"] if "version" in self.fields else []

    def clean(self):
        cleaned = super().clean()
        for error in self.errors.pop("version", []):
            self.add_error(None, error)
        return cleaned
