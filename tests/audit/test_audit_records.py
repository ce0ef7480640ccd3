"""Creates, updates and deletes of every app's records reach the audit log (audit/services.py signals).

An update lists the names of the changed fields and never a value; client identity and notes never appear in any
column; a status change is its own action; saving a record costs exactly one extra INSERT.
"""

import datetime
from contextlib import contextmanager

import pytest
from django.db.models import signals

from accounts import services
from accounts.choices import Role
from accounts.models import Organisation
from assistants import services as shift_services
from assistants.choices import Outcome
from audit import receivers, registry
from audit.choices import AuditAction
from audit.models import AuditEvent
from cases import services as case_services
from cases.models import ClientIdentity
from locations import services as locality_services
from locations.models import Locality
from platforms import services as platform_services
from tests.assistants.factories import at, category
from tests.assistants.tablet_helpers import add_record, planned_shift, started
from tests.audit.audit_helpers import audit_log_text, events_of, last_event
from tests.cases.factories import SocialServiceFactory
from tests.locations.factories import LocalityFactory
from tests.platforms.factories import MeetingFactory, PlatformFactory

pytestmark = pytest.mark.django_db

IDENTITY = {"full_name": "Marie Nováková", "birth_year": 1979, "phone": "+420 777 123 456", "address": "Předlická 12"}
CLIENT_NOTE = "Klientka se bojí bývalého partnera."


# --- locations ---------------------------------------------------------------------------------------


def test_locality_create_update_delete_are_recorded_with_field_names_only(organisation):
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    locality = locality_services.locality_update(
        locality=locality, version=locality.version, name="Předlice-sever", description="Tajný popis situace."
    )
    locality_id = locality.pk
    locality.delete()

    stub = Locality(pk=locality_id)
    assert events_of(stub) == [
        (AuditAction.CREATE, "locations.locality", "Předlice", [], ""),
        (AuditAction.UPDATE, "locations.locality", "Předlice-sever", ["version", "name", "description"], ""),
        (AuditAction.DELETE, "locations.locality", "Předlice-sever", [], ""),
    ]
    assert set(AuditEvent.objects.filter(object_id=locality_id).values_list("organisation", flat=True)) == {
        organisation.pk
    }
    assert "Tajný popis situace." not in audit_log_text()


def test_saving_without_a_change_records_nothing(organisation):
    locality = LocalityFactory(organisation=organisation)
    before = AuditEvent.objects.count()

    Locality.objects.get(pk=locality.pk).save()

    assert AuditEvent.objects.count() == before


def test_an_observation_without_its_own_organisation_column_gets_its_localitys(organisation, coordinator):
    locality = LocalityFactory(organisation=organisation)

    observation = locality_services.observation_create(
        locality=locality, author=coordinator, observed_on=datetime.date(2026, 11, 1), score=2, problems=["noise"]
    )

    event = last_event()
    assert (event.action, event.object_type, event.object_id, event.object_repr) == (
        AuditAction.CREATE,
        "locations.localityobservation",
        observation.pk,
        "",
    )
    assert event.organisation_id == organisation.pk


# --- assistants --------------------------------------------------------------------------------------


@pytest.fixture
def running_shift(organisation, mentor, apk):
    return started(planned_shift(organisation, mentor, [apk]))


def test_field_record_create_update_delete_are_recorded(running_shift, apk):
    record = add_record(running_shift, description="Muž u vchodu, předáno MP.")
    shift_services.record_update(
        record=record,
        by=apk,
        version=record.version,
        recorded_at=at(running_shift.date, "09:15"),
        locality=running_shift.localities.first(),
        place="",
        category=category("public_order"),
        description="Opraveno: muž u vchodu.",
        persons_involved=2,
        outcome=Outcome.SOLVED_ON_SPOT,
        handed_over_to="",
        follow_up=False,
        syringe_count=None,
    )
    shift_services.record_delete(record=record, by=apk)

    assert events_of(record) == [
        (AuditAction.CREATE, "assistants.fieldrecord", "", [], ""),
        (AuditAction.UPDATE, "assistants.fieldrecord", "", ["description", "persons_involved", "version"], ""),
        (AuditAction.DELETE, "assistants.fieldrecord", "", [], ""),
    ]
    text = audit_log_text()
    assert "Muž u vchodu" not in text
    assert "muž u vchodu" not in text


def test_a_shift_status_change_is_recorded_as_such(organisation, mentor, apk):
    shift = planned_shift(organisation, mentor, [apk])

    shift_services.shift_start(shift=shift, by=apk, at=at(shift.date, "08:05"))

    event = last_event()
    assert (event.action, event.object_type, event.object_id, event.object_repr) == (
        AuditAction.STATUS_CHANGE,
        "assistants.shift",
        shift.pk,
        "2026-11-16",
    )
    assert event.changed_fields == ["actual_start", "status", "version"]
    assert event.extra == "status: planned → in_progress"
    assert (event.organisation_id, event.user_id) == (organisation.pk, None)  # no request: a service call


