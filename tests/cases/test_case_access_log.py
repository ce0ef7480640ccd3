"""Every view of a case page is written to the access log (the services log the changes)."""

import pytest
from django.urls import reverse

from cases.models import AccessLog
from tests.cases.casework_helpers import add_contact, add_plan, add_referral

pytestmark = pytest.mark.django_db


def _views():
    return list(AccessLog.objects.filter(action="view").values_list("user__username", "object_type", "client__code"))


def test_case_page_view_is_logged(case, liaison, login):
    login(liaison).get(reverse("cases:case_detail", args=[case.pk]))

    log = AccessLog.objects.get(action="view")
    assert (log.user, log.object_type, log.object_id, log.client) == (liaison, "case", case.pk, case.client)
    assert log.organisation_id == case.organisation_id


def test_every_view_is_a_new_row(case, liaison, service_lead, login):
    login(liaison).get(reverse("cases:case_detail", args=[case.pk]))
    login(service_lead).get(reverse("cases:case_detail", args=[case.pk]))
    login(liaison).get(reverse("cases:case_detail", args=[case.pk]))

    assert sorted(_views()) == [
        ("lead", "case", "K-2026-0042"),
        ("liaison", "case", "K-2026-0042"),
        ("liaison", "case", "K-2026-0042"),
    ]


def test_form_pages_log_the_object_they_show(case, liaison, login):
    contact = add_contact(case, liaison)
    plan = add_plan(case, liaison)
    referral = add_referral(case, liaison)
    client = login(liaison)
    pages = [
        (reverse("cases:case_edit", args=[case.pk]), "case", case.pk),
        (reverse("cases:contact_create", args=[case.pk]), "case", case.pk),
        (reverse("cases:contact_edit", args=[contact.pk]), "contact", contact.pk),
        (reverse("cases:plan_edit", args=[case.pk]), "individualplan", plan.pk),
        (reverse("cases:plan_review", args=[case.pk]), "individualplan", plan.pk),
        (reverse("cases:referral_create", args=[case.pk]), "case", case.pk),
        (reverse("cases:referral_edit", args=[referral.pk]), "referral", referral.pk),
    ]
    for url, object_type, object_id in pages:
        AccessLog.objects.filter(action="view").delete()
        assert client.get(url).status_code == 200
        log = AccessLog.objects.get(action="view")
        assert (log.user, log.object_type, log.object_id, log.client) == (liaison, object_type, object_id, case.client)


def test_refused_views_are_not_logged(case, other_liaison, coordinator, outsider, login):
    for user in (other_liaison, coordinator, outsider):
        login(user).get(reverse("cases:case_detail", args=[case.pk]))

    assert _views() == []


def test_saving_logs_the_change_not_a_view(case, liaison, login):
    login(liaison).post(
        reverse("cases:plan_edit", args=[case.pk]),
        {"goals": "Cíl.", "steps": "Krok.", "responsible": "", "review_on": "2026-05-01"},
    )

    assert list(AccessLog.objects.values_list("action", "object_type")) == [("create", "individualplan")]
