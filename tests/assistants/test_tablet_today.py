"""My shift today: the APK's home page with today's shifts and earlier ones still needing action."""

import datetime

import pytest
from django.urls import reverse

from assistants.models import Shift
from tests.accounts.factories import UserFactory
from tests.assistants.factories import at
from tests.assistants.tablet_helpers import DAY, add_record, clock, planned_shift, returned, started, submitted

pytestmark = pytest.mark.django_db
NOW = at(DAY, "07:45")
URL = reverse("shifts:today")


def _get(client):
    with clock(NOW):
        return client.get(URL)


def test_apk_home_page_redirects_to_my_shift_today(apk, login):
    response = login(apk).get(reverse("home"))
    assert response.status_code == 302
    assert response.url == URL


def test_other_roles_keep_the_home_page(coordinator, login):
    assert login(coordinator).get(reverse("home")).status_code == 200


def test_navigation_offers_my_shift_to_apks_only(apk, coordinator, login):
    apk_nav = _get(login(apk)).context["nav_items"]
    assert apk_nav[0] == {"label": "Moje směna", "url": URL, "active": True}
    coordinator_labels = [item["label"] for item in login(coordinator).get(reverse("home")).context["nav_items"]]
    assert "Moje směna" not in coordinator_labels


def test_planned_shift_of_today_shows_plan_and_start_button(organisation, apk, colleague, mentor, login):
    shift = planned_shift(organisation, mentor, [apk, colleague], priorities="Kontrola okolí školy.")

    response = _get(login(apk))

    assert response.status_code == 200
    body = response.content.decode()
    assert list(response.context["shifts"]) == [shift]
    assert "08:00–16:00" in body
    assert "Zátiší – ubytovna" in body
    assert "Kontrola okolí školy." in body
    assert str(colleague) in body and str(mentor) in body
    assert f'action="{reverse("shifts:start", args=[shift.pk])}"' in body
    assert "Zahájit směnu" in body
    assert reverse("shifts:work", args=[shift.pk]) in body


def test_started_shift_offers_no_start_button_and_counts_records(organisation, apk, mentor, login):
    shift = started(planned_shift(organisation, mentor, [apk]))
    add_record(shift)
    add_record(shift, time="10:00")

    response = _get(login(apk))

    body = response.content.decode()
    assert "Zahájit směnu" not in body
    assert '<dd class="col-sm-9" data-testid="record-count">2</dd>' in body


def test_no_shift_today_says_so(apk, login):
    response = _get(login(apk))
    assert "Na dnešek nemáte naplánovanou žádnou směnu." in response.content.decode()


def test_returned_earlier_shift_shows_the_mentors_comment(organisation, apk, mentor, login):
    earlier = returned(planned_shift(organisation, mentor, [apk], day=DAY - datetime.timedelta(days=3)))

    response = _get(login(apk))

    assert response.context["open_shifts"] == [earlier]
    body = response.content.decode()
    assert "Mentor vrátil směnu k opravě:" in body
    assert "Doplňte popis u záznamu z 9:15." in body
    assert reverse("shifts:work", args=[earlier.pk]) in body


def test_earlier_running_shift_is_listed_but_submitted_ones_are_not(organisation, apk, mentor, login):
    running = started(planned_shift(organisation, mentor, [apk], day=DAY - datetime.timedelta(days=1)))
    submitted(planned_shift(organisation, mentor, [apk], day=DAY - datetime.timedelta(days=2)))

    response = _get(login(apk))

    assert response.context["open_shifts"] == [running]


def test_other_apks_shifts_are_not_listed(organisation, apk, colleague, mentor, outsider, login):
    planned_shift(organisation, mentor, [colleague])

    assert list(_get(login(apk)).context["shifts"]) == []
    assert list(_get(login(outsider)).context["shifts"]) == []


def test_login_required(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={URL}"


def test_role_other_than_apk_is_refused(mentor, coordinator, login):
    assert login(mentor).get(URL).status_code == 403
    assert login(coordinator).get(URL).status_code == 403


def test_post_is_not_allowed(apk, login):
    assert login(apk).post(URL).status_code == 405


def test_query_count_does_not_grow_with_shifts_and_records(
    organisation, apk, colleague, mentor, login, django_assert_max_num_queries
):
    client = login(apk)
    shift = started(planned_shift(organisation, mentor, [apk, colleague]))
    returned(planned_shift(organisation, mentor, [apk], day=DAY - datetime.timedelta(days=1)))
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(11) as few:
        _get(client)
    for hour in range(10, 16):
        add_record(shift, time=f"{hour}:00")
    for days_ago in (2, 3, 4):
        returned(planned_shift(organisation, mentor, [apk], day=DAY - datetime.timedelta(days=days_ago)))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = _get(client)
    assert len(response.context["open_shifts"]) == 4
    assert Shift.objects.count() == 5


def test_other_organisations_user_without_apk_role_gets_403(other_organisation, login):
    user = UserFactory(organisation=other_organisation, roles=["mentor"])
    assert login(user).get(URL).status_code == 403
