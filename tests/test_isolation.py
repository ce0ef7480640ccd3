"""Organisation isolation, checked over every URL of the project.

Every URL pattern is classified here. For detail and action URLs, a user of another organisation
holding every role gets 404 on organisation A's object; list pages never show organisation A's rows
to that user. A new URL that is not classified below fails `test_every_url_is_classified`.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.choices import Role
from assistants.models import FieldRecordCategory
from tests.accounts.factories import UserFactory
from tests.assistants.factories import FieldRecordFactory, ProjectFactory, ShiftFactory, at
from tests.locations.factories import LocalityFactory, ObservationFactory

MARKER = "ZZTAJNEORGA"  # appears in every organisation-A record that a list could show


@dataclass
class World:
    """Organisation A's records, one of each kind."""

    locality: object
    user: object
    project: object
    shift: object
    record: object
    category: object
    # Client casework (cases app): a case with a contact, a plan and a referral.
    case: object = None
    contact: object = None
    referral: object = None
    # Coordination platforms (platforms app).
    platform: object = None
    institution: object = None
    representative: object = None
    meeting: object = None
    task: object = None
    output: object = None


def _casework(organisation, locality):
    """Organisation A's case (with contact, plan and referral) and an anonymous contact, for the casework URLs."""
    from cases import services as case_services
    from tests.cases.factories import CaseFactory, ClientFactory, SocialServiceFactory

    worker = UserFactory(organisation=organisation, username=f"{MARKER.lower()}liaison", roles=["liaison"])
    service = SocialServiceFactory(organisation=organisation, name=f"{MARKER} služba")
    client = ClientFactory(organisation=organisation, service=service, created_by=worker, note=f"{MARKER} klient")
    case = CaseFactory(client=client, workers=[worker])
    contact = case_services.contact_create(
        case=case,
        by=worker,
        workers=[worker],
        date=datetime.date(2026, 2, 1),
        duration_minutes=30,
        form="in_person",
        place="other",
        note=f"{MARKER} kontakt",
    )
    case_services.plan_save(
        case=case,
        by=worker,
        version=None,
        goals=f"{MARKER} cíle",
        steps="-",
        responsible="",
        review_on=datetime.date(2026, 3, 1),
    )
    referral = case_services.referral_create(
        case=case, by=worker, target="ospod", target_other="", referred_on=datetime.date(2026, 2, 2), reason=MARKER
    )
    case_services.anonymous_contact_create(
        service=service,
        by=worker,
        date=datetime.date(2026, 2, 1),
        duration_minutes=20,
        persons_count=2,
        locality=locality,
        note=f"{MARKER} anonymní",
    )
    return {"case": case, "contact": contact, "referral": referral}


def _platforms(organisation):
    """Organisation A's coordination platform with a member, a representative, a meeting, a task and an output."""
    from platforms.models import Output, Task
    from tests.platforms.factories import InstitutionFactory, MeetingFactory, PlatformFactory, RepresentativeFactory

    platform = PlatformFactory(organisation=organisation, name=f"{MARKER} platforma")
    institution = InstitutionFactory(platform=platform, name=f"{MARKER} instituce")
    representative = RepresentativeFactory(institution=institution, name=f"{MARKER} zástupce")
    meeting = MeetingFactory(platform=platform)
    task = Task.objects.create(
        organisation=organisation,
        platform=platform,
        meeting=meeting,
        title=f"{MARKER} úkol",
        responsible_institution=institution,
        due_on=datetime.date(2026, 11, 30),
    )
    output = Output.objects.create(
        organisation=organisation, platform=platform, kind="other", title=f"{MARKER} výstup", date=meeting.starts_at
    )
    return {
        "platform": platform,
        "institution": institution,
        "representative": representative,
        "meeting": meeting,
        "task": task,
        "output": output,
    }


