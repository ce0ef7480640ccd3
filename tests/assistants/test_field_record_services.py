"""Field records: saved at once, idempotent, editable until the shift is submitted, syringe rules."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assistants import services
from assistants.models import FieldRecord
from tests.assistants.factories import ProjectFactory, ShiftFactory, at, category
from tests.locations.factories import LocalityFactory

DAY = datetime.date(2026, 11, 16)


@pytest.fixture
def shift(organisation, apk, mentor):
    project = ProjectFactory(organisation=organisation, mentors=[mentor], assistants=[apk])
    shift = ShiftFactory(organisation=organisation, project=project, mentor=mentor, date=DAY, assistants=[apk])
    return services.shift_start(shift=shift, by=apk, at=at(DAY, "08:00"))


@pytest.fixture
def locality(organisation):
    return LocalityFactory(organisation=organisation)


def _record(shift, apk, locality, token=None, **overrides):
    fields = {
        "recorded_at": at(DAY, "09:15"),
        "locality": locality,
        "place": "",
        "category": category("public_order"),
        "description": "Rušení nočního klidu, domluva.",
        "persons_involved": 3,
        "outcome": "solved_on_spot",
        "handed_over_to": "",
        "follow_up": False,
        "syringe_count": None,
    }
    fields.update(overrides)
    return services.record_create(shift=shift, author=apk, client_token=token or uuid.uuid4(), **fields)


@pytest.mark.django_db
def test_repeated_submit_with_the_same_token_creates_one_record(shift, apk, locality):
    token = uuid.uuid4()
    first, created_first = _record(shift, apk, locality, token)
    again, created_again = _record(shift, apk, locality, token)
    assert (created_first, created_again) == (True, False)
    assert first.pk == again.pk
    assert FieldRecord.objects.count() == 1


@pytest.mark.django_db
def test_syringe_count_is_required_for_syringes_and_refused_otherwise(shift, apk, locality):
    with pytest.raises(ValidationError) as error:
        _record(shift, apk, locality, category=category("syringes"))
    assert error.value.message_dict == {"syringe_count": ["U sběru stříkaček vyplňte jejich počet."]}
    with pytest.raises(ValidationError) as error:
        _record(shift, apk, locality, syringe_count=5)
    assert error.value.message_dict == {
        "syringe_count": ["Počet stříkaček se vyplňuje jen u kategorie sběru stříkaček."]
    }
    record, _ = _record(shift, apk, locality, category=category("syringes"), syringe_count=12)
    assert record.syringe_count == 12


@pytest.mark.django_db
def test_record_needs_a_locality_or_a_place(shift, apk):
    with pytest.raises(ValidationError) as error:
        _record(shift, apk, None)
    assert error.value.message_dict == {"locality": ["Vyberte lokalitu, nebo vyplňte jiné místo."]}
    record, _ = _record(shift, apk, None, place="zastávka Náměstí")
    assert record.place == "zastávka Náměstí"


@pytest.mark.django_db
def test_locality_of_another_organisation_is_refused(shift, apk, other_organisation):
    foreign = LocalityFactory(organisation=other_organisation)
    with pytest.raises(ValidationError) as error:
        _record(shift, apk, foreign)
    assert error.value.message_dict == {"locality": ["Vyberte lokalitu této organizace."]}


@pytest.mark.django_db
def test_records_are_editable_until_submit(shift, apk, locality):
    record, _ = _record(shift, apk, locality)
    record = services.record_update(record=record, by=apk, version=record.version, description="Opraveno.")
    assert record.description == "Opraveno."
    shift = services.shift_end(shift=shift, by=apk, at=at(DAY, "16:00"))
    services.shift_submit(shift=shift, by=apk, version=shift.version, note="")
    with pytest.raises(ValidationError) as error:
        services.record_update(record=record, by=apk, version=record.version, description="Pozdě.")
    assert error.value.messages == ["Směna je odevzdaná nebo schválená; záznamy už nelze měnit."]
    with pytest.raises(ValidationError):
        _record(shift, apk, locality)


@pytest.mark.django_db
def test_stale_record_edit_is_refused(shift, apk, locality):
    record, _ = _record(shift, apk, locality)
    seen = record.version
    services.record_update(record=record, by=apk, version=seen, description="První.")
    with pytest.raises(ValidationError) as error:
        services.record_update(record=record, by=apk, version=seen, description="Druhý.")
    assert error.value.code == "stale"
    record.refresh_from_db()
    assert record.description == "První."


@pytest.mark.django_db
def test_no_records_before_the_shift_starts(organisation, apk, mentor, locality):
    planned = ShiftFactory(organisation=organisation, mentor=mentor, date=DAY, assistants=[apk])
    with pytest.raises(ValidationError) as error:
        _record(planned, apk, locality)
    assert error.value.messages == ["Záznamy lze přidávat až po zahájení směny."]


@pytest.mark.django_db
def test_team_mate_may_add_records_but_another_apk_may_not(shift, apk, colleague, locality, organisation):
    from tests.accounts.factories import UserFactory

    shift.assistants.add(colleague)
    services.record_create(
        shift=shift,
        author=colleague,
        client_token=uuid.uuid4(),
        recorded_at=at(DAY, "10:00"),
        locality=locality,
        place="",
        category=category("help"),
        description="Poradenství k dluhům.",
        persons_involved=1,
        outcome="handed_over",
        handed_over_to="dluhová poradna",
        follow_up=True,
        syringe_count=None,
    )
    stranger = UserFactory(organisation=organisation, username="cizi_apk", roles=["apk"])
    with pytest.raises(PermissionDenied):
        _record(shift, stranger, locality)
