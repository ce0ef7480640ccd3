"""The work page of one shift: plan, actual times, breaks, records, and what the APK may do next."""

import pytest
from django.urls import reverse

from assistants import services
from tests.accounts.factories import UserFactory
from tests.assistants.factories import at, category
from tests.assistants.tablet_helpers import (
    DAY,
    add_record,
    clock,
    ended,
    planned_shift,
    returned,
    started,
    submitted,
)

pytestmark = pytest.mark.django_db


def _url(shift):
    return reverse("shifts:work", args=[shift.pk])


def _get(client, shift):
    with clock(at(DAY, "11:00")):
        return client.get(_url(shift))


def test_planned_shift_shows_plan_and_the_start_button(organisation, apk, colleague, mentor, login):
    shift = planned_shift(organisation, mentor, [apk, colleague], priorities="Kontrola okolí školy.")

    response = _get(login(apk), shift)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Směna 16. 11. 2026 – pochůzka" in body
    assert "08:00–16:00" in body
    assert "Zátiší – ubytovna" in body
    assert "Kontrola okolí školy." in body
    assert str(mentor) in body and str(colleague) in body
    assert "Zahájit směnu" in body
    assert "Přidat záznam" not in body


def test_running_shift_offers_record_break_and_end(organisation, apk, mentor, login):
    shift = started(planned_shift(organisation, mentor, [apk]), at_time="08:05")

    body = _get(login(apk), shift).content.decode()

    assert reverse("shifts:record_create", args=[shift.pk]) in body
    assert "Začít přestávku" in body
    assert "Ukončit směnu" in body
    assert '<dd class="col-8" data-testid="actual-times">08:05–…</dd>' in body
    assert "Probíhá přestávka" not in body
    assert "Odevzdat směnu ke schválení" not in body


def test_running_break_is_shown_with_the_button_to_end_it(organisation, apk, mentor, login):
    shift = started(planned_shift(organisation, mentor, [apk]))
    services.break_start(shift=shift, by=apk, at=at(DAY, "10:15"))

    body = _get(login(apk), shift).content.decode()

    assert "Probíhá přestávka od 10:15." in body
    assert "Ukončit přestávku" in body
    assert "Začít přestávku" not in body


def test_records_are_listed_with_edit_links(organisation, apk, mentor, login):
    shift = started(planned_shift(organisation, mentor, [apk]))
    record = add_record(shift, time="09:15", description="Černá skládka za domem č. 12.")
    syringes = add_record(shift, time="10:40", category=category("syringes"), syringe_count=7, follow_up=True)

    response = _get(login(apk), shift)

    assert response.context["records"] == [record, syringes]
    body = response.content.decode()
    assert "Černá skládka za domem č. 12." in body
    assert "stříkačky: 7" in body
    assert "nutné další řešení" in body
    assert reverse("shifts:record_edit", args=[record.pk]) in body
    assert reverse("shifts:record_edit", args=[syringes.pk]) in body


def test_ended_shift_shows_hours_note_form_and_corrections(organisation, apk, mentor, login):
    shift = ended(planned_shift(organisation, mentor, [apk]), start="08:00", end="15:30")

    response = _get(login(apk), shift)

    body = response.content.decode()
    assert '<dd class="col-8" data-testid="worked-hours">7,50 h</dd>' in body
    assert "Odevzdat směnu ke schválení" in body
    assert f'action="{reverse("shifts:submit", args=[shift.pk])}"' in body
    assert f'action="{reverse("shifts:correct", args=[shift.pk])}"' in body
    assert f'action="{reverse("shifts:break_add", args=[shift.pk])}"' in body
    assert f'name="version" value="{shift.version}"' in body
    assert "Ukončit směnu" not in body


def test_returned_shift_shows_the_comment_and_stays_editable(organisation, apk, mentor, login):
    shift = planned_shift(organisation, mentor, [apk])
    record = add_record(started(shift))
    shift = returned(shift, comment="Chybí výsledek u druhého záznamu.")

    body = _get(login(apk), shift).content.decode()

    assert "Mentor vrátil směnu k opravě:" in body
    assert "Chybí výsledek u druhého záznamu." in body
    assert reverse("shifts:record_edit", args=[record.pk]) in body
    assert "Odevzdat směnu ke schválení" in body


def test_submitted_shift_is_read_only(organisation, apk, mentor, login):
    shift = planned_shift(organisation, mentor, [apk])
    record = add_record(started(shift))
    shift = submitted(shift)

    body = _get(login(apk), shift).content.decode()

    assert "Směna je odevzdaná nebo schválená; záznamy už nelze měnit." in body
    assert reverse("shifts:record_edit", args=[record.pk]) not in body
    assert "Odevzdat směnu ke schválení" not in body


def test_team_mate_sees_the_shared_shift(organisation, apk, colleague, mentor, login):
    shift = started(planned_shift(organisation, mentor, [apk, colleague]))
    assert _get(login(colleague), shift).status_code == 200


def test_apk_of_another_team_gets_404(organisation, apk, colleague, mentor, login):
    shift = planned_shift(organisation, mentor, [colleague])
    assert _get(login(apk), shift).status_code == 404


def test_outsider_gets_404(organisation, apk, mentor, outsider, login):
    shift = planned_shift(organisation, mentor, [apk])
    assert _get(login(outsider), shift).status_code == 404


def test_mentor_who_sees_the_shift_may_not_work_on_it(organisation, apk, mentor, coordinator, login):
    shift = planned_shift(organisation, mentor, [apk])
    assert _get(login(mentor), shift).status_code == 403
    assert _get(login(coordinator), shift).status_code == 403


def test_login_required(organisation, apk, mentor, client):
    shift = planned_shift(organisation, mentor, [apk])
    response = client.get(_url(shift))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_post_is_not_allowed(organisation, apk, mentor, login):
    shift = planned_shift(organisation, mentor, [apk])
    assert login(apk).post(_url(shift)).status_code == 405


def test_query_count_does_not_grow_with_records_or_breaks(
    organisation, apk, colleague, mentor, login, django_assert_max_num_queries
):
    client = login(apk)
    shift = planned_shift(organisation, mentor, [apk, colleague])
    started(shift)
    add_record(shift, time="08:30")
    shift = services.shift_end(shift=shift, by=apk, at=at(DAY, "15:00"))
    with django_assert_max_num_queries(13) as few:
        _get(client, shift)
    for minute in range(10, 40, 5):
        add_record(shift, author=colleague, time=f"09:{minute}", locality=None, place=f"Ulice {minute}")
    for hour in (10, 11, 12):
        services.break_add(
            shift=shift, by=apk, version=shift.version, started_at=at(DAY, f"{hour}:00"), ended_at=at(DAY, f"{hour}:10")
        )
        shift.refresh_from_db()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = _get(client, shift)
    assert len(response.context["records"]) == 7
    assert len(response.context["breaks"]) == 3


def test_another_organisations_apk_gets_404(organisation, other_organisation, apk, mentor, login):
    shift = planned_shift(organisation, mentor, [apk])
    stranger = UserFactory(organisation=other_organisation, roles=["apk"])
    assert _get(login(stranger), shift).status_code == 404
