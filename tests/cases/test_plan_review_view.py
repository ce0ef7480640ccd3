"""Reviewing the plan: each review is kept as history with the plan's text as it was; the next date moves on."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import PlanReview
from tests.cases.casework_helpers import add_plan, messages_of, stale

pytestmark = pytest.mark.django_db


def _url(case):
    return reverse("cases:plan_review", args=[case.pk])


@pytest.fixture
def plan(case, liaison):
    return add_plan(case, liaison, review_on=datetime.date(2026, 3, 1))


def test_form_shows_the_plan_and_defaults_to_today(plan, case, liaison, login):
    response = login(liaison).get(_url(case))

    assert response.context["form"]["reviewed_on"].value() == timezone.localdate()
    body = response.content.decode()
    assert "Chci splatit dluh bez lichváře." in body
    assert f'name="version" value="{plan.version}"' in body


def test_reviews_are_kept_as_history(plan, case, liaison, service_lead, login):
    first = login(liaison).post(
        _url(case),
        {
            "reviewed_on": "2026-03-01",
            "summary": "Splátkový kalendář sjednán.",
            "next_review_on": "2026-06-01",
            "version": plan.version,
        },
        follow=True,
    )
    services.plan_save(
        case=case,
        by=liaison,
        version=2,
        goals="Splatit dluh do konce roku.",
        steps="Splátky.",
        responsible="",
        review_on=datetime.date(2026, 6, 1),
    )
    login(service_lead).post(
        _url(case),
        {"reviewed_on": "2026-06-01", "summary": "Splácí včas.", "next_review_on": "2026-09-01", "version": 3},
    )

    assert messages_of(first) == ["Revize plánu byla zapsána."]
    reviews = list(PlanReview.objects.order_by("reviewed_on").values_list("reviewed_by__username", "summary", "goals"))
    assert reviews == [
        ("liaison", "Splátkový kalendář sjednán.", "Chci splatit dluh bez lichváře."),
        ("lead", "Splácí včas.", "Splatit dluh do konce roku."),
    ]
    plan.refresh_from_db()
    assert plan.review_on == datetime.date(2026, 9, 1)
    detail = login(liaison).get(reverse("cases:case_detail", args=[case.pk]))
    assert [review.summary for review in detail.context["reviews"]] == ["Splácí včas.", "Splátkový kalendář sjednán."]


def test_review_form_needs_the_version(plan, case, liaison, login):
    response = login(liaison).post(
        _url(case), {"reviewed_on": "2026-03-01", "summary": "x", "next_review_on": "2026-06-01"}
    )

    assert response.context["form"].non_field_errors() == ["Formulář je neúplný. Načtěte stránku znovu."]
    assert not PlanReview.objects.exists()


def test_next_review_must_follow_the_review(plan, case, liaison, login):
    response = login(liaison).post(
        _url(case),
        {"reviewed_on": "2026-03-01", "summary": "x", "next_review_on": "2026-03-01", "version": plan.version},
    )

    assert response.context["form"].errors == {"next_review_on": ["Příští revize musí být po dnešní revizi."]}


def test_stale_review_is_refused(plan, case, liaison, login):
    data = {"reviewed_on": "2026-03-01", "summary": "Moje.", "next_review_on": "2026-06-01", "version": plan.version}
    services.plan_review(
        plan=plan,
        by=liaison,
        version=plan.version,
        reviewed_on=datetime.date(2026, 3, 1),
        summary="Mezitím.",
        next_review_on=datetime.date(2026, 5, 1),
    )

    response = login(liaison).post(_url(case), data)

    assert response.context["form"].non_field_errors() == [stale("Plán")]
    assert list(PlanReview.objects.values_list("summary", flat=True)) == ["Mezitím."]


def test_case_without_a_plan_goes_to_the_plan_form(case, liaison, login):
    response = login(liaison).get(_url(case), follow=True)

    assert response.redirect_chain == [(reverse("cases:plan_edit", args=[case.pk]), 302)]
    assert messages_of(response) == ["Případ zatím nemá individuální plán; nejdřív ho založte."]
