"""Random input for the client-case forms (cases/forms/) and the client list's filters, through their views."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from cases import selectors
from cases.filters import ClientFilter
from cases.forms import (
    AnonymousContactEntryForm,
    CaseCloseForm,
    CaseForm,
    CaseReopenForm,
    ClientCreateForm,
    ClientEditForm,
    ContactEntryForm,
    PlanForm,
    PlanReviewForm,
    ReferralForm,
    ReferralOutcomeForm,
    SocialServiceForm,
)
from cases.models import Case, Client, Contact, IndividualPlan, Referral, SocialService
from tests.cases.casework_helpers import add_contact, add_plan, add_referral, close
from tests.cases.factories import CaseFactory, ClientFactory, ClientIdentityFactory, SocialServiceFactory
from tests.locations.factories import LocalityFactory
from tests.property.fuzz import SHARED_FIXTURES, check_submission, form_data, junk

pytestmark = pytest.mark.django_db


@pytest.fixture
def casework(organisation, liaison):
    """A service, a client of `liaison` with identity, an open case with a contact, a plan and a referral, an open
    case without a plan, and a closed case."""
    service = SocialServiceFactory(organisation=organisation, name="Terénní program Most")
    LocalityFactory(organisation=organisation, name="Předlice")
    client = ClientFactory(organisation=organisation, service=service, code="K-2026-0042", created_by=liaison)
    ClientIdentityFactory(client=client, full_name="Marie Nováková")
    case = CaseFactory(client=client, opened_on=datetime.date(2026, 1, 10), workers=[liaison])
    closed = close(CaseFactory(client=client, opened_on=datetime.date(2026, 1, 10), workers=[liaison]), liaison)
    return SimpleNamespace(
        service=service,
        client=client,
        case=case,
        contact=add_contact(case, liaison),
        plan=add_plan(case, liaison),
        referral=add_referral(case, liaison),
        without_plan=CaseFactory(client=client, opened_on=datetime.date(2026, 3, 1), workers=[liaison]),
        closed=closed,
    )


def _submit(data, http, url, form_class, *, method="post", **kwargs):
    """Draw data for `form_class(**kwargs)`, check it as the view does, and send it with the test client `http`."""
    drawn = data.draw(form_data(form_class(**kwargs)))
    valid = form_class(drawn, **kwargs).is_valid()
    return check_submission(http, url, drawn, valid=valid, method=method)


def _case(case) -> Case:
    return Case.objects.get(pk=case.pk)


# --- clients and services -------------------------------------------------------------------------


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_client_create(data, casework, liaison, client_of):
    post = data.draw(form_data(ClientCreateForm(user=liaison)))
    if data.draw(st.booleans(), label="a name already in the register"):
        post["full_name"] = "Marie Novakova"
    valid = ClientCreateForm(post, user=liaison).is_valid()
    check_submission(client_of(liaison), reverse("cases:client_create"), post, valid=valid)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_client_edit(data, casework, liaison, client_of):
    client = Client.objects.get(pk=casework.client.pk)
    url = reverse("cases:client_edit", args=[client.pk])
    identity = selectors.identity_of(client)
    _submit(data, client_of(liaison), url, ClientEditForm, client=client, identity=identity)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_service_create(data, service_lead, client_of):
    _submit(data, client_of(service_lead), reverse("cases:service_create"), SocialServiceForm)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_service_edit(data, casework, org_admin, client_of):
    service = SocialService.objects.get(pk=casework.service.pk)
    url = reverse("cases:service_edit", args=[service.pk])
    _submit(data, client_of(org_admin), url, SocialServiceForm, instance=service)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_client_list_filters(data, casework, service_lead, client_of):
    query = data.draw(form_data(ClientFilter(queryset=Client.objects.none()).form))
    query.update(data.draw(st.dictionaries(st.just("page"), junk(), max_size=1)))
    check_submission(client_of(service_lead), reverse("cases:client_list"), query, valid=True, method="get")


@pytest.mark.parametrize("url_name", ["anonymous_list", "client_access_log"])
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_keyset_cursors(data, url_name, casework, service_lead, client_of):
    query = data.draw(st.dictionaries(st.sampled_from(["after", "before"]), junk(), max_size=2))
    args = [casework.client.pk] if url_name == "client_access_log" else []
    url = reverse(f"cases:{url_name}", args=args)
    check_submission(client_of(service_lead), url, query, valid=True, method="get")


# --- casework -------------------------------------------------------------------------------------


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_case_create(data, casework, liaison, client_of):
    url = reverse("cases:case_create", args=[casework.client.pk])
    _submit(data, client_of(liaison), url, CaseForm, user=liaison)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_case_edit(data, casework, liaison, client_of):
    url = reverse("cases:case_edit", args=[casework.case.pk])
    _submit(data, client_of(liaison), url, CaseForm, user=liaison, case=_case(casework.case))


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_case_close(data, casework, liaison, client_of):
    url = reverse("cases:case_close", args=[casework.case.pk])
    _submit(data, client_of(liaison), url, CaseCloseForm, case=_case(casework.case))


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_case_reopen(data, casework, liaison, client_of):
    url = reverse("cases:case_reopen", args=[casework.closed.pk])
    _submit(data, client_of(liaison), url, CaseReopenForm, case=_case(casework.closed))


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_contact_create(data, casework, liaison, client_of):
    url = reverse("cases:contact_create", args=[casework.case.pk])
    _submit(data, client_of(liaison), url, ContactEntryForm, user=liaison, case=_case(casework.case))


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_contact_edit(data, casework, liaison, client_of):
    contact = Contact.objects.get(pk=casework.contact.pk)
    url = reverse("cases:contact_edit", args=[contact.pk])
    _submit(data, client_of(liaison), url, ContactEntryForm, user=liaison, case=_case(casework.case), contact=contact)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_anonymous_contact_create(data, casework, liaison, client_of):
    _submit(data, client_of(liaison), reverse("cases:anonymous_create"), AnonymousContactEntryForm, user=liaison)


@pytest.mark.parametrize("with_plan", [False, True])
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_plan_edit(data, with_plan, casework, liaison, client_of):
    case = casework.case if with_plan else casework.without_plan
    plan = IndividualPlan.objects.get(pk=casework.plan.pk) if with_plan else None
    _submit(data, client_of(liaison), reverse("cases:plan_edit", args=[case.pk]), PlanForm, plan=plan)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_plan_review(data, casework, liaison, client_of):
    plan = IndividualPlan.objects.get(pk=casework.plan.pk)
    url = reverse("cases:plan_review", args=[casework.case.pk])
    _submit(data, client_of(liaison), url, PlanReviewForm, plan=plan)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_referral_create(data, casework, liaison, client_of):
    _submit(data, client_of(liaison), reverse("cases:referral_create", args=[casework.case.pk]), ReferralForm)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_referral_outcome(data, casework, liaison, client_of):
    referral = Referral.objects.get(pk=casework.referral.pk)
    url = reverse("cases:referral_edit", args=[referral.pk])
    _submit(data, client_of(liaison), url, ReferralOutcomeForm, referral=referral)