@pytest.fixture
def world(organisation):
    locality = LocalityFactory(organisation=organisation, name=f"{MARKER} lokalita", municipality_name=f"{MARKER}ov")
    ObservationFactory(locality=locality, note=f"{MARKER} poznámka")
    user = UserFactory(organisation=organisation, username=f"{MARKER.lower()}user", last_name=MARKER, roles=["apk"])
    mentor = UserFactory(organisation=organisation, username=f"{MARKER.lower()}mentor", roles=["mentor"])
    project = ProjectFactory(organisation=organisation, name=f"{MARKER} projekt", mentors=[mentor], assistants=[user])
    shift = ShiftFactory(
        organisation=organisation,
        project=project,
        mentor=mentor,
        assistants=[user],
        status="in_progress",
        actual_start=at(datetime.date(2026, 11, 16), "08:00"),
        note=f"{MARKER} směna",
    )
    record = FieldRecordFactory(shift=shift, locality=locality, description=f"{MARKER} záznam", author=user)
    category = FieldRecordCategory.objects.create(organisation=organisation, code="vlastni", name=f"{MARKER} kategorie")
    return World(
        locality=locality,
        user=user,
        project=project,
        shift=shift,
        record=record,
        category=category,
        **_casework(organisation, locality),
        **_platforms(organisation),
    )


# Public pages: no login needed, no organisation data.
# The admin's login page only sends to the site's login.
PUBLIC = {"login", "healthz", "admin_login"}

# Pages about the user themself or with no organisation data (still login-protected).
ACCOUNT = {
    "home",
    "logout",
    "password_change",
    "password_change_done",
    "set_language",
    # "Zůstat přihlášen" of the idle-timeout warning (svl/middleware.py): the user's own session.
    "session_keepalive",
    # The user's own second factor (accounts/two_factor/services.py).
    "two_factor:account",
    "two_factor:verify",
    "two_factor:setup",
    "two_factor:recovery_codes",
    "two_factor:recovery_codes_create",
}

# Lists and other organisation-wide pages: name -> query string used for the check.
LIST = {
    "localities:list": "",
    "localities:map": "",
    "localities:export": "format=csv",
    "localities:import": "",
    "users:list": "",
    "users:create": "",
    # The organisation admin's settings of their own organisation.
    "organisation_settings": "",
    # The organisation's audit log and its CSV export (with a filter).
    "audit:list": "",
    "audit:export": "action=create",
    "localities:create": "",
    "shifts:today": "",
    "shifts:list": "",
    "shifts:review_queue": "",
    "shifts:plan_week": "week=2026-11-16",
    "shifts:plan_create": "",
    "shifts:worklog_index": "",
    "shifts:import": "",
    "shifts:project_list": "",
    "shifts:project_create": "",
    "shifts:category_list": "",
    "shifts:category_create": "",
    # Casework: the worker's home page and the organisation's anonymous contacts.
    "cases:home": "",
    "reports:index": "",
    "reports:apk": "",
    "reports:mpsv": "",
    "reports:situation": "od=2026-01-01&do=2026-12-31",
    "cases:client_list": "",
    "cases:client_create": "",
    "cases:service_list": "",
    "cases:service_create": "",
    "cases:anonymous_list": "",
    "cases:anonymous_create": "",
    # Coordination platforms: the organisation's platforms and their open tasks.
    "platforms:list": "",
    "platforms:create": "",
    "platforms:task_list": "",
    "platforms:meeting_list": "",
}
# The lists above that show organisation A's rows to its own users (the positive control).
LIST_WITH_ROWS = {
    "localities:list",
    "localities:map",
    "localities:export",
    "users:list",
    "audit:list",
    "audit:export",
    "shifts:list",
    "shifts:plan_week",
    "shifts:project_list",
    "shifts:category_list",
    "cases:anonymous_list",
    "cases:client_list",
    "cases:service_list",
    "platforms:list",
    "platforms:task_list",
    "platforms:meeting_list",
}

