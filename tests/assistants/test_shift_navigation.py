"""Navigation entries of the planning and review pages, per role; only the most specific entry is current."""

import pytest
from django.urls import reverse


def _nav(response):
    return {item["label"]: item for item in response.context["nav_items"]}


@pytest.mark.django_db
def test_mentor_gets_plan_review_and_shifts(mentor, login):
    nav = _nav(login(mentor).get(reverse("shifts:plan_week")))
    assert nav["Plán směn"]["url"] == reverse("shifts:plan_week")
    assert nav["Ke schválení"]["url"] == reverse("shifts:review_queue")
    assert nav["Směny"]["url"] == reverse("shifts:list")
    assert [label for label, item in nav.items() if item["active"]] == ["Plán směn"]


@pytest.mark.django_db
def test_coordinator_plans_and_lists_but_does_not_review(coordinator, login):
    nav = _nav(login(coordinator).get(reverse("shifts:list")))
    assert {"Plán směn", "Směny"} <= set(nav)
    assert "Ke schválení" not in nav
    assert [label for label, item in nav.items() if item["active"]] == ["Směny"]


@pytest.mark.django_db
def test_org_admin_lists_shifts_only(org_admin, login):
    nav = _nav(login(org_admin).get(reverse("localities:list")))
    assert "Směny" in nav
    assert not {"Plán směn", "Ke schválení"} & set(nav)


@pytest.mark.django_db
def test_apk_gets_none_of_the_mentor_entries(apk, login):
    nav = _nav(login(apk).get(reverse("localities:list")))
    assert not {"Plán směn", "Ke schválení", "Směny"} & set(nav)
