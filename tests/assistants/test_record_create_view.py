"""Logging a field record on the tablet: saved at once, once per form (client token), with Czech errors."""

import re
import uuid

import pytest
from django.urls import reverse

from assistants.choices import Outcome
from assistants.models import FieldRecord
from tests.accounts.factories import UserFactory
from tests.assistants.factories import at, category
from tests.assistants.tablet_helpers import (  # noqa: F401 (default_categories is a fixture)
    DAY,
    clock,
    default_categories,
    ended,
    planned_shift,
    record_post,
    started,
    submitted,
)
from tests.locations.factories import LocalityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_categories")]


def _url(shift):
    return reverse("shifts:record_create", args=[shift.pk])


def _post(client, shift, data, moment="11:00"):
    with clock(at(DAY, moment)):
        return client.post(_url(shift), data)


@pytest.fixture
def shift(organisation, apk, colleague, mentor):
    return started(planned_shift(organisation, mentor, [apk, colleague]))


def test_form_preselects_first_planned_locality_and_now(shift, organisation, apk, login):
    LocalityFactory(organisation=organisation, name="Adamov – bytové domy")  # alphabetically first, not planned
    planned = shift.localities.get()

    with clock(at(DAY, "10:47")):
        response = login(apk).get(_url(shift))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["locality"] == planned.pk
    assert form["time"].value().strftime("%H:%M") == "10:47"
    assert [loc.name for loc in form.fields["locality"].queryset] == ["Zátiší – ubytovna", "Adamov – bytové domy"]
    uuid.UUID(form.initial["client_token"])  # a fresh token for this form
    body = response.content.decode()
    assert "Nepište jména obyvatel." in body
    assert 'inputmode="numeric"' in body
    assert '<legend class="form-label fs-6 mb-1">Kategorie' in body
    assert 'class="btn-check"' in body
    assert body.count('type="radio"') == 15
    assert f'data-draft-key="svl:record-draft:{shift.pk}:{form.initial["client_token"]}"' in body


def test_only_the_syringes_category_is_marked_for_the_syringe_count(shift, apk, login):
    body = login(apk).get(_url(shift)).content.decode()
    syringes = category("syringes")
    assert body.count('data-syringes="true"') == 1
    assert re.search(rf'value="{syringes.pk}"[^>]* data-syringes="true"', body)


def test_inactive_and_foreign_localities_are_not_offered(shift, organisation, other_organisation, apk, login):
    LocalityFactory(organisation=organisation, name="Stará kolonie", is_active=False)
    LocalityFactory(organisation=other_organisation, name="Cizí lokalita")

    form = login(apk).get(_url(shift)).context["form"]

    assert [loc.name for loc in form.fields["locality"].queryset] == ["Zátiší – ubytovna"]


def test_record_is_saved_and_the_work_page_confirms_it(shift, apk, login):
    data = record_post(shift, time="09:30", handed_over_to="OSPOD", follow_up="on")

    response = _post(login(apk), shift, data)

    record = FieldRecord.objects.get()
    assert response.status_code == 302
    assert response.url == f"{reverse('shifts:work', args=[shift.pk])}?saved={data['client_token']}"
    assert str(record.client_token) == data["client_token"]
    assert (record.shift, record.author, record.organisation) == (shift, apk, shift.organisation)
    assert record.recorded_at == at(DAY, "09:30")
    assert record.locality == shift.localities.get()
    assert record.category == category("public_order")
    assert (record.persons_involved, record.outcome, record.handed_over_to, record.follow_up) == (
        3,
        Outcome.SOLVED_ON_SPOT,
        "OSPOD",
        True,
    )
    assert record.syringe_count is None


