"""core.services.model_update: the listed fields from the data, validated, saved as the next version, audited."""

import pytest
from django.core.exceptions import ValidationError

from audit.choices import AuditAction
from audit.models import AuditEvent
from core.services import model_update
from locations.models import Locality
from tests.locations.factories import LocalityFactory

FIELDS = ("name", "estimated_population", "description")


@pytest.mark.django_db
def test_sets_the_listed_fields_in_the_data_and_saves_them_as_the_next_version():
    locality = LocalityFactory(name="Zátiší", estimated_population=150, description="")

    updated, has_updated = model_update(
        instance=locality, fields=FIELDS, data={"name": "Předlice", "estimated_population": 200}
    )

    assert updated is locality
    assert has_updated is True
    stored = Locality.objects.get(pk=locality.pk)
    assert (stored.name, stored.estimated_population, stored.description, stored.version) == ("Předlice", 200, "", 2)


@pytest.mark.django_db
def test_a_field_missing_from_the_data_keeps_its_value():
    locality = LocalityFactory(description="Ubytovna u nádraží.")

    model_update(instance=locality, fields=FIELDS, data={"name": "Předlice"})

    assert Locality.objects.get(pk=locality.pk).description == "Ubytovna u nádraží."


@pytest.mark.django_db
def test_unchanged_data_still_saves_a_new_version_and_says_nothing_changed():
    locality = LocalityFactory(name="Zátiší")

    _locality, has_updated = model_update(instance=locality, fields=FIELDS, data={"name": "Zátiší"})

    assert has_updated is False
    assert Locality.objects.get(pk=locality.pk).version == 2


@pytest.mark.django_db
def test_a_foreign_key_is_compared_by_its_id():
    locality = LocalityFactory()

    _locality, has_updated = model_update(
        instance=locality, fields=("organisation",), data={"organisation": locality.organisation}
    )

    assert has_updated is False


@pytest.mark.django_db
def test_a_field_not_listed_raises_and_saves_nothing():
    locality = LocalityFactory(name="Zátiší")

    with pytest.raises(TypeError, match="Unknown locality fields: source, version"):
        model_update(instance=locality, fields=FIELDS, data={"name": "Předlice", "version": 9, "source": "x"})

    assert Locality.objects.get(pk=locality.pk).name == "Zátiší"


@pytest.mark.django_db
def test_invalid_data_raises_the_models_error_and_saves_nothing():
    locality = LocalityFactory(name="Zátiší")

    with pytest.raises(ValidationError) as error:
        model_update(instance=locality, fields=FIELDS, data={"name": ""})

    assert list(error.value.message_dict) == ["name"]
    stored = Locality.objects.get(pk=locality.pk)
    assert (stored.name, stored.version) == ("Zátiší", 1)


@pytest.mark.django_db
def test_clean_replaces_full_clean():
    locality = LocalityFactory()
    seen = []

    model_update(instance=locality, fields=FIELDS, data={"name": ""}, clean=seen.append)

    assert seen == [locality]
    assert Locality.objects.get(pk=locality.pk).name == ""


@pytest.mark.django_db
def test_the_audit_log_records_the_changed_fields():
    locality = LocalityFactory(name="Zátiší", estimated_population=150)

    model_update(instance=locality, fields=FIELDS, data={"name": "Předlice", "estimated_population": 150})

    event = AuditEvent.objects.filter(object_id=locality.pk, action=AuditAction.UPDATE).get()
    assert sorted(event.changed_fields) == ["name", "version"]