# Pages about one object: name -> kwargs built from organisation A's world.
DETAIL = {
    "localities:detail": lambda w: {"pk": w.locality.pk},
    "localities:edit": lambda w: {"pk": w.locality.pk},
    "users:edit": lambda w: {"pk": w.user.pk},
    "users:password": lambda w: {"pk": w.user.pk},
    "users:two_factor_reset": lambda w: {"pk": w.user.pk},
    "shifts:work": lambda w: {"pk": w.shift.pk},
    "shifts:detail": lambda w: {"pk": w.shift.pk},
    "shifts:plan_edit": lambda w: {"pk": w.shift.pk},
    "shifts:record_create": lambda w: {"pk": w.shift.pk},
    "shifts:record_edit": lambda w: {"pk": w.record.pk},
    "shifts:worklog": lambda w: {"user_id": w.user.pk, "year": 2026, "month": 11},
    "shifts:project_edit": lambda w: {"pk": w.project.pk},
    "shifts:category_edit": lambda w: {"pk": w.category.pk},
    # Casework pages of one case (or its contact / referral), and a new case of a client.
    "cases:case_create": lambda w: {"pk": w.case.client_id},
    "cases:client_detail": lambda w: {"pk": w.case.client_id},
    "cases:client_edit": lambda w: {"pk": w.case.client_id},
    "cases:client_file": lambda w: {"pk": w.case.client_id},
    "cases:client_access_log": lambda w: {"pk": w.case.client_id},
    "cases:service_edit": lambda w: {"pk": w.case.client.service_id},
    "cases:case_detail": lambda w: {"pk": w.case.pk},
    "cases:case_edit": lambda w: {"pk": w.case.pk},
    "cases:contact_create": lambda w: {"pk": w.case.pk},
    "cases:contact_edit": lambda w: {"pk": w.contact.pk},
    "cases:plan_edit": lambda w: {"pk": w.case.pk},
    "cases:plan_review": lambda w: {"pk": w.case.pk},
    "cases:referral_create": lambda w: {"pk": w.case.pk},
    "cases:referral_edit": lambda w: {"pk": w.referral.pk},
    # Coordination platforms: a platform, its members, a task, outputs (views/platforms.py).
    "platforms:detail": lambda w: {"pk": w.platform.pk},
    "platforms:edit": lambda w: {"pk": w.platform.pk},
    "platforms:institution_create": lambda w: {"pk": w.platform.pk},
    "platforms:institution_edit": lambda w: {"pk": w.institution.pk},
    "platforms:representative_create": lambda w: {"pk": w.institution.pk},
    "platforms:representative_edit": lambda w: {"pk": w.representative.pk},
    "platforms:task_detail": lambda w: {"pk": w.task.pk},
    "platforms:output_create": lambda w: {"pk": w.platform.pk},
    "platforms:output_download": lambda w: {"pk": w.output.pk},
    # Meetings (views/meetings.py).
    "platforms:meeting_create": lambda w: {"pk": w.platform.pk},
    "platforms:meeting_detail": lambda w: {"pk": w.meeting.pk},
    "platforms:meeting_edit": lambda w: {"pk": w.meeting.pk},
    "platforms:meeting_agenda": lambda w: {"pk": w.meeting.pk},
    "platforms:meeting_attendance": lambda w: {"pk": w.meeting.pk},
    "platforms:case_discussion_create": lambda w: {"pk": w.meeting.pk},
    "platforms:task_create": lambda w: {"pk": w.meeting.pk},
    "platforms:minutes_pdf": lambda w: {"pk": w.meeting.pk},
}

