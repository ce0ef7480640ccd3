"""The demo data include casework: a service per organisation, cases, contacts, an overdue plan, referrals."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from cases import selectors, services
from cases.models import AnonymousContact, Case, ClientIdentity, Contact, IndividualPlan, Referral, SocialService

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_each_organisation_has_a_field_programme_service(demo):
    services_by_org = {s.organisation.ico: (s.registration_number, s.kind) for s in SocialService.objects.all()}
    assert services_by_org == {
        "12345679": ("4815162", "field_programmes"),
        "24680133": ("2342108", "field_programmes"),
    }


def test_contacts_below_and_above_the_threshold(demo):
    durations = {
        services.is_intervention(contact, contact.case.client.service)
        for contact in Contact.objects.select_related("case__client__service")
    }
    assert durations == {False, True}


def test_demo_liaison_has_an_overdue_plan_and_referrals(demo):
    liaison = User.objects.get(username="liaison")
    overdue = selectors.overdue_plan_reviews(liaison, today=timezone.localdate())
    assert [case.crime_type for case in overdue] == ["usury"]
    assert Case.objects.filter(status="closed").count() == 1
    assert Referral.objects.count() == 3 and IndividualPlan.objects.count() == 1
    assert AnonymousContact.objects.count() == 3
    assert all(name.endswith("(demo)") for name in ClientIdentity.objects.values_list("full_name", flat=True))
