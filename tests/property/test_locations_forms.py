"""Random input for the locality forms (locations/forms.py) and the locality list's filters, through their views."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from locations.filters import LocalityFilter
from locations.forms import LocalityForm, LocalityImportConfirmForm, LocalityImportForm, ObservationForm
from locations.models import Locality
from tests.locations.factories import LocalityFactory
from tests.property.fuzz import SHARED_FIXTURES, check_submission, form_data, junk
from tests.property.tables import LOCALITY_COLUMNS, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def locality(organisation):
    return LocalityFactory(organisation=organisation, name="Předlice")


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_locality_create(data, coordinator, client_of):
    post = data.draw(form_data(LocalityForm()))
    check_submission(client_of(coordinator), reverse("localities:create"), post, valid=LocalityForm(post).is_valid())


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_locality_edit(data, locality, mentor, client_of):
    post = data.draw(form_data(LocalityForm(instance=Locality.objects.get(pk=locality.pk))))
    valid = LocalityForm(post, instance=Locality.objects.get(pk=locality.pk)).is_valid()
    check_submission(client_of(mentor), reverse("localities:edit", args=[locality.pk]), post, valid=valid)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_observation_create(data, locality, apk, client_of):
    post = data.draw(form_data(ObservationForm()))
    url = reverse("localities:observation_create", args=[locality.pk])
    check_submission(client_of(apk), url, post, valid=ObservationForm(post).is_valid())


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_locality_list_filters(data, locality, liaison, client_of):
    query = data.draw(form_data(LocalityFilter(queryset=Locality.objects.none()).form))
    query.update(data.draw(st.dictionaries(st.sampled_from(["page", "format"]), junk(), max_size=2)))
    check_submission(client_of(liaison), reverse("localities:list"), query, valid=True, method="get")


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_locality_import_upload(data, locality, coordinator, client_of):
    name, content = data.draw(upload(LOCALITY_COLUMNS))
    valid = LocalityImportForm({}, {"file": SimpleUploadedFile(name, content)}).is_valid()
    post = {"file": SimpleUploadedFile(name, content)}
    check_submission(client_of(coordinator), reverse("localities:import"), post, valid=valid)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_locality_import_confirm(data, coordinator, client_of):
    post = data.draw(form_data(LocalityImportConfirmForm()))
    valid = LocalityImportConfirmForm(post).is_valid()
    check_submission(client_of(coordinator), reverse("localities:import_confirm"), post, valid=valid)