# State-changing endpoints on one object (POST): name -> kwargs.
ACTION = {
    "localities:deactivate": lambda w: {"pk": w.locality.pk},
    "localities:activate": lambda w: {"pk": w.locality.pk},
    "localities:observation_create": lambda w: {"pk": w.locality.pk},
    # The confirm step takes a token of the uploader's own import; another user's token is a 404.
    "localities:import_confirm": lambda w: {},
    "shifts:start": lambda w: {"pk": w.shift.pk},
    "shifts:break_start": lambda w: {"pk": w.shift.pk},
    "shifts:break_end": lambda w: {"pk": w.shift.pk},
    "shifts:break_add": lambda w: {"pk": w.shift.pk},
    "shifts:break_delete": lambda w: {"pk": w.shift.pk, "break_id": 1},
    "shifts:end": lambda w: {"pk": w.shift.pk},
    "shifts:correct": lambda w: {"pk": w.shift.pk},
    "shifts:submit": lambda w: {"pk": w.shift.pk},
    "shifts:record_delete": lambda w: {"pk": w.record.pk},
    "shifts:approve": lambda w: {"pk": w.shift.pk},
    "shifts:return": lambda w: {"pk": w.shift.pk},
    "shifts:reopen": lambda w: {"pk": w.shift.pk},
    "shifts:plan_cancel": lambda w: {"pk": w.shift.pk},
    "cases:case_close": lambda w: {"pk": w.case.pk},
    "users:unlock": lambda w: {"pk": w.user.pk},
    "platforms:task_review": lambda w: {"pk": w.meeting.pk, "task_id": w.task.pk},
    "platforms:meeting_finalise": lambda w: {"pk": w.meeting.pk},
    "platforms:meeting_reopen": lambda w: {"pk": w.meeting.pk},
    "cases:case_reopen": lambda w: {"pk": w.case.pk},
    # No object in the URL: the posted ids / token are looked up in the user's own scope (404 otherwise).
    "shifts:approve_many": lambda w: {},
    "reports:apk_narrative": lambda w: {},
    "shifts:import_confirm": lambda w: {},
}
# POST data of the actions above that name organisation A's objects in the body rather than the URL.
ACTION_DATA = {
    "reports:apk_narrative": lambda w: {"project": w.project.pk, "od": "2026-01-01", "do": "2026-12-31", "text": "x"},
    "shifts:approve_many": lambda w: {"shifts": [w.shift.pk]},
}

# Actions that only ever touch the user's own records (nothing of another organisation can be named).
OWN_ACTION = {"shifts:copy_week"}

ADMIN_NAMESPACE = "admin"  # Django admin: superusers only, outside the organisation model.


def _url_names(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            child_namespace = namespace
            if entry.namespace:
                child_namespace = f"{namespace}{entry.namespace}:"
            yield from _url_names(entry.url_patterns, child_namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"
        elif isinstance(entry, URLPattern):
            yield f"{namespace}<unnamed {entry.pattern}>"


def all_url_names():
    return {name for name in _url_names(get_resolver().url_patterns) if not name.startswith(f"{ADMIN_NAMESPACE}:")}


def test_every_url_is_classified():
    classified = PUBLIC | ACCOUNT | OWN_ACTION | set(LIST) | set(DETAIL) | set(ACTION)
    unclassified = all_url_names() - classified
    assert not unclassified, f"Classify these URLs in tests/test_isolation.py: {sorted(unclassified)}"
    stale = classified - all_url_names()
    assert not stale, f"These classified URLs no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("name", sorted(DETAIL))
def test_outsider_gets_404_on_detail(name, world, outsider, login):
    url = reverse(name, kwargs=DETAIL[name](world))
    response = login(outsider).get(url)
    assert response.status_code == 404, f"{name} returned {response.status_code} to another organisation"


@pytest.mark.parametrize("name", sorted(ACTION))
def test_outsider_gets_404_on_action(name, world, outsider, login):
    url = reverse(name, kwargs=ACTION[name](world))
    data = ACTION_DATA[name](world) if name in ACTION_DATA else {}
    response = login(outsider).post(url, data)
    assert response.status_code == 404, f"{name} returned {response.status_code} to another organisation"


@pytest.mark.parametrize("name", sorted(LIST))
def test_lists_never_show_another_organisations_rows(name, world, outsider, login):
    url = reverse(name)
    query = LIST[name]
    response = login(outsider).get(f"{url}?{query}" if query else url)
    assert response.status_code == 200, f"{name} returned {response.status_code}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert MARKER.encode() not in body
    assert MARKER.lower().encode() not in body


@pytest.mark.parametrize("name", sorted(LIST_WITH_ROWS))
def test_lists_show_own_rows_to_the_owner(name, world, organisation, login):
    """The positive control: the marker check above would catch organisation A's rows."""
    owner = UserFactory(organisation=organisation, username="owner", roles=list(Role.values))
    url = reverse(name)
    query = LIST[name]
    response = login(owner).get(f"{url}?{query}" if query else url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert MARKER.encode() in body


@pytest.mark.parametrize("name", sorted(set(DETAIL) | set(LIST) | ACCOUNT - {"logout", "set_language"}))
def test_login_required(name, world, client):
    kwargs = DETAIL[name](world) if name in DETAIL else {}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