def test_success_message(shift, apk, login):
    response = login(apk).post(_url(shift), record_post(shift), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Záznam byl uložen."]


def test_same_token_twice_saves_one_record(shift, apk, login):
    client = login(apk)
    data = record_post(shift)

    first = _post(client, shift, data)
    second = _post(client, shift, {**data, "description": "Druhé klepnutí."})

    assert FieldRecord.objects.count() == 1
    assert FieldRecord.objects.get().description == "Hlasitá hudba na dvoře ubytovny, domluva se správcem."
    assert first.url == second.url


def test_team_mate_logs_to_the_shared_shift(shift, colleague, login):
    _post(login(colleague), shift, record_post(shift))
    assert FieldRecord.objects.get().author == colleague


def test_free_place_instead_of_a_locality(shift, apk, login):
    _post(login(apk), shift, record_post(shift, locality="", place="Zastávka Nádražní"))
    record = FieldRecord.objects.get()
    assert (record.locality, record.place) == (None, "Zastávka Nádražní")


def test_missing_locality_and_place_is_shown_at_the_locality(shift, apk, login):
    data = record_post(shift, locality="", place="  ")

    response = _post(login(apk), shift, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"locality": ["Vyberte lokalitu, nebo vyplňte jiné místo."]}
    assert not FieldRecord.objects.exists()


def test_invalid_input_is_shown_at_each_field_and_kept(shift, apk, login):
    data = record_post(shift, category="", time="", description="", outcome="", persons_involved="-1")

    response = _post(login(apk), shift, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "category": ["Vyberte kategorii."],
        "time": ["Zadejte čas."],
        "description": ["Popište stručně, co se stalo."],
        "outcome": ["Vyberte výsledek."],
        "persons_involved": ["Hodnota musí být větší nebo rovna 0."],
    }
    body = response.content.decode()
    assert "Vyberte kategorii." in body and "Popište stručně, co se stalo." in body
    # The same token is sent again, so fixing the form and saving still creates exactly one record.
    assert f'value="{data["client_token"]}"' in body
    assert not FieldRecord.objects.exists()


def test_record_after_midnight_on_a_night_shift_gets_the_next_day(organisation, apk, mentor, login):
    shift = planned_shift(organisation, mentor, [apk])
    shift.planned_start, shift.planned_end = at(DAY, "20:00"), at(DAY.replace(day=17), "04:00")
    shift.save()
    shift = started(shift, at_time="20:00")

    _post(login(apk), shift, record_post(shift, time="01:30"), moment="01:45")

    assert FieldRecord.objects.get().recorded_at == at(DAY.replace(day=17), "01:30")


def test_record_of_an_ended_shift_has_no_default_time(organisation, apk, mentor, login):
    shift = ended(planned_shift(organisation, mentor, [apk]))
    form = login(apk).get(_url(shift)).context["form"]
    assert form["time"].value() is None


def test_planned_shift_takes_no_records(organisation, apk, mentor, login):
    shift = planned_shift(organisation, mentor, [apk])
    client = login(apk)

    response = client.get(_url(shift), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Záznamy lze přidávat až po zahájení směny."]

    response = _post(client, shift, record_post(shift))
    assert response.context["form"].non_field_errors() == ["Záznamy lze přidávat až po zahájení směny."]
    assert not FieldRecord.objects.exists()


def test_submitted_shift_takes_no_records(organisation, apk, mentor, login):
    shift = submitted(planned_shift(organisation, mentor, [apk]))
    client = login(apk)

    response = client.get(_url(shift), follow=True)
    assert response.redirect_chain == [(reverse("shifts:work", args=[shift.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Směna je odevzdaná nebo schválená; záznamy už nelze měnit."
    ]

    response = _post(client, shift, record_post(shift))
    assert response.context["form"].non_field_errors() == ["Směna je odevzdaná nebo schválená; záznamy už nelze měnit."]
    assert not FieldRecord.objects.exists()


def test_token_of_another_shifts_record_is_refused(shift, organisation, apk, mentor, login):
    client = login(apk)
    data = record_post(shift)
    _post(client, shift, data)
    other = started(planned_shift(organisation, mentor, [apk], day=DAY.replace(day=17)))

    response = _post(client, other, {**data, "locality": other.localities.get().pk})

    assert response.status_code == 403
    assert FieldRecord.objects.count() == 1


def test_locality_of_another_organisation_is_refused(shift, other_organisation, apk, login):
    foreign = LocalityFactory(organisation=other_organisation)

    response = _post(login(apk), shift, record_post(shift, locality=foreign.pk))

    assert response.context["form"].errors == {"locality": ["Vyberte platnou možnost. Tato není k dispozici."]}


def test_apk_of_another_team_gets_404(shift, organisation, login):
    stranger = UserFactory(organisation=organisation, roles=["apk"])
    client = login(stranger)
    assert client.get(_url(shift)).status_code == 404
    assert _post(client, shift, record_post(shift)).status_code == 404


def test_outsider_gets_404(shift, outsider, login):
    assert login(outsider).get(_url(shift)).status_code == 404
    assert _post(login(outsider), shift, record_post(shift)).status_code == 404
    assert not FieldRecord.objects.exists()


def test_mentor_gets_403(shift, mentor, login):
    assert login(mentor).get(_url(shift)).status_code == 403
    assert _post(login(mentor), shift, record_post(shift)).status_code == 403


def test_login_required(shift, client):
    response = client.get(_url(shift))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_other_methods_are_not_allowed(shift, apk, login):
    assert login(apk).put(_url(shift)).status_code == 405


def test_form_page_query_count(shift, apk, login, django_assert_max_num_queries):
    client = login(apk)
    # +1 since row-level security: the request's set_config (core/rls.py)
    with django_assert_max_num_queries(15):
        client.get(_url(shift))