def test_many_to_many_changes_name_the_relation(organisation, mentor, apk, colleague):
    shift = planned_shift(organisation, mentor, [apk])

    shift.assistants.add(colleague)
    shift.assistants.remove(apk)

    assert events_of(shift)[-2:] == [
        (AuditAction.UPDATE, "assistants.shift", "2026-11-16", ["assistants"], ""),
        (AuditAction.UPDATE, "assistants.shift", "2026-11-16", ["assistants"], ""),
    ]


# --- cases: client data ------------------------------------------------------------------------------


@pytest.fixture
def client_record(organisation, liaison):
    service = SocialServiceFactory(organisation=organisation)
    return case_services.client_create(
        service=service,
        by=liaison,
        identity=IDENTITY,
        today=datetime.date(2026, 11, 22),
        gender="female",
        age_band="27-64",
        target_group="crime_victims",
        note=CLIENT_NOTE,
    )


def test_client_changes_record_the_code_and_field_names_never_identity_or_notes(client_record, liaison):
    identity = ClientIdentity.objects.get(client=client_record)
    case_services.client_update(
        client=client_record,
        by=liaison,
        version=client_record.version,
        identity={**IDENTITY, "phone": "+420 608 000 111"},
        note="Nově: klientka žije v azylovém domě.",
    )
    case_services.client_anonymise(
        client=client_record, by=None, now=datetime.datetime(2036, 1, 1, tzinfo=datetime.UTC)
    )

    assert events_of(client_record) == [
        (AuditAction.CREATE, "cases.client", "K-2026-0001", [], ""),
        (AuditAction.UPDATE, "cases.client", "K-2026-0001", ["note", "version"], ""),
        (AuditAction.UPDATE, "cases.client", "K-2026-0001", ["note", "anonymised_at"], ""),
    ]
    assert events_of(identity) == [
        (AuditAction.CREATE, "cases.clientidentity", "", [], ""),
        (AuditAction.UPDATE, "cases.clientidentity", "", ["phone"], ""),
        (AuditAction.DELETE, "cases.clientidentity", "", [], ""),
    ]
    text = audit_log_text()
    for value in ["Marie Nováková", "Nováková", "1979", "+420 777 123 456", "+420 608 000 111", "Předlická 12"]:
        assert value not in text
    assert CLIENT_NOTE not in text
    assert "azylovém" not in text


def test_a_case_closing_is_a_status_change_without_the_reason(client_record, liaison):
    case = case_services.case_create(
        client=client_record,
        by=liaison,
        role="victim",
        crime_type="usury",
        opened_on=datetime.date(2026, 1, 10),
        workers=[liaison],
    )
    case_services.case_close(
        case=case,
        by=liaison,
        version=case.version,
        closed_on=datetime.date(2026, 3, 1),
        reason="Klientka se odstěhovala.",
    )

    assert events_of(case) == [
        (AuditAction.CREATE, "cases.case", "", [], ""),
        (AuditAction.UPDATE, "cases.case", "", ["workers"], ""),
        (
            AuditAction.STATUS_CHANGE,
            "cases.case",
            "",
            ["closed_on", "status", "closure_reason", "version"],
            "status: open → closed",
        ),
    ]
    assert "odstěhovala" not in audit_log_text()


# --- platforms ---------------------------------------------------------------------------------------


def test_platform_create_update_delete_are_recorded(organisation, coordinator):
    platform = platform_services.platform_create(
        organisation=organisation,
        name="Platforma Předlice",
        municipality="Ústí nad Labem",
        themes=["security"],
        frequency="monthly",
        coordinator=coordinator,
        description="",
    )
    platform_services.platform_update(
        platform=platform, version=platform.version, themes=["security", "truancy"], is_active=False
    )
    platform_id = platform.pk
    platform.delete()

    assert events_of(platform.__class__(pk=platform_id)) == [
        (AuditAction.CREATE, "platforms.platform", "Platforma Předlice", [], ""),
        (AuditAction.UPDATE, "platforms.platform", "Platforma Předlice", ["version", "themes", "is_active"], ""),
        (AuditAction.DELETE, "platforms.platform", "Platforma Předlice", [], ""),
    ]


def test_finalising_minutes_is_a_status_change(organisation, coordinator):
    meeting = MeetingFactory(platform=PlatformFactory(organisation=organisation, coordinator=coordinator))

    platform_services.meeting_finalise(meeting=meeting, version=meeting.version, by=coordinator)

    event = last_event()
    assert (event.action, event.object_type, event.object_id) == (
        AuditAction.STATUS_CHANGE,
        "platforms.meeting",
        meeting.pk,
    )
    assert event.changed_fields == ["status", "finalised_at", "finalised_by", "version"]
    assert event.extra == "status: draft → final"
    # The status history tables are not audited twice.
    assert not AuditEvent.objects.filter(object_type="platforms.meetingstatuschange").exists()


