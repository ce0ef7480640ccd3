"""The shared optimistic lock (core/versioning.py): lock and compare, save as the next version, the form's version."""

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from core.versioning import INCOMPLETE_FORM, VersionedForm, lock, next_version, save_new_version
from locations.forms import LocalityForm
from locations.models import Locality
from tests.locations.factories import LocalityFactory

pytestmark = pytest.mark.django_db

STALE = "Lokalitu mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."


@pytest.fixture
def locality(organisation):
    return LocalityFactory(organisation=organisation, name="Předlice")


def test_lock_returns_the_current_row_when_the_version_is_the_one_seen(locality):
    Locality.objects.filter(pk=locality.pk).update(name="Předlice-sever")

    with transaction.atomic():
        current = lock(locality, version=1)

    assert (current.pk, current.name, current.version) == (locality.pk, "Předlice-sever", 1)
    assert current is not locality


def test_lock_reads_the_row_for_update_of_that_table_only(locality, django_assert_num_queries):
    with transaction.atomic(), django_assert_num_queries(1) as captured:
        lock(locality, version=1, queryset=Locality.objects.select_related("organisation"))

    assert captured.captured_queries[0]["sql"].endswith('FOR UPDATE OF "locations_locality"')


def test_lock_refuses_an_older_version_with_the_records_own_message(locality):
    Locality.objects.filter(pk=locality.pk).update(version=2)

    with transaction.atomic(), pytest.raises(ValidationError) as raised:
        lock(locality, version=1)

    assert (raised.value.messages, raised.value.code) == ([STALE], "stale")


def test_lock_without_a_version_compares_nothing(locality):
    Locality.objects.filter(pk=locality.pk).update(version=7)

    with transaction.atomic():
        assert lock(locality, version=None).version == 7


def test_save_new_version_bumps_and_writes_only_the_named_fields_and_the_version(locality):
    Locality.objects.filter(pk=locality.pk).update(description="Popis kolegy.")
    locality.name, locality.description = "Předlice I", "Zastaralý popis."

    save_new_version(locality, update_fields=["name"])

    locality.refresh_from_db()
    assert (locality.name, locality.description, locality.version) == ("Předlice I", "Popis kolegy.", 2)


def test_save_new_version_without_fields_saves_the_whole_row(locality):
    locality.description = "Nový popis."

    save_new_version(locality)

    locality.refresh_from_db()
    assert (locality.description, locality.version) == ("Nový popis.", 2)


def test_next_version_bumps_every_row_of_a_bulk_update(organisation, locality):
    other = LocalityFactory(organisation=organisation, version=4)

    Locality.objects.filter(pk__in=[locality.pk, other.pk]).update(is_active=False, version=next_version())

    assert dict(Locality.objects.values_list("pk", "version")) == {locality.pk: 2, other.pk: 5}


# --- the form --------------------------------------------------------------------------------------------


class _PlainForm(VersionedForm):
    note = forms.CharField(required=False)


def test_a_model_form_carries_its_instances_version_hidden(locality):
    Locality.objects.filter(pk=locality.pk).update(version=3)
    locality.refresh_from_db()

    form = LocalityForm(instance=locality)

    assert form["version"].value() == 3
    assert form.fields["version"].widget.is_hidden
    assert '<input type="hidden" name="version" value="3"' in render_crispy_form(form)


def test_a_model_form_that_creates_a_record_has_no_version():
    form = LocalityForm()

    assert "version" not in form.fields
    assert form.version_layout() == []


def test_a_plain_form_is_given_the_version():
    assert _PlainForm(version=5)["version"].value() == 5
    assert _PlainForm(version=0)["version"].value() == 0
    assert "version" not in _PlainForm().fields


@pytest.mark.parametrize("posted", [{}, {"version": ""}, {"version": "abc"}, {"version": "-1"}, {"version": "1.5"}])
def test_a_missing_or_tampered_version_is_said_above_the_form(posted):
    form = _PlainForm({"note": "x", **posted}, version=1)

    assert not form.is_valid()
    assert form.errors == {"__all__": [INCOMPLETE_FORM]}
    assert str(INCOMPLETE_FORM) == "Formulář je neúplný. Načtěte stránku znovu."


def test_the_version_the_user_saw_is_the_cleaned_version():
    form = _PlainForm({"note": "x", "version": "4"}, version=9)

    assert form.is_valid()
    assert form.cleaned_data == {"note": "x", "version": 4}
