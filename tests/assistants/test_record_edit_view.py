"""Editing and deleting a field record: only while the shift is editable, with the record's version."""

import pytest
from django.urls import reverse

from assistants import services
from assistants.models import FieldRecord
from tests.accounts.factories import UserFactory
from tests.assistants.factories import at, category
from tests.assistants.tablet_helpers import (  # noqa: F401 (default_categories is a fixture)
    DAY,
    add_record,
    default_categories,
    planned_shift,
    record_post,
    returned,
    started,
    submitted,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_categories")]
STALE = "Záznam mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."
LOCKED = "Směna je odevzdaná nebo schválená; záznamy už nelze měnit."


def _url(record, name="record_edit"):
    return reverse(f"shifts:{name}", args=[record.pk])


def _edit_post(record, **overrides):
    return record_post(record.shift, client_token=None, version=record.version, **overrides)


@pytest.fixture
def shift(organisation, apk, colleague, mentor):
    return started(planned_shift(organisation, mentor, [apk, colleague]))


@pytest.fixture
def record(shift):
    return add_record(shift, time="09:15", description="Skupina mladistvých u obchodu.")


def test_form_shows_the_record_with_its_version(record, apk, login):
    response = login(apk).get(_url(record))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["time"].value().strftime("%H:%M") == "09:15"
    assert form["description"].value() == "Skupina mladistvých u obchodu."
    body = response.content.decode()
    assert f'name="version" value="{record.version}"' in body
    assert 'name="client_token"' not in body
    assert f'data-draft-key="svl:record-draft:{record.shift_id}:record-{record.pk}"' in body
    assert f'action="{_url(record, "record_delete")}"' in body


def test_edit_saves_and_bumps_the_version(record, apk, login):
    data = _edit_post(record, time="09:20", description="Skupina mladistvých, domluva s prodavačem.")

    response = login(apk).post(_url(record), data, follow=True)

    assert response.redirect_chain == [
        (f"{reverse('shifts:work', args=[record.shift_id])}?saved=record-{record.pk}", 302)
    ]
    assert [str(m) for m in response.context["messages"]] == ["Změny záznamu byly uloženy."]
    record.refresh_from_db()
    assert (record.recorded_at, record.description, record.version) == (
        at(DAY, "09:20"),
        "Skupina mladistvých, domluva s prodavačem.",
        2,
    )


def test_team_mate_may_correct_the_record(record, colleague, login):
    login(colleague).post(_url(record), _edit_post(record, description="Opraveno kolegou."))
    record.refresh_from_db()
    assert record.description == "Opraveno kolegou."


def test_stale_version_is_refused_and_the_input_kept(record, apk, colleague, login):
    seen = record.version
    services.record_update(record=record, by=colleague, version=seen, description="Změna z druhého tabletu.")

    response = login(apk).post(_url(record), {**_edit_post(record, description="Moje oprava."), "version": seen})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [STALE]
    body = response.content.decode()
    assert STALE in body
    assert "Moje oprava." in body
    record.refresh_from_db()
    assert record.description == "Změna z druhého tabletu."


def test_missing_version_says_reload(record, apk, login):
    data = _edit_post(record)
    del data["version"]

    response = login(apk).post(_url(record), data)

    assert response.context["form"].non_field_errors() == ["Formulář je neúplný. Načtěte stránku znovu."]


def test_invalid_input_is_shown_at_the_field(record, apk, login):
    response = login(apk).post(_url(record), _edit_post(record, description=""))

    assert response.context["form"].errors == {"description": ["Popište stručně, co se stalo."]}
    record.refresh_from_db()
    assert record.version == 1


def test_returned_shift_records_are_editable(shift, record, apk, login):
    returned(shift)
    login(apk).post(_url(record), _edit_post(record, description="Doplněno po vrácení."))
    record.refresh_from_db()
    assert record.description == "Doplněno po vrácení."


def test_records_of_a_submitted_shift_are_not_editable(shift, record, apk, login):
    submitted(shift)
    client = login(apk)

    response = client.get(_url(record), follow=True)
    assert response.redirect_chain == [(reverse("shifts:work", args=[shift.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [LOCKED]
    assert _url(record) not in response.content.decode()  # no edit links

    response = client.post(_url(record), _edit_post(record, description="Pozdní změna."))
    assert response.context["form"].non_field_errors() == [LOCKED]
    record.refresh_from_db()
    assert record.description == "Skupina mladistvých u obchodu."


def test_delete_removes_the_record(record, apk, login):
    response = login(apk).post(_url(record, "record_delete"), follow=True)

    assert response.redirect_chain == [(reverse("shifts:work", args=[record.shift_id]), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Záznam byl smazán."]
    assert not FieldRecord.objects.exists()


def test_delete_after_submit_is_refused(shift, record, apk, login):
    submitted(shift)

    response = login(apk).post(_url(record, "record_delete"), follow=True)

    assert [str(m) for m in response.context["messages"]] == [LOCKED]
    assert FieldRecord.objects.exists()


def test_delete_by_get_is_not_allowed(record, apk, login):
    assert login(apk).get(_url(record, "record_delete")).status_code == 405


def test_edit_by_put_is_not_allowed(record, apk, login):
    assert login(apk).put(_url(record)).status_code == 405


@pytest.mark.parametrize("name", ["record_edit", "record_delete"])
def test_apk_of_another_team_gets_404(name, record, organisation, login):
    stranger = UserFactory(organisation=organisation, roles=["apk"])
    assert login(stranger).post(_url(record, name), _edit_post(record)).status_code == 404
    assert FieldRecord.objects.get().version == 1


@pytest.mark.parametrize("name", ["record_edit", "record_delete"])
def test_outsider_gets_404(name, record, outsider, login):
    assert login(outsider).post(_url(record, name), _edit_post(record)).status_code == 404


@pytest.mark.parametrize("name", ["record_edit", "record_delete"])
def test_mentor_gets_403(name, record, mentor, login):
    assert login(mentor).post(_url(record, name), _edit_post(record)).status_code == 403
    assert FieldRecord.objects.get().version == 1


def test_mentor_may_not_open_the_edit_form(record, mentor, login):
    assert login(mentor).get(_url(record)).status_code == 403


@pytest.mark.parametrize("name", ["record_edit", "record_delete"])
def test_login_required(name, record, client):
    response = client.post(_url(record, name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_syringe_count_can_be_added_by_switching_the_category(record, apk, login):
    data = _edit_post(record, category=category("syringes").pk, syringe_count="9")

    login(apk).post(_url(record), data)

    record.refresh_from_db()
    assert (record.category.code, record.syringe_count) == ("syringes", 9)


def test_record_keeps_a_category_deactivated_since(shift, organisation, apk, login):
    own = services.category_create(organisation=organisation, code="market", name="tržnice")
    record = add_record(shift, category=own)
    services.category_update(category=own, version=own.version, name="tržnice", position=100, is_active=False)

    response = login(apk).post(_url(record), _edit_post(record, category=own.pk, description="Tržnice, klid."))

    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.category, record.description) == (own, "Tržnice, klid.")