def test_an_agenda_replaced_in_bulk_leaves_the_meetings_version_change(organisation, coordinator):
    meeting = MeetingFactory(platform=PlatformFactory(organisation=organisation, coordinator=coordinator))
    platform_services.agenda_save(meeting=meeting, version=meeting.version, items=[{"title": "Úvod", "minutes": ""}])
    item = meeting.agenda_items.get()

    platform_services.agenda_save(meeting=meeting, version=meeting.version + 1, items=[{"title": "Jiný bod"}])

    assert events_of(meeting)[-1] == (AuditAction.UPDATE, "platforms.meeting", "", ["version"], "")
    assert events_of(item) == [(AuditAction.DELETE, "platforms.agendaitem", "", [], "")]


# --- svl: users and organisations --------------------------------------------------------------------


def test_user_changes_name_the_fields_and_never_the_password(organisation, org_admin):
    user = services.user_create(
        organisation=organisation,
        username="novak",
        password="Velmi-tajne-heslo-42",
        roles=[Role.APK],
        first_name="Petr",
        last_name="Novák",
    )
    services.user_update(
        user=user,
        acting_user=org_admin,
        version=user.version,
        first_name="Petr",
        last_name="Novák",
        email="novak@example.cz",
        roles=[Role.APK, Role.MENTOR],
        is_active=True,
    )
    services.user_set_password(user=user, password="Jine-tajne-heslo-43")

    assert events_of(user) == [
        (AuditAction.CREATE, "svl.user", "novak", [], ""),
        (AuditAction.ROLE_GRANT, "svl.user", "novak", [], "apk"),
        (AuditAction.UPDATE, "svl.user", "novak", ["version", "email", "roles"], ""),
        (AuditAction.ROLE_GRANT, "svl.user", "novak", [], "mentor"),
        (AuditAction.UPDATE, "svl.user", "novak", ["password", "version"], ""),
    ]
    user.refresh_from_db()
    text = audit_log_text()
    assert "tajne-heslo" not in text
    assert user.password not in text


def test_an_organisation_belongs_to_its_own_events():
    organisation = services.organisation_create(name="Město C", ico="25596641", kind="municipality")

    event = last_event()
    assert (event.action, event.object_type, event.object_id, event.object_repr, event.organisation_id) == (
        AuditAction.CREATE,
        "svl.organisation",
        organisation.pk,
        "Město C",
        organisation.pk,
    )
    assert isinstance(organisation, Organisation)


def test_history_tables_and_the_audit_log_itself_are_not_audited():
    audited = {model._meta.label for model in registry.audited_models()}

    assert {"svl.User", "svl.Organisation", "locations.Locality", "cases.ClientIdentity", "platforms.Task"} <= audited
    assert not audited & {
        "cases.AccessLog",
        "cases.ClientCodeCounter",
        "assistants.ShiftStatusChange",
        "audit.AuditEvent",
    }


# --- the cost of recording ----------------------------------------------------------------------------


@contextmanager
def _without_audit(model):
    uid = f"audit.{model._meta.label}"
    signals.post_save.disconnect(sender=model, dispatch_uid=uid)
    try:
        yield
    finally:
        signals.post_save.connect(receivers._saved, sender=model, dispatch_uid=uid)


def test_saving_a_record_costs_exactly_one_insert(organisation, django_assert_num_queries):
    locality = LocalityFactory(organisation=organisation, name="Předlice")

    # savepoint, the row lock (core/versioning.py), the organisation (full_clean's foreign-key check), the unique key,
    # the coordinates check in its own savepoint pair, the UPDATE, release
    with _without_audit(Locality), django_assert_num_queries(9):
        locality_services.locality_update(locality=locality, version=None, name="Předlice I")
    # the same, plus the audit row and nothing else
    with django_assert_num_queries(10) as captured:
        locality_services.locality_update(locality=locality, version=None, name="Předlice II")

    audit_queries = [query["sql"] for query in captured.captured_queries if "svl_auditevent" in query["sql"]]
    assert len(audit_queries) == 1
    assert audit_queries[0].startswith('INSERT INTO "svl_auditevent"')
    assert events_of(locality)[-1] == (AuditAction.UPDATE, "locations.locality", "Předlice II", ["version", "name"], "")


def test_loading_records_runs_no_audit_query(organisation, django_assert_num_queries):
    LocalityFactory.create_batch(3, organisation=organisation)

    with django_assert_num_queries(1):
        assert len(list(Locality.objects.filter(organisation=organisation))) == 3


def test_an_instance_built_in_python_and_saved_over_a_row_counts_every_field(organisation):
    locality = LocalityFactory(organisation=organisation, name="Předlice")
    rebuilt = Locality(
        **{f.attname: getattr(locality, f.attname) for f in Locality._meta.concrete_fields if not f.generated}
    )
    rebuilt.orp = "Ústí nad Labem"

    rebuilt.save()

    event = last_event()
    assert (event.action, event.object_id) == (AuditAction.UPDATE, locality.pk)
    assert "orp" in event.changed_fields
    assert "name" in event.changed_fields  # the old values were never loaded: every written field counts
